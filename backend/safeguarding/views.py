"""POST /api/safeguarding/records (the action server relays safeguarding records here), and the
background sweep that turns abandoned records into urgent incomplete-report cases."""

from __future__ import annotations

import logging

from aiohttp import web

from backend.alerts.email import ALERT_EMAIL, send_alert_emails
from backend.appkeys import CALENDAR, CLOCK, OPENAPI, SESSION_FACTORY, SETTINGS
from backend.openapi import add_operation
from backend.request_body import BodyError, read_json
from backend.request_helpers import ingest_refusal, json_error, now, run_db
from backend.safeguarding import service
from backend.safeguarding.contract import RecordValidationError, parse_record
from backend.safeguarding.sweep import sweep
from backend.sweeps import sweep_every

log = logging.getLogger(__name__)

RECORDS_PATH = "/api/safeguarding/records"
MAX_RECORD_BYTES = 64 * 1024


async def post_record(request: web.Request) -> web.Response:
    """201 record opened, 200 updated or already known, 400 invalid, 401 bad secret."""
    if (refusal := ingest_refusal(request)) is not None:
        return refusal
    try:
        data = await read_json(request, MAX_RECORD_BYTES, what="the record", object_required=False)
    except BodyError as exc:
        return json_error(exc.status, exc.message, fields={})
    moment = now(request)
    try:
        record = parse_record(data, now=moment)
    except RecordValidationError as exc:
        log.info("safeguarding record refused: invalid fields %s", ", ".join(sorted(exc.fields)))
        return json_error(400, "the safeguarding record is not valid", fields=exc.fields)
    answer, opened = await run_db(
        request, lambda session: service.record_snapshot(session, record, moment)
    )
    return web.json_response(answer, status=201 if opened else 200)


def sweep_once(app: web.Application) -> int:
    """One sweep (on a worker thread): open incomplete-report cases, then email their alerts."""
    raised = sweep(
        app[SESSION_FACTORY], now=app[CLOCK](), settings=app[SETTINGS], calendar=app[CALENDAR]
    )
    send_alert_emails(app.get(ALERT_EMAIL), raised)  # type: ignore[arg-type]
    return len(raised)


_sweeper = sweep_every(
    lambda app: app[SETTINGS].safeguarding_sweep_seconds,
    sweep_once,
    name="safeguarding sweep",
    did="raised alerts",
)


_RECORD_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["record_id", "sequence", "route", "channel", "started_at", "last_activity_at"],
    "properties": {
        "record_id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"},
        "sequence": {"type": "integer", "minimum": 1, "description": "Later snapshots count up."},
        "route": {"type": "string", "enum": ["emergency", "domestic_abuse"]},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "flags": {"type": "object", "additionalProperties": {"type": "boolean"}},
        "channel": {"type": "string", "enum": ["web", "sms", "rest"]},
        "language": {"type": "string", "example": "en"},
        "started_at": {"type": "string", "format": "date-time"},
        "last_activity_at": {"type": "string", "format": "date-time"},
        "message_count": {"type": "integer", "minimum": 0},
        "words": {"type": "array", "items": {"type": "string"}, "maxItems": 200},
        "contact": {
            "type": "object",
            "nullable": True,
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "nullable": True},
                "phone": {"type": "string", "nullable": True},
                "location": {"type": "string", "nullable": True},
                "safe_to_text": {"type": "boolean", "nullable": True},
                "consent_to_contact": {"type": "boolean", "nullable": True},
            },
        },
    },
}
_ERROR = {"$ref": "#/components/schemas/Error"}


def _document(app: web.Application) -> None:
    def answer(description: str, schema: dict) -> dict:
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    receipt = {
        "type": "object",
        "properties": {
            "record_id": {"type": "string"},
            "state": {"type": "string", "enum": ["open", "joined", "converted"]},
        },
    }
    add_operation(
        app[OPENAPI],
        RECORDS_PATH,
        "post",
        {
            "summary": "Open or update a safeguarding record (a conversation given safety advice)",
            "operationId": "putSafeguardingRecord",
            "security": [{"ingestSecret": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/SafeguardingRecord"}
                    }
                },
            },
            "responses": {
                "201": answer("The record was opened.", receipt),
                "200": answer(
                    "The record was updated (or this snapshot was already applied).", receipt
                ),
                "400": answer("Malformed JSON or invalid fields.", _ERROR),
                "401": answer("No valid ingest secret.", _ERROR),
                "413": answer("The body is too large.", _ERROR),
            },
        },
        schemas={"SafeguardingRecord": _RECORD_SCHEMA},
    )


def setup_routes(app: web.Application) -> None:
    """Add POST /api/safeguarding/records and the abandonment sweep to `app`."""
    app.router.add_post(RECORDS_PATH, post_record, name="api-safeguarding-records")
    if OPENAPI in app:
        _document(app)
    app.cleanup_ctx.append(_sweeper)
