"""One row per alert raised: at most one per case and reason, or per held report and reason
(a report the backend could not file has no case: backend/held_reports)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, UniqueConstraint

from backend.db import Base, UTCDateTime, utcnow

# Why an alert was raised.
REASONS = (
    "new_emergency",
    "new_domestic_abuse",
    "overdue_urgent",
    "held_report",
    "incomplete_report",  # backend/safeguarding/sweep.py
    "escalated",  # a repeat incident reports danger: backend/residents/escalation.py
    "case_review",  # a resident applied for an ASB Case Review: backend/case_review/
    "long_running",  # open over 12 weeks: review and escalate (backend/deadlines/long_running.py)
    "webhook_failed",  # a partner never received a case event: backend/webhooks/worker.py
)


class Alert(Base):
    __tablename__ = "alerts"

    id = Column(Integer, primary_key=True)
    # What the alert is about: a case, or (migration 0009_held_reports) a held report.
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    held_report_id = Column(Integer, ForeignKey("held_reports.id", ondelete="CASCADE"), index=True)
    reason = Column(String(32), nullable=False)
    raised_at = Column(UTCDateTime, nullable=False, default=utcnow)
    acknowledged_at = Column(UTCDateTime)
    acknowledged_by = Column(String(120))

    __table_args__ = (
        UniqueConstraint("case_id", "reason", name="uq_alerts_case_reason"),
        UniqueConstraint("held_report_id", "reason", name="uq_alerts_held_report_reason"),
        CheckConstraint("case_id IS NOT NULL OR held_report_id IS NOT NULL", name="subject"),
    )
