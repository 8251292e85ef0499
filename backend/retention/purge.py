"""The retention run: what is past its period is deleted or anonymised, and the run is audited.

Kinds (docs/retention.md has the periods and why):
- `conversations`: the assistant's conversations idle past `retention_conversation_days`,
  deleted from Rasa's tracker store (tracker.py).
- `sms_options`: the options (buttons) last offered to a number by text, so that "1" maps back,
  for numbers idle past `retention_conversation_days` (the row is the number itself).
- `closed_cases`: cases closed more than `retention_case_years` ago, anonymised (anonymise.py).
- `outbox_messages`: texts and emails sent (or failed, or cancelled) more than
  `retention_message_days` ago: body, subject and address cleared, the row kept.
- `inbound_texts`: texts received more than `retention_message_days` ago: number and photo
  links cleared, the row kept. (Their words are on the case timeline, part of the case record,
  or in the conversation store.)
- `safeguarding_records`: records joined to a case or converted into one, idle past
  `retention_safeguarding_days`: words and contact details cleared.
- `held_reports`: held reports filed or resolved more than `retention_safeguarding_days` ago:
  the report as sent and its corrections cleared.

`run_retention` records a RetentionRun (who, when, counts, references of cases anonymised) and
never the data itself. A dry run counts and records, and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, null, select, update
from sqlalchemy.orm import Session, sessionmaker

from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.evidence.service import store_for
from backend.evidence.storage import FileStore
from backend.held_reports.models import HeldReport, HeldReportEvent
from backend.retention import tracker
from backend.retention.anonymise import (
    anonymise_case,
    clear_inbound,
    clear_outbox,
    holds_json,
    is_anonymised,
)
from backend.retention.models import REMOVED, RetentionRun
from backend.safeguarding.models import OPEN, SafeguardingRecord
from backend.sms_inbound.models import SmsConversation, SmsInbound
from backend.sms_outbound.models import OutboxMessage
from core.settings import Settings

log = logging.getLogger(__name__)

KINDS = (
    "conversations",
    "sms_options",
    "closed_cases",
    "outbox_messages",
    "inbound_texts",
    "safeguarding_records",
    "held_reports",
)
KIND_LABELS = {
    "conversations": "Assistant conversations deleted",
    "sms_options": "Numbers' last SMS options forgotten",
    "closed_cases": "Closed cases anonymised",
    "outbox_messages": "Texts and emails sent: words and address cleared",
    "inbound_texts": "Texts received: number and photo links cleared",
    "safeguarding_records": "Safeguarding records: words cleared",
    "held_reports": "Held reports filed or resolved: report cleared",
}
CASE_BATCH = 200


def years_before(moment: datetime, years: int) -> datetime:
    """The same day and time `years` earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass(frozen=True)
class Cutoffs:
    """Anything older than these is past its period."""

    conversations: datetime
    closed_cases: datetime
    messages: datetime
    safeguarding: datetime

    @classmethod
    def at(cls, now: datetime, settings: Settings) -> Cutoffs:
        return cls(
            conversations=now - timedelta(days=settings.retention_conversation_days),
            closed_cases=years_before(now, settings.retention_case_years),
            messages=now - timedelta(days=settings.retention_message_days),
            safeguarding=now - timedelta(days=settings.retention_safeguarding_days),
        )


def periods(settings: Settings) -> dict[str, str]:
    """The periods as the audit and the pages show them."""
    return {
        "conversations": f"{settings.retention_conversation_days} days after the last message",
        "closed_cases": f"{settings.retention_case_years} years after closure",
        "messages": f"{settings.retention_message_days} days after sending or receipt",
        "safeguarding": f"{settings.retention_safeguarding_days} days after joined or resolved",
    }


@dataclass
class RunResult:
    run_id: int | None
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)


def _outbox_due(cut: Cutoffs) -> tuple[Any, ...]:
    moment = func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at)
    return (moment <= cut.messages,)


def _count(session: Session, query: Any) -> int:
    return int(session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _closed_cases(cut: Cutoffs) -> Any:
    return (
        select(Case.id, Case.reference)
        .where(
            Case.status == "closed",
            Case.closed_at <= cut.closed_cases,
            Case.description != REMOVED,
        )
        .order_by(Case.id)
    )


def _safeguarding_due(cut: Cutoffs) -> tuple[Any, ...]:
    return (
        SafeguardingRecord.state != OPEN,
        SafeguardingRecord.last_activity_at <= cut.safeguarding,
        holds_json(SafeguardingRecord.words) | holds_json(SafeguardingRecord.contact),
    )


def _held_due(cut: Cutoffs) -> tuple[Any, ...]:
    done_at = func.coalesce(HeldReport.resolved_at, HeldReport.updated_at)
    return (
        HeldReport.status != "held",
        done_at <= cut.safeguarding,
        HeldReport.payload.isnot(None),
    )


def _database_counts(session: Session, cut: Cutoffs) -> tuple[dict[str, int], list[str]]:
    """What a run would do in the database (a dry run's figures)."""
    closed = [reference for _id, reference in session.execute(_closed_cases(cut))]
    outbox = select(OutboxMessage.id).where(
        *_outbox_due(cut),
        OutboxMessage.state.in_(("sent", "failed", "cancelled")),
        OutboxMessage.body != REMOVED,
    )
    inbound = select(SmsInbound.id).where(
        SmsInbound.received_at <= cut.messages, SmsInbound.from_number != ""
    )
    records = select(SafeguardingRecord.id).where(*_safeguarding_due(cut))
    held = select(HeldReport.id).where(*_held_due(cut))
    options = select(SmsConversation.phone).where(SmsConversation.updated_at <= cut.conversations)
    counts = {
        "sms_options": _count(session, options),
        "closed_cases": len(closed),
        "outbox_messages": _count(session, outbox),
        "inbound_texts": _count(session, inbound),
        "safeguarding_records": _count(session, records),
        "held_reports": _count(session, held),
    }
    return counts, closed


def _anonymise_closed(
    factory: sessionmaker, cut: Cutoffs, now: datetime, evidence: FileStore
) -> list[str]:
    """Anonymise due closed cases, a batch per transaction; return their references."""
    done: list[str] = []
    while True:
        before = len(done)
        with transaction(factory) as session:
            due = session.execute(_closed_cases(cut).limit(CASE_BATCH)).all()
            for case_id, reference in due:
                case = session.get(Case, case_id, with_for_update=True)
                if case is not None and not is_anonymised(case):  # not by a parallel run
                    anonymise_case(session, case, now, "retention policy", evidence)
                    done.append(reference)
        if len(due) < CASE_BATCH or len(done) == before:  # all done, or no progress
            return done


def _clear_the_rest(session: Session, cut: Cutoffs) -> dict[str, int]:
    records = session.execute(
        update(SafeguardingRecord)
        .where(*_safeguarding_due(cut))
        .values(words=null(), contact=null())
        .execution_options(synchronize_session=False)
    ).rowcount
    held_ids = [row[0] for row in session.execute(select(HeldReport.id).where(*_held_due(cut)))]
    if held_ids:
        session.execute(
            update(HeldReport)
            .where(HeldReport.id.in_(held_ids))
            .values(payload=null())
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(HeldReportEvent)
            .where(HeldReportEvent.held_report_id.in_(held_ids))
            .values(data={})
            .execution_options(synchronize_session=False)
        )
    options = delete(SmsConversation).where(SmsConversation.updated_at <= cut.conversations)
    return {
        "sms_options": session.execute(options).rowcount,
        "outbox_messages": clear_outbox(session, *_outbox_due(cut)),
        "inbound_texts": clear_inbound(session, SmsInbound.received_at <= cut.messages),
        "safeguarding_records": records,
        "held_reports": len(held_ids),
    }


def _conversations(settings: Settings, cut: Cutoffs, dry_run: bool) -> int:
    with tracker.tracker_connection(settings.tracker_store_url) as connection:
        if connection is None:
            return 0
        senders = tracker.idle_conversations(connection, cut.conversations)
        if senders and not dry_run:
            tracker.delete_conversations(connection, senders)
        return len(senders)


def start_run(
    session: Session,
    *,
    now: datetime,
    actor: str,
    dry_run: bool,
    settings: Settings,
    scheduled_day: date | None = None,
) -> RetentionRun:
    run = RetentionRun(
        started_at=now,
        actor=actor,
        dry_run=dry_run,
        scheduled_day=scheduled_day,
        status="running",
        counts={},
        case_references=[],
        periods=periods(settings),
    )
    session.add(run)
    session.flush()
    return run


def run_retention(
    factory: sessionmaker,
    settings: Settings,
    *,
    now: datetime,
    actor: str,
    dry_run: bool,
    run_id: int | None = None,
) -> RunResult:
    """Apply (or, dry, count) every retention rule and record the run. `run_id`: a run row
    already claimed (the scheduler's), else a new one is made."""
    cut = Cutoffs.at(now, settings)
    if run_id is None:
        with transaction(factory) as session:
            run_id = start_run(session, now=now, actor=actor, dry_run=dry_run, settings=settings).id
    result = RunResult(run_id, dry_run)
    try:
        if dry_run:
            with transaction(factory) as session:
                result.counts, result.references = _database_counts(session, cut)
        else:
            result.references = _anonymise_closed(factory, cut, now, store_for(settings))
            with transaction(factory) as session:
                result.counts = {
                    "closed_cases": len(result.references),
                    **_clear_the_rest(session, cut),
                }
        result.counts = {"conversations": _conversations(settings, cut, dry_run), **result.counts}
    except Exception:
        _finish(factory, run_id, now, result, "failed")
        raise
    _finish(factory, run_id, now, result, "done")
    log.info("retention run %s (%s): %s", run_id, "dry" if dry_run else "applied", result.counts)
    return result


def _finish(
    factory: sessionmaker, run_id: int, now: datetime, result: RunResult, status: str
) -> None:
    with transaction(factory) as session:
        run = session.get(RetentionRun, run_id)
        if run is not None:
            run.status = status
            run.finished_at = max(now, utcnow())
            run.counts = {kind: result.counts.get(kind, 0) for kind in KINDS}
            run.case_references = list(result.references)
