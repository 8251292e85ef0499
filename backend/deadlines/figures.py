"""Dashboard figures for the landlord's time limits: initial contact, RAM and written action
plan met or missed, for the cases received in the period (counted in SQL by due date and the
local day each step was met, so the rows grow with the days, not the cases)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.dashboard.service import LocalTime, period_bounds
from backend.deadlines.limits import DEADLINES, state_of
from core.workdays import WorkingCalendar


def as_date(value: object) -> date | None:
    """A date from the database (SQLite gives text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class DeadlineFigure:
    """One step's limit over the cases received in the period."""

    key: str
    label: str
    met: int  # on or before the due date
    late: int  # met, after the due date
    missed: int  # not met and the due date has passed
    due: int  # not met yet, still in time
    not_tracked: int  # opened before the limits were recorded

    @property
    def missed_total(self) -> int:
        """Late and missed together: what the dashboard calls missed."""
        return self.late + self.missed

    @property
    def percent_met(self) -> int | None:
        """Share met in time of those decided (met, late or missed)."""
        decided = self.met + self.missed_total
        return round(100 * self.met / decided) if decided else None


def deadline_figures(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> list[DeadlineFigure]:
    """Met / missed for each step, over cases received from `start` to `end`."""
    today = calendar.today(now)
    begin, finish = period_bounds(calendar, start, end)
    local = LocalTime(
        session, calendar, begin - timedelta(days=1), max(finish, now) + timedelta(days=1)
    )
    period = (Case.received_at >= begin, Case.received_at < finish)
    figures = []
    for key, label in DEADLINES.items():
        due_col, at_col = getattr(Case, f"{key}_due"), getattr(Case, f"{key}_at")
        met_day = local.date(at_col)
        counts = dict.fromkeys(("met", "late", "missed", "due", "not_tracked"), 0)
        for due_value, met_value, n in session.execute(
            select(due_col, met_day, func.count()).where(*period).group_by(due_col, met_day)
        ):
            counts[state_of(as_date(due_value), as_date(met_value), today)] += int(n)
        figures.append(DeadlineFigure(key=key, label=label, **counts))
    return figures
