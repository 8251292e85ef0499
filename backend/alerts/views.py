"""Acknowledging alerts, and the background sweep that raises overdue alerts."""

from __future__ import annotations

import logging
import re

from aiohttp import web

from backend.alerts import service
from backend.alerts.email import ALERT_EMAIL, PENDING_EMAILS, AlertEmail, send_alert_emails
from backend.appkeys import CALENDAR, CLOCK, SESSION_FACTORY, SETTINGS
from backend.db import transaction
from backend.request_helpers import now, run_db
from backend.staff import permissions
from backend.staff.ui import checked_form, forbidden, setup_ui
from backend.sweeps import sweep_every

log = logging.getLogger(__name__)

SWEEP_SECONDS = 300  # how often overdue cases are checked while the backend runs


async def acknowledge(request: web.Request) -> web.Response:
    """POST /staff/alerts/{id}/acknowledge."""
    identity, _form = await checked_form(request)
    if not permissions.can_handle_alerts(identity):
        return forbidden(request, identity, "acknowledge alerts")
    raw = request.match_info["alert_id"]
    if not re.fullmatch(r"[0-9]{1,15}", raw):  # also never a number the database cannot hold
        raise web.HTTPNotFound()
    alert_id = int(raw)
    moment = now(request)
    done = await run_db(
        request,
        lambda session: service.acknowledge_alert(
            session,
            alert_id,
            actor=identity.username,
            now=moment,
            team=permissions.team_scope(identity),
        ),
    )
    if not done:
        raise web.HTTPNotFound(text="That alert is not open (or not for your team).")
    referer = request.headers.get("Referer", "")
    target = "/staff/dashboard" if referer.endswith("/staff/dashboard") else "/staff"
    raise web.HTTPSeeOther(target)


def sweep_once(app: web.Application) -> int:
    """Raise any alerts now due and email them once committed (runs on a worker thread)."""
    with transaction(app[SESSION_FACTORY]) as session:
        raised = service.raise_alerts(
            session,
            calendar=app[CALENDAR],
            now=app[CLOCK](),
            duty_phone=app[SETTINGS].duty_officer_phone,
        )
    send_alert_emails(app.get(ALERT_EMAIL), raised)  # type: ignore[arg-type]
    return len(raised)


_sweeper = sweep_every(
    lambda _app: SWEEP_SECONDS, sweep_once, name="alert sweep", did="raised alerts"
)


def setup_routes(app: web.Application) -> None:
    """Add POST /staff/alerts/{alert_id}/acknowledge and the overdue-alert sweep to `app`."""
    setup_ui(app)
    app[ALERT_EMAIL] = AlertEmail.from_env()
    app[PENDING_EMAILS] = set()
    app.router.add_post(
        "/staff/alerts/{alert_id}/acknowledge", acknowledge, name="staff-alert-acknowledge"
    )
    app.cleanup_ctx.append(_sweeper)
