"""ASB Case Review applications (migration 20261206_0015_case_review).

One row each time a resident asks for a review through the assistant (or staff record one): who
applied (the case whose reporter proved who they are, and how), what was counted, whether the
threshold was met, and the decision. Personal data stays on the case: the row holds case ids,
references and dates only.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Index, Integer, String, Text

from backend.db import Base, UTCDateTime, utcnow

# received: threshold met, waiting for the decision; decided: staff recorded it;
# below_threshold: asked, but the reports did not reach the threshold (kept so staff can see it,
# and may still record a decision, for example after counting reports the assistant could not
# date).
STATUSES = ("received", "decided", "below_threshold")
OUTCOMES = ("review", "no_review")  # the decision staff record
OUTCOME_LABELS = {
    "review": "Threshold met: the case will be reviewed",
    "no_review": "No review: the threshold is not met",
}
STATUS_LABELS = {
    "received": "Waiting for a decision",
    "decided": "Decided",
    "below_threshold": "Below the threshold",
}


class CaseReviewApplication(Base):
    __tablename__ = "case_review_applications"

    id = Column(Integer, primary_key=True)
    # The case whose reporter applied (their latest by SMS; the one they proved on the web).
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    reference = Column(String(20), nullable=False)
    channel = Column(String(16), nullable=False)  # web, sms, rest, staff
    verified_by = Column(String(16), nullable=False)  # phone, postcode, pin, code, staff
    received_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # What was counted: {"threshold": {...}, "reports_by_resident": n, ..., "reports": [...]}.
    counted = Column(JSON, nullable=False, default=dict)
    threshold_met = Column(Boolean, nullable=False)
    status = Column(String(16), nullable=False)
    decision_due = Column(Date)  # working days from receipt (met only)
    # How the acknowledgement went: sms, email, call (staff call them) or none (no contact).
    acknowledged_by = Column(String(8))
    outcome = Column(String(16))
    decision = Column(Text)
    decided_at = Column(UTCDateTime)
    decided_by = Column(String(120))

    __table_args__ = (
        Index("ix_case_review_applications_status_due", "status", "decision_due"),
        Index("ix_case_review_applications_case_id", "case_id"),
    )
