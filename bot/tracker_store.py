"""Rasa's SQL tracker store, without reading the whole conversation back on every turn.

Rasa's `SQLTrackerStore.retrieve` loads every event of the conversation's latest session, parses
each one's JSON and replays them all into a new tracker, on every turn: the longer a report,
the dearer each turn (about a third of the Rasa server's time under load, bench/load.py). Here
each Rasa server keeps the trackers it saved lately, and a turn reuses one when the database
shows that nothing changed since: one small query (how many events the conversation has, and
the newest one's id) instead of all of them.

Saving a turn whose tracker was reused, it writes the turn's new events without asking the
database first how many it already holds (Rasa's `_additional_events` count): that is the kept
length, checked at the start of the turn, and the conversation's lock keeps other Rasa servers
out until the save.

The database stays the truth. A conversation that another Rasa server answered meanwhile (more
or newer events), one that the retention purge deleted (none), or a tracker that a failed turn
left with events that were never saved (its length differs from what was saved) is read back
from the database as before. What is kept is what a read-back would give: the events from the
latest `session_started` on, the same filter as Rasa's query (`SQLTrackerStore._event_query`).

Used by the Rasa server through endpoints.yml (`type: bot.tracker_store.CachedSQLTrackerStore`).
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# Trackers kept per Rasa server (the most recently saved conversations). A tracker of a whole
# report is some tens of kilobytes.
KEPT_TRACKERS = 256


@dataclass
class _Kept:
    tracker: DialogueStateTracker
    length: int  # len(tracker.events) when it was saved
    stored: tuple[int, int | None]  # (events in the database, newest event id) after the save


def _write_ahead_log(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class CachedSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that reuses the trackers it saved while the database says they are
    current (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        # Both statements of every turn are built once: SQLAlchemy then computes each one's
        # cache key once too (building them a turn was 4% of the server's time, py-spy, c=20).
        event = self.SQLEvent
        self._count_events = sa.select(sa.func.count(event.id), sa.func.max(event.id)).where(
            event.sender_id == sa.bindparam("sender_id")
        )
        self._insert_events = event.__table__.insert()
        if self.engine.url.get_backend_name() == "sqlite" and self.engine.url.database:
            self._pool_sqlite_connections()

    def _pool_sqlite_connections(self) -> None:
        """SQLAlchemy 1.4 opens a new connection to a SQLite file for every session (NullPool):
        a tenth of the Rasa server's time under load (bench/load.py). Connections are kept in a
        pool instead, as SQLAlchemy 2.0 does for SQLite files; PostgreSQL is pooled already.

        The file is in WAL mode with `synchronous=NORMAL`: a commit no longer waits for the disk
        (two fsyncs a turn were the largest part of a save), and a committed turn still survives
        the Rasa server being killed; only a power cut can lose the last turns (the database
        itself stays whole). A report does not depend on it: the action server's spool keeps
        every submitted report with `synchronous=FULL` (bot/actions/spool.py)."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
        )
        sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        kept = self._kept.get(sender_id)
        if kept is not None:
            if len(kept.tracker.events) == kept.length and self._stored(sender_id) == kept.stored:
                self._kept.move_to_end(sender_id)
                return kept.tracker
            del self._kept[sender_id]
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        kept = self._kept.pop(tracker.sender_id, None)
        if kept is not None and kept.tracker is tracker and len(tracker.events) >= kept.length:
            stored = await self._save_new_events(tracker, kept)
        else:
            await super().save(tracker)
            stored = self._stored(tracker.sender_id)
        latest = self._as_read_back(tracker)
        if latest is None:
            return
        self._kept[tracker.sender_id] = _Kept(latest, len(latest.events), stored)
        while len(self._kept) > KEPT_TRACKERS:
            self._kept.popitem(last=False)

    async def _save_new_events(
        self, tracker: DialogueStateTracker, kept: _Kept
    ) -> tuple[int, int | None]:
        """Rasa's `save` for a reused tracker: the events after the kept length, as Rasa writes
        them (`SQLTrackerStore.save`). Returns what `_stored` would now read."""
        await self.stream_events(tracker)
        new_events = list(itertools.islice(tracker.events, kept.length, None))
        if not new_events:
            return kept.stored
        rows = [self._row(tracker.sender_id, event) for event in new_events]
        with self.engine.begin() as connection:
            # One executemany through SQLAlchemy Core, on a connection rather than an ORM
            # session: the ORM's unit of work, row by row, was most of a save's time, and an ORM
            # session's execution costs three times a connection's (py-spy, c=20; timeit).
            connection.execute(self._insert_events, rows)
            return self._stored_in(connection, tracker.sender_id)

    def _row(self, sender_id: str, event: Any) -> dict[str, Any]:
        """The database row of an event, as `SQLTrackerStore.save` makes it."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def forget(self, sender_id: str) -> None:
        """Drop a kept tracker (the next retrieve reads the database)."""
        self._kept.pop(sender_id, None)

    def _stored(self, sender_id: str) -> tuple[int, int | None]:
        """How many events the database holds for `sender_id`, and the newest one's id."""
        with self.engine.connect() as connection:
            return self._stored_in(connection, sender_id)

    def _stored_in(self, connection: Any, sender_id: str) -> tuple[int, int | None]:
        count, newest = connection.execute(self._count_events, {"sender_id": sender_id}).one()
        return int(count), newest

    def _as_read_back(self, tracker: DialogueStateTracker) -> DialogueStateTracker | None:
        """The tracker Rasa's retrieve would rebuild from the database: the events from the
        latest session start on (by timestamp, as Rasa's query). The tracker itself when that
        is all of it; a rebuilt one otherwise (once a conversation, at its first turn)."""
        events = list(tracker.events)
        starts = [e.timestamp for e in events if isinstance(e, SessionStarted)]
        if not starts:
            return tracker
        since = max(starts)
        latest = [e for e in events if e.timestamp >= since]
        if len(latest) == len(events):
            return tracker
        if not self.domain:
            return None
        return DialogueStateTracker.from_dict(
            tracker.sender_id, [e.as_dict() for e in latest], self.domain.slots
        )
