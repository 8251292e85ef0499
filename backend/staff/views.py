"""Staff pages: login and logout, the triage queue and search (server-rendered, no JavaScript).

The case page and its actions live in `backend.staff.case_views` and `backend.staff.case_actions`;
what all staff pages share (templates, labels, the CSRF check) in `backend.staff.ui`.
"""

from __future__ import annotations

import hmac
import logging
import math
import secrets
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from backend.alerts import service as alerts
from backend.appkeys import CALENDAR, SETTINGS
from backend.cases.models import CATEGORIES, TEAMS
from backend.cases.queries import SearchError, search_cases
from backend.cases.serialize import queue_item_to_dict
from backend.deadlines.limits import queue_summary
from backend.request_body import read_form
from backend.request_helpers import now, run_db
from backend.staff import permissions, service, throttle
from backend.staff.auth import cookie_is_secure, current_staff, require_staff
from backend.staff.service import SESSION_COOKIE, SESSION_LIFETIME, StaffIdentity
from backend.staff.ui import FORM_EXPIRED, age, checked_form, render, setup_ui
from backend.triage.queue import QUEUE_STATUSES, count_triage_queue, triage_queue
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

LOGIN_CSRF_COOKIE = "asb_login_csrf"
PAGE_SIZE = 50
MAX_PAGE = 100_000  # 5 million cases: further pages are empty, never an offset too large

QUEUE_STATUS_LABELS = {
    "new": "Waiting for triage",
    "open": "All open cases",
    "triaged": "Triaged",
    "in_progress": "In progress",
    "awaiting_resident": "Awaiting resident",
    "closed": "Closed",
    "all": "All cases",
}


def _safe_next(target: str | None) -> str:
    """Only ever redirect back into the staff pages (no open redirects)."""
    if target and target.startswith("/staff") and not target.startswith("/staff/login"):
        return target
    return "/staff"


# -- login and logout -----------------------------------------------------------------------


def _login_page(request: web.Request, error: str = "", status: int = 200) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = render(
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


def _client_address(request: web.Request) -> str:
    """The address the login came from (the proxy's, behind a reverse proxy)."""
    return request.remote or "unknown"


def _try_login(
    session, username: str, password: str, address: str, secret: str, moment: datetime
) -> tuple[str, Any]:
    """One login attempt, throttled: ("locked", wait), ("refused", None) or ("ok", (username,
    session token)). The throttle's rows stay locked until the transaction commits."""
    gate = throttle.LoginGate.open(
        session, username=username, address=address, secret=secret, now=moment
    )
    if (wait := gate.wait(moment)) is not None:
        return "locked", wait
    user = service.authenticate(session, username, password)
    if user is None:
        account = service.account_name(session, username)
        service.audit_login(session, "login_failed", account, address, moment)
        for lock in gate.failed(moment):
            until = lock.until.isoformat()
            service.audit_login(
                session, "login_locked", account, address, moment, scope=lock.scope, until=until
            )
        wait = gate.wait(moment)
        return ("locked", wait) if wait is not None else ("refused", None)
    gate.succeeded(moment)
    service.audit_login(session, "login_succeeded", user.username, address, moment)
    service.purge_expired_sessions(session, moment)
    token, _row = service.create_session(session, user, moment)
    return "ok", (user.username, token)


async def login_submit(request: web.Request) -> web.Response:
    """POST /staff/login: check the password (throttled), start a session, set the cookie."""
    form = await read_form(request)
    cookie_token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    form_token = str(form.get("csrf_token", ""))
    if not cookie_token or not hmac.compare_digest(cookie_token.encode(), form_token.encode()):
        raise web.HTTPForbidden(text=FORM_EXPIRED)
    username = str(form.get("username", ""))[:80]
    password = str(form.get("password", ""))[:1000]
    moment = now(request)
    address = _client_address(request)
    secret = request.config_dict[SETTINGS].ingest_secret

    outcome, detail = await run_db(
        request, lambda session: _try_login(session, username, password, address, secret, moment)
    )
    if outcome == "locked":
        log.info("staff login refused: too many attempts")
        response = _login_page(request, throttle.too_many_attempts_message(detail), status=429)
        response.headers["Retry-After"] = str(math.ceil(detail.total_seconds()))
        return response
    if outcome == "refused":
        log.info("staff login refused")
        return _login_page(request, "That username and password do not match.", status=401)
    username, token = detail
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
    status = query.get("status") if query.get("status") in QUEUE_STATUSES else "new"
    try:
        page = min(max(int(query.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    return {"team": team, "category": category, "status": status, "page": page}


def _queue_row(
    case: Any, today: Any, moment: datetime, calendar: WorkingCalendar
) -> dict[str, Any]:
    item = queue_item_to_dict(case, today)
    item["age"] = age(case.received_at, moment)
    item["promised_date"] = case.promised_date
    item["assigned_to"] = case.assigned_to
    item["deadlines"] = queue_summary(case, calendar, today)  # contact, RAM, plan (issue 17)
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
        rows = triage_queue(
            session,
            filters["team"],
            filters["category"],
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE,
            status=filters["status"],
            today=today,
        )
        items = [_queue_row(case, today, moment, calendar) for case in rows]
        total = count_triage_queue(session, filters["team"], filters["category"], filters["status"])
        open_alerts = (
            alerts.open_alerts(session, permissions.team_scope(identity), limit=10)
            if permissions.can_handle_alerts(identity)
            else []
        )
        return items, total, open_alerts

    items, total, open_alerts = await run_db(request, load)
    paging = {k: v for k, v in filters.items() if k != "page" and v}
    return render(
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
            "statuses": QUEUE_STATUSES,
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
        found = search_cases(session, term, team=permissions.team_scope(identity))
        return [_queue_row(case, today, moment, calendar) for case in found]

    error = ""
    results: list[dict[str, Any]] = []
    try:
        results = await run_db(request, find)
    except SearchError as exc:
        error = str(exc)
    return render(
        request,
        "staff/search.html",
        {"staff": identity, "results": results, "error": error, "term": term, "today": today},
        status=400 if error else 200,
    )


async def redirect_to_queue(request: web.Request) -> web.Response:
    """GET /staff/ (trailing slash)."""
    raise web.HTTPPermanentRedirect("/staff")


# -- wiring ---------------------------------------------------------------------------------


def setup_routes(app: web.Application) -> None:
    """Add the login, queue and search pages to `app` (needs appkeys.CALENDAR set)."""
    setup_ui(app)
    app.router.add_get("/staff/login", login_form, name="staff-login")
    app.router.add_post("/staff/login", login_submit, name="staff-login-submit")
    app.router.add_post("/staff/logout", logout, name="staff-logout")
    app.router.add_get("/staff", queue_page, name="staff-queue")
    app.router.add_get("/staff/", redirect_to_queue, name="staff-slash")
    app.router.add_post("/staff/search", search, name="staff-search")
