"""The SMS worker: sends outbox rows through Twilio, at most once each.

Life of a row: `pending` -> claimed (`sending`, committed before any HTTP call) -> `sent` with
the Twilio SID, or back to `pending` with exponential backoff on a temporary error, or `failed`.

Nothing is sent twice: a row only leaves `sending` for `pending` after Twilio has been asked
whether it already holds that text (`reconcile_sending`). That happens at start-up for rows a
dead worker left behind, and later for rows whose send had an ambiguous outcome (the request
may have reached Twilio but no answer came back) once their claim is older than
`SENDING_LEASE`. Run one worker per database; several are safe for claiming (PostgreSQL uses
`SKIP LOCKED`), but start-up reconciliation assumes no other worker is mid-send.

Logs name the outbox id, case id, kind, SID and status; never a phone number or a body.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import ConnectTimeout, RequestException
from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client
from urllib3.exceptions import MaxRetryError, NewConnectionError

from backend.cases.models import Case
from backend.db import make_engine, make_session_factory, transaction, utcnow
from backend.sms_outbound.models import REPLY_KIND, OutboxMessage, SmsOptOut
from backend.sms_outbound.quiet_hours import QuietHours
from backend.sms_outbound.service import record_sms_event
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.sms_outbound.updates import queue_regular_contact
from core.settings import Settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=15)
# A claim older than this with no recorded outcome is treated as abandoned and reconciled.
SENDING_LEASE = timedelta(minutes=5)
# How far before the claim to look in Twilio's message log for an already-sent copy.
RECONCILE_LOOKBACK = timedelta(minutes=1)
RECONCILE_EVERY_SECONDS = 60.0
# How often open cases are checked for their regular "still working on it" text.
CONTACT_EVERY_SECONDS = 3600.0
STATUS_CALLBACK_PATH = "/api/twilio/status"


@dataclass(frozen=True)
class ClaimedMessage:
    """What the worker needs to send one claimed row, detached from any session."""

    id: int
    case_id: int | None
    kind: str
    to_number: str
    body: str
    attempts: int
    claimed_at: datetime
    twilio_sid: str | None = None

    @classmethod
    def from_row(cls, row: OutboxMessage) -> ClaimedMessage:
        return cls(
            id=row.id,
            case_id=row.case_id,
            kind=row.kind,
            to_number=row.to_number,
            body=row.body,
            attempts=row.attempts,
            claimed_at=row.claimed_at,
            twilio_sid=row.twilio_sid,
        )


def refusal_reason(session: Session, message: OutboxMessage) -> str | None:
    """Why a claimed row must not be sent (None when it may go).

    Rules that can change between queueing and sending: the number texted STOP (mirrored in
    `sms_opt_outs`), or the resident said texts to this number are not safe.
    """
    if session.get(SmsOptOut, message.to_number) is not None:
        return "opted out (the number texted STOP)"
    if message.case_id is not None:
        # Only the resident's own number: a text about the case to staff (an alert) still goes.
        row = session.execute(
            select(Case.safe_to_text, Case.reporter_phone).where(Case.id == message.case_id)
        ).first()
        if (
            row is not None
            and row.safe_to_text is False
            and row.reporter_phone == message.to_number
        ):
            return "not safe to text (the resident said so)"
    return None


def should_send(session: Session, message: OutboxMessage) -> bool:
    """Last check before a claimed row is sent; False cancels it (see `refusal_reason`)."""
    return refusal_reason(session, message) is None


def status_callback_url(settings: Settings, outbox_id: int) -> str:
    """Where Twilio reports delivery; the outbox id lets a report arrive before the SID is saved."""
    return f"{settings.public_url}{STATUS_CALLBACK_PATH}?outbox={outbox_id}"


def backoff_delay(attempts: int, retry_after: float | None = None) -> timedelta:
    """5 s, 10 s, 20 s ... capped at 15 minutes; never sooner than a Retry-After header."""
    delay = min(BASE_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def _dialect(session_factory: sessionmaker) -> str:
    with session_factory() as session:
        return session.get_bind().dialect.name


def _due_query(now: datetime, batch: int):
    # The assistant's replies to one number go strictly in turn: a reply waits while an earlier
    # one to the same number is still pending or being sent (retries included).
    earlier = aliased(OutboxMessage)
    reply_waiting = (
        exists()
        .where(
            earlier.to_number == OutboxMessage.to_number,
            earlier.kind == REPLY_KIND,
            earlier.id < OutboxMessage.id,
            earlier.state.in_(("pending", "sending")),
        )
        .correlate(OutboxMessage)
    )
    return (
        select(OutboxMessage)
        .where(
            OutboxMessage.state == "pending",
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.kind != REPLY_KIND, ~reply_waiting),
        )
        .order_by(OutboxMessage.urgent.desc(), OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
    )


def claim_due_messages(
    session_factory: sessionmaker,
    now: datetime,
    batch: int = 20,
    *,
    quiet: QuietHours | None = None,
) -> list[ClaimedMessage]:
    """Move up to `batch` due rows to `sending` in one committed transaction and return them.

    PostgreSQL locks the rows with `FOR UPDATE SKIP LOCKED`. SQLite reads candidates in one
    transaction and claims each with `UPDATE ... WHERE state = 'pending'` in a second one that
    starts with a write (so it waits for the lock instead of failing on a stale snapshot); a
    rowcount of 1 means this worker won the row.

    A claimed row is then checked (`_checked`): cancelled if it must not be sent, or, when it
    is routine and `now` falls in `quiet` hours, put back until the quiet hours end.
    """
    claimed: list[ClaimedMessage] = []
    if _dialect(session_factory) == "postgresql":
        with transaction(session_factory) as session:
            rows = session.execute(_due_query(now, batch).with_for_update(skip_locked=True))
            for row in rows.scalars().all():
                row.state, row.claimed_at, row.attempts = "sending", now, row.attempts + 1
                claimed += _checked(session, row, now, quiet)
        return claimed

    with transaction(session_factory) as session:
        candidate_ids = session.execute(_due_query(now, batch).with_only_columns(OutboxMessage.id))
        candidate_ids = candidate_ids.scalars().all()
    if not candidate_ids:
        return claimed
    with transaction(session_factory) as session:
        won: list[int] = []
        for outbox_id in candidate_ids:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.state == "pending",
                    OutboxMessage.next_attempt_at <= now,
                )
                .values(state="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:
                won.append(outbox_id)
        if won:
            rows = session.execute(
                select(OutboxMessage).where(OutboxMessage.id.in_(won)).order_by(OutboxMessage.id)
            )
            for row in rows.scalars().all():
                claimed += _checked(session, row, now, quiet)
    return claimed


def _checked(
    session: Session, row: OutboxMessage, now: datetime, quiet: QuietHours | None = None
) -> list[ClaimedMessage]:
    """The claimed row as a one-item list; or cancel it, or hold it for quiet hours (empty)."""
    if not should_send(session, row):
        reason = refusal_reason(session, row) or "refused by should_send"
        row.state, row.claimed_at, row.last_error = "cancelled", None, reason
        log.info(
            "sms cancelled: outbox=%s case=%s kind=%s (%s)", row.id, row.case_id, row.kind, reason
        )
        return []
    held_until = quiet.held_until(now) if quiet is not None and not row.urgent else None
    if held_until is not None:
        row.state, row.claimed_at, row.attempts = "pending", None, row.attempts - 1
        row.next_attempt_at = held_until
        log.info(
            "sms held for quiet hours: outbox=%s case=%s kind=%s until=%s",
            row.id,
            row.case_id,
            row.kind,
            held_until.isoformat(),
        )
        return []
    return [ClaimedMessage.from_row(row)]


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
    claimed = claim_due_messages(session_factory, now, batch, quiet=quiet)
    for index, message in enumerate(claimed):
        if should_stop is not None and should_stop():
            _release(session_factory, claimed[index:])
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
            return _retry_later(session_factory, message, now, str(exc.code), error, retry_after)
        return _fail(session_factory, message, str(exc.code or exc.status), error)
    except RequestException as exc:
        if _never_reached_twilio(exc):
            error = f"cannot connect to Twilio ({type(exc).__name__})"
            return _retry_later(session_factory, message, now, None, error)
        return _outcome_unknown(session_factory, message, type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - the text may have gone; never retry blindly
        _log_unexpected("sms send", exc)
        return _outcome_unknown(session_factory, message, type(exc).__name__)
    _mark_sent(session_factory, message, created.sid, created.status, now)
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


def _update_if_sending(session: Session, message: ClaimedMessage, **values: object) -> bool:
    """Apply `values` only if the row is still in this claim; True when it was."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.state == "sending",
            OutboxMessage.claimed_at == message.claimed_at,
        )
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        log.warning("sms outbox=%s was no longer claimed; outcome not recorded", message.id)
        return False
    return True


def _mark_sent(
    session_factory: sessionmaker,
    message: ClaimedMessage,
    sid: str,
    status: str | None,
    sent_at: datetime,
) -> None:
    with transaction(session_factory) as session:
        _update_if_sending(
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


def _retry_later(
    session_factory: sessionmaker,
    message: ClaimedMessage,
    now: datetime,
    error_code: str | None,
    error: str,
    retry_after: float | None = None,
) -> str:
    if message.attempts >= MAX_ATTEMPTS:
        return _fail(
            session_factory,
            message,
            error_code,
            f"gave up after {message.attempts} attempts: {error}",
        )
    next_attempt_at = now + backoff_delay(message.attempts, retry_after)
    with transaction(session_factory) as session:
        _update_if_sending(
            session,
            message,
            state="pending",
            claimed_at=None,
            next_attempt_at=next_attempt_at,
            error_code=error_code,
            last_error=error,
        )
    log.warning(
        "sms retry: outbox=%s case=%s kind=%s attempt=%s next=%s (%s)",
        message.id,
        message.case_id,
        message.kind,
        message.attempts,
        next_attempt_at.isoformat(),
        error,
    )
    return "retry"


def _fail(
    session_factory: sessionmaker, message: ClaimedMessage, error_code: str | None, error: str
) -> str:
    with transaction(session_factory) as session:
        if _update_if_sending(
            session, message, state="failed", error_code=error_code, last_error=error
        ):
            row = session.get(OutboxMessage, message.id)
            if row is not None and row.case_id is not None:
                record_sms_event(session, row, "failed", error_code)
    log.warning(
        "sms failed: outbox=%s case=%s kind=%s (%s)",
        message.id,
        message.case_id,
        message.kind,
        error,
    )
    return "failed"


def _outcome_unknown(session_factory: sessionmaker, message: ClaimedMessage, what: str) -> str:
    error = f"no answer from Twilio ({what}); checking before any retry"
    with transaction(session_factory) as session:
        _update_if_sending(session, message, last_error=error)
    log.warning("sms outcome unknown: outbox=%s case=%s (%s)", message.id, message.case_id, what)
    return "unknown"


def _release(session_factory: sessionmaker, messages: list[ClaimedMessage]) -> None:
    """Give back claimed rows that were never sent (worker stopping)."""
    with transaction(session_factory) as session:
        for message in messages:
            _update_if_sending(
                session,
                message,
                state="pending",
                claimed_at=None,
                attempts=OutboxMessage.attempts - 1,
            )
    log.info("sms worker stopping: released %s unsent claimed rows", len(messages))


def reconcile_sending(
    session_factory: sessionmaker,
    client: Client,
    settings: Settings,
    now: datetime,
    *,
    stale_after: timedelta = SENDING_LEASE,
) -> int:
    """Settle rows stuck in `sending` (claimed at or before `now - stale_after`).

    A row with a SID (learnt from a status callback) is sent. Otherwise Twilio's log of
    messages to that number since shortly before the claim is searched for the same body
    from our number: a match is recorded as sent; with none the row goes back to `pending`
    (the text never reached Twilio). If Twilio cannot be asked, the row stays as it is.
    Returns how many rows were settled.
    """
    cutoff = now - stale_after
    with transaction(session_factory) as session:
        rows = session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.state == "sending", OutboxMessage.claimed_at <= cutoff)
            .order_by(OutboxMessage.id)
        )
        stuck = [ClaimedMessage.from_row(row) for row in rows.scalars().all()]
    settled = 0
    for message in stuck:
        if message.twilio_sid:
            _mark_sent(session_factory, message, message.twilio_sid, None, message.claimed_at)
            settled += 1
            continue
        try:
            found = _find_sent_copy(session_factory, client, settings, message)
        except (TwilioRestException, RequestException) as exc:
            log.warning(
                "sms reconcile postponed: outbox=%s cannot ask Twilio (%s)",
                message.id,
                type(exc).__name__,
            )
            continue
        if found is not None:
            sid, status, sent_at = found
            log.info("sms reconcile: outbox=%s already at Twilio as sid=%s", message.id, sid)
            _mark_sent(session_factory, message, sid, status, sent_at or message.claimed_at)
        else:
            log.info("sms reconcile: outbox=%s never reached Twilio; will send", message.id)
            with transaction(session_factory) as session:
                _update_if_sending(
                    session, message, state="pending", claimed_at=None, next_attempt_at=now
                )
        settled += 1
    return settled


def _find_sent_copy(
    session_factory: sessionmaker, client: Client, settings: Settings, message: ClaimedMessage
) -> tuple[str, str | None, datetime | None] | None:
    """(sid, status, date_created) of a message Twilio holds that is this row's text, if any."""
    since = message.claimed_at - RECONCILE_LOOKBACK
    body = message.body.strip()
    sent = client.messages.list(
        to=message.to_number, from_=settings.twilio_from, date_sent_after=since, limit=50
    )
    matches = [m for m in sent if (m.body or "").strip() == body]
    if not matches:
        # Queued messages have no date_sent yet, so the filter above cannot see them.
        recent = client.messages.list(to=message.to_number, from_=settings.twilio_from, limit=50)
        matches = [
            m
            for m in recent
            if (m.body or "").strip() == body
            and (not isinstance(m.date_created, datetime) or m.date_created >= since)
        ]
    if not matches:
        return None
    with transaction(session_factory) as session:
        taken = set(
            session.execute(
                select(OutboxMessage.twilio_sid).where(
                    OutboxMessage.twilio_sid.in_([m.sid for m in matches]),
                    OutboxMessage.id != message.id,
                )
            ).scalars()
        )
    unclaimed = [m for m in matches if m.sid not in taken]
    if not unclaimed:
        return None
    first = min(
        unclaimed, key=lambda m: m.date_created if isinstance(m.date_created, datetime) else since
    )
    date_created = first.date_created if isinstance(first.date_created, datetime) else None
    return first.sid, first.status, date_created


def queue_contact_texts(session_factory: sessionmaker, settings: Settings, now: datetime) -> int:
    """Queue the regular texts open cases are due (see `updates.queue_regular_contact`)."""
    with transaction(session_factory) as session:
        return queue_regular_contact(
            session,
            now,
            landlord_name=settings.landlord_name,
            landlord_phone=settings.landlord_phone,
        )


def _log_unexpected(what: str, exc: BaseException) -> None:
    """Log an unexpected error by type and stack only: messages may hold numbers or bodies."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("%s failed: %s\n%s", what, type(exc).__name__, stack)


async def run_worker(
    settings: Settings,
    *,
    stop_event: asyncio.Event | None = None,
    poll_interval: float = 1.0,
    client: Client | None = None,
    session_factory: sessionmaker | None = None,
) -> None:
    """Send due texts until `stop_event` is set (or SIGINT/SIGTERM when no event is given).

    `client` and `session_factory` default to ones built from `settings`.
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
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop_event.set)
                handled_signals.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread, or no signal support on this platform

    log.info("sms worker started (twilio %s)", "real" if settings.twilio_is_real else "stand-in")
    try:
        try:
            await asyncio.to_thread(
                reconcile_sending,
                session_factory,
                client,
                settings,
                utcnow(),
                stale_after=timedelta(0),
            )
        except Exception as exc:  # noqa: BLE001 - retried by the periodic reconciliation
            _log_unexpected("start-up reconciliation", exc)
        next_reconcile = time.monotonic() + RECONCILE_EVERY_SECONDS
        next_contact = time.monotonic()
        pacer = SendPacer(settings.sms_rate_per_second)
        while not stop_event.is_set():
            claimed = 0
            try:
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
                    await asyncio.to_thread(
                        queue_contact_texts, session_factory, settings, utcnow()
                    )
            except Exception as exc:  # noqa: BLE001 - keep the worker alive; rows stay queued
                _log_unexpected("sms worker loop", exc)
            if claimed == 0:
                try:
                    await asyncio.wait_for(stop_event.wait(), timeout=poll_interval)
                except asyncio.TimeoutError:
                    pass
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
            )
        )
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
