"""Held reports and their audit trail (migration 0009_held_reports)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Text

from backend.db import Base, UTCDateTime, utcnow

# held: waiting for staff; filed: a case was made from it; resolved: closed with a reason.
STATUSES = ("held", "filed", "resolved")
MAX_REPORT_ID = 128


class HeldReport(Base):
    """A report the backend refused, exactly as the assistant sent it, and what became of it.

    `payload` is the resident's report (personal data, possibly special-category: shown only on
    the staff pages, never logged). `refusal` is why POST /api/reports refused it:
    `{"status": 400, "error": "...", "fields": {"location": "is required", ...}}`.
    """

    __tablename__ = "held_reports"

    id = Column(Integer, primary_key=True)
    report_id = Column(String(MAX_REPORT_ID), nullable=False, unique=True)
    payload = Column(JSON)
    refusal = Column(JSON, nullable=False, default=dict)
    # The refused fields as the contract sees them now (after the last retry), path -> message.
    open_fields = Column(JSON, nullable=False, default=dict)
    status = Column(String(16), nullable=False, default="held", index=True)
    channel = Column(String(16))  # from the payload when it names a known channel
    received_at = Column(UTCDateTime)  # when the resident sent it, if the payload says so
    held_at = Column(UTCDateTime, nullable=False, default=utcnow)  # when the backend got it
    retries = Column(Integer, nullable=False, default=0)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    resolution = Column(String(32))  # filed_on_retry, filed_corrected, duplicate, test...
    resolution_note = Column(Text)
    resolved_at = Column(UTCDateTime)
    resolved_by = Column(String(120))
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow)


class HeldReportEvent(Base):
    """The held report's audit trail: who did what, when, and what changed."""

    __tablename__ = "held_report_events"

    id = Column(Integer, primary_key=True)
    held_report_id = Column(
        Integer, ForeignKey("held_reports.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    actor = Column(String(120), nullable=False)  # "assistant", "system" or a staff username
    kind = Column(String(32), nullable=False)  # held, alert, retry, retry_refused, filed...
    summary = Column(Text, nullable=False, default="")
    data = Column(JSON, nullable=False, default=dict)  # {"before": {...}, "after": {...}, ...}
