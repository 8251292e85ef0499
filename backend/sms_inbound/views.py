"""Two-way SMS for the Rasa SMS channel: POST /api/sms/inbound and POST /api/sms/outbound.

Only the SMS channel (`channels/sms.py`, inside the Rasa server) calls these, with
`Authorization: Bearer $ASB_INGEST_SECRET`, after it has checked Twilio's signature. Handlers
are thin: parse, authenticate, run `service.receive_inbound` or
`assistant.queue_assistant_replies` in one transaction.
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, OPENAPI, SETTINGS
from backend.request_body import BodyError, read_json
from backend.request_helpers import (
    bearer_token,
    json_error,
    now,
    run_db,
    secret_matches,
    unauthorised,
)
from backend.sms_inbound.assistant import queue_assistant_replies
from backend.sms_inbound.service import receive_inbound
from backend.sms_inbound.texts import InboundSms

INBOUND_PATH = "/api/sms/inbound"
OUTBOUND_PATH = "/api/sms/outbound"
E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
SID_RE = re.compile(r"^[A-Z]{2}[0-9a-fA-F]{32}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
MAX_BODY = 1600
MAX_MESSAGES = 20
MAX_MEDIA = 10  # Twilio sends at most 10 media with a text
MAX_JSON_BYTES = 64 * 1024


class BadRequest(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _string(data: dict[str, Any], name: str, pattern: re.Pattern[str]) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not pattern.match(value.strip()):
        raise BadRequest(name, "missing or malformed")
    return value.strip()


def _language(data: dict[str, Any]) -> str:
    value = data.get("language") or "en"
    return value if isinstance(value, str) and LANGUAGE_RE.match(value) else "en"


def _given_language(data: dict[str, Any]) -> str | None:
    """The language the caller named, else None (the number's own language is used)."""
    return _language(data) if data.get("language") else None


def parse_inbound(data: Any) -> tuple[InboundSms, str | None]:
    """The inbound text and the reply language from the JSON body; BadRequest otherwise."""
    if not isinstance(data, dict):
        raise BadRequest("body", "expected a JSON object")
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise BadRequest("body", "must be a string")
    media = data.get("media_urls") or []
    if not isinstance(media, list) or not all(isinstance(u, str) for u in media):
        raise BadRequest("media_urls", "must be a list of URLs")
    num_media = data.get("num_media") or len(media)
    if isinstance(num_media, bool) or not isinstance(num_media, int):
        raise BadRequest("num_media", "must be a whole number")
    if not 0 <= num_media <= MAX_MEDIA:
        raise BadRequest("num_media", f"must be from 0 to {MAX_MEDIA}")
    sms = InboundSms(
        message_sid=_string(data, "message_sid", SID_RE),
        from_number=_string(data, "from", E164_RE),
        body=body.replace("\x00", "")[:MAX_BODY],
        media_urls=tuple(media[:MAX_MEDIA]),
        num_media=num_media,
    )
    return sms, _given_language(data)


def parse_outbound(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadRequest("body", "expected a JSON object")
    messages = data.get("messages")
    if not isinstance(messages, list) or len(messages) > MAX_MESSAGES:
        raise BadRequest("messages", f"must be a list of at most {MAX_MESSAGES} messages")
    if not all(isinstance(m, dict) for m in messages):
        raise BadRequest("messages", "each message must be an object")
    return {
        "to_number": _string(data, "to", E164_RE),
        "in_reply_to": _string(data, "in_reply_to", SID_RE),
        "messages": messages,
        "language": _language(data),
    }


async def _json(request: web.Request) -> Any:
    try:
        return await read_json(request, MAX_JSON_BYTES)
    except BodyError as exc:
        raise BadRequest("body", exc.message) from exc


def _authorised(request: web.Request) -> bool:
    return secret_matches(bearer_token(request), request.config_dict[SETTINGS].ingest_secret)


async def sms_inbound(request: web.Request) -> web.Response:
    """Record and classify an inbound text; answers what the channel should do next."""
    if not _authorised(request):
        return unauthorised()
    settings = request.config_dict[SETTINGS]
    try:
        sms, language = parse_inbound(await _json(request))
    except BadRequest as exc:
        return json_error(400, "invalid inbound text", fields={exc.field: str(exc)})
    moment = now(request)

    def work(session: Session) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        result = receive_inbound(
            session,
            sms,
            now=moment,
            landlord_name=settings.landlord_name,
            landlord_phone=settings.landlord_phone,
            language=language,
            settings=settings,
            calendar=request.config_dict[CALENDAR],
        )
        return result.as_json(), result.alerts

    answer, raised = await run_db(request, work)
    email_in_background(request.app, raised)  # after the commit, never delaying the reply
    return web.json_response(answer)


async def sms_outbound(request: web.Request) -> web.Response:
    """Queue the assistant's replies to one inbound text (idempotent per MessageSid)."""
    if not _authorised(request):
        return unauthorised()
    try:
        values = parse_outbound(await _json(request))
    except BadRequest as exc:
        return json_error(400, "invalid replies", fields={exc.field: str(exc)})

    def work(session: Session) -> list[int]:
        return queue_assistant_replies(session, **values)

    return web.json_response({"queued": await run_db(request, work)}, status=201)


_SECURITY = [{"ingestSecret": []}]
OPENAPI_PATHS: dict[str, Any] = {
    INBOUND_PATH: {
        "post": {
            "tags": ["sms"],
            "summary": "An inbound text (from the Rasa SMS channel, after the signature check)",
            "description": (
                "Records the MessageSid (a repeat answers action 'duplicate'), handles "
                "STOP/START/HELP, survey answers and replies about a case; action 'assistant' "
                "means: pass `text` (a chosen option's payload, or the text) to the assistant."
            ),
            "security": _SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["message_sid", "from"],
                            "properties": {
                                "message_sid": {"type": "string"},
                                "from": {"type": "string", "example": "+447700900123"},
                                "body": {"type": "string"},
                                "num_media": {"type": "integer"},
                                "media_urls": {"type": "array", "items": {"type": "string"}},
                                "language": {"type": "string", "example": "en"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "What to do next",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "action": {
                                        "type": "string",
                                        "enum": [
                                            "duplicate",
                                            "opted_out",
                                            "opted_in",
                                            "help",
                                            "survey",
                                            "case_note",
                                            "media_only",
                                            "ignored",
                                            "assistant",
                                        ],
                                    },
                                    "text": {"type": "string"},
                                    "queued": {"type": "array", "items": {"type": "integer"}},
                                },
                            }
                        }
                    },
                },
                "400": {"description": "Invalid body"},
                "401": {"description": "Bad or missing ingest secret"},
            },
        }
    },
    OUTBOUND_PATH: {
        "post": {
            "tags": ["sms"],
            "summary": "Queue the assistant's replies to an inbound text, in order",
            "security": _SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["to", "in_reply_to", "messages"],
                            "properties": {
                                "to": {"type": "string"},
                                "in_reply_to": {"type": "string"},
                                "language": {"type": "string"},
                                "messages": {
                                    "type": "array",
                                    "description": "Rasa's bot messages (text, buttons)",
                                    "items": {"type": "object"},
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": {"description": "Queued outbox ids, in sending order"},
                "400": {"description": "Invalid body"},
                "401": {"description": "Bad or missing ingest secret"},
            },
        }
    },
}


def setup_routes(app: web.Application) -> None:
    """Add the two SMS routes (and their OpenAPI entries when the app has a document)."""
    app.router.add_post(INBOUND_PATH, sms_inbound, name="sms-inbound")
    app.router.add_post(OUTBOUND_PATH, sms_outbound, name="sms-outbound")
    if OPENAPI in app:
        paths = app[OPENAPI].setdefault("paths", {})
        for path, operations in OPENAPI_PATHS.items():
            paths.setdefault(path, {}).update(operations)
