"""The officer's review of the Risk Assessment Matrix answers: score, band and, before
triage, the priority and due date that go with the band."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases import teams
from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit, snapshot
from backend.deadlines import hooks as deadlines
from backend.deadlines.limits import record_met
from core import ram as risk
from core.workdays import WorkingCalendar


def update_ram(
    session: Session,
    case: Case,
    answers: Mapping[str, Any],
    *,
    actor: str,
    now: datetime,
    calendar: WorkingCalendar,
) -> CaseEvent:
    """The officer confirms or changes the RAM answers: the score and band are recomputed, and
    a case not yet triaged gets the priority and due date that go with the new band."""
    cleaned: dict[str, Any] = {}
    for key, value in answers.items():
        question = risk.question_for_key(key)
        if question is None:
            raise CaseWorkError(f"Unknown risk question {key}.")
        values = value if isinstance(value, list) else [value]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        if any(v not in question.answers and v != risk.DECLINED for v in values):
            raise CaseWorkError(f"Choose an answer from the list for question {question.number}.")
        if risk.DECLINED in values and len(values) > 1:
            raise CaseWorkError(
                f"Question {question.number}: 'Prefer not to say' cannot go with other answers."
            )
        cleaned[key] = values if question.multiple else values[0]
    assessment = risk.score_answers(cleaned)
    fields = ("ram_answers", "risk_score", "risk_band", "triage_priority_days", "triage_due")
    before = snapshot(case, fields)
    case.ram_answers = cleaned
    case.risk_score = assessment.score
    case.risk_band = assessment.band
    case.ram_confirmed_at = now
    case.ram_confirmed_by = actor
    if case.status == "new":
        flags = {
            name: bool(getattr(case, name))
            for name in ("urgent", "hate", "domestic_abuse", "safeguarding", "vulnerable")
        }
        case.triage_priority_days = teams.triage_priority_days(
            case.owner_team, assessment.band, flags
        )
        case.triage_due = calendar.due_date(case.queue_date, case.triage_priority_days)
    record_met(case, "ram", now)  # the first review meets the time limit
    deadlines.after_ram_review(case, now)  # a draft plan follows the band
    after = snapshot(case, fields)
    summary = f"Risk assessment confirmed: score {assessment.score} ({assessment.band})"
    return audit(session, case, actor, "ram", summary, now, before, after)
