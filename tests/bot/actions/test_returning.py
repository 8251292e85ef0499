"""Returning residents' actions (bot/actions/returning.py) with a rasa_sdk Tracker and a
CollectingDispatcher, against a small real aiohttp server playing the backend's returning-resident
endpoints (docs/CONTRACTS.md). All data is fictional."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.returning import (
    USE_CODE,
    USE_PIN,
    ActionAddIncident,
    ActionCaseStatus,
    ActionStartCaseStatus,
    ActionStartIncident,
    ValidateIncidentForm,
    ValidateReturningForms,
    find_reference,
)
from core.settings import Settings
from tests.bot.actions.helpers import DOMAIN, SECRET, bot_settings, make_tracker, slot_events
from tests.system import LoopbackServer, free_port

PHONE = "+447700900123"
OPEN = "ASB-2026-000123"
CLOSED_REF = "ASB-2026-000124"
POSTCODE = "ZZ99 1AA"
PIN = "482913"


class FakeResidents(LoopbackServer):
    """Plays /api/residents/* and /api/cases/{reference}/incidents."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.cases = {
            OPEN: {"phone": PHONE, "postcode": POSTCODE, "closed": False, "incidents": {}},
            CLOSED_REF: {"phone": PHONE, "postcode": POSTCODE, "closed": True, "incidents": {}},
        }
        self.failures = 0
        self.review_eligible = False

    def _verified(self, reference: str, proof: dict[str, Any]) -> dict[str, Any] | None:
        case = self.cases.get(reference)
        if case is None:
            return None
        if proof.get("phone") == case["phone"] or proof.get("code") == "123456":
            return case
        if proof.get("pin") == PIN:
            return case
        if str(proof.get("postcode", "")).replace(" ", "").upper() == "ZZ991AA":
            return case
        return None

    def _refusal(self, reference: str, proof: dict[str, Any]) -> web.Response | None:
        if self.failures >= 5:
            return web.json_response({"error": "too_many_attempts"}, status=429)
        if self._verified(reference, proof) is None:
            self.failures += 1
            return web.json_response({"error": "not_found_or_not_verified"}, status=404)
        return None

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SECRET}":
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.json()
        self.calls.append((request.path, body))
        if request.path == "/api/residents/case-status":
            proof = {k: v for k, v in body.items() if k != "reference"}
            if (refusal := self._refusal(body["reference"], proof)) is not None:
                return refusal
            return web.json_response(
                {
                    "reference": body["reference"],
                    "status": "in_progress",
                    "status_text": "Your case is being looked into by the team.",
                    "owner_team": "CHM",
                    "last_update_at": None,
                    "next_step_date": "2026-11-27",
                }
            )
        if request.path == "/api/residents/verification-codes":
            return web.json_response({"status": "accepted", "message": "..."}, status=202)
        if request.path == "/api/residents/open-cases":
            cases = [
                {"reference": ref, "category": "noise", "received_at": "", "status": "new"}
                for ref, case in self.cases.items()
                if case["phone"] == body["phone"] and not case["closed"]
            ]
            return web.json_response({"cases": cases})
        reference = request.match_info["reference"]
        if (refusal := self._refusal(reference, body["verification"])) is not None:
            return refusal
        case = self.cases[reference]
        if case["closed"]:
            return web.json_response(
                {"error": "case_closed", "detail": "closed", "reference": reference}, status=409
            )
        created = body["report_id"] not in case["incidents"]
        case["incidents"][body["report_id"]] = body
        return web.json_response(
            {
                "reference": reference,
                "incident_count": len(case["incidents"]),
                "reports_last_6_months": len(case["incidents"]) + 1,
                "case_review_eligible": self.review_eligible,
            },
            status=201 if created else 200,
        )

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/residents/{name}", self.handle)
        app.router.add_post("/api/cases/{reference}/incidents", self.handle)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def settings(tmp_path: Path, port: int) -> Iterator[Settings]:
    with bot_settings(tmp_path, port) as value:
        yield value


@pytest.fixture
async def backend(port: int, settings: Settings) -> AsyncIterator[FakeResidents]:
    fake = FakeResidents(port)
    await fake.start()
    yield fake
    await fake.stop()


def tracker(slots: dict[str, Any], channel: str = "rest", text: str = "", **kw: Any) -> Tracker:
    made = make_tracker(slots=slots, text=text, input_channel=channel, **kw)
    if channel == "sms":
        # The SMS channel names the conversation by a keyed hash; the number is in metadata.
        made.sender_id = "sms:0123456789abcdef0123456789abcdef"
        made.events[-1]["metadata"] = {"channel": "sms", "phone": PHONE}
    return made


async def run(action: Any, made: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, made, DOMAIN)
    return events, dispatcher.messages


def names(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages]


# -- references and the start of each flow -------------------------------------------------------


def test_a_reference_is_found_in_any_case_and_upper_cased():
    assert find_reference("any news on asb-2026-000123?") == OPEN
    assert find_reference("whats happening with my report") is None
    assert find_reference("ASB-26-123") is None


async def test_status_start_keeps_a_reference_from_the_message():
    events, _ = await run(
        ActionStartCaseStatus(), tracker({}, text="any news on asb-2026-000123", intent="x")
    )
    assert slot_events(events)["case_reference"] == OPEN


async def test_on_sms_a_single_open_case_is_offered_for_confirmation(backend):
    events, _ = await run(ActionStartIncident(), tracker({}, "sms", text="its happening again"))
    assert slot_events(events)["open_case_reference"] == OPEN
    assert backend.calls == [("/api/residents/open-cases", {"phone": PHONE})]
    form = ValidateIncidentForm()
    made = tracker({"open_case_reference": OPEN}, "sms")
    asked = await form.required_slots([], CollectingDispatcher(), made, DOMAIN)
    assert asked == ["incident_case_confirmed", "incident_description", "incident_happening_now"]
    # Web: the reference and the postcode instead.
    asked = await form.required_slots([], CollectingDispatcher(), tracker({}, "webchat"), DOMAIN)
    assert asked[:2] == ["case_reference", "case_postcode"]


async def test_a_texted_code_can_replace_the_postcode(backend):
    form = ValidateReturningForms()
    dispatcher = CollectingDispatcher()
    made = tracker({"case_reference": OPEN}, "webchat")
    result = await form.validate_case_postcode("text me a code", dispatcher, made, DOMAIN)
    assert result == {"case_postcode": USE_CODE}
    assert names(dispatcher.messages) == ["utter_code_requested"]
    assert backend.calls == [("/api/residents/verification-codes", {"reference": OPEN})]
    made = tracker({"case_reference": OPEN, "case_postcode": USE_CODE}, "webchat")
    asked = await form.required_slots([], dispatcher, made, DOMAIN)
    assert asked == ["case_reference", "case_postcode", "case_code"]
    assert form.validate_case_code("123 456", dispatcher, made, DOMAIN) == {"case_code": "123456"}
    postcode = await form.validate_case_postcode(
        "it's zz99 1aa", CollectingDispatcher(), made, DOMAIN
    )
    assert postcode == {"case_postcode": "ZZ99 1AA"}


# -- status ----------------------------------------------------------------------------------


async def test_status_after_the_postcode_check(backend):
    events, messages = await run(
        ActionCaseStatus(), tracker({"case_reference": OPEN, "case_postcode": POSTCODE})
    )
    assert names(messages) == ["utter_case_status", "utter_case_next_step"]
    assert "being looked into" in messages[0]["status_text"]
    assert messages[1]["next_day"] == "Friday 27 November"
    assert backend.calls[-1][1] == {"reference": OPEN, "postcode": POSTCODE}
    assert slot_events(events)["case_postcode"] is None


async def test_status_on_sms_uses_the_sender_number(backend):
    _, messages = await run(ActionCaseStatus(), tracker({"case_reference": OPEN}, "sms"))
    assert names(messages)[0] == "utter_case_status"
    assert backend.calls[-1][1] == {"reference": OPEN, "phone": PHONE}


async def test_a_failed_check_reveals_nothing_and_too_many_tries_say_so(backend):
    for _ in range(5):
        _, messages = await run(
            ActionCaseStatus(), tracker({"case_reference": OPEN, "case_postcode": "AB1 2CD"})
        )
        assert names(messages) == ["utter_case_not_found"]
        assert "status_text" not in messages[0]
    _, messages = await run(
        ActionCaseStatus(), tracker({"case_reference": OPEN, "case_postcode": POSTCODE})
    )
    assert names(messages) == ["utter_case_too_many_attempts"]


async def test_status_with_the_backend_down(settings):
    _, messages = await run(
        ActionCaseStatus(), tracker({"case_reference": OPEN, "case_postcode": POSTCODE})
    )
    assert names(messages) == ["utter_case_lookup_unavailable"]


# -- a repeat incident -------------------------------------------------------------------------


def incident_slots(reference: str = OPEN, **extra: Any) -> dict[str, Any]:
    return {
        "case_reference": reference,
        "incident_description": "Loud music again until 3am",
        "incident_happening_now": False,
        **extra,
    }


async def test_a_repeat_incident_is_added_to_the_open_case_once(backend):
    made = tracker(incident_slots(incident_report_id="rpt-0001-aaaa"), "sms")
    events, messages = await run(ActionAddIncident(), made)
    assert names(messages) == ["utter_incident_added", "utter_danger_reminder"]
    assert messages[0]["reference"] == OPEN
    path, body = backend.calls[-1]
    assert path == f"/api/cases/{OPEN}/incidents"
    assert body["verification"] == {"phone": PHONE}
    assert body["report_id"] == "rpt-0001-aaaa" and body["channel"] == "sms"
    # A retry with the same id is not a second incident.
    await run(ActionAddIncident(), made)
    assert len(backend.cases[OPEN]["incidents"]) == 1


async def test_the_case_review_is_mentioned_when_reports_keep_recurring(backend):
    backend.review_eligible = True
    made = tracker(incident_slots(case_postcode=POSTCODE), "webchat")
    _, messages = await run(ActionAddIncident(), made)
    assert names(messages) == ["utter_incident_added", "utter_case_review", "utter_danger_reminder"]
    assert backend.calls[-1][1]["verification"] == {"postcode": POSTCODE}


async def test_a_closed_case_starts_a_new_report_with_the_details(backend):
    events, messages = await run(ActionAddIncident(), tracker(incident_slots(CLOSED_REF), "sms"))
    assert names(messages) == ["utter_incident_case_closed"]
    slots = slot_events(events)
    assert slots["description"] == "Loud music again until 3am"
    assert slots["happening_now"] is False
    assert {"event": "followup", "name": "report_form"} in [
        {"event": e["event"], "name": e.get("name")} for e in events
    ]


async def test_a_repeat_incident_with_the_backend_down_keeps_its_id(settings):
    events, messages = await run(ActionAddIncident(), tracker(incident_slots(), "sms"))
    assert names(messages) == ["utter_incident_unavailable"]
    assert slot_events(events)["incident_report_id"]


async def test_a_repeat_incident_failing_the_check_adds_nothing(backend):
    made = tracker(incident_slots(case_postcode="AB1 2CD"), "webchat")
    _, messages = await run(ActionAddIncident(), made)
    assert names(messages) == ["utter_incident_not_found"]
    assert backend.cases[OPEN]["incidents"] == {}


# -- the case PIN: a third proof on the web ------------------------------------------------------


async def test_the_pin_given_with_the_reference_can_replace_the_postcode(backend):
    form = ValidateReturningForms()
    dispatcher = CollectingDispatcher()
    made = tracker({"case_reference": OPEN}, "webchat")
    for typed in ("482913", "482 913", " 482-913 "):
        result = await form.validate_case_postcode(typed, dispatcher, made, DOMAIN)
        assert result == {"case_postcode": USE_PIN, "case_code": PIN}, typed
    assert dispatcher.messages == []  # nothing texted, nothing more to ask
    made = tracker({"case_reference": OPEN, "case_postcode": USE_PIN, "case_code": PIN}, "webchat")
    assert await form.required_slots([], dispatcher, made, DOMAIN) == [
        "case_reference",
        "case_postcode",
    ]
    assert backend.calls == []
    # Neither a postcode nor a PIN: the resident is told what either looks like.
    wrong = await form.validate_case_postcode("12345", dispatcher, made, DOMAIN)
    assert wrong == {"case_postcode": None}
    assert names(dispatcher.messages) == ["utter_case_postcode_invalid"]


async def test_status_with_the_pin(backend):
    slots = {"case_reference": OPEN, "case_postcode": USE_PIN, "case_code": PIN}
    events, messages = await run(ActionCaseStatus(), tracker(slots, "webchat"))
    assert names(messages) == ["utter_case_status", "utter_case_next_step"]
    assert backend.calls[-1][1] == {"reference": OPEN, "pin": PIN}
    assert slot_events(events)["case_code"] is None  # asked again next time
    wrong = {**slots, "case_code": "000000"}
    _, messages = await run(ActionCaseStatus(), tracker(wrong, "webchat"))
    assert names(messages) == ["utter_case_not_found"]


async def test_a_repeat_incident_with_the_pin(backend):
    made = tracker(incident_slots(case_postcode=USE_PIN, case_code=PIN), "webchat")
    events, messages = await run(ActionAddIncident(), made)
    assert names(messages) == ["utter_incident_added", "utter_danger_reminder"]
    assert backend.calls[-1][1]["verification"] == {"pin": PIN}
    slots = slot_events(events)
    assert slots["case_postcode"] is None and slots["case_code"] is None


# -- danger in a repeat incident -----------------------------------------------------------------


def conversation(
    messages: list[tuple[str, str]], slots: dict[str, Any], channel: str = "webchat", **kw: Any
) -> Tracker:
    """A tracker after "it happened again" and the incident form's answers: (text, intent)
    pairs, the first one the message that started the incident."""
    events: list[dict[str, Any]] = []
    latest: dict[str, Any] = {}
    for number, (text, intent) in enumerate(messages):
        latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
        events.append({"event": "user", "text": text, "parse_data": latest})
        if number == 0:
            events.append({"event": "action", "name": "action_start_incident"})
        events.append({"event": "action", "name": "action_listen"})
    made = tracker(slots, channel, **kw)
    made.events = [{"event": "user", "text": "earlier", "parse_data": {}}, *events]
    made.latest_message = latest
    return made


async def test_an_emergency_repeat_incident_goes_with_its_route_and_flags(backend):
    made = conversation(
        [
            ("it happened again", "report_repeat_incident"),
            (OPEN, "inform"),
            (POSTCODE, "inform"),
            ("he is outside my door with a knife right now", "emergency"),
            ("yes", "affirm"),
        ],
        incident_slots(
            case_postcode=POSTCODE,
            incident_description="he is outside my door with a knife right now",
            incident_happening_now=True,
        ),
    )
    _, messages = await run(ActionAddIncident(), made)
    assert names(messages) == ["utter_incident_added", "utter_danger_reminder"]
    body = backend.calls[-1][1]
    assert body["route"] == "emergency" and body["flags"] == {"urgent": True}


async def test_domestic_abuse_in_any_answer_is_sent(backend):
    made = conversation(
        [
            ("its happening again", "report_repeat_incident"),
            ("yes", "affirm"),
            ("my ex came round again and hit me", "asb_domestic_abuse"),
            ("no", "deny"),
        ],
        incident_slots(incident_description="my ex came round again and hit me"),
        channel="sms",
    )
    await run(ActionAddIncident(), made)
    body = backend.calls[-1][1]
    assert body["route"] == "domestic_abuse" and body["flags"] == {"domestic_abuse": True}


async def test_an_earlier_emergency_in_the_conversation_does_not_count(backend):
    made = conversation(
        [("its happening again", "report_repeat_incident"), ("no", "deny")],
        incident_slots(),
        channel="sms",
    )
    made.events.insert(0, {"event": "user", "text": "hes kicking my door in right now",
                           "parse_data": {"intent": {"name": "emergency"}}})  # fmt: skip
    await run(ActionAddIncident(), made)
    body = backend.calls[-1][1]
    assert "route" not in body and "flags" not in body  # an ordinary repeat: as before


async def test_it_happened_again_with_a_knife_gets_999_first_and_keeps_the_words(backend):
    text = "It happened again and he had a knife"
    events, messages = await run(
        ActionStartIncident(), tracker({}, "webchat", text=text, intent="report_repeat_incident")
    )
    assert names(messages) == ["utter_danger_check"]  # "... please call 999 now ..."
    assert slot_events(events)["incident_description"] == text
    # An ordinary "it happened again" is as before: no line, and the question is asked.
    events, messages = await run(
        ActionStartIncident(), tracker({}, "webchat", text="its happening again", intent="x")
    )
    assert messages == [] and slot_events(events)["incident_description"] is None


async def test_an_answer_speaking_of_harm_gets_a_999_line(backend):
    made = tracker(
        {"case_reference": OPEN, "case_postcode": POSTCODE},
        "webchat",
        text="he had a knife this time",
        intent="inform",
        active_loop="incident_form",
        requested_slot="incident_description",
        slot_candidates={"incident_description": "he had a knife this time"},
    )
    dispatcher = CollectingDispatcher()
    events = await ValidateIncidentForm().run(dispatcher, made, DOMAIN)
    assert names(dispatcher.messages) == ["utter_danger_check"]
    assert slot_events(events)["incident_description"] == "he had a knife this time"


async def test_an_emergency_answer_gets_the_advice_first_and_is_kept(backend):
    """The incident form asked what happened; the answer is an emergency. The form cannot take
    it (the domain mapping leaves safety intents out), so the safety rule runs
    action_safety_advice (999 first), then the form: now the words are kept as the answer."""
    from bot.actions.safety_advice import ActionSafetyAdvice

    text = "hes outside my door with a knife right now"
    made = tracker(
        {"case_reference": OPEN, "case_postcode": POSTCODE},
        "webchat",
        text=text,
        intent="emergency",
        active_loop="incident_form",
        requested_slot="incident_description",
    )
    # 1. Straight after the message: nothing is taken, so the form gives way to the rule.
    events = await ValidateIncidentForm().run(CollectingDispatcher(), made, DOMAIN)
    assert "incident_description" not in slot_events(events)
    # 2. The advice, 999 first.
    _, advice = await run(ActionSafetyAdvice(), made)
    assert names(advice)[0] == "utter_safety_emergency"
    made.events.append({"event": "action", "name": "action_safety_advice"})
    # 3. The form carries on with the words as the answer, without a second 999 line.
    dispatcher = CollectingDispatcher()
    events = await ValidateIncidentForm().run(dispatcher, made, DOMAIN)
    assert dispatcher.messages == []
    slots = slot_events(events)
    assert slots["incident_description"] == text
    assert slots["requested_slot"] == "incident_happening_now"
    # The same for "is it happening now?": an emergency answers yes.
    made = tracker(
        {**incident_slots(), "incident_happening_now": None, "case_postcode": POSTCODE},
        "webchat",
        text=text,
        intent="emergency",
        active_loop="incident_form",
        requested_slot="incident_happening_now",
    )
    made.events.append({"event": "action", "name": "action_safety_advice"})
    events = await ValidateIncidentForm().run(CollectingDispatcher(), made, DOMAIN)
    assert slot_events(events)["incident_happening_now"] is True
    assert slot_events(events)["requested_slot"] is None  # complete: the incident is added
