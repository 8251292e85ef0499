"""The report spool: every confirmed report is written here before the backend is called.

A small SQLite file (`settings.report_spool_path`, mode 0600) in WAL mode with
`synchronous=FULL`, so a row is on disk when `add()` returns. Rows move
pending -> delivered (the backend answered 200/201) or pending -> rejected (the backend said
400: kept for staff, never dropped). A rejected row keeps the refusal and is handed over to the
backend's held reports (bot/actions/handover.py), retried until the backend has it; then
`handed_over_at` records when. Delivered and handed-over rows drop the payload: the backend has
it, and the spool should not keep a second copy of residents' personal data. Delivered rows keep
the backend's answer (reference, review day) for idempotent re-answers.

Methods are synchronous and short; async callers run them with `asyncio.to_thread`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

PENDING = "pending"
DELIVERED = "delivered"
REJECTED = "rejected"

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    payload TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    reference TEXT,
    response TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    refusal TEXT,
    handover_attempts INTEGER NOT NULL DEFAULT 0,
    handover_error TEXT,
    handed_over_at TEXT
);
CREATE INDEX IF NOT EXISTS reports_due ON reports (state, next_attempt_at);
"""
# Columns added after the first release (held reports): added to an older spool file on open.
ADDED_COLUMNS = {
    "refusal": "TEXT",
    "handover_attempts": "INTEGER NOT NULL DEFAULT 0",
    "handover_error": "TEXT",
    "handed_over_at": "TEXT",
}


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SpoolRow:
    report_id: str
    payload: dict[str, Any] | None
    state: str
    attempts: int
    next_attempt_at: float
    reference: str | None
    response: dict[str, Any] | None
    last_error: str | None
    # Rejected rows: the backend's refusal, and the hand-over to its held reports.
    refusal: dict[str, Any] | None = None
    handover_attempts: int = 0
    handed_over_at: str | None = None

    @classmethod
    def from_db(cls, row: sqlite3.Row) -> SpoolRow:
        return cls(
            report_id=row["report_id"],
            payload=json.loads(row["payload"]) if row["payload"] else None,
            state=row["state"],
            attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"],
            reference=row["reference"],
            response=json.loads(row["response"]) if row["response"] else None,
            last_error=row["last_error"],
            refusal=json.loads(row["refusal"]) if row["refusal"] else None,
            handover_attempts=row["handover_attempts"],
            handed_over_at=row["handed_over_at"],
        )


class SqliteSpool:
    """A private SQLite file in WAL mode where every commit is on disk when it returns
    (`synchronous=FULL`); subclasses give its SCHEMA and may upgrade older files."""

    SCHEMA = ""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Create the file private before SQLite opens it (it holds personal data).
        os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
        with self._connect(prepare=False) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(self.SCHEMA)
            self._upgrade(db)
        self._ready = True

    def _upgrade(self, db: sqlite3.Connection) -> None:
        """Bring a file written by an older version up to SCHEMA (nothing by default)."""

    @contextmanager
    def _connect(self, prepare: bool = True) -> Iterator[sqlite3.Connection]:
        if prepare:
            self._prepare()
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()


class ReportSpool(SqliteSpool):
    """Durable store of confirmed reports until the backend has them."""

    SCHEMA = SCHEMA

    def _upgrade(self, db: sqlite3.Connection) -> None:
        present = {row["name"] for row in db.execute("PRAGMA table_info(reports)")}
        for name, definition in ADDED_COLUMNS.items():
            if name not in present:
                db.execute(f"ALTER TABLE reports ADD COLUMN {name} {definition}")

    def add(self, report_id: str, payload: dict[str, Any], next_attempt_at: float) -> SpoolRow:
        """Store a report (no-op if `report_id` is already there) and return its row."""
        now = _now_iso()
        with self._connect() as db:
            db.execute(
                "INSERT OR IGNORE INTO reports (report_id, payload, state, attempts, "
                "next_attempt_at, created_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?, ?)",
                (report_id, json.dumps(payload), next_attempt_at, now, now),
            )
            row = db.execute("SELECT * FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return SpoolRow.from_db(row)

    def get(self, report_id: str) -> SpoolRow | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return SpoolRow.from_db(row) if row else None

    def due(self, now: float | None = None, limit: int = 50) -> list[SpoolRow]:
        """Pending reports whose next attempt time has come, oldest first."""
        now = time.time() if now is None else now
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM reports WHERE state = 'pending' AND next_attempt_at <= ? "
                "ORDER BY next_attempt_at, created_at LIMIT ?",
                (now, limit),
            ).fetchall()
        return [SpoolRow.from_db(row) for row in rows]

    def mark_delivered(self, report_id: str, response: dict[str, Any]) -> None:
        reference = response.get("reference")
        with self._connect() as db:
            db.execute(
                "UPDATE reports SET state = 'delivered', payload = NULL, reference = ?, "
                "response = ?, attempts = attempts + 1, last_error = NULL, updated_at = ? "
                "WHERE report_id = ?",
                (reference, json.dumps(response), _now_iso(), report_id),
            )

    def mark_rejected(
        self,
        report_id: str,
        error: str,
        refusal: dict[str, Any] | None = None,
        handover_at: float | None = None,
    ) -> None:
        """The backend refused the report: keep it, with the refusal, for the hand-over to the
        backend's held reports (due at `handover_at`, now if not given)."""
        with self._connect() as db:
            db.execute(
                "UPDATE reports SET state = 'rejected', attempts = attempts + 1, last_error = ?, "
                "refusal = ?, next_attempt_at = ?, updated_at = ? "
                "WHERE report_id = ? AND state = 'pending'",
                (
                    error,
                    json.dumps(refusal) if refusal is not None else None,
                    time.time() if handover_at is None else handover_at,
                    _now_iso(),
                    report_id,
                ),
            )

    def due_handovers(self, now: float | None = None, limit: int = 50) -> list[SpoolRow]:
        """Rejected reports the backend's held reports do not have yet, whose next hand-over
        attempt is due, oldest first."""
        now = time.time() if now is None else now
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM reports WHERE state = 'rejected' AND handed_over_at IS NULL "
                "AND payload IS NOT NULL AND next_attempt_at <= ? "
                "ORDER BY next_attempt_at, created_at LIMIT ?",
                (now, limit),
            ).fetchall()
        return [SpoolRow.from_db(row) for row in rows]

    def mark_handed_over(self, report_id: str) -> None:
        """The backend keeps the refused report now: record when, and drop our copy."""
        now = _now_iso()
        with self._connect() as db:
            db.execute(
                "UPDATE reports SET handed_over_at = ?, payload = NULL, "
                "handover_attempts = handover_attempts + 1, handover_error = NULL, "
                "updated_at = ? WHERE report_id = ? AND state = 'rejected'",
                (now, now, report_id),
            )

    def mark_handover_failed(self, report_id: str, error: str, next_attempt_at: float) -> int:
        """Record a failed hand-over; returns the number of hand-over attempts so far."""
        with self._connect() as db:
            db.execute(
                "UPDATE reports SET handover_attempts = handover_attempts + 1, "
                "handover_error = ?, next_attempt_at = ?, updated_at = ? "
                "WHERE report_id = ? AND state = 'rejected' AND handed_over_at IS NULL",
                (error, next_attempt_at, _now_iso(), report_id),
            )
            row = db.execute(
                "SELECT handover_attempts FROM reports WHERE report_id = ?", (report_id,)
            ).fetchone()
        return int(row["handover_attempts"]) if row else 0

    def mark_failed(self, report_id: str, error: str, next_attempt_at: float) -> int:
        """Record a failed attempt; returns the number of attempts so far."""
        with self._connect() as db:
            db.execute(
                "UPDATE reports SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                "updated_at = ? WHERE report_id = ? AND state = 'pending'",
                (error, next_attempt_at, _now_iso(), report_id),
            )
            row = db.execute(
                "SELECT attempts FROM reports WHERE report_id = ?", (report_id,)
            ).fetchone()
        return int(row["attempts"]) if row else 0

    def counts(self) -> dict[str, int]:
        """Number of rows per state (for health checks and tests)."""
        with self._connect() as db:
            rows = db.execute("SELECT state, COUNT(*) AS n FROM reports GROUP BY state").fetchall()
        return {row["state"]: row["n"] for row in rows}
