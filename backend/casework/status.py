"""Moving a case along the workflow (triaged, in progress, awaiting resident, closed), with
the closure text and survey, and closing a case as a duplicate of another."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import STATUSES, Case, CaseEvent
from backend.casework.audit import MAX_REASON, CaseWorkError, audit, required_text, snapshot
from backend.casework.updates import Landlord
from backend.sms_outbound.contact_route import contact_route
from backend.sms_outbound.updates import queue_case_update

STATUS_LABELS = {
    "new": "New",
    "triaged": "Triaged",
    "in_progress": "In progress",
    "awaiting_resident": "Awaiting resident",
    "closed": "Closed",
}
CLOSURE_REASONS = (
    "Resolved",
    "Resolved: good-neighbour advice given",
    "No further incidents reported",
    "Resident did not respond",
    "Resident asked to close",
    "Duplicate of another case",
    "Passed to another agency",
    "Not enough evidence to act",
)


def set_status(
    session: Session,
    case: Case,
    status: str,
    *,
    actor: str,
    now: datetime,
    closure_reason: str | None = None,
    note: str | None = None,
    landlord: Landlord | None = None,
    tell_resident: bool = True,
) -> CaseEvent:
    """Move the case along the workflow; closing needs a reason, reopening clears it.

    Closing tells the resident the closure reason (in the same transaction) when
    `tell_resident`, by their route: a text with the first survey question, or an email
    without the survey (it is answered by text reply only). The event records either way."""
    if status not in STATUSES or status == "new":
        raise CaseWorkError("Choose triaged, in progress, awaiting resident or closed.")
    if status == case.status:
        raise CaseWorkError(f"The case is already {STATUS_LABELS[status].lower()}.")
    before = snapshot(case, ("status", "closure_reason", "closed_at", "triaged_at"))
    if status == "closed":
        case.closure_reason = required_text(closure_reason, "a closure reason", MAX_REASON)
        case.closed_at = now
    else:
        case.closure_reason = None
        case.closed_at = None
    if case.triaged_at is None:
        case.triaged_at = now
    case.status = status
    after = snapshot(case, ("status", "closure_reason", "closed_at", "triaged_at"))
    summary = f"Status: {STATUS_LABELS[before['status']]} to {STATUS_LABELS[status]}"
    if status == "closed":
        summary += f" ({case.closure_reason})"
    extra: dict[str, Any] = {"note": note.strip()} if note and note.strip() else {}
    if status == "closed" and tell_resident:
        summary += _closure_text(session, case, landlord or Landlord(), now, extra)
    return audit(session, case, actor, "status", summary, now, before, after, **extra)


def _closure_text(
    session: Session, case: Case, landlord: Landlord, now: datetime, extra: dict[str, Any]
) -> str:
    """Queue the closure text (with the survey) or email; what to add to the event's summary."""
    route = contact_route(session, case)
    message = queue_case_update(
        session,
        case,
        "closure",
        landlord_name=landlord.name,
        landlord_phone=landlord.phone,
        now=now,
        reason=case.closure_reason,
    )
    extra["channel"] = route.channel
    if message is None:
        extra["resident_texted"] = False
        return f"; resident NOT told in writing ({route.reason or 'nothing may be sent'})"
    extra["outbox_id"] = message.id
    extra["resident_texted"] = message.channel == "sms"
    if message.channel == "email":
        return "; closure email queued to the resident (no survey: it is answered by text)"
    return "; closure text and survey queued to the resident"


def close_as_duplicate(
    session: Session, case: Case, original: Case, *, actor: str, now: datetime
) -> CaseEvent:
    """Close `case` as a duplicate of the open case `original`; both timelines say so."""
    if original.id == case.id:
        raise CaseWorkError("A case cannot be a duplicate of itself.")
    if original.status == "closed":
        raise CaseWorkError(f"{original.reference} is closed: link to an open case.")
    event = set_status(
        session,
        case,
        "closed",
        actor=actor,
        now=now,
        closure_reason=f"Duplicate of {original.reference}",
        tell_resident=False,  # the resident hears about the open case they reported
    )
    event.data = {**event.data, "duplicate_of": original.reference}
    audit(
        session,
        original,
        actor,
        "linked",
        f"Linked: {case.reference} was closed as a duplicate of this case",
        now,
        duplicate=case.reference,
    )
    return event
