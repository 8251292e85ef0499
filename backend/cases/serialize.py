"""The JSON shapes of a case: the report receipt, a triage queue row, a timeline event and
the whole case for staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from backend.cases.models import Case, CaseEvent
from backend.intake.contract import FLAG_NAMES
from backend.triage.queue import is_overdue


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def report_receipt(case: Case) -> dict[str, Any]:
    """What POST /api/reports answers (201 and 200 alike)."""
    return {
        "reference": case.reference,
        "case_id": case.id,
        "status": case.status,
        "category": case.category,
        "owner_team": case.owner_team,
        "risk_score": case.risk_score,
        "risk_band": case.risk_band,
        "triage_priority_days": case.triage_priority_days,
        "queue_date": _iso(case.queue_date),
        "triage_due": _iso(case.triage_due),
    }


def _flags(case: Case) -> dict[str, bool]:
    return {name: bool(getattr(case, name)) for name in FLAG_NAMES}


def queue_item_to_dict(case: Case, today: date) -> dict[str, Any]:
    """One row of the triage queue: what staff need to pick the next case, no contact details
    and none of the resident's own words."""
    return {
        "reference": case.reference,
        "case_id": case.id,
        "status": case.status,
        "channel": case.channel,
        "language": case.language,
        "route": case.route,
        "category": case.category,
        "is_asb": case.is_asb,
        "owner_team": case.owner_team,
        "risk_score": case.risk_score,
        "risk_band": case.risk_band,
        "triage_priority_days": case.triage_priority_days,
        "flags": _flags(case),
        "happening_now": case.happening_now,
        "anonymous": case.anonymous,
        "visit_or_call": case.visit_or_call,  # visit | call | neither | None (not asked)
        "received_at": _iso(case.received_at),
        "queue_date": _iso(case.queue_date),
        "triage_due": _iso(case.triage_due),
        "overdue": is_overdue(case, today),
    }


def event_to_dict(event: CaseEvent) -> dict[str, Any]:
    return {
        "at": _iso(event.at),
        "actor": event.actor,
        "kind": event.kind,
        "summary": event.summary,
        "data": event.data,
    }


def case_to_dict(case: Case, today: date) -> dict[str, Any]:
    """Everything on the case, for staff (GET /api/cases/{reference})."""
    return {
        **queue_item_to_dict(case, today),
        "report_id": case.report_id,
        "assigned_to": case.assigned_to,
        "description": case.description,
        "location": case.location,
        "happened_when": case.happened_when,
        "started_when": case.started_when,
        "frequency": case.frequency,
        "reporter": {
            "name": case.reporter_name,
            "phone": case.reporter_phone,
            "safe_to_text": case.safe_to_text,
            "consent_to_contact": case.consent_to_contact,
            "anonymous": case.anonymous,
            "email": case.reporter_email,
            "preferred_contact": case.preferred_contact,
            "best_time": case.best_time,
            "consent_to_share": case.consent_to_share,
        },
        # Never `equality` here: special-category data is for managers on the case page only;
        # nor `communication_needs` (they can reveal a disability): the case page shows them.
        "ram_answers": case.ram_answers,
        "details": case.details,
        "triaged_at": _iso(case.triaged_at),
        "closed_at": _iso(case.closed_at),
        "closure_reason": case.closure_reason,
        "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at),
        "events": [event_to_dict(event) for event in case.events],
    }
