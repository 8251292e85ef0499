"""Asking for an ASB Case Review in the chat or by SMS (bot/case_review_command.py,
bot/actions/case_review.py), the rasa-sdk way (Tracker, CollectingDispatcher), against the real
backend (init_app on the test database: SQLite and PostgreSQL), so what the resident is told is
what the backend counted and recorded. All data is fictional.

The clock: Friday 18 December 2026; a decision due ten working days on, over Christmas and New
Year, is Wednesday 6 January 2027.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from backend.case_review.models import CaseReviewApplication
from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from bot.actions import server_settings
from bot.actions.case_review import (
    ActionCaseReview,
    ActionStartCaseReview,
    ValidateCaseReviewForm,
)
from bot.case_review_command import case_review_intent
from bot.messages import RESPONSES
from bot.routing import decide
from core.sms_keywords import RESERVED_KEYWORDS
from core.workdays import WorkingCalendar
from tests.bot.actions.helpers import DOMAIN, make_tracker, slot_events

NOW = datetime(2026, 12, 18, 10, 0, tzinfo=timezone.utc)
PHONE = "+447700900123"
HOME = {"postcode": "ZZ99 1AA", "address": "Flat 3, 1 Example Road"}
TIMES = ("2026-10-01T10:00:00+00:00", "2026-11-10T10:00:00+00:00", "2026-12-17T20:00:00+00:00")


def add_case(session_factory, make_report, received_at: str, **overrides) -> str:
    body = make_report(received_at=received_at, reporter=HOME, **overrides)
    with transaction(session_factory) as session:
        case, _ = create_case_from_report(
            session, parse_report(body), WorkingCalendar(), NOW, landlord_name="Example Homes"
        )
        return case.reference


@pytest.fixture
async def backend(make_api_client, settings) -> Iterator[Any]:
    """The real backend on a loopback port; the action code configured to call it."""
    client = await make_api_client(now=NOW)
    previous = server_settings._settings
    server_settings.configure(replace(settings, backend_url=str(client.make_url("")).rstrip("/")))
    yield client
    server_settings._settings = previous


def tracker(slots: dict[str, Any], channel: str = "webchat", text: str = "") -> Tracker:
    made = make_tracker(slots=slots, text=text, input_channel=channel)
    if channel == "sms":
        made.sender_id = "sms:0123456789abcdef0123456789abcdef"
        made.events[-1]["metadata"] = {"channel": "sms", "phone": PHONE}
    return made


async def run(action: Any, made: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, made, DOMAIN)
    return events, dispatcher.messages


def names(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages]


def applications(session_factory) -> list[CaseReviewApplication]:
    with transaction(session_factory) as session:
        return list(session.execute(select(CaseReviewApplication)).scalars())


# -- recognising the request -----------------------------------------------------------------


def test_the_request_is_read_from_the_words_outside_the_safety_routes():
    for text in (
        "I want a case review",
        "community trigger",
        "can I ask for a case review",
        "asb case review",
        "How do I use the Community Trigger?",
    ):
        assert case_review_intent(text) == "ask_case_review", text
        assert decide(text, "report_asb", 0.9) == ("ask_case_review", 1.0), text
    for text in ("has my case been reviewed?", "I want to review my report", "/affirm"):
        assert case_review_intent(text) is None, text
    # Danger first: the safety layer's route, never the review.
    intent, _ = decide("I want a case review, he is hitting me right now", "report_asb", 0.9)
    assert intent != "ask_case_review"
    # A long description that mentions it is read as a description.
    assert case_review_intent("the flat above " * 12 + "case review") is None


def test_no_reply_suggests_a_word_that_stops_texts():
    for name in [n for n in RESPONSES if "case_review" in n]:
        response = RESPONSES[name]
        for text in (response.text, *response.variants.values()):
            quoted = [part.strip().upper() for part in text.split('"')[1::2]]
            assert not set(quoted) & set(RESERVED_KEYWORDS), name


# -- the conversation ------------------------------------------------------------------------


async def test_by_sms_the_number_is_the_proof_and_a_met_threshold_is_recorded(
    backend, session_factory, make_report
):
    for at in TIMES:
        add_case(session_factory, make_report, at)
    events, messages = await run(ActionStartCaseReview(), tracker({}, "sms", "case review"))
    assert names(messages) == ["utter_case_review_explained"]
    assert messages[0]["reports"] == 3 and messages[0]["months"] == 6
    form = ValidateCaseReviewForm()
    asked = await form.required_slots([], CollectingDispatcher(), tracker({}, "sms"), DOMAIN)
    assert asked == ["case_review_confirmed"]
    answer = form.validate_case_review_confirmed(
        "yes please", CollectingDispatcher(), tracker({}, "sms"), DOMAIN
    )
    assert answer == {"case_review_confirmed": True}
    events, messages = await run(
        ActionCaseReview(), tracker({"case_review_confirmed": True}, "sms", "yes please")
    )
    assert names(messages) == ["utter_case_review_recorded", "utter_case_review_ack_sms"]
    assert messages[0]["decision_day"] == "Wednesday 6 January"
    assert slot_events(events)["case_review_confirmed"] is None
    (application,) = applications(session_factory)
    assert application.channel == "sms" and application.status == "received"
    # Asking again: the same application, said honestly.
    _, messages = await run(ActionCaseReview(), tracker({"case_review_confirmed": True}, "sms"))
    assert names(messages) == ["utter_case_review_already"]
    assert messages[0]["decision_day"] == "Wednesday 6 January"
    assert len(applications(session_factory)) == 1


async def test_on_the_web_below_the_threshold_says_the_numbers_and_what_else_to_do(
    backend, session_factory, make_report
):
    add_case(session_factory, make_report, TIMES[0], happened_when="ages ago")
    reference = add_case(session_factory, make_report, TIMES[2])
    form = ValidateCaseReviewForm()
    asked = await form.required_slots([], CollectingDispatcher(), tracker({}), DOMAIN)
    assert asked == ["case_review_confirmed", "case_reference", "case_postcode"]
    slots = {
        "case_review_confirmed": True,
        "case_reference": reference,
        "case_postcode": "ZZ99 1AA",
    }
    events, messages = await run(ActionCaseReview(), tracker(slots))
    assert names(messages) == [
        "utter_case_review_not_met",
        "utter_case_review_unclear",
        "utter_case_review_other_options",
    ]
    assert (messages[0]["counted"], messages[0]["reports"], messages[0]["months"]) == (1, 3, 6)
    assert messages[1]["unclear"] == 1
    assert "asbhelp.co.uk" in RESPONSES["utter_case_review_other_options"].text
    assert slot_events(events)["case_postcode"] is None  # used once
    (application,) = applications(session_factory)
    assert application.status == "below_threshold"


async def test_a_failed_check_a_no_and_a_backend_that_is_down(
    backend, session_factory, make_report, settings
):
    reference = add_case(session_factory, make_report, TIMES[2])
    slots = {"case_review_confirmed": True, "case_reference": reference, "case_postcode": "AB1 2CD"}
    _, messages = await run(ActionCaseReview(), tracker(slots))
    assert names(messages) == ["utter_case_review_not_found"]
    # "No" to "shall I check?": the form ends and nothing is sent.
    form = ValidateCaseReviewForm()
    made = tracker({"case_review_confirmed": False})
    assert await form.required_slots([], CollectingDispatcher(), made, DOMAIN) == [
        "case_review_confirmed"
    ]
    _, messages = await run(ActionCaseReview(), made)
    assert names(messages) == ["utter_case_review_not_sent"]
    assert applications(session_factory) == []
    server_settings.configure(replace(settings, backend_url="http://127.0.0.1:9"))
    slots["case_postcode"] = "ZZ99 1AA"
    _, messages = await run(ActionCaseReview(), tracker(slots))
    assert names(messages) == ["utter_case_lookup_unavailable"]
