"""The Twilio stand-in stays an offline tool (ops/twilio_standin/guard.py): it says so, its
control API needs the token when one is set, it will not listen beyond loopback unless told,
and bad requests get a 400. All numbers are fictional (Ofcom drama range)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from ops.twilio_standin import server
from ops.twilio_standin.guard import NOTICE, check_host, is_loopback
from ops.twilio_standin.server import create_standin_app

ACCOUNT = "AC" + "1" * 32
AUTH = secrets.token_hex(16)
TOKEN = "standin-token-0123456789"


async def _client(control_token: str = "") -> TestClient:
    client = TestClient(TestServer(create_standin_app(ACCOUNT, AUTH, control_token)))
    await client.start_server()
    return client


@pytest.fixture
async def guarded() -> AsyncIterator[TestClient]:
    client = await _client(TOKEN)
    yield client
    await client.close()


@pytest.fixture
async def open_standin() -> AsyncIterator[TestClient]:
    client = await _client()
    yield client
    await client.close()


async def _send_text(client: TestClient) -> None:
    response = await client.post(
        f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json",
        data={"To": "+447700900123", "From": "+447700900000", "Body": "Your reference is X"},
        auth=aiohttp.BasicAuth(ACCOUNT, AUTH),
    )
    assert response.status == 201


async def test_its_pages_say_it_is_for_offline_use_only(open_standin: TestClient) -> None:
    page = await open_standin.get("/")
    assert page.status == 200
    assert "offline use only" in await page.text()
    listing = await open_standin.get("/_standin/messages")
    assert (await listing.json())["notice"] == NOTICE
    assert listing.headers["X-Standin-Notice"] == "offline development and tests only"


async def test_listing_texts_needs_the_token_when_one_is_set(guarded: TestClient) -> None:
    await _send_text(guarded)
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        refused = await guarded.get("/_standin/messages", headers=headers)
        assert refused.status == 401
        assert "+447700900123" not in await refused.text()
    for path in ("/_standin/inbound", "/_standin/faults", "/_standin/reset", "/_standin/drain"):
        assert (await guarded.post(path, json={})).status == 401
    allowed = await guarded.get("/_standin/messages", headers={"Authorization": f"Bearer {TOKEN}"})
    assert [m["to"] for m in (await allowed.json())["messages"]] == ["+447700900123"]
    in_browser = await guarded.get(f"/_standin/messages?token={TOKEN}")
    assert in_browser.status == 200
    assert (await guarded.get("/_standin/health")).status == 200  # the supervisor's check


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_are_allowed(host: str) -> None:
    assert is_loopback(host)
    check_host(host, allow_remote=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "standin.example.org"])
def test_other_addresses_are_refused_unless_told(host: str) -> None:
    with pytest.raises(SystemExit, match="offline use only"):
        check_host(host, allow_remote=False)
    check_host(host, allow_remote=True)


def test_main_refuses_a_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH)
    monkeypatch.setenv("ASB_STANDIN_HOST", "0.0.0.0")
    monkeypatch.delenv("ASB_STANDIN_ALLOW_REMOTE", raising=False)
    monkeypatch.setattr(server.web, "run_app", lambda *a, **k: pytest.fail("it started"))
    with pytest.raises(SystemExit, match="refusing to listen on '0.0.0.0'"):
        server.main()


async def test_bad_requests_get_a_400(open_standin: TestClient) -> None:
    no_boundary = await open_standin.post(
        f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json",
        data=b"To=x",
        headers={"Content-Type": "multipart/form-data"},
        auth=aiohttp.BasicAuth(ACCOUNT, AUTH),
    )
    assert no_boundary.status == 400
    deep = b"[" * 1000 + b"]" * 1000
    for path in ("/_standin/faults", "/_standin/inbound"):
        response = await open_standin.post(
            path, data=deep, headers={"Content-Type": "application/json"}
        )
        assert response.status == 400
