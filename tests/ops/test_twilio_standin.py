"""The Twilio stand-in, driven through the real `twilio` library (as the SMS worker uses it)."""

from __future__ import annotations

import asyncio
import re
import secrets
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest
from aiohttp import web
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from backend.sms_outbound.twilio_client import AsbTwilioHttpClient, make_twilio_client
from core.settings import Settings
from ops.twilio_standin.server import create_standin_app
from ops.twilio_standin.state import STANDIN_STATE, StandinState, num_segments

FROM = "+447700900000"
RESIDENT = "+447700900123"


@dataclass
class Standin:
    url: str
    account_sid: str
    auth_token: str
    state: StandinState
    client: Client

    async def call(self, fn, *args, **kwargs):
        """Run a blocking twilio-library call off the event loop that serves the stand-in."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def control(self, method: str, path: str, json: dict | None = None) -> dict:
        async with aiohttp.ClientSession() as http:
            async with http.request(method, f"{self.url}{path}", json=json) as response:
                assert response.status == 200, await response.text()
                return await response.json()


def _loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    sock = _loopback_socket()
    runner = web.AppRunner(app)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    return runner, f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
async def standin(tmp_path) -> AsyncIterator[Standin]:
    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    app = create_standin_app(account_sid, auth_token)
    runner, url = await _serve(app)
    settings = Settings(
        var_dir=tmp_path,
        database_url="sqlite://",
        twilio_account_sid=account_sid,
        twilio_auth_token=auth_token,
        twilio_from=FROM,
        twilio_api_base=url,
    )
    try:
        yield Standin(
            url, account_sid, auth_token, app[STANDIN_STATE], make_twilio_client(settings)
        )
    finally:
        await runner.cleanup()


@dataclass
class Receiver:
    """A stand-in for our backend's status-callback route that checks signatures."""

    url: str
    received: list[dict]
    fail_first: list[int]


@pytest.fixture
async def receiver(standin: Standin) -> AsyncIterator[Receiver]:
    validator = RequestValidator(standin.auth_token)
    state = Receiver(url="", received=[], fail_first=[])

    async def handle(request: web.Request) -> web.Response:
        form = await request.post()
        if state.fail_first:
            return web.Response(status=state.fail_first.pop(0))
        signature = request.headers.get("X-Twilio-Signature", "")
        valid = validator.validate(state.url + request.path_qs, form, signature)
        state.received.append({**dict(form), "_valid": valid})
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/api/twilio/status", handle)
    runner, url = await _serve(app)
    state.url = url
    try:
        yield state
    finally:
        await runner.cleanup()


# -- creating messages -------------------------------------------------------------------------


async def test_create_returns_twilio_shaped_message(standin: Standin) -> None:
    message = await standin.call(
        standin.client.messages.create, to=RESIDENT, from_=FROM, body="Your report ASB-2026-000001"
    )
    assert re.fullmatch(r"SM[0-9a-f]{32}", message.sid)
    assert message.status == "queued"
    assert (message.to, message.from_, message.body) == (
        RESIDENT,
        FROM,
        "Your report ASB-2026-000001",
    )
    assert isinstance(message.date_created, datetime)
    assert message.num_segments == "1"
    assert message.direction == "outbound-api"
    assert message.account_sid == standin.account_sid

    texts = (await standin.control("GET", "/_standin/messages"))["messages"]
    assert [(t["sid"], t["to"], t["from"], t["body"]) for t in texts] == [
        (message.sid, RESIDENT, FROM, "Your report ASB-2026-000001")
    ]


async def test_wrong_credentials_are_refused_like_twilio(standin: Standin) -> None:
    wrong = Client(
        standin.account_sid, "not-the-token", http_client=AsbTwilioHttpClient(standin.url)
    )
    with pytest.raises(TwilioRestException) as caught:
        await standin.call(wrong.messages.create, to=RESIDENT, from_=FROM, body="hello")
    assert caught.value.status == 401
    assert caught.value.code == 20003
    async with aiohttp.ClientSession() as http:
        url = f"{standin.url}/2010-04-01/Accounts/{standin.account_sid}/Messages.json"
        async with http.get(url) as response:
            assert response.status == 401
            payload = await response.json()
    assert payload["code"] == 20003 and payload["status"] == 401
    assert payload["more_info"].endswith("/20003")
    assert standin.state.messages == {}


@pytest.mark.parametrize(
    ("to", "body", "code"),
    [
        (RESIDENT, None, 21602),
        ("07700 900123", "hello", 21211),
        ("+44", "hello", 21211),
        (RESIDENT, "x" * 1601, 21617),
    ],
)
async def test_validation_errors(standin: Standin, to: str, body: str | None, code: int) -> None:
    kwargs = {"to": to, "from_": FROM}
    if body is not None:
        kwargs["body"] = body
    with pytest.raises(TwilioRestException) as caught:
        await standin.call(standin.client.messages.create, **kwargs)
    assert (caught.value.status, caught.value.code) == (400, code)
    assert standin.state.messages == {}


async def test_segments_follow_gsm_and_unicode_rules() -> None:
    assert num_segments("a" * 160) == 1
    assert num_segments("a" * 161) == 2
    assert num_segments("€" * 80) == 1  # extension characters count twice
    assert num_segments("ł" * 70) == 1  # not GSM-7: UCS-2
    assert num_segments("ł" * 71) == 2


# -- reading messages --------------------------------------------------------------------------


async def test_list_filters_by_to_and_date_sent_and_pages(standin: Standin, receiver) -> None:
    other = "+447700900456"
    for n in range(3):
        await standin.call(standin.client.messages.create, to=RESIDENT, from_=FROM, body=f"t{n}")
    await standin.call(standin.client.messages.create, to=other, from_=FROM, body="other")
    queued = await standin.call(standin.client.messages.list, to=RESIDENT, page_size=2)
    assert [m.body for m in queued] == ["t2", "t1", "t0"]  # newest first, across two pages

    since = datetime.now(timezone.utc) - timedelta(minutes=1)
    # Nothing has a date_sent until the message is sent.
    await standin.control("POST", "/_standin/drain")
    sent = await standin.call(standin.client.messages.list, to=RESIDENT, date_sent_after=since)
    assert sorted(m.body for m in sent) == ["t0", "t1", "t2"]
    later = datetime.now(timezone.utc) + timedelta(minutes=1)
    assert (
        await standin.call(standin.client.messages.list, to=RESIDENT, date_sent_after=later) == []
    )


async def test_list_excludes_unsent_messages_from_date_filters(standin: Standin) -> None:
    await standin.control("POST", "/_standin/faults", {"callback_delay": 30})
    await standin.call(standin.client.messages.create, to=RESIDENT, from_=FROM, body="slow")
    since = datetime.now(timezone.utc) - timedelta(minutes=1)
    assert (
        await standin.call(standin.client.messages.list, to=RESIDENT, date_sent_after=since) == []
    )
    assert len(await standin.call(standin.client.messages.list, to=RESIDENT)) == 1
    await standin.control("POST", "/_standin/reset")


async def test_fetch_by_sid(standin: Standin) -> None:
    created = await standin.call(standin.client.messages.create, to=RESIDENT, from_=FROM, body="hi")
    fetched = await standin.call(standin.client.messages(created.sid).fetch)
    assert (fetched.sid, fetched.body) == (created.sid, "hi")
    with pytest.raises(TwilioRestException) as caught:
        await standin.call(standin.client.messages("SM" + "0" * 32).fetch)
    assert (caught.value.status, caught.value.code) == (404, 20404)


# -- faults ------------------------------------------------------------------------------------


async def test_injected_faults_come_in_order_then_success(standin: Standin) -> None:
    await standin.control(
        "POST",
        "/_standin/faults",
        {"responses": [{"status": 500}, {"status": 429, "retry_after": 7}]},
    )
    create = standin.client.messages.create
    with pytest.raises(TwilioRestException) as first:
        await standin.call(create, to=RESIDENT, from_=FROM, body="hi")
    assert first.value.status == 500
    with pytest.raises(TwilioRestException) as second:
        await standin.call(create, to=RESIDENT, from_=FROM, body="hi")
    assert (second.value.status, second.value.code) == (429, 20429)
    assert standin.client.http_client.last_retry_after == 7.0
    await standin.call(create, to=RESIDENT, from_=FROM, body="hi")
    assert len(standin.state.messages) == 1


async def test_unsubscribed_number_is_refused(standin: Standin) -> None:
    await standin.control("POST", "/_standin/faults", {"unsubscribed": [RESIDENT]})
    with pytest.raises(TwilioRestException) as caught:
        await standin.call(standin.client.messages.create, to=RESIDENT, from_=FROM, body="hi")
    assert (caught.value.status, caught.value.code) == (400, 21610)


async def test_reset_forgets_everything(standin: Standin) -> None:
    await standin.control("POST", "/_standin/faults", {"responses": [{"status": 500}]})
    await standin.control("POST", "/_standin/reset")
    await standin.call(standin.client.messages.create, to=RESIDENT, from_=FROM, body="hi")
    await standin.control("POST", "/_standin/reset")
    assert (await standin.control("GET", "/_standin/messages"))["messages"] == []
    assert (await standin.control("GET", "/_standin/health")) == {"ok": True}


# -- status callbacks --------------------------------------------------------------------------


async def _send_and_drain(standin: Standin, receiver: Receiver, to: str = RESIDENT) -> str:
    message = await standin.call(
        standin.client.messages.create,
        to=to,
        from_=FROM,
        body="hi",
        status_callback=f"{receiver.url}/api/twilio/status?outbox=1",
    )
    await standin.control("POST", "/_standin/drain")
    return message.sid


async def test_status_callbacks_are_signed_and_in_order(standin: Standin, receiver) -> None:
    sid = await _send_and_drain(standin, receiver)
    assert [r["MessageStatus"] for r in receiver.received] == ["sent", "delivered"]
    assert all(r["_valid"] for r in receiver.received)
    assert all(
        r["MessageSid"] == sid and r["AccountSid"] == standin.account_sid for r in receiver.received
    )
    assert "ErrorCode" not in receiver.received[-1]
    fetched = await standin.call(standin.client.messages(sid).fetch)
    assert fetched.status == "delivered" and isinstance(fetched.date_sent, datetime)


async def test_undeliverable_number_and_out_of_order(standin: Standin, receiver) -> None:
    await standin.control(
        "POST", "/_standin/faults", {"undeliverable": [RESIDENT], "out_of_order": True}
    )
    await _send_and_drain(standin, receiver)
    assert [r["MessageStatus"] for r in receiver.received] == ["undelivered", "sent"]
    assert receiver.received[0]["ErrorCode"] == "30003"


async def test_callbacks_are_retried_while_backend_fails(standin: Standin, receiver) -> None:
    receiver.fail_first.extend([503, 502])
    sid = await _send_and_drain(standin, receiver)
    assert [r["MessageStatus"] for r in receiver.received] == ["sent", "delivered"]
    attempts = (await standin.control("GET", "/_standin/messages"))["messages"][0]["callbacks"]
    assert [a.get("http_status") for a in attempts] == [503, 502, 204, 204]
    assert sid


# -- the client factory ------------------------------------------------------------------------


def test_rewrite_only_twilio_hosts() -> None:
    http = AsbTwilioHttpClient("http://127.0.0.1:8099")
    path = "/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=1"
    assert http.rewrite_url("https://api.twilio.com" + path) == "http://127.0.0.1:8099" + path
    assert http.rewrite_url("https://api.dublin.ie1.twilio.com/x") == "http://127.0.0.1:8099/x"
    assert http.rewrite_url("https://example.org/x") == "https://example.org/x"
    prefixed = AsbTwilioHttpClient("http://127.0.0.1:8099/twilio/")
    assert prefixed.rewrite_url("https://api.twilio.com/x") == "http://127.0.0.1:8099/twilio/x"


def test_real_twilio_when_no_api_base(tmp_path) -> None:
    settings = Settings(
        var_dir=tmp_path,
        database_url="sqlite://",
        twilio_account_sid="AC" + "1" * 32,
        twilio_auth_token="t" * 32,
        twilio_from=FROM,
    )
    client = make_twilio_client(settings)
    assert client.account_sid == settings.twilio_account_sid
    url = "https://api.twilio.com/2010-04-01/Accounts/x/Messages.json"
    assert client.http_client.rewrite_url(url) == url
    with pytest.raises(ValueError):
        make_twilio_client(Settings(var_dir=tmp_path, database_url="sqlite://"))
