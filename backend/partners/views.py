"""The partner keys page (admins only): make, rotate and revoke keys, and the audit of calls.

GET /staff/partners: the keys (never a hash) and the latest partner API calls.
POST /staff/partners/keys: make a key (partner, kind, scope=read/create); the page answers
with the key once. POST /staff/partners/keys/{key_id}/rotate and .../revoke. Every form checks
the session's CSRF token (`checked_form`); every change is logged with who did it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from backend.appkeys import SETTINGS
from backend.partners import service
from backend.partners.models import PARTNER_KINDS
from backend.request_helpers import now, run_db
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import checked_form, forbidden, render, setup_ui

log = logging.getLogger(__name__)

PAGE = "/staff/partners"
RECENT_CALLS = 100
ADMIN_ONLY = "manage partner keys (admins only)"
KIND_LABELS = {"council": "Council", "police": "Police", "other": "Other partner"}


def is_admin(identity: StaffIdentity) -> bool:
    """Partner keys open case data to another organisation: admins only."""
    return identity.role == "admin"


async def _page(
    request: web.Request,
    identity: StaffIdentity,
    *,
    error: str = "",
    notice: str = "",
    issued: service.IssuedKey | None = None,
    status: int = 200,
) -> web.Response:
    def load(session: Session) -> dict[str, Any]:
        return {
            "keys": service.list_keys(session),
            "calls": service.recent_calls(session, RECENT_CALLS),
        }

    context = {
        "staff": identity,
        "kinds": PARTNER_KINDS,
        "kind_labels": KIND_LABELS,
        "limit": RECENT_CALLS,
        "error": error,
        "notice": notice,
        "issued": issued,
        **await run_db(request, load),
    }
    return render(request, "partners/index.html", context, status=status)


async def index(request: web.Request) -> web.Response:
    """GET /staff/partners."""
    identity = await require_staff(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    return await _page(request, identity)


async def create_view(request: web.Request) -> web.Response:
    """POST /staff/partners/keys: partner, kind, scope (repeated)."""
    identity, form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    secret = request.config_dict[SETTINGS].ingest_secret
    moment = now(request)
    try:
        issued = await run_db(
            request,
            lambda session: service.create_key(
                session,
                partner=str(form.get("partner", "")),
                kind=str(form.get("kind", "other")),
                scopes=[str(scope) for scope in form.getall("scope", [])],
                actor=identity.username,
                secret=secret,
                now=moment,
            ),
        )
    except service.PartnerKeyError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    return await _page(request, identity, issued=issued, status=201)


def _key_id(request: web.Request) -> int:
    raw = request.match_info["key_id"]
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise web.HTTPNotFound(text="There is no such partner key.")
    return int(raw)


async def rotate_view(request: web.Request) -> web.Response:
    """POST /staff/partners/keys/{key_id}/rotate: a new key, the old one refused at once."""
    identity, _form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    key_id = _key_id(request)
    secret = request.config_dict[SETTINGS].ingest_secret
    moment = now(request)
    try:
        issued = await run_db(
            request,
            lambda session: service.rotate_key(
                session, key_id, actor=identity.username, secret=secret, now=moment
            ),
        )
    except service.PartnerKeyError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    return await _page(request, identity, issued=issued, status=201)


async def revoke_view(request: web.Request) -> web.Response:
    """POST /staff/partners/keys/{key_id}/revoke: the key stops working at once."""
    identity, _form = await checked_form(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    key_id = _key_id(request)
    moment = now(request)
    try:
        await run_db(
            request,
            lambda session: service.revoke_key(
                session, key_id, actor=identity.username, now=moment
            ),
        )
    except service.PartnerKeyError as exc:
        return await _page(request, identity, error=str(exc), status=400)
    return await _page(request, identity, notice=f"Key {key_id} is revoked: it no longer works.")


def setup_routes(app: web.Application) -> None:
    """The partner keys page and its forms, with their templates."""
    env = setup_ui(app)  # the staff pages' Jinja2 environment, once per app
    own = jinja2.PackageLoader("backend.partners", "templates")
    env.loader = jinja2.ChoiceLoader([env.loader, own]) if env.loader else own
    app.router.add_get(PAGE, index, name="staff-partners")
    app.router.add_post(f"{PAGE}/keys", create_view, name="staff-partners-create")
    app.router.add_post(f"{PAGE}/keys/{{key_id}}/rotate", rotate_view, name="staff-partners-rotate")
    app.router.add_post(f"{PAGE}/keys/{{key_id}}/revoke", revoke_view, name="staff-partners-revoke")
