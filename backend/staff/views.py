"""Staff pages: login, the triage queue and a case page (server-rendered, no JavaScript needed)."""

from __future__ import annotations

import hmac
import logging
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy import select

from backend.appkeys import CALENDAR
from backend.cases import risk
from backend.cases import service as cases
from backend.cases.models import CATEGORIES, TEAMS
from backend.httpkit import now, run_db
from backend.notifications.models import OutboxMessage
from backend.staff import service
from backend.staff.auth import cookie_is_secure, current_staff, require_staff
from backend.staff.service import SESSION_COOKIE, SESSION_LIFETIME, StaffIdentity
from backend.workdays import WorkingCalendar

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


async def _checked_form(request: web.Request) -> tuple[StaffIdentity, Any]:
    """The logged-in staff member and the POSTed form, after checking its CSRF token."""
    identity = await require_staff(request)
    form = await request.post()
    if not service.csrf_ok(identity, str(form.get("csrf_token", ""))):
        raise web.HTTPForbidden(text="The form has expired. Go back, reload the page and retry.")
    return identity, form


async def logout(request: web.Request) -> web.Response:
    """POST /staff/logout: end the session."""
    identity, _form = await _checked_form(request)
    token = request.cookies.get(SESSION_COOKIE)
    await run_db(request, lambda session: service.expire_session(session, token))
    log.info("staff logout: %s", identity.username)
    response = web.HTTPSeeOther("/staff/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


# -- pages ----------------------------------------------------------------------------------


async def queue_page(request: web.Request) -> web.Response:
    """GET /staff: the triage queue."""
    identity = await require_staff(request)
    team = request.query.get("team") or None
    category = request.query.get("category") or None
    team = team if team in TEAMS else None
    category = category if category in CATEGORIES else None
    try:
        page = max(int(request.query.get("page", "1")), 1)
    except ValueError:
        page = 1
    moment = now(request)
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    today = calendar.today(moment)

    def load(session):
        rows = cases.triage_queue(session, team, category, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        items = []
        for case in rows:
            item = cases.queue_item_to_dict(case, today)
            item["age"] = _age(case.received_at, moment)
            items.append(item)
        return items, cases.count_triage_queue(session, team, category)

    items, total = await run_db(request, load)
    return _render(
        request,
        "staff/queue.html",
        {
            "staff": identity,
            "items": items,
            "total": total,
            "page": page,
            "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
            "team": team or "",
            "category": category or "",
            "teams": TEAMS,
            "categories": CATEGORIES,
            "today": today,
        },
    )


async def case_page(request: web.Request) -> web.Response:
    """GET /staff/cases/{reference}: everything the resident told us and the timeline."""
    identity = await require_staff(request)
    reference = request.match_info["reference"]
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    moment = now(request)
    today = calendar.today(moment)

    def load(session):
        case = cases.get_case_by_reference(session, reference)
        if case is None:
            return None
        data = cases.case_to_dict(case, today)
        data["received_at_dt"] = case.received_at
        data["age"] = _age(case.received_at, moment)
        data["ram_rows"] = _ram_rows(case.ram_answers, case.frequency)
        texts = session.execute(
            select(OutboxMessage).where(OutboxMessage.case_id == case.id).order_by(OutboxMessage.id)
        ).scalars()
        data["texts"] = [
            {
                "kind": t.kind,
                "state": t.state,
                "delivery_status": t.delivery_status,
                "created_at": t.created_at,
                "sent_at": t.sent_at,
                "body": t.body,
            }
            for t in texts
        ]
        return data

    data = await run_db(request, load)
    if data is None:
        return _render(
            request, "staff/not_found.html", {"staff": identity, "reference": reference}, 404
        )
    return _render(request, "staff/case.html", {"staff": identity, "case": data})


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _ram_rows(answers: dict[str, Any], frequency: str | None) -> list[dict[str, Any]]:
    """The provisional RAM answers as table rows: question, answer and points scored."""
    assessment = risk.score_answers(answers, frequency)
    given = dict(answers)
    for key in assessment.scored:
        given.setdefault(key, frequency)  # q1 taken from the report's frequency
    rows = []
    for key, value in given.items():
        question = risk.question_for_key(key)
        rows.append(
            {
                "number": question.number if question else 99,
                "question": question.text if question else key,
                "answer": _answer_text(value),
                "points": assessment.scored.get(key),
            }
        )
    return sorted(rows, key=lambda row: row["number"])


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
    return env


def setup_routes(app: web.Application) -> None:
    """Add /staff pages and their stylesheet to `app` (needs appkeys.CALENDAR set)."""
    setup_templates(app)
    app.router.add_get("/staff/login", login_form, name="staff-login")
    app.router.add_post("/staff/login", login_submit, name="staff-login-submit")
    app.router.add_post("/staff/logout", logout, name="staff-logout")
    app.router.add_get("/staff", queue_page, name="staff-queue")
    app.router.add_get("/staff/", redirect_to_queue, name="staff-slash")
    app.router.add_get("/staff/cases/{reference}", case_page, name="staff-case")
    app.router.add_static("/static/staff/", STATIC_DIR, name="staff-static", append_version=True)
