"""The date the resident is promised the next step by, and telling them when it moves."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import MAX_REASON, CaseWorkError, audit, required_text, snapshot
from backend.casework.updates import Landlord, queue_to_resident
from backend.sms_outbound.contact_route import contact_route
from core.i18n import _, day_name
from core.workdays import WorkingCalendar


def delay_text(case: Case, old: date, new: date, landlord: Landlord) -> str:
    """Telling the resident a promised date has moved."""
    return _(
        "{landlord}: about your report {reference}: we said we would get back to you by "
        "{old_day}. We need a little more time and will now do this by {new_day}. Sorry for "
        "the delay. If things get worse call {phone}, or 999 if anyone is in danger.",
        language=case.language,
        landlord=landlord.name,
        reference=case.reference,
        old_day=day_name(old, case.language),
        new_day=day_name(new, case.language),
        phone=landlord.phone,
    )


def current_promise(case: Case) -> date:
    """The date the resident was last told to expect the next step by."""
    return case.promised_date or case.triage_due


def change_promised_date(
    session: Session,
    case: Case,
    new_date: date,
    *,
    reason: str,
    actor: str,
    now: datetime,
    calendar: WorkingCalendar,
    landlord: Landlord,
    tell_resident: bool = True,
) -> CaseEvent:
    """Set the date the next step is promised by. When it is later than the date the resident
    was given, the extension is recorded and they are told by their route (a text or an
    email; when nothing written may go, the summary says so and why)."""
    today = calendar.today(now)
    if new_date < today:
        raise CaseWorkError("The new date cannot be in the past.")
    if not calendar.is_working_day(new_date):
        raise CaseWorkError("Choose a working day (not a weekend, bank holiday or closure).")
    if case.status == "closed":
        raise CaseWorkError("This case is closed.")
    reason = required_text(reason, "the reason for the new date", MAX_REASON)
    old = current_promise(case)
    before = snapshot(case, ("promised_date",))
    before.setdefault("promised_date", None)
    case.promised_date = new_date
    after = snapshot(case, ("promised_date",))
    slipped = new_date > old
    extra: dict[str, Any] = {"reason": reason, "previous_promise": old.isoformat()}
    summary = f"Next step promised by {new_date.isoformat()}"
    if slipped:
        extra["extension_working_days"] = calendar.working_days_between(old, new_date)
        summary = f"Date extended from {old.isoformat()} to {new_date.isoformat()}"
        route = contact_route(session, case)
        if tell_resident and route.written:
            extra["outbox_id"], _route = queue_to_resident(
                session,
                case,
                delay_text(case, old, new_date, landlord),
                "delay",
                f"delay:{case.id}:{new_date.isoformat()}",
                landlord,
                route=route,
            )
            summary += f"; resident told by {route.noun}"
        elif tell_resident:
            summary += f"; resident NOT told in writing ({route.reason})"
    return audit(session, case, actor, "due_date", summary, now, before, after, **extra)
