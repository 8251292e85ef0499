"""Twilio's delivery reports: POST /api/twilio/status.

Twilio signs every callback with `X-Twilio-Signature` (HMAC-SHA1 of the URL it called plus the
sorted form fields, keyed with the auth token). We check it against `settings.public_url` +
path and query, i.e. the URL Twilio was given, so it also works behind a reverse proxy.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from backend.appkeys import OPENAPI, SETTINGS
from backend.request_body import read_form
from backend.request_helpers import run_db
from backend.sms_outbound.service import apply_status_callback

log = logging.getLogger(__name__)

STATUS_PATH = "/api/twilio/status"

OPENAPI_PATHS: dict[str, Any] = {
    STATUS_PATH: {
        "post": {
            "tags": ["twilio"],
            "summary": "Twilio SMS delivery report (status callback)",
            "description": (
                "Called by Twilio, not by people. The request must carry a valid "
                "X-Twilio-Signature for the public URL of this endpoint (including the query). "
                "Delivery status only moves forward: accepted, queued, sending, sent, then "
                "delivered, undelivered or failed, which are final."
            ),
            "parameters": [
                {
                    "name": "X-Twilio-Signature",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
                {
                    "name": "outbox",
                    "in": "query",
                    "required": False,
                    "description": "Outbox message id the worker put in the callback URL.",
                    "schema": {"type": "integer"},
                },
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": ["MessageSid", "MessageStatus"],
                            "properties": {
                                "MessageSid": {"type": "string", "example": "SM" + "0" * 32},
                                "MessageStatus": {
                                    "type": "string",
                                    "enum": [
                                        "accepted",
                                        "queued",
                                        "sending",
                                        "sent",
                                        "delivered",
                                        "undelivered",
                                        "failed",
                                    ],
                                },
                                "ErrorCode": {"type": "string", "example": "30003"},
                                "AccountSid": {"type": "string"},
                                "To": {"type": "string"},
                                "From": {"type": "string"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "204": {"description": "Report accepted (or ignored as stale or unknown)."},
                "403": {"description": "Missing or invalid X-Twilio-Signature."},
            },
        }
    }
}


def _outbox_id(request: web.Request) -> int | None:
    raw = request.query.get("outbox", "")
    return int(raw) if re.fullmatch(r"[0-9]{1,15}", raw) else None


async def twilio_status(request: web.Request) -> web.Response:
    """Validate the signature, then apply the delivery report; always 204 once authentic."""
    settings = request.config_dict[SETTINGS]
    form = await read_form(request)
    signature = request.headers.get("X-Twilio-Signature", "")
    url = settings.public_url + request.path_qs
    if not settings.twilio_auth_token or not signature:
        log.warning("twilio status callback refused: no signature or no auth token configured")
        raise web.HTTPForbidden()
    if not RequestValidator(settings.twilio_auth_token).validate(url, form, signature):
        log.warning("twilio status callback refused: bad signature")
        raise web.HTTPForbidden()

    sid = str(form.get("MessageSid") or form.get("SmsSid") or "")
    status = str(form.get("MessageStatus") or form.get("SmsStatus") or "")
    error_code = form.get("ErrorCode")
    outbox_id = _outbox_id(request)
    code = str(error_code) if error_code is not None else None

    def apply(session: Session) -> bool:
        return apply_status_callback(session, sid, status, code, outbox_id=outbox_id) is not None

    await run_db(request, apply)
    return web.Response(status=204)


def setup_routes(app: web.Application) -> None:
    """Add POST /api/twilio/status, with its OpenAPI entry when the app has a document."""
    app.router.add_post(STATUS_PATH, twilio_status, name="twilio-status")
    if OPENAPI in app:
        paths = app[OPENAPI].setdefault("paths", {})
        for path, operations in OPENAPI_PATHS.items():
            paths.setdefault(path, {}).update(operations)
