"""The retention audit (migration 0011_retention): every retention run, and every subject-access
export or erasure request. Neither ever holds the data itself: counts, case references (of cases
anonymised or covered), who and when."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String

from backend.db import Base, UTCDateTime, utcnow

# What staff see where a resident's words or details used to be.
REMOVED = "[removed under the retention policy]"


class RetentionRun(Base):
    """One retention run (scheduled, from the command line, or a dry run).

    `scheduled_day` is set for the daily scheduled run only and is unique: the first backend
    instance to insert the day's row runs it, every other one finds the row and does nothing."""

    __tablename__ = "retention_runs"

    id = Column(Integer, primary_key=True)
    started_at = Column(UTCDateTime, nullable=False, default=utcnow)
    finished_at = Column(UTCDateTime)
    actor = Column(String(120), nullable=False)  # "scheduler", "cli (<os user>)"
    dry_run = Column(Boolean, nullable=False, default=False)
    scheduled_day = Column(Date, unique=True)  # local date of a scheduled run, else None
    status = Column(String(16), nullable=False, default="running")  # running, done, failed
    counts = Column(JSON, nullable=False, default=dict)  # kind -> rows purged (or would be)
    case_references = Column(JSON, nullable=False, default=list)  # cases anonymised (references)
    periods = Column(JSON, nullable=False, default=dict)  # the periods the run applied


class DataRequest(Base):
    """A subject-access export or an erasure request handled by an admin: who, when, what was
    covered (case references and counts), and the outcome. Never the phone number itself."""

    __tablename__ = "data_requests"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    actor = Column(String(120), nullable=False)  # the admin's username
    kind = Column(String(16), nullable=False)  # export or erasure
    subject_type = Column(String(16), nullable=False)  # phone or reference
    outcome = Column(String(24), nullable=False)  # exported, erased, refused, partly_erased...
    case_references = Column(JSON, nullable=False, default=list)  # the cases it covered
    counts = Column(JSON, nullable=False, default=dict)  # what was exported or erased, by kind
    refused = Column(JSON, nullable=False, default=list)  # open cases it could not erase
