"""Staff pages: login, the triage queue and a case page (server-rendered, no JavaScript needed)."""

from __future__ import annotations

import hmac
import logging
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import web

from backend.alerts import service as alerts
from backend.appkeys import CALENDAR
from backend.cases import service as cases
from backend.cases.models import CATEGORIES, TEAMS
from backend.request_helpers import now, run_db
from backend.staff import case_views, permissions, service
from backend.staff.auth import cookie_is_secure, current_staff, require_staff
from backend.staff.service import SESSION_COOKIE, SESSION_LIFETIME, StaffIdentity
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

STAFF_JINJA = web.AppKey("staff_jinja", jinja2.Environment)
STATIC_DIR = Path(__file__).parent / "static"
LOGIN_CSRF_COOKIE = "asb_login_csrf"
PAGE_SIZE = 50

CATEGORY_LABELS = {
    "noise": "Noise",
    "harassment": "Harassment",
    "hate": "Hate incident",
    "domestic_abuse": "Domestic abuse",
    "violence": "Violence or threats",
    "drug_dealing": "Drug dealing",
    "drugs_alcohol": "Drugs or alcohol nuisance",
    "vandalism": "Vandalism and graffiti",
    "vehicle_nuisance": "Vehicle nuisance",
    "groups_communal": "Groups or communal areas",
    "pets_animals": "Pets and animals",
    "environmental": "Environmental",
    "other_asb": "Other ASB",
}
QUEUE_STATUS_LABELS = {
    "new": "Waiting for triage",
    "open": "All open cases",
    "triaged": "Triaged",
    "in_progress": "In progress",
    "awaiting_resident": "Awaiting resident",
    "closed": "Closed",
    "all": "All cases",
}
ROUTE_LABELS = {
    "emergency": "Emergency (999)",
    "domestic_abuse": "Domestic abuse",
    "hate": "Hate",
    "asb": "ASB",
    "asb_unspecified": "ASB (unspecified)",
    "crime_101": "Crime (101)",
    "not_asb": "Not ASB",
    "out_of_scope": "Out of scope",
}
FLAG_LABELS = {
    "urgent": "Urgent",
    "domestic_abuse": "Domestic abuse",
    "hate": "Hate",
    "safeguarding": "Safeguarding",
    "vulnerable": "Vulnerable",
}


def _age(since: datetime, moment: datetime) -> str:
    """How long ago, in the coarsest sensible unit: '45 min', '5 h', '3 days'."""
    minutes = max(int((moment - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def _render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    return aiohttp_jinja2.render_template(
        template, request, context, status=status, app_key=STAFF_JINJA
    )


def _safe_next(target: str | None) -> str:
    """Only ever redirect back into the staff pages (no open redirects)."""
    if target and target.startswith("/staff") and not target.startswith("/staff/login"):
        return target
    return "/staff"


# -- login and logout -----------------------------------------------------------------------


def _login_page(request: web.Request, error: str = "", status: int = 200) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = _render(
        request,
        "staff/login.html",
        {
            "error": error,
            "login_csrf": token,
            "next": _safe_next(request.query.get("next")),
            "staff": None,
        },
        status=status,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path="/staff/login",
        httponly=True,
        samesite="Strict",
        secure=cookie_is_secure(request),
    )
    return response


async def login_form(request: web.Request) -> web.Response:
    """GET /staff/login."""
    if await current_staff(request) is not None:
        raise web.HTTPSeeOther(_safe_next(request.query.get("next")))
    return _login_page(request)


async def login_submit(request: web.Request) -> web.Response:
    """POST /staff/login: check the password, start a session, set the cookie."""
    form = await request.post()
    cookie_token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    form_token = str(form.get("csrf_token", ""))
    if not cookie_token or not hmac.compare_digest(cookie_token.encode(), form_token.encode()):
        raise web.HTTPForbidden(text="The form has expired. Go back, reload the page and retry.")
    username = str(form.get("username", ""))[:80]
    password = str(form.get("password", ""))[:1000]
    moment = now(request)

    def login(session):
        user = service.authenticate(session, username, password)
        if user is None:
            return None
        service.purge_expired_sessions(session, moment)
        token, _row = service.create_session(session, user, moment)
        return user.username, token

    result = await run_db(request, login)
    if result is None:
        log.info("staff login refused")
        return _login_page(request, "That username and password do not match.", status=401)
    username, token = result
    log.info("staff login: %s", username)
    response = web.HTTPSeeOther(_safe_next(str(form.get("next", ""))))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        path="/",
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=cookie_is_secure(request),
    )
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/staff/login")
    raise response


async def checked_form(request: web.Request) -> tuple[StaffIdentity, Any]:
    """The logged-in staff member and the POSTed form, after checking its CSRF token."""
    identity = await require_staff(request)
    form = await request.post()
    if not service.csrf_ok(identity, str(form.get("csrf_token", ""))):
        raise web.HTTPForbidden(text="The form has expired. Go back, reload the page and retry.")
    return identity, form


async def logout(request: web.Request) -> web.Response:
    """POST /staff/logout: end the session."""
    identity, _form = await checked_form(request)
    token = request.cookies.get(SESSION_COOKIE)
    await run_db(request, lambda session: service.expire_session(session, token))
    log.info("staff logout: %s", identity.username)
    response = web.HTTPSeeOther("/staff/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


# -- pages ----------------------------------------------------------------------------------


def _queue_filters(query: Any, identity: StaffIdentity) -> dict[str, Any]:
    """Team, category, status and page from the query string (none of them personal data);
    an officer only ever sees their own team."""
    scope = permissions.team_scope(identity)
    team = scope or (query.get("team") if query.get("team") in TEAMS else None)
    category = query.get("category") if query.get("category") in CATEGORIES else None
    status = query.get("status") if query.get("status") in cases.QUEUE_STATUSES else "new"
    try:
        page = max(int(query.get("page", "1")), 1)
    except ValueError:
        page = 1
    return {"team": team, "category": category, "status": status, "page": page}


def _queue_row(case: Any, today: Any, moment: datetime) -> dict[str, Any]:
    item = cases.queue_item_to_dict(case, today)
    item["age"] = _age(case.received_at, moment)
    item["promised_date"] = case.promised_date
    item["assigned_to"] = case.assigned_to
    return item


async def queue_page(request: web.Request) -> web.Response:
    """GET /staff: the triage queue (overdue first, then most urgent, then by due date)."""
    identity = await require_staff(request)
    filters = _queue_filters(request.query, identity)
    page = filters["page"]
    moment = now(request)
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    today = calendar.today(moment)

    def load(session):
        rows = cases.triage_queue(
            session,
            filters["team"],
            filters["category"],
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE,
            status=filters["status"],
            today=today,
        )
        items = [_queue_row(case, today, moment) for case in rows]
        total = cases.count_triage_queue(
            session, filters["team"], filters["category"], filters["status"]
        )
        open_alerts = (
            alerts.open_alerts(session, permissions.team_scope(identity), limit=10)
            if permissions.can_handle_alerts(identity)
            else []
        )
        return items, total, open_alerts

    items, total, open_alerts = await run_db(request, load)
    paging = {k: v for k, v in filters.items() if k != "page" and v}
    return _render(
        request,
        "staff/queue.html",
        {
            "staff": identity,
            "items": items,
            "total": total,
            "page": page,
            "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
            "page_query": urlencode(paging),
            "team": filters["team"] or "",
            "category": filters["category"] or "",
            "status": filters["status"],
            "team_locked": permissions.team_scope(identity) is not None,
            "teams": TEAMS,
            "categories": CATEGORIES,
            "statuses": cases.QUEUE_STATUSES,
            "status_labels": QUEUE_STATUS_LABELS,
            "today": today,
            "alerts": open_alerts,
            "search_error": "",
            "search_results": None,
        },
    )


async def search(request: web.Request) -> web.Response:
    """POST /staff/search: by reference, phone or postcode. A POST form, so what was searched
    for never appears in a URL or an access log."""
    identity, form = await checked_form(request)
    term = str(form.get("q", ""))[:100]
    moment = now(request)
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    today = calendar.today(moment)

    def find(session):
        found = cases.search_cases(session, term, team=permissions.team_scope(identity))
        return [_queue_row(case, today, moment) for case in found]

    error = ""
    results: list[dict[str, Any]] = []
    try:
        results = await run_db(request, find)
    except cases.SearchError as exc:
        error = str(exc)
    return _render(
        request,
        "staff/search.html",
        {"staff": identity, "results": results, "error": error, "term": term, "today": today},
        status=400 if error else 200,
    )


async def redirect_to_queue(request: web.Request) -> web.Response:
    """GET /staff/ (trailing slash)."""
    raise web.HTTPPermanentRedirect("/staff")


# -- wiring ---------------------------------------------------------------------------------


def setup_templates(app: web.Application) -> jinja2.Environment:
    """Our own Jinja2 environment under STAFF_JINJA (other packages keep theirs apart)."""
    if STAFF_JINJA in app:
        return app[STAFF_JINJA]
    calendar: WorkingCalendar = app[CALENDAR]
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("backend.staff", "templates"),
        app_key=STAFF_JINJA,
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def local_time(value: datetime | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return calendar.local(value).strftime("%a %d %b %Y, %H:%M")

    def long_date(value: Any) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value).date()
        return value.strftime("%a %d %b %Y")

    env.filters["local_time"] = local_time
    env.filters["long_date"] = long_date
    env.globals["category_label"] = lambda code: CATEGORY_LABELS.get(code or "", "Not recorded")
    env.globals["flag_labels"] = FLAG_LABELS
    env.globals["route_label"] = lambda code: ROUTE_LABELS.get(code or "", code or "")
    env.globals["can_see_dashboard"] = permissions.can_see_dashboard
    return env


def setup_routes(app: web.Application) -> None:
    """Add /staff pages and their stylesheet to `app` (needs appkeys.CALENDAR set)."""
    setup_templates(app)
    app.router.add_get("/staff/login", login_form, name="staff-login")
    app.router.add_post("/staff/login", login_submit, name="staff-login-submit")
    app.router.add_post("/staff/logout", logout, name="staff-logout")
    app.router.add_get("/staff", queue_page, name="staff-queue")
    app.router.add_get("/staff/", redirect_to_queue, name="staff-slash")
    app.router.add_post("/staff/search", search, name="staff-search")
    case_views.setup_routes(app)
    app.router.add_static("/static/staff/", STATIC_DIR, name="staff-static", append_version=True)
