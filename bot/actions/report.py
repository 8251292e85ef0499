"""Conversation actions around the report form: start, summary, change, cancel, fallbacks.

The `stage` slot (featurised, read by the rules) records which question the resident is
answering outside the form, so "yes" and "no" mean the right thing even after a fallback.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import commands
from bot.actions import answers, listening
from bot.actions.sms_contact import sms_phone
from bot.constants import (
    COMMUNICATION_SLOTS,
    CONTACT_SLOTS,
    FORM_SLOTS,
    GOOD_NEIGHBOUR_DECLINED,
    PHONE_DEPENDENT_SLOTS,
    RAM_SLOTS,
    REPORT_SLOTS,
    REPORTER_ADDRESS_SLOTS,
    STAGE_CANCEL,
    STAGE_CHANGE,
    STAGE_CONFIRM,
    STAGE_GOOD_NEIGHBOUR,
    STAGE_SENT,
)
from bot.messages import CHANGEABLE_FIELDS, SUMMARY_FIELDS
from core.categories import INTENT_PREFIX

Events = list[dict[str, Any]]

# Slots cleared when the resident changes one answer.
FIELD_SLOTS: dict[str, tuple[str, ...]] = {
    "description": ("description", "category", "category_candidates", "category_choice"),
    "category_choice": ("category_choice",),
    "ram_start": ("ram_start", *RAM_SLOTS),
    "anonymous": ("anonymous", *CONTACT_SLOTS),
    "phone": ("phone", *PHONE_DEPENDENT_SLOTS),
    "evidence": ("evidence", "evidence_consent"),
    "reporter_postcode": REPORTER_ADDRESS_SLOTS,
    "communication_needs": COMMUNICATION_SLOTS,
}
# Words that name an answer when NLU found no `field` entity (e.g. an SMS reply "where").
FIELD_WORDS: tuple[tuple[str, str], ...] = (
    ("police_reference", r"\b(police|crime number)\b"),
    ("reporter_postcode", r"\b(post ?code|my address|home address|where i live)\b"),
    (
        "communication_needs",
        r"\b(interpreter|translator|language|large print|easy read|bsl|sign language|"
        r"adjustments?)\b",
    ),
    ("visit_or_call", r"\b(visit|call back|call me)\b"),
    ("phone", r"\b(phone|number|mobile)\b"),
    ("anonymous", r"\b(anonymous|contact)\b"),
    ("reporter_name", r"\bname\b"),
    ("category_choice", r"\b(type|kind|category)\b"),
    ("witnesses", r"\bwitness(es)?\b"),
    ("evidence", r"\b(evidence|photos?|videos?|recordings?|diary)\b"),
    ("people_involved", r"\b(who|person|people)\b"),
    ("ram_start", r"\b(risk|affect(s|ed)?|health|support)\b"),
    ("consent_to_share", r"\b(share|sharing)\b"),
    ("frequency", r"\b(how often|often|frequency)\b"),
    ("happening_now", r"\b(now|right now)\b"),
    ("started_when", r"\b(start(ed)?|began|begin|first)\b"),
    ("happened_when", r"\b(when|time|date|day)\b"),
    ("location", r"\b(where|location|address|place)\b"),
    ("description", r"\b(what|description|happening|details?)\b"),
)


def summary_fields(tracker: Tracker) -> list[str]:
    """The answers shown in the summary: the questions that were asked (the risk questions as
    one line counting the answers; the equality answers are not repeated)."""
    fields = [slot for slot in SUMMARY_FIELDS if tracker.get_slot(slot) is not None]
    if tracker.get_slot("category") and "category_choice" not in fields:
        fields.insert(1, "category_choice")
    if tracker.get_slot("ram_start") == "yes":
        fields.append("ram_start")
    return fields


def show_summary(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(response="utter_summary", summary_fields=summary_fields(tracker))


def report_in_progress(tracker: Tracker) -> bool:
    return any(tracker.get_slot(slot) is not None for slot in FORM_SLOTS)


def reask_for_stage(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Repeat the question of the current stage; False if there is none."""
    stage = tracker.get_slot("stage")
    if stage == STAGE_CONFIRM:
        show_summary(dispatcher, tracker)
    elif stage == STAGE_CHANGE:
        dispatcher.utter_message(response="utter_ask_change_field")
    elif stage == STAGE_CANCEL:
        dispatcher.utter_message(response="utter_ask_cancel")
    elif stage == STAGE_GOOD_NEIGHBOUR:
        dispatcher.utter_message(response="utter_ask_log_anyway")
    else:
        return False
    return True


class ActionStartReport(Action):
    """Starts a new report; a descriptive first message becomes the description."""

    def name(self) -> str:
        return "action_start_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("stage") in (STAGE_CONFIRM, STAGE_CHANGE):
            # A description-like message while checking the summary is not a new report:
            # keep every answer; the form re-opens complete and the summary is asked again.
            # (More detail goes in through "No, change something".)
            dispatcher.utter_message(response="utter_did_not_catch")
            return []
        message = tracker.latest_message or {}
        text = " ".join(str(message.get("text") or "").split())
        intent = str((message.get("intent") or {}).get("name") or "")
        # The safety layer and "not ASB" filter ran before this (bot/nlu.py): safety routes go
        # to action_safety_advice, everyday matters to action_good_neighbour.
        events = new_report_events(tracker)
        if intent.startswith(INTENT_PREFIX) and text and not text.startswith("/"):
            events.append(SlotSet("description", text))
        return events


def new_report_events(tracker: Tracker) -> Events:
    """Clear every answer for a new report; by SMS, the sender's number is the contact number
    (not asked again: the summary shows it and it can be changed; "safe to text?" is asked)."""
    events: Events = [SlotSet(slot, None) for slot in REPORT_SLOTS]
    if tracker.get_latest_input_channel() == "sms":
        phone = answers.parse_uk_phone(sms_phone(tracker) or "")
        if phone is not None:
            events.append(SlotSet("phone", phone.e164))
    return events


class ActionShowSummary(Action):
    """Lists the answers and asks "send it / change something"; fixes the report_id."""

    def name(self) -> str:
        return "action_show_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("good_neighbour") == GOOD_NEIGHBOUR_DECLINED:
            # "Don't log it" ended the form: nothing to show or send (already said so).
            return [SlotSet(slot, None) for slot in REPORT_SLOTS]
        show_summary(dispatcher, tracker)
        events: Events = [SlotSet("stage", STAGE_CONFIRM)]
        if not tracker.get_slot("report_id"):
            # Made once, before the resident confirms, and kept in the tracker: a resent "yes"
            # or a retried submit reuses it, so the backend never makes a second case.
            events.append(SlotSet("report_id", str(uuid.uuid4())))
        return events


class ActionAskChange(Action):
    """Asks which answer to change."""

    def name(self) -> str:
        return "action_ask_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        dispatcher.utter_message(response="utter_ask_change_field")
        return [SlotSet("stage", STAGE_CHANGE)]


def requested_field(tracker: Tracker) -> str | None:
    """The answer the resident wants to change: the `field` entity, else words in the text."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "field" and entity.get("value") in CHANGEABLE_FIELDS:
            return str(entity["value"])
    text = str((tracker.latest_message or {}).get("text") or "").lower()
    if text.startswith("/"):
        return None
    for field_name, pattern in FIELD_WORDS:
        if re.search(pattern, text):
            return field_name
    return None


class ActionChangeField(Action):
    """Clears the chosen answer so that the re-opened form asks it again."""

    def name(self) -> str:
        return "action_change_field"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        field_name = requested_field(tracker)
        if field_name is None:
            # The form re-opens complete and the summary is shown again.
            dispatcher.utter_message(response="utter_did_not_catch")
            return [SlotSet("stage", None)]
        slots = FIELD_SLOTS.get(field_name, (field_name,))
        # Answered afresh: earlier unusable answers to these questions no longer count.
        counts = {
            slot: count
            for slot, count in (tracker.get_slot("invalid_answers") or {}).items()
            if slot not in slots
        }
        return [
            SlotSet("stage", None),
            *(SlotSet(slot, None) for slot in slots),
            SlotSet("invalid_answers", counts or None),
        ]


def cancel_report(dispatcher: CollectingDispatcher) -> Events:
    """Drop every answer of the report in progress (nothing has been sent) and say so."""
    dispatcher.utter_message(response="utter_cancelled")
    return [SlotSet(slot, None) for slot in REPORT_SLOTS]


class ActionAskCancel(Action):
    """ "cancel", "never mind": confirm before dropping a report; nothing is sent either way.

    The explicit command "cancel report" (bot/commands.py: what the assistant offers by SMS,
    where "stop" or "cancel" alone would stop every text) and a second "cancel" after the
    question cancel at once.
    """

    def name(self) -> str:
        return "action_ask_cancel"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("stage") == STAGE_SENT:
            dispatcher.utter_message(response="utter_already_sent")
            return []
        if report_in_progress(tracker):
            text = str((tracker.latest_message or {}).get("text") or "")
            if commands.is_cancel_report(text) or tracker.get_slot("stage") == STAGE_CANCEL:
                return cancel_report(dispatcher)
            dispatcher.utter_message(response="utter_ask_cancel")
            return [SlotSet("stage", STAGE_CANCEL)]
        dispatcher.utter_message(response="utter_nothing_to_cancel")
        return [SlotSet("stage", None)]


class ActionCancelReport(Action):
    """ "Yes, cancel the report": drops the report in progress."""

    def name(self) -> str:
        return "action_cancel_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        return cancel_report(dispatcher)


class ActionResumeReport(Action):
    """ "No, carry on" after a cancel question: the form re-opens where it was."""

    def name(self) -> str:
        return "action_resume_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        dispatcher.utter_message(response="utter_resume")
        return [SlotSet("stage", None)]


# A message this long that says where, when or how often is a report, however unsure NLU is.
MIN_REPORT_WORDS = 8


def reads_like_a_report(text: str) -> bool:
    """A problem described with details (bot/actions/listening.py), not a stray phrase."""
    return (
        len(text.split()) >= MIN_REPORT_WORDS
        and not text.startswith("/")
        and bool(listening.heard_in(text))
    )


class ActionRephrase(Action):
    """Low NLU confidence outside the form: repeat the open question; a message that reads like
    a report starts one with it (the form asks which kind of problem it is); otherwise ask to
    rephrase."""

    def name(self) -> str:
        return "action_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("stage") in (
            STAGE_CONFIRM,
            STAGE_CHANGE,
            STAGE_CANCEL,
            STAGE_GOOD_NEIGHBOUR,
        ):
            dispatcher.utter_message(response="utter_did_not_catch")
            reask_for_stage(dispatcher, tracker)
            return []
        text = " ".join(str((tracker.latest_message or {}).get("text") or "").split())
        if self.name() == "action_rephrase" and reads_like_a_report(text):
            return [
                *new_report_events(tracker),
                SlotSet("description", text),
                FollowupAction("report_form"),
            ]
        dispatcher.utter_message(response="utter_please_rephrase")
        return []


class ActionDefaultFallback(ActionRephrase):
    """No rule fits (core fallback): the same help, and the message is forgotten."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        await super().run(dispatcher, tracker, domain)
        return [UserUtteranceReverted()]


class ActionStartAgain(Action):
    """ "Start again": drop every answer (nothing was sent) and ask from the first question."""

    def name(self) -> str:
        return "action_start_again"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("stage") == STAGE_SENT:
            dispatcher.utter_message(response="utter_already_sent")
            dispatcher.utter_message(response="utter_start_again")
        else:
            dispatcher.utter_message(response="utter_start_again")
        return new_report_events(tracker)
