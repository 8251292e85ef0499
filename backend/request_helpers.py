"""Helpers the backend's request handlers share (database calls, JSON errors, auth headers)."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from aiohttp import web
from sqlalchemy.orm import Session

from backend.appkeys import CLOCK, SESSION_FACTORY, SETTINGS
from backend.db import transaction

T = TypeVar("T")
log = logging.getLogger(__name__)


async def run_db(request: web.Request, work: Callable[[Session], T]) -> T:
    """Run `work(session)` in one transaction on a worker thread (committed if it returns).

    SQLAlchemy here is synchronous, so it must not run on the event loop. Return plain data
    (dicts) from `work`: ORM objects are detached once the session closes.
    """
    factory = request.config_dict[SESSION_FACTORY]

    def in_transaction() -> T:
        with transaction(factory) as session:
            return work(session)

    return await asyncio.to_thread(in_transaction)


def now(request: web.Request) -> datetime:
    """The current UTC time as the application sees it (tests can pin it)."""
    return request.config_dict[CLOCK]()


def json_error(status: int, message: str, **extra: Any) -> web.Response:
    """`{"error": message, ...}` with the given HTTP status."""
    return web.json_response({"error": message, **extra}, status=status)


def bearer_token(request: web.Request) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def secret_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison; an unset secret never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def unauthorised(message: str = "authentication required") -> web.Response:
    response = json_error(401, message)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def ingest_refusal(request: web.Request) -> web.Response | None:
    """A 401 response unless the request carries `Authorization: Bearer $ASB_INGEST_SECRET`
    (the bot and action server); None when it does."""
    settings = request.config_dict[SETTINGS]
    if secret_matches(bearer_token(request), settings.ingest_secret):
        return None
    if not settings.ingest_secret:
        log.error("request refused: ASB_INGEST_SECRET is not set")
    return unauthorised("a valid ingest secret is required")
