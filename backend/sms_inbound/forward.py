"""Twilio's inbound texts through the backend (issue 14): one address for several Rasa servers.

Twilio posts each inbound text to one URL. With several Rasa servers that URL is the backend's
`POST /webhooks/sms/webhook`, which forwards the request as it came to the SMS channel
(channels/sms.py) of one Rasa server: the raw body, byte for byte, its Content-Type, the
`X-Twilio-Signature` header and the query string. The channel checks the signature against
ASB_SMS_PUBLIC_URL, so set that to this backend URL as configured at Twilio; nothing here
changes what was signed. The server is chosen by a stable hash of the `From` field
(backend/webchat/rasa_servers.py): one sender's texts normally go to one server, which keeps
them in order; when it cannot be reached (refused, reset, 502/503/504) the next one gets the
text at once. A server reached that does not answer in time is not asked again elsewhere (it
may have the text): Twilio gets a 503 and its own retry (the channel dedupes by MessageSid).
The Rasa server's status, body and content type go back to Twilio.

Refused before forwarding: not a form (415), a body over MAX_WEBHOOK_BYTES (413), a form that
cannot be read or without `From` (400). The body and the number are never logged.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

import aiohttp
from aiohttp import web

from backend.appkeys import SETTINGS
from backend.request_body import BodyError, read_limited
from backend.webchat import rasa_servers
from backend.webchat.rasa_servers import RASA_HTTP, RASA_SERVERS, setup_rasa_servers

logger = logging.getLogger(__name__)

SMS_WEBHOOK_PATH = "/webhooks/sms/webhook"  # the same path on the backend and on Rasa
FORM_TYPE = "application/x-www-form-urlencoded"
# Twilio's webhook is a few KB; its largest (1,600 characters of emoji, each 12 bytes once
# percent-encoded, and ten media URLs) is under 24 KB. The channel's own cap is 256 KB.
MAX_WEBHOOK_BYTES = 64 * 1024
MAX_FORM_FIELDS = 200  # as the channel reads it (Twilio posts about 20)
FORWARD_TIMEOUT = 14.0  # Twilio gives up after 15 seconds
PASSED_HEADERS = ("Content-Type", "X-Twilio-Signature", "I-Twilio-Idempotency-Token")


def _plain(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text, content_type="text/plain")


def sender_of(body: bytes) -> str | None:
    """The `From` field of the form, or None when the form cannot be read or has none."""
    try:
        fields = parse_qs(
            body.decode("utf-8", "replace"),
            keep_blank_values=True,
            max_num_fields=MAX_FORM_FIELDS,
        )
    except ValueError:  # more fields than any Twilio webhook has
        return None
    sender = (fields.get("From") or [""])[0].strip()
    return sender or None


async def forward_sms_webhook(request: web.Request) -> web.Response:
    """POST /webhooks/sms/webhook: hand Twilio's request to a Rasa server, answer as it did."""
    if request.content_type != FORM_TYPE:
        return _plain(415, "Unsupported Media Type")
    try:
        body = await read_limited(request, MAX_WEBHOOK_BYTES, "the webhook body")
    except BodyError as exc:
        return _plain(exc.status, "Payload Too Large" if exc.status == 413 else "Bad Request")
    sender = sender_of(body)
    if sender is None:
        logger.warning("sms webhook not forwarded: no From field")
        return _plain(400, "Bad Request")
    headers = {name: request.headers[name] for name in PASSED_HEADERS if name in request.headers}
    path = SMS_WEBHOOK_PATH + (f"?{request.query_string}" if request.query_string else "")
    try:
        answer = await rasa_servers.post(
            request.config_dict[RASA_SERVERS],
            request.config_dict[RASA_HTTP],
            sender,
            path,
            body,
            headers,
            FORWARD_TIMEOUT,
        )
    except rasa_servers.RasaTimeout:
        logger.warning("sms webhook: the Rasa server did not answer within %ss", FORWARD_TIMEOUT)
        return _plain(503, "Service Unavailable")
    except rasa_servers.RasaUnreachable:
        logger.error("sms webhook not forwarded: no Rasa server could be reached")
        return _plain(503, "Service Unavailable")
    except aiohttp.ClientError as exc:  # an answer that broke off: Twilio retries
        logger.warning("sms webhook: the Rasa server's answer broke off (%s)", type(exc).__name__)
        return _plain(503, "Service Unavailable")
    logger.info("sms webhook forwarded to %s: HTTP %s", answer.server, answer.status)
    response = web.Response(status=answer.status, body=answer.body)
    response.headers["Content-Type"] = answer.content_type or "application/octet-stream"
    return response


def setup_routes(app: web.Application) -> None:
    """Add POST /webhooks/sms/webhook (Twilio's inbound texts, forwarded to Rasa) to `app`."""
    setup_rasa_servers(app, app[SETTINGS].rasa_base_urls)
    app.router.add_post(SMS_WEBHOOK_PATH, forward_sms_webhook, name="sms-webhook-forward")
