"""What two-way SMS remembers of residents' texts: inbound MessageSids (and photos), the last
options offered to a number, and answers to the closure survey."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, UniqueConstraint

from backend.db import Base, UTCDateTime, utcnow


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
