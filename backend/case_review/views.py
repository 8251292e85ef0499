"""POST /api/case-reviews: a resident applies for an ASB Case Review through the assistant
(thin handler over backend.case_review.service; the staff pages are in `pages.py`).

Authenticated like every action-server-to-backend call (`Authorization: Bearer
$ASB_INGEST_SECRET`); the phone number travels in the body, never in the URL. The identity
check is the returning residents' (backend/residents/service.py): an unknown reference and a
failed check are the same 404, and five failures in an hour are a 429.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, OPENAPI, SETTINGS
from backend.case_review import pages, service
from backend.openapi import add_operation
from backend.request_body import BodyError, read_json
from backend.request_helpers import ingest_refusal, json_error, now, run_db
from backend.residents.service import NotFoundOrNotVerified, ResidentRequestError, TooManyAttempts

MAX_BODY_BYTES = 4 * 1024


async def post_application(request: web.Request) -> web.Response:
    """POST /api/case-reviews: check who is asking, count, record (201) or answer (200)."""
    if (refusal := ingest_refusal(request)) is not None:
        return refusal
    try:
        data = await read_json(request, MAX_BODY_BYTES)
        application = service.parse_application(data)
    except BodyError as exc:
        return json_error(exc.status, exc.message, fields={})
    except ResidentRequestError as exc:
        return json_error(400, "the request is not valid", fields=exc.fields)
    settings = request.config_dict[SETTINGS]
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def apply(session: Session) -> Any:
        try:
            case = service.applicant_case(
                session, application, now=moment, secret=settings.ingest_secret
            )
        except (NotFoundOrNotVerified, TooManyAttempts) as exc:
            return exc  # the failed check is committed (rate limit)
        recorded, count, created, raised = service.apply(
            session,
            case,
            channel=application.channel,
            verified_by=application.verification[0],
            now=moment,
            settings=settings,
            calendar=calendar,
        )
        return service.application_answer(recorded, count, created), created, raised

    outcome = await run_db(request, apply)
    if isinstance(outcome, TooManyAttempts):
        response = json_error(429, "too_many_attempts")
        response.headers["Retry-After"] = "3600"
        return response
    if isinstance(outcome, NotFoundOrNotVerified):
        return json_error(404, "not_found_or_not_verified")
    answer, created, raised = outcome
    email_in_background(request.app, raised)
    return web.json_response(answer, status=201 if created else 200)


SCHEMAS: dict[str, Any] = {
    "CaseReviewAnswer": {
        "type": "object",
        "properties": {
            "outcome": {
                "type": "string",
                "enum": ["recorded", "already_recorded", "below_threshold"],
            },
            "application_id": {"type": "integer"},
            "reference": {"type": "string"},
            "threshold": {
                "type": "object",
                "properties": {
                    "reports": {"type": "integer"},
                    "months": {"type": "integer"},
                    "within_days": {"type": "integer"},
                },
            },
            "reports_by_resident": {"type": "integer"},
            "reports_at_address": {"type": "integer", "nullable": True},
            "reports_unclear": {"type": "integer"},
            "reports_late": {"type": "integer"},
            "threshold_met": {"type": "boolean"},
            "decision_due": {"type": "string", "format": "date", "nullable": True},
            "acknowledged_by": {"type": "string", "nullable": True},
        },
    }
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _document(spec: dict[str, Any]) -> None:  # declarative table
    error = {"$ref": "#/components/schemas/Error"}
    add_operation(
        spec,
        "/api/case-reviews",
        "post",
        {
            "summary": "A resident applies for an ASB Case Review (the action server)",
            "security": [{"ingestSecret": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["channel", "verification"],
                            "properties": {
                                "channel": {"type": "string", "enum": ["web", "sms", "rest"]},
                                "reference": {
                                    "type": "string",
                                    "nullable": True,
                                    "description": "Required unless the verification is the "
                                    "SMS sender's phone (then their newest case anchors it).",
                                },
                                "verification": {
                                    "$ref": "#/components/schemas/ResidentVerification"
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _json(
                    {"$ref": "#/components/schemas/CaseReviewAnswer"},
                    "Recorded (met: acknowledged and alerted; not met: kept, nothing sent).",
                ),
                "200": _json(
                    {"$ref": "#/components/schemas/CaseReviewAnswer"},
                    "An application from this resident is already waiting for its decision.",
                ),
                "400": _json(error, "Invalid body; fields says what is wrong."),
                "401": _json(error, "Missing or wrong ingest secret."),
                "404": _json(error, "Unknown reference, failed check, or no case from the phone."),
                "429": _json(error, "Five failed checks for this reference in the last hour."),
            },
        },
        schemas=SCHEMAS,
    )


def setup_routes(app: web.Application) -> None:
    """Add POST /api/case-reviews and the staff pages (pages.py) to `app`."""
    app.router.add_post("/api/case-reviews", post_application, name="api-case-reviews")
    _document(app[OPENAPI])
    pages.setup_routes(app)
