"""Custom actions of the assistant, run the way rasa-sdk tests its own: a Tracker, a
CollectingDispatcher and the domain dict, asserting on returned events and dispatched responses.

Submission runs against a small real aiohttp server on a free loopback port that plays the
backend's POST /api/reports (a fake of the other service). All data is fictional.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import delivery, server_settings
from bot.actions.forms import ActionAskHappenedWhen, ValidateReportForm
from bot.actions.relay import relay_once
from bot.actions.report import (
    ActionAskCancel,
    ActionChangeField,
    ActionDefaultFallback,
    ActionRephrase,
    ActionShowSummary,
    ActionStartReport,
)
from bot.actions.spool import DELIVERED, PENDING, REJECTED, ReportSpool
from bot.actions.submit import ActionSubmitReport, build_payload
from bot.constants import RAM_SLOTS, SKIPPED
from bot.nlg import render
from core.categories import infer_category
from core.settings import Settings
from tests.system import LoopbackServer, free_port

ROOT = Path(__file__).resolve().parents[3]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text())
PHONE = "+447700900123"
LOCATION = "Flat 3, 1 Example Road"
DESCRIPTION = "Loud music from the flat above every night"
SECRET = "test-ingest-secret"

FILLED = {
    "description": DESCRIPTION,
    "location": LOCATION,
    "happening_now": False,
    "happened_when": "last night about 11pm",
    "frequency": "daily",
    "reporter_name": "Sam Example",
    "phone": PHONE,
    "safe_to_text": True,
    "consent_to_contact": True,
    "category": "noise",
    "people_known": "known",
    "people_involved": "The person in the flat above",
    "witnesses": "none",
    "evidence": ["diary"],
    "hate_related": "no",
    "ram_start": "no",
    "anonymous": "no",
    "preferred_contact": "text",
    "best_time": "weekday evenings",
    "consent_to_share": "yes",
    "equality_start": "no",
}


# -- helpers --------------------------------------------------------------------------------


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str | None = None,
    confidence: float = 0.95,
    entities: list[dict[str, Any]] | None = None,
    slot_candidates: dict[str, Any] | None = None,
    input_channel: str = "rest",
    active_loop: str | None = None,
    requested_slot: str | None = None,
) -> Tracker:
    """A rasa_sdk Tracker after one user message; `slot_candidates` are the slots Rasa asks
    the form validation action to validate (trailing slot events)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "entities": entities or [],
        "metadata": {},
    }
    all_slots = {"requested_slot": requested_slot, **(slots or {})}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest, "input_channel": input_channel},
    ]
    for name, value in (slot_candidates or {}).items():
        all_slots[name] = value
        events.append({"event": "slot", "name": name, "value": value})
    return Tracker(
        sender_id="test-sender",
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def validate(
    candidates: dict[str, Any], slots: dict[str, Any] | None = None, **message: Any
) -> tuple[dict[str, Any], list[str], CollectingDispatcher]:
    """Run validate_report_form; returns (slot values set, response names, dispatcher)."""
    tracker = make_tracker(
        slots=slots,
        slot_candidates=candidates,
        active_loop="report_form",
        requested_slot=next(iter(candidates)),
        **message,
    )
    dispatcher = CollectingDispatcher()
    events = await ValidateReportForm().run(dispatcher, tracker, DOMAIN)
    values = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return values, [m["response"] for m in dispatcher.messages], dispatcher


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


class FakeBackend(LoopbackServer):
    """Plays the backend's POST /api/reports (docs/CONTRACTS.md), idempotent on report_id."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.posts: list[dict[str, Any]] = []
        self.cases: dict[str, dict[str, Any]] = {}
        self.status: int | None = None  # force a status (e.g. 400, 503)
        self.delay = 0.0
        self.refuse_equality = False  # answer 400 naming equality.ethnicity when it is sent

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SECRET}":
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.json()
        self.posts.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status == 400:
            return web.json_response(
                {"error": "invalid", "fields": {"location": "required"}}, status=400
            )
        if self.refuse_equality and body.get("equality"):
            return web.json_response(
                {"error": "invalid", "fields": {"equality.ethnicity": "must be one of"}}, status=400
            )
        if self.status:
            return web.json_response({"error": "unavailable"}, status=self.status)
        if body["report_id"] in self.cases:
            return web.json_response(self.cases[body["report_id"]], status=200)
        number = len(self.cases) + 1
        case = {
            "reference": f"ASB-2026-{number:06d}",
            "case_id": number,
            "status": "new",
            "category": body["category"],
            "owner_team": "CHM",
            "risk_score": 5,
            "risk_band": "LOW",
            "triage_priority_days": 5,
            "queue_date": "2026-11-23",
            "triage_due": "2026-11-27",
        }
        self.cases[body["report_id"]] = case
        return web.json_response(case, status=201)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/reports", self.handle)


@pytest.fixture
def backend_port() -> int:
    return free_port()


@contextmanager
def bot_settings(tmp_path: Path, port: int) -> Iterator[Settings]:
    """Settings for the action code, with the backend on 127.0.0.1:`port`."""
    value = Settings(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        backend_url=f"http://127.0.0.1:{port}",
        ingest_secret=SECRET,
        landlord_name="Example Homes",
        landlord_phone="0300 000 0000",
        report_spool_path=tmp_path / "spool" / "reports.sqlite3",
    )
    previous = server_settings._settings
    server_settings.configure(value)
    try:
        yield value
    finally:
        server_settings._settings = previous


@pytest.fixture
def settings(tmp_path: Path, backend_port: int) -> Iterator[Settings]:
    with bot_settings(tmp_path, backend_port) as value:
        yield value


@pytest.fixture
async def backend(backend_port: int) -> AsyncIterator[FakeBackend]:
    fake = FakeBackend(backend_port)
    await fake.start()
    yield fake
    await fake.stop()


def confirmed_tracker(**extra_slots: Any) -> Tracker:
    slots = {**FILLED, "report_id": "5d0c7a64-0a7e-4a8e-9a57-3c4a1f6f0b01", "stage": "confirm"}
    slots.update(extra_slots)
    return make_tracker(slots=slots, text="/affirm", intent="affirm", input_channel="webchat")


async def submit(tracker: Tracker) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitReport().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher


# -- phone ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["07700 900123", "+44 7700 900123", "0044 7700 900123", "it's 07700900123 thanks"]
)
async def test_valid_uk_mobile_is_normalised_to_e164(answer: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer)
    assert values["phone"] == PHONE
    assert "safe_to_text" not in values
    assert said == []


async def test_valid_landline_is_normalised_and_not_texted() -> None:
    values, said, _ = await validate({"phone": "020 7946 0123"}, text="020 7946 0123")
    assert values["phone"] == "+442079460123"
    assert values["safe_to_text"] is False  # a landline cannot receive the text
    assert said == []


@pytest.mark.parametrize("answer", ["12345", "+1 202 555 0100", "call me maybe", "07700 900"])
async def test_invalid_phone_is_rejected_with_a_reason(answer: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer)
    assert values["phone"] is None
    assert values["invalid_answers"] == {"phone": 1}
    assert said == ["utter_phone_invalid"]


async def test_two_invalid_phone_answers_offer_skip_and_the_third_carries_on() -> None:
    once = {"invalid_answers": {"phone": 1}}
    values, said, _ = await validate({"phone": "123"}, slots=once, text="123")
    assert values["phone"] is None and values["invalid_answers"] == {"phone": 2}
    assert said == ["utter_phone_invalid_offer_skip"]

    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, said, _ = await validate(
        {"phone": "456"}, slots={**slots, "invalid_answers": {"phone": 2}}, text="456"
    )
    assert values["phone"] == SKIPPED
    assert said == ["utter_phone_given_up"]
    # No number: the two contact questions are not asked, the form is complete.
    assert values["requested_slot"] is None


@pytest.mark.parametrize("answer,intent", [("skip", "skip"), ("/skip", "skip"), ("no", "deny")])
async def test_phone_can_be_skipped(answer: str, intent: str) -> None:
    values, said, _ = await validate({"phone": answer}, text=answer, intent=intent)
    assert values["phone"] == SKIPPED
    assert said == []


async def test_skipped_phone_leaves_out_the_contact_questions() -> None:
    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, _, _ = await validate({"phone": "skip"}, slots=slots, text="skip", intent="skip")
    assert values["requested_slot"] is None


async def test_given_phone_asks_the_contact_questions_next() -> None:
    slots = {**FILLED, "phone": None, "safe_to_text": None, "consent_to_contact": None}
    values, _, _ = await validate({"phone": "07700 900123"}, slots=slots, text="07700 900123")
    # With a number, "safe to text?" comes next.
    assert values["requested_slot"] == "safe_to_text"
    assert values["phone"] == PHONE


# -- other answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer,code",
    [
        ("1", "daily"),
        ("2", "most_days"),
        ("3", "most_weeks"),
        ("4", "most_months"),
        ("5", "occasionally"),
        ("every night", "daily"),
        ("Every day", "daily"),
        ("most days", "most_days"),
        ("weekly", "most_weeks"),
        ("every month or so", "most_months"),
        ("Just this once, or now and then", "occasionally"),
        ("most_weeks", "most_weeks"),
    ],
)
async def test_frequency_answers_map_to_codes(answer: str, code: str) -> None:
    values, said, _ = await validate({"frequency": answer}, text=answer)
    assert values["frequency"] == code
    assert said == []


async def test_unclear_frequency_is_asked_again() -> None:
    values, said, _ = await validate({"frequency": "dunno"}, text="dunno")
    assert values["frequency"] is None
    assert said == ["utter_frequency_not_understood"]


async def test_happening_now_yes_adds_the_999_line_once() -> None:
    values, said, _ = await validate(
        {"happening_now": "yes it is"}, text="yes it is", intent="affirm"
    )
    assert values["happening_now"] is True
    assert said == ["utter_danger_call_999"]
    # Re-validated when the form re-opens (latest message "no, carry on"): no repeat.
    values, said, _ = await validate({"happening_now": True}, text="/deny", intent="deny")
    assert values["happening_now"] is True
    assert said == []


async def test_yes_no_button_payload_and_unclear_answer() -> None:
    values, said, _ = await validate(
        {"safe_to_text": "/deny"}, text="/deny", intent="deny", confidence=1.0
    )
    assert values["safe_to_text"] is False and said == []
    values, said, _ = await validate(
        {"consent_to_contact": "maybe"}, text="maybe", intent="nlu_fallback"
    )
    assert values["consent_to_contact"] is None
    assert said == ["utter_please_yes_no"]


async def test_empty_and_too_long_text_is_asked_again() -> None:
    values, said, dispatcher = await validate({"location": "x" * 1001}, text="x" * 1001)
    assert values["location"] is None
    assert said == ["utter_text_too_long"]
    assert dispatcher.messages[0]["max_length"] == 1000
    values, said, _ = await validate({"location": "   "}, text="   ")
    assert values["location"] is None and said == ["utter_text_empty"]


async def test_name_skip_and_revalidation_keep_the_answer() -> None:
    values, _, _ = await validate({"reporter_name": "prefer not to say"}, text="prefer not to say")
    assert values["reporter_name"] == SKIPPED
    # A name re-validated after "no, carry on" is not mistaken for a skip.
    values, _, _ = await validate({"reporter_name": "Sam Example"}, text="no", intent="deny")
    assert values["reporter_name"] == "Sam Example"


async def test_description_sets_the_category_once() -> None:
    values, _, _ = await validate(
        {"description": DESCRIPTION}, text=DESCRIPTION, intent="asb_noise"
    )
    assert values["description"] == DESCRIPTION
    assert values["category"] == "noise"
    values, _, _ = await validate(
        {"description": DESCRIPTION}, slots={"category": "noise"}, text="no", intent="deny"
    )
    assert "category" not in values


async def test_when_question_depends_on_happening_now() -> None:
    for happening, expected in (
        (True, "utter_ask_happened_when_started"),
        (False, "utter_ask_happened_when"),
    ):
        dispatcher = CollectingDispatcher()
        await ActionAskHappenedWhen().run(
            dispatcher, make_tracker({"happening_now": happening}), DOMAIN
        )
        assert responses(dispatcher) == [expected]


# -- categories -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,intent,category",
    [
        (DESCRIPTION, "asb_noise", "noise"),
        (DESCRIPTION, None, "noise"),
        ("they shout racist abuse at me", "asb_noise", "hate"),  # high-risk keywords win
        ("he is dealing drugs from flat 4", None, "drug_dealing"),
        ("people smoking weed by the bins", "asb_drugs_alcohol", "drugs_alcohol"),
        ("kids on motorbikes on the grass", None, "vehicle_nuisance"),
        ("dog fouling on the green", None, "pets_animals"),
        ("graffiti on the garages", None, "vandalism"),
        ("it is awful", "asb_harassment", "harassment"),
        ("it is awful", "asb_harassment_unknown", "other_asb"),
        ("something odd keeps happening", None, "other_asb"),
        ("something odd keeps happening", "greet", "other_asb"),
    ],
)
def test_category_inference(text: str, intent: str | None, category: str) -> None:
    assert infer_category(text, {"name": intent, "confidence": 0.9} if intent else None) == category


def test_unconfident_intent_is_not_used_for_the_category() -> None:
    assert infer_category("it is awful", {"name": "asb_hate", "confidence": 0.3}) == "other_asb"


# -- start, summary, change, cancel, fallback -------------------------------------------------


async def test_descriptive_first_message_becomes_the_description() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"stage": "sent", "reference": "ASB-2026-000001"}, text=DESCRIPTION, intent="asb_noise"
    )
    events = slot_events(await ActionStartReport().run(dispatcher, tracker, DOMAIN))
    assert events["description"] == DESCRIPTION
    assert events["stage"] is None and events["reference"] is None and events["report_id"] is None


async def test_general_request_starts_an_empty_report() -> None:
    tracker = make_tracker(text="I want to report ASB", intent="report_asb")
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events["description"] is None


async def test_by_sms_the_senders_number_is_the_contact_number() -> None:
    tracker = make_tracker(text=DESCRIPTION, intent="asb_noise", input_channel="sms")
    tracker.sender_id = "+447700900123"
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events["phone"] == "+447700900123"
    web = make_tracker(text=DESCRIPTION, intent="asb_noise", input_channel="webchat")
    web.sender_id = "+447700900123"
    events = slot_events(await ActionStartReport().run(CollectingDispatcher(), web, DOMAIN))
    assert events["phone"] is None


async def test_a_description_at_the_summary_keeps_the_report() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**FILLED, "stage": "confirm"}, text="blah qwerty", intent="asb_noise")
    assert await ActionStartReport().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == ["utter_did_not_catch"]


async def test_form_opening_after_a_reset_does_not_complain_about_empty_slots() -> None:
    # action_start_report clears the previous report just before the form validates.
    cleared = {"description": DESCRIPTION, "location": None, "happening_now": None, "phone": None}
    values, said, _ = await validate(cleared, text=DESCRIPTION, intent="asb_noise")
    assert said == []
    assert values["description"] == DESCRIPTION and values["category"] == "noise"
    assert values["location"] is None and values["phone"] is None


async def test_summary_lists_the_answers_and_fixes_a_report_id_once() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(dict(FILLED))
    events = slot_events(await ActionShowSummary().run(dispatcher, tracker, DOMAIN))
    assert events["stage"] == "confirm"
    assert len(events["report_id"]) == 36
    message = dispatcher.messages[0]
    assert message["response"] == "utter_summary"
    assert message["summary_fields"] == [
        "description",
        "category_choice",  # the category, confirmed or inferred
        "location",
        "happening_now",
        "happened_when",
        "frequency",
        "people_known",
        "people_involved",
        "witnesses",
        "evidence",
        "hate_related",
        "anonymous",
        "reporter_name",
        "phone",
        "safe_to_text",
        "preferred_contact",
        "best_time",
        "consent_to_contact",
        "consent_to_share",
    ]
    # Shown again (after a change): the same report_id is kept.
    tracker = make_tracker({**FILLED, "report_id": events["report_id"]})
    again = slot_events(await ActionShowSummary().run(CollectingDispatcher(), tracker, DOMAIN))
    assert "report_id" not in again


async def test_summary_content_as_the_resident_reads_it(settings: Settings) -> None:
    slots = {
        **FILLED,
        "reporter_name": SKIPPED,
        "phone": SKIPPED,
        "safe_to_text": None,
        "consent_to_contact": None,
        "frequency": "most_weeks",
    }
    dispatcher = CollectingDispatcher()
    await ActionShowSummary().run(dispatcher, make_tracker(slots), DOMAIN)
    message = dispatcher.messages[0]
    assert "safe_to_text" not in message["summary_fields"]
    arguments = {k: v for k, v in message.items() if k != "response"}
    answer = render("utter_summary", arguments, {"slots": slots}, "collector", settings)
    text = answer["text"]
    assert f"What is happening: {DESCRIPTION}" in text
    assert f"Where: {LOCATION}" in text
    assert "Happening now: No" in text
    assert "How often: Most weeks" in text
    assert "Your name: Not given" in text
    assert "Phone number: Not given" in text
    assert "Safe to text" not in text
    assert [b["payload"] for b in answer["buttons"]] == ["/affirm", "/deny"]


@pytest.mark.parametrize(
    "entities,text,cleared",
    [
        ([{"entity": "field", "value": "location"}], "/change_field", {"location"}),
        (
            [{"entity": "field", "value": "phone"}],
            "change my number",
            {
                "phone",
                "safe_to_text",
                "consent_to_contact",
                "preferred_contact",
                "email",
                "best_time",
            },
        ),
        ([], "where", {"location"}),
        ([], "how often", {"frequency"}),
        (
            [],
            "the description",
            {"description", "category", "category_candidates", "category_choice"},
        ),
        ([], "the risk questions", {"ram_start", *RAM_SLOTS}),
    ],
)
async def test_change_field_clears_the_chosen_answer(
    entities: list[dict[str, Any]], text: str, cleared: set[str]
) -> None:
    counts = {"location": 2, "frequency": 1}  # earlier unusable answers
    tracker = make_tracker(
        {**FILLED, "stage": "change", "invalid_answers": counts},
        text=text,
        intent="change_field",
        entities=entities,
    )
    events = slot_events(await ActionChangeField().run(CollectingDispatcher(), tracker, DOMAIN))
    assert events.pop("stage") is None
    left = events.pop("invalid_answers") or {}
    assert set(events) == cleared and all(v is None for v in events.values())
    # The changed questions start counting unusable answers afresh; the others keep theirs.
    assert left == {k: v for k, v in counts.items() if k not in cleared}


async def test_unrecognised_change_keeps_every_answer() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**FILLED, "stage": "change"}, text="hmm", intent="change_field")
    events = slot_events(await ActionChangeField().run(dispatcher, tracker, DOMAIN))
    assert events == {"stage": None}
    assert responses(dispatcher) == ["utter_did_not_catch"]


async def test_cancel_asks_first_only_when_there_is_something_to_drop() -> None:
    dispatcher = CollectingDispatcher()
    events = slot_events(
        await ActionAskCancel().run(dispatcher, make_tracker({"location": LOCATION}), DOMAIN)
    )
    assert events == {"stage": "cancel"} and responses(dispatcher) == ["utter_ask_cancel"]
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionAskCancel().run(dispatcher, make_tracker(), DOMAIN))
    assert events == {"stage": None} and responses(dispatcher) == ["utter_nothing_to_cancel"]
    dispatcher = CollectingDispatcher()
    await ActionAskCancel().run(dispatcher, make_tracker({**FILLED, "stage": "sent"}), DOMAIN)
    assert responses(dispatcher) == ["utter_already_sent"]


async def test_fallbacks_repeat_the_open_question() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(
        dispatcher, make_tracker({**FILLED, "stage": "confirm"}), DOMAIN
    )
    assert responses(dispatcher) == ["utter_did_not_catch", "utter_summary"]
    assert events == [{"event": "rewind", "timestamp": None}]
    dispatcher = CollectingDispatcher()
    assert await ActionRephrase().run(dispatcher, make_tracker(), DOMAIN) == []
    assert responses(dispatcher) == ["utter_please_rephrase"]


# -- submission -----------------------------------------------------------------------------


def test_payload_follows_the_contract(settings: Settings) -> None:
    from datetime import datetime, timezone

    tracker = confirmed_tracker(happening_now=True)
    payload = build_payload(
        tracker, "rid-1", datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc), settings
    )
    assert payload == {
        "report_id": "rid-1",
        "channel": "web",
        "language": "en",
        "received_at": "2026-11-20T23:00:00+00:00",
        "route": "asb",
        "category": "noise",
        "description": DESCRIPTION,
        "location": LOCATION,
        "happened_when": "last night about 11pm",
        "happening_now": True,
        "frequency": "daily",
        "reporter": {
            "name": "Sam Example",
            "phone": PHONE,
            "safe_to_text": True,
            "consent_to_contact": True,
            "anonymous": False,
            "preferred_contact": "text",
            "email": None,
            "best_time": "weekday evenings",
            "consent_to_share": True,
        },
        "flags": {
            "urgent": False,
            "domestic_abuse": False,
            "hate": False,
            "safeguarding": False,
            "vulnerable": False,
        },
        "ram_answers": {"q1_frequency": "daily", "q4_know_them": "known", "q8_identity": "no"},
        "risk": {"score": 6, "band": "LOW"},
        "equality": None,
        "details": {
            "people_involved": "The person in the flat above",
            "witnesses": "none",
            "evidence": ["diary"],
        },
    }


def test_anonymous_payload_and_channels(settings: Settings) -> None:
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    tracker = make_tracker(
        {
            **FILLED,
            "reporter_name": SKIPPED,
            "phone": SKIPPED,
            "safe_to_text": None,
            "consent_to_contact": None,
        },
        input_channel="twilio",
    )
    payload = build_payload(tracker, "rid-2", now, settings)
    assert payload["reporter"] == {
        "name": None,
        "phone": None,
        "safe_to_text": None,
        "consent_to_contact": None,
        "anonymous": True,
        "preferred_contact": None,
        "email": None,
        "best_time": None,
        "consent_to_share": True,
    }
    assert payload["channel"] == "sms"
    assert (
        build_payload(make_tracker(dict(FILLED), input_channel="rest"), "r", now, settings)[
            "channel"
        ]
        == "rest"
    )


async def test_submit_success_tells_reference_and_review_day(
    settings: Settings, backend: FakeBackend
) -> None:
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == [
        "utter_report_sent",
        "utter_text_follows",
        "utter_danger_reminder",
    ]
    sent = dispatcher.messages[0]
    assert sent["reference"] == "ASB-2026-000001"
    assert sent["review_day"] == "Monday 23 November"
    values = slot_events(events)
    assert values["reference"] == "ASB-2026-000001" and values["stage"] == "sent"
    assert len(backend.posts) == 1
    assert backend.posts[0]["report_id"] == values["report_id"]
    assert backend.posts[0]["location"] == LOCATION
    row = ReportSpool(settings.report_spool_path).get(values["report_id"])
    assert row is not None and row.state == DELIVERED and row.reference == "ASB-2026-000001"
    assert row.payload is None  # the backend has it; no second copy of personal data


async def test_no_text_promise_without_consent(settings: Settings, backend: FakeBackend) -> None:
    _, dispatcher = await submit(confirmed_tracker(safe_to_text=False))
    assert responses(dispatcher) == ["utter_report_sent", "utter_danger_reminder"]


async def test_submit_retried_with_the_same_report_id_is_idempotent(
    settings: Settings, backend: FakeBackend
) -> None:
    _, first = await submit(confirmed_tracker())
    _, second = await submit(confirmed_tracker())
    assert len(backend.posts) == 1  # answered from the spool
    assert first.messages[0]["reference"] == second.messages[0]["reference"]
    # Even if the spool were lost, the backend is idempotent on report_id: still one case.
    settings.report_spool_path.unlink()
    _, third = await submit(confirmed_tracker())
    assert len(backend.cases) == 1
    assert third.messages[0]["reference"] == first.messages[0]["reference"]


async def test_backend_down_saves_the_report_and_the_relay_delivers_it_once(
    settings: Settings, backend_port: int
) -> None:
    tracker = confirmed_tracker()
    events, dispatcher = await submit(tracker)  # nothing listens on the port: refused
    assert responses(dispatcher) == [
        "utter_report_saved_pending",
        "utter_pending_text_follows",
        "utter_danger_reminder",
    ]
    assert slot_events(events)["stage"] == "sent"
    report_id = slot_events(events)["report_id"]
    spool = ReportSpool(settings.report_spool_path)
    row = spool.get(report_id)
    assert row is not None and row.state == PENDING and row.attempts == 1
    assert row.last_error == "ClientConnectorError"
    assert row.next_attempt_at > time.time()  # backoff

    assert await relay_once(settings) == 0  # not due yet
    fake = FakeBackend(backend_port)
    await fake.start()
    try:
        later = time.time() + 3600
        assert await relay_once(settings, now=later) == 1
        assert await relay_once(settings, now=later) == 0
        assert len(fake.posts) == 1
        assert fake.posts[0]["report_id"] == report_id
        assert spool.get(report_id).state == DELIVERED
        # The resident says "yes" again later: answered from the spool, no second POST.
        _, again = await submit(tracker)
        assert responses(again)[0] == "utter_report_sent" and len(fake.posts) == 1
    finally:
        await fake.stop()


async def test_backend_5xx_and_timeout_keep_the_report_pending(
    settings: Settings, backend: FakeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.status = 503
    _, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher)[0] == "utter_report_saved_pending"
    backend.status = None
    backend.delay = 1.0
    monkeypatch.setattr(delivery, "REQUEST_TIMEOUT", aiohttp.ClientTimeout(total=0.2))
    _, dispatcher = await submit(
        confirmed_tracker(report_id="9b1f3c1e-5c55-4d8e-8f0e-2b5b8f0c0d02")
    )
    assert responses(dispatcher)[0] == "utter_report_saved_pending"
    assert ReportSpool(settings.report_spool_path).counts() == {PENDING: 2}


async def test_backend_400_keeps_the_report_for_staff(
    settings: Settings, backend: FakeBackend
) -> None:
    backend.status = 400
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == ["utter_report_failed", "utter_danger_reminder"]
    row = ReportSpool(settings.report_spool_path).get(slot_events(events)["report_id"])
    assert row is not None and row.state == REJECTED
    assert row.payload is not None and row.payload["location"] == LOCATION
    assert row.last_error == "HTTP 400 fields=location"
    backend.status = None
    assert await relay_once(settings, now=time.time() + 3600) == 0  # never retried blindly
    assert len(backend.posts) == 1


async def test_a_report_refused_only_for_optional_answers_is_sent_without_them(
    settings: Settings, backend: FakeBackend
) -> None:
    backend.refuse_equality = True
    tracker = confirmed_tracker(equality_start="yes", ethnicity="white")
    events, dispatcher = await submit(tracker)
    assert responses(dispatcher)[0] == "utter_report_sent"  # not lost over an optional answer
    assert len(backend.posts) == 2
    assert backend.posts[0]["equality"] == {"ethnicity": "white"}
    assert backend.posts[1]["equality"] is None
    assert backend.posts[1]["details"]["fields_dropped"] == ["equality"]
    assert backend.posts[1]["description"] == DESCRIPTION


async def test_spool_not_writable_says_so_and_sends_nothing(
    settings: Settings, backend: FakeBackend, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    server_settings.configure(
        Settings(**{**settings.__dict__, "report_spool_path": blocker / "spool.sqlite3"})
    )
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == ["utter_report_not_saved"]
    assert "stage" not in slot_events(events)  # still at the summary: "yes" tries again
    assert backend.posts == []


def test_spool_file_is_private(settings: Settings) -> None:
    spool = ReportSpool(settings.report_spool_path)
    spool.add("rid", {"report_id": "rid"}, time.time())
    assert settings.report_spool_path.stat().st_mode & 0o077 == 0
    assert spool.add("rid", {"report_id": "other"}, 0).payload == {"report_id": "rid"}
