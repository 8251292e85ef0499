"""Re-delivers spooled reports the backend did not take at the time (runs in the action server).

Each pending row is retried when its `next_attempt_at` comes (exponential backoff, see
`delivery.backoff`); the backend is idempotent on `report_id`, so a retry whose first attempt
actually arrived never makes a second case.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from bot.actions.delivery import client_session, deliver
from bot.actions.handover import hand_over_due
from bot.actions.safeguarding import relay_records
from bot.actions.spool import DELIVERED, ReportSpool
from core.logs import log_unexpected
from core.settings import Settings

logger = logging.getLogger(__name__)

RELAY_INTERVAL = 10.0  # seconds between passes over the spool
BATCH_SIZE = 50


async def relay_once(settings: Settings, *, now: float | None = None) -> int:
    """One pass: try every due pending report once. Returns how many were delivered."""
    await hand_over_due(settings, now=now)  # refused reports to the held reports (handover.py)
    spool = ReportSpool(settings.report_spool_path)
    rows = await asyncio.to_thread(spool.due, time.time() if now is None else now, BATCH_SIZE)
    if not rows:
        return 0
    delivered = 0
    async with client_session() as session:
        for row in rows:
            if row.payload is None:
                continue
            outcome = await deliver(spool, settings, row.report_id, row.payload, session)
            delivered += outcome.state == DELIVERED
    return delivered


async def relay_forever(settings: Settings, stop_event: asyncio.Event) -> None:
    """Run `relay_once` every few seconds until `stop_event` is set."""
    logger.info("report relay started")
    while not stop_event.is_set():
        try:
            await relay_once(settings)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log_unexpected(logger, "report relay pass (will try again)", exc)
        await relay_records(settings)  # safeguarding records (safeguarding.py; never raises)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop_event.wait(), timeout=RELAY_INTERVAL)
    logger.info("report relay stopped")
