"""GET /staff/dashboard (managers) and its CSV export. Only dates travel in the URL."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from aiohttp import web

from backend.alerts import service as alerts
from backend.appkeys import CALENDAR
from backend.case_review.service import deadline_figures as case_review_deadlines
from backend.dashboard import charts, service
from backend.deadlines.panels import dashboard_panels
from backend.request_helpers import now, run_db
from backend.staff import permissions
from backend.staff.auth import require_staff
from backend.staff.ui import CATEGORY_LABELS, ROUTE_LABELS, forbidden, render, setup_ui
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

DEFAULT_DAYS = 28
MAX_DAYS = 366
EARLIEST = date(2000, 1, 1)  # no report is older; the calendar's far ends cannot be counted


def _period(request: web.Request, today: date) -> tuple[date, date, str]:
    """The from/to dates asked for (default: the last four weeks) and any problem with them."""
    end, start = today, today - timedelta(days=DEFAULT_DAYS - 1)
    error = ""
    try:
        if request.query.get("to"):
            end = date.fromisoformat(request.query["to"])
        if request.query.get("from"):
            start = date.fromisoformat(request.query["from"])
        else:
            start = end - timedelta(days=DEFAULT_DAYS - 1)
        if not (EARLIEST <= start and end <= today + timedelta(days=MAX_DAYS)):
            raise OverflowError("a date the calendar cannot count from")
    except ValueError:
        error = "Give the dates as day, month and year."
        end, start = today, today - timedelta(days=DEFAULT_DAYS - 1)
    except OverflowError:  # e.g. four weeks before 1 January in year 1, or year 9999
        error = f"Choose dates from {EARLIEST.year} to next year."
        end, start = today, today - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        error = "The start date must be before the end date."
        start, end = end, start
    if (end - start).days >= MAX_DAYS:
        error = f"Choose a period of at most {MAX_DAYS} days."
        start = end - timedelta(days=MAX_DAYS - 1)
    return start, end, error


async def dashboard(request: web.Request) -> web.Response:
    """GET /staff/dashboard?from=&to=."""
    identity = await require_staff(request)
    if not permissions.can_see_dashboard(identity):
        return forbidden(request, identity, "see the dashboard")
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    moment = now(request)
    today = calendar.today(moment)
    start, end, error = _period(request, today)

    def load(session):
        return (
            service.build_dashboard(session, calendar, moment, start, end),
            alerts.open_alerts(session),
            service.equality_summary(session, calendar, start, end),
            dashboard_panels(session, calendar, moment, start, end),  # issue 17
        )

    board, open_alerts, equality, panels = await run_db(request, load)
    # ASB Case Review decisions waiting: overdue, due this week (backend/case_review/).
    case_reviews = await run_db(request, lambda s: case_review_deadlines(s, calendar, moment))
    long_period = len(board.by_day) > 31
    by_day = [(f"{d:%d %b}", n) for d, n in board.by_day]
    office_hours = [
        not (calendar.office_opens.hour <= hour < calendar.office_closes.hour) for hour in range(24)
    ]
    figures = {
        "day_chart": charts.column_chart(
            by_day,
            title="New reports by day",
            description=f"{board.total} reports from {start} to {end}.",
            label_every=7 if long_period else 2,
        ),
        "hour_chart": charts.column_chart(
            [(f"{h:02d}", n) for h, n in enumerate(board.by_hour)],
            title="New reports by hour of the day",
            description=f"{board.out_of_hours} of {board.total} came out of office hours. "
            "Red bars are hours outside office hours.",
            highlight=office_hours,
            label_every=2,
        ),
        "category_chart": charts.bar_chart(
            [(CATEGORY_LABELS.get(c, "Not recorded"), n) for c, n in board.by_category],
            title="New reports by category",
            description="Number of reports in each category.",
        ),
        "route_chart": charts.bar_chart(
            [(ROUTE_LABELS.get(r, r), n) for r, n in board.by_route],
            title="New reports by route",
            description="What each report called for.",
        ),
    }
    return render(
        request,
        "staff/dashboard.html",
        {
            "staff": identity,
            "board": board,
            "charts": figures,
            "alerts": open_alerts,
            "equality": equality,
            "suppress_below": service.EQUALITY_SUPPRESS_BELOW,
            "error": error,
            "start": start,
            "end": end,
            "today": today,
            "category_labels": CATEGORY_LABELS,
            "route_labels": ROUTE_LABELS,
            "case_reviews": case_reviews,
            **panels,
        },
        status=400 if error else 200,
    )


async def export_csv(request: web.Request) -> web.StreamResponse:
    """GET /staff/dashboard/export.csv?from=&to=: cases received in the period, no contact
    details or residents' words, formula-safe cells."""
    identity = await require_staff(request)
    if not permissions.can_see_dashboard(identity):
        return forbidden(request, identity, "export cases")
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    start, end, error = _period(request, calendar.today(now(request)))
    if error:
        raise web.HTTPBadRequest(text=error)
    chunks = await run_db(
        request, lambda session: list(service.export_rows(session, calendar, start, end))
    )
    log.info("case export by %s: %s to %s, %s rows", identity.username, start, end, len(chunks) - 1)
    return web.Response(
        body="".join(chunks).encode("utf-8-sig"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="asb-cases-{start}-to-{end}.csv"'},
    )


def setup_routes(app: web.Application) -> None:
    """Add the dashboard and its CSV export to `app` (needs appkeys.CALENDAR set)."""
    setup_ui(app)
    app.router.add_get("/staff/dashboard", dashboard, name="staff-dashboard")
    app.router.add_get("/staff/dashboard/export.csv", export_csv, name="staff-dashboard-export")
