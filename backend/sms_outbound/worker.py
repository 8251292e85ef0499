"""The outbox worker: sends outbox rows, texts through Twilio at most once each, and emails to
residents by SMTP (backend.email_outbound, when ASB_SMTP_URL is set) in a loop of their own.

Life of a row: `pending` -> claimed (`sending`, committed before any HTTP call; `claims`) ->
`sent` with the Twilio SID, or back to `pending` with exponential backoff on a temporary error,
or `failed` (`sending`).

Nothing is sent twice: a row only leaves `sending` for `pending` after Twilio has been asked
whether it already holds that text (`reconcile.reconcile_sending`). That happens at start-up
for rows a dead worker left behind, and later for rows whose send had an ambiguous outcome
(the request may have reached Twilio but no answer came back) once their claim is older than
`SENDING_LEASE`. Several workers may run against one database (issue 14): PostgreSQL claims
with `SKIP LOCKED`, each claim names its worker (`claimed_by`: ASB_INSTANCE, which must be
unique among running workers and stay the same when one is restarted), and a worker starting
again settles only its own claims, never another worker's recent ones. The worker
also queues the regular "still working on it" updates open cases are due (texts or emails),
and records a heartbeat every 10 s (backend.health) that /healthz reports.

Logs name the outbox id, case id, kind, SID and status; never a phone number or a body.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from datetime import datetime

from sqlalchemy.orm import sessionmaker
from twilio.rest import Client

from backend.db import make_engine, make_session_factory, transaction, utcnow
from backend.email_outbound.smtp import ResidentEmail
from backend.email_outbound.worker import send_emails_until_stopped
from backend.health.service import HEARTBEAT_EVERY, SMS_WORKER, beat
from backend.sms_outbound.quiet_hours import QuietHours
from backend.sms_outbound.reconcile import reconcile_sending
from backend.sms_outbound.regular_contact import queue_regular_contact
from backend.sms_outbound.sending import SendPacer, process_due_messages
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.webhooks.worker import deliver_webhooks_until_stopped
from core.logs import log_unexpected
from core.settings import Settings

log = logging.getLogger(__name__)

RECONCILE_EVERY_SECONDS = 60.0
# How often open cases are checked for their regular "still working on it" text.
CONTACT_EVERY_SECONDS = 3600.0


def queue_contact_texts(session_factory: sessionmaker, settings: Settings, now: datetime) -> int:
    """Queue the regular texts open cases are due (see `regular_contact.queue_regular_contact`)."""
    with transaction(session_factory) as session:
        return queue_regular_contact(
            session,
            now,
            landlord_name=settings.landlord_name,
            landlord_phone=settings.landlord_phone,
        )


def _stop_on_signals(
    loop: asyncio.AbstractEventLoop, stop_event: asyncio.Event
) -> list[signal.Signals]:
    """Set `stop_event` on SIGINT and SIGTERM where this thread can; the signals handled."""
    handled: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop_event.set)
            handled.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or no signal support on this platform
    return handled


async def _reconcile_at_start(
    session_factory: sessionmaker, client: Client, settings: Settings
) -> None:
    """Settle every row this worker instance left in `sending` when it stopped, however recent
    its claim (and any other worker's claim older than the lease)."""
    try:
        await asyncio.to_thread(
            reconcile_sending,
            session_factory,
            client,
            settings,
            utcnow(),
            own_instance=settings.instance,
        )
    except Exception as exc:  # noqa: BLE001 - retried by the periodic reconciliation
        log_unexpected(log, "start-up reconciliation", exc)


async def _send_until_stopped(
    session_factory: sessionmaker,
    client: Client,
    settings: Settings,
    stop_event: asyncio.Event,
    poll_interval: float,
) -> None:
    """Send what is due, reconcile and queue regular contact on their own clocks, and wait
    `poll_interval` whenever nothing was due, until `stop_event` is set."""
    next_reconcile = time.monotonic() + RECONCILE_EVERY_SECONDS
    next_contact = time.monotonic()
    next_beat = time.monotonic()
    pacer = SendPacer(settings.sms_rate_per_second)
    while not stop_event.is_set():
        claimed = 0
        try:
            if time.monotonic() >= next_beat:
                next_beat = time.monotonic() + HEARTBEAT_EVERY.total_seconds()
                await asyncio.to_thread(
                    beat, session_factory, SMS_WORKER, settings.instance, utcnow()
                )
            claimed = await asyncio.to_thread(
                process_due_messages,
                session_factory,
                client,
                settings,
                utcnow(),
                should_stop=stop_event.is_set,
                pacer=pacer,
            )
            if time.monotonic() >= next_reconcile:
                next_reconcile = time.monotonic() + RECONCILE_EVERY_SECONDS
                await asyncio.to_thread(
                    reconcile_sending, session_factory, client, settings, utcnow()
                )
            if time.monotonic() >= next_contact:
                next_contact = time.monotonic() + CONTACT_EVERY_SECONDS
                await asyncio.to_thread(queue_contact_texts, session_factory, settings, utcnow())
        except Exception as exc:  # noqa: BLE001 - keep the worker alive; rows stay queued
            log_unexpected(log, "sms worker loop", exc)
        if claimed == 0:
            try:
                await asyncio.wait_for(stop_event.wait(), timeout=poll_interval)
            except asyncio.TimeoutError:
                pass


async def run_worker(
    settings: Settings,
    *,
    stop_event: asyncio.Event | None = None,
    poll_interval: float = 1.0,
    client: Client | None = None,
    session_factory: sessionmaker | None = None,
    email: ResidentEmail | None = None,
) -> None:
    """Send due texts (and, with `email`, emails) until `stop_event` is set (or SIGINT/SIGTERM
    when no event is given).

    `client` and `session_factory` default to ones built from `settings`; `main` reads `email`
    from the environment (none: emails stay queued).
    """
    if not settings.twilio_from:
        raise ValueError("TWILIO_FROM must be set to send texts")
    QuietHours.parse(settings.quiet_hours, settings.timezone)  # a bad setting fails at start
    engine = None
    if session_factory is None:
        engine = make_engine(settings.database_url)
        session_factory = make_session_factory(engine)
    if client is None:
        client = make_twilio_client(settings)

    loop = asyncio.get_running_loop()
    handled_signals: list[signal.Signals] = []
    if stop_event is None:
        stop_event = asyncio.Event()
        handled_signals = _stop_on_signals(loop, stop_event)

    log.info("sms worker started (twilio %s)", "real" if settings.twilio_is_real else "stand-in")
    if email is None:
        log.warning("ASB_SMTP_URL is not set: emails to residents wait in the outbox")
    try:
        await _reconcile_at_start(session_factory, client, settings)
        loops = [
            _send_until_stopped(session_factory, client, settings, stop_event, poll_interval),
            # Case events to partners' webhooks (backend/webhooks), claimed like the texts.
            deliver_webhooks_until_stopped(session_factory, settings, stop_event, poll_interval),
        ]
        if email is not None:
            loops.append(
                send_emails_until_stopped(
                    session_factory, email, settings, stop_event, poll_interval
                )
            )
        await asyncio.gather(*loops)
    finally:
        for sig in handled_signals:
            loop.remove_signal_handler(sig)
        if engine is not None:
            engine.dispose()
        log.info("sms worker stopped")


def main() -> None:
    """`python -m backend.sms_outbound.worker`: run until SIGINT or SIGTERM."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    try:
        asyncio.run(
            run_worker(
                settings,
                client=make_twilio_client(settings),
                session_factory=make_session_factory(engine),
                email=ResidentEmail.from_env(landlord_name=settings.landlord_name),
                poll_interval=settings.outbox_poll_seconds,
            )
        )
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
