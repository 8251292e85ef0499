"""Sending the outbox's email rows over SMTP and recording each outcome.

An email row lives like a text (backend.sms_outbound: the same claims, backoff, quiet hours and
dedupe keys): `pending` -> claimed (`sending`, committed before the SMTP conversation, with its
Message-ID fixed) -> `sent` when the mail server accepts it (250 after DATA; a timeline event
"Email (kind): sent"); back to `pending` with exponential backoff when the server cannot be
reached or answers 4xx; `failed` on a 5xx answer or after MAX_ATTEMPTS (timeline "failed").

Never sent twice, as far as SMTP allows: a row leaves `sending` for `pending` only when the
message certainly did not go (no connection, a refusal before or at DATA), or when its claim is
older than SENDING_LEASE with no outcome recorded (a worker died mid-send, or the connection
broke after the message was handed over). Only that last case may hand over a second copy: SMTP
has no way to ask whether a server took a message. The copy carries the same Message-ID, so mail
systems that have seen it drop it (at-least-once, deduplicated by Message-ID). A lease (not
start-up) decides, so several workers never resend each other's live sends.

Logs name the outbox id, case id, kind and SMTP codes; never an address, a subject or a body
(the server's reply text is not kept either: it often repeats the address).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from email import policy

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.db import transaction
from backend.email_outbound.compose import build_email, envelope_address, message_id
from backend.email_outbound.smtp import ResidentEmail
from backend.sms_outbound.claims import (
    ClaimedMessage,
    claim_due_messages,
    release_claims,
    update_if_claimed,
)
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.quiet_hours import QuietHours
from backend.sms_outbound.sending import MAX_ATTEMPTS, record_failure, retry_later
from backend.sms_outbound.service import record_delivery_event
from core.settings import Settings

log = logging.getLogger(__name__)

# A claim older than this with no outcome is an interrupted send (SMTP timeouts are far shorter).
SENDING_LEASE = timedelta(minutes=5)
SENT, RETRY, FAILED, UNKNOWN = "sent", "retry", "failed", "unknown"


def process_due_emails(
    session_factory: sessionmaker,
    config: ResidentEmail,
    settings: Settings,
    now: datetime,
    batch: int = 20,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Claim due email rows and send them over one SMTP connection; return how many were
    claimed. Blocking (smtplib); the worker runs it in a thread. `should_stop` is checked
    between messages: rows claimed but not yet sent are released."""
    quiet = QuietHours.parse(settings.quiet_hours, settings.timezone)
    claimed = claim_due_messages(
        session_factory, now, batch, quiet=quiet, channel="email", claimed_by=settings.instance
    )
    ready = [m for m in (_with_message_id(session_factory, m, config) for m in claimed) if m]
    if not ready:
        return len(claimed)
    try:
        smtp = config.server.connect()
    except (OSError, smtplib.SMTPException) as exc:
        error = f"cannot connect to the mail server ({type(exc).__name__})"
        for message in ready:
            retry_later(session_factory, message, now, None, error)
        return len(claimed)
    with smtp:
        for index, message in enumerate(ready):
            if should_stop is not None and should_stop():
                release_claims(session_factory, ready[index:])
                break
            _outcome, connection_ok = send_claimed_email(
                session_factory, smtp, config, message, now
            )
            if not connection_ok:
                release_claims(session_factory, ready[index + 1 :])
                break
    return len(claimed)


def _with_message_id(
    session_factory: sessionmaker, message: ClaimedMessage, config: ResidentEmail
) -> ClaimedMessage | None:
    """The claimed row with its Message-ID fixed (committed before the first attempt, so a
    resend carries the same one); None if the claim was lost meanwhile."""
    if message.email_message_id:
        return message
    fixed = message_id(message.id, message.dedupe_key, config.domain)
    with transaction(session_factory) as session:
        if not update_if_claimed(session, message, email_message_id=fixed):
            return None
    return replace(message, email_message_id=fixed)


def send_claimed_email(
    session_factory: sessionmaker,
    smtp: smtplib.SMTP,
    config: ResidentEmail,
    message: ClaimedMessage,
    now: datetime,
) -> tuple[str, bool]:
    """Hand one claimed email to the server and record the outcome. Returns (outcome, whether
    the connection can carry the next message)."""
    try:
        to, needs_utf8 = envelope_address(message.to_email or "")
    except UnicodeError:
        return _undeliverable(session_factory, message, "its domain cannot be written in ASCII")
    if needs_utf8 and not smtp.has_extn("smtputf8"):
        return _undeliverable(session_factory, message, "the mail server does not offer SMTPUTF8")
    raw = build_email(message, config, to).as_bytes(
        policy=policy.SMTPUTF8 if needs_utf8 else policy.SMTP
    )
    try:
        code, _reply = smtp.mail(config.sender_address, ["SMTPUTF8"] if needs_utf8 else [])
        if code == 250:
            code, _reply = smtp.rcpt(to)
            stage = "recipient"
        else:
            stage = "sender"
    except (OSError, smtplib.SMTPException) as exc:  # before DATA: it certainly did not go
        error = f"mail server connection lost before sending ({type(exc).__name__})"
        return retry_later(session_factory, message, now, None, error), False
    if code not in (250, 251):
        _reset(smtp)
        return _refused(session_factory, message, now, code, stage), True
    try:
        code, _reply = smtp.data(raw)
    except smtplib.SMTPResponseException as exc:  # refused DATA: nothing was handed over
        _reset(smtp)
        return _refused(session_factory, message, now, exc.smtp_code, "data"), True
    except (OSError, smtplib.SMTPException) as exc:
        return _outcome_unknown(session_factory, message, type(exc).__name__), False
    if code != 250:
        _reset(smtp)
        return _refused(session_factory, message, now, code, "message"), True
    mark_email_sent(session_factory, message, now)
    return SENT, True


def _undeliverable(
    session_factory: sessionmaker, message: ClaimedMessage, why: str
) -> tuple[str, bool]:
    """An address this server cannot take (nothing was sent; the connection is still fine)."""
    return record_failure(session_factory, message, None, f"address not usable: {why}"), True


def _reset(smtp: smtplib.SMTP) -> None:
    try:
        smtp.rset()
    except (OSError, smtplib.SMTPException):
        pass  # the next command will find out


def _refused(
    session_factory: sessionmaker, message: ClaimedMessage, now: datetime, code: int, stage: str
) -> str:
    """A definite "no" from the server: 4xx is temporary (retry), anything else permanent."""
    error = f"mail server answered {code} to the {stage}"
    if 400 <= code < 500:
        return retry_later(session_factory, message, now, str(code), error)
    return record_failure(session_factory, message, str(code), error)


def mark_email_sent(
    session_factory: sessionmaker, message: ClaimedMessage, sent_at: datetime
) -> None:
    """Record that the mail server accepted the email, with its timeline event."""
    with transaction(session_factory) as session:
        if update_if_claimed(
            session, message, state="sent", sent_at=sent_at, error_code=None, last_error=None
        ):
            row = session.get(OutboxMessage, message.id)
            if row is not None and row.case_id is not None:
                record_delivery_event(session, row, "sent")
    log.info(
        "email sent: outbox=%s case=%s kind=%s attempt=%s",
        message.id,
        message.case_id,
        message.kind,
        message.attempts,
    )


def _outcome_unknown(session_factory: sessionmaker, message: ClaimedMessage, what: str) -> str:
    error = (
        f"no answer from the mail server after the email was handed over ({what}); "
        "resent with the same Message-ID once the claim is old"
    )
    with transaction(session_factory) as session:
        update_if_claimed(session, message, last_error=error)
    log.warning("email outcome unknown: outbox=%s case=%s (%s)", message.id, message.case_id, what)
    return UNKNOWN


def resend_interrupted(
    session_factory: sessionmaker, now: datetime, *, lease: timedelta = SENDING_LEASE
) -> int:
    """Put back email rows whose claim is older than `lease` with no outcome (a worker died,
    or the answer never came): they go again with the same Message-ID, or fail after
    MAX_ATTEMPTS. Returns how many rows were settled."""
    with transaction(session_factory) as session:
        rows = session.execute(
            select(OutboxMessage)
            .where(
                OutboxMessage.channel == "email",
                OutboxMessage.state == "sending",
                OutboxMessage.claimed_at <= now - lease,
            )
            .order_by(OutboxMessage.id)
        )
        stuck = [ClaimedMessage.from_row(row) for row in rows.scalars().all()]
    for message in stuck:
        if message.attempts >= MAX_ATTEMPTS:
            record_failure(session_factory, message, None, "interrupted too many times")
            continue
        with transaction(session_factory) as session:
            if update_if_claimed(
                session,
                message,
                state="pending",
                claimed_at=None,
                next_attempt_at=now,
                last_error="interrupted send: going again with the same Message-ID",
            ):
                row = session.get(OutboxMessage, message.id)
                if row is not None and row.case_id is not None:
                    record_delivery_event(session, row, "interrupted, sending again")
        log.info("email interrupted: outbox=%s case=%s; sending again", message.id, message.case_id)
    return len(stuck)
