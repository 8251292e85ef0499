"""What the Twilio stand-in remembers: accepted texts as Twilio-like message records, the
faults a test asked for, and the inbound texts it posted to webhooks (`StandinState`, kept on
the app as `app[STANDIN_STATE]`). The HTTP side is `ops.twilio_standin.server`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import secrets
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any

import aiohttp
from aiohttp import web
from twilio.request_validator import RequestValidator

from backend.sms_outbound.sms_format import sms_size
from core import sms_keywords
from core.sms_keywords import OPT_OUT_KEYWORDS

API_VERSION = "2010-04-01"
DEFAULT_INBOUND_TO = "+447700900000"
# Twilio's default opt-out and opt-in keywords (whole message, any case): core/sms_keywords.py.
OPT_IN_KEYWORDS = sms_keywords.OPT_IN_KEYWORDS | sms_keywords.OPT_IN_IF_OPTED_OUT


def rfc2822(moment: datetime | None) -> str | None:
    """Twilio's date format: 'Fri, 20 Nov 2026 23:00:00 +0000'."""
    return format_datetime(moment.astimezone(timezone.utc)) if moment else None


def num_segments(body: str) -> int:
    """How many SMS segments Twilio would bill for `body` (GSM-7 or UCS-2; at least 1)."""
    return max(1, sms_size(body).segments)


@dataclass
class StandinMessage:
    """One accepted text and what happened to it."""

    sid: str
    account_sid: str
    to: str
    from_: str
    body: str
    status_callback: str | None
    date_created: datetime
    status: str = "queued"
    date_sent: datetime | None = None
    date_updated: datetime | None = None
    error_code: int | None = None
    callbacks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def uri(self) -> str:
        return f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{self.sid}.json"

    def set_status(self, status: str, error_code: int | None = None) -> None:
        now = datetime.now(timezone.utc)
        self.status, self.date_updated = status, now
        if status == "sent" and self.date_sent is None:
            self.date_sent = now
        if error_code is not None:
            self.error_code = error_code

    def resource(self) -> dict[str, Any]:
        """The message as Twilio's API returns it."""
        return {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": self.body,
            "date_created": rfc2822(self.date_created),
            "date_sent": rfc2822(self.date_sent),
            "date_updated": rfc2822(self.date_updated or self.date_created),
            "direction": "outbound-api",
            "error_code": self.error_code,
            "error_message": "Unknown error" if self.error_code else None,
            "from": self.from_,
            "messaging_service_sid": None,
            "num_media": "0",
            "num_segments": str(num_segments(self.body)),
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {"media": self.uri.replace(".json", "/Media.json")},
            "to": self.to,
            "uri": self.uri,
        }

    def summary(self) -> dict[str, Any]:
        """What the control API shows: the text and its callback history."""
        return {
            "sid": self.sid,
            "to": self.to,
            "from": self.from_,
            "body": self.body,
            "status": self.status,
            "error_code": self.error_code,
            "date_created": self.date_created.isoformat(),
            "status_callback": self.status_callback,
            "callbacks": list(self.callbacks),
        }


@dataclass
class Faults:
    """Misbehaviour requested through POST /_standin/faults."""

    responses: deque[dict[str, Any]] = field(default_factory=deque)
    undeliverable: set[str] = field(default_factory=set)
    unsubscribed: set[str] = field(default_factory=set)
    out_of_order: bool = False
    callback_delay: float = 0.05

    def describe(self) -> dict[str, Any]:
        return {
            "responses": list(self.responses),
            "undeliverable": sorted(self.undeliverable),
            "unsubscribed": sorted(self.unsubscribed),
            "out_of_order": self.out_of_order,
            "callback_delay": self.callback_delay,
        }


class StandinState:
    """Everything the stand-in remembers; reachable in-process as `app[STANDIN_STATE]`."""

    def __init__(self, account_sid: str, auth_token: str) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.validator = RequestValidator(auth_token)
        self.messages: dict[str, StandinMessage] = {}
        self.faults = Faults()
        self.tasks: set[asyncio.Task] = set()
        self.http: aiohttp.ClientSession | None = None
        # Inbound texts posted to webhooks: [{"message_sid", "url", "status"}] (no bodies).
        self.inbound: list[dict[str, Any]] = []

    def reset(self) -> None:
        for task in self.tasks:
            task.cancel()
        self.tasks.clear()
        self.messages.clear()
        self.inbound.clear()
        self.faults = Faults()

    def inbound_params(
        self,
        from_: str,
        body: str | None,
        *,
        to: str = DEFAULT_INBOUND_TO,
        media_urls: list[str] | tuple[str, ...] = (),
        message_sid: str | None = None,
    ) -> dict[str, str]:
        """The form fields Twilio's messaging webhook sends for one inbound text."""
        sid = message_sid or ("MM" if media_urls else "SM") + secrets.token_hex(16)
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "From": from_,
            "FromCountry": "GB",
            "MessageSid": sid,
            "NumMedia": str(len(media_urls)),
            "NumSegments": str(num_segments(body or "")),
            "SmsMessageSid": sid,
            "SmsSid": sid,
            "SmsStatus": "received",
            "To": to,
            "ToCountry": "GB",
        }
        if body is not None:
            params["Body"] = body
        for index, url in enumerate(media_urls):
            params[f"MediaUrl{index}"] = url
            params[f"MediaContentType{index}"] = "image/jpeg"
        return params

    async def send_inbound(
        self,
        url: str,
        from_: str,
        body: str | None,
        *,
        to: str = DEFAULT_INBOUND_TO,
        media_urls: list[str] | tuple[str, ...] = (),
        message_sid: str | None = None,
    ) -> dict[str, Any]:
        """POST a signed inbound text to `url`; returns the sid and the receiver's answer."""
        if self.http is None:
            raise RuntimeError("the stand-in is not running")
        params = self.inbound_params(
            from_, body, to=to, media_urls=media_urls, message_sid=message_sid
        )
        word = sms_keywords.keyword_of(body or "")
        if word in OPT_OUT_KEYWORDS:
            self.faults.unsubscribed.add(from_)
        elif word in OPT_IN_KEYWORDS:
            self.faults.unsubscribed.discard(from_)
        headers = {"X-Twilio-Signature": self.validator.compute_signature(url, params)}
        async with self.http.post(url, data=params, headers=headers) as response:
            answer = await response.text()
            result = {
                "message_sid": params["MessageSid"],
                "status": response.status,
                "body": answer,
            }
        self.inbound.append(
            {"message_sid": params["MessageSid"], "url": url, "status": result["status"]}
        )
        return result

    def spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait until no status callbacks are pending."""

        async def all_done() -> None:
            while self.tasks:
                await asyncio.gather(*list(self.tasks), return_exceptions=True)

        await asyncio.wait_for(all_done(), timeout)

    def authorised(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        username, _, password = decoded.partition(":")
        return hmac.compare_digest(username, self.account_sid) and hmac.compare_digest(
            password, self.auth_token
        )


STANDIN_STATE = web.AppKey("standin_state", StandinState)
