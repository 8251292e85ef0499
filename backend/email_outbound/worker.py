"""The email half of the outbox worker: sends email rows while the worker runs.

`run_worker` (backend.sms_outbound.worker) runs `send_emails_until_stopped` beside the text
loop when a mail server is configured (ASB_SMTP_URL), so one process sends both and a slow mail
server never holds texts back. Without one, emails stay queued (the case page says so).
"""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.orm import sessionmaker

from backend.db import utcnow
from backend.email_outbound.sending import process_due_emails, resend_interrupted
from backend.email_outbound.smtp import ResidentEmail
from core.logs import log_unexpected
from core.settings import Settings

log = logging.getLogger(__name__)

# How often rows left in `sending` past their lease are looked for (also once at start).
RESEND_CHECK_SECONDS = 60.0


async def send_emails_until_stopped(
    session_factory: sessionmaker,
    config: ResidentEmail,
    settings: Settings,
    stop_event: asyncio.Event,
    poll_interval: float,
) -> None:
    """Send due emails and settle interrupted ones until `stop_event` is set; wait
    `poll_interval` whenever nothing was due."""
    next_resend_check = time.monotonic()
    log.info("email sending started")
    while not stop_event.is_set():
        claimed = 0
        try:
            if time.monotonic() >= next_resend_check:
                next_resend_check = time.monotonic() + RESEND_CHECK_SECONDS
                await asyncio.to_thread(resend_interrupted, session_factory, utcnow())
            claimed = await asyncio.to_thread(
                process_due_emails,
                session_factory,
                config,
                settings,
                utcnow(),
                should_stop=stop_event.is_set,
            )
        except Exception as exc:  # noqa: BLE001 - keep the worker alive; rows stay queued
            log_unexpected(log, "email worker loop", exc)
        if claimed == 0:
            try:
                await asyncio.wait_for(stop_event.wait(), timeout=poll_interval)
            except asyncio.TimeoutError:
                pass
    log.info("email sending stopped")
