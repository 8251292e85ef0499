"""Subject-access export: the resident's own data, with other people's details redacted.

What is theirs (docs/retention.md, "Subject access"): the cases they reported (by their number,
or the one case of a reference) with what they told us and how we handled it (status, dates,
team, closure), their contact details and answers (including their own equality and
communication-needs answers), their texts to us (on the case timeline) and ours to them, their
survey answers, held reports that carry their number, and the assistant conversation of their
number while the conversation store still has it.

Redacted (third parties): the people they named (`people_involved`) and witnesses, any phone
number or email address in their words that is not their own, and staff's notes and other
timeline entries written by staff (listed by date and kind, their words withheld: they speak of
other people and are reviewed by hand before anything of them is released).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.held_reports.models import HeldReport
from backend.intake.contract import normalise_phone
from backend.retention import tracker
from backend.retention.subjects import Subject, own_phone, subject_cases
from backend.sms_inbound.models import SmsInbound, SurveyResponse
from backend.sms_outbound.models import OutboxMessage

THIRD_PARTY = "[redacted: details of other people]"
OTHER_NUMBER = "[redacted: another person's phone number]"
OTHER_EMAIL = "[redacted: another person's email address]"
STAFF_WORDS = "[withheld: written by staff, reviewed by hand before release]"
THIRD_PARTY_DETAILS = ("people_involved", "witnesses")
# Timeline entries shown with their words: the resident's own, and what the assistant and the
# system recorded about their report. Entries by staff (any other actor) are listed, withheld.
_BY = {"resident": "you", "assistant": "the assistant", "system": "the system"}
_PHONE = re.compile(r"\+?\d[\d \-()]{8,16}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTION_RULES = (
    "The people you told us about and any witnesses are not included: their details are theirs.",
    "Phone numbers and email addresses in your words that are not your own are hidden.",
    "Notes written by staff are listed by date only; their words are reviewed by hand before "
    "release, because they may speak of other people.",
)


def redact_others(text: str | None, phone: str | None, email: str | None) -> str | None:
    """`text` with every phone number and email address but the subject's own hidden."""
    if not text:
        return text

    def number(match: re.Match[str]) -> str:
        try:
            return match.group(0) if normalise_phone(match.group(0)) == phone else OTHER_NUMBER
        except ValueError:
            return match.group(0)  # not a phone number (a date, a police reference...)

    def address(match: re.Match[str]) -> str:
        same = email and match.group(0).lower() == email.lower()
        return match.group(0) if same else OTHER_EMAIL

    return _EMAIL.sub(address, _PHONE.sub(number, text))


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _details(case: Case, clean: Any) -> dict[str, Any]:
    details = dict(case.details or {})
    own = {
        "postcode": details.get("reporter_postcode"),
        "address": clean(details.get("reporter_address")),
        "evidence_you_hold": details.get("evidence_held"),
        "police_reference": details.get("police_reference"),
        "photos_sent": len(details.get("evidence") or []),
    }
    for name in THIRD_PARTY_DETAILS:
        if details.get(name):
            own[name] = THIRD_PARTY
    return own


def _timeline(session: Session, case: Case, clean: Any) -> list[dict[str, Any]]:
    events = session.execute(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at, CaseEvent.id)
    ).scalars()
    return [
        {
            "at": _iso(e.at),
            "kind": e.kind,
            "by": _BY.get(e.actor, "staff"),
            "text": clean(e.summary) if e.actor in _BY else STAFF_WORDS,
        }
        for e in events
    ]


def _case(session: Session, case: Case, clean: Any) -> dict[str, Any]:
    survey = session.execute(
        select(SurveyResponse)
        .where(SurveyResponse.case_id == case.id)
        .order_by(SurveyResponse.position)
    ).scalars()
    return {
        "reference": case.reference,
        "received_at": _iso(case.received_at),
        "channel": case.channel,
        "status": case.status,
        "category": case.category,
        "team": case.owner_team,
        "risk_band": case.risk_band,
        "closed_at": _iso(case.closed_at),
        "closure_reason": clean(case.closure_reason),
        "what_you_told_us": {
            "description": clean(case.description),
            "location": clean(case.location),
            "last_happened": clean(case.happened_when),
            "started": clean(case.started_when),
            "how_often": case.frequency,
            "happening_when_you_reported": case.happening_now,
        },
        "you": {
            "name": case.reporter_name,
            "phone": case.reporter_phone,
            "email": case.reporter_email,
            "anonymous": case.anonymous,
            "safe_to_text": case.safe_to_text,
            "consent_to_contact": case.consent_to_contact,
            "consent_to_share": case.consent_to_share,
            "preferred_contact": case.preferred_contact,
            "best_time": clean(case.best_time),
            "visit_or_call": case.visit_or_call,
            "communication_needs": case.communication_needs,
            "equality_answers": case.equality,
            **_details(case, clean),
        },
        "timeline": _timeline(session, case, clean),
        "survey_answers": [
            {"question": s.question, "answer": clean(s.answer), "at": _iso(s.answered_at)}
            for s in survey
        ],
    }


def _texts(session: Session, phone: str | None, case_ids: list[int]) -> dict[str, Any]:
    conditions = [OutboxMessage.case_id.in_(case_ids)] if case_ids else []
    if phone:
        conditions.append(OutboxMessage.to_number == phone)
    sent = (
        session.execute(select(OutboxMessage).where(or_(*conditions)).order_by(OutboxMessage.id))
        .scalars()
        .all()
        if conditions
        else []
    )
    received = (
        session.execute(
            select(SmsInbound).where(SmsInbound.from_number == phone).order_by(SmsInbound.id)
        ).scalars()
        if phone
        else []
    )
    return {
        "messages_to_you": [
            {
                "at": _iso(m.sent_at or m.created_at),
                "by": m.channel,
                "kind": m.kind,
                "text": m.body,
                "delivery": m.delivery_status or m.state,
            }
            for m in sent
            if m.kind != "alert"  # alerts go to the duty officer, never the resident
        ],
        "texts_from_you": [
            {"at": _iso(m.received_at), "photos": m.num_media, "outcome": m.outcome}
            for m in received
        ],
    }


def _held(session: Session, phone: str | None) -> list[dict[str, Any]]:
    if not phone:
        return []
    rows = session.execute(select(HeldReport).where(HeldReport.payload.isnot(None))).scalars()
    found = []
    for held in rows:
        reporter = (held.payload or {}).get("reporter") if isinstance(held.payload, dict) else None
        if isinstance(reporter, dict) and reporter.get("phone") == phone:
            found.append({"held_at": _iso(held.held_at), "status": held.status, "id": held.id})
    return found


def _conversation(tracker_url: str, phone: str | None, secret: str) -> list[dict[str, Any]]:
    if not phone or not secret:
        return []
    with tracker.tracker_connection(tracker_url) as connection:
        if connection is None:
            return []
        sender = tracker.sms_conversation_id(phone, secret)
        return [
            {**m, "at": datetime.fromtimestamp(m["at"], timezone.utc).isoformat()}
            for m in tracker.conversation_messages(connection, sender)
        ]


def collect(
    session: Session, subject: Subject, *, now: datetime, tracker_url: str, secret: str
) -> dict[str, Any]:
    """Everything the export holds, as plain JSON-ready data."""
    cases = subject_cases(session, subject)
    phone = own_phone(subject, cases)
    emails = {c.reporter_email for c in cases if c.reporter_email}
    email = emails.pop() if len(emails) == 1 else None

    def clean(text: str | None) -> str | None:
        return redact_others(text, phone, email)

    conversation = _conversation(tracker_url, phone, secret)
    return {
        "generated_at": now.isoformat(),
        "request": {"by": subject.kind, "value": subject.value},
        "cases": [_case(session, case, clean) for case in cases],
        **_texts(session, phone, [c.id for c in cases]),
        "held_reports": _held(session, phone),
        "assistant_conversation": [{**m, "text": clean(m["text"])} for m in conversation],
        "what_is_left_out": list(REDACTION_RULES),
    }


def counts(export: dict[str, Any]) -> dict[str, int]:
    """What an export held, by kind (for the audit)."""
    return {
        "cases": len(export["cases"]),
        "messages_to_you": len(export["messages_to_you"]),
        "texts_from_you": len(export["texts_from_you"]),
        "held_reports": len(export["held_reports"]),
        "conversation_messages": len(export["assistant_conversation"]),
    }
