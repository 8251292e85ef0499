"""Cancelling a report and starting again by words Twilio does not reserve.

By SMS a text that is only "stop" or "cancel" opts the resident out of every text (updates about
their case included) before the assistant sees it, so the assistant offers "cancel report" and
"start again" (bot/commands.py): read from the words alone on every message (`bot.routing.decide`,
after the safety layer), and "cancel report" cancels at once. Run the rasa-sdk way: a Tracker, a
CollectingDispatcher and the domain, asserting on events and responses. Data is fictional.
"""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot import commands
from bot.actions.report import ActionAskCancel, ActionCancelReport
from bot.constants import REPORT_SLOTS
from bot.routing import decide
from core.sms_keywords import is_opt_out
from tests.bot.actions.helpers import (
    DESCRIPTION,
    DOMAIN,
    FILLED,
    LOCATION,
    make_tracker,
    responses,
    slot_events,
)

IN_PROGRESS = {"description": DESCRIPTION, "location": LOCATION, "category": "noise"}

# -- the words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "cancel report",
        "Cancel report.",
        "CANCEL REPORT",
        "cancel the report",
        "please cancel my report",
        "Yes, cancel the report",
        "stop this report",
        "  cancel   report!  ",
    ],
)
def test_cancel_report_is_the_explicit_cancel_command(text: str) -> None:
    assert commands.command_intent(text) == "cancel"
    assert commands.is_cancel_report(text)
    # It reaches the assistant: Twilio only acts on a text that is the reserved word alone.
    assert not is_opt_out(text)


@pytest.mark.parametrize("text", ["never mind", "Forget it.", "ok never mind"])
def test_never_mind_is_cancel_but_asks_first(text: str) -> None:
    assert commands.command_intent(text) == "cancel"
    assert not commands.is_cancel_report(text)


@pytest.mark.parametrize(
    "text", ["start again", "Start again.", "can we start over", "restart", "start a new report"]
)
def test_start_again_is_the_start_again_command(text: str) -> None:
    assert commands.command_intent(text) == "start_again"
    assert not is_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "stop",  # by SMS Twilio acts on it; on the web the classifier reads it
        "cancel",
        "the noise never stops, can you cancel their tenancy report or something",
        "they cancelled the report they made about me",
        "start again? they started again last night at 2am",
        "/cancel",
    ],
)
def test_other_words_are_not_commands(text: str) -> None:
    assert commands.command_intent(text) is None
    assert not commands.is_cancel_report(text)


@pytest.mark.parametrize(
    ("text", "classified_as"),
    [
        ("cancel report", "nlu_fallback"),
        ("Cancel report.", "asb_noise"),
        ("cancel my report", "cancel"),
    ],
)
def test_the_command_decides_whatever_the_classifier_read(text: str, classified_as: str) -> None:
    assert decide(text, classified_as, 0.35) == ("cancel", 1.0)


def test_start_again_decides_over_the_classifier() -> None:
    assert decide("start again", "cancel", 0.9) == ("start_again", 1.0)


def test_the_safety_layer_still_comes_first() -> None:
    intent, _ = decide("cancel report, he has a knife and is trying to get in", "cancel", 0.9)
    assert intent == "emergency"


# -- the actions ----------------------------------------------------------------------------


async def ask_cancel(slots: dict, text: str, channel: str = "sms") -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, text=text, intent="cancel", input_channel=channel)
    events = await ActionAskCancel().run(dispatcher, tracker, DOMAIN)
    return slot_events(events), responses(dispatcher)


async def test_cancel_report_cancels_at_once_and_clears_the_report() -> None:
    events, said = await ask_cancel({**IN_PROGRESS, "stage": None}, "Cancel report")
    assert said == ["utter_cancelled"]
    assert set(events) == set(REPORT_SLOTS)
    assert all(value is None for value in events.values())


async def test_cancel_report_from_the_summary_cancels_too() -> None:
    slots = {**FILLED, "stage": "confirm", "report_id": "7a0f1a5e-7f7a-4c61-9a54-0d6b1f3e2c11"}
    events, said = await ask_cancel(slots, "cancel the report")
    assert said == ["utter_cancelled"]
    assert events["report_id"] is None and events["stage"] is None


async def test_a_plain_cancel_asks_first() -> None:
    events, said = await ask_cancel(IN_PROGRESS, "cancel", channel="webchat")
    assert said == ["utter_ask_cancel"] and events == {"stage": "cancel"}
    events, said = await ask_cancel(IN_PROGRESS, "never mind")
    assert said == ["utter_ask_cancel"] and events == {"stage": "cancel"}


async def test_asked_to_cancel_a_second_cancel_confirms() -> None:
    events, said = await ask_cancel({**IN_PROGRESS, "stage": "cancel"}, "cancel it")
    assert said == ["utter_cancelled"] and events["description"] is None


async def test_cancel_report_with_nothing_in_progress_or_already_sent() -> None:
    events, said = await ask_cancel({}, "cancel report")
    assert said == ["utter_nothing_to_cancel"] and events == {"stage": None}
    events, said = await ask_cancel({**FILLED, "stage": "sent"}, "cancel report")
    assert said == ["utter_already_sent"] and events == {}


async def test_yes_cancel_the_report_drops_it() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {**IN_PROGRESS, "stage": "cancel"}, text="/affirm", intent="affirm", input_channel="sms"
    )
    events = slot_events(await ActionCancelReport().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == ["utter_cancelled"]
    assert events["description"] is None and events["stage"] is None
