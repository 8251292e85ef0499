"""Turning a validated report into a case: owner team, risk, time limits, reference, the
"created" timeline event and the acknowledgement text.

Every function works inside the caller's transaction and never commits, so a case, its first
timeline event and the acknowledgement text are written together or not at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from backend.cases import teams
from backend.cases.models import Case, CaseEvent
from backend.deadlines import hooks as deadlines
from backend.intake.contract import FLAG_NAMES, ReportIn
from backend.safeguarding.joins import join_report
from backend.sms_inbound.evidence import attach_recent_media
from backend.sms_outbound.contact_route import may_text, queue_email_acknowledgement
from backend.sms_outbound.service import enqueue_sms
from backend.webhooks.service import queue_case_event
from core import ram as risk
from core.codes import make_reference
from core.i18n import _, day_name
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)


def location_key(text: str | None) -> str | None:
    """The location lower-cased, punctuation and spacing squeezed: "Flat 3, 1 Example Rd."
    and "flat 3 1 example rd" give the same key (possible duplicates, postcode search)."""
    if not text:
        return None
    key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return key[:300] or None


def acknowledgement_text(
    case: Case, queue_day: date, landlord_name: str, *, by_text: bool = False
) -> str:
    """The text confirming a report, in the resident's language (about two SMS segments). By
    text, an ASB report's acknowledgement says how to send photos: UK numbers take no MMS, so
    UPLOAD answers with a link (backend/sms_inbound/upload_link.py)."""
    values = {
        "landlord": landlord_name,
        "reference": case.reference,
        "day": day_name(queue_day, case.language),
    }
    if case.is_asb:
        text = _(
            "{landlord}: thank you, we have your report about anti-social behaviour. "
            "Your reference is {reference}. Our team will review it on {day}. "
            "If anyone is in danger call 999.",
            language=case.language,
            **values,
        )
        if by_text:
            text += " " + _(
                "To send photos, videos or recordings, text UPLOAD for a link.",
                language=case.language,
            )
        return text
    return _(
        "{landlord}: thank you, we have your report. Your reference is {reference}. "
        "Our team will look at it on {day} and tell you how we can help. "
        "If anyone is in danger call 999.",
        language=case.language,
        **values,
    )


def _insert_if_new(session: Session, values: dict[str, Any]) -> bool:
    """INSERT the case unless its report_id exists; True when this call inserted it.

    ON CONFLICT DO NOTHING makes a concurrent duplicate wait for the first transaction and
    then insert nothing, with no error, so the caller's transaction stays usable (a SAVEPOINT
    would not do: on SQLite its release commits, breaking the one-transaction guarantee).
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"unsupported database: {dialect}")
    statement = (
        insert(Case.__table__).values(**values).on_conflict_do_nothing(index_elements=["report_id"])
    )
    return session.execute(statement).rowcount == 1


def get_case_by_report_id(session: Session, report_id: str) -> Case | None:
    return session.execute(select(Case).where(Case.report_id == report_id)).scalar_one_or_none()


def case_details(payload: ReportIn) -> dict[str, Any]:
    """What the case keeps in `details`: the report's details, with the resident's evidence
    codes as `evidence_held` (`evidence` is for attached photos), their postcode and address
    line and the assistant's provisional score (`assistant_risk`, kept for audit)."""
    details = dict(payload.details)
    if "evidence" in details:
        details["evidence_held"] = details.pop("evidence")
    if payload.reporter.postcode:
        details["reporter_postcode"] = payload.reporter.postcode
    if payload.reporter.address:
        details["reporter_address"] = payload.reporter.address
    if payload.assistant_risk is not None:
        details["assistant_risk"] = dict(payload.assistant_risk)
    return details


@dataclass(frozen=True)
class _Routing:
    """Where a new case goes: its flags, owner team, risk, priority and triage dates."""

    flags: dict[str, bool]
    team: str
    assessment: risk.RiskResult
    priority: int
    queue_day: date
    triage_due: date


def _route(payload: ReportIn, calendar: WorkingCalendar) -> _Routing:
    """Flags implied by the route and category, then the owner team, the RAM score, the
    triage priority and the working day the case joins the queue."""
    flags = dict(payload.flags)
    flags["domestic_abuse"] = bool(
        flags.get("domestic_abuse")
        or payload.category == "domestic_abuse"
        or payload.route == "domestic_abuse"
    )
    flags["hate"] = bool(flags.get("hate") or payload.category == "hate" or payload.route == "hate")
    flags["urgent"] = bool(flags.get("urgent") or payload.route == "emergency")

    team = teams.owner_team(payload.category, payload.route, flags, payload.details)
    assessment = risk.score_answers(payload.ram_answers, payload.frequency)
    priority = teams.triage_priority_days(team, assessment.band, flags)
    queue_day = calendar.queue_date(payload.received_at)
    return _Routing(
        flags=flags,
        team=team,
        assessment=assessment,
        priority=priority,
        queue_day=queue_day,
        triage_due=calendar.due_date(queue_day, priority),
    )


def _case_values(payload: ReportIn, routing: _Routing, now: datetime) -> dict[str, Any]:
    """The new case row, column by column."""
    reporter = payload.reporter
    return {
        "report_id": payload.report_id,
        "channel": payload.channel,
        "language": payload.language,
        "status": "new",
        "route": payload.route,
        "category": payload.category,
        "is_asb": payload.route not in ("not_asb", "out_of_scope"),
        "owner_team": routing.team,
        "description": payload.description,
        "location": payload.location,
        "location_key": location_key(payload.location),
        "happened_when": payload.happened_when,
        "happening_now": payload.happening_now,
        "frequency": payload.frequency,
        "started_when": payload.started_when,
        "reporter_name": reporter.name,
        "reporter_phone": reporter.phone,
        "safe_to_text": reporter.safe_to_text,
        "consent_to_contact": reporter.consent_to_contact,
        "anonymous": reporter.anonymous,
        "reporter_email": reporter.email,
        "preferred_contact": reporter.preferred_contact,
        "best_time": reporter.best_time,
        "consent_to_share": reporter.consent_to_share,
        # SQL NULL (not JSON null) when not answered, so "IS NOT NULL" finds the answers.
        "equality": payload.equality if payload.equality is not None else null(),
        "visit_or_call": reporter.visit_or_call,
        # Its own column, SQL NULL when not asked (never in details: the API returns those).
        "communication_needs": (
            reporter.communication_needs if reporter.communication_needs is not None else null()
        ),
        **{name: routing.flags[name] for name in FLAG_NAMES},
        "ram_answers": payload.ram_answers,
        "risk_score": routing.assessment.score,
        "risk_band": routing.assessment.band,
        "triage_priority_days": routing.priority,
        "received_at": payload.received_at,
        "queue_date": routing.queue_day,
        "triage_due": routing.triage_due,
        "details": case_details(payload),
        "created_at": now,
        "updated_at": now,
    }


def _created_event(
    case: Case, payload: ReportIn, routing: _Routing, texts: bool, now: datetime
) -> CaseEvent:
    """The first timeline event: where the report came from and how it was routed."""
    assessment = routing.assessment
    priority = routing.priority
    return CaseEvent(
        case_id=case.id,
        at=now,
        actor="assistant",
        kind="created",
        summary=f"Report received ({payload.channel}); owner {routing.team}, "
        f"priority {priority} working day{'s' if priority != 1 else ''}",
        data={
            "report_id": payload.report_id,
            "route": payload.route,
            "category": payload.category,
            "owner_team": routing.team,
            "risk_score": assessment.score,
            "risk_band": assessment.band,
            "ram_scored": assessment.scored,
            "ram_unscored": list(assessment.unscored),
            "ram_declined": list(assessment.declined),
            "assistant_risk": payload.assistant_risk,
            "queue_date": routing.queue_day.isoformat(),
            "triage_due": case.triage_due.isoformat(),
            "acknowledgement_text": texts,
        },
    )


def create_case_from_report(
    session: Session,
    payload: ReportIn,
    calendar: WorkingCalendar,
    now: datetime,
    *,
    landlord_name: str = "your landlord",
    landlord_phone: str = "",
    supported_schemes: Sequence[str] | None = None,
) -> tuple[Case, bool]:
    """Open a case for `payload` (idempotent on report_id); return (case, created).

    A report already received returns its case with created=False, also when two requests
    race. In the same transaction: the "created" timeline event and, when the resident gave a
    phone number, consented to contact and said texting is safe, the acknowledgement text; and
    the acknowledgement email when email is how they hear from us (`landlord_phone` goes in
    its footer). An address matching `supported_schemes` (ASB_SUPPORTED_SCHEMES when None)
    goes to LPC; the case gets its time limits and a drafted action plan (backend/deadlines).
    """
    existing = get_case_by_report_id(session, payload.report_id)
    if existing is not None:
        return existing, False

    payload = deadlines.mark_supported_housing(payload, supported_schemes)
    routing = _route(payload, calendar)
    inserted = _insert_if_new(session, _case_values(payload, routing, now))
    case = get_case_by_report_id(session, payload.report_id)
    if case is None:  # pragma: no cover - the row exists either way
        raise RuntimeError("case vanished after insert")
    if not inserted:
        log.info("report already received: case=%s", case.reference)
        return case, False

    case.reference = make_reference(case.id, calendar.local(payload.received_at).year)
    deadlines.case_opened(case, calendar, now)
    reporter = payload.reporter
    # Texted when they may be texted: a number, consent, "safe to text" and no STOP from it.
    texts = may_text(session, case) is None
    session.add(_created_event(case, payload, routing, texts, now))
    session.flush()
    if payload.channel == "sms":
        # Photos the resident texted while reporting become evidence on the case.
        attach_recent_media(session, case, now=now)
    if payload.safeguarding_id:
        # The conversation's safeguarding record: joined to this case, never a second case.
        join_report(session, case, payload.safeguarding_id, now)
    if texts:
        enqueue_sms(
            session,
            case_id=case.id,
            to_number=reporter.phone,  # type: ignore[arg-type]
            body=acknowledgement_text(case, routing.queue_day, landlord_name, by_text=True),
            kind="ack",
            dedupe_key=f"ack:{case.id}",
            # It answers what the resident has just done, so it goes out at once.
            urgent=True,
        )
    # Emailed too when email is how they hear from us (sms_outbound.contact_route).
    queue_email_acknowledgement(
        session,
        case,
        acknowledgement_text(case, routing.queue_day, landlord_name),
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
    )
    # Partners subscribed to new cases hear of it (backend/webhooks), in this transaction.
    queue_case_event(session, case, "created", now=now, calendar=calendar, landlord=landlord_name)
    _log_created(case, routing)
    return case, True


def _log_created(case: Case, routing: _Routing) -> None:
    if routing.assessment.unscored:
        log.warning(
            "case %s: RAM answers not scored: %s",
            case.reference,
            ", ".join(routing.assessment.unscored),
        )
    log.info(
        "case created: case=%s id=%s team=%s band=%s priority=%s",
        case.reference,
        case.id,
        routing.team,
        routing.assessment.band,
        routing.priority,
    )
