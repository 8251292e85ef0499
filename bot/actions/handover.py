"""Handing refused reports to the backend's held reports (`POST /api/held-reports`).

When the backend refuses a report (400 even without its optional parts, or 413), the resident
is told we kept a copy for the team. This makes it true: the spool row (state `rejected`, with
the refusal) goes to the backend's tolerant hand-over endpoint, where staff see it, file it or
resolve it. `delivery.deliver` hands it over at once; the relay (`hand_over_due`, every pass)
retries with the same backoff as reports until the backend answers 200 or 201, then the row
records `handed_over_at` and drops its copy of the report. The endpoint is idempotent on
`report_id`, so a crash between the backend's answer and our record only sends it twice.

Logs carry report ids and HTTP statuses only, never report content.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date, datetime
from typing import Any

import aiohttp

from bot.actions.spool import ReportSpool, SpoolRow
from core.i18n import day_name
from core.settings import Settings
from core.workdays import WorkingCalendar

logger = logging.getLogger(__name__)

HANDOVER_TIMEOUT = aiohttp.ClientTimeout(total=5)
# Same backoff as reports (bot/actions/delivery.py): 15 s, doubled, up to every 15 minutes.
BACKOFF_FIRST = 15.0
BACKOFF_MAX = 15 * 60.0
# A freshly rejected row waits this long before the relay hands it over, so the in-line
# hand-over (straight after the refusal) is not raced; after a crash the relay does it.
INLINE_GRACE = 30.0
BATCH_SIZE = 50


def held_reports_url(settings: Settings) -> str:
    return f"{settings.backend_url}/api/held-reports"


def backoff(attempts: int) -> float:
    """Seconds to wait after `attempts` failed hand-overs."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def review_day(settings: Settings, language: str, moment: datetime) -> str:
    """The working day the team sees a report kept at `moment` ("Monday 23 November"): the
    day's triage when it came in office hours, else the next working day's."""
    calendar = WorkingCalendar.from_settings(settings)
    day: date = calendar.queue_date(moment)
    return day_name(day, language)


async def _post(
    session: aiohttp.ClientSession, settings: Settings, row: SpoolRow
) -> tuple[bool, str]:
    """POST once: (kept, error summary without personal data)."""
    body: dict[str, Any] = {
        "report_id": row.report_id,
        "payload": row.payload,
        "refusal": row.refusal or {"error": row.last_error},
    }
    headers = {"Authorization": f"Bearer {settings.ingest_secret}"}
    try:
        async with session.post(held_reports_url(settings), json=body, headers=headers) as resp:
            await resp.read()
            if resp.status in (200, 201):
                return True, ""
            return False, f"HTTP {resp.status}"
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        return False, type(exc).__name__


async def hand_over(
    spool: ReportSpool,
    settings: Settings,
    report_id: str,
    session: aiohttp.ClientSession | None = None,
) -> bool:
    """Hand one rejected spool row to the backend's held reports; True once the backend has it
    (also when it already had it). A failure schedules the next try."""
    row = await asyncio.to_thread(spool.get, report_id)
    if row is None or row.handed_over_at is not None or row.payload is None:
        return row is not None and row.handed_over_at is not None
    if session is None:
        async with aiohttp.ClientSession(timeout=HANDOVER_TIMEOUT) as own_session:
            return await hand_over(spool, settings, report_id, own_session)
    kept, error = await _post(session, settings, row)
    if kept:
        await asyncio.to_thread(spool.mark_handed_over, report_id)
        logger.info("report %s handed over to the backend's held reports", report_id)
        return True
    delay = backoff(row.handover_attempts + 1)
    attempts = await asyncio.to_thread(
        spool.mark_handover_failed, report_id, error, time.time() + delay
    )
    log = logger.error if error.startswith("HTTP 4") else logger.warning
    log(
        "report %s: held-report hand-over failed (%s), attempt %d; next try in %.0f s",
        report_id,
        error,
        attempts,
        delay,
    )
    return False


async def hand_over_due(settings: Settings, *, now: float | None = None) -> int:
    """One relay pass over rejected reports not yet handed over; returns how many the backend
    has now."""
    spool = ReportSpool(settings.report_spool_path)
    rows = await asyncio.to_thread(
        spool.due_handovers, time.time() if now is None else now, BATCH_SIZE
    )
    if not rows:
        return 0
    kept = 0
    async with aiohttp.ClientSession(timeout=HANDOVER_TIMEOUT) as session:
        for row in rows:
            kept += await hand_over(spool, settings, row.report_id, session)
    return kept
