"""Issue 14: Twilio's inbound texts reach the backend's POST /webhooks/sms/webhook, which hands
them unchanged to one of several Rasa servers (backend/sms_inbound/forward.py).

The fake Rasa servers (real local HTTP servers) check the Twilio signature like channels/sms.py:
against the public URL Twilio was given (here, the backend's), over the raw body's fields."""

# ruff: noqa: F811 (the fixture imported from rasa_fakes is an argument of the tests here)
from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from twilio.request_validator import RequestValidator

from backend.appkeys import SETTINGS
from backend.sms_inbound import forward
from backend.webchat.rasa_servers import RasaServers
from core.settings import Settings
from tests.backend.webchat.rasa_fakes import (  # noqa: F401 (fixture)
    FakeRasaServer,
    StartRasa,
    start_rasa,
    total_received,
)

AUTH_TOKEN = secrets.token_hex(16)
SID = "SM" + "0" * 31 + "1"
PATH = "/webhooks/sms/webhook"
MakeBackend = Callable[[list[FakeRasaServer]], Awaitable[TestClient]]


@pytest.fixture
async def make_backend(tmp_path: Path) -> AsyncIterator[MakeBackend]:
    """A backend with the forwarder, in front of `servers`; the servers check signatures
    against this backend's URL (ASB_SMS_PUBLIC_URL as configured at Twilio)."""
    clients: list[TestClient] = []

    async def make(servers: list[FakeRasaServer]) -> TestClient:
        app = web.Application()
        app[SETTINGS] = Settings(
            var_dir=tmp_path,
            database_url=f"sqlite:///{tmp_path / 'asb.sqlite3'}",
            rasa_urls=tuple(server.url for server in servers),
        )
        forward.setup_routes(app)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        for server in servers:
            server.sms_auth_token = AUTH_TOKEN
            server.sms_public_url = str(client.make_url(PATH))
        return client

    yield make
    for client in clients:
        await client.close()


def twilio_body(sender: str = "+447700900123", text: str = "Loud music & shouting 😀") -> bytes:
    """A webhook body as Twilio sends it (blank fields kept: Twilio signs them too)."""
    fields = [
        ("ToCountry", "GB"),
        ("SmsMessageSid", SID),
        ("NumMedia", "0"),
        ("FromCity", ""),
        ("Body", text),
        ("From", sender),
        ("To", "+447700900999"),
        ("MessageSid", SID),
    ]
    return urlencode(fields).encode()


def signature(url: str, body: bytes) -> str:
    fields = dict(parse_qsl(body.decode(), keep_blank_values=True))
    return RequestValidator(AUTH_TOKEN).compute_signature(url, fields)


async def post_as_twilio(client: TestClient, body: bytes, query: str = "") -> web.Response:
    url = str(client.make_url(PATH)) + (f"?{query}" if query else "")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        "X-Twilio-Signature": signature(url, body),
    }
    return await client.post(f"{PATH}?{query}" if query else PATH, data=body, headers=headers)


def sender_first_on(servers: list[FakeRasaServer], url: str) -> str:
    """A fictional number (07700 900xxx) whose first choice is the server at `url`."""
    order = RasaServers([server.url for server in servers])
    for n in range(1000):
        number = f"+447700900{n:03d}"
        if order.order_for(number)[0] == url:
            return number
    raise AssertionError("no number found")


async def test_the_request_reaches_rasa_unchanged_and_its_answer_comes_back(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    servers = await start_rasa(2)
    client = await make_backend(servers)
    body = twilio_body()
    response = await post_as_twilio(client, body, query="rc=3")
    assert response.status == 200  # the fake Rasa checked the signature against our URL
    assert response.content_type == "text/xml"
    assert await response.text() == '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    (received,) = [item for server in servers for item in server.received]
    assert received.body == body  # byte for byte
    assert received.path == PATH and received.query_string == "rc=3"
    assert received.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=UTF-8"
    assert received.headers["X-Twilio-Signature"] == signature(
        str(client.make_url(PATH)) + "?rc=3", body
    )


async def test_a_bad_signature_is_refused_by_rasa_and_the_refusal_passed_on(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    client = await make_backend(await start_rasa(1))
    response = await client.post(
        PATH,
        data=twilio_body(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": "forged",
        },
    )
    assert response.status == 403


async def test_one_senders_texts_go_to_one_server(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    servers = await start_rasa(3)
    client = await make_backend(servers)
    for text in ("one", "two", "three"):
        assert (await post_as_twilio(client, twilio_body(text=text))).status == 200
    assert sorted(len(server.received) for server in servers) == [0, 0, 3]


async def test_a_dead_rasa_server_is_skipped_and_the_text_still_arrives(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    dead, alive = await start_rasa(2)
    client = await make_backend([dead, alive])
    await dead.stop()
    number = sender_first_on([dead, alive], dead.url)
    for text in ("first", "second"):
        body = twilio_body(sender=number, text=text)
        response = await post_as_twilio(client, body)
        assert response.status == 200
        assert alive.received[-1].body == body


async def test_a_proxy_saying_503_is_skipped(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    behind_proxy, alive = await start_rasa(2)
    behind_proxy.mode = "proxy_503"
    client = await make_backend([behind_proxy, alive])
    number = sender_first_on([behind_proxy, alive], behind_proxy.url)
    assert (await post_as_twilio(client, twilio_body(sender=number))).status == 200
    assert len(alive.received) == 1


async def test_a_timeout_is_not_retried_on_another_server(
    make_backend: MakeBackend, start_rasa: StartRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forward, "FORWARD_TIMEOUT", 0.3)
    servers = await start_rasa(2)
    for server in servers:
        server.mode = "slow"
    client = await make_backend(servers)
    response = await post_as_twilio(client, twilio_body())
    assert response.status == 503  # Twilio retries; the channel dedupes by MessageSid
    assert total_received(servers) == 1


async def test_no_rasa_server_reachable_is_a_503(
    make_backend: MakeBackend, start_rasa: StartRasa
) -> None:
    servers = await start_rasa(2)
    client = await make_backend(servers)
    for server in servers:
        await server.stop()
    assert (await post_as_twilio(client, twilio_body())).status == 503


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"x" * (forward.MAX_WEBHOOK_BYTES + 1), "application/x-www-form-urlencoded", 413),
        (b'{"From": "+447700900123"}', "application/json", 415),
        (b"Body=hello&To=%2B447700900999", "application/x-www-form-urlencoded", 400),
        (b"&".join([b"a=1"] * 300) + b"&From=x", "application/x-www-form-urlencoded", 400),
    ],
)
async def test_bad_requests_are_refused_before_reaching_rasa(
    make_backend: MakeBackend,
    start_rasa: StartRasa,
    body: bytes,
    content_type: str,
    status: int,
) -> None:
    servers = await start_rasa(1)
    client = await make_backend(servers)
    response = await client.post(PATH, data=body, headers={"Content-Type": content_type})
    assert response.status == status
    assert total_received(servers) == 0


async def test_neither_the_text_nor_the_number_is_logged(
    make_backend: MakeBackend, start_rasa: StartRasa, caplog: pytest.LogCaptureFixture
) -> None:
    dead, alive = await start_rasa(2)
    client = await make_backend([dead, alive])
    await dead.stop()
    number = sender_first_on([dead, alive], dead.url)
    with caplog.at_level(logging.DEBUG):
        await post_as_twilio(client, twilio_body(sender=number, text="Sam Example is shouting"))
        await client.post(
            PATH,
            data=b"Body=Sam+Example",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert "Sam Example" not in caplog.text and "Sam+Example" not in caplog.text
    assert number not in caplog.text and number[1:] not in caplog.text


async def test_the_forwarder_fits_in_the_real_backend(
    start_rasa: StartRasa, tmp_path: Path
) -> None:
    """With backend.app's route table plus this module's routes (the lead adds the line)."""
    from backend.app import init_app

    servers = await start_rasa(2)
    settings = Settings(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'asb.sqlite3'}",
        rasa_urls=tuple(server.url for server in servers),
    )
    app = init_app(settings)
    if not any(r.resource and r.resource.canonical == PATH for r in app.router.routes()):
        forward.setup_routes(app)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        for server in servers:
            server.sms_auth_token = AUTH_TOKEN
            server.sms_public_url = str(client.make_url(PATH))
        assert (await post_as_twilio(client, twilio_body())).status == 200
        message = await client.post("/chat/message", json={"message": "hello"})
        assert message.status == 200  # the web chat shares the servers and the client
    assert total_received(servers) == 2
