"""What the managers' dashboard shows from this package: the time limits met and missed, the
cases open over 12 weeks, and the hotspots (a chart in the style of backend/dashboard/charts.py,
whose text alternative is the table beside it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.dashboard import charts
from backend.deadlines.figures import deadline_figures
from backend.deadlines.hotspots import hotspots
from backend.deadlines.long_running import count_long_running, long_running_cases
from core.workdays import WorkingCalendar


def dashboard_panels(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> dict[str, Any]:
    """The dashboard's extra context: `deadline_figures`, `long_running`,
    `long_running_total`, `hotspots` and `hotspot_chart`."""
    spots = hotspots(session, calendar, now, start, end)
    reported = [(f.area, f.reports) for f in spots.areas if f.reports]
    return {
        "deadline_figures": deadline_figures(session, calendar, now, start, end),
        "long_running": long_running_cases(session, now),
        "long_running_total": count_long_running(session, now),
        "hotspots": spots,
        "hotspot_chart": charts.bar_chart(
            reported,
            title="Reports by estate or postcode district",
            description=f"Reports from {start} to {end} in the {len(reported)} busiest areas; "
            "the table below gives the same figures with open cases and categories.",
        ),
    }
