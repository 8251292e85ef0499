"""The SMS outbox (every text is a row written in the same transaction as the change it
reports), and what two-way SMS remembers: opt-outs, inbound MessageSids, the last options
offered to a number, and survey answers."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)

from backend.db import Base, UTCDateTime, utcnow

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
    to_number = Column(String(20), nullable=False)  # E.164; personal data, never logged
    body = Column(Text, nullable=False)
    urgent = Column(Boolean, nullable=False, default=False)  # urgent texts ignore quiet hours
    state = Column(String(16), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime, nullable=False, default=utcnow)
    claimed_at = Column(UTCDateTime)
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


class SmsOptOut(Base):
    """A number that texted STOP (or STOPALL, UNSUBSCRIBE...): no text goes to it until START."""

    __tablename__ = "sms_opt_outs"

    phone = Column(String(20), primary_key=True)  # E.164; personal data, never logged
    keyword = Column(String(16), nullable=False)
    opted_out_at = Column(UTCDateTime, nullable=False, default=utcnow)


class SmsInbound(Base):
    """One inbound text's MessageSid: the unique key makes a repeated webhook a no-op.

    The body is not kept here (it reaches the assistant, or the case as a note); media URLs
    are, until the report's case takes them as evidence.
    """

    __tablename__ = "sms_inbound"

    id = Column(Integer, primary_key=True)
    message_sid = Column(String(64), nullable=False, unique=True)
    from_number = Column(String(20), nullable=False, index=True)
    num_media = Column(Integer, nullable=False, default=0)
    # Twilio's media URLs (photos); a report's photos are attached to its case as evidence.
    media_urls = Column(JSON)
    outcome = Column(String(24), nullable=False, default="received")
    # The case the text (or its photos) went to: a note, a survey answer, or evidence.
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"))
    received_at = Column(UTCDateTime, nullable=False, default=utcnow)

    __table_args__ = (
        Index("ix_sms_inbound_from_number_received_at", "from_number", "received_at"),
    )


class SmsConversation(Base):
    """Per number: the options (buttons) of the assistant's last reply, so '1' maps back."""

    __tablename__ = "sms_conversations"

    phone = Column(String(20), primary_key=True)
    buttons = Column(JSON, nullable=False, default=list)  # [{"title": ..., "payload": ...}]
    language = Column(String(8), nullable=False, default="en")
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class SurveyResponse(Base):
    """One answer to the closure satisfaction survey, given by text."""

    __tablename__ = "survey_responses"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    question = Column(String(32), nullable=False)  # e.g. "kept_informed"
    position = Column(Integer, nullable=False)  # 1-based order in the survey
    score = Column(Integer)  # 1-5, or 1 yes / 0 no
    answer = Column(String(160), nullable=False)  # what the resident typed, trimmed
    message_sid = Column(String(64))
    answered_at = Column(UTCDateTime, nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("case_id", "question"),
        Index("ix_survey_responses_answered_at", "answered_at"),
    )
