"""The Twilio stand-in's HTTP side: its aiohttp application, handlers and `main`.

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

It is for offline development and tests only, and says so (`GET /`, every answer's
`X-Standin-Notice` header, the message list's `notice`); `ops/twilio_standin/guard.py` keeps it
so: the control API needs `ASB_STANDIN_TOKEN` when that is set, and it listens on loopback only
unless `ASB_STANDIN_ALLOW_REMOTE=1`.

Control API for tests and the supervisor (`Authorization: Bearer $ASB_STANDIN_TOKEN` when set):

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
import logging
import os
import re
import secrets
from collections.abc import AsyncIterator
from datetime import datetime, time, timezone
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from ops.twilio_standin import guard
from ops.twilio_standin.guard import NOTICE
from ops.twilio_standin.state import (
    API_VERSION,
    DEFAULT_INBOUND_TO,
    STANDIN_STATE,
    StandinMessage,
    StandinState,
)

log = logging.getLogger("ops.twilio_standin")

E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
MAX_BODY_CHARS = 1600
DEFAULT_PAGE_SIZE = 50
CALLBACK_RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
UNDELIVERED_ERROR = 30003


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
    try:
        form = await request.post()
    except (ValueError, AssertionError, LookupError):  # e.g. multipart without a boundary
        return twilio_error(400, 20001, "The request body could not be read as a form.")
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
    messages = [m.summary() for m in state.messages.values()]
    return web.json_response({"notice": NOTICE, "messages": messages})


async def _json_object(request: web.Request) -> dict[str, Any] | None:
    """The JSON object in the body, or None (not JSON, nested absurdly deep, not an object)."""
    try:
        spec = await request.json()
    except (ValueError, RecursionError):
        return None
    return spec if isinstance(spec, dict) else None


async def control_faults(request: web.Request) -> web.Response:
    state = request.app[STANDIN_STATE]
    spec = await _json_object(request)
    if spec is None:
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
    spec = await _json_object(request)
    if spec is None or not spec.get("url") or not spec.get("from"):
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


def create_standin_app(
    account_sid: str, auth_token: str, control_token: str = ""
) -> web.Application:
    """The stand-in as an aiohttp application (run it with AppRunner or TestServer); its
    control API needs `control_token` when one is given."""
    if not account_sid or not auth_token:
        raise ValueError("the Twilio stand-in needs an account SID and an auth token")
    app = web.Application(middlewares=[guard.control_token])
    app[STANDIN_STATE] = StandinState(account_sid, auth_token)
    app[guard.CONTROL_TOKEN] = control_token

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
    app.router.add_get("/", guard.notice_page)
    app.router.add_get("/_standin/health", control_health)
    app.router.add_get("/_standin/messages", control_messages)
    app.router.add_post("/_standin/faults", control_faults)
    app.router.add_post("/_standin/inbound", control_inbound)
    app.router.add_post("/_standin/drain", control_drain)
    app.router.add_post("/_standin/reset", control_reset)
    return app


def main() -> None:
    """Run the stand-in on $ASB_STANDIN_HOST (127.0.0.1; anything else only with
    ASB_STANDIN_ALLOW_REMOTE=1):$ASB_TWILIO_STANDIN_PORT (8099)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "").strip()
    auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "").strip()
    if not account_sid or not auth_token:
        raise SystemExit("twilio stand-in: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
    port = int(os.environ.get("ASB_TWILIO_STANDIN_PORT", "8099").strip() or 8099)
    host = os.environ.get("ASB_STANDIN_HOST", "127.0.0.1").strip() or "127.0.0.1"
    guard.check_host(host, os.environ.get("ASB_STANDIN_ALLOW_REMOTE", "").strip() == "1")
    token = os.environ.get("ASB_STANDIN_TOKEN", "").strip()
    log.info("twilio stand-in (offline use only) listening on http://%s:%s", host, port)
    if not token:
        log.info("ASB_STANDIN_TOKEN is not set: its control API answers anyone on loopback")
    web.run_app(
        create_standin_app(account_sid, auth_token, control_token=token),
        host=host,
        port=port,
        print=None,
        access_log=None,
    )


if __name__ == "__main__":
    main()
