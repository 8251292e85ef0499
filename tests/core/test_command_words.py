"""The words the catalogs ask residents to type (core/command_words.py): each language's phrases
mean their English command, whatever the case, accents or punctuation, and only as the whole
message; English is left alone, and Twilio's opt-out words never mean anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core import command_words
from core.command_words import COMMAND_WORDS, RESERVED_SMS_WORDS, english_for, mentions, yes_no
from core.sms_keywords import OPT_OUT_KEYWORDS, is_opt_out, keyword_of

LOCALES = Path(__file__).resolve().parents[2] / "locales"
ALL_PHRASES = [
    (language, command, phrase)
    for language, table in COMMAND_WORDS.items()
    for command, phrases in table.items()
    for phrase in phrases
]


@pytest.mark.parametrize(("language", "command", "phrase"), ALL_PHRASES)
def test_every_phrase_means_its_english_command(language: str, command: str, phrase: str) -> None:
    assert english_for(phrase) == command
    assert english_for(phrase.upper()) == command
    assert english_for(f"  {phrase}!  ") == command
    assert english_for(phrase, language) == command
    # A sentence that only contains it is read as usual.
    assert english_for(f"{phrase} {phrase} {phrase} because of the neighbours") is None


@pytest.mark.parametrize(
    ("language", "typed", "meaning"),
    [
        ("pl", "ANULUJ ZGŁOSZENIE", "cancel report"),
        ("pl", "anuluj zgloszenie", "cancel report"),  # no Polish keyboard
        ("pl", "Tak.", "yes"),
        ("pl", "NIE", "no"),
        ("pl", "Wole nie mowic", "prefer not to say"),
        ("ro", "ANULEAZĂ SESIZAREA", "cancel report"),
        ("ro", "anuleaza sesizarea", "cancel report"),
        ("ro", "Săriţi peste acestea", "skip these"),  # t with a cedilla, old keyboards
        ("ro", "Da", "yes"),
        ("ro", "NU", "no"),
        ("ro", "Incepe din nou", "start again"),
        ("cy", "IE", "yes"),
        ("cy", "Na", "no"),
        ("cy", "CANSLO ADRODDIAD", "cancel report"),
        ("cy", "Dechrau eto", "start again"),
        ("cy", "adrodd", "REPORT"),
        ("pt", "SIM", "yes"),
        ("pt", "NÃO", "no"),
        ("pt", "nao", "no"),
        ("pt", "Cancelar relato", "cancel report"),
        ("pt", "comecar de novo", "start again"),
        ("pt", "relatar", "REPORT"),
        ("pa", "ਹਾਂ", "yes"),
        ("pa", "ਨਹੀਂ।", "no"),
        ("pa", "ਰਿਪੋਰਟ ਰੱਦ", "cancel report"),
        ("pa", "ਦੁਬਾਰਾ ਸ਼ੁਰੂ ਕਰੋ", "start again"),
        ("ur", "ہاں", "yes"),
        ("ur", "نہیں۔", "no"),
        ("ur", "نهیں", "no"),  # typed on an Arabic keyboard
        ("ur", "رپورٹ منسوخ", "cancel report"),
        ("ur", "رہنے دیں", "never mind"),
    ],
)
def test_typed_as_residents_type(language: str, typed: str, meaning: str) -> None:
    assert english_for(typed, language) == meaning
    assert english_for(typed) == meaning


@pytest.mark.parametrize(
    "text",
    ["yes", "no", "cancel report", "start again", "never mind", "report", "skip", "same", "do"],
)
def test_english_is_left_to_the_english_rules(text: str) -> None:
    assert english_for(text) is None


def test_gurmukhi_written_with_or_without_composed_letters() -> None:
    composed = "ਦੁਬਾਰਾ \u0a36ੁਰੂ ਕਰੋ"  # SHA as one letter
    spelled = "ਦੁਬਾਰਾ \u0a38\u0a3cੁਰੂ ਕਰੋ"  # SA with a nukta, as many keyboards type it
    assert english_for(composed) == english_for(spelled) == "start again"


def test_welsh_do_is_yes_only_for_a_welsh_resident() -> None:
    assert english_for("Do") is None
    assert yes_no("Do", "cy") is True
    assert yes_no("Naddo", "cy") is False
    assert yes_no("Do", "pl") is None


def test_yes_and_no_with_more_words_keep_their_meaning() -> None:
    assert yes_no("Tak, wyślij") is True
    assert yes_no("Nu, mulțumesc") is False
    assert yes_no("ਨਹੀਂ, ਜਾਰੀ ਰੱਖੋ") is False
    assert yes_no("ہاں، پوچھیں") is True
    assert yes_no("anuluj zgłoszenie") is None
    assert yes_no("tak tak, he was here again last night") is None


def test_case_review_is_found_in_a_short_message() -> None:
    assert mentions("Chcę przegląd sprawy", command_words.CASE_REVIEW)
    assert mentions("Hoffwn adolygiad achos os gwelwch yn dda", command_words.CASE_REVIEW)
    assert mentions("revisao de caso", command_words.CASE_REVIEW)
    assert mentions("مجھے کیس کا جائزہ چاہیے", command_words.CASE_REVIEW)
    assert not mentions("przegląd", command_words.CASE_REVIEW)
    assert not mentions("I want a case review", command_words.CASE_REVIEW)  # English: its regex


@pytest.mark.parametrize("word", sorted(RESERVED_SMS_WORDS | OPT_OUT_KEYWORDS))
def test_twilio_opt_out_words_never_mean_anything_else(word: str) -> None:
    assert english_for(word) is None
    assert english_for(word.lower()) is None
    assert not mentions(word, command_words.CASE_REVIEW)


@pytest.mark.parametrize(("language", "command", "phrase"), ALL_PHRASES)
def test_no_phrase_is_an_opt_out_or_means_one(language: str, command: str, phrase: str) -> None:
    assert command.upper() not in RESERVED_SMS_WORDS
    assert not is_opt_out(phrase)
    assert keyword_of(phrase) not in RESERVED_SMS_WORDS


def test_the_sms_keywords_are_those_the_catalogs_ask_for() -> None:
    """Welsh asks for ADRODD and Portuguese for RELATAR where English says "text REPORT"."""
    source = "To report something new, text REPORT."
    for language in ("cy", "pt"):
        with open(LOCALES / language / "LC_MESSAGES" / "messages.po", "rb") as f:
            catalog = read_po(f)
        [entry] = [m for m in catalog if m.id and str(m.id).endswith(source)]
        [keyword] = command_words.phrases_of(language, command_words.REPORT_KEYWORD)
        assert keyword in entry.string


@pytest.mark.parametrize("language", sorted(COMMAND_WORDS))
def test_every_language_has_the_commands_the_catalogs_offer(language: str) -> None:
    table = COMMAND_WORDS[language]
    for command in ("cancel report", "never mind", "start again", "case review", "yes", "no"):
        assert table.get(command), (language, command)
