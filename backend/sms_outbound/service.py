"""Writing texts into the outbox and applying Twilio's delivery reports.

These functions work inside the caller's transaction and never commit: a text (or, through
`add_once`, an email: backend.email_outbound.service) is queued atomically with the case change
it reports, and a status callback is applied atomically with its timeline event.
"""

from __future__ import annotations

import logging

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.cases.models import CaseEvent
from backend.db import utcnow
from backend.sms_outbound.models import DELIVERY_ORDER, OutboxMessage

log = logging.getLogger(__name__)

# Delivery states after which no later report can change anything.
TERMINAL_DELIVERY_STATES = frozenset({"delivered", "undelivered", "failed"})
FAILED_DELIVERY_STATES = frozenset({"undelivered", "failed"})


def enqueue_sms(
    session: Session,
    *,
    case_id: int | None,
    to_number: str,
    body: str,
    kind: str,
    dedupe_key: str,
    urgent: bool = False,
) -> OutboxMessage | None:
    """Queue a text in the caller's transaction (no commit); return the row.

    If a row with `dedupe_key` already exists it is returned and nothing is added. Returns None
    when there is no number to text. The unique constraint on `dedupe_key` is the backstop for
    two transactions racing; on PostgreSQL the insert runs in a savepoint so the loser gets the
    winner's row instead of an error.
    """
    if not to_number or not to_number.strip():
        return None
    if not body or not body.strip():
        raise ValueError("an SMS body is required")
    message, added = add_once(
        session,
        OutboxMessage(
            channel="sms",
            case_id=case_id,
            to_number=to_number.strip(),
            body=body,
            kind=kind,
            dedupe_key=dedupe_key,
            urgent=urgent,
        ),
    )
    if added:
        log.info("sms queued: outbox=%s case=%s kind=%s", message.id, case_id, kind)
    return message


def add_once(session: Session, message: OutboxMessage) -> tuple[OutboxMessage, bool]:
    """Add `message` (pending, due now) unless a row with its dedupe key exists; return the row
    in the outbox and whether this call added it. See `enqueue_sms` for the race backstop."""
    existing = _find_by_dedupe_key(session, message.dedupe_key)
    if existing is not None:
        return existing, False
    message.state, message.attempts, message.next_attempt_at = "pending", 0, utcnow()
    if session.get_bind().dialect.name == "postgresql":
        try:
            with session.begin_nested():
                session.add(message)
        except IntegrityError:
            existing = _find_by_dedupe_key(session, message.dedupe_key)
            if existing is None:
                raise
            return existing, False
    else:
        session.add(message)
        session.flush()
    return message, True


def _find_by_dedupe_key(session: Session, dedupe_key: str) -> OutboxMessage | None:
    query = select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)
    return session.execute(query).scalar_one_or_none()


def delivery_rank(status: str | None) -> int:
    """Position of a delivery state in `DELIVERY_ORDER` (-1 for none or unknown)."""
    return DELIVERY_ORDER.index(status) if status in DELIVERY_ORDER else -1


def _statuses_before(status: str) -> list[str]:
    """Non-terminal states a message may move on from to reach `status`."""
    earlier = DELIVERY_ORDER[: delivery_rank(status)]
    return [s for s in earlier if s not in TERMINAL_DELIVERY_STATES]


def apply_status_callback(
    session: Session,
    sid: str,
    status: str,
    error_code: str | int | None,
    *,
    outbox_id: int | None = None,
) -> OutboxMessage | None:
    """Record a delivery report if it moves the message forward; return the row when applied.

    Reports only move forward through `DELIVERY_ORDER` and stop at a terminal state, so a late
    'sent' after 'delivered' is ignored. The check and the change are one conditional UPDATE,
    which is safe against the worker or another callback writing the same row concurrently.
    `outbox_id` (from the callback URL) finds the row even before the worker has stored the
    SID; the SID is then recorded from the report. Adds a case timeline event when the message
    belongs to a case. Unknown SIDs and statuses are ignored (None).
    """
    status = (status or "").strip().lower()
    if not sid or status not in DELIVERY_ORDER:
        log.warning("status callback ignored: sid=%s status=%s", sid or "-", status or "-")
        return None
    error = str(error_code).strip() if error_code not in (None, "") else None

    if outbox_id is not None:
        which = and_(
            OutboxMessage.id == outbox_id,
            or_(OutboxMessage.twilio_sid.is_(None), OutboxMessage.twilio_sid == sid),
        )
    else:
        which = OutboxMessage.twilio_sid == sid
    moves_forward = or_(
        OutboxMessage.delivery_status.is_(None),
        OutboxMessage.delivery_status.in_(_statuses_before(status)),
    )
    values: dict[str, object] = {
        "twilio_sid": sid,
        "delivery_status": status,
        "updated_at": utcnow(),
    }
    if status in FAILED_DELIVERY_STATES:
        values["error_code"] = error
    result = session.execute(
        update(OutboxMessage)
        .where(which, moves_forward)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        log.info("status callback not applied (unknown or stale): sid=%s status=%s", sid, status)
        return None

    message = session.execute(
        select(OutboxMessage)
        .where(OutboxMessage.twilio_sid == sid)
        .execution_options(populate_existing=True)
    ).scalar_one()
    log.info(
        "sms status: outbox=%s case=%s kind=%s sid=%s status=%s error=%s",
        message.id,
        message.case_id,
        message.kind,
        sid,
        status,
        error or "-",
    )
    if message.case_id is not None:
        record_delivery_event(session, message, status, error)
    return message


def record_delivery_event(
    session: Session, message: OutboxMessage, status: str, error_code: str | None = None
) -> CaseEvent:
    """Add a timeline event for a text (kind "sms") or an email (kind "email"): names only the
    message's kind and its delivery state, never the number, address or body."""
    what = "Email" if message.channel == "email" else "Text message"
    summary = f"{what} ({message.kind}): {status}"
    if error_code:
        summary += f" (error {error_code})"
    data: dict[str, object] = {
        "outbox_id": message.id,
        "sms_kind": message.kind,
        "status": status,
        "error_code": error_code,
    }
    if message.channel == "email":
        data["message_id"] = message.email_message_id
    else:
        data["sid"] = message.twilio_sid
    event = CaseEvent(
        case_id=message.case_id,
        at=utcnow(),
        actor="system",
        kind="email" if message.channel == "email" else "sms",
        summary=summary,
        data=data,
    )
    session.add(event)
    return event
