"""Replies rendered in the Rasa server's process (bot/catalog_nlg.py): the same words and buttons
as the action server's NLG endpoint gives for the same conversation, and conversations given
safety advice still go through the endpoint (which keeps their safeguarding record)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from rasa.core.nlg.callback import nlg_request_format
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import catalog_nlg, language_choice, nlg
from core.settings import PROJECT_ROOT, Settings

DOMAIN = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
UNREACHABLE = "http://127.0.0.1:9/nlg"  # nothing listens: a call to the endpoint would fail


@pytest.fixture
def generator(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> catalog_nlg.CatalogNaturalLanguageGenerator:
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ASB_LANDLORD_NAME", "Example Homes")
    return catalog_nlg.CatalogNaturalLanguageGenerator(EndpointConfig(UNREACHABLE), DOMAIN)


def tracker(*events: Event, sender: str = "web-1") -> DialogueStateTracker:
    start = time.time() - 60
    opening = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(start)]
    return DialogueStateTracker.from_events(sender, [*opening, *events], DOMAIN.slots)


def said(text: str, channel: str, metadata: dict[str, Any] | None = None) -> UserUttered:
    return UserUttered(
        text, {"name": "report_asb", "confidence": 1.0}, input_channel=channel, metadata=metadata
    )


CONVERSATIONS = {
    "first web reply": (tracker(said("loud music every night", "webchat")), "webchat"),
    # The first reply of an SMS conversation carries the language menu.
    "first sms reply": (
        tracker(said("loud music every night", "sms", {"channel": "sms"}), sender="sms-1"),
        "sms",
    ),
    "later sms reply": (
        tracker(
            said("loud music every night", "sms"),
            BotUttered("Is it happening right now?"),
            said("no", "sms"),
            sender="sms-2",
        ),
        "sms",
    ),
    # A language chosen this turn: the rest of the turn is said in it.
    "language chosen this turn": (
        tracker(
            said("Polski", "webchat"),
            BotUttered("Polski", {"custom": {"language": "pl"}}),
        ),
        "webchat",
    ),
    "report in progress": (
        tracker(
            said("bins set on fire in the car park last week", "webchat"),
            SlotSet("description", "bins set on fire in the car park last week"),
            SlotSet("location", "Car park, 1 Example Road"),
            SlotSet("frequency", "most_weeks"),
            SlotSet("language", "cy"),
        ),
        "webchat",
    ),
}
RESPONSES = [
    ("utter_greet", {}),
    ("utter_ask_frequency", {}),
    ("utter_ask_incident_happening_now", {}),
    ("utter_summary", {}),
    ("utter_correction_made", {"field": "location"}),
    ("utter_ask_category_choice", {"category_candidates": ["noise", "harassment"]}),
    ("utter_report_sent", {"reference": "ASB-2026-000123", "review_day": "Monday 7 December"}),
]


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
@pytest.mark.parametrize(("response", "arguments"), RESPONSES)
async def test_in_process_replies_are_the_endpoints_replies(
    generator: catalog_nlg.CatalogNaturalLanguageGenerator,
    name: str,
    response: str,
    arguments: dict[str, Any],
) -> None:
    conversation, channel = CONVERSATIONS[name]
    body = nlg_request_format(response, conversation, channel, **arguments)
    expected = nlg.render_request(body, Settings.from_env())
    assert expected.get("text")
    got = await generator.generate(
        response, conversation, channel, domain_responses=DOMAIN.responses, **arguments
    )
    assert got == expected


async def test_the_first_sms_reply_still_offers_the_languages(
    generator: catalog_nlg.CatalogNaturalLanguageGenerator,
) -> None:
    conversation, channel = CONVERSATIONS["first sms reply"]
    answer = await generator.generate("utter_greet", conversation, channel)
    assert answer["buttons"] == language_choice.menu_buttons()


async def test_a_conversation_given_safety_advice_goes_through_the_endpoint(
    generator: catalog_nlg.CatalogNaturalLanguageGenerator,
) -> None:
    advised = tracker(said("he has a knife", "webchat"), SlotSet("safety_route", "emergency"))
    assert catalog_nlg.given_safety_advice(advised)
    # The endpoint (an address where nothing listens here) is asked, so the call fails.
    with pytest.raises(Exception):  # noqa: B017, PT011 - Rasa raises its own connection error
        await generator.generate("utter_ask_location", advised, "webchat")


def test_advice_in_an_earlier_session_does_not_count() -> None:
    earlier = tracker(
        said("he has a knife", "webchat"),
        SlotSet("safety_route", "emergency"),
        ActionExecuted("action_session_start"),
        SessionStarted(),
        said("loud music", "webchat"),
    )
    assert not catalog_nlg.given_safety_advice(earlier)
    assert not catalog_nlg.given_safety_advice(tracker(said("loud music", "webchat")))
