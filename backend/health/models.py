"""Heartbeats of the processes that serve no HTTP (the SMS workers), so /healthz can tell
whether they are alive wherever they run."""

from __future__ import annotations

from sqlalchemy import Column, String

from backend.db import Base, UTCDateTime


class WorkerHeartbeat(Base):
    """The last time one worker instance (`kind`, `instance`: ASB_INSTANCE) said it was alive."""

    __tablename__ = "worker_heartbeats"

    kind = Column(String(32), primary_key=True)  # "sms-worker"
    instance = Column(String(128), primary_key=True)
    beat_at = Column(UTCDateTime, nullable=False)
