"""The report form: slot validation (`validate_report_form`) and one context-aware question.

Validators are idempotent: Rasa validates every already-filled slot again when the form is
re-opened (after "change something" or "carry on"), so a value that is already normalised
(a bool, a frequency code, an E.164 number, SKIPPED) is accepted silently, and side messages
(the 999 line, "try again") are only sent for a fresh answer. A None candidate (a slot cleared by
`action_start_report` just before the form opens) is simply "not answered yet".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.categories import infer_category
from bot.constants import (
    MAX_NAME_LENGTH,
    MAX_PHONE_ATTEMPTS,
    MAX_TEXT_LENGTH,
    PHONE_DEPENDENT_SLOTS,
    SKIPPED,
)

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


class ValidateReportForm(FormValidationAction):
    """Checks and normalises each answer of `report_form`."""

    def name(self) -> str:
        return "validate_report_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The contact questions are only asked when there is a phone number."""
        if tracker.slots.get("phone") == SKIPPED:
            return [slot for slot in domain_slots if slot not in PHONE_DEPENDENT_SLOTS]
        return domain_slots

    @answered
    def validate_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        result = clean_text("description", value, dispatcher)
        if result["description"] and self._everyday(value, tracker):
            # Asked to report, then described everyday living: say which way it is handled,
            # and log it as a good-neighbour matter (the resident can still say "stop").
            dispatcher.utter_message(response="utter_good_neighbour")
            dispatcher.utter_message(response="utter_good_neighbour_logging")
            result["good_neighbour"] = True
        if result["description"] and tracker.get_slot("category") is None:
            # The safety layer and "not ASB" filter already ran on this message (bot/nlu.py);
            # safety routes never reach here (not_intent in the domain), action_safety_advice
            # records them.
            intent = (tracker.latest_message or {}).get("intent")
            result["category"] = infer_category(result["description"], intent)
        return result

    @staticmethod
    def _everyday(value: Any, tracker: Tracker) -> bool:
        """A fresh description the good-neighbour filter (bot/nlu.py) marked as everyday living."""
        message = tracker.latest_message or {}
        if str(message.get("text") or "").strip() != str(value or "").strip():
            return False  # re-validation of an earlier answer
        if tracker.get_slot("good_neighbour") is True:
            return False
        return (message.get("intent") or {}).get("name") == "not_asb"

    @answered
    def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return clean_text("location", value, dispatcher)

    @answered
    def validate_happening_now(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if isinstance(value, bool):
            return {"happening_now": value}
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            dispatcher.utter_message(response="utter_please_yes_no")
        elif answer:
            # Dangerous words are caught earlier (bot/nlu.py -> action_safety_advice, 999 first).
            dispatcher.utter_message(response="utter_danger_call_999")
        return {"happening_now": answer}

    @answered
    def validate_happened_when(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return clean_text("happened_when", value, dispatcher)

    @answered
    def validate_frequency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        code = answers.parse_frequency(value)
        if code is None:
            dispatcher.utter_message(response="utter_frequency_not_understood")
        return {"frequency": code}

    @answered
    def validate_reporter_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"reporter_name": SKIPPED}
        return clean_text("reporter_name", value, dispatcher, MAX_NAME_LENGTH)

    @answered
    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"phone": SKIPPED, "phone_attempts": 0}
        phone = answers.parse_uk_phone(value)
        if phone is not None:
            result: Slots = {"phone": phone.e164, "phone_attempts": 0}
            if not phone.is_mobile:
                result["safe_to_text"] = False  # landlines cannot receive our texts
            return result
        attempts = int(tracker.get_slot("phone_attempts") or 0) + 1
        if attempts >= MAX_PHONE_ATTEMPTS:
            dispatcher.utter_message(response="utter_phone_given_up")
            return {"phone": SKIPPED, "phone_attempts": attempts}
        if attempts == MAX_PHONE_ATTEMPTS - 1:
            dispatcher.utter_message(response="utter_phone_invalid_offer_skip")
        else:
            dispatcher.utter_message(response="utter_phone_invalid")
        return {"phone": None, "phone_attempts": attempts}

    def _yes_no(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Slots:
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            dispatcher.utter_message(response="utter_please_yes_no")
        return {slot: answer}

    @answered
    def validate_safe_to_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._yes_no("safe_to_text", value, dispatcher, tracker)

    @answered
    def validate_consent_to_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._yes_no("consent_to_contact", value, dispatcher, tracker)


class ActionAskHappenedWhen(Action):
    """Asks "when did it start?" if it is happening now, else "when did it last happen?"."""

    def name(self) -> str:
        return "action_ask_happened_when"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("happening_now") is True:
            dispatcher.utter_message(response="utter_ask_happened_when_started")
        else:
            dispatcher.utter_message(response="utter_ask_happened_when")
        return []
