"""The outbox: every text or email to a resident (and every alert text) is a row written in the
same transaction as the change it reports, then sent by the worker.

`channel` says how a row goes: "sms" rows through Twilio (`to_number`; backend.sms_outbound),
"email" rows by SMTP (`to_email`, `subject`, a stable `email_message_id`; backend.email_outbound).
Both share the claims, retries, quiet hours and dedupe keys. The package keeps its historical
name: most of its modules are about texts. (The opt-out list is `opt_outs`; what residents text
us is kept by `backend.sms_inbound.models`.)"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Text, text

from backend.db import Base, UTCDateTime, utcnow

CHANNELS = ("sms", "email")
# Our side of sending: pending -> sending -> sent | failed | cancelled.
OUTBOX_STATES = ("pending", "sending", "sent", "failed", "cancelled")
# The assistant's replies in an SMS conversation (sent strictly in order, one at a time).
REPLY_KIND = "reply"
# Texts about a case: a reply to one of these is a reply about that case.
CASE_UPDATE_KINDS = ("ack", "triage", "status", "delay", "contact", "closure", "survey")
# Twilio's delivery states, in the order they can only move forward.
DELIVERY_ORDER = ("accepted", "queued", "sending", "sent", "delivered", "undelivered", "failed")


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    dedupe_key = Column(String(120), nullable=False, unique=True)  # e.g. "ack:<case id>"
    kind = Column(String(32), nullable=False)  # ack, triage, update, delay, closure, survey...
    # Migration 0009_email_outbox: "sms" or "email"; texts have to_number, emails to_email.
    channel = Column(String(8), nullable=False, default="sms", server_default="sms")
    to_number = Column(String(20))  # E.164; personal data, never logged
    to_email = Column(String(254))  # personal data, never logged
    subject = Column(String(300))  # emails only
    # The email's Message-ID, fixed before the first attempt: a resend after an interrupted
    # send carries the same one, so mail systems can drop the copy.
    email_message_id = Column(String(255), unique=True)
    body = Column(Text, nullable=False)
    urgent = Column(Boolean, nullable=False, default=False)  # urgent texts ignore quiet hours
    state = Column(String(16), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime, nullable=False, default=utcnow)
    claimed_at = Column(UTCDateTime)
    claimed_by = Column(String(128))  # the worker instance (ASB_INSTANCE) holding the claim
    twilio_sid = Column(String(64), unique=True)
    delivery_status = Column(String(16))
    error_code = Column(String(16))
    last_error = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    sent_at = Column(UTCDateTime)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt_at"),
        # Dashboard "acknowledged within 1/5 working days" (migration 0006).
        Index(
            "ix_outbox_ack_case_sent",
            "case_id",
            "sent_at",
            postgresql_where=text("kind = 'ack'"),
            sqlite_where=text("kind = 'ack'"),
        ),
    )
