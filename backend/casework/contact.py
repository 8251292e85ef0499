"""Recording a phone call to the resident: for residents who asked to be phoned, nothing written
goes by itself, so staff call them and record it here. A recorded call restarts the regular
contact clock (backend.sms_outbound.regular_contact) for any resident."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit
from backend.deadlines.limits import record_met
from backend.sms_outbound.regular_contact import CALL_EVENT

MAX_CALL_NOTE = 2000


def record_call(
    session: Session, case: Case, note: str | None, *, actor: str, now: datetime
) -> CaseEvent:
    """Add a "call" event (who phoned, when, and what was said in staff words)."""
    if not case.reporter_phone:
        raise CaseWorkError("The resident gave no phone number.")
    note = (note or "").strip()
    if len(note) > MAX_CALL_NOTE:
        raise CaseWorkError(f"The note is too long (at most {MAX_CALL_NOTE} characters).")
    extra = {"note": note} if note else {}
    record_met(case, "initial_contact", now)  # the first contact meets the time limit
    return audit(session, case, actor, CALL_EVENT, "Phoned the resident", now, **extra)
