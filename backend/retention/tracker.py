"""Rasa's conversation store (the SQL tracker store's `events` table, endpoints.yml): finding
conversations idle past the retention period, deleting them, and reading one for an export.

The store is Rasa's, not ours: a SQLite file (ASB_TRACKER_DB, var/tracker.sqlite3 by default)
or, in production, a PostgreSQL database (ASB_TRACKER_STORE_URL). Its table is read with plain
SQL on its own engine. A store that does not exist yet (Rasa never ran) holds nothing.

Rule: a conversation whose last event is older than the period is deleted whole. Nothing a
conversation holds is needed once it has gone quiet for a month: a finished report is a case
(with the report's answers), an abandoned safety conversation became a case within minutes
(backend/safeguarding), and an abandoned ordinary one was never a report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, make_url

BATCH = 500


@contextmanager
def tracker_connection(url: str) -> Iterator[Connection | None]:
    """A transaction on the tracker store, or None when it has no `events` table (yet)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        name = parsed.database or ""
        if not name or not Path(name).expanduser().exists():
            yield None
            return
    # Rasa may be writing to a SQLite store: wait for its lock rather than fail at once.
    options = {"connect_args": {"timeout": 30}} if parsed.get_backend_name() == "sqlite" else {}
    engine = create_engine(url, future=True, hide_parameters=True, **options)
    try:
        with engine.begin() as connection:
            yield connection if inspect(connection).has_table("events") else None
    finally:
        engine.dispose()


def idle_conversations(connection: Connection, cutoff: datetime) -> list[str]:
    """Sender ids whose last event is before `cutoff`."""
    rows = connection.execute(
        text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
        {"cutoff": cutoff.timestamp()},
    )
    return [row[0] for row in rows]


def delete_conversations(connection: Connection, sender_ids: list[str]) -> int:
    """Delete every event of these conversations; return how many events went."""
    deleted = 0
    for start in range(0, len(sender_ids), BATCH):
        chunk = sender_ids[start : start + BATCH]
        marks = ", ".join(f":s{i}" for i in range(len(chunk)))
        params = {f"s{i}": sender for i, sender in enumerate(chunk)}
        result = connection.execute(
            text(f"DELETE FROM events WHERE sender_id IN ({marks})"), params
        )
        deleted += result.rowcount
    return deleted


def sms_conversation_id(phone: str, secret: str) -> str:
    """The SMS channel's conversation id for `phone` (channels/guard.py, which the backend may
    not import; tests/backend/retention checks the two agree)."""
    key = hmac.new(secret.encode(), b"asb sms conversation id", hashlib.sha256).digest()
    return "sms:" + hmac.new(key, phone.encode(), hashlib.sha256).hexdigest()[:32]


def conversation_messages(connection: Connection, sender_id: str) -> list[dict[str, Any]]:
    """What the resident typed and what the assistant said, oldest first."""
    rows = connection.execute(
        text(
            "SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender "
            "AND type_name IN ('user', 'bot') ORDER BY id"
        ),
        {"sender": sender_id},
    )
    messages = []
    for type_name, timestamp, data in rows:
        try:
            said = json.loads(data or "{}").get("text")
        except (ValueError, AttributeError):
            said = None
        if said:
            who = "you" if type_name == "user" else "assistant"
            messages.append({"at": timestamp, "from": who, "text": said})
    return messages
