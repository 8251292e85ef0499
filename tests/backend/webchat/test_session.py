"""Issue 15: the web chat session on the server: the transcript after a reload, "Exit this page",
an expired conversation said plainly, and the bounds on what is kept."""

# ruff: noqa: F811 (the fixtures imported from test_page are arguments of the tests here)
from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from aiohttp.test_utils import TestClient

from backend.webchat import common
from backend.webchat.common import DEFAULT_QUICK_EXIT_URL, WEBCHAT_TRANSCRIPTS
from backend.webchat.transcripts import State, TranscriptStore
from backend.webchat.views import COOKIE_NAME
from core.settings import Settings
from tests.backend.webchat.test_page import (  # noqa: F401 (fixtures)
    FakeRasa,
    MakeClient,
    chat_cookie,
    client,
    fake_rasa,
    make_client,
    settings_for,
)


async def history(client: TestClient) -> dict:
    response = await client.get("/chat/history")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    return await response.json()


async def test_a_new_visitor_has_no_history(client: TestClient) -> None:
    assert await history(client) == {"state": "new", "turns": []}


async def test_after_a_reload_the_conversation_comes_back_with_the_open_question(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    await client.post("/chat/message", json={"message": "Loud music every night"})
    await client.post("/chat/message", json={"message": "/affirm"})  # the "Yes" button
    answer = await history(client)
    assert answer["state"] == "active"
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    assert answer["turns"] == [
        {"from": "resident", "text": "Loud music every night"},
        {"from": "assistant", "text": "You said: Loud music every night"},
        {"from": "assistant", "text": "Is it happening now?"},  # answered: no buttons now
        {"from": "resident", "text": "Yes"},  # shown as the button the resident chose
        {"from": "assistant", "text": "You said: /affirm"},
        {"from": "assistant", "text": "Is it happening now?", "buttons": buttons},
    ]


async def test_the_transcript_is_this_sessions_only(
    client: TestClient,
    fake_rasa: FakeRasa,
    settings_for: Callable[[int], Settings],
    make_client: MakeClient,
) -> None:
    await client.post("/chat/message", json={"message": "Someone keeps shouting at me"})
    other = await make_client(settings_for(fake_rasa.port))
    assert await history(other) == {"state": "new", "turns": []}


async def test_turns_are_never_logged(
    client: TestClient, fake_rasa: FakeRasa, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await client.post("/chat/message", json={"message": "my neighbour Sam Example"})
        await history(client)
        await client.post("/chat/exit")
    assert "Sam Example" not in caplog.text


async def test_a_failed_send_is_not_a_turn(client: TestClient, fake_rasa: FakeRasa) -> None:
    await client.post("/chat/message", json={"message": "first"})
    fake_rasa.mode = "error"
    assert (await client.post("/chat/message", json={"message": "second"})).status == 503
    turns = (await history(client))["turns"]
    assert [t["text"] for t in turns if t["from"] == "resident"] == ["first"]


async def test_quick_exit_forgets_the_conversation_and_clears_the_cookie(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    await client.post("/chat/message", json={"message": "He is outside my door"})
    old = chat_cookie(client)
    assert old is not None
    response = await client.post("/chat/exit")
    assert response.status == 200
    cleared = response.cookies[COOKIE_NAME]
    assert cleared.value == "" and cleared["max-age"] == "0"
    assert chat_cookie(client) is None

    # The same cookie sent again (a copy kept somewhere) finds nothing and starts afresh.
    client.session.cookie_jar.update_cookies({COOKIE_NAME: old}, response_url=client.make_url("/"))
    assert await history(client) == {"state": "new", "turns": []}
    client.session.cookie_jar.update_cookies({COOKIE_NAME: old}, response_url=client.make_url("/"))
    response = await client.post("/chat/message", json={"message": "hello"})
    assert response.status == 200
    assert fake_rasa.senders()[-1] != old
    assert response.cookies[COOKIE_NAME].value == fake_rasa.senders()[-1]


async def test_quick_exit_without_javascript_redirects_to_the_neutral_site(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    await client.post("/chat/message", json={"message": "hello"})
    response = await client.get("/chat/leave", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == DEFAULT_QUICK_EXIT_URL
    assert response.cookies[COOKIE_NAME]["max-age"] == "0"
    assert (await history(client))["state"] == "new"


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("https://weather.example/today", "https://weather.example/today"),
        ("javascript:alert(1)", DEFAULT_QUICK_EXIT_URL),
        ("", DEFAULT_QUICK_EXIT_URL),
    ],
)
async def test_the_neutral_site_is_configurable(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, configured: str, expected: str
) -> None:
    monkeypatch.setenv("ASB_QUICK_EXIT_URL", configured)
    page = await (await client.get("/")).text()
    assert f'data-exit-url="{expected}"' in page
    assert "It does not delete your browser history." in page
    response = await client.get("/chat/leave", allow_redirects=False)
    assert response.headers["Location"] == expected


async def test_other_websites_cannot_end_a_conversation(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    await client.post("/chat/message", json={"message": "hello"})
    evil = {"Origin": "https://evil.example"}
    assert (await client.post("/chat/exit", headers=evil)).status == 403
    assert (await history(client))["state"] == "active"


async def test_an_idle_conversation_expires_and_says_so_plainly(
    client: TestClient, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    store = client.app[WEBCHAT_TRANSCRIPTS]
    store.clock = lambda: now[0]
    await client.post("/chat/message", json={"message": "Loud music"})
    now[0] += 3601  # Rasa's session expiry is an hour too (bot/domain.yml)
    wall = common.wall_clock()
    monkeypatch.setattr(common, "wall_clock", lambda: wall + 3601)  # the browser's stamp too
    assert await history(client) == {"state": "expired", "turns": []}
    response = await client.post("/chat/message", json={"message": "/affirm"})
    assert response.status == 409
    answer = await response.json()
    assert answer["expired"] is True
    assert "This conversation has ended" in answer["error"]
    assert "Please start again" in answer["error"]
    assert len(fake_rasa.received) == 1  # the answer did not land in a new conversation
    assert (await client.post("/chat/restart")).status == 200
    assert (await client.post("/chat/message", json={"message": "Loud music"})).status == 200
    assert (await history(client))["state"] == "active"


async def test_a_cookie_this_backend_never_issued_is_treated_as_expired(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    stranger = "11111111-1111-4111-8111-111111111111"
    client.session.cookie_jar.update_cookies(
        {COOKIE_NAME: stranger}, response_url=client.make_url("/")
    )
    assert (await history(client))["state"] == "expired"
    assert (await client.post("/chat/message", json={"message": "hi"})).status == 409
    assert fake_rasa.received == []


async def test_the_cookie_stays_a_session_cookie(client: TestClient, fake_rasa: FakeRasa) -> None:
    response = await client.post("/chat/message", json={"message": "hello"})
    morsel = response.cookies[COOKIE_NAME]
    assert not morsel["max-age"] and not morsel["expires"]
    response = await client.post("/chat/restart")
    morsel = response.cookies[COOKIE_NAME]
    assert not morsel["max-age"] and not morsel["expires"]


async def test_the_store_is_bounded() -> None:
    store = TranscriptStore(max_conversations=2, max_turns=4)
    for sender in ("a", "b", "c"):
        await store.open(sender)
        for n in range(10):
            await store.record(sender, f"message {n}", [{"text": "x" * 10_000}])
    assert await store.state("a") is State.EXPIRED  # the least recently used went first
    turns = await store.turns("c")
    assert len(turns) == 4
    assert turns[-1] == {"from": "assistant", "text": "x" * 4000}
