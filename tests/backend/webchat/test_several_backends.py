"""Issue 14: several backends behind one address and several Rasa servers.

Two backend apps share one Redis (the real one at 127.0.0.1:6379; each test has its own key
prefix and deletes only its keys): a resident's requests may reach either, and the
conversation goes on. Fake Rasa servers are real local HTTP servers; a stopped one refuses
connections like a dead Rasa."""

# ruff: noqa: F811 (fixtures imported from test_page and rasa_fakes are arguments here)
from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace

import pytest
from aiohttp.test_utils import TestClient
from redis import asyncio as aioredis
from redis.exceptions import RedisError

from backend.webchat.common import WEBCHAT_CASES, WEBCHAT_TRANSCRIPTS
from backend.webchat.rasa_servers import RasaServers
from backend.webchat.shared_memory import (
    WEBCHAT_REDIS,
    RedisSessionCases,
    RedisTranscripts,
    SharedMemory,
)
from backend.webchat.transcripts import State, TranscriptStore
from backend.webchat.views import COOKIE_NAME, WebChatConfig
from core.settings import Settings
from tests.backend.webchat.rasa_fakes import (  # noqa: F401 (fixture)
    FakeRasaServer,
    StartRasa,
    start_rasa,
    total_received,
)
from tests.backend.webchat.test_page import (  # noqa: F401 (fixtures)
    MakeClient,
    chat_cookie,
    make_client,
    settings_for,
)

REDIS_URL = os.environ.get("ASB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys (only those) are deleted afterwards."""
    prefix = f"asb:test:{uuid.uuid4().hex}:webchat:"
    client = aioredis.Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:  # pragma: no cover - depends on the machine
        await client.close()
        if os.environ.get("ASB_SKIP_REDIS") == "1":
            pytest.skip("ASB_SKIP_REDIS=1")
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc})", pytrace=False)
    yield prefix
    keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.close()


@pytest.fixture
async def redis_client() -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(REDIS_URL)
    yield client
    await client.close()


async def two_backends(
    make_client: MakeClient,
    settings: Settings,
    prefix: str,
    config: WebChatConfig | None = None,
) -> tuple[TestClient, TestClient]:
    """Backends A and B sharing one Redis and the same Rasa servers."""
    config = replace(config or WebChatConfig(), redis_prefix=prefix)
    shared = replace(settings, redis_url=REDIS_URL)
    return await make_client(shared, config), await make_client(shared, config)


def use_cookie(client: TestClient, sender: str) -> None:
    """The resident's next request reaches `client` with their cookie."""
    client.session.cookie_jar.update_cookies(
        {COOKIE_NAME: sender}, response_url=client.make_url("/")
    )


async def history(client: TestClient) -> dict:
    response = await client.get("/chat/history")
    assert response.status == 200
    return await response.json()


@pytest.fixture
async def one_rasa(start_rasa: StartRasa, settings_for: Callable[[int], Settings]) -> Settings:
    (rasa,) = await start_rasa(1)
    return replace(settings_for(0), rasa_urls=(rasa.url,))


# -- one conversation, any backend --------------------------------------------------------------


async def test_a_conversation_started_on_one_backend_goes_on_on_another(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    first = await a.post("/chat/message", json={"message": "Loud music every night"})
    assert first.status == 200
    sender = chat_cookie(a)
    assert sender is not None
    use_cookie(b, sender)
    second = await b.post("/chat/message", json={"message": "/affirm"})  # the "Yes" button
    assert second.status == 200  # not 409 "expired": B knows the conversation
    assert COOKIE_NAME not in second.cookies  # the same conversation, not a new one
    shown = await history(b)
    assert shown["state"] == "active"
    residents = [turn["text"] for turn in shown["turns"] if turn["from"] == "resident"]
    assert residents == ["Loud music every night", "Yes"]  # the button, as seen on A
    assert shown["turns"][-1]["buttons"]  # the open question keeps its buttons
    assert await history(a) == shown


async def test_quick_exit_on_one_backend_ends_the_conversation_on_the_other(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    await a.post("/chat/message", json={"message": "He is outside my door"})
    sender = chat_cookie(a)
    assert sender is not None
    assert (await a.post("/chat/exit")).status == 200
    use_cookie(b, sender)
    assert await history(b) == {"state": "new", "turns": []}
    use_cookie(b, sender)
    response = await b.post("/chat/message", json={"message": "hello"})
    assert response.status == 200
    assert response.cookies[COOKIE_NAME].value != sender  # a fresh conversation


async def test_restart_on_one_backend_is_known_to_the_other(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    await a.post("/chat/message", json={"message": "one"})
    old = chat_cookie(a)
    await a.post("/chat/restart")
    new = chat_cookie(a)
    assert new and new != old
    use_cookie(b, new)
    assert (await b.post("/chat/message", json={"message": "two"})).status == 200
    assert [t["text"] for t in (await history(a))["turns"] if t["from"] == "resident"] == ["two"]


async def test_an_idle_conversation_expires_on_every_backend(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str, redis_client: aioredis.Redis
) -> None:
    config = WebChatConfig(session_idle_seconds=0.6)
    a, b = await two_backends(make_client, one_rasa, redis_prefix, config)
    await a.post("/chat/message", json={"message": "Loud music"})
    sender = chat_cookie(a)
    assert sender is not None
    for kind in ("live", "turns"):
        assert 0 < await redis_client.pttl(f"{redis_prefix}{kind}:{sender}") <= 600
    await asyncio.sleep(0.8)
    use_cookie(b, sender)
    assert await history(b) == {"state": "expired", "turns": []}
    response = await b.post("/chat/message", json={"message": "/affirm"})
    assert response.status == 409
    assert (await response.json())["expired"] is True


async def test_what_is_kept_has_a_ttl_and_stays_out_of_the_logs(
    make_client: MakeClient,
    one_rasa: Settings,
    redis_prefix: str,
    redis_client: aioredis.Redis,
    caplog: pytest.LogCaptureFixture,
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    with caplog.at_level(logging.DEBUG):
        await a.post("/chat/message", json={"message": "my neighbour Sam Example"})
        sender = chat_cookie(a)
        assert sender is not None
        use_cookie(b, sender)
        await history(b)
        keys = [key async for key in redis_client.scan_iter(match=f"{redis_prefix}*")]
        assert keys and all([await redis_client.pttl(key) > 0 for key in keys])
        await b.post("/chat/exit")
    assert "Sam Example" not in caplog.text
    assert sender not in caplog.text
    ended = [key async for key in redis_client.scan_iter(match=f"{redis_prefix}*")]
    assert ended == [f"{redis_prefix}ended:{sender}".encode()]  # an id only, with a TTL
    assert await redis_client.pttl(ended[0]) > 0


async def test_the_store_in_redis_has_the_same_bounds(redis_prefix: str) -> None:
    memory = SharedMemory(REDIS_URL, redis_prefix)
    memory.connect()
    try:
        store = RedisTranscripts(memory, max_turns=4)
        await store.open("c")
        for n in range(10):
            await store.record("c", f"message {n}", [{"text": "x" * 10_000}])
        turns = await store.turns("c")
        assert len(turns) == 4
        assert turns[-1] == {"from": "assistant", "text": "x" * 4000}
        assert await store.state("c") is State.ACTIVE
        await store.end("c")
        await store.record("c", "late answer from Rasa", [])  # ended elsewhere meanwhile
        assert await store.state("c") is State.ENDED
        assert await store.turns("c") == []
    finally:
        await memory.close()


async def test_a_sessions_case_is_known_to_every_backend(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    cases_a, cases_b = a.app[WEBCHAT_CASES], b.app[WEBCHAT_CASES]
    assert isinstance(cases_a, RedisSessionCases) and isinstance(cases_b, RedisSessionCases)
    await cases_a.set("sender-1", 42, "ASB-2026-0042")
    assert await cases_b.get("sender-1") == (42, "ASB-2026-0042")
    assert await cases_b.get("sender-2") is None
    await cases_b.forget("sender-1")
    assert await cases_a.get("sender-1") is None


async def test_quick_exit_forgets_the_sessions_case(
    make_client: MakeClient, one_rasa: Settings, redis_prefix: str
) -> None:
    a, b = await two_backends(make_client, one_rasa, redis_prefix)
    await a.post("/chat/message", json={"message": "hello"})
    sender = chat_cookie(a)
    assert sender is not None
    await a.app[WEBCHAT_CASES].set(sender, 7, "ASB-2026-0007")
    use_cookie(b, sender)
    await b.post("/chat/exit")
    assert await a.app[WEBCHAT_CASES].get(sender) is None


async def test_without_redis_each_backend_keeps_its_own_memory(
    make_client: MakeClient, one_rasa: Settings
) -> None:
    client = await make_client(one_rasa)
    assert isinstance(client.app[WEBCHAT_TRANSCRIPTS], TranscriptStore)
    assert WEBCHAT_REDIS not in client.app


async def test_redis_down_is_a_plain_503_and_quick_exit_still_works(
    make_client: MakeClient, one_rasa: Settings, unused_tcp_port: int
) -> None:
    broken = replace(one_rasa, redis_url=f"redis://127.0.0.1:{unused_tcp_port}/0")
    client = await make_client(broken)
    response = await client.post("/chat/message", json={"message": "hello"})
    assert response.status == 503
    assert "If anyone is in danger call 999" in (await response.json())["error"]
    use_cookie(client, str(uuid.uuid4()))  # a reload in the middle of a conversation
    assert (await client.get("/chat/history")).status == 503
    leave = await client.get("/chat/leave", allow_redirects=False)
    assert leave.status == 303
    assert (await client.post("/chat/exit")).status == 200


# -- several Rasa servers -------------------------------------------------------------------------


def sender_first_on(servers: list[FakeRasaServer], url: str) -> str:
    """A conversation id whose first choice is the server at `url`."""
    order = RasaServers([server.url for server in servers])
    for _ in range(1000):
        sender = str(uuid.uuid4())
        if order.order_for(sender)[0] == url:
            return sender
    raise AssertionError("no conversation id found")


async def test_with_one_rasa_server_dead_every_message_is_answered_by_another(
    make_client: MakeClient,
    start_rasa: StartRasa,
    settings_for: Callable[[int], Settings],
    redis_prefix: str,
) -> None:
    dead, alive = await start_rasa(2)
    settings = replace(settings_for(0), rasa_urls=(dead.url, alive.url))
    a, b = await two_backends(make_client, settings, redis_prefix)
    await dead.stop()
    # Conversations whose first choice is the dead server, started on A, going on via B.
    for _ in range(3):
        sender = sender_first_on([dead, alive], dead.url)
        await a.app[WEBCHAT_TRANSCRIPTS].open(sender)
        for client in (a, b, a):
            use_cookie(client, sender)
            response = await client.post("/chat/message", json={"message": "Loud music"})
            assert response.status == 200
            assert (await response.json())["messages"][0]["text"] == "rasa-2 heard: Loud music"
    # And new conversations, wherever they would go.
    for _ in range(6):
        other = await make_client(replace(settings, redis_url=""))
        assert (await other.post("/chat/message", json={"message": "hi"})).status == 200
    assert len(alive.received) == 15


async def test_one_conversation_stays_on_one_rasa_server(
    make_client: MakeClient,
    start_rasa: StartRasa,
    settings_for: Callable[[int], Settings],
    redis_prefix: str,
) -> None:
    servers = await start_rasa(3)
    settings = replace(settings_for(0), rasa_urls=tuple(server.url for server in servers))
    a, b = await two_backends(make_client, settings, redis_prefix)
    await a.post("/chat/message", json={"message": "one"})
    sender = chat_cookie(a)
    assert sender is not None
    use_cookie(b, sender)
    await b.post("/chat/message", json={"message": "two"})
    await a.post("/chat/message", json={"message": "three"})
    assert sorted(len(server.received) for server in servers) == [0, 0, 3]


async def test_a_rasa_server_that_times_out_is_not_asked_again_elsewhere(
    make_client: MakeClient, start_rasa: StartRasa, settings_for: Callable[[int], Settings]
) -> None:
    servers = await start_rasa(2)
    for server in servers:
        server.mode = "slow"
    settings = replace(settings_for(0), rasa_urls=tuple(server.url for server in servers))
    client = await make_client(settings, WebChatConfig(rasa_timeout=0.3))
    response = await client.post("/chat/message", json={"message": "someone is at my door"})
    assert response.status == 503
    assert "If anyone is in danger call 999" in (await response.json())["error"]
    assert total_received(servers) == 1  # the message may have been processed: not sent twice


async def test_no_rasa_server_reachable_gives_the_usual_503(
    make_client: MakeClient, start_rasa: StartRasa, settings_for: Callable[[int], Settings]
) -> None:
    servers = await start_rasa(2)
    settings = replace(settings_for(0), rasa_urls=tuple(server.url for server in servers))
    for server in servers:
        await server.stop()
    client = await make_client(settings)
    response = await client.post("/chat/message", json={"message": "hello"})
    assert response.status == 503
    assert "If anyone is in danger call 999" in (await response.json())["error"]


# -- one backend, restarted, with no shared memory (the embedded default) ----------------------


def carry_cookies(source: TestClient, target: TestClient) -> None:
    """The browser's cookies, sent to `target` (the same address after a restart)."""
    for cookie in source.session.cookie_jar:
        target.session.cookie_jar.update_cookies(
            {cookie.key: cookie.value}, response_url=target.make_url("/")
        )


async def test_a_restarted_backend_carries_on_a_live_conversation(
    make_client: MakeClient, one_rasa: Settings
) -> None:
    """Without Redis, a backend restart forgets every transcript; the browser's signed
    "last used" cookie tells the new process the conversation is live, so the resident is
    answered (not told it expired); only the earlier turns are not shown again."""
    before = await make_client(one_rasa)
    assert (await before.post("/chat/message", json={"message": "Loud music"})).status == 200
    sender = chat_cookie(before)
    after = await make_client(one_rasa)  # the same backend, started again: empty memory
    carry_cookies(before, after)
    response = await after.post("/chat/message", json={"message": "every night"})
    assert response.status == 200, await response.text()
    assert COOKIE_NAME not in response.cookies  # the same conversation goes on
    assert chat_cookie(after) == sender
    shown = await history(after)
    assert shown["state"] == "active"
    assert [t["text"] for t in shown["turns"] if t["from"] == "resident"] == ["every night"]


async def test_an_unknown_conversation_without_a_true_recent_stamp_has_expired(
    make_client: MakeClient, one_rasa: Settings
) -> None:
    before = await make_client(one_rasa)
    await before.post("/chat/message", json={"message": "Loud music"})
    sender = chat_cookie(before)
    assert sender is not None
    for stamp in (
        "1000000000.0123456789abcdef0123456789abcdef",  # a forged signature
        "",  # none at all
    ):
        after = await make_client(one_rasa)
        use_cookie(after, sender)
        after.session.cookie_jar.update_cookies(
            {"asb_chat_seen": stamp}, response_url=after.make_url("/")
        )
        response = await after.post("/chat/message", json={"message": "hello"})
        assert response.status == 409
        assert (await response.json())["expired"] is True
