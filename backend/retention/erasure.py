"""Erasure on a resident's request ("right to erasure", UK GDPR Art. 17), where the law allows.

A closed case the resident reported is anonymised at once (anonymise.py), as the retention
policy would do years later. An open case is not: the landlord must keep it while the case is
worked (Art. 17(3)(b) and (e): a legal obligation to deal with the complaint, and claims such as
possession or injunction proceedings that may rest on it). The request is then refused for that
case with that explanation, and recorded on the case's timeline, so the officer knows and the
case can be anonymised on request once it is closed.

For a phone number, what is not part of an open case goes too: texts to and from the number
(outbox words and address, inbound numbers), the SMS options remembered for it, and the
assistant conversation of the number. The opt-out list keeps a number that texted STOP: it is
what stops us texting them again (Art. 17(3)(b), PECR).

Every request is recorded as a DataRequest (who, when, references erased and refused, counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.evidence.storage import FileStore
from backend.retention import tracker
from backend.retention.anonymise import (
    anonymise_case,
    cancel_pending,
    clear_inbound,
    clear_outbox,
)
from backend.retention.models import DataRequest
from backend.retention.subjects import Subject, subject_cases
from backend.sms_inbound.models import SmsConversation, SmsInbound
from backend.sms_outbound.models import OutboxMessage

REFUSAL = (
    "This case is open: the landlord must keep it while the case is worked (UK GDPR "
    "Art. 17(3)(b) and (e)). It can be anonymised on request once it is closed."
)


@dataclass
class Erasure:
    request_id: int | None = None
    erased: list[str] = field(default_factory=list)  # references anonymised now
    refused: list[str] = field(default_factory=list)  # open cases kept
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        if self.erased and self.refused:
            return "partly_erased"
        if self.refused:
            return "refused"
        if self.erased or any(self.counts.values()):
            return "erased"
        return "nothing_found"


def _record_refusal(session: Session, case: Case, actor: str, now: datetime) -> None:
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor=actor,
            kind="erasure_request",
            summary="The resident asked for their personal data to be erased. "
            + REFUSAL
            + " Offer it again when the case closes.",
            data={"outcome": "refused_open_case"},
        )
    )


def _number_data(session: Session, phone: str, open_ids: list[int]) -> dict[str, int]:
    """Texts to and from `phone` that belong to no open case, and its remembered options."""
    not_open_outbox = or_(OutboxMessage.case_id.is_(None), OutboxMessage.case_id.notin_(open_ids))
    not_open_inbound = or_(SmsInbound.case_id.is_(None), SmsInbound.case_id.notin_(open_ids))
    cancel_pending(session, OutboxMessage.to_number == phone, not_open_outbox)
    return {
        "outbox_messages": clear_outbox(session, OutboxMessage.to_number == phone, not_open_outbox),
        "inbound_texts": clear_inbound(session, SmsInbound.from_number == phone, not_open_inbound),
        "sms_options": session.execute(
            delete(SmsConversation).where(SmsConversation.phone == phone)
        ).rowcount,
    }


def erase(
    session: Session,
    subject: Subject,
    *,
    actor: str,
    now: datetime,
    evidence: FileStore | None = None,
) -> Erasure:
    """Anonymise the subject's closed cases, refuse (and record) their open ones, clear their
    number's texts; record the request. In the caller's transaction. The conversation store is
    separate: `erase_conversation` after the commit."""
    result = Erasure()
    totals: dict[str, int] = {}
    open_ids: list[int] = []
    for case in subject_cases(session, subject, lock=True):
        if case.status == "closed":
            cleared = anonymise_case(session, case, now, "erasure request", evidence)
            for kind, count in cleared.items():
                totals[kind] = totals.get(kind, 0) + count
            result.erased.append(case.reference)
        else:
            _record_refusal(session, case, actor, now)
            result.refused.append(case.reference)
            open_ids.append(case.id)
    if subject.kind == "phone":
        for kind, count in _number_data(session, subject.value, open_ids).items():
            totals[kind] = totals.get(kind, 0) + count
    result.counts = {"cases_anonymised": len(result.erased), **totals}
    request = DataRequest(
        at=now,
        actor=actor,
        kind="erasure",
        subject_type=subject.kind,
        outcome=result.outcome,
        case_references=result.erased,
        counts=result.counts,
        refused=result.refused,
    )
    session.add(request)
    session.flush()
    result.request_id = request.id
    return result


def erase_conversation(tracker_url: str, phone: str, secret: str) -> int:
    """Delete the assistant conversation of `phone` from the conversation store (its events)."""
    if not secret:
        return 0
    with tracker.tracker_connection(tracker_url) as connection:
        if connection is None:
            return 0
        return tracker.delete_conversations(
            connection, [tracker.sms_conversation_id(phone, secret)]
        )
