"""Understanding short answers: yes/no, skip, frequency, UK phone numbers.

Button taps arrive as `/intent` payloads (NLU skipped, intent confidence 1.0); typed answers are
read from the NLU intent when it is one of affirm/deny/skip, else from the words themselves.
A whole answer in one of the catalogs' languages ("Tak", "Nu, mulțumesc", "ਛੱਡੋ") is read as the
English it means (`core.command_words`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from core import command_words

YES_WORDS = frozenset(
    "yes y yeah yep yup yea ok okay sure correct right aye definitely please".split()
)
NO_WORDS = frozenset("no n nope nah not never".split())
SKIP_WORDS = frozenset(
    {
        "skip",
        "pass",
        "none",
        "no",
        "nope",
        "no thanks",
        "no thank you",
        "rather not",
        "i'd rather not",
        "i would rather not",
        "rather not say",
        "prefer not to say",
        "i'd prefer not to say",
        "anonymous",
        "no number",
        "i don't have one",
        "i dont have one",
        "don't have one",
        "dont have one",
        "n/a",
        "-",
    }
)
# fmt: off
FREQUENCY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Checked in order, the first phrase found wins: "most days" before "every day",
    # "once a week" before "once".
    ("most_days", ("most days", "most_days", "nearly every day", "almost every day", "often",
                   "most nights", "a few times a week")),
    ("most_weeks", ("most weeks", "most_weeks", "every week", "weekly", "each week", "a week",
                    "per week", "weekends", "every weekend")),
    ("most_months", ("most months", "most_months", "every month", "monthly", "each month",
                     "a month", "per month")),
    ("daily", ("every day", "daily", "every night", "nightly", "each day", "each night", "a day",
               "a night", "all the time", "constantly", "every evening", "every morning")),
    ("occasionally", ("occasionally", "occasional", "once", "one off", "one-off", "now and then",
                      "sometimes", "rarely", "first time", "just this", "only this")),
)
# fmt: on
FREQUENCY_NUMBERS = {
    "1": "daily",
    "2": "most_days",
    "3": "most_weeks",
    "4": "most_months",
    "5": "occasionally",
}
MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
UK_COUNTRY_CODE = 44


def _words(text: str) -> str:
    return re.sub(r"[^\w'/\- ]+", " ", text.lower()).strip()


MIN_INTENT_CONFIDENCE = 0.6


def answer_intent(value: Any, latest_message: Mapping[str, Any] | None) -> str | None:
    """The NLU intent of `value` if it is the resident's latest message, else None.

    A slot re-validated when the form re-opens is not the latest message (that may be "no,
    carry on"), so its meaning must come from the value alone.
    """
    message = latest_message or {}
    if str(message.get("text") or "").strip() != str(value or "").strip():
        return None
    intent = message.get("intent") or {}
    if float(intent.get("confidence") or 0.0) < MIN_INTENT_CONFIDENCE:
        return None
    return intent.get("name")


def _language(value: Any, latest_message: Mapping[str, Any] | None) -> str | None:
    """The language the channel gave with the resident's latest message, if `value` is it."""
    message = latest_message or {}
    if str(message.get("text") or "").strip() != str(value or "").strip():
        return None
    language = (message.get("metadata") or {}).get("language")
    return language if isinstance(language, str) else None


def parse_yes_no(value: Any, latest_message: Mapping[str, Any] | None = None) -> bool | None:
    """True/False for a yes/no answer, None if it is neither."""
    if isinstance(value, bool):
        return value
    intent = answer_intent(value, latest_message)
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    translated = command_words.yes_no(str(value or ""), _language(value, latest_message))
    if translated is not None:
        return translated
    text = _words(str(value or ""))
    first = text.split(" ", 1)[0] if text else ""
    if first in YES_WORDS:
        return True
    if first in NO_WORDS:
        return False
    return None


def is_skip(value: Any, latest_message: Mapping[str, Any] | None = None) -> bool:
    """Whether the resident chose not to answer an optional question."""
    if answer_intent(value, latest_message) in ("skip", "deny"):
        return True
    text = _words(command_words.english_for(str(value or "")) or str(value or "")).rstrip(".! ")
    return text in SKIP_WORDS or text == "/skip"


def parse_frequency(value: Any) -> str | None:
    """A frequency code from a tap (1-5), a code, or words such as "every night"."""
    text = _words(str(value or ""))
    if not text:
        return None
    if text in FREQUENCY_NUMBERS:
        return FREQUENCY_NUMBERS[text]
    if text in FREQUENCY_NUMBERS.values():
        return text
    for code, phrases in FREQUENCY_WORDS:
        if any(re.search(rf"\b{re.escape(phrase)}\b", text) for phrase in phrases):
            return code
    return None


@dataclass(frozen=True)
class Phone:
    e164: str
    is_mobile: bool


def _acceptable(number: phonenumbers.PhoneNumber) -> Phone | None:
    if number.country_code != UK_COUNTRY_CODE:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number):
        return Phone(e164, phonenumbers.number_type(number) in MOBILE_TYPES)
    # Mobile-shaped numbers (07xxx xxxxxx, not 070 personal numbers) are accepted even when the
    # range is not in the library's metadata yet, such as Ofcom's 07700 900xxx drama range.
    national = str(number.national_number)
    if len(national) == 10 and national.startswith("7") and not national.startswith("70"):
        return Phone(e164, True)
    return None


def parse_uk_phone(text: Any) -> Phone | None:
    """A UK phone number in E.164 form, from the answer or a number inside it."""
    raw = str(text or "").strip()
    if not raw or len(raw) > 100:
        return None
    try:
        found = _acceptable(phonenumbers.parse(raw, "GB"))
        if found:
            return found
    except phonenumbers.NumberParseException:
        pass
    for match in PhoneNumberMatcher(raw, "GB", leniency=Leniency.POSSIBLE):
        found = _acceptable(match.number)
        if found:
            return found
    return None
