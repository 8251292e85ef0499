"""The partners' webhooks page (admins only): add, re-key and disable webhooks, and the log of
every delivery attempt.

GET /staff/partners/webhooks: the webhooks (never a secret) and the latest attempts.
POST /staff/partners/webhooks: add one (partner, url, event=created/triaged/closed); the page
answers with its signing secret once. POST /staff/partners/webhooks/{webhook_id}/rotate and
.../disable. Every form checks the session's CSRF token; every change records who made it.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from backend.partners.views import is_admin
from backend.request_helpers import now, run_db
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import checked_form, forbidden, render, setup_ui
from backend.webhooks import service
from backend.webhooks.models import EVENTS

PAGE = "/staff/partners/webhooks"
RECENT_ATTEMPTS = 100
ADMIN_ONLY = "manage partners' webhooks (admins only)"
EVENT_LABELS = {
    "created": "A case is opened",
    "triaged": "A case is triaged",
    "closed": "A case is closed",
}


async def _page(
    request: web.Request,
    identity: StaffIdentity,
    *,
    error: str = "",
    notice: str = "",
    issued: service.IssuedSecret | None = None,
    status: int = 200,
) -> web.Response:
    def load(session: Session) -> dict[str, Any]:
        return {
            "webhooks": service.list_subscriptions(session),
            "attempts": service.recent_attempts(session, RECENT_ATTEMPTS),
        }

    context = {
        "staff": identity,
        "events": EVENTS,
        "event_labels": EVENT_LABELS,
        "limit": RECENT_ATTEMPTS,
        "error": error,
        "notice": notice,
        "issued": issued,
        **await run_db(request, load),
    }
    return render(request, "webhooks/index.html", context, status=status)


async def index(request: web.Request) -> web.Response:
    """GET /staff/partners/webhooks."""
    identity = await require_staff(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    return await _page(request, identity)


async def add_view(request: web.Request) -> web.Response:
    """POST /staff/partners/webhooks: partner, url, event (repeated)."""
    identity, form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    moment = now(request)
    try:
        issued = await run_db(
            request,
            lambda session: service.add_subscription(
                session,
                partner=str(form.get("partner", "")),
                url=str(form.get("url", "")),
                events=[str(event) for event in form.getall("event", [])],
                actor=identity.username,
                now=moment,
            ),
        )
    except service.WebhookError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    return await _page(request, identity, issued=issued, status=201)


def _webhook_id(request: web.Request) -> int:
    raw = request.match_info["webhook_id"]
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise web.HTTPNotFound(text="There is no such webhook.")
    return int(raw)


async def rotate_view(request: web.Request) -> web.Response:
    """POST /staff/partners/webhooks/{webhook_id}/rotate: a new signing secret, shown once."""
    identity, _form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    webhook_id, moment = _webhook_id(request), now(request)
    try:
        issued = await run_db(
            request,
            lambda session: service.rotate_secret(
                session, webhook_id, actor=identity.username, now=moment
            ),
        )
    except service.WebhookError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    return await _page(request, identity, issued=issued, status=201)


async def disable_view(request: web.Request) -> web.Response:
    """POST /staff/partners/webhooks/{webhook_id}/disable: no more events go there."""
    identity, _form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    webhook_id, moment = _webhook_id(request), now(request)
    try:
        cancelled = await run_db(
            request,
            lambda session: service.disable_subscription(
                session, webhook_id, actor=identity.username, now=moment
            ),
        )
    except service.WebhookError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    notice = f"Webhook {webhook_id} is disabled: no more events go to it."
    if cancelled:
        notice += f" {cancelled} waiting event{'s were' if cancelled != 1 else ' was'} cancelled."
    return await _page(request, identity, notice=notice)


def setup_routes(app: web.Application) -> None:
    """The webhooks page and its forms, with their template."""
    env = setup_ui(app)
    own = jinja2.PackageLoader("backend.webhooks", "templates")
    env.loader = jinja2.ChoiceLoader([env.loader, own]) if env.loader else own
    app.router.add_get(PAGE, index, name="staff-webhooks")
    app.router.add_post(PAGE, add_view, name="staff-webhooks-add")
    app.router.add_post(f"{PAGE}/{{webhook_id}}/rotate", rotate_view, name="staff-webhooks-rotate")
    app.router.add_post(
        f"{PAGE}/{{webhook_id}}/disable", disable_view, name="staff-webhooks-disable"
    )
