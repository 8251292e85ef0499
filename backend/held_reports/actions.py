"""What staff do with a held report: retry it, file it with corrections, or resolve it.

Each function works inside the caller's transaction (the held report locked by the caller) and
never commits. Filing runs the report through the report contract (`parse_report`) and
`create_case_from_report` in the same transaction as the held report's change, so either both
happen or neither; it is idempotent on `report_id` (a case made before is linked, never a
second one). Every action, including a retry the contract still refuses, is audited.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.cases.models import (
    CATEGORIES,
    CHANNELS,
    EQUALITY_CODES,
    EVIDENCE_CONSENT,
    FREQUENCIES,
    PREFERRED_CONTACTS,
    RISK_BANDS,
    ROUTES,
    VISIT_OR_CALL,
    Case,
)
from backend.casework.audit import MAX_REASON, audit
from backend.held_reports.models import HeldReport
from backend.held_reports.service import acknowledge_open_alerts, record_event
from backend.intake.contract import (
    FLAG_NAMES,
    MAX_REPORT_AGE,
    ReportValidationError,
    parse_report,
)
from backend.intake.service import create_case_from_report
from core.workdays import WorkingCalendar

RESOLUTION_REASONS = {
    "duplicate": "Already reported (a duplicate)",
    "test": "A test, not a real report",
    "contacted_resident": "Contacted the resident and dealt with it another way",
    "other": "Other (say why)",
}
FILED_LABELS = {
    "filed_on_retry": "Filed as a case on retry",
    "filed_corrected": "Filed as a case after corrections",
    "case_exists": "A case already existed for this report",
}
# Answers the correction form offers as yes / no / not given, or as a list of codes.
BOOLEAN_FIELDS = frozenset(
    {
        "happening_now",
        "reporter.safe_to_text",
        "reporter.consent_to_contact",
        "reporter.anonymous",
        "reporter.consent_to_share",
        "details.category_confirmed",
        *(f"flags.{name}" for name in FLAG_NAMES),
    }
)
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "channel": CHANNELS,
    "route": ROUTES,
    "category": CATEGORIES,
    "frequency": FREQUENCIES,
    "reporter.preferred_contact": PREFERRED_CONTACTS,
    "reporter.visit_or_call": VISIT_OR_CALL,
    "details.evidence_consent": EVIDENCE_CONSENT,
    "risk.band": RISK_BANDS,
    **{f"equality.{name}": codes for name, codes in EQUALITY_CODES.items()},
}
LEAVE_OUT = object()  # a correction that removes the answer from the report


class HeldReportActionError(ValueError):
    """A change staff asked for that cannot be made; the message says why, in plain words."""


@dataclass(frozen=True)
class Filing:
    """What an attempt to file a held report did: the case (None when still refused), the
    contract's remaining objections, and any duty-officer alerts the new case raised."""

    case_reference: str | None
    refused: dict[str, str]
    raised: list[dict[str, Any]]


@dataclass(frozen=True)
class IntakeSettings:
    """What filing needs from the settings: the landlord's name (in the acknowledgement text)
    and the duty officer's phone (alerts a new emergency or domestic abuse case raises)."""

    landlord_name: str
    duty_phone: str


def _require_held(held: HeldReport) -> None:
    if held.status != "held":
        raise HeldReportActionError(
            f"Held report {held.id} has already been {held.status}; nothing was changed."
        )


def field_value(payload: Any, path: str) -> Any:
    """The value at a refused field's path ("location", "reporter.phone") or None."""
    top, _, rest = path.partition(".")
    if not isinstance(payload, Mapping):
        return None
    value = payload.get(top)
    if not rest:
        return value
    return value.get(rest) if isinstance(value, Mapping) else None


def apply_corrections(payload: Any, corrections: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the report with each path set to its corrected value (or left out)."""
    if not isinstance(payload, Mapping):
        raise HeldReportActionError(
            "This report is not readable as a report, so it cannot be corrected: "
            "resolve it with a reason instead."
        )
    report = copy.deepcopy(dict(payload))
    for path, value in corrections.items():
        top, _, rest = path.partition(".")
        if not top:
            continue
        if not rest:
            if value is LEAVE_OUT:
                report.pop(top, None)
            else:
                report[top] = value
            continue
        section = report.get(top)
        section = dict(section) if isinstance(section, Mapping) else {}
        if value is LEAVE_OUT:
            section.pop(rest, None)
        else:
            section[rest] = value
        report[top] = section
    return report


def _plain_correction(path: str, before: Any, after: Any) -> dict[str, Any]:
    """One correction for the audit trail (equality answers are special category, and
    communication needs can reveal a disability: not kept)."""
    if path.startswith(("equality", "reporter.communication_needs")):
        return {"before": "(not recorded)", "after": "(not recorded)"}
    return {"before": before, "after": None if after is LEAVE_OUT else after}


def _file(
    session: Session,
    held: HeldReport,
    report: Any,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    intake: IntakeSettings,
) -> tuple[Case | None, bool, dict[str, str]]:
    """Run `report` through the contract and intake: (case, created, refused fields)."""
    try:
        # Staff may file it days later: its age is measured from when it was held.
        parsed = parse_report(report, now=now, max_age=MAX_REPORT_AGE, arrived_at=held.held_at)
    except ReportValidationError as exc:
        return None, False, exc.fields
    case, created = create_case_from_report(
        session, parsed, calendar, now, landlord_name=intake.landlord_name
    )
    return case, created, {}


def _mark_filed(
    session: Session,
    held: HeldReport,
    case: Case,
    created: bool,
    resolution: str,
    actor: str,
    now: datetime,
    **extra: Any,
) -> None:
    before = {"status": held.status, "case_id": held.case_id, "resolution": held.resolution}
    held.status = "filed"
    held.case_id = case.id
    held.resolution = resolution
    held.resolved_at = now
    held.resolved_by = actor
    held.open_fields = {}
    record_event(
        session,
        held,
        actor,
        "filed",
        f"{FILED_LABELS[resolution]}: {case.reference}"
        + ("" if created else " (the case already existed)"),
        now,
        before=before,
        after={"status": "filed", "case_id": case.id, "resolution": resolution},
        reference=case.reference,
        **extra,
    )
    audit(
        session,
        case,
        actor,
        "held_report_filed",
        f"Filed from held report {held.id} (refused by the report contract when it arrived)",
        now,
        held_report_id=held.id,
        corrected_fields=sorted(extra.get("corrections", {})),
    )
    acknowledge_open_alerts(session, held.id, actor, now)


def _new_case_alerts(
    session: Session, case: Case, calendar: WorkingCalendar, now: datetime, duty_phone: str
) -> list[dict[str, Any]]:
    """Alerts a new emergency or domestic abuse case raises, as at intake."""
    return alerts.raise_alerts(
        session, calendar=calendar, now=now, duty_phone=duty_phone, case_ids=[case.id]
    )


def retry(
    session: Session,
    held: HeldReport,
    *,
    actor: str,
    calendar: WorkingCalendar,
    now: datetime,
    intake: IntakeSettings,
) -> Filing:
    """Run the report as it was sent through the contract again (it files when the contract
    has been fixed since); a refusal is recorded, with the fields still refused."""
    _require_held(held)
    case, created, refused = _file(
        session, held, held.payload, calendar=calendar, now=now, intake=intake
    )
    held.retries = (held.retries or 0) + 1
    if case is None:
        before = {"open_fields": dict(held.open_fields or {})}
        held.open_fields = dict(refused)
        record_event(
            session,
            held,
            actor,
            "retry_refused",
            f"Retried: still refused ({', '.join(sorted(refused))})",
            now,
            before=before,
            after={"open_fields": dict(refused)},
        )
        return Filing(None, refused, [])
    _mark_filed(session, held, case, created, "filed_on_retry", actor, now)
    raised = _new_case_alerts(session, case, calendar, now, intake.duty_phone) if created else []
    return Filing(case.reference, {}, raised)


def file_corrected(
    session: Session,
    held: HeldReport,
    corrections: Mapping[str, Any],
    *,
    actor: str,
    calendar: WorkingCalendar,
    now: datetime,
    intake: IntakeSettings,
) -> Filing:
    """File the report with staff's corrections to the refused answers (`LEAVE_OUT` removes
    one). The held report keeps the report as it was sent; the audit keeps the corrections."""
    _require_held(held)
    if not corrections:
        raise HeldReportActionError("Correct or leave out at least one refused answer.")
    report = apply_corrections(held.payload, corrections)
    case, created, refused = _file(session, held, report, calendar=calendar, now=now, intake=intake)
    changes = {
        path: _plain_correction(path, field_value(held.payload, path), value)
        for path, value in corrections.items()
    }
    if case is None:
        record_event(
            session,
            held,
            actor,
            "correction_refused",
            f"Corrections refused by the report contract ({', '.join(sorted(refused))})",
            now,
            corrections=changes,
            refused_fields=sorted(refused),
        )
        return Filing(None, refused, [])
    _mark_filed(session, held, case, created, "filed_corrected", actor, now, corrections=changes)
    raised = _new_case_alerts(session, case, calendar, now, intake.duty_phone) if created else []
    return Filing(case.reference, {}, raised)


def resolve(
    session: Session, held: HeldReport, reason: str, note: str, *, actor: str, now: datetime
) -> None:
    """Close the held report without a case, with a reason from RESOLUTION_REASONS (a note is
    needed for "other")."""
    _require_held(held)
    if reason not in RESOLUTION_REASONS:
        raise HeldReportActionError("Choose why no case is needed.")
    note = (note or "").strip()
    if reason == "other" and not note:
        raise HeldReportActionError('Say why no case is needed when the reason is "Other".')
    if len(note) > MAX_REASON:
        raise HeldReportActionError(f"The note is too long (at most {MAX_REASON} characters).")
    before = {"status": held.status, "resolution": held.resolution}
    held.status = "resolved"
    held.resolution = reason
    held.resolution_note = note or None
    held.resolved_at = now
    held.resolved_by = actor
    record_event(
        session,
        held,
        actor,
        "resolved",
        f"Resolved without a case: {RESOLUTION_REASONS[reason]}",
        now,
        before=before,
        after={"status": "resolved", "resolution": reason},
        note=note or None,
    )
    acknowledge_open_alerts(session, held.id, actor, now)
