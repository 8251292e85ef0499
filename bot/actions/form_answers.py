"""Reading one answer of the report form: the pieces every validator shares.

`answered` leaves a slot cleared to None alone, `clean_text` accepts free text, `is_fresh` tells a
new answer from one being re-validated, `invalid_answer` counts unusable answers (the 2nd offers
"skip", the 3rd moves on) and `text_or_skip` is free text where "skip" and "don't know" are fine.
Used by `bot/actions/forms.py` (validate_report_form) and `bot/actions/case_fields.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import answers
from bot.constants import MAX_INVALID_ANSWERS, MAX_TEXT_LENGTH, SKIPPED

Slots = dict[str, Any]
Validator = Callable[..., Slots]


def answered(method: Validator) -> Validator:
    """Leave a slot cleared to None alone: it is not answered yet, the form will ask it."""
    slot = method.__name__.removeprefix("validate_")

    @functools.wraps(method)
    def wrapper(self: Any, value: Any, *args: Any) -> Slots:
        if value is None:
            return {slot: None}
        return method(self, value, *args)

    return wrapper


def clean_text(
    slot: str, value: Any, dispatcher: CollectingDispatcher, max_length: int = MAX_TEXT_LENGTH
) -> Slots:
    """Accept non-empty text up to `max_length` characters, else re-ask with a reason."""
    text = " ".join(str(value or "").split())
    if not text or text.startswith("/"):
        dispatcher.utter_message(response="utter_text_empty")
        return {slot: None}
    if len(text) > max_length:
        dispatcher.utter_message(response="utter_text_too_long", max_length=max_length)
        return {slot: None}
    return {slot: text}


def is_fresh(value: Any, tracker: Tracker) -> bool:
    """Whether `value` is the resident's latest message (not an answer being re-validated)."""
    return str((tracker.latest_message or {}).get("text") or "").strip() == str(value).strip()


def invalid_answer(
    slot: str,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    response: str,
    offer_skip: str = "utter_invalid_offer_skip",
    moving_on: str = "utter_moving_on",
    **kwargs: Any,
) -> Slots:
    """An answer we cannot use: say why; the 2nd time offer "skip"; the 3rd time move on."""
    counts = dict(tracker.get_slot("invalid_answers") or {})
    counts[slot] = int(counts.get(slot) or 0) + 1
    if counts[slot] >= MAX_INVALID_ANSWERS:
        dispatcher.utter_message(response=moving_on)
        return {slot: SKIPPED, "invalid_answers": counts}
    if counts[slot] == MAX_INVALID_ANSWERS - 1:
        dispatcher.utter_message(response=offer_skip)
    else:
        dispatcher.utter_message(response=response, **kwargs)
    return {slot: None, "invalid_answers": counts}


DONT_KNOW = re.compile(r"\W*(i )?(don'?t|do not) know\W*|\W*not sure\W*")


def text_or_skip(
    slot: str,
    value: Any,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    max_length: int = MAX_TEXT_LENGTH,
) -> Slots:
    """Free text, or "skip" / "don't know"; an unusable answer counts towards moving on."""
    if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
        return {slot: SKIPPED}
    if DONT_KNOW.fullmatch(str(value).lower()):
        return {slot: SKIPPED}
    result = clean_text(slot, value, CollectingDispatcher(), max_length)
    if result[slot] is None:
        too_long = len(" ".join(str(value).split())) > max_length
        response = "utter_text_too_long" if too_long else "utter_text_empty"
        return invalid_answer(slot, dispatcher, tracker, response, max_length=max_length)
    return result
