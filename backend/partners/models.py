"""Partner API keys and the audit of every call made with one (migration 20261206_0015_partners).

A key is shown once, when it is made; only a keyed hash of it is kept (`key_hash`), with its
first characters (`key_prefix`) so admins can tell keys apart. A rotated or revoked key keeps
its row (revoked_at, revoked_reason) so the audit still names it.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String

from backend.db import Base, UTCDateTime, utcnow

SCOPES = ("read", "create")
PARTNER_KINDS = ("council", "police", "other")
REVOKED_REASONS = ("revoked", "rotated")


class PartnerKey(Base):
    """One API key of one partner organisation, with what it may do (`scopes`)."""

    __tablename__ = "partner_keys"

    id = Column(Integer, primary_key=True)
    partner = Column(String(120), nullable=False, index=True)  # the organisation's name
    kind = Column(String(16), nullable=False, default="other")  # council, police, other
    scopes = Column(JSON, nullable=False, default=list)  # ["read"], ["read", "create"]
    key_prefix = Column(
        String(16), nullable=False
    )  # the key's first characters, to tell keys apart
    key_hash = Column(String(64), nullable=False, unique=True)  # HMAC-SHA256, never the key
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    created_by = Column(String(120), nullable=False)  # a staff username or "cli (<os user>)"
    revoked_at = Column(UTCDateTime)
    revoked_by = Column(String(120))
    revoked_reason = Column(String(16))  # revoked | rotated
    # The key this one replaced when it was made by rotating that one.
    rotated_from_id = Column(Integer, ForeignKey("partner_keys.id", ondelete="SET NULL"))
    last_used_at = Column(UTCDateTime)


class PartnerApiCall(Base):
    """One call to the partner API: who (the key and its partner, none when the key was missing
    or unknown), what (method, endpoint), the answer's status, the case it was about, when.
    Never the request body, the key itself or anything the partner sent about people."""

    __tablename__ = "partner_api_calls"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow)
    key_id = Column(Integer, ForeignKey("partner_keys.id", ondelete="SET NULL"), index=True)
    partner = Column(String(120))  # copied from the key, so the audit reads on its own
    method = Column(String(8), nullable=False)
    endpoint = Column(String(200), nullable=False)  # the path, without the query string
    status = Column(Integer, nullable=False)
    case_reference = Column(String(20))  # the case created or read, when there is one

    __table_args__ = (Index("ix_partner_api_calls_at", "at"),)
