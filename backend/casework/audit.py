"""The case's audit trail and the rules every casework verb shares.

Every casework function works inside the caller's transaction and never commits. Each change
writes a timeline event naming who did it, when, and the values before and after
(`data = {"before": {...}, "after": {...}, ...}`), which is the case's audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent

MAX_REASON = 1000


class CaseWorkError(ValueError):
    """A change staff asked for that cannot be made; the message says why, in plain words."""


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a column value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(case: Case, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(case, name)) for name in fields}


def audit(
    session: Session,
    case: Case,
    actor: str,
    kind: str,
    summary: str,
    now: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    **extra: Any,
) -> CaseEvent:
    """Add a timeline event with what changed (only the fields whose value changed)."""
    before = dict(before or {})
    after = dict(after or {})
    changed = [name for name in after if before.get(name) != after.get(name)]
    data: dict[str, Any] = {
        "before": {name: before.get(name) for name in changed},
        "after": {name: after[name] for name in changed},
        **extra,
    }
    event = CaseEvent(case_id=case.id, at=now, actor=actor, kind=kind, summary=summary, data=data)
    session.add(event)
    case.updated_at = now
    return event


def required_text(value: str | None, what: str, limit: int) -> str:
    """`value` stripped; CaseWorkError when it is empty or longer than `limit` characters."""
    value = (value or "").strip()
    if not value:
        raise CaseWorkError(f"Give {what}.")
    if len(value) > limit:
        raise CaseWorkError(f"{what.capitalize()} is too long (at most {limit} characters).")
    return value
