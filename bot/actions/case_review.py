"""Asking for an ASB Case Review in the chat or by SMS ("I want a case review").

The request is recognised from the words (bot/case_review_command.py, intent
`ask_case_review`). `action_start_case_review` says what a review is and the local threshold;
`case_review_form` asks "shall I check?" and then proves who the resident is exactly as the
returning-resident flow does (bot/actions/returning.py: by SMS the sender's number, on the web
the case reference with the postcode, the case PIN or a texted code); `action_case_review` asks
the backend (POST /api/case-reviews), which counts the reports and records the application, and
explains the outcome honestly:

- met: the application is recorded, the decision day is named, what happens next, and how the
  confirmation reaches them (text, email, or a call);
- already waiting: the same, without a second application;
- not met: how many reports counted and what the threshold is, reports whose date was not clear,
  and what else they can do (report each time, ASB Help, the landlord's complaints route, the
  council).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.returning import (
    CLOSED,
    DOWN,
    NOT_FOUND,
    OK,
    ValidateReturningForms,
    call_backend,
    fresh_lookup,
    is_sms,
    refused,
    verification,
)
from bot.actions.server_settings import get_settings
from bot.actions.submit import conversation_language, report_channel
from core.i18n import day_name

CONFIRMED_SLOT = "case_review_confirmed"
ACKNOWLEDGEMENTS = {
    "sms": "utter_case_review_ack_sms",
    "email": "utter_case_review_ack_email",
    "call": "utter_case_review_ack_call",
    "none": "utter_case_review_ack_none",
}


class ActionStartCaseReview(Action):
    """Clears the last lookup, keeps a reference from the message, and says what a review is
    and the local threshold (from the settings the backend counts with)."""

    def name(self) -> str:
        return "action_start_case_review"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        dispatcher.utter_message(
            response="utter_case_review_explained",
            reports=settings.case_review_reports,
            months=settings.case_review_months,
        )
        return fresh_lookup(tracker, CONFIRMED_SLOT)


class ValidateCaseReviewForm(ValidateReturningForms):
    """ "Shall I check?", then the returning residents' identity questions (none by SMS)."""

    def name(self) -> str:
        return "validate_case_review_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot(CONFIRMED_SLOT) is False or is_sms(tracker):
            # "No": the form ends and nothing is sent. By SMS the sender's number is the proof.
            return [CONFIRMED_SLOT]
        return [CONFIRMED_SLOT, *self._identity_slots(tracker)]

    def validate_case_review_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            dispatcher.utter_message(response="utter_please_yes_no")
        return {CONFIRMED_SLOT: answer}


def _day(value: Any, tracker: Tracker, default_language: str) -> str | None:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return None
    return day_name(day, conversation_language(tracker, default_language))


class ActionCaseReview(Action):
    """Asks the backend to count and record, then tells the resident the outcome."""

    def name(self) -> str:
        return "action_case_review"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = [
            SlotSet(CONFIRMED_SLOT, None),
            SlotSet("case_postcode", None),  # used once; the next check asks again
            SlotSet("case_code", None),
        ]
        if tracker.get_slot(CONFIRMED_SLOT) is not True:
            dispatcher.utter_message(response="utter_case_review_not_sent")
            return events
        settings = get_settings()
        body: dict[str, Any] = {
            "channel": report_channel(tracker),
            "reference": tracker.get_slot("case_reference"),
            "verification": verification(tracker),
        }
        if is_sms(tracker) and not body["reference"]:
            body.pop("reference")  # the sender's number identifies them across their reports
        outcome, answer = await call_backend(settings, "/api/case-reviews", body)
        if outcome == CLOSED or (outcome == OK and "outcome" not in answer):
            outcome = DOWN  # nothing the assistant can explain: say it could not check
        if outcome == NOT_FOUND:
            dispatcher.utter_message(response="utter_case_review_not_found")
            return events
        if refused(dispatcher, outcome):
            return events
        self._explain(dispatcher, tracker, answer, settings.default_language)
        return events

    @staticmethod
    def _explain(
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        answer: dict[str, Any],
        default_language: str,
    ) -> None:
        decision_day = _day(answer.get("decision_due"), tracker, default_language)
        reference = answer.get("reference") or ""
        if answer.get("outcome") in ("recorded", "already_recorded") and decision_day:
            if answer["outcome"] == "already_recorded":
                dispatcher.utter_message(
                    response="utter_case_review_already",
                    reference=reference,
                    decision_day=decision_day,
                )
                return
            dispatcher.utter_message(
                response="utter_case_review_recorded",
                reference=reference,
                decision_day=decision_day,
            )
            acknowledged = ACKNOWLEDGEMENTS.get(str(answer.get("acknowledged_by")))
            if acknowledged:
                dispatcher.utter_message(response=acknowledged)
            return
        threshold = answer.get("threshold") or {}
        counted = max(
            int(answer.get("reports_by_resident") or 0), int(answer.get("reports_at_address") or 0)
        )
        dispatcher.utter_message(
            response="utter_case_review_not_met",
            counted=counted,
            reports=threshold.get("reports", 3),
            months=threshold.get("months", 6),
        )
        if answer.get("reports_unclear"):
            dispatcher.utter_message(
                response="utter_case_review_unclear", unclear=answer["reports_unclear"]
            )
        dispatcher.utter_message(response="utter_case_review_other_options")
