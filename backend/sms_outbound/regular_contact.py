"""Regular contact while a case is open (docs/domain.md section 9): how often the resident hears
from us, when they are next due to, and queueing the "still working on it" update.

The interval is the one agreed for the case (`details["contact_every_days"]`, set by the action
plan's weekly or fortnightly contact: backend.casework.action_plan), else every 7 days, or 3 for
HIGH risk (`CONTACT_EVERY_DAYS`). The clock restarts with every message to the resident about
the case (acknowledgement, updates, the action plan) and every call staff record. The update
goes by the resident's route (`contact_route`): a text or an email. A resident who asked for a
phone call gets nothing written: the case page shows staff when the call is due.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.updates import UPDATE_KINDS, queue_case_update

log = logging.getLogger(__name__)

OPEN_STATUSES = ("triaged", "in_progress", "awaiting_resident")
# Days between "we are still working on it" updates: weekly, more often when risk is high.
CONTACT_EVERY_DAYS = {"LOW": 7, "MEDIUM": 7, "HIGH": 3}
# The action plan's regular-contact actions (backend.casework.action_plan) and their interval.
PLAN_CONTACT_DAYS = {"contact_weekly": 7, "contact_fortnightly": 14}
PLAN_CONTACT_WORDS = {7: "weekly", 14: "fortnightly"}
# Messages to the resident that restart the clock (staff updates and the plan included).
CONTACT_KINDS = ("ack", *UPDATE_KINDS, "update", "action_plan")
# The timeline event staff record when they phone the resident (backend.casework.contact).
CALL_EVENT = "call"


def contact_every(case: Case) -> tuple[int, str]:
    """(days between updates, why that many) for `case`, in words for staff."""
    agreed = (case.details or {}).get("contact_every_days")
    if isinstance(agreed, int) and not isinstance(agreed, bool) and 1 <= agreed <= 60:
        plan = (case.action_plan or {}).get("landlord") or []
        if any(PLAN_CONTACT_DAYS.get(code) == agreed for code in plan):
            return agreed, f"{PLAN_CONTACT_WORDS[agreed]}, agreed in the action plan"
        return agreed, "agreed for this case"
    if case.risk_band == "HIGH":
        return CONTACT_EVERY_DAYS["HIGH"], "HIGH risk"
    return CONTACT_EVERY_DAYS.get(case.risk_band, 7), "the usual interval"


def contact_interval(case: Case) -> timedelta:
    """How often the complainant of `case` hears from us while it is open."""
    return timedelta(days=contact_every(case)[0])


def _since(case: Case, last_message: datetime | None, last_call: datetime | None) -> datetime:
    """When the clock last restarted: the latest message or call, else triage or receipt."""
    latest = [moment for moment in (last_message, last_call) if moment is not None]
    return max(latest) if latest else (case.triaged_at or case.received_at)


@dataclass(frozen=True)
class ContactSchedule:
    """Regular contact for one case, for the case page."""

    every_days: int
    basis: str  # why that interval, in words for staff
    last_contact: datetime | None  # the last message or recorded call, if any
    next_due: datetime | None  # None unless the case is open


def contact_schedule(session: Session, case: Case) -> ContactSchedule:
    """The interval, the last contact and when the next is due (open cases only)."""
    every, basis = contact_every(case)
    last_message = session.execute(
        select(func.max(OutboxMessage.created_at)).where(
            OutboxMessage.case_id == case.id,
            OutboxMessage.kind.in_(CONTACT_KINDS),
            OutboxMessage.state != "cancelled",
        )
    ).scalar_one_or_none()
    last_call = session.execute(
        select(func.max(CaseEvent.at)).where(
            CaseEvent.case_id == case.id, CaseEvent.kind == CALL_EVENT
        )
    ).scalar_one_or_none()
    latest = [moment for moment in (last_message, last_call) if moment is not None]
    next_due = None
    if case.status in OPEN_STATUSES:
        next_due = _since(case, last_message, last_call) + timedelta(days=every)
    return ContactSchedule(every, basis, max(latest) if latest else None, next_due)


def _last_contacts():
    last_message = (
        select(
            OutboxMessage.case_id.label("case_id"),
            func.max(OutboxMessage.created_at).label("last_at"),
        )
        .where(
            OutboxMessage.case_id.is_not(None),
            OutboxMessage.kind.in_(CONTACT_KINDS),
            OutboxMessage.state != "cancelled",
        )
        .group_by(OutboxMessage.case_id)
        .subquery()
    )
    last_call = (
        select(CaseEvent.case_id.label("case_id"), func.max(CaseEvent.at).label("call_at"))
        .where(CaseEvent.kind == CALL_EVENT)
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    return last_message, last_call


def _due_for_contact(session: Session, now: datetime, limit: int) -> list:
    """Open cases someone may write to, with nothing sent within a day: (case, last, call)."""
    last_message, last_call = _last_contacts()
    return session.execute(
        select(Case, last_message.c.last_at, last_call.c.call_at)
        .outerjoin(last_message, last_message.c.case_id == Case.id)
        .outerjoin(last_call, last_call.c.case_id == Case.id)
        .where(
            Case.status.in_(OPEN_STATUSES),
            Case.consent_to_contact.is_(True),
            # A text or an email may go (contact_route decides which, below)...
            or_(
                Case.reporter_email.is_not(None),
                Case.reporter_phone.is_not(None) & Case.safe_to_text.is_(True),
            ),
            # ...and they did not ask for a phone call instead.
            or_(
                Case.preferred_contact.is_(None),
                Case.preferred_contact != "call",
                Case.reporter_phone.is_(None),
            ),
            or_(
                last_message.c.last_at.is_(None),
                last_message.c.last_at <= now - timedelta(days=1),
            ),
        )
        .order_by(Case.id)
        .limit(limit)
    ).all()


def queue_regular_contact(
    session: Session,
    now: datetime,
    *,
    landlord_name: str = "your landlord",
    landlord_phone: str = "",
    limit: int = 500,
) -> int:
    """Queue a "still working on it" update (text or email) for each open case whose
    complainant has heard nothing about it for its contact interval; returns how many.

    Safe to run often (the worker does, hourly): the interval and a daily dedupe key keep it
    from writing twice. Routine, so quiet hours apply.
    """
    queued = 0
    for case, last_at, call_at in _due_for_contact(session, now, limit):
        if now - _since(case, last_at, call_at) < contact_interval(case):
            continue
        promised = getattr(case, "promised_date", None)
        next_by = promised if isinstance(promised, date) and promised >= now.date() else None
        row = queue_case_update(
            session,
            case,
            "contact",
            landlord_name=landlord_name,
            landlord_phone=landlord_phone,
            now=now,
            next_by=next_by,
        )
        if row is not None:
            queued += 1
    if queued:
        log.info("regular contact queued for %s case(s)", queued)
    return queued
