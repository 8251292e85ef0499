"""The report's answers a case officer needs beyond what happened (bot/actions/case_fields.py):
when it started and when it last happened, a police reference and the court notice for evidence
(the address, a visit or a call and communication needs: test_contact_fields.py); the summary,
changes and what reaches the backend. Each is asked only where it applies, "skip" works, answers
are checked. Run the way rasa-sdk tests actions: a Tracker, a CollectingDispatcher, the domain.
All data is fictional."""

# ruff: noqa: F811  (the settings fixture, imported from helpers, is some tests' argument)
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import delivery
from bot.actions.case_fields import ActionAskHappenedWhen
from bot.actions.corrections import find_correction
from bot.actions.forms import ValidateReportForm
from bot.actions.report import ActionChangeField, ActionShowSummary
from bot.actions.submit import build_payload
from bot.actions.timing import split_when
from bot.constants import FORM_SLOTS, SKIPPED
from bot.nlg import render
from core.settings import Settings
from tests.bot.actions.helpers import (
    DOMAIN,
    FILLED,
    FakeBackend,
    confirmed_tracker,
    make_tracker,
    responses,
    settings,  # noqa: F401 (the action server's settings fixture)
    slot_events,
    submit,
    validate,
)

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc)
TOLD_SOMEONE = {"ram_other_agencies": "yes"}  # so the police reference applies
HAS_EVIDENCE = {"evidence": ["photos"]}  # so the court notice applies
# Every new question left open, the rest of the report answered.
OPEN = {
    name: None
    for name in (
        "started_when",
        "evidence_consent",
        "police_reference",
        "reporter_postcode",
        "visit_or_call",
        "communication_needs",
        "communication_language",
        "communication_other",
    )
}


async def required(slots: dict[str, Any]) -> list[str]:
    """The questions validate_report_form says this report needs, in asking order."""
    return await ValidateReportForm().required_slots(
        list(FORM_SLOTS), CollectingDispatcher(), make_tracker(slots), DOMAIN
    )


async def next_question(slots: dict[str, Any]) -> str | None:
    """The first open question of a report with these answers."""
    asked = await required(slots)
    return next((name for name in asked if slots.get(name) is None), None)


# -- when it started and when it last happened ----------------------------------------------


@pytest.mark.parametrize(
    "answer,started,last",
    [
        ("last night about 11pm", None, "last night about 11pm"),
        (
            "it started in March, the last time was last night",
            "it started in March",
            "the last time was last night",
        ),
        (
            "since the summer, most recently on Sunday",
            "since the summer",
            "most recently on Sunday",
        ),
        (
            "last night, but it's been going on for months",
            "it's been going on for months",
            "last night",
        ),
        ("it started again last night", None, "it started again last night"),
        ("started at 10pm last night and went on until 3am", None, None),  # one night: all "last"
        ("since March", "since March", None),
    ],
)
def test_one_answer_can_say_when_it_started_and_when_it_last_happened(
    answer: str, started: str | None, last: str | None
) -> None:
    when = split_when(answer)
    assert when.started == started
    assert when.last == (last if last or started else answer)


async def test_both_in_one_answer_are_kept_apart_and_the_start_is_not_asked_again() -> None:
    answer = "it started in March, the last time was last night"
    slots = {**FILLED, **OPEN, "happened_when": None, "frequency": None}
    values, said, _ = await validate({"happened_when": answer}, slots=slots, text=answer)
    assert values["happened_when"] == "the last time was last night"
    assert values["started_when"] == "it started in March"
    assert said == []
    assert values["requested_slot"] == "frequency"
    assert "started_when" not in [
        name
        for name in await required({**slots, **values, "frequency": "daily"})
        if (slots | values).get(name) is None
    ]


async def test_an_answer_that_only_says_when_it_started_asks_when_it_last_happened() -> None:
    slots = {**FILLED, **OPEN, "happened_when": None}
    values, said, _ = await validate(
        {"happened_when": "since March"}, slots=slots, text="since March"
    )
    assert values["started_when"] == "since March" and values["happened_when"] is None
    assert values["requested_slot"] == "happened_when" and said == []
    dispatcher = CollectingDispatcher()
    await ActionAskHappenedWhen().run(dispatcher, make_tracker({**slots, **values}), DOMAIN)
    assert responses(dispatcher) == ["utter_ask_happened_when_last"]
    # The answer to that is the last time, whatever its words.
    slots = {**slots, **values}
    values, _, _ = await validate(
        {"happened_when": "since Sunday"}, slots=slots, text="since Sunday"
    )
    assert values["happened_when"] == "since Sunday" and "started_when" not in values


async def test_an_answer_read_as_a_past_crime_is_kept_apart_too() -> None:
    # NLU may read "it started in March, the last time was last night" as a crime that is over:
    # the safety action keeps the answer (no 101 line mid-report) and splits it like the form.
    from bot.actions.safety_advice import ActionSafetyAdvice

    answer = "it started in March, the last time was last night"
    tracker = make_tracker(
        slots={"category": "noise", "description": "Loud music every night"},
        text=answer,
        intent="crime_not_in_progress",
        active_loop="report_form",
        requested_slot="happened_when",
    )
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionSafetyAdvice().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == []
    assert events["happened_when"] == "the last time was last night"
    assert events["started_when"] == "it started in March"


async def test_a_re_validated_last_time_is_left_as_it_is() -> None:
    # Re-opening the form validates stored answers again: never split a second time.
    slots = {**FILLED, "happened_when": None}
    values, _, _ = await validate(
        {"happened_when": "since March, last night"}, slots=slots, text="carry on"
    )
    assert values["happened_when"] == "since March, last night"
    assert "started_when" not in values


async def test_the_start_is_asked_after_how_often_only_for_a_problem_that_repeats() -> None:
    base = {**FILLED, "started_when": None}
    assert await next_question({**base, "frequency": "daily"}) == "started_when"
    assert await next_question({**base, "frequency": SKIPPED}) == "started_when"
    assert await next_question({**base, "frequency": "occasionally"}) is None  # once, or rarely
    asked = await required({**base, "frequency": "most_weeks"})
    assert asked.index("frequency") < asked.index("started_when") < asked.index("people_known")


async def test_happening_now_asks_when_it_started_straight_away_and_not_when_it_last_happened():
    slots = {"description": "music", "location": "Flat 3", "happening_now": True}
    asked = await required(slots)
    assert "happened_when" not in asked
    assert asked[asked.index("happening_now") + 1] == "started_when"
    assert await next_question(slots) == "started_when"
    assert "started_when" in await required({**slots, "frequency": "occasionally"})


@pytest.mark.parametrize("answer", ["skip", "/skip", "don't know", "not sure"])
async def test_the_start_can_be_skipped(answer: str) -> None:
    values, said, _ = await validate({"started_when": answer}, text=answer, intent="skip")
    assert values["started_when"] == SKIPPED and said == []


def test_a_correction_of_the_start_changes_the_start() -> None:
    correction = find_correction("actually it started 3 weeks ago")
    assert correction is not None and correction.slot == "started_when"
    assert find_correction("actually it was last night about 10pm").slot == "happened_when"


# -- the police reference -------------------------------------------------------------------


@pytest.mark.parametrize(
    "slots,asked",
    [
        ({"ram_other_agencies": "yes"}, True),  # told someone such as the police
        ({"ram_other_agencies": "no", "category": "violence"}, False),  # told no one
        ({"category": "drug_dealing"}, True),  # the police deal with it
        ({"safety_route": "crime_101"}, True),  # the assistant gave police advice
        ({"description": "the police came round twice about the music"}, True),
        ({"witnesses": "PC Example saw it, I rang 101"}, True),
        ({}, False),  # noise, nothing about the police
    ],
)
async def test_the_police_reference_is_asked_only_when_the_police_may_know(
    slots: dict[str, Any], asked: bool
) -> None:
    report = {**FILLED, "police_reference": None, **slots}
    assert ("police_reference" in await required(report)) is asked


@pytest.mark.parametrize(
    "answer,kept",
    [
        ("CAD 1234/21NOV", "CAD 1234/21NOV"),
        ("yes it's 43210012345", "43210012345"),
        ("The crime reference number is 43/12345/26.", "43/12345/26"),
        ("ref: MPS-2026-77 (from the officer)", "MPS-2026-77 from the officer"),
        ("they gave me one, it was CAD 1234 of 21/11 and said they'd be back", "CAD 1234 of 21/11"),
        ("my neighbour at number 5 rang them, the reference is 998877", "998877"),
    ],
)
async def test_a_police_reference_is_kept_without_the_words_around_it(answer: str, kept: str):
    values, said, _ = await validate({"police_reference": answer}, TOLD_SOMEONE, text=answer)
    assert values["police_reference"] == kept and said == []


@pytest.mark.parametrize(
    "answer,intent",
    [
        ("no", "deny"),
        ("/deny", "deny"),
        ("skip", "skip"),
        ("not yet", None),
        ("I rang them but I don't have the number", None),
        ("haven't told them", None),
    ],
)
async def test_no_reference_carries_on(answer: str, intent: str | None) -> None:
    values, said, _ = await validate(
        {"police_reference": answer}, TOLD_SOMEONE, text=answer, intent=intent
    )
    assert values["police_reference"] == SKIPPED and said == []


@pytest.mark.parametrize(
    "answer,kept",
    [
        (
            "they smashed my window, the crime number is 43/12345/26",
            {"police_reference": "43/12345/26"},
        ),
        ("no, they never came after the break in", {"police_reference": SKIPPED}),
        ("yes they came out after the break in last week", {}),  # no number: asked again
    ],
)
async def test_a_reference_read_as_a_past_crime_gets_no_101_line(answer: str, kept: dict) -> None:
    from bot.actions.safety_advice import ActionSafetyAdvice

    tracker = make_tracker(
        slots={**TOLD_SOMEONE, "category": "vandalism", "description": "Graffiti on the garages"},
        text=answer,
        intent="crime_not_in_progress",
        active_loop="report_form",
        requested_slot="police_reference",
    )
    dispatcher = CollectingDispatcher()
    events = slot_events(await ActionSafetyAdvice().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == []  # they have told the police: no "call 101"
    assert events == kept


async def test_yes_without_a_number_asks_for_the_number_and_too_long_is_refused() -> None:
    for answer in ("yes", "I rang 101 last week"):
        values, said, _ = await validate({"police_reference": answer}, TOLD_SOMEONE, text=answer)
        assert values["police_reference"] is None
        assert said == ["utter_police_reference_number"]
    long = "1234 " + "and then they said they would call me back " * 2
    values, said, dispatcher = await validate({"police_reference": long}, TOLD_SOMEONE, text=long)
    assert values["police_reference"] is None and said == ["utter_police_reference_invalid"]
    assert dispatcher.messages[0]["max_length"] == 50
    # The second unusable answer offers "skip", the third moves on.
    counts = {**TOLD_SOMEONE, "invalid_answers": {"police_reference": 2}}
    values, said, _ = await validate({"police_reference": "yes"}, slots=counts, text="yes")
    assert values["police_reference"] == SKIPPED and said == ["utter_moving_on"]


# -- the court notice for evidence ------------------------------------------------------------


async def test_the_court_notice_comes_only_with_evidence(settings: Settings) -> None:
    slots = {**FILLED, "evidence_consent": None}
    assert await next_question(slots) == "evidence_consent"  # FILLED has a diary
    asked = await required(slots)
    assert asked.index("evidence") + 1 == asked.index("evidence_consent")
    assert "evidence_consent" not in await required({**slots, "evidence": ["none"]})
    assert "evidence_consent" not in await required({**slots, "evidence": SKIPPED})
    # In plain words: evidence, court, and that they can object.
    text = render("utter_ask_evidence_consent", {}, {}, "webchat", settings)
    assert "may be used as evidence, including in court" in text["text"]
    assert "If you object" in text["text"]
    assert [b["title"] for b in text["buttons"]] == ["Yes, that's OK", "No, I object"]
    sms = render("utter_ask_evidence_consent", {}, {}, "sms", settings)["text"]
    assert "court" in sms and len(sms) < len(text["text"])


@pytest.mark.parametrize(
    "answer,code,said",
    [
        ("1", "agreed", []),
        ("yes", "agreed", []),
        ("2", "objected", ["utter_evidence_objection_noted"]),
        ("I object", "objected", ["utter_evidence_objection_noted"]),
        ("skip", SKIPPED, []),
    ],
)
async def test_the_answer_to_the_court_notice(answer: str, code: str, said: list[str]) -> None:
    values, told, _ = await validate({"evidence_consent": answer}, HAS_EVIDENCE, text=answer)
    assert values["evidence_consent"] == code and told == said


# -- the summary, changes and the report ------------------------------------------------------

ANSWERED = {
    **FILLED,
    "started_when": "since March",
    "police_reference": "CAD 1234",
    "reporter_postcode": "ZZ99 1AA",
    "reporter_address": "Flat 2, 5 Example Street",
    "visit_or_call": "visit",
    "communication_needs": ["interpreter", "other"],
    "communication_language": "Polish",
    "communication_other": "letters in braille",
    "evidence_consent": "objected",
}


ANSWERED_NEEDS = {
    "needs": ["interpreter", "other"],
    "language": "Polish",
    "other": "letters in braille",
}


async def test_the_summary_lists_the_new_answers_in_plain_words(settings: Settings) -> None:
    dispatcher = CollectingDispatcher()
    await ActionShowSummary().run(dispatcher, make_tracker(ANSWERED), DOMAIN)
    message = dispatcher.messages[0]
    arguments = {k: v for k, v in message.items() if k != "response"}
    text = render("utter_summary", arguments, {"slots": ANSWERED}, "webchat", settings)["text"]
    assert "When it last happened: last night about 11pm" in text
    assert "When it started: since March" in text
    assert "Police reference: CAD 1234" in text
    assert "Your address: Flat 2, 5 Example Street, ZZ99 1AA" in text
    assert "A visit or a call: A visit" in text
    assert "Help to talk to us: An interpreter, Something else (Polish; letters in braille)" in text
    assert "Evidence may be used in court: No, I object" in text
    assert "Interpreter language" not in text  # on the needs line, not a line of its own


@pytest.mark.parametrize(
    "field,cleared",
    [
        ("reporter_postcode", {"reporter_postcode", "reporter_address"}),
        (
            "communication_needs",
            {"communication_needs", "communication_language", "communication_other"},
        ),
        ("evidence", {"evidence", "evidence_consent"}),
        ("police_reference", {"police_reference"}),
        ("started_when", {"started_when"}),
        ("visit_or_call", {"visit_or_call"}),
    ],
)
async def test_change_buttons_clear_the_new_answers(field: str, cleared: set[str]) -> None:
    tracker = make_tracker(
        {**ANSWERED, "stage": "change"},
        text="/change_field",
        intent="change_field",
        entities=[{"entity": "field", "value": field}],
    )
    events = slot_events(await ActionChangeField().run(CollectingDispatcher(), tracker, DOMAIN))
    events.pop("stage"), events.pop("invalid_answers")
    assert set(events) == cleared


@pytest.mark.parametrize(
    "words,field",
    [
        ("the police reference number", "police_reference"),
        ("my postcode", "reporter_postcode"),
        ("the interpreter", "communication_needs"),
        ("when it started", "started_when"),
        ("I'd like a visit", "visit_or_call"),
        ("when it happened", "happened_when"),
    ],
)
async def test_typed_words_name_the_new_answers_to_change(words: str, field: str) -> None:
    tracker = make_tracker({**ANSWERED, "stage": "change"}, text=words, intent="change_field")
    events = slot_events(await ActionChangeField().run(CollectingDispatcher(), tracker, DOMAIN))
    assert field in events


def test_the_report_carries_the_new_answers(settings: Settings) -> None:
    payload = build_payload(make_tracker(ANSWERED), "rid-fields", NOW, settings)
    assert payload["started_when"] == "since March"
    assert payload["happened_when"] == "last night about 11pm"
    reporter = payload["reporter"]
    assert reporter["postcode"] == "ZZ99 1AA"
    assert reporter["address"] == "Flat 2, 5 Example Street"
    assert reporter["visit_or_call"] == "visit"
    assert reporter["communication_needs"] == ANSWERED_NEEDS
    assert payload["details"]["police_reference"] == "CAD 1234"
    assert payload["details"]["evidence_consent"] == "objected"


def test_skipped_and_anonymous_answers_are_left_out(settings: Settings) -> None:
    skipped = {name: SKIPPED for name in ("started_when", "police_reference", "reporter_postcode")}
    payload = build_payload(make_tracker({**ANSWERED, **skipped}), "r1", NOW, settings)
    assert "started_when" not in payload and "police_reference" not in payload["details"]
    assert "postcode" not in payload["reporter"]
    assert payload["reporter"]["address"] == "Flat 2, 5 Example Street"
    anonymous = {**ANSWERED, "anonymous": "yes"}
    reporter = build_payload(make_tracker(anonymous), "r2", NOW, settings)["reporter"]
    for name in ("postcode", "address", "visit_or_call", "communication_needs"):
        assert name not in reporter
    no_phone = {**ANSWERED, "phone": SKIPPED}
    reporter = build_payload(make_tracker(no_phone), "r3", NOW, settings)["reporter"]
    assert "visit_or_call" not in reporter and reporter["communication_needs"]["language"]
    no_evidence = {**ANSWERED, "evidence": ["none"]}
    details = build_payload(make_tracker(no_evidence), "r4", NOW, settings)["details"]
    assert "evidence_consent" not in details


class OlderBackend(FakeBackend):
    """A backend from before these fields: it refuses each one it does not know (400)."""

    UNKNOWN = (
        ("started_when", None),
        ("reporter", "address"),
        ("reporter", "visit_or_call"),
        ("reporter", "communication_needs"),
    )

    async def handle(self, request):  # type: ignore[override]
        from aiohttp import web

        body = await request.json()
        refused = {
            top if key is None else f"{top}.{key}": "is not a known field"
            for top, key in self.UNKNOWN
            if top in body and (key is None or key in body[top])
        }
        if refused:
            self.posts.append(body)
            return web.json_response({"error": "invalid", "fields": refused}, status=400)
        return await super().handle(request)


async def test_an_older_backend_gets_the_report_without_the_new_answers(
    settings: Settings, backend_port: int
) -> None:
    older = OlderBackend(backend_port)
    await older.start()
    try:
        events, dispatcher = await submit(confirmed_tracker(**ANSWERED))
    finally:
        await older.stop()
    assert responses(dispatcher)[0] == "utter_report_sent"  # not lost over optional answers
    first, second = older.posts
    assert first["started_when"] == "since March"
    assert "started_when" not in second
    assert not {"address", "visit_or_call", "communication_needs"} & set(second["reporter"])
    assert second["reporter"]["postcode"] == "ZZ99 1AA"  # the older backend knows that one
    assert second["details"]["police_reference"] == "CAD 1234"
    assert second["details"]["fields_dropped"] == ["reporter", "started_when"]
    assert delivery._optional("reporter.communication_needs")


@pytest.mark.parametrize(
    "answer", ["ref: MPS-2026-77 (from the officer)", "yes it's CAD 1234/21NOV", "#4321, log 7"]
)
async def test_the_backend_contract_accepts_what_the_assistant_sends(
    settings: Settings, answer: str
) -> None:
    from backend.intake.contract import parse_report

    values, _, _ = await validate({"police_reference": answer}, TOLD_SOMEONE, text=answer)
    slots = {**ANSWERED, "police_reference": values["police_reference"]}
    report = parse_report(build_payload(make_tracker(slots), "rid-contract-1", NOW, settings))
    assert report.details["police_reference"] == values["police_reference"]
    assert report.started_when == "since March" and report.reporter.visit_or_call == "visit"
    assert report.reporter.communication_needs == ANSWERED_NEEDS
    assert report.details["evidence_consent"] == "objected"
