"""One row per alert raised: at most one per case and reason."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, UniqueConstraint

from backend.db import Base, UTCDateTime, utcnow

# Why an alert was raised.
REASONS = ("new_emergency", "new_domestic_abuse", "overdue_urgent")


class Alert(Base):
    __tablename__ = "alerts"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reason = Column(String(32), nullable=False)
    raised_at = Column(UTCDateTime, nullable=False, default=utcnow)
    acknowledged_at = Column(UTCDateTime)
    acknowledged_by = Column(String(120))

    __table_args__ = (UniqueConstraint("case_id", "reason", name="uq_alerts_case_reason"),)
