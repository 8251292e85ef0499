"""Joining a finished report to its conversation's safeguarding record (called by
backend/intake/service.py in the transaction that creates the report's case).

- The record is open: it is joined to the new case (state `joined`, `case_id`), and its words
  and contact details are dropped (the case has the report). The case keeps the report's route
  and flags, which already carry the safety route (the assistant merges the record's into it).
- The record has not arrived yet (its relay is behind the report's): a joined record is written
  now, so when it does arrive it is never turned into an incomplete-report case.
- The record has already become an incomplete-report case (the resident came back after the
  sweep): the new case is LINKED to that one, both timelines say so and the new case's
  details name it (`incomplete_case`); staff close one as a duplicate if they wish.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.safeguarding.models import (
    CONVERTED,
    JOINED,
    OPEN,
    RECORD_ROUTES,
    SafeguardingRecord,
)
from backend.safeguarding.service import get_record, insert_if_new

log = logging.getLogger(__name__)


def _placeholder(case: Case, record_id: str, now: datetime) -> dict:
    """A joined record for a report whose record has not arrived yet."""
    if case.route in RECORD_ROUTES:
        route = case.route
    else:
        route = "domestic_abuse" if case.domestic_abuse else "emergency"
    return {
        "record_id": record_id,
        "state": JOINED,
        "route": route,
        "reasons": [],
        "flags": [],
        "channel": case.channel,
        "language": case.language,
        "words": None,
        "contact": None,
        "message_count": 0,
        "words_on_case": 0,
        "sequence": 0,
        "started_at": case.received_at,
        "last_activity_at": now,
        "case_id": case.id,
        "joined_at": now,
        "created_at": now,
        "updated_at": now,
    }


def _link(session: Session, case: Case, record: SafeguardingRecord, now: datetime) -> None:
    """The report came after its record became incomplete-report case `record.case_id`."""
    earlier = session.get(Case, record.case_id)
    if earlier is None:
        return
    if record.linked_case_id is None:
        record.linked_case_id = case.id
    case.details = {**(case.details or {}), "incomplete_case": earlier.reference}
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="system",
            kind="linked",
            summary=f"Linked: the resident finished this report after the conversation had "
            f"already been opened as incomplete report {earlier.reference}",
            data={"incomplete_case": earlier.reference, "safeguarding_record": record.record_id},
        )
    )
    session.add(
        CaseEvent(
            case_id=earlier.id,
            at=now,
            actor="system",
            kind="linked",
            summary=f"Linked: the resident came back and finished the report as {case.reference}",
            data={"finished_report": case.reference, "safeguarding_record": record.record_id},
        )
    )
    log.info(
        "report linked to incomplete case: case=%s earlier=%s", case.reference, earlier.reference
    )


def join_report(session: Session, case: Case, record_id: str, now: datetime) -> str:
    """Join the new `case` to safeguarding record `record_id` (see the module docstring);
    returns "joined", "linked" or "unchanged"."""
    if insert_if_new(session, _placeholder(case, record_id, now)):
        log.info("safeguarding record joined ahead of its relay: case=%s", case.reference)
        return JOINED
    joined = session.execute(
        update(SafeguardingRecord)
        .where(SafeguardingRecord.record_id == record_id, SafeguardingRecord.state == OPEN)
        .values(
            state=JOINED,
            case_id=case.id,
            joined_at=now,
            words=None,
            contact=None,
            last_activity_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if joined == 1:
        log.info("safeguarding record joined: case=%s", case.reference)
        return JOINED
    record = get_record(session, record_id, lock=True)
    if record.state == CONVERTED and record.case_id not in (None, case.id):
        _link(session, case, record, now)
        return "linked"
    return "unchanged"
