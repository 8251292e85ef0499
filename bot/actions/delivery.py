"""One attempt to hand a spooled report to the backend (`POST /api/reports`), and its outcome.

Used by the submit action (straight after the resident confirms) and by the relay loop.
Logs carry report ids, references and HTTP statuses only, never report content.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

from asb.settings import Settings
from bot.actions.spool import DELIVERED, PENDING, REJECTED, ReportSpool

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=5)
# Statuses meaning "this report itself is wrong": retrying cannot help, staff must look.
REJECTED_STATUSES = frozenset({400, 422})
BACKOFF_FIRST = 15.0  # seconds before the first retry, doubled each time ...
BACKOFF_MAX = 15 * 60.0  # ... up to every 15 minutes, for as long as it takes.


def backoff(attempts: int) -> float:
    """Seconds to wait after `attempts` failed attempts."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


@dataclass(frozen=True)
class Outcome:
    state: str  # delivered | pending | rejected
    response: dict[str, Any] | None = None


def reports_url(settings: Settings) -> str:
    return f"{settings.backend_url}/api/reports"


def client_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=REQUEST_TIMEOUT)


async def _post(
    session: aiohttp.ClientSession, settings: Settings, payload: dict[str, Any]
) -> tuple[str, dict[str, Any] | None, str]:
    """POST once: (state, backend answer, error summary without personal data)."""
    headers = {"Authorization": f"Bearer {settings.ingest_secret}"}
    try:
        async with session.post(reports_url(settings), json=payload, headers=headers) as resp:
            try:
                body = await resp.json(content_type=None)
            except ValueError:
                body = None
            body = body if isinstance(body, dict) else None
            if resp.status in (200, 201):
                return DELIVERED, body or {}, ""
            if resp.status in REJECTED_STATUSES:
                fields = sorted((body or {}).get("fields") or {})
                return REJECTED, None, f"HTTP {resp.status} fields={','.join(fields)}"
            return PENDING, None, f"HTTP {resp.status}"
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        return PENDING, None, type(exc).__name__


async def deliver(
    spool: ReportSpool,
    settings: Settings,
    report_id: str,
    payload: dict[str, Any],
    session: aiohttp.ClientSession | None = None,
) -> Outcome:
    """POST a spooled report and record the result in the spool."""
    if session is None:
        async with client_session() as own_session:
            return await deliver(spool, settings, report_id, payload, own_session)
    state, body, error = await _post(session, settings, payload)
    if state == DELIVERED:
        await asyncio.to_thread(spool.mark_delivered, report_id, body or {})
        logger.info("report %s delivered as %s", report_id, (body or {}).get("reference"))
        return Outcome(DELIVERED, body)
    if state == REJECTED:
        await asyncio.to_thread(spool.mark_rejected, report_id, error)
        logger.error("report %s rejected by the backend (%s); kept in the spool", report_id, error)
        return Outcome(REJECTED)
    row = await asyncio.to_thread(spool.get, report_id)
    delay = backoff((row.attempts if row else 0) + 1)
    attempts = await asyncio.to_thread(spool.mark_failed, report_id, error, time.time() + delay)
    logger.warning(
        "report %s not delivered (%s), attempt %d; next try in %.0f s",
        report_id,
        error,
        attempts,
        delay,
    )
    return Outcome(PENDING)
