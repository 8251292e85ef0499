"""`action_submit_report`: the resident said "send it".

1. Build the report exactly as docs/CONTRACTS.md describes, with the `report_id` fixed when the
   summary was shown (so a repeated "yes" or a retried action reuses it).
2. Write it to the spool first (durable), then POST it to the backend (5 s timeout).
3. Tell the resident honestly what happened: sent (reference and review day), saved and to be
   passed on automatically (backend unavailable), or kept for staff (backend refused it: handed
   to the backend's held reports, bot/actions/handover.py, and the day the team sees it named).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from datetime import date, datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.case_fields import with_case_fields
from bot.actions.delivery import Outcome, deliver
from bot.actions.handover import review_day as held_review_day
from bot.actions.safeguarding import close_record, record_for_report, with_record
from bot.actions.server_settings import get_settings
from bot.actions.spool import DELIVERED, PENDING, REJECTED, ReportSpool
from bot.constants import EQUALITY_SLOTS, REPORT_CHANNELS, SKIPPED, STAGE_SENT
from bot.questions import CHOICE_QUESTIONS, WITNESS
from core.i18n import day_name, normalise_language
from core.logs import log_unexpected
from core.ram import score_answers
from core.settings import Settings

logger = logging.getLogger(__name__)

ROUTE = "asb"
SAFETY_ROUTES = ("emergency", "domestic_abuse", "hate", "crime_101")
# The in-line attempt owns a new row for this long, so the relay does not post it at the same time.
INLINE_GRACE = 60.0
NOT_SAVED = "not_saved"


def _given(value: Any) -> Any:
    """None for answers the resident skipped."""
    return None if value in (None, "", SKIPPED) else value


def _bool_or_none(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def report_channel(tracker: Tracker) -> str:
    """`web`, `sms` or `rest` from the Rasa input channel the resident is using."""
    return REPORT_CHANNELS.get(str(tracker.get_latest_input_channel() or ""), "rest")


def conversation_language(tracker: Tracker, default: str) -> str:
    """Same rule as the NLG endpoint: `language` slot, then the channel's metadata, then default."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    for candidate in (tracker.get_slot("language"), metadata.get("language"), default):
        if isinstance(candidate, str) and candidate.strip():
            return normalise_language(candidate)
    return normalise_language(None)


def _answer(value: Any) -> Any:
    """A choice answer for the API: skipped questions are left out (None)."""
    return None if value in (None, "", SKIPPED) else value


def ram_answers(tracker: Tracker, hate: bool) -> dict[str, Any]:
    """The Risk Assessment Matrix answers the resident gave, keyed as in core/ram.py."""
    slot = tracker.get_slot
    frequency = _answer(slot("frequency"))
    answers: dict[str, Any] = {"q1_frequency": frequency} if frequency else {}
    for name, question in CHOICE_QUESTIONS.items():
        value = _answer(slot(name))
        if question.ram_key and value is not None:
            answers[question.ram_key] = value
    if hate:
        # The resident's own perception is enough (docs/domain.md section 4).
        answers["q8_identity"] = "yes"
    return answers


def _route(tracker: Tracker) -> str:
    """The report's route: the safety route if any, a good-neighbour matter, or ASB; domestic
    abuse when the category says so."""
    slot = tracker.get_slot
    safety_route = slot("safety_route")
    if safety_route in SAFETY_ROUTES:
        route = safety_route
    elif slot("good_neighbour") is True:
        route = "not_asb"
    else:
        route = ROUTE
    if slot("category") == "domestic_abuse" and route in (ROUTE, "crime_101"):
        route = "domestic_abuse"
    return route


def _details(tracker: Tracker) -> dict[str, Any]:
    """The payload's `details`: good-neighbour and safety-route notes, the people involved and
    witnesses, evidence, a confirmed category and the number of corrections."""
    slot = tracker.get_slot
    safety_route = slot("safety_route")
    details: dict[str, Any] = {}
    if slot("good_neighbour") is True:
        details["good_neighbour"] = True
    if safety_route:
        details["safety_route"] = safety_route
        details["police_advice"] = "999" if safety_route == "emergency" else "101"
    for field_name in ("people_involved", "witnesses"):
        if (value := _given(slot(field_name))) is not None:
            details[field_name] = value
    if (evidence := _answer(slot("evidence"))) is not None:
        held = evidence if isinstance(evidence, list) else [evidence]
        # "Someone else saw or heard it" is the witnesses answer, not something held.
        details["evidence"] = [code for code in held if code != WITNESS] or ["none"]
    if slot("category_choice"):
        details["category_confirmed"] = True
    if slot("corrections"):
        details["corrections"] = int(slot("corrections"))
    return details


def _reporter(tracker: Tracker) -> dict[str, Any]:
    """The payload's `reporter`: who they are and how they may be contacted (nothing of that
    when anonymous or without a phone number)."""
    slot = tracker.get_slot
    anonymous = slot("anonymous") == "yes"
    name = None if anonymous else _given(slot("reporter_name"))
    phone = None if anonymous else _given(slot("phone"))
    texts_possible = phone is not None
    safe_to_text = slot("safe_to_text")
    return {
        "name": name,
        "phone": phone,
        # Not answered counts as "not safe": we never text without a yes.
        "safe_to_text": (safe_to_text is True) if texts_possible else None,
        "consent_to_contact": _bool_or_none(slot("consent_to_contact")) if texts_possible else None,
        "anonymous": anonymous or (name is None and phone is None),
        "preferred_contact": preferred_contact(tracker) if texts_possible else None,
        "email": _given(slot("email")) if texts_possible else None,
        "best_time": _given(slot("best_time")) if texts_possible else None,
        "consent_to_share": _yes_no_answer(slot("consent_to_share")),
    }


def build_payload(
    tracker: Tracker,
    report_id: str,
    received_at: datetime,
    settings: Settings,
    safeguarding_record: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `POST /api/reports` body (docs/CONTRACTS.md); with the conversation's safeguarding
    record (safety advice was given), its `safeguarding_id` and, if more urgent, its route."""
    slot = tracker.get_slot
    category = slot("category")
    flags = set(slot("safety_flags") or [])
    route = _route(tracker)
    hate = category == "hate" or "hate" in flags or route == "hate" or slot("hate_related") == "yes"
    ram = ram_answers(tracker, hate)
    assessment = score_answers(ram)
    vulnerable = slot("ram_circumstances") == "yes" or slot("ram_support") == "alone_isolated"
    equality = {
        field_name: value
        for field_name in EQUALITY_SLOTS
        if (value := _answer(slot(field_name))) is not None
    }
    payload = {
        "report_id": report_id,
        "channel": report_channel(tracker),
        "language": conversation_language(tracker, settings.default_language),
        "received_at": received_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "route": route,
        "category": category,
        "description": slot("description"),
        "location": _given(slot("location")),
        "happened_when": _given(slot("happened_when")),
        "happening_now": _bool_or_none(slot("happening_now")),
        "frequency": _given(slot("frequency")),
        "reporter": _reporter(tracker),
        # urgent/domestic_abuse/hate/safeguarding from the safety layer (action_safety_advice);
        # vulnerable from the risk questions (personal circumstances, living alone and isolated).
        "flags": {
            "urgent": slot("urgent") is True or route == "emergency",
            "domestic_abuse": category == "domestic_abuse" or "domestic_abuse" in flags,
            "hate": hate,
            "safeguarding": "safeguarding" in flags,
            "vulnerable": vulnerable,
        },
        "ram_answers": ram,
        # The assistant's provisional score (the backend scores the same answers itself).
        "risk": {"score": assessment.score, "band": assessment.band},
        "equality": equality or None,
        "details": _details(tracker),
    }
    # When it started, the police reference, their address, a visit or call, communication
    # needs and the court notice's answer: only those given (bot/actions/case_fields.py).
    payload = with_case_fields(payload, tracker)
    return with_record(payload, safeguarding_record) if safeguarding_record else payload


def preferred_contact(tracker: Tracker) -> str | None:
    """text | call | email; "email" without an address (skipped) is no preference."""
    choice = _answer(tracker.get_slot("preferred_contact"))
    if choice == "email" and _given(tracker.get_slot("email")) is None:
        return None
    return choice


def _yes_no_answer(value: Any) -> bool | None:
    return {"yes": True, "no": False}.get(str(value)) if value is not None else None


async def submit_report(settings: Settings, payload: dict[str, Any]) -> Outcome:
    """Spool the report, then try the backend once. Idempotent on `payload["report_id"]`."""
    report_id = payload["report_id"]
    spool = ReportSpool(settings.report_spool_path)
    try:
        row = await asyncio.to_thread(spool.add, report_id, payload, time.time() + INLINE_GRACE)
    except Exception as exc:
        # Not saved: say so rather than promise a delivery we cannot guarantee.
        log_unexpected(logger, f"writing report {report_id} to the spool", exc)
        return Outcome(NOT_SAVED)
    if row.state == DELIVERED:
        return Outcome(DELIVERED, row.response)
    if row.state == REJECTED or row.payload is None:
        return Outcome(row.state)
    # The stored payload wins: a retry keeps the first `received_at`.
    return await deliver(spool, settings, report_id, row.payload)


def wants_texts(tracker: Tracker) -> bool:
    """The backend texts the resident when there is a number, texts are safe and consent given."""
    return (
        _given(tracker.get_slot("phone")) is not None
        and tracker.get_slot("safe_to_text") is True
        and tracker.get_slot("consent_to_contact") is True
        and tracker.get_slot("anonymous") != "yes"
    )


def acknowledgement_follow_up(response: dict[str, Any], texts: bool) -> dict[str, str] | None:
    """What to say about the acknowledgement, from how the backend says it goes: a text
    (`{}`), an email (`by_email`), nothing because their number opted out of our texts
    (`number_opted_out`: said, with how to opt back in), or None (nothing to say). Without the
    backend's answer, the resident's own answers decide (a text when they asked for texts)."""
    routes = response.get("acknowledgement")
    if not isinstance(routes, dict):
        return {} if texts else None
    if routes.get("text"):
        return {}
    if routes.get("text_opted_out"):
        return {"number_opted_out": "yes"}
    if routes.get("email"):
        return {"by_email": "yes"}
    return None


def case_pin(response: dict[str, Any], channel: str) -> dict[str, str]:
    """`{"pin": ...}` when the backend's answer carries the new case's PIN (its first answer
    only, never kept: bot/actions/delivery.py) and the resident is not on SMS, where their own
    number proves the case is theirs and a PIN would sit in the text outbox."""
    pin = response.get("pin")
    return {"pin": pin} if isinstance(pin, str) and pin and channel != "sms" else {}


def _review_day(response: dict[str, Any], language: str) -> str | None:
    try:
        return day_name(date.fromisoformat(str(response.get("queue_date"))), language)
    except ValueError:
        return None


class ActionSubmitReport(Action):
    """Sends the confirmed report (see the module docstring)."""

    def name(self) -> str:
        return "action_submit_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        settings = get_settings()
        report_id = tracker.get_slot("report_id") or str(uuid.uuid4())
        # Safety advice was given: the report carries the conversation's safeguarding record.
        record = await record_for_report(tracker, settings)
        payload = build_payload(tracker, report_id, datetime.now(timezone.utc), settings, record)
        outcome = await submit_report(settings, payload)
        if record is not None and outcome.state in (DELIVERED, PENDING):
            await close_record(settings, record["record_id"])  # the report has it now
        events: list[dict[str, Any]] = [SlotSet("report_id", report_id)]
        texts = wants_texts(tracker)
        if outcome.state == NOT_SAVED:
            dispatcher.utter_message(response="utter_report_not_saved")
            return events  # stage stays "confirm": "yes" tries again with the same id
        if outcome.state == DELIVERED:
            response = outcome.response or {}
            reference = response.get("reference")
            review_day = _review_day(response, payload["language"])
            if reference and review_day:
                dispatcher.utter_message(
                    response="utter_report_sent",
                    reference=reference,
                    review_day=review_day,
                    **case_pin(response, payload["channel"]),
                )
            else:
                dispatcher.utter_message(response="utter_report_sent_plain")
            follow_up = acknowledgement_follow_up(response, texts)
            if follow_up is not None:
                dispatcher.utter_message(response="utter_text_follows", **follow_up)
            events.append(SlotSet("reference", reference))
        elif outcome.state == PENDING:
            dispatcher.utter_message(response="utter_report_saved_pending")
            if texts:
                dispatcher.utter_message(response="utter_pending_text_follows")
        else:
            dispatcher.utter_message(
                response="utter_report_failed",
                review_day=held_review_day(
                    settings, payload["language"], datetime.now(timezone.utc)
                ),
            )
        if payload["route"] == "not_asb" and outcome.state in (DELIVERED, PENDING):
            dispatcher.utter_message(response="utter_good_neighbour_sent")
        dispatcher.utter_message(response="utter_danger_reminder")
        events.append(SlotSet("stage", STAGE_SENT))
        return events
