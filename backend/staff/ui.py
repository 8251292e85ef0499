"""The staff pages' UI kit: templates, labels, the stylesheet and the checks every page shares.

Every module that serves a staff page (the queue, the case page and its actions, the dashboard,
alerts) imports this and nothing of the others: `setup_ui(app)` sets up the Jinja2 environment
(under `STAFF_JINJA`, apart from the web chat's) and the stylesheet route once; `render` and
`forbidden` draw a page; `checked_form` reads a POSTed form after checking its CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from backend.appkeys import CALENDAR
from backend.request_body import read_form
from backend.staff import permissions, service
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from core.workdays import WorkingCalendar

STAFF_JINJA = web.AppKey("staff_jinja", jinja2.Environment)
STATIC_DIR = Path(__file__).parent / "static"
FORM_EXPIRED = "The form has expired. Go back, reload the page and retry."

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


def age(since: datetime, moment: datetime) -> str:
    """How long ago, in the coarsest sensible unit: '45 min', '5 h', '3 days'."""
    minutes = max(int((moment - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """A staff page drawn from backend/staff/templates."""
    return aiohttp_jinja2.render_template(
        template, request, context, status=status, app_key=STAFF_JINJA
    )


def forbidden(request: web.Request, identity: StaffIdentity, what: str) -> web.Response:
    """A 403 page saying what the role may not do."""
    return render(request, "staff/forbidden.html", {"staff": identity, "what": what}, 403)


async def checked_form(request: web.Request) -> tuple[StaffIdentity, Any]:
    """The logged-in staff member and the POSTed form, after checking its CSRF token."""
    identity = await require_staff(request)
    form = await read_form(request)
    if not service.csrf_ok(identity, str(form.get("csrf_token", ""))):
        raise web.HTTPForbidden(text=FORM_EXPIRED)
    return identity, form


def _local_time_filter(calendar: WorkingCalendar) -> Callable[[datetime | str | None], str]:
    def local_time(value: datetime | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return calendar.local(value).strftime("%a %d %b %Y, %H:%M")

    return local_time


def _long_date(value: Any) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value).date()
    return value.strftime("%a %d %b %Y")


def setup_ui(app: web.Application) -> jinja2.Environment:
    """Our own Jinja2 environment under STAFF_JINJA and the /static/staff/ stylesheet route,
    added once however many staff modules ask (needs appkeys.CALENDAR set)."""
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
    env.filters["local_time"] = _local_time_filter(calendar)
    env.filters["long_date"] = _long_date
    env.globals["category_label"] = lambda code: CATEGORY_LABELS.get(code or "", "Not recorded")
    env.globals["flag_labels"] = FLAG_LABELS
    env.globals["route_label"] = lambda code: ROUTE_LABELS.get(code or "", code or "")
    env.globals["can_see_dashboard"] = permissions.can_see_dashboard
    app.router.add_static("/static/staff/", STATIC_DIR, name="staff-static", append_version=True)
    return env
