"""Hotspots: where reports come from, by estate or postcode district and category, over time.

An area is the case's estate when known, else its postcode district ("ZZ99"), else "Area not
known" (backend/cases/places.py). For the period: reports per area and category and per week
(weeks start on Monday, local dates), and the cases open now per area, whenever received.
Counted in SQL; only the areas with the most reports are listed (`TOP_AREAS`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.dashboard.service import LocalTime, period_bounds
from backend.deadlines.figures import as_date
from core.workdays import WorkingCalendar

TOP_AREAS = 15
WEEKLY_AREAS = 6  # areas shown week by week
UNKNOWN = "Area not known"


@dataclass
class AreaFigure:
    """One area's reports in the period, by category and week, and its open cases now."""

    area: str
    reports: int = 0
    open_now: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_week: Counter[date] = field(default_factory=Counter)

    @property
    def top_categories(self) -> list[tuple[str, int]]:
        return sorted(self.by_category.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


@dataclass
class Hotspots:
    areas: list[AreaFigure]
    weeks: list[date]  # the Mondays of the period's weeks
    weekly: list[AreaFigure]  # the busiest areas, for the week-by-week table


def area_column() -> object:
    return func.coalesce(Case.estate, Case.postcode_district)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def hotspots(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> Hotspots:
    """Reports from `start` to `end` and open cases now, by area (busiest first)."""
    begin, finish = period_bounds(calendar, start, end)
    local = LocalTime(session, calendar, begin - timedelta(days=1), finish + timedelta(days=1))
    area, day = area_column(), local.date(Case.received_at)
    found: dict[str, AreaFigure] = {}
    for name, category, day_value, n in session.execute(
        select(area, Case.category, day, func.count())
        .where(Case.received_at >= begin, Case.received_at < finish)
        .group_by(area, Case.category, day)
    ):
        figure = found.setdefault(name or UNKNOWN, AreaFigure(name or UNKNOWN))
        figure.reports += int(n)
        figure.by_category[category or "not_recorded"] += int(n)
        local_day = as_date(day_value)
        assert local_day is not None
        figure.by_week[week_of(local_day)] += int(n)
    for name, n in session.execute(
        select(area, func.count()).where(Case.status != "closed").group_by(area)
    ):
        found.setdefault(name or UNKNOWN, AreaFigure(name or UNKNOWN)).open_now += int(n)
    ranked = sorted(found.values(), key=lambda f: (-f.reports, -f.open_now, f.area))
    weeks, monday = [], week_of(start)
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    weekly = [f for f in ranked if f.reports][:WEEKLY_AREAS]
    return Hotspots(areas=ranked[:TOP_AREAS], weeks=weeks, weekly=weekly)
