"""Settling texts left in `sending`: did Twilio get them or not?

Nothing is sent twice: a row only leaves `sending` for `pending` after Twilio has been asked
whether it already holds that text. That happens at start-up for rows a dead worker left
behind, and later for rows whose send had an ambiguous outcome (the request may have reached
Twilio but no answer came back) once their claim is older than `SENDING_LEASE`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from requests.exceptions import RequestException
from sqlalchemy import or_, select
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql.elements import ColumnElement
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from backend.db import transaction
from backend.sms_outbound.claims import ClaimedMessage, update_if_claimed
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sending import mark_sent
from core.settings import Settings

log = logging.getLogger(__name__)

# A claim older than this with no recorded outcome is treated as abandoned and reconciled.
SENDING_LEASE = timedelta(minutes=5)
# How far before the claim to look in Twilio's message log for an already-sent copy.
RECONCILE_LOOKBACK = timedelta(minutes=1)


def reconcile_sending(
    session_factory: sessionmaker,
    client: Client,
    settings: Settings,
    now: datetime,
    *,
    stale_after: timedelta = SENDING_LEASE,
    own_instance: str | None = None,
) -> int:
    """Settle rows stuck in `sending`: claimed at or before `now - stale_after`, and with
    `own_instance` (a worker starting again) also every row that instance had claimed, however
    recent (or with no claimant recorded, from before claims were named): another worker's
    recent claim is never touched, as that worker may be sending it right now.

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
            .where(
                OutboxMessage.channel == "sms",
                OutboxMessage.state == "sending",
                _settle_now(cutoff, own_instance),
            )
            .order_by(OutboxMessage.id)
        )
        stuck = [ClaimedMessage.from_row(row) for row in rows.scalars().all()]
    settled = 0
    for message in stuck:
        if message.twilio_sid:
            mark_sent(session_factory, message, message.twilio_sid, None, message.claimed_at)
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
            mark_sent(session_factory, message, sid, status, sent_at or message.claimed_at)
        else:
            log.info("sms reconcile: outbox=%s never reached Twilio; will send", message.id)
            with transaction(session_factory) as session:
                update_if_claimed(
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


def _settle_now(cutoff: datetime, own_instance: str | None) -> ColumnElement[bool]:
    stale = OutboxMessage.claimed_at <= cutoff
    if own_instance is None:
        return stale
    own = or_(OutboxMessage.claimed_by == own_instance, OutboxMessage.claimed_by.is_(None))
    return or_(stale, own)
