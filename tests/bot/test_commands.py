"""The conversation commands and answer words in each catalog's language do what their English
does (core/command_words.py read by bot/commands.py, bot/case_review_command.py,
bot/actions/answers.py and bot/questions.py): "ANULUJ ZGŁOSZENIE" cancels a report at once like
"cancel report", "dim ots" asks first like "never mind", "Tak" to "are you sure?" is the
`affirm` that cancels, "ਛੱਡੋ" skips the name question, "przegląd sprawy" asks for a case review.
English is read as before. Run the rasa-sdk way (Tracker, CollectingDispatcher, the domain) where
an action decides what the resident sees. Data is fictional."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot import commands
from bot.actions import answers
from bot.actions.report import ActionAskCancel
from bot.case_review_command import case_review_intent
from bot.constants import REPORT_SLOTS, SKIPPED
from bot.questions import CHOICE_QUESTIONS, PREFER_NOT_TO_SAY, parse_choice
from bot.routing import decide
from core.command_words import COMMAND_WORDS
from tests.bot.actions.helpers import (
    DESCRIPTION,
    DOMAIN,
    LOCATION,
    make_tracker,
    responses,
    slot_events,
    validate,
)

IN_PROGRESS = {"description": DESCRIPTION, "location": LOCATION, "category": "noise"}
LANGUAGES = sorted(COMMAND_WORDS)


def phrases(command: str) -> list[tuple[str, str]]:
    return [
        (language, phrase)
        for language in LANGUAGES
        for phrase in COMMAND_WORDS[language].get(command, ())
    ]


# -- the commands -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "phrase"), phrases("cancel report"))
def test_cancel_report_in_each_language_is_the_explicit_cancel(language: str, phrase: str) -> None:
    for typed in (phrase, phrase.upper(), f"{phrase}."):
        assert commands.command_intent(typed) == "cancel", (language, typed)
        assert commands.is_cancel_report(typed), (language, typed)
        # Whatever the classifier made of words it was never trained on.
        assert decide(typed, "nlu_fallback", 0.31) == ("cancel", 1.0)


@pytest.mark.parametrize(("language", "phrase"), phrases("yes, cancel the report"))
def test_yes_cancel_the_report_in_each_language(language: str, phrase: str) -> None:
    assert commands.is_cancel_report(phrase), language


@pytest.mark.parametrize(("language", "phrase"), phrases("never mind"))
def test_never_mind_in_each_language_is_cancel_but_asks_first(language: str, phrase: str) -> None:
    assert commands.command_intent(phrase) == "cancel", language
    assert not commands.is_cancel_report(phrase), language


@pytest.mark.parametrize(("language", "phrase"), phrases("start again"))
def test_start_again_in_each_language(language: str, phrase: str) -> None:
    assert commands.command_intent(phrase) == "start_again", language
    assert decide(phrase, "cancel", 0.9) == ("start_again", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "anuluj zgłoszenie o hałasie sąsiada, bo już się skończyło",  # a sentence, read as usual
        "ten sąsiad nie przestaje krzyczeć w nocy",
        "Tak, on znowu tu był wczoraj w nocy i kopał w drzwi",
    ],
)
def test_a_sentence_with_the_words_is_not_a_command(text: str) -> None:
    assert commands.command_intent(text) is None


def test_english_commands_and_answers_are_read_as_before() -> None:
    assert commands.command_intent("cancel report") == "cancel"
    assert commands.command_intent("never mind") == "cancel"
    assert commands.command_intent("start again") == "start_again"
    # English answers stay the classifier's to read.
    for text in ("yes", "no", "skip", "do", "Yes, send it", "no thanks"):
        assert commands.command_intent(text) is None, text
    # Welsh "na" is "no", as English speakers use it too.
    assert commands.command_intent("na") == "deny"


def test_the_safety_layer_still_comes_first_in_every_language() -> None:
    intent, _ = decide("anuluj zgłoszenie, he has a knife and is trying to get in", "cancel", 0.9)
    assert intent == "emergency"


async def ask_cancel(slots: dict, text: str) -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, text=text, intent="cancel", input_channel="sms")
    events = await ActionAskCancel().run(dispatcher, tracker, DOMAIN)
    return slot_events(events), responses(dispatcher)


@pytest.mark.parametrize(("language", "phrase"), phrases("cancel report"))
async def test_the_translated_cancel_report_drops_the_report_at_once(
    language: str, phrase: str
) -> None:
    events, said = await ask_cancel({**IN_PROGRESS, "stage": None}, phrase.upper())
    assert said == ["utter_cancelled"], language
    assert set(events) == set(REPORT_SLOTS)
    assert all(value is None for value in events.values())


@pytest.mark.parametrize(("language", "phrase"), phrases("never mind"))
async def test_the_translated_never_mind_asks_first(language: str, phrase: str) -> None:
    events, said = await ask_cancel(IN_PROGRESS, phrase)
    assert said == ["utter_ask_cancel"] and events == {"stage": "cancel"}, language


# -- yes, no, skip ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "intent"),
    [
        ("TAK", "affirm"),
        ("Nie", "deny"),
        ("DA", "affirm"),
        ("nu", "deny"),
        ("Ie", "affirm"),
        ("NA", "deny"),
        ("Sim", "affirm"),
        ("NÃO", "deny"),
        ("ਹਾਂ", "affirm"),
        ("ਨਹੀਂ", "deny"),
        ("ہاں", "affirm"),
        ("نہیں", "deny"),
        ("Nie, kontynuuj", "deny"),  # "no, carry on" after "are you sure?"
        ("pomiń", "skip"),
        ("Hepgor", "skip"),
        ("ਛੱਡੋ", "skip"),
    ],
)
def test_a_translated_answer_is_the_intent_its_english_gets(typed: str, intent: str) -> None:
    # "Are you sure you want to cancel?" "TAK": the rule for affirm cancels the report.
    assert decide(typed, "nlu_fallback", 0.4) == (intent, 1.0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Tak", True), ("NIE", False), ("Da.", True), ("NU", False), ("ie", True)]
    + [("naddo", False), ("SIM", True), ("nao", False), ("ਹਾਂ", True), ("نہیں", False)]
    + [("yes", True), ("no", False), ("maybe", None)],
)
def test_happening_now_takes_yes_and_no_in_each_language(typed: str, expected: bool | None) -> None:
    # No intent: the classifier had no idea (below the confidence that is acted on).
    assert answers.parse_yes_no(typed, {"text": typed, "intent": {}}) is expected


def test_welsh_do_is_yes_when_the_channel_says_the_resident_writes_welsh() -> None:
    welsh = {"text": "Do", "intent": {}, "metadata": {"language": "cy"}}
    assert answers.parse_yes_no("Do", welsh) is True
    assert answers.parse_yes_no("Naddo", {**welsh, "text": "Naddo"}) is False
    assert answers.parse_yes_no("Do", {**welsh, "metadata": {"language": "en"}}) is None
    assert answers.parse_yes_no("Do", {"text": "Do", "intent": {}}) is None


async def test_a_translated_no_answers_is_it_happening_now() -> None:
    values, said, _ = await validate({"happening_now": "NIE"}, text="NIE")
    assert values["happening_now"] is False
    assert "utter_please_yes_no" not in said


@pytest.mark.parametrize("typed", ["pomiń", "HEPGOR", "ਛੱਡੋ", "چھوڑیں", "pular", "omite"])
async def test_skip_in_each_language_skips_the_name(typed: str) -> None:
    values, _, _ = await validate({"reporter_name": typed}, text=typed)
    assert values["reporter_name"] == SKIPPED


async def test_a_name_is_still_a_name() -> None:
    values, _, _ = await validate({"reporter_name": "Dara Nowak"}, text="Dara Nowak")
    assert values["reporter_name"] == "Dara Nowak"


@pytest.mark.parametrize(
    ("slot", "typed", "expected"),
    [
        ("ram_linked", "TAK", "yes"),
        ("ram_linked", "nu", "no"),
        ("ram_linked", "ਹਾਂ", "yes"),
        ("ram_linked", "Wolę nie mówić", PREFER_NOT_TO_SAY),
        ("ram_linked", "prefiro nao dizer", PREFER_NOT_TO_SAY),
        ("ram_start", "Pomiń te pytania", "no"),  # "Skip these"
        ("ram_linked", "2", "no"),  # numbers work in every language, as before
    ],
)
def test_choice_questions_take_the_translated_answer_words(
    slot: str, typed: str, expected: str
) -> None:
    assert parse_choice(CHOICE_QUESTIONS[slot], typed) == expected


# -- the case review --------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "phrase"), phrases("case review"))
def test_case_review_in_each_language(language: str, phrase: str) -> None:
    assert case_review_intent(phrase) == "ask_case_review", language
    assert case_review_intent(f"{phrase.upper()}?") == "ask_case_review", language
    assert decide(phrase, "nlu_fallback", 0.3) == ("ask_case_review", 1.0)


def test_case_review_words_inside_a_short_request() -> None:
    assert case_review_intent("Chciałabym przegląd sprawy, proszę") == "ask_case_review"
    assert case_review_intent("Hoffwn i chi wneud adolygiad achos") == "ask_case_review"
    assert case_review_intent("przegląd") is None
