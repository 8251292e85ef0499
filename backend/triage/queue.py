"""The triage queue: which cases wait for a decision, in what order, and which are overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from backend.cases.models import CATEGORIES, STATUSES, TEAMS, Case

QUEUE_STATUSES = ("new", "open", *STATUSES[1:], "all")  # "open": anything not closed


def _queue_filter(team: str | None, category: str | None, status: str = "new") -> list[Any]:
    if team is not None and team not in TEAMS:
        raise ValueError(f"team must be one of {', '.join(TEAMS)}")
    if category is not None and category not in CATEGORIES:
        raise ValueError("unknown category")
    if status not in QUEUE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(QUEUE_STATUSES)}")
    conditions: list[Any] = []
    if status == "open":
        conditions.append(Case.status != "closed")
    elif status != "all":
        conditions.append(Case.status == status)
    if team:
        conditions.append(Case.owner_team == team)
    if category:
        conditions.append(Case.category == category)
    return conditions


def _most_urgent() -> Any:
    """0 for emergency, domestic abuse, hate, safeguarding or HIGH risk; 1 for the rest."""
    return sql_case(
        (
            or_(
                Case.urgent,
                Case.domestic_abuse,
                Case.hate,
                Case.safeguarding,
                Case.risk_band == "HIGH",
            ),
            0,
        ),
        else_=1,
    )


def overdue_condition(today: date) -> Any:
    """SQL for `is_overdue`: waiting for triage past its due date, or past a promised date."""
    return or_(
        and_(Case.status == "new", Case.triage_due < today),
        and_(Case.status != "closed", Case.promised_date < today),
    )


def is_overdue(case: Case, today: date) -> bool:
    """Still waiting for triage after its due date, or open past the date we promised."""
    if case.status == "new" and today > case.triage_due:
        return True
    promised = getattr(case, "promised_date", None)
    return case.status != "closed" and promised is not None and today > promised


def triage_queue(
    session: Session,
    team: str | None = None,
    category: str | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    status: str = "new",
    today: date | None = None,
) -> list[Case]:
    """New cases (or `status`), most urgent first (urgent, domestic abuse, hate, safeguarding
    or HIGH risk), then by triage due date, then oldest first. With `today`, overdue cases come
    before all others. ValueError for an unknown team, category or status."""
    order: list[Any] = []
    if today is not None:
        order.append(sql_case((overdue_condition(today), 0), else_=1))
    order += [_most_urgent(), Case.triage_due, Case.received_at, Case.id]
    query = (
        select(Case)
        .where(*_queue_filter(team, category, status))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(query).scalars())


def count_triage_queue(
    session: Session, team: str | None = None, category: str | None = None, status: str = "new"
) -> int:
    """How many cases `triage_queue` would list without paging."""
    query = select(func.count(Case.id)).where(*_queue_filter(team, category, status))
    return session.execute(query).scalar_one()
