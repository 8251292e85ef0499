"""The safeguarding record: what is known of a conversation in which the assistant gave safety
advice (999, self-harm, domestic abuse) and told the resident it was marked urgent or passed on.

One row per conversation's safety episode, keyed by the assistant's `record_id`. States:
`open` (the conversation may still finish the report), `joined` (the finished report's case
carries it, `case_id`), `converted` (nobody finished it: an urgent incomplete-report case was
opened from it, `case_id`; a report that still arrives later is linked, `linked_case_id`).
The resident's words and contact details are kept only while the record is open: once a case
holds them the record keeps only its bookkeeping.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String

from backend.db import Base, UTCDateTime, utcnow

OPEN = "open"
JOINED = "joined"
CONVERTED = "converted"
STATES = (OPEN, JOINED, CONVERTED)
# Routes whose advice promises urgency or passing on (bot/messages/safety.py); most urgent first.
RECORD_ROUTES = ("emergency", "domestic_abuse")
# The report_id of a case opened from an abandoned record: "incomplete:<record_id>" (the case
# table's unique report_id then also makes the case once only).
INCOMPLETE_PREFIX = "incomplete:"


class SafeguardingRecord(Base):
    """One conversation's safety episode (see the module docstring)."""

    __tablename__ = "safeguarding_records"

    id = Column(Integer, primary_key=True)
    record_id = Column(String(64), nullable=False, unique=True)  # idempotency key (assistant)
    state = Column(String(16), nullable=False, default=OPEN)
    route = Column(String(24), nullable=False)  # the most urgent route of the episode
    reasons = Column(JSON, nullable=False, default=list)  # e.g. ["self_harm", "weapon"]
    flags = Column(JSON, nullable=False, default=list)  # e.g. ["domestic_abuse", "safeguarding"]
    channel = Column(String(16), nullable=False)
    language = Column(String(8), nullable=False, default="en")
    # The resident's words so far and any contact detail given (personal data, never logged;
    # cleared once a case holds them).
    words = Column(JSON)
    contact = Column(JSON)
    # How many messages the resident had sent when the case was opened from this record.
    message_count = Column(Integer, nullable=False, default=0)
    words_on_case = Column(Integer, nullable=False, default=0)
    sequence = Column(Integer, nullable=False, default=0)  # the assistant's last snapshot applied
    started_at = Column(UTCDateTime, nullable=False)
    last_activity_at = Column(UTCDateTime, nullable=False)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    # A report that arrived after the record had become an incomplete-report case.
    linked_case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"))
    joined_at = Column(UTCDateTime)
    converted_at = Column(UTCDateTime)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        # The abandonment sweep: open records by last activity.
        Index("ix_safeguarding_records_state_activity", "state", "last_activity_at"),
    )
