"""The partners' CSV export (managers and admins, audited) and the long-running sweep.

GET /staff/dashboard/partner-export.csv?from=&to= gives the cases received in the period in
the columns of docs/partners-csv.md; each download is recorded in `staff_audit` (action
`partner_csv_export`: who, when, the period and the number of rows). The sweep escalates cases
open over 12 weeks every `SWEEP_SECONDS` on every backend instance (safe: see long_running).
"""

from __future__ import annotations

import logging
from datetime import date

from aiohttp import web
from sqlalchemy.orm import Session

from backend.alerts.email import ALERT_EMAIL, send_alert_emails
from backend.appkeys import CALENDAR, CLOCK, SESSION_FACTORY, SETTINGS
from backend.dashboard.views import _period as dashboard_period
from backend.deadlines import long_running, partner_csv
from backend.request_helpers import now, run_db
from backend.staff import permissions
from backend.staff.auth import require_staff
from backend.staff.models import StaffAudit
from backend.staff.ui import forbidden, setup_ui
from backend.sweeps import sweep_every
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

SWEEP_SECONDS = 300
EXPORT_ACTION = "partner_csv_export"


def _export(
    session: Session,
    calendar: WorkingCalendar,
    *,
    actor: str,
    moment,
    start: date,
    end: date,
) -> list[str]:
    """The CSV's lines, and the audit row saying who downloaded what (same transaction)."""
    chunks = list(partner_csv.export_rows(session, calendar, moment, start, end))
    session.add(
        StaffAudit(
            at=moment,
            actor=actor,
            action=EXPORT_ACTION,
            username=actor,
            data={"from": start.isoformat(), "to": end.isoformat(), "rows": len(chunks) - 1},
        )
    )
    return chunks


async def partner_export(request: web.Request) -> web.StreamResponse:
    """GET /staff/dashboard/partner-export.csv?from=&to=."""
    identity = await require_staff(request)
    if not permissions.can_see_dashboard(identity):
        return forbidden(request, identity, "export cases for partners")
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    moment = now(request)
    start, end, error = dashboard_period(request, calendar.today(moment))
    if error:
        raise web.HTTPBadRequest(text=error)
    chunks = await run_db(
        request,
        lambda session: _export(
            session, calendar, actor=identity.username, moment=moment, start=start, end=end
        ),
    )
    log.info(
        "partner export by %s: %s to %s, %s rows", identity.username, start, end, len(chunks) - 1
    )
    return web.Response(
        body="".join(chunks).encode("utf-8-sig"),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="asb-partners-{start}-to-{end}.csv"'
        },
    )


def sweep_once(app: web.Application) -> int:
    """Escalate long-running cases and email their alerts once committed (worker thread)."""
    raised = long_running.sweep(
        app[SESSION_FACTORY], now=app[CLOCK](), duty_phone=app[SETTINGS].duty_officer_phone
    )
    send_alert_emails(app.get(ALERT_EMAIL), raised)  # type: ignore[arg-type]
    return len(raised)


_sweeper = sweep_every(
    lambda _app: SWEEP_SECONDS, sweep_once, name="long-running sweep", did="escalated cases"
)


def setup_routes(app: web.Application) -> None:
    """Add GET /staff/dashboard/partner-export.csv and the long-running sweep to `app`."""
    setup_ui(app)
    app.router.add_get(
        "/staff/dashboard/partner-export.csv", partner_export, name="staff-partner-export"
    )
    app.cleanup_ctx.append(_sweeper)
