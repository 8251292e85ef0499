"""Anonymising a case: what identifies the resident, or anyone they named, is replaced; what
the landlord's statistics need is kept (docs/retention.md, "What anonymising keeps").

Kept: reference, channel, language, route, category, flags, team, status, risk score and band,
triage priority, every date (received, queued, due, triaged, closed, created, updated), the
timeline's kinds, times and actors (staff names), the outbox rows' kinds and delivery states,
survey scores. Replaced or removed: everything else the resident or staff wrote, every contact
detail, equality answers, communication needs, RAM answers, the action plan, PINs.

Works inside the caller's transaction and never commits. Idempotent: a case already anonymised
(its description is `REMOVED`) is left as it is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Text, and_, cast, delete, null, select, update
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.evidence.service import delete_case_files
from backend.evidence.storage import FileStore
from backend.held_reports.models import HeldReport, HeldReportEvent
from backend.residents.models import CasePin, VerificationCode
from backend.retention.models import REMOVED
from backend.safeguarding.models import SafeguardingRecord
from backend.sms_inbound.models import SmsInbound, SurveyResponse
from backend.sms_outbound.models import OutboxMessage

# details keys kept on an anonymised case: codes and yes/no answers, never words.
KEPT_DETAILS = frozenset(
    {
        "evidence_held",
        "category_confirmed",
        "evidence_consent",
        "incomplete_report",
        "safety_route",
        "safety_reasons",
        "assistant_risk",
        "messages",
    }
)
# details keys shown as removed (the case page then says so): the people they named.
REPLACED_DETAILS = ("people_involved", "witnesses")
# Free-text columns replaced by REMOVED (when they held something), and columns emptied.
TEXT_COLUMNS = (
    "reporter_name",
    "best_time",
    "location",
    "happened_when",
    "started_when",
    "closure_reason",
)
CLEARED_COLUMNS = (
    "reporter_phone",
    "reporter_email",
    "location_key",
    "equality",
    "communication_needs",
    "action_plan",
)


def holds_json(column: Any) -> Any:
    """SQL: the JSON column holds something (neither SQL NULL nor a JSON null, which is what
    the ORM writes for None)."""
    return and_(column.isnot(None), cast(column, Text) != "null")


def is_anonymised(case: Case) -> bool:
    return case.description == REMOVED


def _kept_details(details: Any, now: datetime, why: str) -> dict[str, Any]:
    details = dict(details or {})
    kept = {k: v for k, v in details.items() if k in KEPT_DETAILS}
    kept.update({k: REMOVED for k in REPLACED_DETAILS if details.get(k)})
    kept["anonymised"] = {"at": now.isoformat(), "why": why}
    return kept


def cancel_pending(session: Session, *conditions: Any) -> int:
    """Cancel the outbox rows matching `conditions` not sent yet (nothing more goes out about
    a case or to a number that is forgotten)."""
    return session.execute(
        update(OutboxMessage)
        .where(*conditions, OutboxMessage.state == "pending")
        .values(state="cancelled", last_error="cancelled: the data was erased")
        .execution_options(synchronize_session=False)
    ).rowcount


def clear_outbox(session: Session, *conditions: Any) -> int:
    """Clear the body, subject and address of the outbox rows matching `conditions` (the rows
    stay, for delivery statistics); rows still to be sent are never touched."""
    return session.execute(
        update(OutboxMessage)
        .where(
            *conditions,
            OutboxMessage.state.in_(("sent", "failed", "cancelled")),
            OutboxMessage.body != REMOVED,
        )
        .values(body=REMOVED, subject=None, to_number=None, to_email=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def clear_inbound(session: Session, *conditions: Any) -> int:
    """Forget the number and photo links of the inbound texts matching `conditions` (the row
    stays: its MessageSid keeps a repeated webhook a no-op)."""
    return session.execute(
        update(SmsInbound)
        .where(*conditions, SmsInbound.from_number != "")
        .values(from_number="", media_urls=null())
        .execution_options(synchronize_session=False)
    ).rowcount


def _anonymise_related(session: Session, case_id: int) -> dict[str, int]:
    events = session.execute(
        update(CaseEvent)
        .where(CaseEvent.case_id == case_id)
        .values(summary=REMOVED, data={})
        .execution_options(synchronize_session=False)
    ).rowcount
    survey = session.execute(
        update(SurveyResponse)
        .where(SurveyResponse.case_id == case_id)
        .values(answer=REMOVED)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.execute(delete(CasePin).where(CasePin.case_id == case_id))
    session.execute(delete(VerificationCode).where(VerificationCode.case_id == case_id))
    session.execute(
        update(SafeguardingRecord)
        .where(
            (SafeguardingRecord.case_id == case_id) | (SafeguardingRecord.linked_case_id == case_id)
        )
        .values(words=null(), contact=null())
        .execution_options(synchronize_session=False)
    )
    held_ids = select(HeldReport.id).where(HeldReport.case_id == case_id).scalar_subquery()
    session.execute(
        update(HeldReport)
        .where(HeldReport.case_id == case_id)
        .values(payload=null(), resolution_note=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(HeldReportEvent)
        .where(HeldReportEvent.held_report_id.in_(held_ids))
        .values(summary=REMOVED, data={})
        .execution_options(synchronize_session=False)
    )
    cancel_pending(session, OutboxMessage.case_id == case_id)
    return {
        "timeline_events": events,
        "survey_answers": survey,
        "outbox_messages": clear_outbox(session, OutboxMessage.case_id == case_id),
        "inbound_texts": clear_inbound(session, SmsInbound.case_id == case_id),
    }


def anonymise_case(
    session: Session, case: Case, now: datetime, why: str, evidence: FileStore | None = None
) -> dict[str, int]:
    """Anonymise `case` (see the module docstring); `why` is "retention policy" or "erasure
    request"; with `evidence`, the files residents uploaded to it are deleted too. Returns what
    was cleared besides the case, by kind ({} if it already was)."""
    if is_anonymised(case):
        return {}
    files = delete_case_files(session, evidence, case.id) if evidence is not None else 0
    case.description = REMOVED
    for name in TEXT_COLUMNS:
        if getattr(case, name):
            setattr(case, name, REMOVED)
    for name in CLEARED_COLUMNS:
        setattr(case, name, None)
    case.ram_answers = {}
    case.details = _kept_details(case.details, now, why)
    case.updated_at = now
    session.flush()
    cleared = _anonymise_related(session, case.id)
    return {**cleared, "evidence_files": files} if files else cleared
