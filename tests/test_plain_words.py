"""Plain words everywhere residents or staff read us (docs/domain.md section 9), checked across
every catalog: every msgid of locales/messages.pot, every translation in locales/*/LC_MESSAGES,
and the text of the backend's HTML templates (staff pages and the web chat page):

- none says "perpetrator", "property" (a word of its own), "victim" or "paraphernalia";
- none says "the next working day" without naming the day (a `{...day...}` placeholder that
  the code fills with a day such as "Monday 7 December");
- by SMS nothing suggests a word Twilio acts on by itself (core/sms_keywords.py: STOP, STOPALL,
  UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT) as something to send: a resident who texts
  "cancel" to drop a report would get no more texts at all, updates about their case included.
  Telling how to stop texts ("Text STOP to stop texts") is the one use of STOP allowed. The
  assistant's replies are checked as they read by SMS (the `sms` variant, else the text, and
  every option title), the backend's texts as they are.

The rules are first checked against wording they must catch, so they cannot pass by matching
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.messages import CATEGORY_LABELS, RESPONSES
from core.sms_keywords import OPT_OUT_KEYWORDS, RESERVED_KEYWORDS, keyword_of

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
TEMPLATES = sorted((ROOT / "backend").glob("*/templates/**/*.html"))

FORBIDDEN_WORDS = re.compile(r"\b(perpetrators?|property|victims?|paraphernalia)\b", re.IGNORECASE)
NEXT_WORKING_DAY = re.compile(r"\bnext (working|business) day\b", re.IGNORECASE)
# A `{placeholder}` the code fills with a named day: {day}, {review_day}, {next_day}...
DAY_PLACEHOLDER = re.compile(r"\{\w*day\w*\}")
# A word or words offered as something to send: in quotes ('say "skip"'), or in capitals after
# a verb of sending ("text REPORT", "Reply STOP").
SUGGESTION = re.compile(
    r"[\"\u201c]([^\"\u201d]{1,40})[\"\u201d]"
    r"|\b(?i:text|reply|say|type|send)\s+([A-Z]{2,}(?:\s+[A-Z]{2,})*)\b"
)
# The legitimate use of STOP: how to stop our texts.
STOP_TEXTS = re.compile(r"\bSTOP\b[^.;]*\bstop\b[^.;]*\b(texts|them)\b")
# An option title's words after a leading "yes" or "no" ("Yes, stop" offers "stop").
LEADING_YES_NO = re.compile(r"^\s*(yes|no)\b\W*", re.IGNORECASE)


# -- where the words are -----------------------------------------------------------------------


def _ids(message_id: str | tuple[str, ...]) -> Iterator[str]:
    yield from (message_id,) if isinstance(message_id, str) else message_id


def catalog_messages() -> Iterator[tuple[str, str, list[str]]]:
    """(where, text, source files) for every msgid of the template and every translation."""
    with (LOCALES / "messages.pot").open("rb") as handle:
        for message in read_po(handle):
            files = [path for path, _line in message.locations]
            for text in _ids(message.id):
                if text:
                    yield "messages.pot", text, files
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            for message in read_po(handle):
                files = [path for path, _line in message.locations]
                for text in _ids(message.string):
                    if text:
                        yield str(po_path.relative_to(ROOT)), text, files


def template_texts() -> Iterator[tuple[str, str]]:
    """(template, text) for each template: the words between its tags and the strings in its
    Jinja expressions (what the page shows)."""
    for path in TEMPLATES:
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
        yield str(path.relative_to(ROOT)), re.sub(r"<[^>]*>", " ", source)


def everything() -> Iterator[tuple[str, str]]:
    for where, text, _files in catalog_messages():
        yield where, text
    yield from template_texts()


def sms_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for each text as it reaches a resident by SMS: the assistant's replies
    (`sms` variant, else the text, and texts used when an argument is given) and the backend's
    texts (msgids from backend/ and core/)."""
    for name, response in RESPONSES.items():
        yield name, response.variants.get("sms", response.text)
        # Texts used instead on every channel when an action passes an argument.
        for argument, text in getattr(response, "when_given", {}).items():
            yield f"{name} with {argument}", text
    for _where, text, files in catalog_messages():
        if any(not path.startswith(("bot/", "bot\\")) for path in files):
            yield f"msgid from {', '.join(files)}", text


def option_titles() -> Iterator[tuple[str, str]]:
    """Every option title, as offered by SMS ("Reply 1 for <title>, ...")."""
    for name, response in RESPONSES.items():
        for button in response.buttons:
            yield name, button.title
    for code, label in CATEGORY_LABELS.items():
        yield f"category {code}", label


# -- the rules ------------------------------------------------------------------------------


def forbidden_words(text: str) -> list[str]:
    return [match.group(0) for match in FORBIDDEN_WORDS.finditer(text)]


def unnamed_next_working_day(text: str) -> bool:
    return NEXT_WORKING_DAY.search(text) is not None and not DAY_PLACEHOLDER.search(text)


def _sentences(text: str) -> Iterable[str]:
    return re.split(r"(?<=[.!?])\s+|\n", text)


def reserved_suggestions(text: str) -> list[str]:
    """The opt-out words `text` offers as something to send, other than to stop texts."""
    found = []
    for sentence in _sentences(text):
        for match in SUGGESTION.finditer(sentence):
            phrase = match.group(1) or match.group(2) or ""
            word = keyword_of(phrase)
            if word not in OPT_OUT_KEYWORDS:
                continue
            if word == "STOP" and STOP_TEXTS.search(sentence):
                continue
            found.append(phrase)
    return found


def reserved_title(title: str) -> bool:
    """Is the option title, or its words after "Yes,"/"No,", one word Twilio acts on?"""
    rest = LEADING_YES_NO.sub("", title)
    return keyword_of(title) in RESERVED_KEYWORDS or keyword_of(rest) in RESERVED_KEYWORDS


# -- the rules catch what they must ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We have spoken to the perpetrator.",
        "Noise from a neighbouring property.",
        "Support for victims of ASB.",
        "We removed the drug paraphernalia.",
    ],
)
def test_the_word_rule_catches_jargon(text: str) -> None:
    assert forbidden_words(text)


def test_the_word_rule_leaves_plain_words_alone() -> None:
    assert not forbidden_words("Anything near your home, or the person you are complaining about.")
    assert not forbidden_words("Properly recorded.")


def test_the_day_rule_catches_an_unnamed_day() -> None:
    assert unnamed_next_working_day("Our team will review it on the next working day.")
    assert not unnamed_next_working_day("Our team will review it on {review_day}.")
    assert not unnamed_next_working_day("on the next working day, {day}")


@pytest.mark.parametrize(
    "text",
    [
        'If you don\'t have it, say "stop" and call us.',
        "To cancel, reply CANCEL.",
        "Text END when you are done.",
        "Send QUIT to leave.",
        "Reply \u201cunsubscribe\u201d to stop the survey.",
    ],
)
def test_the_sms_rule_catches_a_reserved_word_offered(text: str) -> None:
    assert reserved_suggestions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Text STOP to stop texts.",
        "{landlord}: you will get texts from us again. Text STOP to stop them.",
        'To cancel, text "cancel report".',
        'Say "skip" if you would rather not say.',
        "To report something new, text REPORT.",
    ],
)
def test_the_sms_rule_allows_stopping_texts_and_other_words(text: str) -> None:
    assert reserved_suggestions(text) == []


def test_the_option_rule_catches_a_reserved_title() -> None:
    assert reserved_title("Yes, stop")
    assert reserved_title("Cancel")
    assert reserved_title("Help")
    assert not reserved_title("Yes, cancel the report")
    assert not reserved_title("No, carry on")


# -- every catalog keeps them -----------------------------------------------------------------


def test_the_catalogs_and_templates_are_all_read() -> None:
    assert len(list(catalog_messages())) > 300
    assert {Path(t).name for t, _ in template_texts()} >= {"case.html", "index.html"}


def test_no_catalog_or_template_uses_jargon() -> None:
    found = [(where, forbidden_words(text), text) for where, text in everything()]
    assert [f for f in found if f[1]] == []


def test_no_catalog_or_template_leaves_the_next_working_day_unnamed() -> None:
    found = [(where, text) for where, text in everything() if unnamed_next_working_day(text)]
    assert found == []


def test_no_text_by_sms_offers_a_reserved_word() -> None:
    found = [(where, reserved_suggestions(text)) for where, text in sms_texts()]
    assert [f for f in found if f[1]] == []


def test_no_option_is_a_reserved_word() -> None:
    assert [(where, title) for where, title in option_titles() if reserved_title(title)] == []
