"""Tables for returning residents: failed identity checks, one-time codes and case PINs."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String

from backend.db import Base, UTCDateTime, utcnow


class ResidentCheckAttempt(Base):
    """One failed identity check against a reference (rate limit: no probing)."""

    __tablename__ = "resident_check_attempts"

    id = Column(Integer, primary_key=True)
    # As the caller typed it (upper-cased, trimmed), so unknown references count too.
    reference = Column(String(40), nullable=False)
    at = Column(UTCDateTime, nullable=False, default=utcnow)

    __table_args__ = (Index("ix_resident_check_attempts_reference_at", "reference", "at"),)


class VerificationCode(Base):
    """A one-time code texted to the number on a case; only its keyed hash is kept."""

    __tablename__ = "resident_verification_codes"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code_hash = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    used_at = Column(UTCDateTime)


class CasePin(Base):
    """The PIN given with a case's reference (migration 0009_case_pin): only its keyed hash is
    kept, in a table of its own so no case export, JSON shape or staff page can carry it."""

    __tablename__ = "resident_case_pins"

    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    pin_hash = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
