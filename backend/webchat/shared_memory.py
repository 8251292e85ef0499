"""The web chat's memory shared by several backends through Redis (issue 14; REDIS_URL set).

Several backend processes answer behind one address, so consecutive requests of one resident
may reach different backends: each must know the conversation. What is kept, all under one key
prefix (`asb:webchat:` unless configured) and each with a TTL, so Redis forgets it on its own:

- `live:<id>`   the conversation is active (TTL: the idle expiry, renewed on each turn);
- `turns:<id>`  its transcript, a list of JSON turns (TTL: the idle expiry), at most MAX_TURNS
                turns of MAX_TEXT characters, exactly as in the in-memory store;
- `ended:<id>`  ended by "Exit this page" or "Start again" (an id only; TTL: ENDED_SECONDS);
- `case:<id>`   the case the session's report made, for evidence uploads (TTL: CASE_SECONDS).

Transcripts hold what residents typed, so the landlord's Redis must not persist to disk (no
RDB snapshots, no AOF: `save ""` and `appendonly no`) and must be reachable only from the
backend's hosts (bind to a private address, with a password in REDIS_URL). Values are never
logged (nor are keys: they carry conversation ids). When Redis cannot be reached the chat
answers 503 as when Rasa is down (`StoreUnavailable`); "Exit this page" still clears the
cookie and leaves.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web
from redis import asyncio as aioredis
from redis.exceptions import RedisError

from backend.webchat.session_cases import SessionCases
from backend.webchat.transcripts import (
    MAX_TURNS,
    State,
    StoreUnavailable,
    Transcripts,
    button_title,
    exchange_turns,
    shown_turns,
)

DEFAULT_PREFIX = "asb:webchat:"
ENDED_SECONDS = 24 * 3600  # an ended id is remembered a day (session cookies rarely last longer)
CASE_SECONDS = 24 * 3600  # a session's case is remembered a day (uploads after the report)
RECENT_TURNS = 50  # turns read to find the buttons the assistant last offered
REDIS_TIMEOUT = 2.0  # seconds: a Redis that does not answer fails the request, not hangs it


@contextmanager
def _redis_errors() -> Iterator[None]:
    """Any Redis or network failure becomes StoreUnavailable (its class name only: no values)."""
    try:
        yield
    except (RedisError, OSError) as exc:
        raise StoreUnavailable(type(exc).__name__) from None


class SharedMemory:
    """One Redis client per app: made when the app starts, closed when it stops
    (`cleanup_ctx`), read by the stores below."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX) -> None:
        self.url = url
        self.prefix = prefix
        self._client: aioredis.Redis | None = None

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            raise StoreUnavailable("the Redis client is not started")
        return self._client

    def key(self, kind: str, sender: str) -> str:
        return f"{self.prefix}{kind}:{sender}"

    def connect(self) -> None:
        """Make the client (it connects on first use, and again after a failure)."""
        self._client = aioredis.Redis.from_url(
            self.url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close(close_connection_pool=True)

    async def cleanup_ctx(self, _app: web.Application) -> AsyncIterator[None]:
        """For `app.cleanup_ctx`: the client lives as long as the app."""
        self.connect()
        try:
            yield
        finally:
            await self.close()


WEBCHAT_REDIS = web.AppKey("webchat_redis", SharedMemory)


def _milliseconds(seconds: float) -> int:
    return max(1, int(seconds * 1000))


class RedisTranscripts(Transcripts):
    """Transcripts in Redis: every backend sharing the Redis sees the same conversations."""

    def __init__(
        self,
        memory: SharedMemory,
        idle_seconds: float = 3600.0,
        max_turns: int = MAX_TURNS,
        ended_seconds: float = ENDED_SECONDS,
    ) -> None:
        self.memory = memory
        self.idle_seconds = idle_seconds
        self.max_turns = max_turns
        self.ended_seconds = ended_seconds

    def _keys(self, sender: str) -> tuple[str, str, str]:
        key = self.memory.key
        return key("live", sender), key("turns", sender), key("ended", sender)

    async def state(self, sender: str | None) -> State:
        if sender is None:
            return State.NEW
        live, _turns, ended = self._keys(sender)
        with _redis_errors():
            async with self.memory.client.pipeline(transaction=False) as pipe:
                is_ended, is_live = await pipe.exists(ended).exists(live).execute()
        if is_ended:
            return State.ENDED
        return State.ACTIVE if is_live else State.EXPIRED

    async def open(self, sender: str) -> None:
        live, turns, ended = self._keys(sender)
        with _redis_errors():
            async with self.memory.client.pipeline(transaction=True) as pipe:
                pipe.delete(ended, turns)
                pipe.set(live, b"1", px=_milliseconds(self.idle_seconds))
                await pipe.execute()

    async def end(self, sender: str | None) -> None:
        if sender is None:
            return
        live, turns, ended = self._keys(sender)
        with _redis_errors():
            async with self.memory.client.pipeline(transaction=True) as pipe:
                pipe.delete(live, turns)
                pipe.set(ended, b"1", px=_milliseconds(self.ended_seconds))
                await pipe.execute()

    async def _read(self, key: str, start: int) -> list[dict[str, Any]]:
        with _redis_errors():
            raw = await self.memory.client.lrange(key, start, -1)
        return [json.loads(item) for item in raw]

    async def shown_as(self, sender: str, text: str) -> str:
        recent = await self._read(self._keys(sender)[1], -RECENT_TURNS)
        return button_title(reversed(recent), text)

    async def record(self, sender: str, said: str, replies: list[dict[str, Any]]) -> None:
        live, turns, ended = self._keys(sender)
        idle = _milliseconds(self.idle_seconds)
        values = [
            json.dumps(turn, ensure_ascii=False).encode("utf-8", "replace")
            for turn in exchange_turns(said, replies)
        ]
        with _redis_errors():
            if await self.memory.client.exists(ended):
                return  # ended on another backend while the assistant answered: stays ended
            async with self.memory.client.pipeline(transaction=True) as pipe:
                pipe.rpush(turns, *values)
                pipe.ltrim(turns, -self.max_turns, -1)
                pipe.pexpire(turns, idle)
                pipe.set(live, b"1", px=idle)
                await pipe.execute()

    async def touch(self, sender: str) -> None:
        live, turns, _ended = self._keys(sender)
        idle = _milliseconds(self.idle_seconds)
        with _redis_errors():
            async with self.memory.client.pipeline(transaction=True) as pipe:
                await pipe.pexpire(live, idle).pexpire(turns, idle).execute()

    async def turns(self, sender: str) -> list[dict[str, Any]]:
        return shown_turns(await self._read(self._keys(sender)[1], 0))


class RedisSessionCases(SessionCases):
    """Each session's case in Redis, for CASE_SECONDS after the receipt."""

    def __init__(self, memory: SharedMemory, ttl_seconds: float = CASE_SECONDS) -> None:
        self.memory = memory
        self.ttl_seconds = ttl_seconds

    async def get(self, sender: str | None) -> tuple[int, str] | None:
        if sender is None:
            return None
        with _redis_errors():
            raw = await self.memory.client.get(self.memory.key("case", sender))
        if raw is None:
            return None
        case_id, reference = json.loads(raw)
        return int(case_id), str(reference)

    async def set(self, sender: str, case_id: int, reference: str) -> None:
        value = json.dumps([case_id, reference]).encode("utf-8")
        with _redis_errors():
            await self.memory.client.set(
                self.memory.key("case", sender), value, px=_milliseconds(self.ttl_seconds)
            )

    async def forget(self, sender: str | None) -> None:
        if sender is not None:
            with _redis_errors():
                await self.memory.client.delete(self.memory.key("case", sender))
