"""Issue 16: choosing the conversation's language by text (bot/language_choice.py), the menu
on the first SMS reply (bot/nlg.py), and action_choose_language (run the rasa_sdk way)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from rasa_sdk.executor import CollectingDispatcher

from backend.sms_outbound.sms_format import match_option, shape_replies
from bot import language_choice, nlg, routing
from bot.actions.language import ActionChooseLanguage
from core import i18n
from core.settings import Settings
from tests.bot.actions.helpers import DOMAIN, make_tracker
from tests.bot.test_nlg import rasa_request
from tests.bot.test_nlg import settings as settings  # noqa: F401 - pytest fixture

MENU = "1 English, 2 Cymraeg, 3 Polski, 4 Română, 5 ਪੰਜਾਬੀ, 6 اردو, 7 Português"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Cymraeg", "cy"),
        ("cymraeg", "cy"),
        ("WELSH", "cy"),
        ("Polski", "pl"),
        ("polish.", "pl"),
        ("Română", "ro"),
        ("romana", "ro"),
        ("ਪੰਜਾਬੀ", "pa"),
        ("punjabi", "pa"),
        ("اردو", "ur"),
        ("Urdu", "ur"),
        ("português", "pt"),
        ("Portugues", "pt"),
        ("english", "en"),
    ],
)
def test_a_language_name_alone_chooses_it(text: str, code: str) -> None:
    assert language_choice.named_language(text) == code
    assert language_choice.choice_intent(text) == "choose_language"
    assert routing.decide(text, "greet", 0.9) == ("choose_language", 1.0)


@pytest.mark.parametrize(
    "text", ["language", "Language?", "iaith", "język", "jezyk", "limba", "ਭਾਸ਼ਾ", "زبان", "idioma"]
)
def test_language_in_every_language_shows_the_menu(text: str) -> None:
    assert language_choice.is_language_command(text)
    assert language_choice.named_language(text) is None
    assert routing.decide(text, "out_of_scope", 0.5) == ("choose_language", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "My Polish neighbour plays loud music every night",
        "the man next door shouts in Urdu at my children",
        "2",  # a number is only read against the menu just shown (the backend maps it)
        "English please I need help with noise from the flat above mine",
        "/choose_language",
    ],
)
def test_other_messages_are_not_a_choice(text: str) -> None:
    assert language_choice.choice_intent(text) is None


def test_danger_comes_before_a_language_choice() -> None:
    intent, _confidence = routing.decide("he has a knife language", "emergency", 0.9)
    assert intent != "choose_language"


def test_the_menu_is_one_short_line_in_own_scripts() -> None:
    assert language_choice.menu_line() == MENU
    buttons = language_choice.menu_buttons()
    assert buttons[1] == {"title": "Cymraeg", "payload": '/choose_language{"language": "cy"}'}
    assert language_choice.numbered_language("6") == "ur"
    assert language_choice.numbered_language("8") is None


def test_numbers_and_names_map_to_the_menu_buttons_by_sms() -> None:
    buttons = language_choice.menu_buttons()
    assert match_option("2", buttons) == '/choose_language{"language": "cy"}'
    assert match_option("7.", buttons) == '/choose_language{"language": "pt"}'
    assert match_option("Polski", buttons) == '/choose_language{"language": "pl"}'
    assert (
        language_choice.chosen_language(
            [{"entity": "language", "value": "ro"}], '/choose_language{"language": "ro"}'
        )
        == "ro"
    )


def sms_tracker_events(*events: dict[str, Any]) -> dict[str, Any]:
    body = rasa_request("utter_greet", input_channel="sms", metadata={"channel": "sms"})
    body["tracker"]["events"] = list(events)
    return body


def test_the_first_sms_reply_offers_the_languages_by_number(settings: Settings) -> None:
    body = sms_tracker_events({"event": "session_started"}, {"event": "user", "text": "hi"})
    answer = nlg.render_request(body, settings)
    assert answer["buttons"] == language_choice.menu_buttons()
    texts = shape_replies([answer])
    assert texts[-1].endswith(MENU)


def test_a_language_chosen_in_the_first_text_gets_no_menu(settings: Settings) -> None:
    body = sms_tracker_events({"event": "session_started"}, {"event": "user", "text": "Polski"})
    body["response"] = "utter_language_chosen_tell"
    body["arguments"] = {"language_name": "Polski", "reply_language": "pl"}
    answer = nlg.render_request(body, settings)
    assert "buttons" not in answer and "Cymraeg" not in answer["text"]
    menu = sms_tracker_events({"event": "session_started"}, {"event": "user", "text": "iaith"})
    menu["response"] = "utter_choose_language"
    assert nlg.render_request(menu, settings)["buttons"] == language_choice.menu_buttons()


def test_a_first_reply_with_options_of_its_own_names_the_languages(settings: Settings) -> None:
    body = rasa_request("utter_ask_incident_happening_now", input_channel="sms")
    body["tracker"]["events"] = [{"event": "user", "text": "loud music"}]
    answer = nlg.render_request(body, settings)
    assert [b["payload"] for b in answer["buttons"]] == ["/affirm", "/deny"]
    assert answer["text"].endswith("English, Cymraeg, Polski, Română, ਪੰਜਾਬੀ, اردو, Português")


def test_no_menu_after_the_first_reply_or_a_choice_or_on_the_web(settings: Settings) -> None:
    later = sms_tracker_events({"event": "bot", "text": "Hello"}, {"event": "user", "text": "x"})
    assert "buttons" not in nlg.render_request(later, settings)
    chosen = sms_tracker_events({"event": "user", "text": "hi"})
    chosen["tracker"]["slots"] = {"language": "pl"}
    assert "buttons" not in nlg.render_request(chosen, settings)
    remembered = sms_tracker_events({"event": "user", "text": "hi"})
    remembered["tracker"]["latest_message"]["metadata"]["language"] = "pl"
    assert "buttons" not in nlg.render_request(remembered, settings)
    web = rasa_request("utter_greet", input_channel="webchat")
    web["tracker"]["events"] = [{"event": "user", "text": "hi"}]
    assert "buttons" not in nlg.render_request(web, settings)


def test_the_menu_line_is_named_only_when_a_later_message_has_options() -> None:
    turn = [
        {"text": "If anyone is in danger, call 999.", "buttons": language_choice.menu_buttons()},
        {"text": "Is it happening now?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
    ]
    first, second = shape_replies(turn)
    assert first.endswith("English, Cymraeg, Polski, Română, ਪੰਜਾਬੀ, اردو, Português")
    assert "1 English" not in first
    assert second.endswith("Reply 1 for Yes.")


@pytest.fixture
def polish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test-only Polish catalog, so the test does not depend on the drafts' progress."""
    catalog = Catalog(locale="pl")
    catalog.add(
        "Thank you. I will write to you in {language_name} from now on.",
        "Dziękuję. Od teraz będę pisać do Pana/Pani w języku: {language_name}.",
    )
    po = tmp_path / "locales" / "pl" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def test_the_confirmation_is_said_in_the_language_just_chosen(
    settings: Settings, polish: None
) -> None:
    body = rasa_request(
        "utter_language_chosen", arguments={"language_name": "Polski", "reply_language": "pl"}
    )
    assert nlg.render_request(body, settings)["text"] == (
        "Dziękuję. Od teraz będę pisać do Pana/Pani w języku: Polski."
    )


async def run_action(**tracker: Any) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = await ActionChooseLanguage().run(dispatcher, make_tracker(**tracker), DOMAIN)
    return events, dispatcher


async def test_a_button_sets_the_language_slot() -> None:
    events, dispatcher = await run_action(
        text='/choose_language{"language": "cy"}',
        intent="choose_language",
        entities=[{"entity": "language", "value": "cy"}],
        input_channel="sms",
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": "cy"}]
    [message] = dispatcher.messages
    assert message["response"] == "utter_language_chosen_tell"
    assert message["language_name"] == "Cymraeg"
    assert message["reply_language"] == "cy"


async def test_a_name_in_the_report_form_switches_and_the_form_asks_again() -> None:
    events, dispatcher = await run_action(
        text="urdu", intent="choose_language", active_loop="report_form", requested_slot="location"
    )
    assert [(e["name"], e["value"]) for e in events] == [("language", "ur")]
    assert dispatcher.messages[0]["response"] == "utter_language_chosen"


async def test_on_the_web_the_page_is_told_to_follow_instead_of_a_slot() -> None:
    events, dispatcher = await run_action(
        text='/choose_language{"language": "ur"}',
        intent="choose_language",
        entities=[{"entity": "language", "value": "ur"}],
        input_channel="webchat",
    )
    assert events == []
    said, follow = dispatcher.messages
    assert said["response"] == "utter_language_chosen_tell" and said["reply_language"] == "ur"
    assert follow["custom"] == {"language": "ur"}


def test_the_rest_of_the_turn_is_said_in_the_language_chosen_on_the_web(
    settings: Settings, polish: None
) -> None:
    body = rasa_request(
        "utter_language_chosen", input_channel="webchat", metadata={"language": "en"}
    )
    body["arguments"] = {"language_name": "Polski"}
    body["tracker"]["events"] = [
        {"event": "user", "text": "Polski"},
        {"event": "bot", "text": "...", "data": {"custom": {"language": "pl"}}},
    ]
    assert nlg.render_request(body, settings)["text"].startswith("Dziękuję.")
    body["tracker"]["events"].append({"event": "user", "text": "next"})
    assert nlg.render_request(body, settings)["text"].startswith("Thank you.")


async def test_the_word_language_shows_the_menu() -> None:
    events, dispatcher = await run_action(text="iaith", intent="choose_language")
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_choose_language"]


async def test_a_name_answering_the_interpreter_question_is_that_answer() -> None:
    events, dispatcher = await run_action(
        text="Polish",
        intent="choose_language",
        active_loop="report_form",
        requested_slot="communication_language",
    )
    assert [(e["name"], e["value"]) for e in events] == [("communication_language", "Polish")]
    assert dispatcher.messages == []


def test_the_menu_response_carries_every_language_as_a_button(settings: Settings) -> None:
    answer = nlg.render_request(rasa_request("utter_choose_language"), settings)
    assert [b["title"] for b in answer["buttons"]] == [
        "English", "Cymraeg", "Polski", "Română", "ਪੰਜਾਬੀ", "اردو", "Português"
    ]  # fmt: skip


def test_the_report_carries_the_chosen_language(settings: Settings) -> None:
    """The `language` slot set by a choice by text is the report's (and so the case's)."""
    from datetime import datetime, timezone

    from bot.actions.submit import build_payload
    from tests.bot.actions.helpers import FILLED

    tracker = make_tracker({**FILLED, "language": "pl"}, input_channel="sms")
    payload = build_payload(tracker, "rid-pl", datetime.now(timezone.utc), settings)
    assert payload["language"] == "pl"
