"""Free-text notes on a case's timeline (any staff member may add one)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import audit, required_text

MAX_NOTE = 5000


def add_note(session: Session, case: Case, text: str, *, actor: str, now: datetime) -> CaseEvent:
    """A free-text note on the timeline."""
    text = required_text(text, "the text of the note", MAX_NOTE)
    return audit(session, case, actor, "note", text, now, after={}, text=text)
