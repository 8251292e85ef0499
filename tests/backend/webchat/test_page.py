"""The web chat page and its proxy to Rasa (backend/webchat), against a small fake Rasa server."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from backend.appkeys import SETTINGS
from backend.webchat import views
from backend.webchat.views import COOKIE_NAME, WebChatConfig, setup_routes
from core.settings import Settings

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
PHONE = "0161 496 0000"
SECRET = "test-ingest-secret-0123456789"
BANNER = "If you or someone else is in danger, call 999 now."


@dataclass
class FakeRasa:
    """Records what the backend posts to the Rasa webhook and answers with canned replies."""

    received: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)
    mode: str = "ok"  # ok | slow | error | garbage
    port: int = 0

    async def webhook(self, request: web.Request) -> web.StreamResponse:
        data = await request.json()
        self.received.append(data)
        self.authorizations.append(request.headers.get("Authorization"))
        if self.mode == "slow":
            await asyncio.sleep(2)
        if self.mode == "error":
            return web.json_response({"error": "boom"}, status=500)
        if self.mode == "garbage":
            return web.Response(text="<html>not json</html>")
        sender = data["sender"]
        return web.json_response(
            [
                {"recipient_id": sender, "text": f"You said: {data['message']}"},
                {
                    "recipient_id": sender,
                    "text": "Is it happening now?",
                    "buttons": [
                        {"title": "Yes", "payload": "/affirm"},
                        {"title": "No", "payload": "/deny"},
                    ],
                },
                {"recipient_id": sender, "custom": {"kind": "reference", "value": "ASB-1"}},
            ]
        )

    def senders(self) -> list[str]:
        return [item["sender"] for item in self.received]


@pytest.fixture
async def fake_rasa() -> AsyncIterator[FakeRasa]:
    fake = FakeRasa()
    app = web.Application()
    app.router.add_post("/webhooks/webchat/webhook", fake.webhook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    assert server.port is not None
    fake.port = server.port
    try:
        yield fake
    finally:
        await server.close()


@pytest.fixture
def settings_for(tmp_path: Path) -> Callable[[int], Settings]:
    def build(rasa_port: int) -> Settings:
        return Settings(
            var_dir=tmp_path,
            database_url=f"sqlite:///{tmp_path / 'asb.sqlite3'}",
            rasa_port=rasa_port,
            landlord_name="Example Homes",
            landlord_phone=PHONE,
            ingest_secret=SECRET,
        )

    return build


MakeClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture
async def make_client() -> AsyncIterator[MakeClient]:
    """Start a bare backend app with the web chat routes; each client has its own cookies."""
    clients: list[TestClient] = []

    async def make(settings: Settings, config: WebChatConfig | None = None) -> TestClient:
        app = web.Application()
        app[SETTINGS] = settings
        setup_routes(app, config)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def client(
    fake_rasa: FakeRasa, settings_for: Callable[[int], Settings], make_client: MakeClient
) -> TestClient:
    return await make_client(settings_for(fake_rasa.port))


def chat_cookie(client: TestClient) -> str | None:
    for cookie in client.session.cookie_jar:
        if cookie.key == COOKIE_NAME:
            return cookie.value
    return None


# -- the page ---------------------------------------------------------------------------------


async def test_page_has_banner_form_and_translatable_strings(client: TestClient) -> None:
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    html = await response.text()
    assert BANNER in html
    assert '<form id="chat-form"' in html
    assert '<label for="chat-input">' in html
    assert 'aria-live="polite"' in html
    assert 'id="restart"' in html and "Start again" in html
    assert PHONE in html
    strings_block = re.search(
        r'<script type="application/json" id="chat-strings">(.*?)</script>', html, re.S
    )
    assert strings_block is not None
    strings = json.loads(strings_block.group(1))
    assert "999" in strings["unavailable"] and PHONE in strings["unavailable"]
    assert {"you", "assistant", "tooLong", "restartConfirm", "restarted"} <= strings.keys()
    # Nothing loaded from other sites; the page sets a strict CSP and no cookie.
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert COOKIE_NAME not in response.cookies


async def test_static_assets_are_served_without_external_dependencies(client: TestClient) -> None:
    html = await (await client.get("/")).text()
    for name, content_type in (("chat.js", "javascript"), ("chat.css", "text/css")):
        url = re.search(rf'"(/static/webchat/{re.escape(name)}\?v=[^"]+)"', html)
        assert url is not None, name
        response = await client.get(url.group(1))
        assert response.status == 200
        assert content_type in response.content_type
        body = await response.text()
        for external in ("cdn", "googleapis", "@import", "unpkg"):
            assert external not in body.lower()


async def test_page_language_choice_falls_back_to_english(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "available_languages", lambda: ["cy", "en"])
    assert '<html lang="en"' in await (await client.get("/?lang=xx")).text()
    assert '<html lang="cy"' in await (await client.get("/?lang=cy")).text()
    response = await client.get("/", headers={"Accept-Language": "fr;q=0.9, cy-GB;q=0.8, en;q=0.1"})
    assert '<html lang="cy"' in await response.text()


# -- proxying to Rasa --------------------------------------------------------------------------


async def test_message_is_proxied_and_bot_messages_come_back(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    response = await client.post("/chat/message", json={"message": "Loud music", "language": "en"})
    assert response.status == 200
    assert await response.json() == {
        "messages": [
            {"text": "You said: Loud music"},
            {
                "text": "Is it happening now?",
                "buttons": [
                    {"title": "Yes", "payload": "/affirm"},
                    {"title": "No", "payload": "/deny"},
                ],
            },
            {"custom": {"kind": "reference", "value": "ASB-1"}},
        ]
    }
    (sent,) = fake_rasa.received
    assert UUID_RE.match(sent["sender"])
    assert sent["message"] == "Loud music"
    assert sent["metadata"] == {"language": "en"}
    morsel = response.cookies[COOKIE_NAME]
    assert morsel.value == sent["sender"]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["path"] == "/"


async def test_same_cookie_keeps_the_sender_and_a_new_client_gets_another(
    client: TestClient,
    fake_rasa: FakeRasa,
    settings_for: Callable[[int], Settings],
    make_client: MakeClient,
) -> None:
    first = await client.post("/chat/message", json={"message": "one"})
    second = await client.post("/chat/message", json={"message": "two"})
    assert first.status == second.status == 200
    assert COOKIE_NAME not in second.cookies  # kept, not reissued
    other = await make_client(settings_for(fake_rasa.port))
    third = await other.post("/chat/message", json={"message": "three"})
    assert third.status == 200
    one, two, three = fake_rasa.senders()
    assert one == two == chat_cookie(client)
    assert three != one and three == chat_cookie(other)


async def test_browser_cannot_choose_its_sender(client: TestClient, fake_rasa: FakeRasa) -> None:
    chosen = "11111111-1111-4111-8111-111111111111"
    client.session.cookie_jar.update_cookies(
        {COOKIE_NAME: "../../admin"}, response_url=client.make_url("/")
    )
    response = await client.post("/chat/message", json={"message": "hi", "sender": chosen})
    assert response.status == 200
    (sender,) = fake_rasa.senders()
    assert sender != chosen and UUID_RE.match(sender)
    assert response.cookies[COOKIE_NAME].value == sender == chat_cookie(client)


async def test_restart_starts_a_new_conversation(client: TestClient, fake_rasa: FakeRasa) -> None:
    await client.post("/chat/message", json={"message": "one"})
    response = await client.post("/chat/restart")
    assert response.status == 200
    assert await response.json() == {"ok": True}
    assert response.cookies[COOKIE_NAME]["httponly"] is True
    await client.post("/chat/message", json={"message": "two"})
    before, after = fake_rasa.senders()
    assert before != after
    assert UUID_RE.match(after) and chat_cookie(client) == after


# -- errors ------------------------------------------------------------------------------------


def assert_unavailable(answer: dict[str, Any]) -> None:
    assert "If anyone is in danger call 999" in answer["error"]
    assert PHONE in answer["error"]


async def test_rasa_down_gives_503_with_999_advice(
    settings_for: Callable[[int], Settings],
    make_client: MakeClient,
    unused_tcp_port: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = await make_client(settings_for(unused_tcp_port))
    with caplog.at_level(logging.DEBUG):
        response = await client.post("/chat/message", json={"message": "someone is at my door"})
    assert response.status == 503
    assert_unavailable(await response.json())
    assert "someone is at my door" not in caplog.text
    # The conversation id is still issued so a retry continues the same conversation.
    assert UUID_RE.match(chat_cookie(client) or "")


@pytest.mark.parametrize("mode", ["slow", "error", "garbage"])
async def test_rasa_slow_or_broken_gives_503(
    mode: str,
    fake_rasa: FakeRasa,
    settings_for: Callable[[int], Settings],
    make_client: MakeClient,
) -> None:
    fake_rasa.mode = mode
    client = await make_client(settings_for(fake_rasa.port), WebChatConfig(rasa_timeout=0.3))
    response = await client.post("/chat/message", json={"message": "hello"})
    assert response.status == 503
    assert_unavailable(await response.json())


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("message=hello", "application/x-www-form-urlencoded"),
        ("hello", "text/plain"),
        ("{not json", "application/json"),
        ('["hello"]', "application/json"),
        ('"hello"', "application/json"),
    ],
)
async def test_non_json_is_refused(
    client: TestClient, fake_rasa: FakeRasa, data: str, content_type: str
) -> None:
    response = await client.post("/chat/message", data=data, headers={"Content-Type": content_type})
    assert response.status == 400
    assert (await response.json())["error"]
    assert fake_rasa.received == []


@pytest.mark.parametrize("message", [None, "", "   ", 7, "x" * 2001])
async def test_bad_messages_are_refused(
    client: TestClient, fake_rasa: FakeRasa, message: Any
) -> None:
    response = await client.post("/chat/message", json={"message": message})
    assert response.status == 400
    assert (await response.json())["error"]
    assert fake_rasa.received == []


async def test_large_body_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    response = await client.post("/chat/message", json={"message": "x" * 20_000})
    assert response.status == 413
    assert fake_rasa.received == []


async def test_longest_allowed_message_is_proxied(client: TestClient, fake_rasa: FakeRasa) -> None:
    response = await client.post("/chat/message", json={"message": "é" * 2000})
    assert response.status == 200
    assert fake_rasa.received[0]["message"] == "é" * 2000


async def test_other_websites_cannot_post(client: TestClient, fake_rasa: FakeRasa) -> None:
    evil = {"Origin": "https://evil.example"}
    response = await client.post("/chat/message", json={"message": "hi"}, headers=evil)
    assert response.status == 403
    assert (await client.post("/chat/restart", headers=evil)).status == 403
    same = {"Origin": str(client.make_url("")).rstrip("/")}
    assert (await client.post("/chat/message", json={"message": "hi"}, headers=same)).status == 200
    assert len(fake_rasa.received) == 1


# -- wired into the real backend, once backend/app.py exists -----------------------------------


async def test_init_app_serves_the_chat(
    fake_rasa: FakeRasa, settings_for: Callable[[int], Settings]
) -> None:
    app_module = pytest.importorskip("backend.app")
    app = app_module.init_app(settings_for(fake_rasa.port))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        page = await client.get("/")
        assert page.status == 200
        assert BANNER in await page.text()
        response = await client.post("/chat/message", json={"message": "hello"})
        assert response.status == 200
        assert (await response.json())["messages"][0]["text"] == "You said: hello"


async def test_the_channel_is_told_the_message_comes_from_the_backend(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    response = await client.post("/chat/message", json={"message": "Loud music"})
    assert response.status == 200
    assert fake_rasa.authorizations == [f"Bearer {SECRET}"]


async def test_json_nested_a_thousand_deep_is_refused_plainly(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    response = await client.post(
        "/chat/message",
        data=b'{"message": ' + b"[" * 1000 + b"]" * 1000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 400
    assert await response.json() == {"error": "Please send the message as JSON."}
    assert fake_rasa.received == []


async def test_text_that_is_not_unicode_still_reaches_the_assistant(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    response = await client.post(
        "/chat/message",
        data=b'{"message": "noise \\ud800 all night"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 200
    assert fake_rasa.received[0]["message"] == "noise \ufffd all night"
