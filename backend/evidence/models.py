"""Evidence tables: the files residents upload, and the one-time upload links sent by text."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String

from backend.db import Base, UTCDateTime, utcnow

KINDS = ("photo", "video", "audio", "document")
# Where an upload came from: the web chat while reporting, a reference checked on the chat
# page, or a one-time link texted to the resident.
SOURCES = ("web_chat", "case_check", "sms_link")


class EvidenceFile(Base):
    """One stored file. Its name as the resident had it is never kept; `stored_name` is
    random. `case_id` is empty while the web chat report it belongs to is not yet sent: then
    `session_key` (a keyed hash of the chat's conversation id) holds it."""

    __tablename__ = "evidence_files"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    session_key = Column(String(64), index=True)
    kind = Column(String(16), nullable=False)
    content_type = Column(String(64), nullable=False)
    size_bytes = Column(BigInteger, nullable=False)
    sha256 = Column(String(64), nullable=False)
    stored_name = Column(String(80), nullable=False, unique=True)
    source = Column(String(16), nullable=False)
    uploaded_at = Column(UTCDateTime, nullable=False, default=utcnow)
    attached_at = Column(UTCDateTime)


class EvidenceLink(Base):
    """A one-time upload link for one case, texted on request: only its hash is kept."""

    __tablename__ = "evidence_links"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    files_left = Column(Integer, nullable=False)
