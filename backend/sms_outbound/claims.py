"""Claiming due outbox rows for sending, at most one worker per row.

A claim moves a row from `pending` to `sending` (committed before any HTTP call or SMTP
conversation), with the claim time that identifies it: an outcome is only recorded while the
row is still in that claim (`update_if_claimed`). A claimed row is checked once more
(`refusal_reason`: opted out, not safe to text, no longer agreed to be contacted) and held back
during quiet hours unless it is urgent. Texts and emails are claimed the same way, each
channel by its own sender (`channel`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.sms_outbound.models import REPLY_KIND, OutboxMessage
from backend.sms_outbound.opt_outs import is_opted_out
from backend.sms_outbound.quiet_hours import QuietHours

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClaimedMessage:
    """What the worker needs to send one claimed row, detached from any session."""

    id: int
    case_id: int | None
    kind: str
    to_number: str | None
    body: str
    attempts: int
    claimed_at: datetime
    twilio_sid: str | None = None
    channel: str = "sms"
    to_email: str | None = None
    subject: str | None = None
    email_message_id: str | None = None
    dedupe_key: str = ""

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
            channel=row.channel or "sms",
            to_email=row.to_email,
            subject=row.subject,
            email_message_id=row.email_message_id,
            dedupe_key=row.dedupe_key,
        )


def refusal_reason(session: Session, message: OutboxMessage) -> str | None:
    """Why a claimed row must not be sent (None when it may go).

    Rules that can change between queueing and sending: the number texted STOP (mirrored in
    `sms_opt_outs`), or the resident said texts to this number are not safe; for an email, the
    resident no longer agrees to be contacted.
    """
    if message.channel == "email":
        return _email_refusal(session, message)
    if is_opted_out(session, message.to_number):
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


def _email_refusal(session: Session, message: OutboxMessage) -> str | None:
    if not message.to_email:
        return "no email address"
    if message.case_id is not None:
        consent = session.execute(
            select(Case.consent_to_contact).where(Case.id == message.case_id)
        ).scalar_one_or_none()
        if consent is False:
            return "no consent to contact (the resident withdrew it)"
    return None


def should_send(session: Session, message: OutboxMessage) -> bool:
    """Last check before a claimed row is sent; False cancels it (see `refusal_reason`)."""
    return refusal_reason(session, message) is None


def _dialect(session_factory: sessionmaker) -> str:
    with session_factory() as session:
        return session.get_bind().dialect.name


def _due_query(now: datetime, batch: int, channel: str = "sms"):
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
            OutboxMessage.channel == channel,
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
    channel: str = "sms",
    claimed_by: str | None = None,
) -> list[ClaimedMessage]:
    """Move up to `batch` due rows of `channel` ("sms" or "email") to `sending` in one committed
    transaction and return them, marked as claimed by worker instance `claimed_by`.

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
            due = _due_query(now, batch, channel)
            rows = session.execute(due.with_for_update(skip_locked=True))
            for row in rows.scalars().all():
                row.state, row.claimed_at, row.attempts = "sending", now, row.attempts + 1
                row.claimed_by = claimed_by
                claimed += _checked(session, row, now, quiet)
        return claimed

    with transaction(session_factory) as session:
        due = _due_query(now, batch, channel)
        candidate_ids = session.execute(due.with_only_columns(OutboxMessage.id))
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
                .values(
                    state="sending",
                    claimed_at=now,
                    claimed_by=claimed_by,
                    attempts=OutboxMessage.attempts + 1,
                )
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
            "%s cancelled: outbox=%s case=%s kind=%s (%s)",
            row.channel,
            row.id,
            row.case_id,
            row.kind,
            reason,
        )
        return []
    held_until = quiet.held_until(now) if quiet is not None and not row.urgent else None
    if held_until is not None:
        row.state, row.claimed_at, row.attempts = "pending", None, row.attempts - 1
        row.next_attempt_at = held_until
        log.info(
            "%s held for quiet hours: outbox=%s case=%s kind=%s until=%s",
            row.channel,
            row.id,
            row.case_id,
            row.kind,
            held_until.isoformat(),
        )
        return []
    return [ClaimedMessage.from_row(row)]


def update_if_claimed(session: Session, message: ClaimedMessage, **values: object) -> bool:
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
        log.warning(
            "%s outbox=%s was no longer claimed; outcome not recorded", message.channel, message.id
        )
        return False
    return True


def release_claims(session_factory: sessionmaker, messages: list[ClaimedMessage]) -> None:
    """Give back claimed rows that were never sent (worker stopping, or the connection they
    were to go by broke)."""
    with transaction(session_factory) as session:
        for message in messages:
            update_if_claimed(
                session,
                message,
                state="pending",
                claimed_at=None,
                attempts=OutboxMessage.attempts - 1,
            )
    log.info("released %s claimed row(s) not sent (worker stopping)", len(messages))
