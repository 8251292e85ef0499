"""Receiving, checking, keeping and listing residents' evidence (docs/domain.md section 8).

An upload is streamed to a private temporary file (never more than the largest size allowed),
its type read from its content (`storage.sniff`), its size checked against its kind's limit,
a photo re-saved without EXIF, and the file kept under a random name with its SHA-256. Its row
goes on the case (with an "evidence" timeline event: who, when, kind, size, checksum; never the
content or the file's name) or, while a web chat report is not yet sent, against the chat
session's keyed hash until the case's reference comes back (`attach_session`).
Nothing here logs a file name or personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.evidence.models import EvidenceFile, EvidenceLink
from backend.evidence.storage import FileStore, FileType, NotAllowed, clean_photo, sha256_of, sniff
from core.settings import Settings

log = logging.getLogger(__name__)

MAX_FILES_PER_CASE = 20  # also the most a chat session may hold before its report is sent
LINK_LIFETIME = timedelta(hours=24)
LINK_FILES = 5  # files one texted link takes
# Files held for a chat report that was never sent are deleted this long after upload.
UNATTACHED_LIFETIME = timedelta(hours=24)
KIND_LABELS = {
    "photo": "Photo",
    "video": "Video",
    "audio": "Sound recording",
    "document": "Document",
}
SOURCE_LABELS = {
    "web_chat": "web chat, while reporting",
    "case_check": "web chat, with the reference",
    "sms_link": "link sent by text",
}


class UploadRefused(Exception):
    """A file we do not keep: `code` is one of too_large, not_allowed, too_many, empty,
    link_used (the views turn it into plain words and a 4xx)."""

    def __init__(self, code: str, status: int) -> None:
        self.code = code
        self.status = status
        super().__init__(code)


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # photos and documents
    max_video_bytes: int  # videos and sound recordings

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(settings.evidence_max_bytes, settings.evidence_max_video_bytes)

    @property
    def largest(self) -> int:
        return max(self.max_bytes, self.max_video_bytes)

    def for_kind(self, kind: str) -> int:
        return self.max_video_bytes if kind in ("video", "audio") else self.max_bytes


@dataclass(frozen=True)
class Kept:
    """A checked file on disk, not yet in the database."""

    file_type: FileType
    size_bytes: int
    sha256: str
    stored_name: str


def store_for(settings: Settings) -> FileStore:
    return FileStore(settings.evidence_path)


def session_key(secret: str, conversation_id: str) -> str:
    """A keyed hash of the chat's conversation id: the database never holds the cookie."""
    message = f"evidence-session:{conversation_id}".encode()
    return hmac.new(secret.encode() or b"-", message, hashlib.sha256).hexdigest()


async def receive(part: BodyPartReader, store: FileStore, limits: Limits) -> Path:
    """Stream one multipart file part to a private temporary file; UploadRefused when it is
    empty or larger than any file we take (the rest is not read)."""
    temp = store.new_temp()
    size = 0
    try:
        with temp.open("wb") as handle:
            while chunk := await part.read_chunk(256 * 1024):
                size += len(chunk)
                if size > limits.largest:
                    raise UploadRefused("too_large", 413)
                handle.write(chunk)
        if size == 0:
            raise UploadRefused("empty", 400)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def check_and_keep(store: FileStore, temp: Path, limits: Limits) -> Kept:
    """Type from the content, size for that kind, EXIF gone from photos; the file kept under
    a random name. The temporary file is always gone afterwards."""
    try:
        try:
            file_type = sniff(temp)
        except NotAllowed as exc:
            raise UploadRefused("not_allowed", 415) from exc
        if temp.stat().st_size > limits.for_kind(file_type.kind):
            raise UploadRefused("too_large", 413)
        content = None
        if file_type.kind == "photo":
            try:
                content = clean_photo(temp)
            except NotAllowed as exc:
                raise UploadRefused("not_allowed", 415) from exc
        if content is not None:
            digest, size = hashlib.sha256(content).hexdigest(), len(content)
        else:
            digest, size = sha256_of(temp), temp.stat().st_size
        name = store.keep(temp, file_type.extension, content)
        return Kept(file_type, size, digest, name)
    finally:
        temp.unlink(missing_ok=True)


def _lock_case(session: Session, case_id: int) -> None:
    """Parallel uploads to one case count one by one (PostgreSQL; SQLite writes serially)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Case.id).where(Case.id == case_id).with_for_update())


def files_on_case(session: Session, case_id: int) -> int:
    query = select(func.count(EvidenceFile.id)).where(EvidenceFile.case_id == case_id)
    return session.execute(query).scalar_one()


def files_pending(session: Session, key: str) -> int:
    query = select(func.count(EvidenceFile.id)).where(
        EvidenceFile.session_key == key, EvidenceFile.case_id.is_(None)
    )
    return session.execute(query).scalar_one()


def room_left(session: Session, case_id: int | None, key: str | None) -> bool:
    """Can one more file go on this case (or this chat session)?"""
    if case_id is not None:
        return files_on_case(session, case_id) < MAX_FILES_PER_CASE
    return key is not None and files_pending(session, key) < MAX_FILES_PER_CASE


def _event(session: Session, row: EvidenceFile, now: datetime) -> None:
    label = KIND_LABELS.get(row.kind, "File")
    session.add(
        CaseEvent(
            case_id=row.case_id,
            at=now,
            actor="resident",
            kind="evidence",
            summary=f"{label} added by the resident ({SOURCE_LABELS.get(row.source, row.source)})",
            data={
                "evidence_id": row.id,
                "kind": row.kind,
                "size_bytes": row.size_bytes,
                "sha256": row.sha256,
                "source": row.source,
            },
        )
    )


def record(
    session: Session,
    kept: Kept,
    *,
    source: str,
    now: datetime,
    case_id: int | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """The kept file's row, on the case (with its timeline event) or held for the session.
    UploadRefused("too_many") when the case or session is full (the caller deletes the file)."""
    if case_id is not None:
        _lock_case(session, case_id)
    if not room_left(session, case_id, key):
        raise UploadRefused("too_many", 409)
    row = EvidenceFile(
        case_id=case_id,
        session_key=None if case_id is not None else key,
        kind=kept.file_type.kind,
        content_type=kept.file_type.content_type,
        size_bytes=kept.size_bytes,
        sha256=kept.sha256,
        stored_name=kept.stored_name,
        source=source,
        uploaded_at=now,
        attached_at=now if case_id is not None else None,
    )
    session.add(row)
    session.flush()
    if case_id is not None:
        _event(session, row, now)
        log.info("evidence kept: case_id=%s evidence=%s kind=%s", case_id, row.id, row.kind)
    else:
        log.info("evidence kept for a web chat report not yet sent: evidence=%s", row.id)
    return {"id": row.id, "kind": row.kind, "attached": case_id is not None}


def attach_session(session: Session, key: str, case_id: int, now: datetime) -> int:
    """Put the chat session's held files on its report's case; returns how many (the case
    limit still holds: files beyond it stay held and are removed with the unattached ones)."""
    rows = list(
        session.execute(
            select(EvidenceFile)
            .where(EvidenceFile.session_key == key, EvidenceFile.case_id.is_(None))
            .order_by(EvidenceFile.id)
        ).scalars()
    )
    _lock_case(session, case_id)
    room = MAX_FILES_PER_CASE - files_on_case(session, case_id)
    attached = 0
    for row in rows:
        if attached >= room:
            break
        row.case_id = case_id
        row.session_key = None
        row.attached_at = now
        session.flush()
        _event(session, row, now)
        attached += 1
    if attached:
        log.info("evidence attached from the web chat: case_id=%s files=%s", case_id, attached)
    return attached


def list_for_case(session: Session, case_id: int) -> list[dict[str, Any]]:
    """The case's files for the staff page, oldest first: who (the resident, by which way)
    and when, kind, size and checksum."""
    rows = session.execute(
        select(EvidenceFile).where(EvidenceFile.case_id == case_id).order_by(EvidenceFile.id)
    ).scalars()
    return [
        {
            "id": row.id,
            "kind": KIND_LABELS.get(row.kind, "File"),
            "content_type": row.content_type,
            "size": _size_label(row.size_bytes),
            "sha256": row.sha256,
            "uploaded_at": row.uploaded_at,
            "added_by": f"Resident ({SOURCE_LABELS.get(row.source, row.source)})",
        }
        for row in rows
    ]


def _size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def delete_case_files(session: Session, store: FileStore, case_id: int) -> int:
    """Delete a case's evidence files and their rows (anonymisation, erasure)."""
    rows = list(
        session.execute(select(EvidenceFile).where(EvidenceFile.case_id == case_id)).scalars()
    )
    for row in rows:
        store.delete(row.stored_name)
        session.delete(row)
    session.flush()
    return len(rows)


def delete_unattached(session: Session, store: FileStore, before: datetime) -> int:
    """Delete files held for chat reports that were never sent (uploaded before `before`):
    the report was abandoned, or its receipt never showed a reference (backend down)."""
    rows = session.execute(
        select(EvidenceFile.id, EvidenceFile.stored_name).where(
            EvidenceFile.case_id.is_(None), EvidenceFile.uploaded_at < before
        )
    ).all()
    for _id, stored_name in rows:
        store.delete(stored_name)
    if rows:
        # A bulk DELETE: another instance sweeping at the same time deletes nothing twice.
        session.execute(
            delete(EvidenceFile)
            .where(EvidenceFile.id.in_([row_id for row_id, _name in rows]))
            .execution_options(synchronize_session=False)
        )
        log.info("evidence held for reports never sent deleted: files=%s", len(rows))
    return len(rows)


# -- one-time upload links (sent by text) ----------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(f"evidence-link:{token}".encode()).hexdigest()


def issue_link(session: Session, case_id: int, now: datetime) -> str:
    """A new link token for one case: 24 hours, LINK_FILES files; only its hash is kept."""
    token = secrets.token_urlsafe(24)
    session.add(
        EvidenceLink(
            case_id=case_id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + LINK_LIFETIME,
            files_left=LINK_FILES,
        )
    )
    session.flush()
    log.info("evidence upload link made: case_id=%s", case_id)
    return token


def live_link(
    session: Session, token: str, now: datetime, lock: bool = False
) -> EvidenceLink | None:
    """The link for `token` while it is unexpired and has files left, else None."""
    if not token or len(token) > 64:
        return None
    query = select(EvidenceLink).where(EvidenceLink.token_hash == hash_token(token))
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    link = session.execute(query).scalar_one_or_none()
    if link is None or link.expires_at <= now or link.files_left <= 0:
        return None
    return link
