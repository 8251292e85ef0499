"""Case events to partner systems: subscriptions, the webhook outbox and its delivery log
(migration 20261206_0017_webhooks).

A partner opts in with a subscription (an https URL, the events it wants, a signing secret).
Each case event it chose becomes one `WebhookDelivery` row, written in the same transaction as
the change it reports, and the worker POSTs it (backend.webhooks.worker). Every try is one
`WebhookAttempt`: when, the HTTP status or the error's class, how long; never the body.

The signing secret is kept as it is (it has to be, to sign with it): it is shown to the admin
once, never again on any page or command, and only its first characters tell secrets apart.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String

from backend.db import Base, UTCDateTime, utcnow
from core.codes import WEBHOOK_EVENTS

EVENTS = WEBHOOK_EVENTS
# Our side of delivering: pending -> sending -> delivered | failed | cancelled.
DELIVERY_STATES = ("pending", "sending", "delivered", "failed", "cancelled")


class WebhookSubscription(Base):
    """One partner's webhook: where case events go, which ones, and the secret that signs them."""

    __tablename__ = "webhook_subscriptions"

    id = Column(Integer, primary_key=True)
    partner = Column(String(120), nullable=False, index=True)  # as on its partner keys
    url = Column(String(500), nullable=False)
    events = Column(JSON, nullable=False, default=list)  # ["created", "closed"]
    secret = Column(String(100), nullable=False)  # signs deliveries; shown once, never logged
    secret_prefix = Column(String(16), nullable=False)  # to tell secrets apart
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    created_by = Column(String(120), nullable=False)  # a staff username or "cli (<os user>)"
    secret_rotated_at = Column(UTCDateTime)
    secret_rotated_by = Column(String(120))
    disabled_at = Column(UTCDateTime)
    disabled_by = Column(String(120))


class WebhookDelivery(Base):
    """One case event for one subscription (the webhook outbox)."""

    __tablename__ = "webhook_deliveries"

    id = Column(Integer, primary_key=True)
    # X-ASB-Delivery: the same on every retry, so the partner can drop a copy.
    event_id = Column(String(36), nullable=False, unique=True)
    subscription_id = Column(
        Integer, ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), nullable=False
    )
    event = Column(String(16), nullable=False)  # created, triaged, closed
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    case_reference = Column(String(20))
    payload = Column(JSON, nullable=False)  # the partner's no-personal-data view of the case
    occurred_at = Column(UTCDateTime, nullable=False)
    state = Column(String(16), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime, nullable=False, default=utcnow)
    claimed_at = Column(UTCDateTime)
    claimed_by = Column(String(128))  # the worker instance (ASB_INSTANCE) holding the claim
    last_status = Column(Integer)  # the partner's last HTTP status
    last_error = Column(String(200))  # why the last try failed (a status or an error class)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    delivered_at = Column(UTCDateTime)
    failed_at = Column(UTCDateTime)

    __table_args__ = (
        Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),
        Index("ix_webhook_deliveries_subscription", "subscription_id", "id"),
    )


class WebhookAttempt(Base):
    """One try at delivering: when, the answer (HTTP status or error class), how long."""

    __tablename__ = "webhook_attempts"

    id = Column(Integer, primary_key=True)
    delivery_id = Column(
        Integer, ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), nullable=False
    )
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    http_status = Column(Integer)
    error = Column(String(80))  # e.g. TimeoutError, ClientConnectorError; never a body
    duration_ms = Column(Integer, nullable=False)
    worker = Column(String(128))

    __table_args__ = (Index("ix_webhook_attempts_delivery", "delivery_id", "id"),)
