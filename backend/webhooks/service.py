"""Partners' webhooks: subscriptions made, listed, re-keyed and disabled by admins (staff pages
and `bin/asb partner-webhook`), case events queued for them, and the delivery log.

A subscription is opt-in: a partner receives only the events it chose (created, triaged,
closed), at an https URL (http only to this machine, for tests). Its signing secret is `whsec_`
and 32 random URL-safe characters, answered once when made or rotated. `queue_case_event` is
called where a case is created, triaged or closed (closing: backend/staff/case_actions.py, not
casework/status.py, which cannot import this module without a cycle through open311; any new
way of closing a case must call it too), in that transaction: one outbox row per
subscription that chose the event, carrying the partner's view of the case (the Open311
serialiser: no reporter, no description of domestic abuse or hate, the street not the door).
Every function works in the caller's transaction and never commits.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.open311.public import w3
from backend.open311.queries import find_request
from backend.webhooks.models import EVENTS, WebhookAttempt, WebhookDelivery, WebhookSubscription
from core.settings import Settings
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

SECRET_PREFIX = "whsec_"
PREFIX_SHOWN = 12
MAX_PARTNER_NAME = 120
MAX_URL = 500
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class WebhookError(ValueError):
    """A subscription that cannot be made, changed or disabled; the message says why."""


@dataclass(frozen=True)
class IssuedSecret:
    """A signing secret just made: `secret` is shown once."""

    subscription_id: int
    partner: str
    url: str
    events: tuple[str, ...]
    secret: str


def _is_local(host: str) -> bool:
    """This machine's own names and addresses (http is allowed to them only, for tests)."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_url(url: str) -> str:
    """The URL if deliveries may go there: https, or http to this machine only."""
    url = str(url or "").strip()
    if not url:
        raise WebhookError("Give the webhook's URL, e.g. https://partner.example/asb-events.")
    if len(url) > MAX_URL:
        raise WebhookError(f"The URL is too long (at most {MAX_URL} characters).")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - a bad port raises ValueError here
    except ValueError as exc:
        raise WebhookError("That is not a URL we can use.") from exc
    if not host or parts.username or parts.password:
        raise WebhookError("Give a URL with a host name and no user name or password in it.")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and _is_local(host):
        return url
    raise WebhookError("The URL must start with https:// (http:// only to localhost, for tests).")


def clean_events(events: Iterable[str]) -> tuple[str, ...]:
    """The events asked for, in EVENTS order; WebhookError for none or an unknown one."""
    asked = {str(event).strip().lower() for event in events if str(event).strip()}
    unknown = sorted(asked - set(EVENTS))
    if unknown:
        raise WebhookError(f"Unknown event {', '.join(unknown)}: use {', '.join(EVENTS)}.")
    if not asked:
        raise WebhookError("Choose at least one event: created, triaged or closed.")
    return tuple(event for event in EVENTS if event in asked)


def _clean_partner(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise WebhookError("Give the partner's name, e.g. Example Borough Council.")
    if len(name) > MAX_PARTNER_NAME:
        raise WebhookError(f"The partner's name is too long (at most {MAX_PARTNER_NAME}).")
    return name


def _new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(24)


def add_subscription(
    session: Session,
    *,
    partner: str,
    url: str,
    events: Iterable[str],
    actor: str,
    now: datetime,
) -> IssuedSecret:
    """Subscribe `partner` to `events` at `url`; the returned secret is shown once."""
    partner, url, chosen = _clean_partner(partner), clean_url(url), clean_events(events)
    secret = _new_secret()
    row = WebhookSubscription(
        partner=partner,
        url=url,
        events=list(chosen),
        secret=secret,
        secret_prefix=secret[:PREFIX_SHOWN],
        created_at=now,
        created_by=actor,
    )
    session.add(row)
    session.flush()
    log.info("webhook %s added for %s (%s) by %s", row.id, partner, ",".join(chosen), actor)
    return IssuedSecret(row.id, partner, url, chosen, secret)


def _live(session: Session, subscription_id: int) -> WebhookSubscription:
    row = session.get(WebhookSubscription, subscription_id, with_for_update=True)
    if row is None:
        raise WebhookError(f"There is no webhook {subscription_id}.")
    if row.disabled_at is not None:
        raise WebhookError(f"Webhook {subscription_id} was disabled already.")
    return row


def rotate_secret(
    session: Session, subscription_id: int, *, actor: str, now: datetime
) -> IssuedSecret:
    """A new signing secret: deliveries from now on are signed with it, the old one at once
    stops signing."""
    row = _live(session, subscription_id)
    row.secret = _new_secret()
    row.secret_prefix = row.secret[:PREFIX_SHOWN]
    row.secret_rotated_at, row.secret_rotated_by = now, actor
    log.info("webhook %s secret rotated by %s", row.id, actor)
    return IssuedSecret(row.id, row.partner, row.url, tuple(row.events), row.secret)


def disable_subscription(
    session: Session, subscription_id: int, *, actor: str, now: datetime
) -> int:
    """Stop the webhook: no new events, and its waiting deliveries are cancelled. Returns how
    many were cancelled."""
    row = _live(session, subscription_id)
    row.disabled_at, row.disabled_by = now, actor
    waiting = session.execute(
        select(WebhookDelivery).where(
            WebhookDelivery.subscription_id == row.id, WebhookDelivery.state == "pending"
        )
    ).scalars()
    cancelled = 0
    for delivery in waiting:
        delivery.state, delivery.last_error = "cancelled", "webhook disabled"
        delivery.payload = {"event": delivery.event, "event_id": delivery.event_id}
        cancelled += 1
    log.info("webhook %s disabled by %s (%s waiting cancelled)", row.id, actor, cancelled)
    return cancelled


def list_subscriptions(session: Session) -> list[dict[str, Any]]:
    """Every webhook, live ones first, newest first, with delivery counts (never a secret)."""
    counts: dict[tuple[int, str], int] = {
        (subscription_id, state): count
        for subscription_id, state, count in session.execute(
            select(WebhookDelivery.subscription_id, WebhookDelivery.state, func.count()).group_by(
                WebhookDelivery.subscription_id, WebhookDelivery.state
            )
        )
    }
    rows = session.execute(
        select(WebhookSubscription).order_by(WebhookSubscription.id.desc())
    ).scalars()
    found = [
        {
            "id": row.id,
            "partner": row.partner,
            "url": row.url,
            "events": list(row.events or []),
            "secret_prefix": row.secret_prefix,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "secret_rotated_at": row.secret_rotated_at,
            "secret_rotated_by": row.secret_rotated_by,
            "disabled_at": row.disabled_at,
            "disabled_by": row.disabled_by,
            "live": row.disabled_at is None,
            "counts": {state: counts.get((row.id, state), 0) for state in _COUNTED},
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: not row["live"])


_COUNTED = ("pending", "sending", "delivered", "failed")


def recent_attempts(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    """The latest delivery attempts, newest first: when, to whom, which event, the answer."""
    rows = session.execute(
        select(WebhookAttempt, WebhookDelivery, WebhookSubscription.partner)
        .join(WebhookDelivery, WebhookDelivery.id == WebhookAttempt.delivery_id)
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .order_by(WebhookAttempt.id.desc())
        .limit(limit)
    ).all()
    return [
        {
            "at": attempt.at,
            "partner": partner,
            "subscription_id": delivery.subscription_id,
            "event": delivery.event,
            "event_id": delivery.event_id,
            "case_reference": delivery.case_reference,
            "http_status": attempt.http_status,
            "error": attempt.error,
            "duration_ms": attempt.duration_ms,
            "state": delivery.state,
            "attempt_count": delivery.attempts,
        }
        for attempt, delivery, partner in rows
    ]


def _landlord_name() -> str:
    try:
        return Settings.from_env().landlord_name
    except ValueError:  # a broken environment must not stop a case being triaged
        return "your landlord"


def queue_case_event(
    session: Session,
    case: Case,
    event: str,
    *,
    now: datetime,
    calendar: WorkingCalendar | None = None,
    landlord: str | None = None,
) -> int:
    """Queue `event` ("created", "triaged", "closed") about `case` for every live subscription
    that chose it, in the caller's transaction; returns how many rows were queued.

    The payload is what Open311 answers about the case at this moment (`calendar` and
    `landlord` as the Open311 interface uses them; ASB_LANDLORD_NAME when not given)."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    subscriptions = [
        row
        for row in session.execute(
            select(WebhookSubscription).where(WebhookSubscription.disabled_at.is_(None))
        ).scalars()
        if event in (row.events or [])
    ]
    if not subscriptions or not case.reference:
        return 0
    session.flush()  # the timeline event this change added, for the status notes
    view = find_request(
        session, case.reference, calendar or WorkingCalendar(), landlord or _landlord_name()
    )
    if view is None:  # pragma: no cover - the case was just read
        return 0
    for subscription in subscriptions:
        event_id = str(uuid.uuid4())
        session.add(
            WebhookDelivery(
                event_id=event_id,
                subscription_id=subscription.id,
                event=event,
                case_id=case.id,
                case_reference=case.reference,
                payload={
                    "event": event,
                    "event_id": event_id,
                    "occurred_at": w3(now),
                    "case_reference": case.reference,
                    "request": view,
                },
                occurred_at=now,
                state="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    log.info(
        "webhook event queued: case=%s event=%s partners=%s",
        case.reference,
        event,
        len(subscriptions),
    )
    return len(subscriptions)
