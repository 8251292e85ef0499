"""Sending claimed texts through Twilio and recording each outcome.

`send_claimed` sends one claimed row: `sent` with the Twilio SID; back to `pending` with
exponential backoff on a temporary error (HTTP 429 or 5xx, or no connection at all); `failed`
on a refusal or after `MAX_ATTEMPTS`; or left in `sending` when the outcome is unknown (the
request may have reached Twilio), for `reconcile` to settle. `SendPacer` keeps the rate of
sends from our number under the carrier's limit.

Logs name the outbox id, case id, kind, SID and status; never a phone number or a body.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import ConnectTimeout, RequestException
from sqlalchemy import func
from sqlalchemy.orm import sessionmaker
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client
from urllib3.exceptions import MaxRetryError, NewConnectionError

from backend.db import transaction
from backend.sms_outbound.claims import (
    ClaimedMessage,
    claim_due_messages,
    release_claims,
    update_if_claimed,
)
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.quiet_hours import QuietHours
from backend.sms_outbound.service import record_delivery_event
from core.logs import log_unexpected
from core.settings import Settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=15)
STATUS_CALLBACK_PATH = "/api/twilio/status"


def status_callback_url(settings: Settings, outbox_id: int) -> str:
    """Where Twilio reports delivery; the outbox id lets a report arrive before the SID is saved."""
    return f"{settings.public_url}{STATUS_CALLBACK_PATH}?outbox={outbox_id}"


def backoff_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """5 s, 10 s, 20 s ... capped at 15 minutes; never sooner than a Retry-After header."""
    delay = min(BASE_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


class SendPacer:
    """Keeps sends from our number at or under `rate` per second (0: no limit).

    A UK long code sends about one text a second; beyond its rate Twilio queues texts and
    eventually refuses them, so the worker spaces its own requests instead. Blocking (the
    worker sends from a thread).
    """

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next_at = 0.0

    def wait(self) -> None:
        """Return when the next send may go."""
        if not self.interval:
            return
        now = self.clock()
        if now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


def process_due_messages(
    session_factory: sessionmaker,
    client: Client,
    settings: Settings,
    now: datetime,
    batch: int = 20,
    *,
    should_stop: Callable[[], bool] | None = None,
    pacer: SendPacer | None = None,
) -> int:
    """Claim due rows and send each through Twilio; return how many were claimed.

    Blocking (the Twilio library uses `requests`); the async worker runs it in a thread.
    `should_stop` is checked between messages: rows claimed but not yet sent are released.
    `pacer` spaces the sends (`settings.sms_rate_per_second`; keep one across calls).
    """
    if not settings.twilio_from:
        raise ValueError("TWILIO_FROM must be set to send texts")
    quiet = QuietHours.parse(settings.quiet_hours, settings.timezone)
    claimed = claim_due_messages(
        session_factory, now, batch, quiet=quiet, channel="sms", claimed_by=settings.instance
    )
    for index, message in enumerate(claimed):
        if should_stop is not None and should_stop():
            release_claims(session_factory, claimed[index:])
            break
        if pacer is not None:
            pacer.wait()
        send_claimed(session_factory, client, settings, message, now)
    return len(claimed)


def send_claimed(
    session_factory: sessionmaker,
    client: Client,
    settings: Settings,
    message: ClaimedMessage,
    now: datetime,
) -> str:
    """Send one claimed row and record the outcome; returns 'sent', 'retry', 'failed' or
    'unknown' (left in `sending` for reconciliation)."""
    try:
        created = client.messages.create(
            to=message.to_number,
            from_=settings.twilio_from,
            body=message.body,
            status_callback=status_callback_url(settings, message.id),
        )
    except TwilioRestException as exc:
        error = f"Twilio HTTP {exc.status} error {exc.code}"
        if exc.status == 429 or exc.status >= 500:
            retry_after = getattr(client.http_client, "last_retry_after", None)
            return retry_later(session_factory, message, now, str(exc.code), error, retry_after)
        return record_failure(session_factory, message, str(exc.code or exc.status), error)
    except RequestException as exc:
        if _never_reached_twilio(exc):
            error = f"cannot connect to Twilio ({type(exc).__name__})"
            return retry_later(session_factory, message, now, None, error)
        return _outcome_unknown(session_factory, message, type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - the text may have gone; never retry blindly
        log_unexpected(log, "sms send", exc)
        return _outcome_unknown(session_factory, message, type(exc).__name__)
    mark_sent(session_factory, message, created.sid, created.status, now)
    return "sent"


def _never_reached_twilio(exc: RequestException) -> bool:
    """True when the request certainly never arrived (connection refused, DNS, connect timeout)."""
    if isinstance(exc, ConnectTimeout):
        return True
    if isinstance(exc, RequestsConnectionError):
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, MaxRetryError):
            reason = reason.reason
        return isinstance(reason, NewConnectionError)
    return False


def mark_sent(
    session_factory: sessionmaker,
    message: ClaimedMessage,
    sid: str,
    status: str | None,
    sent_at: datetime,
) -> None:
    """Record that Twilio has the text: its SID, and its delivery status when known."""
    with transaction(session_factory) as session:
        update_if_claimed(
            session,
            message,
            state="sent",
            twilio_sid=sid,
            sent_at=sent_at,
            # A status callback may already have recorded a later state: keep it.
            delivery_status=func.coalesce(OutboxMessage.delivery_status, status),
            error_code=None,
            last_error=None,
        )
    log.info(
        "sms sent: outbox=%s case=%s kind=%s sid=%s status=%s",
        message.id,
        message.case_id,
        message.kind,
        sid,
        status,
    )


def retry_later(
    session_factory: sessionmaker,
    message: ClaimedMessage,
    now: datetime,
    error_code: str | None,
    error: str,
    retry_after: float | None = None,
) -> str:
    """Put a claimed row (text or email) back to `pending` with exponential backoff, or fail it
    after MAX_ATTEMPTS; returns 'retry' or 'failed'."""
    if message.attempts >= MAX_ATTEMPTS:
        return record_failure(
            session_factory,
            message,
            error_code,
            f"gave up after {message.attempts} attempts: {error}",
        )
    next_attempt_at = now + backoff_delay(message.attempts, retry_after)
    with transaction(session_factory) as session:
        update_if_claimed(
            session,
            message,
            state="pending",
            claimed_at=None,
            next_attempt_at=next_attempt_at,
            error_code=error_code,
            last_error=error,
        )
    log.warning(
        "%s retry: outbox=%s case=%s kind=%s attempt=%s next=%s (%s)",
        message.channel,
        message.id,
        message.case_id,
        message.kind,
        message.attempts,
        next_attempt_at.isoformat(),
        error,
    )
    return "retry"


def record_failure(
    session_factory: sessionmaker, message: ClaimedMessage, error_code: str | None, error: str
) -> str:
    """Mark a claimed row (text or email) `failed` with a timeline event; returns 'failed'."""
    with transaction(session_factory) as session:
        if update_if_claimed(
            session, message, state="failed", error_code=error_code, last_error=error
        ):
            row = session.get(OutboxMessage, message.id)
            if row is not None and row.case_id is not None:
                record_delivery_event(session, row, "failed", error_code)
    log.warning(
        "%s failed: outbox=%s case=%s kind=%s (%s)",
        message.channel,
        message.id,
        message.case_id,
        message.kind,
        error,
    )
    return "failed"


def _outcome_unknown(session_factory: sessionmaker, message: ClaimedMessage, what: str) -> str:
    error = f"no answer from Twilio ({what}); checking before any retry"
    with transaction(session_factory) as session:
        update_if_claimed(session, message, last_error=error)
    log.warning("sms outcome unknown: outbox=%s case=%s (%s)", message.id, message.case_id, what)
    return "unknown"
