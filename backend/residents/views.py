"""JSON API for returning residents, called by the action server (thin handlers).

Every endpoint needs `Authorization: Bearer $ASB_INGEST_SECRET`. Phone numbers travel in POST
bodies, never in URLs, so they stay out of access logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, OPENAPI, SETTINGS
from backend.case_review.counting import Threshold
from backend.intake.contract import normalise_phone
from backend.openapi import add_operation
from backend.request_body import BodyError, read_json
from backend.request_helpers import ingest_refusal, json_error, now, run_db
from backend.residents import service
from backend.residents.service import (
    CaseClosed,
    NotFoundOrNotVerified,
    ResidentRequestError,
    TooManyAttempts,
)

MAX_BODY_BYTES = 16 * 1024
# Alerts about a case still waiting for triage that already tell the duty officer of the danger.
NEW_CASE_ALERTS = ("new_emergency", "new_domestic_abuse")
NOT_FOUND = "not_found_or_not_verified"
CODE_ACCEPTED = {
    "status": "accepted",
    "message": "If the reference matches a case with a number we can text, a code is on its way.",
}


async def _body(request: web.Request) -> dict[str, Any] | web.Response:
    """The JSON object in the request body, or the error response to send instead."""
    if (refusal := ingest_refusal(request)) is not None:
        return refusal
    try:
        return await read_json(request, MAX_BODY_BYTES)
    except BodyError as exc:
        return json_error(exc.status, exc.message, fields={})


def _reference(data: dict[str, Any]) -> str:
    reference = data.get("reference")
    if not isinstance(reference, str) or not reference.strip():
        raise ResidentRequestError({"reference": "is required"})
    return reference


async def _checked(request: web.Request, work: Callable[[Session], Any]) -> Any:
    """Run `work` in a transaction that commits even when the identity check fails (so the
    failure is recorded); returns the result or the exception it raised."""

    def guarded(session: Session) -> Any:
        try:
            return work(session)
        except (TooManyAttempts, NotFoundOrNotVerified, CaseClosed) as exc:
            return exc

    return await run_db(request, guarded)


def _refusal(outcome: Any) -> web.Response | None:
    if isinstance(outcome, TooManyAttempts):
        response = json_error(429, "too_many_attempts")
        response.headers["Retry-After"] = "3600"
        return response
    if isinstance(outcome, NotFoundOrNotVerified):
        return json_error(404, NOT_FOUND)
    if isinstance(outcome, CaseClosed):
        return json_error(
            409,
            "case_closed",
            detail="This case is closed; make a new report for a new problem.",
            reference=outcome.reference,
        )
    return None


async def post_case_status(request: web.Request) -> web.Response:
    """POST /api/residents/case-status: the case's status once the caller proves who they are."""
    data = await _body(request)
    if isinstance(data, web.Response):
        return data
    try:
        reference = _reference(data)
        verification = service.parse_verification(data, "")
    except ResidentRequestError as exc:
        return json_error(400, "the request is not valid", fields=exc.fields)
    moment = now(request)
    secret = request.config_dict[SETTINGS].ingest_secret

    def check(session: Session) -> dict[str, Any]:
        case, code = service.verified_case(
            session, reference, verification, now=moment, secret=secret
        )
        service.use_code(code, moment)
        return service.case_status(case)

    outcome = await _checked(request, check)
    refusal = _refusal(outcome)
    return refusal if refusal is not None else web.json_response(outcome)


async def post_verification_code(request: web.Request) -> web.Response:
    """POST /api/residents/verification-codes: text a one-time code to the number on the case.
    Always 202 with the same body, so it says nothing about whether the case exists."""
    data = await _body(request)
    if isinstance(data, web.Response):
        return data
    try:
        reference = _reference(data)
    except ResidentRequestError as exc:
        return json_error(400, "the request is not valid", fields=exc.fields)
    settings = request.config_dict[SETTINGS]
    moment = now(request)

    def send(session: Session) -> bool:
        return service.send_code(
            session,
            reference,
            now=moment,
            secret=settings.ingest_secret,
            landlord_name=settings.landlord_name,
        )

    await run_db(request, send)
    return web.json_response(CODE_ACCEPTED, status=202)


async def post_open_cases(request: web.Request) -> web.Response:
    """POST /api/residents/open-cases: open cases reported from a phone number."""
    data = await _body(request)
    if isinstance(data, web.Response):
        return data
    raw = data.get("phone")
    try:
        if not isinstance(raw, str) or len(raw) > 40:
            raise ValueError("is required (text)")
        phone = normalise_phone(raw)
    except ValueError as exc:
        return json_error(400, "the request is not valid", fields={"phone": str(exc)})

    def load(session: Session) -> list[dict[str, Any]]:
        return service.open_cases_for_phone(session, phone)

    return web.json_response({"cases": await run_db(request, load)})


async def post_incident(request: web.Request) -> web.Response:
    """POST /api/cases/{reference}/incidents: the problem happened again on an open case."""
    data = await _body(request)
    if isinstance(data, web.Response):
        return data
    try:
        incident = service.parse_incident(data)
    except ResidentRequestError as exc:
        return json_error(400, "the incident is not valid", fields=exc.fields)
    reference = request.match_info["reference"]
    settings = request.config_dict[SETTINGS]
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def add(session: Session) -> tuple[dict[str, Any], bool, list[dict[str, Any]]]:
        case, code = service.verified_case(
            session,
            reference,
            incident.verification,
            now=moment,
            secret=settings.ingest_secret,
            lock=True,
        )
        receipt, created, escalated = service.add_incident(
            session,
            case,
            incident,
            calendar=calendar,
            now=moment,
            threshold=Threshold.from_settings(settings),
        )
        service.use_code(code, moment)
        raised: list[dict[str, Any]] = []
        if created:  # an emergency or domestic abuse raised on a new case goes to the duty officer
            raised = alerts.raise_alerts(
                session,
                calendar=calendar,
                now=moment,
                duty_phone=settings.duty_officer_phone,
                case_ids=[case.id],
            )
        if escalated is not None and not any(a["reason"] in NEW_CASE_ALERTS for a in raised):
            # Danger again on a case already alerted about, or past triage: the duty officer
            # hears of every such incident (one text each).
            raised.append(
                alerts.raise_escalation_alert(
                    session,
                    case,
                    route_label=escalated.danger.label,
                    incident_key=incident.report_id,
                    now=moment,
                    duty_phone=settings.duty_officer_phone,
                )
            )
        return receipt, created, raised

    outcome = await _checked(request, add)
    if (refusal := _refusal(outcome)) is not None:
        return refusal
    receipt, created, raised = outcome
    email_in_background(request.app, raised)
    return web.json_response(receipt, status=201 if created else 200)


# -- OpenAPI ---------------------------------------------------------------------------------

_SECURITY = [{"ingestSecret": []}]
_VERIFICATION = {
    "type": "object",
    "description": "Exactly one of phone (SMS sender), postcode (in the case's address or "
    "the reporter's postcode), code (from POST /api/residents/verification-codes) or pin (the "
    "case PIN given once with the reference in the POST /api/reports receipt).",
    "properties": {
        "phone": {"type": "string"},
        "postcode": {"type": "string"},
        "code": {"type": "string", "pattern": "^[0-9]{6}$"},
        "pin": {"type": "string", "pattern": "^[0-9]{3}[ -]?[0-9]{3}$"},
    },
}
SCHEMAS: dict[str, Any] = {
    "ResidentCaseStatus": {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "status": {"type": "string"},
            "status_text": {"type": "string", "description": "Plain words for the resident."},
            "owner_team": {"type": "string"},
            "last_update_at": {"type": "string", "format": "date-time", "nullable": True},
            "next_step_date": {"type": "string", "format": "date", "nullable": True},
        },
    },
    "ResidentVerification": _VERIFICATION,
    "IncidentReceipt": {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "incident_count": {"type": "integer"},
            "reports_last_6_months": {
                "type": "integer",
                "description": "The resident's reports counted for the ASB Case Review "
                "(ASB_CASE_REVIEW_MONTHS months, each within a month of its incident).",
            },
            "case_review_eligible": {"type": "boolean"},
        },
    },
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": _json(_ref("Error"), "Invalid body; fields says what is wrong."),
    "401": _json(_ref("Error"), "Missing or wrong ingest secret."),
}
_CHECKED = {
    "404": _json(_ref("Error"), f'Unknown reference or failed check: {{"error": "{NOT_FOUND}"}}.'),
    "429": _json(_ref("Error"), "Five failed checks for this reference in the last hour."),
}


def _document(spec: dict[str, Any]) -> None:  # declarative table
    """Describe the four endpoints in the app's OpenAPI document (one literal each)."""
    body = {"type": "object", "required": ["reference"], "properties": {}}
    add_operation(
        spec,
        "/api/residents/case-status",
        "post",
        {
            "summary": "A case's status for the resident who reported it",
            "security": _SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            **body,
                            "properties": {
                                "reference": {"type": "string"},
                                **_VERIFICATION["properties"],
                            },
                            "description": _VERIFICATION["description"],
                        }
                    }
                },
            },
            "responses": {
                "200": _json(_ref("ResidentCaseStatus"), "The case's status."),
                **_ERRORS,
                **_CHECKED,
            },
        },
        schemas=SCHEMAS,
    )
    add_operation(
        spec,
        "/api/residents/verification-codes",
        "post",
        {
            "summary": "Text a one-time code (6 digits, 10 minutes) to the number on a case",
            "security": _SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {**body, "properties": {"reference": {"type": "string"}}}
                    }
                },
            },
            "responses": {
                "202": _json(
                    {
                        "type": "object",
                        "properties": {
                            "status": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                    "Always the same, whether or not a code was sent.",
                ),
                **_ERRORS,
            },
        },
    )
    add_operation(
        spec,
        "/api/residents/open-cases",
        "post",
        {
            "summary": "Open cases reported from a phone number (SMS sender)",
            "security": _SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["phone"],
                            "properties": {"phone": {"type": "string"}},
                        }
                    }
                },
            },
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "properties": {
                            "cases": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "reference": {"type": "string"},
                                        "category": {"type": "string", "nullable": True},
                                        "received_at": {"type": "string", "format": "date-time"},
                                        "status": {"type": "string"},
                                    },
                                },
                            }
                        },
                    },
                    "Open cases, newest first (at most 20).",
                ),
                **_ERRORS,
            },
        },
    )
    add_operation(
        spec,
        "/api/cases/{reference}/incidents",
        "post",
        {
            "summary": "The problem happened again: add an incident to an open case",
            "security": _SECURITY,
            "parameters": [
                {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["report_id", "channel", "description", "verification"],
                            "properties": {
                                "report_id": {"type": "string"},
                                "channel": {"type": "string"},
                                "description": {"type": "string"},
                                "happened_when": {"type": "string", "nullable": True},
                                "happening_now": {"type": "boolean", "nullable": True},
                                "frequency": {"type": "string", "nullable": True},
                                "flags": {"type": "object"},
                                "route": {
                                    "type": "string",
                                    "nullable": True,
                                    "description": "The route the assistant gave the "
                                    "resident's messages (emergency, domestic_abuse, hate...): "
                                    "with the backend's own safety check, danger escalates the "
                                    "case (flags, team, triage, duty-officer alert).",
                                },
                                "verification": _ref("ResidentVerification"),
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _json(_ref("IncidentReceipt"), "Incident added."),
                "200": _json(_ref("IncidentReceipt"), "This report_id was already added."),
                "409": _json(_ref("Error"), "The case is closed: make a new report."),
                **_ERRORS,
                **_CHECKED,
            },
        },
    )


def setup_routes(app: web.Application) -> None:
    """Add the returning-resident endpoints to `app` and document them."""
    app.router.add_post("/api/residents/case-status", post_case_status, name="api-resident-status")
    app.router.add_post(
        "/api/residents/verification-codes", post_verification_code, name="api-resident-code"
    )
    app.router.add_post("/api/residents/open-cases", post_open_cases, name="api-resident-open")
    app.router.add_post(
        "/api/cases/{reference}/incidents", post_incident, name="api-case-incidents"
    )
    _document(app[OPENAPI])
