"""Delivering webhooks: claim due outbox rows, POST them signed, log every try, retry with
backoff, give up after about a day (and alert).

Life of a row: `pending` -> claimed (`sending`, committed before any HTTP call) -> `delivered`
on any 2xx; on anything else (another status, a timeout after 10 s, a refused connection) back to
`pending` after the next wait of BACKOFF, or `failed` once the waits are used up (about 24 hours
after the first try), with an alert to staff (backend.alerts, reason "webhook_failed").

Several workers may run against one database, as the SMS workers do: PostgreSQL claims with
`FOR UPDATE SKIP LOCKED`, SQLite claims each row with `UPDATE ... WHERE state = 'pending'`; an
outcome is recorded only while the row is still in that worker's claim. A worker that stopped
mid-delivery leaves rows in `sending`: it takes its own back when it starts again, and any
worker takes back a claim older than LEASE. Such a row may reach the partner twice; the
`X-ASB-Delivery` header (the event id, the same on every try) lets the partner drop the copy.

The request: `Content-Type: application/json`, `X-ASB-Event`, `X-ASB-Delivery`,
`X-ASB-Timestamp` (Unix seconds) and `X-ASB-Signature: sha256=<hex>`, the HMAC-SHA256 of
"<timestamp>.<body>" keyed by the subscription's secret (docs/partners.md shows how to check it).
Redirects are not followed. Logs and the delivery log name the delivery, event, case reference
and the answer's status or error class; never the body or the secret.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from backend.alerts.service import raise_case_alert
from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from core.logs import log_unexpected
from core.settings import Settings

log = logging.getLogger(__name__)

# The waits after each failed try: 7 tries, the last about 24 hours after the first.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
    timedelta(hours=9),
)
TIMEOUT_SECONDS = 10.0
LEASE = timedelta(minutes=2)  # a claim older than this was left by a worker that stopped
BATCH = 10
USER_AGENT = "ASB-Assistant-Webhooks/1"
STALE_CHECK_SECONDS = 60.0


@dataclass(frozen=True)
class ClaimedDelivery:
    """What a worker needs to POST one claimed row, detached from any session."""

    id: int
    event_id: str
    event: str
    case_reference: str | None
    url: str
    secret: str
    payload: dict[str, Any]
    attempts: int
    claimed_at: datetime


@dataclass(frozen=True)
class Outcome:
    """One try's answer: the HTTP status, or the error's class; how long it took."""

    http_status: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed by `secret`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def body_of(payload: dict[str, Any]) -> bytes:
    """The JSON body exactly as it is sent and signed."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def settled_payload(row: WebhookDelivery) -> dict[str, Any]:
    """What is kept of a body once it will not be sent again: which event, never the case's
    view (its description stays only in the case, under the retention periods)."""
    return {
        "event": row.event,
        "event_id": row.event_id,
        "occurred_at": row.payload.get("occurred_at") if row.payload else None,
        "case_reference": row.case_reference,
    }


def _dialect(session_factory: sessionmaker) -> str:
    with session_factory() as session:
        return session.get_bind().dialect.name


def _due(now: datetime, batch: int):
    return (
        select(WebhookDelivery)
        .where(WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(batch)
    )


def _checked(session: Session, row: WebhookDelivery) -> list[ClaimedDelivery]:
    """The claimed row ready to POST, or cancelled (empty) when its webhook was disabled."""
    subscription = session.get(WebhookSubscription, row.subscription_id)
    if subscription is None or subscription.disabled_at is not None:
        row.state, row.claimed_at, row.last_error = "cancelled", None, "webhook disabled"
        row.attempts -= 1
        return []
    return [
        ClaimedDelivery(
            id=row.id,
            event_id=row.event_id,
            event=row.event,
            case_reference=row.case_reference,
            url=subscription.url,
            secret=subscription.secret,
            payload=dict(row.payload),
            attempts=row.attempts,
            claimed_at=row.claimed_at,
        )
    ]


def claim_due(
    session_factory: sessionmaker, now: datetime, *, claimed_by: str, batch: int = BATCH
) -> list[ClaimedDelivery]:
    """Move up to `batch` due rows to `sending` in one committed transaction, claimed by
    worker instance `claimed_by` (PostgreSQL: SKIP LOCKED; SQLite: one conditional UPDATE per
    row, a rowcount of 1 meaning this worker won it)."""
    claimed: list[ClaimedDelivery] = []
    if _dialect(session_factory) == "postgresql":
        with transaction(session_factory) as session:
            rows = session.execute(_due(now, batch).with_for_update(skip_locked=True))
            for row in rows.scalars().all():
                row.state, row.claimed_at, row.claimed_by = "sending", now, claimed_by
                row.attempts += 1
                claimed += _checked(session, row)
        return claimed
    with transaction(session_factory) as session:
        candidates = session.execute(_due(now, batch).with_only_columns(WebhookDelivery.id))
        candidate_ids = candidates.scalars().all()
    if not candidate_ids:
        return claimed
    with transaction(session_factory) as session:
        won = [
            delivery_id
            for delivery_id in candidate_ids
            if session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id, WebhookDelivery.state == "pending")
                .values(
                    state="sending",
                    claimed_at=now,
                    claimed_by=claimed_by,
                    attempts=WebhookDelivery.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            ).rowcount
            == 1
        ]
        rows = session.execute(
            select(WebhookDelivery).where(WebhookDelivery.id.in_(won)).order_by(WebhookDelivery.id)
        )
        for row in rows.scalars().all():
            claimed += _checked(session, row)
    return claimed


async def post_delivery(http: aiohttp.ClientSession, delivery: ClaimedDelivery) -> Outcome:
    """POST one delivery, signed now; its outcome (never raises for the partner's failings)."""
    body = body_of(delivery.payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-ASB-Event": delivery.event,
        "X-ASB-Delivery": delivery.event_id,
        "X-ASB-Timestamp": timestamp,
        "X-ASB-Signature": signature(delivery.secret, timestamp, body),
    }
    started = time.monotonic()
    try:
        async with http.post(
            delivery.url,
            data=body,
            headers=headers,
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS),
        ) as response:
            status = response.status
        return Outcome(status, None, _since(started))
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError) as exc:
        return Outcome(None, type(exc).__name__[:80], _since(started))


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _alert_failed(session: Session, row: WebhookDelivery, partner: str, now: datetime) -> None:
    """Tell staff (the dashboard's alerts) that a partner never received a case event."""
    case = session.get(Case, row.case_id) if row.case_id is not None else None
    if case is None:
        log.warning("webhook delivery %s failed; its case no longer exists", row.id)
        return
    raise_case_alert(
        session,
        case,
        "webhook_failed",
        body=f"ASB alert: {partner} did not receive the {row.event} event of {case.reference}.",
        now=now,
    )


def record_outcome(
    session_factory: sessionmaker,
    delivery: ClaimedDelivery,
    outcome: Outcome,
    now: datetime,
    worker: str,
) -> str | None:
    """Log the try and move the row on (delivered, pending again later, or failed with an
    alert); the row's new state, or None when it was no longer in this claim."""
    with transaction(session_factory) as session:
        row = session.get(WebhookDelivery, delivery.id, with_for_update=True)
        if row is None or row.state != "sending" or row.claimed_at != delivery.claimed_at:
            log.warning("webhook delivery %s was no longer claimed; not recorded", delivery.id)
            return None
        session.add(
            WebhookAttempt(
                delivery_id=row.id,
                at=now,
                http_status=outcome.http_status,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
                worker=worker,
            )
        )
        row.claimed_at, row.last_status = None, outcome.http_status
        row.last_error = outcome.error or (
            None if outcome.delivered else f"HTTP {outcome.http_status}"
        )
        if outcome.delivered:
            row.state, row.delivered_at = "delivered", now
        elif row.attempts <= len(BACKOFF):
            row.state, row.next_attempt_at = "pending", now + BACKOFF[row.attempts - 1]
        else:
            row.state, row.failed_at = "failed", now
            partner = session.get(WebhookSubscription, row.subscription_id).partner
            _alert_failed(session, row, partner, now)
        if row.state != "pending":
            row.payload = settled_payload(row)
        log.info(
            "webhook delivery %s (%s, case %s) try %s: %s -> %s",
            row.id,
            row.event,
            row.case_reference,
            row.attempts,
            outcome.http_status or outcome.error,
            row.state,
        )
        return row.state


def release_stale(
    session_factory: sessionmaker, now: datetime, *, own_instance: str | None = None
) -> int:
    """Put back to `pending` rows left in `sending` by a worker that stopped: this instance's
    own (however recent, at its start) and anyone's older than LEASE. Returns how many."""
    stale = WebhookDelivery.claimed_at < now - LEASE
    if own_instance:
        stale = or_(stale, WebhookDelivery.claimed_by == own_instance)
    with transaction(session_factory) as session:
        result = session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.state == "sending", stale)
            .values(state="pending", claimed_at=None, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )
        released = result.rowcount
    if released:
        log.info("webhook deliveries taken back from a stopped worker: %s", released)
    return released


async def _post_in_turn(
    http: aiohttp.ClientSession, queue: list[ClaimedDelivery]
) -> list[Outcome]:
    return [await post_delivery(http, delivery) for delivery in queue]


async def deliver_due(
    session_factory: sessionmaker,
    http: aiohttp.ClientSession,
    now: datetime,
    *,
    worker: str,
    batch: int = BATCH,
) -> int:
    """Claim what is due at `now`, POST it, record each outcome; how many were claimed.

    A partner hears about one case in the order things happened (created before triaged before
    closed): the events of one case for one address go one after another, in the order they were
    queued; different cases and addresses go at once."""
    claimed = await asyncio.to_thread(
        claim_due, session_factory, now, claimed_by=worker, batch=batch
    )
    if not claimed:
        return 0
    in_turn: dict[tuple[str, str | None], list[ClaimedDelivery]] = {}
    for delivery in sorted(claimed, key=lambda row: row.id):
        in_turn.setdefault((delivery.url, delivery.case_reference), []).append(delivery)
    answers = await asyncio.gather(*(_post_in_turn(http, queue) for queue in in_turn.values()))
    outcome_of = {
        delivery.id: outcome
        for queue, outcomes in zip(in_turn.values(), answers, strict=True)
        for delivery, outcome in zip(queue, outcomes, strict=True)
    }
    for delivery in claimed:
        outcome = outcome_of[delivery.id]
        # Backoff counts from when the answer came (`now` plus the time the try took).
        answered = now + timedelta(milliseconds=outcome.duration_ms)
        await asyncio.to_thread(
            record_outcome, session_factory, delivery, outcome, answered, worker
        )
    return len(claimed)


async def deliver_webhooks_until_stopped(
    session_factory: sessionmaker,
    settings: Settings,
    stop_event: asyncio.Event,
    poll_interval: float,
) -> None:
    """Deliver due webhooks until `stop_event` is set, beside the SMS and email loops of the
    outbox worker (backend.sms_outbound.worker); wait `poll_interval` when nothing was due."""
    worker = settings.instance
    next_stale_check = time.monotonic() + STALE_CHECK_SECONDS
    log.info("webhook delivery started")
    async with aiohttp.ClientSession() as http:
        try:
            await asyncio.to_thread(release_stale, session_factory, utcnow(), own_instance=worker)
        except Exception as exc:  # noqa: BLE001 - retried by the periodic check
            log_unexpected(log, "webhook start-up release", exc)
        while not stop_event.is_set():
            claimed = 0
            try:
                if time.monotonic() >= next_stale_check:
                    next_stale_check = time.monotonic() + STALE_CHECK_SECONDS
                    await asyncio.to_thread(release_stale, session_factory, utcnow())
                claimed = await deliver_due(session_factory, http, utcnow(), worker=worker)
            except Exception as exc:  # noqa: BLE001 - keep the worker alive; rows stay queued
                log_unexpected(log, "webhook worker loop", exc)
            if claimed == 0:
                try:
                    await asyncio.wait_for(stop_event.wait(), timeout=poll_interval)
                except asyncio.TimeoutError:
                    pass
    log.info("webhook delivery stopped")
