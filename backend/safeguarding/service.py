"""Keeping safeguarding records up to date as the assistant relays them (one transaction each).

`record_snapshot` opens a record the first time its `record_id` is seen and applies later
snapshots (a higher `sequence`) after that: idempotent, and an older snapshot arriving late
never undoes a newer one. While the record is open it takes the words so far, contact details,
the most urgent route and every flag; once joined to a finished report it only notes the
activity; once it has become an incomplete-report case, words the resident wrote afterwards go
on that case's timeline, so staff see them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import CaseEvent
from backend.safeguarding.contract import RecordIn
from backend.safeguarding.models import (
    CONVERTED,
    OPEN,
    RECORD_ROUTES,
    SafeguardingRecord,
)

log = logging.getLogger(__name__)

MAX_EVENT_TEXT = 5000


def more_urgent(first: str, second: str) -> str:
    """The more urgent of two record routes (RECORD_ROUTES is most urgent first)."""
    ranks = {route: rank for rank, route in enumerate(RECORD_ROUTES)}
    return first if ranks.get(first, len(ranks)) <= ranks.get(second, len(ranks)) else second


def insert_if_new(session: Session, values: dict[str, Any]) -> bool:
    """INSERT a record unless its record_id exists; True when this call inserted it (a
    concurrent insert of the same id waits for the first and then inserts nothing)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(SafeguardingRecord.__table__)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["record_id"])
    )
    return session.execute(statement).rowcount == 1


def get_record(session: Session, record_id: str, *, lock: bool = False) -> SafeguardingRecord:
    query = select(SafeguardingRecord).where(SafeguardingRecord.record_id == record_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one()


def _merged_contact(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The newer snapshot's details, keeping an older detail the newer one lacks (a report
    started again clears the assistant's answers, not what the resident told us)."""
    merged = dict(old or {})
    merged.update({name: value for name, value in new.items() if value is not None})
    return merged


def _apply_to_open(row: SafeguardingRecord, record: RecordIn) -> None:
    row.route = more_urgent(row.route, record.route)
    row.reasons = list(dict.fromkeys([*(row.reasons or []), *record.reasons]))
    row.flags = sorted(set(row.flags or []) | record.flags)
    row.language = record.language
    if record.words or not row.words:
        row.words = list(record.words)
    row.message_count = max(row.message_count or 0, record.message_count)
    row.contact = _merged_contact(row.contact, record.contact.as_dict())


def _note_words_after_conversion(
    session: Session, row: SafeguardingRecord, record: RecordIn, now: datetime
) -> None:
    """Words the resident wrote after the incomplete-report case was opened: on its timeline."""
    new = record.message_count - (row.words_on_case or 0)
    if row.case_id is None or new <= 0:
        return
    words = list(record.words)[-new:] if record.words else []
    row.words_on_case = record.message_count
    if not words:
        return
    text = " / ".join(words)
    if len(text) > MAX_EVENT_TEXT:
        text = text[: MAX_EVENT_TEXT - 3] + "..."
    session.add(
        CaseEvent(
            case_id=row.case_id,
            at=now,
            actor="assistant",
            kind="incomplete_more",
            summary=f"The resident wrote again after this case was opened: {text}",
            data={"safeguarding_record": row.record_id, "messages": len(words)},
        )
    )


def record_snapshot(session: Session, record: RecordIn, now: datetime) -> tuple[dict, bool]:
    """Open or update the record (idempotent on record_id and sequence); return
    ({"record_id", "state"}, opened)."""
    last_activity = min(record.last_activity_at, now)
    values = {
        "record_id": record.record_id,
        "state": OPEN,
        "route": record.route,
        "reasons": list(record.reasons),
        "flags": sorted(record.flags),
        "channel": record.channel,
        "language": record.language,
        "words": list(record.words),
        "contact": record.contact.as_dict(),
        "message_count": record.message_count,
        "words_on_case": 0,
        "sequence": record.sequence,
        "started_at": min(record.started_at, now),
        "last_activity_at": last_activity,
        "created_at": now,
        "updated_at": now,
    }
    if insert_if_new(session, values):
        log.info("safeguarding record opened: record=%s route=%s", record.record_id, record.route)
        return {"record_id": record.record_id, "state": OPEN}, True
    row = get_record(session, record.record_id, lock=True)
    if record.sequence > row.sequence:
        row.sequence = record.sequence
        row.last_activity_at = max(row.last_activity_at, last_activity)
        if row.state == OPEN:
            _apply_to_open(row, record)
        elif row.state == CONVERTED:
            _note_words_after_conversion(session, row, record, now)
        row.updated_at = now
    return {"record_id": row.record_id, "state": row.state}, False
