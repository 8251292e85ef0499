"""The safeguarding spool: the action server's durable copy of each safeguarding record until the
backend has its latest version (bot/actions/safeguarding.py builds and relays them).

A table `safeguarding` in the report spool's SQLite file (`settings.report_spool_path`, mode
0600, WAL, `synchronous=FULL`: a record is on disk when `open_or_update()` returns). One row per
conversation's safety episode; `conversation` is a hash of the Rasa sender id (on SMS the sender
id is a phone number), and at most one row per conversation is open. Each change bumps
`version`; the relay sends the latest snapshot while `relayed_version < version`, no sooner
than `next_attempt_at` (activity updates are throttled to one a minute per record, the first
snapshot and a more urgent route go at once). A row that is closed (its report carried it, or
its conversation ended) and fully relayed drops its snapshot: the backend has it.

Methods are synchronous and short; async callers run them with `asyncio.to_thread`.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from bot.actions.spool import SqliteSpool

THROTTLE_SECONDS = 60.0  # at most one activity update a minute per record
# A record still open this long after its last change belongs to a conversation that has ended
# (Rasa starts a new session after an hour's silence): it is closed and, once relayed, emptied.
STALE_AFTER_SECONDS = 3 * 3600.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS safeguarding (
    record_id TEXT PRIMARY KEY,
    conversation TEXT NOT NULL,
    session_marker TEXT,
    open INTEGER NOT NULL DEFAULT 1,
    snapshot TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    relayed_version INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_relayed_at REAL,
    changed_at REAL NOT NULL,
    last_error TEXT,
    backend_state TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS safeguarding_open_conversation
    ON safeguarding (conversation) WHERE open = 1;
CREATE INDEX IF NOT EXISTS safeguarding_due ON safeguarding (next_attempt_at)
    WHERE relayed_version < version;
"""

# (stored snapshot or None, fresh snapshot) -> the snapshot to store.
Merge = Callable[[dict[str, Any] | None, dict[str, Any]], dict[str, Any]]


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RecordRow:
    record_id: str
    conversation: str
    session_marker: str | None
    open: bool
    snapshot: dict[str, Any] | None
    version: int
    relayed_version: int
    attempts: int
    next_attempt_at: float
    backend_state: str | None

    @classmethod
    def from_db(cls, row: sqlite3.Row) -> RecordRow:
        return cls(
            record_id=row["record_id"],
            conversation=row["conversation"],
            session_marker=row["session_marker"],
            open=bool(row["open"]),
            snapshot=json.loads(row["snapshot"]) if row["snapshot"] else None,
            version=row["version"],
            relayed_version=row["relayed_version"],
            attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"],
            backend_state=row["backend_state"],
        )

    @property
    def pending(self) -> bool:
        return self.relayed_version < self.version


@dataclass(frozen=True)
class Saved:
    """What `open_or_update` did: the row now, and whether it was created or changed."""

    row: RecordRow
    created: bool
    changed: bool


class SafeguardingSpool(SqliteSpool):
    """Durable safeguarding records until the backend has their latest version."""

    SCHEMA = SCHEMA

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so a read-then-write cannot interleave)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @staticmethod
    def _open_row(db: sqlite3.Connection, conversation: str) -> RecordRow | None:
        row = db.execute(
            "SELECT * FROM safeguarding WHERE conversation = ? AND open = 1", (conversation,)
        ).fetchone()
        return RecordRow.from_db(row) if row else None

    def open_record(self, conversation: str) -> RecordRow | None:
        """The conversation's open record, if any."""
        with self._connect() as db:
            return self._open_row(db, conversation)

    def get(self, record_id: str) -> RecordRow | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT * FROM safeguarding WHERE record_id = ?", (record_id,)
            ).fetchone()
        return RecordRow.from_db(row) if row else None

    def open_or_update(
        self,
        conversation: str,
        session_marker: str | None,
        fresh: dict[str, Any],
        merge: Merge,
        *,
        create: bool,
        urgent: Callable[[dict[str, Any] | None, dict[str, Any]], bool],
        throttle: float = THROTTLE_SECONDS,
        now: float | None = None,
    ) -> Saved | None:
        """Store `fresh` (merged into the conversation's open record of the same session), or
        open a new record with it when `create` (a record of an earlier session is closed
        first). `urgent(old, new)` says whether the change goes to the backend at once rather
        than `throttle` seconds after the last relay. Returns None when there was nothing to
        update."""
        now = time.time() if now is None else now
        with self._write() as db:
            current = self._open_row(db, conversation)
            if current is not None and current.session_marker != session_marker:
                self._close(db, current.record_id)
                current = None
            if current is None:
                if not create:
                    return None
                return Saved(self._insert(db, conversation, session_marker, fresh, now), True, True)
            merged = merge(current.snapshot, fresh)
            if merged == current.snapshot:
                return Saved(current, False, False)
            version = current.version + 1
            merged = {**merged, "record_id": current.record_id, "sequence": version}
            if urgent(current.snapshot, merged):
                due = now
            elif current.pending:
                due = current.next_attempt_at  # already waiting (throttle or retry)
            else:
                last = db.execute(
                    "SELECT last_relayed_at FROM safeguarding WHERE record_id = ?",
                    (current.record_id,),
                ).fetchone()["last_relayed_at"]
                due = max(now, (last or 0.0) + throttle)
            db.execute(
                "UPDATE safeguarding SET snapshot = ?, version = ?, next_attempt_at = ?, "
                "changed_at = ?, updated_at = ? WHERE record_id = ?",
                (json.dumps(merged), version, due, now, _now_iso(), current.record_id),
            )
            row = db.execute(
                "SELECT * FROM safeguarding WHERE record_id = ?", (current.record_id,)
            ).fetchone()
        return Saved(RecordRow.from_db(row), False, True)

    @staticmethod
    def _insert(
        db: sqlite3.Connection,
        conversation: str,
        session_marker: str | None,
        fresh: dict[str, Any],
        now: float,
    ) -> RecordRow:
        record_id = str(uuid.uuid4())
        snapshot = {**fresh, "record_id": record_id, "sequence": 1}
        stamp = _now_iso()
        db.execute(
            "INSERT INTO safeguarding (record_id, conversation, session_marker, open, snapshot, "
            "version, relayed_version, next_attempt_at, changed_at, created_at, updated_at) "
            "VALUES (?, ?, ?, 1, ?, 1, 0, ?, ?, ?, ?)",
            (record_id, conversation, session_marker, json.dumps(snapshot), now, now, stamp, stamp),
        )
        row = db.execute("SELECT * FROM safeguarding WHERE record_id = ?", (record_id,)).fetchone()
        return RecordRow.from_db(row)

    @staticmethod
    def _close(db: sqlite3.Connection, record_id: str) -> None:
        db.execute(
            "UPDATE safeguarding SET open = 0, updated_at = ?, snapshot = CASE "
            "WHEN relayed_version >= version THEN NULL ELSE snapshot END WHERE record_id = ?",
            (_now_iso(), record_id),
        )

    def close(self, record_id: str) -> None:
        """No more updates for this record (its report carries it, or its conversation ended);
        the snapshot goes once the backend has the latest version."""
        with self._write() as db:
            self._close(db, record_id)

    def due(self, now: float | None = None, limit: int = 50) -> list[RecordRow]:
        """Records whose latest version the backend lacks and whose time has come."""
        now = time.time() if now is None else now
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM safeguarding WHERE relayed_version < version "
                "AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
                (now, limit),
            ).fetchall()
        return [RecordRow.from_db(row) for row in rows]

    def mark_relayed(self, record_id: str, version: int, backend_state: str | None) -> None:
        """The backend has `version` (a later change may be waiting already)."""
        with self._write() as db:
            db.execute(
                "UPDATE safeguarding SET relayed_version = MAX(relayed_version, ?), attempts = 0, "
                "last_relayed_at = ?, last_error = NULL, backend_state = ?, updated_at = ? "
                "WHERE record_id = ?",
                (version, time.time(), backend_state, _now_iso(), record_id),
            )
            db.execute(
                "UPDATE safeguarding SET snapshot = NULL WHERE record_id = ? AND open = 0 "
                "AND relayed_version >= version",
                (record_id,),
            )

    def mark_refused(self, record_id: str, version: int, error: str) -> None:
        """The backend refused this version (a bug, never the resident's fault): no retry of
        it; the next change is sent as usual."""
        with self._write() as db:
            db.execute(
                "UPDATE safeguarding SET relayed_version = MAX(relayed_version, ?), "
                "attempts = attempts + 1, last_relayed_at = ?, last_error = ?, "
                "backend_state = 'refused', updated_at = ? WHERE record_id = ?",
                (version, time.time(), error, _now_iso(), record_id),
            )

    def mark_failed(self, record_id: str, version: int, error: str, next_attempt_at: float) -> int:
        """A failed attempt: try again at `next_attempt_at`; returns the attempts so far."""
        with self._write() as db:
            db.execute(
                "UPDATE safeguarding SET attempts = attempts + 1, last_error = ?, "
                "next_attempt_at = ?, updated_at = ? WHERE record_id = ? AND version = ?",
                (error, next_attempt_at, _now_iso(), record_id, version),
            )
            row = db.execute(
                "SELECT attempts FROM safeguarding WHERE record_id = ?", (record_id,)
            ).fetchone()
        return int(row["attempts"]) if row else 0

    def close_stale(self, now: float | None = None) -> int:
        """Close open records untouched for STALE_AFTER_SECONDS (their conversation is over);
        returns how many."""
        now = time.time() if now is None else now
        with self._write() as db:
            stale = db.execute(
                "SELECT record_id FROM safeguarding WHERE open = 1 AND changed_at < ?",
                (now - STALE_AFTER_SECONDS,),
            ).fetchall()
            for row in stale:
                self._close(db, row["record_id"])
        return len(stale)

    def counts(self) -> dict[str, int]:
        """Open, closed and pending records (for health checks and tests)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT SUM(open = 1) AS open, SUM(open = 0) AS closed, "
                "SUM(relayed_version < version) AS pending FROM safeguarding"
            ).fetchone()
        return {name: int(row[name] or 0) for name in ("open", "closed", "pending")}
