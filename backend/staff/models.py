"""Staff users (argon2 password hashes) and their server-side login sessions."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String

from backend.db import Base, UTCDateTime, utcnow

ROLES = ("agent", "officer", "manager", "admin")


class StaffUser(Base):
    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), nullable=False, unique=True)
    display_name = Column(String(120), nullable=False, default="")
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False, default="agent")
    team = Column(String(8))  # TEM, CHM or LPC for officers
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class StaffSession(Base):
    """A login session; only the SHA-256 of the cookie token is stored."""

    __tablename__ = "staff_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)


class StaffAudit(Base):
    """Changes to staff accounts: who, when, what before and after (never password hashes).
    Changes to cases are audited on the case timeline (case_events)."""

    __tablename__ = "staff_audit"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    actor = Column(String(120), nullable=False)  # a staff username, or "cli"
    action = Column(String(32), nullable=False)  # user_created, password_changed...
    username = Column(String(80), nullable=False, index=True)  # the account changed
    data = Column(JSON, nullable=False, default=dict)  # {"before": {...}, "after": {...}}


class LoginThrottle(Base):
    """Failed staff logins counted for one account or one client address, and its lock
    (backend/staff/throttle.py). The key is a keyed hash, so a password typed into the
    username box is never stored."""

    __tablename__ = "staff_login_throttles"

    key = Column(String(64), primary_key=True)  # HMAC-SHA256 of "account:<name>"/"address:<ip>"
    scope = Column(String(8), nullable=False)  # account or address
    failures = Column(Integer, nullable=False, default=0)  # since the last lock or quiet spell
    locks = Column(Integer, nullable=False, default=0)  # locks in a row: each one doubles
    locked_until = Column(UTCDateTime)
    last_failure_at = Column(UTCDateTime)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
