"""A local stand-in for Twilio's Messages API (a development and test tool, not product code).

It answers the calls the real `twilio` library makes, in Twilio's formats, so the SMS worker
runs unchanged against it (`TWILIO_API_BASE=http://127.0.0.1:8099`):

- `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` sends a text: HTTP Basic auth, Twilio's
  validation errors (21602 no body, 21211 invalid To, ...), 201 with a message resource.
- `GET .../Messages.json` lists messages, newest first, filtered by `To`, `From`, `DateSent`,
  `DateSent>` and `DateSent<`, paged like Twilio (`PageSize`, `Page`, `next_page_uri`).
- `GET .../Messages/{Sid}.json` fetches one message.

After accepting a text it moves it to "sent" then "delivered" (or "undelivered" with ErrorCode
30003) and POSTs each change to the message's StatusCallback, signed with `X-Twilio-Signature`
like Twilio does, retrying a few times if the backend is not reachable.

Control API for tests and the supervisor (no auth; the stand-in only listens on loopback):

- `GET /_standin/health`
- `GET /_standin/messages`: `{"messages": [{sid, to, from, body, status, error_code, ...}]}`
- `POST /_standin/faults` with JSON, every key optional:
  `{"responses": [{"status": 500}, {"status": 429, "retry_after": 1},
                  {"status": 400, "code": 21211}, {"disconnect": true}],`
  ` "undeliverable": ["+447700900999"], "unsubscribed": ["+447700900998"],`
  ` "out_of_order": true, "callback_delay": 0.05}`
  `responses` are used in order by the next create calls (`disconnect` accepts the message and
  then drops the connection without answering, like a network failure after Twilio got it);
  `undeliverable` numbers end "undelivered" with ErrorCode 30003; `unsubscribed` numbers are
  refused at once with 21610; `out_of_order` sends the final callback before "sent".
- `POST /_standin/inbound` with JSON `{"url": ..., "from": "+447700900123", "body": "Hi",`
  ` "to": "+447700900000", "media_urls": [...], "message_sid": "SM..."}` (all but `url` and
  `from` optional; leave out `body` for a photo sent alone; repeat `message_sid` to simulate
  a retried webhook): posts an inbound text to `url` the way Twilio's messaging webhook does,
  form-encoded and signed with `X-Twilio-Signature`, and answers
  `{"message_sid", "status", "body"}` with the receiver's answer. Like Twilio's Advanced
  Opt-Out, STOP (and its synonyms) makes later sends to that number fail with 21610 until
  START.
- `POST /_standin/drain`: wait until every pending status callback has been delivered.
- `POST /_standin/reset`: forget messages, faults and pending callbacks.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import logging
import os
import re
import secrets
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from twilio.request_validator import RequestValidator

from backend.sms_outbound.sms_format import sms_size

log = logging.getLogger("ops.twilio_standin")

API_VERSION = "2010-04-01"
E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
MAX_BODY_CHARS = 1600
DEFAULT_PAGE_SIZE = 50
CALLBACK_RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
DEFAULT_INBOUND_TO = "+447700900000"
# Twilio's default opt-out and opt-in keywords (whole message, any case).
OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP", "YES"})
UNDELIVERED_ERROR = 30003


def rfc2822(moment: datetime | None) -> str | None:
    """Twilio's date format: 'Fri, 20 Nov 2026 23:00:00 +0000'."""
    return format_datetime(moment.astimezone(timezone.utc)) if moment else None


def num_segments(body: str) -> int:
    """How many SMS segments Twilio would bill for `body` (GSM-7 or UCS-2; at least 1)."""
    return max(1, sms_size(body).segments)


def twilio_error(status: int, code: int, message: str, **headers: str) -> web.Response:
    """A response shaped like Twilio's API errors."""
    return web.json_response(
        {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        },
        status=status,
        headers=headers or None,
    )


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
        word = re.sub(r"[^A-Z]", "", (body or "").upper())
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


# -- the Twilio API --------------------------------------------------------------------------


def _check_account(request: web.Request) -> web.Response | None:
    """401 without valid credentials, 404 for another account's URL; None when fine."""
    state = request.app[STANDIN_STATE]
    if not state.authorised(request):
        return twilio_error(
            401, 20003, "Authenticate", **{"WWW-Authenticate": 'Basic realm="Twilio API"'}
        )
    if request.match_info["account_sid"] != state.account_sid:
        return twilio_error(404, 20404, f"The requested resource {request.path} was not found")
    return None


async def create_message(request: web.Request) -> web.StreamResponse:
    state = request.app[STANDIN_STATE]
    refused = _check_account(request)
    if refused is not None:
        return refused
    form = await request.post()
    fault = state.faults.responses.popleft() if state.faults.responses else None
    if fault and not fault.get("disconnect"):
        return _fault_response(fault)

    to = str(form.get("To", "")).strip()
    from_ = str(form.get("From", "")).strip()
    body = str(form.get("Body", ""))
    if not to:
        return twilio_error(400, 21604, "A 'To' phone number is required.")
    if not E164_RE.match(to):
        return twilio_error(400, 21211, f"Invalid 'To' Phone Number: {to}")
    if not from_ and not form.get("MessagingServiceSid"):
        return twilio_error(400, 21603, "A 'From' phone number is required.")
    if from_ and not E164_RE.match(from_):
        return twilio_error(400, 21212, f"Invalid From Number (caller ID): {from_}")
    if not body and not form.get("MediaUrl"):
        return twilio_error(400, 21602, "Message body is required.")
    if len(body) > MAX_BODY_CHARS:
        return twilio_error(
            400, 21617, "The concatenated message body exceeds the 1600 character limit."
        )
    if to in state.faults.unsubscribed:
        return twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")

    message = StandinMessage(
        sid="SM" + secrets.token_hex(16),
        account_sid=state.account_sid,
        to=to,
        from_=from_,
        body=body,
        status_callback=str(form.get("StatusCallback") or "") or None,
        date_created=datetime.now(timezone.utc),
    )
    state.messages[message.sid] = message
    state.spawn(_lifecycle(state, message, out_of_order=state.faults.out_of_order))
    log.info("accepted %s", message.sid)
    if fault and fault.get("disconnect"):
        # Twilio has the text but the client never hears so (a network failure mid-answer).
        # aiohttp then fails quietly to write the answer below.
        if request.transport is not None:
            request.transport.close()
    return web.json_response(message.resource(), status=201)


def _fault_response(fault: dict[str, Any]) -> web.Response:
    status = int(fault.get("status", 500))
    if status == 429:
        retry_after = str(fault.get("retry_after", 1))
        return twilio_error(
            429, int(fault.get("code", 20429)), "Too Many Requests", **{"Retry-After": retry_after}
        )
    if status >= 500:
        message = fault.get("message", "Internal Server Error")
        return twilio_error(status, int(fault.get("code", 20500)), message)
    return twilio_error(status, int(fault.get("code", 21211)), fault.get("message", "Bad request"))


def _parse_when(raw: str, *, end_of_day: bool = False) -> datetime | None:
    """A DateSent filter value: 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SSZ' (UTC)."""
    raw = raw.strip()
    try:
        if len(raw) == 10:
            day = datetime.strptime(raw, "%Y-%m-%d").date()
            moment = time.max if end_of_day else time.min
            return datetime.combine(day, moment, tzinfo=timezone.utc)
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


def _matches(message: StandinMessage, query) -> bool:
    if "To" in query and message.to != query["To"]:
        return False
    if "From" in query and message.from_ != query["From"]:
        return False
    filters = [key for key in ("DateSent", "DateSent>", "DateSent<") if key in query]
    if filters and message.date_sent is None:
        return False
    sent = message.date_sent
    if "DateSent>" in query:
        after = _parse_when(query["DateSent>"])
        if after is None or sent < after:
            return False
    if "DateSent<" in query:
        before = _parse_when(query["DateSent<"], end_of_day=True)
        if before is None or sent > before:
            return False
    if "DateSent" in query:
        day = _parse_when(query["DateSent"])
        if day is None or sent.date() != day.date():
            return False
    return True


async def list_messages(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    refused = _check_account(request)
    if refused is not None:
        return refused
    query = request.query
    try:
        page_size = max(1, min(int(query.get("PageSize", DEFAULT_PAGE_SIZE)), 1000))
        page = max(0, int(query.get("Page", 0)))
    except ValueError:
        return twilio_error(400, 20001, "Invalid paging parameters")
    found = [m for m in state.messages.values() if _matches(m, query)]
    found.reverse()  # newest first, like Twilio
    start = page * page_size
    chunk = found[start : start + page_size]
    filters = {k: v for k, v in query.items() if k not in ("Page", "PageSize", "PageToken")}
    base = f"/{API_VERSION}/Accounts/{state.account_sid}/Messages.json"

    def page_uri(number: int) -> str:
        return f"{base}?{urlencode({**filters, 'PageSize': page_size, 'Page': number})}"

    has_next = start + page_size < len(found)
    return web.json_response(
        {
            "messages": [m.resource() for m in chunk],
            "start": start,
            "end": start + max(len(chunk) - 1, 0),
            "page": page,
            "page_size": page_size,
            "uri": page_uri(page),
            "first_page_uri": page_uri(0),
            "previous_page_uri": page_uri(page - 1) if page > 0 else None,
            "next_page_uri": page_uri(page + 1) + f"&PageToken=PA{page + 1}" if has_next else None,
        }
    )


async def fetch_message(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    refused = _check_account(request)
    if refused is not None:
        return refused
    message = state.messages.get(request.match_info["sid"])
    if message is None:
        return twilio_error(404, 20404, f"The requested resource {request.path} was not found")
    return web.json_response(message.resource())


# -- status callbacks ------------------------------------------------------------------------


async def _lifecycle(state: StandinState, message: StandinMessage, *, out_of_order: bool) -> None:
    """Move a text to sent, then delivered or undelivered, reporting each step.

    The status moves on its own clock, as at Twilio; the reports go out one after another
    from a queue, so a receiver that is down delays (and retries) reports, not delivery.
    """
    delay = state.faults.callback_delay
    undeliverable = message.to in state.faults.undeliverable
    final = "undelivered" if undeliverable else "delivered"
    final_error = UNDELIVERED_ERROR if undeliverable else None
    reports: asyncio.Queue[tuple[str, int | None] | None] = asyncio.Queue()
    state.spawn(_report_in_turn(state, message, reports))
    try:
        await asyncio.sleep(delay)
        message.set_status("sent")
        if not out_of_order:
            reports.put_nowait(("sent", None))
        await asyncio.sleep(delay)
        message.set_status(final, final_error)
        reports.put_nowait((final, final_error))
        if out_of_order:
            reports.put_nowait(("sent", None))
    finally:
        reports.put_nowait(None)


async def _report_in_turn(
    state: StandinState,
    message: StandinMessage,
    reports: asyncio.Queue[tuple[str, int | None] | None],
) -> None:
    while (report := await reports.get()) is not None:
        await _send_callback(state, message, *report)


async def _send_callback(
    state: StandinState, message: StandinMessage, status: str, error_code: int | None
) -> None:
    """POST one signed status report, retrying while the receiver is down or failing."""
    url = message.status_callback
    if not url or state.http is None:
        return
    params = {
        "AccountSid": message.account_sid,
        "ApiVersion": API_VERSION,
        "From": message.from_,
        "MessageSid": message.sid,
        "MessageStatus": status,
        "SmsSid": message.sid,
        "SmsStatus": status,
        "To": message.to,
    }
    if error_code is not None:
        params["ErrorCode"] = str(error_code)
    headers = {"X-Twilio-Signature": state.validator.compute_signature(url, params)}
    for attempt, retry_delay in enumerate((*CALLBACK_RETRY_DELAYS, None), start=1):
        record: dict[str, Any] = {"status": status, "attempt": attempt}
        try:
            async with state.http.post(url, data=params, headers=headers) as response:
                record["http_status"] = response.status
                await response.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            record["error"] = type(exc).__name__
        message.callbacks.append(record)
        if record.get("http_status") is not None and record["http_status"] < 500:
            return
        if retry_delay is None:
            log.warning("status callback %s for %s gave up", status, message.sid)
            return
        await asyncio.sleep(retry_delay)


# -- control API -----------------------------------------------------------------------------


async def control_health(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def control_messages(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    return web.json_response({"messages": [m.summary() for m in state.messages.values()]})


async def control_faults(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    try:
        spec = await request.json()
    except ValueError:
        return web.json_response({"error": "expected a JSON object"}, status=400)
    if not isinstance(spec, dict):
        return web.json_response({"error": "expected a JSON object"}, status=400)
    faults = state.faults
    for response in spec.get("responses", []):
        if not isinstance(response, dict):
            return web.json_response({"error": "responses must be objects"}, status=400)
        faults.responses.append(response)
    faults.undeliverable.update(spec.get("undeliverable", []))
    faults.unsubscribed.update(spec.get("unsubscribed", []))
    if "out_of_order" in spec:
        faults.out_of_order = bool(spec["out_of_order"])
    if "callback_delay" in spec:
        faults.callback_delay = max(0.0, float(spec["callback_delay"]))
    return web.json_response(faults.describe())


async def control_inbound(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    try:
        spec = await request.json()
    except ValueError:
        return web.json_response({"error": "expected a JSON object"}, status=400)
    if not isinstance(spec, dict) or not spec.get("url") or not spec.get("from"):
        return web.json_response({"error": "'url' and 'from' are required"}, status=400)
    media = spec.get("media_urls") or []
    if not isinstance(media, list):
        return web.json_response({"error": "'media_urls' must be a list"}, status=400)
    try:
        result = await state.send_inbound(
            str(spec["url"]),
            str(spec["from"]),
            None if spec.get("body") is None else str(spec["body"]),
            to=str(spec.get("to") or DEFAULT_INBOUND_TO),
            media_urls=[str(u) for u in media],
            message_sid=spec.get("message_sid"),
        )
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return web.json_response({"error": f"could not reach {spec['url']}: {exc!r}"}, status=502)
    return web.json_response(result)


async def control_drain(request: web.Request) -> web.Response:
    await request.app[STANDIN_STATE].drain()
    return web.json_response({"ok": True})


async def control_reset(request: web.Request) -> web.Response:
    request.app[STANDIN_STATE].reset()
    return web.json_response({"ok": True})


# -- application -----------------------------------------------------------------------------


def create_standin_app(account_sid: str, auth_token: str) -> web.Application:
    """The stand-in as an aiohttp application (run it with AppRunner or TestServer)."""
    if not account_sid or not auth_token:
        raise ValueError("the Twilio stand-in needs an account SID and an auth token")
    app = web.Application()
    app[STANDIN_STATE] = StandinState(account_sid, auth_token)

    async def http_session(app: web.Application) -> AsyncIterator[None]:
        state = app[STANDIN_STATE]
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            state.http = session
            yield
            state.http = None
            for task in list(state.tasks):
                task.cancel()
            await asyncio.gather(*state.tasks, return_exceptions=True)

    app.cleanup_ctx.append(http_session)
    base = f"/{API_VERSION}/Accounts/{{account_sid}}"
    app.router.add_post(f"{base}/Messages.json", create_message)
    app.router.add_get(f"{base}/Messages.json", list_messages)
    app.router.add_get(f"{base}/Messages/{{sid}}.json", fetch_message)
    app.router.add_get("/_standin/health", control_health)
    app.router.add_get("/_standin/messages", control_messages)
    app.router.add_post("/_standin/faults", control_faults)
    app.router.add_post("/_standin/inbound", control_inbound)
    app.router.add_post("/_standin/drain", control_drain)
    app.router.add_post("/_standin/reset", control_reset)
    return app


def main() -> None:
    """Run the stand-in on 127.0.0.1:$ASB_TWILIO_STANDIN_PORT (default 8099)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "").strip()
    auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "").strip()
    if not account_sid or not auth_token:
        raise SystemExit("twilio stand-in: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
    port = int(os.environ.get("ASB_TWILIO_STANDIN_PORT", "8099").strip() or 8099)
    log.info("twilio stand-in listening on http://127.0.0.1:%s", port)
    web.run_app(
        create_standin_app(account_sid, auth_token),
        host="127.0.0.1",
        port=port,
        print=None,
        access_log=None,
    )


if __name__ == "__main__":
    main()
