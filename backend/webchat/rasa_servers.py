"""Which Rasa server answers a conversation, and failing over when one is down (issue 14).

`settings.rasa_base_urls` (ASB_RASA_URLS) lists the Rasa servers. Each conversation (a web chat
conversation id, an SMS sender's number) has its own order of preference over them, by
rendezvous hashing: every server gets a score, a stable hash (BLAKE2b, not Python's
per-process `hash()`) of the key and the server's URL, and the highest score goes first. So
every backend process picks the same server for one conversation (it normally stays on one
server), conversations spread evenly, and when a server is down its conversations spread over
the others instead of all landing on one.

`post` tries the servers in that order. It goes on to the next server, at once, only when the
message cannot have reached Rasa: the connection could not be made (refused, no route, connect
timeout), it was reset or closed before an answer, or a proxy answered 502, 503 or 504. Such a
server is remembered as down for `down_seconds` (tried last meanwhile, not skipped). A timeout
after the request reached a server is never retried elsewhere: the message may have been
processed, and the caller answers 503. Keys are hashed, never logged; URLs are logged.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp import web
from yarl import URL

logger = logging.getLogger(__name__)

DOWN_SECONDS = 5.0  # how long a server that could not be reached is tried last
CONNECT_SECONDS = 3.0  # longest wait for a connection to one server (then the next is tried)
RETRY_ELSEWHERE = frozenset({502, 503, 504})  # a proxy in front of a Rasa server that is down


def score(key: str, server: str) -> int:
    """The server's rendezvous score for `key`: the same in every process (not `hash()`)."""
    digest = hashlib.blake2b(f"{server}\n{key}".encode("utf-8", "replace"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


class RasaUnreachable(Exception):
    """No Rasa server could be reached (every one refused, reset or answered 502/503/504)."""


class RasaTimeout(Exception):
    """A Rasa server was reached but did not answer in time (never retried elsewhere)."""


@dataclass(frozen=True)
class RasaAnswer:
    """What a Rasa server answered: its URL, status, body and Content-Type header as sent."""

    server: str
    status: int
    body: bytes
    content_type: str


class RasaServers:
    """The Rasa servers, each conversation's order over them, and which are down just now."""

    def __init__(
        self,
        base_urls: Sequence[str],
        down_seconds: float = DOWN_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        urls = list(dict.fromkeys(url.rstrip("/") for url in base_urls if url.strip()))
        if not urls:
            raise ValueError("at least one Rasa server is needed")
        self.base_urls: tuple[str, ...] = tuple(urls)
        self.down_seconds = down_seconds
        self.clock = clock
        self._down_until: dict[str, float] = {}

    def order_for(self, key: str) -> list[str]:
        """The servers to try for `key`, best first; servers down just now go last."""
        ranked = sorted(self.base_urls, key=lambda server: score(key, server), reverse=True)
        now = self.clock()
        up = [server for server in ranked if self._down_until.get(server, 0.0) <= now]
        return up + [server for server in ranked if server not in up]

    def mark_down(self, server: str) -> None:
        self._down_until[server] = self.clock() + self.down_seconds

    def mark_up(self, server: str) -> None:
        self._down_until.pop(server, None)

    def is_down(self, server: str) -> bool:
        return self._down_until.get(server, 0.0) > self.clock()


# -- talking to them -------------------------------------------------------------------------


async def _connection_made(
    _session: aiohttp.ClientSession, context: SimpleNamespace, _params: Any
) -> None:
    request_context = context.trace_request_ctx
    if isinstance(request_context, SimpleNamespace):
        request_context.connected = True


def tracing() -> aiohttp.TraceConfig:
    """Notes on each request whether a connection was made, so a timeout can be told apart:
    before it (the server was not reached: try another) or after (it may have the message)."""
    config = aiohttp.TraceConfig()
    config.on_connection_create_end.append(_connection_made)
    config.on_connection_reuseconn.append(_connection_made)
    return config


async def _post_one(
    http: aiohttp.ClientSession,
    server: str,
    path: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
) -> RasaAnswer | None:
    """One server's answer; None when it could not be reached (try the next one). `path` is
    sent as it is (a query string already encoded stays byte for byte: Twilio signs it)."""
    progress = SimpleNamespace(connected=False, answered=False)
    limits = aiohttp.ClientTimeout(total=timeout, connect=min(CONNECT_SECONDS, timeout))
    try:
        async with http.post(
            URL(server + path, encoded=True),
            data=body,
            headers=headers,
            timeout=limits,
            trace_request_ctx=progress,
        ) as response:
            progress.answered = True  # from here on, a failure is never retried elsewhere
            answer = await response.read()
            content_type = response.headers.get("Content-Type", "")
            return RasaAnswer(server, response.status, answer, content_type)
    except asyncio.TimeoutError as exc:  # aiohttp.ServerTimeoutError is one too
        if progress.connected:
            raise RasaTimeout(server) from exc
        logger.warning("Rasa server %s: no connection within %ss", server, CONNECT_SECONDS)
        return None
    except (aiohttp.ClientConnectionError, ConnectionError) as exc:
        if progress.answered:
            raise  # the answer broke off: the caller says the assistant is not available
        # Refused, no route, reset, or closed before answering: nothing was answered.
        logger.warning("Rasa server %s could not be reached (%s)", server, type(exc).__name__)
        return None


async def post(
    servers: RasaServers,
    http: aiohttp.ClientSession,
    key: str,
    path: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
) -> RasaAnswer:
    """POST `body` to `path` on the server chosen for `key`, or on the next ones while a
    server cannot be reached. RasaUnreachable when none can; RasaTimeout when the one reached
    does not answer within `timeout` seconds. `http` must carry `tracing()` (RASA_HTTP does):
    it tells a connect timeout (retried elsewhere) from a timeout after connecting (never)."""
    for server in servers.order_for(key):
        answer = await _post_one(http, server, path, body, headers, timeout)
        if answer is not None and answer.status not in RETRY_ELSEWHERE:
            servers.mark_up(server)
            return answer
        if answer is not None:
            logger.warning("Rasa server %s answered HTTP %s", server, answer.status)
        servers.mark_down(server)
    raise RasaUnreachable(path)


# -- one set of servers and one HTTP client per app ------------------------------------------

RASA_SERVERS = web.AppKey("rasa_servers", RasaServers)
RASA_HTTP = web.AppKey("rasa_http", aiohttp.ClientSession)


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    """One HTTP client for talking to the Rasa servers, for the life of the app."""
    async with aiohttp.ClientSession(trace_configs=[tracing()]) as session:
        app[RASA_HTTP] = session
        yield


def setup_rasa_servers(app: web.Application, base_urls: Sequence[str]) -> RasaServers:
    """The app's Rasa servers and HTTP client (the web chat and the SMS forwarder share them).
    Idempotent: a second call returns the servers already set up."""
    if RASA_SERVERS in app:
        return app[RASA_SERVERS]
    servers = RasaServers(base_urls)
    app[RASA_SERVERS] = servers
    app.cleanup_ctx.append(_http_client)
    return servers
