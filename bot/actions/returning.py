"""Returning residents: "what's happening with my case?" and "it happened again".

Identity (docs/CONTRACTS.md, "Returning residents"): on SMS the sender's number (the Rasa sender
id) must match the case; on web/REST the reference plus the postcode of the address where it is
happening, the case PIN given with the reference, or a one-time code texted to the number on the
case. The backend answers an unknown reference and a failed check alike (404), so the assistant
never says which it was.

- `case_status_form` (reference, then postcode, PIN or code on web) -> `action_case_status`.
- `incident_form` (on SMS: the one open case confirmed, else the reference; on web: reference
  and postcode or PIN; then what happened and whether it is happening now) ->
  `action_add_incident`, which POSTs the incident with a `report_id` fixed in a slot before the
  call (a retry reuses it).

Danger in a repeat incident ("it happened again and he had a knife"): the safety rules give the
advice first at any point of the form (999 for an emergency, `action_safety_advice`), and the
words that interrupted the question are still kept as the answer; words of harm the safety layer
does not call an emergency get a 999 line. The incident goes with the most urgent route the
assistant gave the resident's messages and the flags it calls for (`incident_safety`), and the
backend raises the case's flags, team, triage and the duty officer's alert
(backend/residents/escalation.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from datetime import date
from typing import Any

import aiohttp
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.delivery import REQUEST_TIMEOUT
from bot.actions.forms import ValidateReportForm, clean_text
from bot.actions.server_settings import get_settings
from bot.actions.sms_contact import sms_phone
from bot.actions.submit import conversation_language, report_channel
from bot.constants import REPORT_SLOTS
from core import command_words, safety
from core.i18n import day_name
from core.settings import Settings

logger = logging.getLogger(__name__)

REFERENCE_PATTERN = re.compile(r"\bASB-\d{4}-\d{6}\b", re.IGNORECASE)
POSTCODE_PATTERN = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
CODE_PATTERN = re.compile(r"^\s*(\d{3})\s*-?\s*(\d{3})\s*$")
CODE_WORDS = ("code", "text me", "txt me", "send me")
USE_CODE = "__code__"  # case_postcode value when the resident asked for a texted code
USE_PIN = "__pin__"  # case_postcode value when the resident gave the case PIN (in case_code)

# Slots of one returning-resident conversation, cleared when a new one starts.
RETURNING_SLOTS = (
    "case_reference",
    "case_postcode",
    "case_code",
    "incident_case_confirmed",
    "incident_description",
    "incident_happening_now",
    "incident_report_id",
    "open_case_reference",
)

# Outcome kinds of one backend call.
OK, NOT_FOUND, TOO_MANY, CLOSED, DOWN = "ok", "not_found", "too_many", "closed", "down"


def find_reference(text: Any) -> str | None:
    """The case reference in `text` (any case), upper-cased, or None."""
    found = REFERENCE_PATTERN.search(str(text or ""))
    return found.group(0).upper() if found else None


def is_sms(tracker: Tracker) -> bool:
    return report_channel(tracker) == "sms"


async def call_backend(
    settings: Settings, path: str, body: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """POST `body` to the backend once: (outcome kind, answer). Logs carry no personal data."""
    headers = {"Authorization": f"Bearer {settings.ingest_secret}"}
    try:
        async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
            async with session.post(
                f"{settings.backend_url}{path}", json=body, headers=headers
            ) as resp:
                try:
                    answer = await resp.json(content_type=None)
                except ValueError:
                    answer = None
                answer = answer if isinstance(answer, dict) else {}
                if resp.status in (200, 201, 202):
                    return OK, answer
                if resp.status == 404:
                    return NOT_FOUND, answer
                if resp.status == 429:
                    return TOO_MANY, answer
                if resp.status == 409:
                    return CLOSED, answer
                logger.warning("backend %s answered HTTP %s", path.split("/")[2], resp.status)
                return DOWN, answer
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        logger.warning("backend unreachable for a returning resident (%s)", type(exc).__name__)
        return DOWN, {}


def verification(tracker: Tracker) -> dict[str, str]:
    """The identity proof for this conversation (exactly one of phone, code, postcode)."""
    if is_sms(tracker):
        return {"phone": sms_phone(tracker) or ""}
    if tracker.get_slot("case_postcode") == USE_CODE:
        return {"code": str(tracker.get_slot("case_code") or "")}
    if tracker.get_slot("case_postcode") == USE_PIN:
        return {"pin": str(tracker.get_slot("case_code") or "")}
    return {"postcode": str(tracker.get_slot("case_postcode") or "")}


def refused(dispatcher: CollectingDispatcher, outcome: str) -> bool:
    """Tell the resident why nothing can be shown or added; False when the call worked."""
    if outcome == NOT_FOUND:
        dispatcher.utter_message(response="utter_case_not_found")
    elif outcome == TOO_MANY:
        dispatcher.utter_message(response="utter_case_too_many_attempts")
    elif outcome == DOWN:
        dispatcher.utter_message(response="utter_case_lookup_unavailable")
    else:
        return False
    return True


def _message_text(tracker: Tracker) -> str:
    return " ".join(str((tracker.latest_message or {}).get("text") or "").split())


def _advice_given_since_message(tracker: Tracker) -> bool:
    """Whether action_safety_advice ran after the resident's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == "action_safety_advice":
            return True
    return False


def _dangerous(text: str) -> bool:
    """Words the safety layer routes, or words of harm or a weapon whatever the tense."""
    return (
        bool(text)
        and not text.startswith("/")
        and (safety.check(text) is not None or safety.mentions_harm(text))
    )


def _incident_messages(tracker: Tracker) -> list[dict[str, Any]]:
    """The resident's messages about this incident: the one that started it and every one since
    (only the latest message when the start cannot be found)."""
    messages: list[dict[str, Any]] = []
    started = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_start_incident":
            started = True
        elif event.get("event") == "user":
            messages.append(event)
            if started:
                return messages  # the message that started the incident
    return (
        messages
        if started
        else [{"text": _message_text(tracker), "parse_data": tracker.latest_message}]
    )


def incident_safety(tracker: Tracker) -> tuple[str | None, dict[str, bool]]:
    """The most urgent safety route the assistant gave the resident's messages about this
    incident (their NLU intent, or the safety layer on their words) and the flags it calls for
    (only those raised), for the backend to weigh with its own check of the description."""
    routes: set[str] = set()
    flags: set[str] = set()
    for message in _incident_messages(tracker):
        text = " ".join(str(message.get("text") or "").split())
        intent = str(((message.get("parse_data") or {}).get("intent") or {}).get("name") or "")
        if intent in safety.INTENT_ROUTES:
            routes.add(safety.INTENT_ROUTES[intent])
        found = safety.check(text) if text and not text.startswith("/") else None
        if found is not None:
            routes.add(found.route)
            flags |= found.flags
    route = min(routes, key=safety.ROUTES.index) if routes else None
    if route == safety.EMERGENCY:
        flags.add("urgent")
    flags |= {name for name in ("domestic_abuse", "hate") if name in routes}
    return route, dict.fromkeys(sorted(flags), True)


def fresh_lookup(tracker: Tracker, *also: str) -> list[dict[str, Any]]:
    """Events that clear the last lookup (and the slots `also` names), keeping a case
    reference said in the message ("any news on ASB-...")."""
    events = [SlotSet(slot, None) for slot in (*RETURNING_SLOTS, *also)]
    reference = find_reference(_message_text(tracker))
    if reference:
        events.append(SlotSet("case_reference", reference))
    return events


class ActionStartCaseStatus(Action):
    """Clears the last lookup; a reference in the message ("any news on ASB-...") is kept."""

    def name(self) -> str:
        return "action_start_case_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return fresh_lookup(tracker)


class ActionStartIncident(Action):
    """Clears the last lookup; on SMS, looks up the sender's open cases (one: confirm it)."""

    def name(self) -> str:
        return "action_start_incident"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = [SlotSet(slot, None) for slot in RETURNING_SLOTS]
        text = _message_text(tracker)
        if _dangerous(text):
            # "It happened again and he had a knife": a 999 line first, and these words are
            # what happened this time (they are not asked for again).
            dispatcher.utter_message(response="utter_danger_check")
            events.append(SlotSet("incident_description", text))
        reference = find_reference(text)
        if reference:
            events.append(SlotSet("case_reference", reference))
        elif is_sms(tracker):
            outcome, answer = await call_backend(
                get_settings(), "/api/residents/open-cases", {"phone": sms_phone(tracker) or ""}
            )
            cases = answer.get("cases") if outcome == OK else None
            if isinstance(cases, list) and len(cases) == 1:
                events.append(SlotSet("open_case_reference", cases[0].get("reference")))
        return events


class ValidateReturningForms(FormValidationAction):
    """Shared validation of the two returning-resident forms."""

    def name(self) -> str:
        return "validate_case_status_form"

    def _identity_slots(self, tracker: Tracker) -> list[str]:
        if is_sms(tracker):
            return ["case_reference"]
        if tracker.get_slot("case_postcode") == USE_CODE:
            return ["case_reference", "case_postcode", "case_code"]
        return ["case_reference", "case_postcode"]  # a postcode, or the PIN (USE_PIN)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return self._identity_slots(tracker)

    def validate_case_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = find_reference(value)
        if reference is None:
            dispatcher.utter_message(response="utter_case_reference_invalid")
        return {"case_reference": reference}

    async def validate_case_postcode(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = " ".join(str(value or "").split())
        found = POSTCODE_PATTERN.search(text)
        if found:
            return {"case_postcode": found.group(0).upper()}
        pin = CODE_PATTERN.match(text)
        if pin is not None:  # the case PIN given with the reference
            return {"case_postcode": USE_PIN, "case_code": pin.group(1) + pin.group(2)}
        # "Wyślij mi kod", "anfonwch god ata i": "text me a code" (core/command_words.py).
        asked = (command_words.english_for(text) or text).lower()
        if any(word in asked for word in CODE_WORDS):
            await call_backend(
                get_settings(),
                "/api/residents/verification-codes",
                {"reference": tracker.get_slot("case_reference")},
            )
            dispatcher.utter_message(response="utter_code_requested")
            return {"case_postcode": USE_CODE}
        dispatcher.utter_message(response="utter_case_postcode_invalid")
        return {"case_postcode": None}

    def validate_case_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = CODE_PATTERN.match(str(value or ""))
        if found is None:
            dispatcher.utter_message(response="utter_case_code_invalid")
            return {"case_code": None}
        return {"case_code": found.group(1) + found.group(2)}


class ValidateIncidentForm(ValidateReturningForms):
    """The incident form's answers; words that interrupted a question with a safety route are
    still kept as its answer, once the advice has been given."""

    def name(self) -> str:
        return "validate_incident_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # An answer speaking of harm that was not routed as an emergency: a 999 line first (only
        # for an answer to a question: the message that started the incident had its line).
        if tracker.get_slot("requested_slot") and ValidateReportForm.harm_not_routed(tracker):
            dispatcher.utter_message(response="utter_danger_check")
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def _interrupting_words(tracker: Tracker, slot: str) -> tuple[str, str] | None:
        """(words, safety route) when the latest message, an answer to the question for `slot`,
        had a safety route and action_safety_advice has since given the advice: the form now
        carries on, and the words are the answer (the domain mapping leaves them out, so that
        the safety rule runs first)."""
        if tracker.get_slot("requested_slot") != slot or tracker.get_slot(slot) is not None:
            return None
        intent = str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")
        text = _message_text(tracker)
        if intent not in safety.INTENT_ROUTES or not text or text.startswith("/"):
            return None
        if not _advice_given_since_message(tracker):
            return None  # first the advice: the safety rule runs when the form cannot fill it
        return text, safety.INTENT_ROUTES[intent]

    async def extract_incident_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = self._interrupting_words(tracker, "incident_description")
        return {"incident_description": found[0]} if found else {}

    async def extract_incident_happening_now(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = self._interrupting_words(tracker, "incident_happening_now")
        # "Yes, he's outside with a knife": an emergency answers "is it happening now?".
        return {"incident_happening_now": True} if found and found[1] == safety.EMERGENCY else {}

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        details = ["incident_description", "incident_happening_now"]
        if (
            is_sms(tracker)
            and tracker.get_slot("open_case_reference")
            and tracker.get_slot("incident_case_confirmed") is not False
        ):
            return ["incident_case_confirmed", *details]
        return [*self._identity_slots(tracker), *details]

    def validate_incident_case_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            dispatcher.utter_message(response="utter_please_yes_no")
            return {"incident_case_confirmed": None}
        if answer:
            return {
                "incident_case_confirmed": True,
                "case_reference": tracker.get_slot("open_case_reference"),
            }
        return {"incident_case_confirmed": False, "case_reference": None}

    def validate_incident_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return clean_text("incident_description", value, dispatcher)

    def validate_incident_happening_now(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            dispatcher.utter_message(response="utter_please_yes_no")
            return {"incident_happening_now": None}
        if answer and not isinstance(value, bool):
            dispatcher.utter_message(response="utter_danger_call_999")
        return {"incident_happening_now": answer}


class ActionCaseStatus(Action):
    """Asks the backend for the case's status and tells the resident, or says why not."""

    def name(self) -> str:
        return "action_case_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        body = {"reference": tracker.get_slot("case_reference"), **verification(tracker)}
        outcome, answer = await call_backend(settings, "/api/residents/case-status", body)
        # The postcode and code are used once; the next check asks again.
        events = [SlotSet("case_postcode", None), SlotSet("case_code", None)]
        if refused(dispatcher, outcome):
            return events
        dispatcher.utter_message(
            response="utter_case_status",
            reference=answer.get("reference") or body["reference"],
            status_text=answer.get("status_text") or "",
        )
        try:
            next_step = date.fromisoformat(str(answer.get("next_step_date")))
        except ValueError:
            next_step = None
        if next_step is not None:
            language = conversation_language(tracker, settings.default_language)
            dispatcher.utter_message(
                response="utter_case_next_step", next_day=day_name(next_step, language)
            )
        return events


class ActionAddIncident(Action):
    """Adds the new incident to the open case (idempotent on `incident_report_id`)."""

    def name(self) -> str:
        return "action_add_incident"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        report_id = tracker.get_slot("incident_report_id") or str(uuid.uuid4())
        reference = str(tracker.get_slot("case_reference") or "")
        happening_now = tracker.get_slot("incident_happening_now")
        body = {
            "report_id": report_id,
            "channel": report_channel(tracker),
            "description": tracker.get_slot("incident_description"),
            "happening_now": happening_now if isinstance(happening_now, bool) else None,
            "verification": verification(tracker),
        }
        route, flags = incident_safety(tracker)
        if route is not None:  # danger: the backend raises the case's risk (and alerts)
            body.update(route=route, flags=flags)
        outcome, answer = await call_backend(settings, f"/api/cases/{reference}/incidents", body)
        events: list[dict[str, Any]] = [SlotSet("incident_report_id", report_id)]
        if outcome == CLOSED:
            # A closed case: the same details start a normal (spooled) report.
            dispatcher.utter_message(response="utter_incident_case_closed")
            events += [SlotSet(slot, None) for slot in REPORT_SLOTS]
            events += [
                SlotSet("description", body["description"]),
                SlotSet("happening_now", body["happening_now"]),
                SlotSet("incident_report_id", None),
                FollowupAction("report_form"),
            ]
            return events
        if outcome == DOWN:
            dispatcher.utter_message(response="utter_incident_unavailable")
            return events  # the report_id stays: asking again reuses it
        if outcome == NOT_FOUND:
            dispatcher.utter_message(response="utter_incident_not_found")
            return events
        if refused(dispatcher, outcome):
            return events
        dispatcher.utter_message(
            response="utter_incident_added", reference=answer.get("reference") or reference
        )
        if answer.get("case_review_eligible") is True:
            dispatcher.utter_message(response="utter_case_review")
        dispatcher.utter_message(response="utter_danger_reminder")
        events += [
            SlotSet("incident_report_id", None),
            SlotSet("case_postcode", None),
            SlotSet("case_code", None),
        ]
        return events
