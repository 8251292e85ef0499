"""POST /api/held-reports (the action server hands over a refused report), the staff pages'
routes (backend.held_reports.pages) and the count of waiting held reports in the staff menu.

The hand-over is deliberately tolerant: any JSON object up to MAX_HELD_BYTES with a `report_id`
and the `payload` as it was sent is kept, whatever the payload says, because it was refused
once already and must not be refused again. It answers 201 when stored, 200 when it was already
there (a retry), 400 for a body that is not such an object, 401 without the ingest secret and
413 when too large. Logs name held report ids only.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp_jinja2 import REQUEST_CONTEXT_KEY

from backend.alerts.email import email_in_background
from backend.appkeys import OPENAPI, SETTINGS
from backend.held_reports import pages, service
from backend.openapi import add_operation
from backend.request_body import BodyError, read_json
from backend.request_helpers import ingest_refusal, json_error, now, run_db
from backend.staff import permissions
from backend.staff.auth import current_staff
from backend.staff.ui import setup_ui

log = logging.getLogger(__name__)

MAX_HELD_BYTES = 512 * 1024
# The staff menu's count (backend/staff/templates/staff/base.html), when the page may show it.
NAV_COUNT = "held_reports_waiting"


async def post_held_report(request: web.Request) -> web.Response:
    """POST /api/held-reports: 201 kept, 200 already kept, 400 unusable, 401, 413."""
    if (refusal := ingest_refusal(request)) is not None:
        return refusal
    try:
        data = await read_json(
            request, MAX_HELD_BYTES, what="the held report", object_required=False
        )
    except BodyError as exc:
        return json_error(exc.status, exc.message, fields={})
    try:
        held_in = service.parse_held_report(data)
    except service.HeldReportError as exc:
        return json_error(400, "the held report is not usable", fields=exc.fields)

    settings = request.config_dict[SETTINGS]
    moment = now(request)

    def store(session):
        held, created, raised = service.store_held_report(
            session, held_in, now=moment, duty_phone=settings.duty_officer_phone
        )
        return {"held_report_id": held.id, "status": held.status}, created, raised

    answer, created, raised = await run_db(request, store)
    email_in_background(request.app, raised)  # after the commit, never delaying the reply
    return web.json_response(answer, status=201 if created else 200)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def waiting_count(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Put the number of held reports waiting into every staff page drawn for someone who may
    see them (the menu shows it)."""
    if (
        request.method == "GET"
        and request.path.startswith("/staff")
        and (not request.path.startswith("/staff/login"))
    ):
        identity = await current_staff(request)
        if identity is not None and permissions.can_see_held_reports(identity):
            count = await run_db(request, service.count_waiting)
            request.setdefault(REQUEST_CONTEXT_KEY, {})[NAV_COUNT] = count
    return await handler(request)


def _document(spec: dict) -> None:  # declarative table
    add_operation(
        spec,
        "/api/held-reports",
        "post",
        {
            "summary": "Keep a report the report contract refused, for staff to review",
            "description": "The action server hands over every report POST /api/reports "
            "refused with 400 (or 413), until it hears 200 or 201. Idempotent on report_id. "
            "A new held report raises a duty-officer alert naming only its number.",
            "security": [{"ingestSecret": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["report_id", "payload"],
                            "properties": {
                                "report_id": {"type": "string", "maxLength": 128},
                                "payload": {"description": "The report exactly as sent."},
                                "refusal": {
                                    "type": "object",
                                    "description": "Why it was refused: status, error and "
                                    "fields (field path -> message), as POST /api/reports "
                                    "answered.",
                                },
                            },
                            "additionalProperties": True,
                        }
                    }
                },
            },
            "responses": {
                "201": {"description": "Kept: {held_report_id, status}."},
                "200": {"description": "Already kept (a retry): {held_report_id, status}."},
                "400": {"description": "Not a JSON object with report_id and payload."},
                "401": {"description": "Missing or wrong ingest secret."},
                "413": {"description": f"Larger than {MAX_HELD_BYTES} bytes."},
            },
        },
    )


def setup_routes(app: web.Application) -> None:
    """Add POST /api/held-reports, the held reports' staff pages and the menu's count."""
    setup_ui(app)
    app.router.add_post("/api/held-reports", post_held_report, name="api-held-reports")
    app.router.add_get("/staff/held-reports", pages.list_page, name="staff-held-reports")
    app.router.add_get("/staff/held-reports/{held_id}", pages.detail_page, name="staff-held-report")
    for verb, handler in (
        ("retry", pages.retry),
        ("correct", pages.correct),
        ("resolve", pages.resolve),
    ):
        app.router.add_post(
            f"/staff/held-reports/{{held_id}}/{verb}", handler, name=f"staff-held-report-{verb}"
        )
    app.middlewares.append(waiting_count)
    _document(app[OPENAPI])
