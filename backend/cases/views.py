"""The staff JSON API for cases: one case with its timeline, and the triage queue (thin
handlers; the report intake is backend.intake.views)."""

from __future__ import annotations

import json

from aiohttp import web

from backend.appkeys import CALENDAR
from backend.cases.models import CATEGORIES, TEAMS
from backend.cases.queries import get_case_by_reference
from backend.cases.serialize import case_to_dict, queue_item_to_dict
from backend.request_helpers import bearer_token, json_error, now, run_db, unauthorised
from backend.staff.auth import current_staff, staff_api_allowed
from backend.triage.queue import QUEUE_STATUSES, count_triage_queue, triage_queue

MAX_PAGE_SIZE = 200


async def get_case(request: web.Request) -> web.Response:
    """GET /api/cases/{reference}: the whole case with its timeline (staff only)."""
    if not await staff_api_allowed(request):
        return unauthorised()
    reference = request.match_info["reference"]
    today = request.config_dict[CALENDAR].today(now(request))

    def load(session):
        case = get_case_by_reference(session, reference)
        return case_to_dict(case, today) if case else None

    found = await run_db(request, load)
    if found is None:
        return json_error(404, "no case with that reference")
    scope = await _officer_team(request)
    if scope is not None and found["owner_team"] != scope:
        return json_error(403, "this case belongs to another team")
    return web.json_response(found)


async def _officer_team(request: web.Request) -> str | None:
    """The team an officer signed in through the browser is limited to (None: no limit).
    Scripts with the API token are not limited."""
    if bearer_token(request) is not None:
        return None
    identity = await current_staff(request)
    if identity is not None and identity.role == "officer":
        return identity.team or "-"
    return None


def _int_param(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise web.HTTPBadRequest(
            text=json.dumps(
                {"error": f"{name} must be a whole number from {low} to {high}", "fields": {}}
            ),
            content_type="application/json",
        )
    return value


async def get_triage_queue(request: web.Request) -> web.Response:
    """GET /api/triage-queue?team=&category=&limit=&offset=: new cases, most urgent first."""
    if not await staff_api_allowed(request):
        return unauthorised()
    team = request.query.get("team") or None
    category = request.query.get("category") or None
    status = request.query.get("status") or "new"
    fields = {}
    if team is not None and team not in TEAMS:
        fields["team"] = f"must be one of: {', '.join(TEAMS)}"
    if category is not None and category not in CATEGORIES:
        fields["category"] = "is not a known category"
    if status not in QUEUE_STATUSES:
        fields["status"] = f"must be one of: {', '.join(QUEUE_STATUSES)}"
    if fields:
        return json_error(400, "invalid filter", fields=fields)
    limit = _int_param(request, "limit", 50, 1, MAX_PAGE_SIZE)
    offset = _int_param(request, "offset", 0, 0, 10**9)
    today = request.config_dict[CALENDAR].today(now(request))
    scope = await _officer_team(request)
    if scope is not None:
        if team is not None and team != scope:
            return json_error(403, "officers see their own team's cases only")
        team = scope if scope in TEAMS else None
        if team is None:
            return json_error(403, "your account has no team yet")

    def load(session):
        cases = triage_queue(session, team, category, limit, offset, status=status)
        return {
            "items": [queue_item_to_dict(case, today) for case in cases],
            "total": count_triage_queue(session, team, category, status),
            "limit": limit,
            "offset": offset,
        }

    return web.json_response(await run_db(request, load))


def setup_routes(app: web.Application) -> None:
    """Add the staff case API to `app`."""
    app.router.add_get("/api/cases/{reference}", get_case, name="api-case")
    app.router.add_get("/api/triage-queue", get_triage_queue, name="api-triage-queue")
