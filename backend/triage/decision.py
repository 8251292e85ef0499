"""The duty officer's triage decision and (re)assignment of a case, both audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from backend.cases import teams
from backend.cases.models import CATEGORIES, RISK_BANDS, TEAMS, Case, CaseEvent
from backend.casework.audit import MAX_REASON, CaseWorkError, audit, required_text, snapshot
from backend.deadlines import hooks as deadlines
from backend.webhooks.service import queue_case_event
from core.workdays import WorkingCalendar

PRIORITIES = (1, 3, 5)
TRIAGE_FIELDS = (
    "status",
    "category",
    "owner_team",
    "assigned_to",
    "is_asb",
    "risk_band",
    "triage_priority_days",
    "triage_due",
    "triaged_at",
)


@dataclass(frozen=True)
class TriageDecision:
    """What the duty officer decided; `team` None means "the category's usual team"."""

    category: str
    risk_band: str
    priority_days: int
    is_asb: bool
    reason: str
    team: str | None = None
    assigned_to: str | None = None


def _routing_flags(case: Case) -> dict[str, bool]:
    """The flags that send a case to the high-risk team whatever its category."""
    return {name: bool(getattr(case, name)) for name in ("domestic_abuse", "hate")}


def triage_case(
    session: Session,
    case: Case,
    decision: TriageDecision,
    *,
    actor: str,
    calendar: WorkingCalendar,
    now: datetime,
) -> CaseEvent:
    """Record the triage decision: category (and owner team), band, priority and due date
    (counted from the queue date), ASB or good-neighbour, assignment, and the reason."""
    if decision.category not in CATEGORIES:
        raise CaseWorkError("Choose a category from the list.")
    if decision.risk_band not in RISK_BANDS:
        raise CaseWorkError("Choose a risk band: LOW, MEDIUM or HIGH.")
    if decision.priority_days not in PRIORITIES:
        raise CaseWorkError("Choose a priority of 1, 3 or 5 working days.")
    if decision.team is not None and decision.team not in TEAMS:
        raise CaseWorkError("Choose a team from the list.")
    if case.status == "closed":
        raise CaseWorkError("This case is closed. Reopen it before triaging it again.")
    reason = required_text(decision.reason, "the reason for this decision", MAX_REASON)

    before = snapshot(case, TRIAGE_FIELDS)
    case.category = decision.category
    case.owner_team = decision.team or teams.owner_team(
        decision.category, case.route, _routing_flags(case), case.details
    )
    case.is_asb = decision.is_asb
    case.risk_band = decision.risk_band
    case.triage_priority_days = decision.priority_days
    case.triage_due = calendar.due_date(case.queue_date, decision.priority_days)
    case.assigned_to = (decision.assigned_to or "").strip() or None
    if case.status == "new":
        case.status = "triaged"
        case.triaged_at = now
    deadlines.after_triage(case, calendar, now)  # time limits follow the team, the draft plan
    after = snapshot(case, TRIAGE_FIELDS)
    handling = "ASB" if case.is_asb else "good-neighbour matter"
    summary = (
        f"Triaged: {case.category} ({handling}), owner {case.owner_team}, "
        f"{case.risk_band} risk, priority {case.triage_priority_days} working "
        f"day{'s' if case.triage_priority_days != 1 else ''}"
    )
    event = audit(session, case, actor, "triage", summary, now, before, after, reason=reason)
    queue_case_event(session, case, "triaged", now=now, calendar=calendar)  # backend/webhooks
    return event


def assign_case(
    session: Session,
    case: Case,
    *,
    team: str,
    officer: str | None,
    actor: str,
    now: datetime,
    reason: str = "",
    calendar: WorkingCalendar | None = None,
) -> CaseEvent:
    """Give the case to a team and, optionally, one of its officers (with `calendar`, the
    time limits follow the new team: backend/deadlines)."""
    if team not in TEAMS:
        raise CaseWorkError("Choose a team from the list.")
    before = snapshot(case, ("owner_team", "assigned_to"))
    case.owner_team = team
    case.assigned_to = (officer or "").strip() or None
    if before["owner_team"] != team:
        deadlines.team_changed(case, calendar)
    after = snapshot(case, ("owner_team", "assigned_to"))
    who = f"{case.assigned_to} ({team})" if case.assigned_to else f"team {team}"
    return audit(
        session, case, actor, "assign", f"Assigned to {who}", now, before, after, reason=reason
    )
