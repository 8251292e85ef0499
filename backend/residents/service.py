"""Returning residents: proving who they are, checking a case, adding a repeat incident.

Every function works inside the caller's transaction and never commits. Phone numbers,
postcodes, codes and PINs are personal data or secrets: they are never logged, and a code or a
PIN is kept only as a keyed hash. A repeat incident that reports danger raises the case's risk
(backend/residents/escalation.py).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.case_review.counting import Threshold, count_reports
from backend.cases.models import CHANNELS, FREQUENCIES, Case, CaseEvent
from backend.cases.queries import get_case_by_reference
from backend.intake.contract import (
    FLAG_NAMES,
    MAX_DESCRIPTION,
    MAX_SHORT_TEXT,
    normalise_phone,
    normalise_postcode,
)
from backend.intake.service import location_key
from backend.residents import escalation, pins
from backend.residents.models import ResidentCheckAttempt, VerificationCode
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.updates import may_text
from core.codes import ROUTES
from core.i18n import _
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

MAX_FAILED_CHECKS = 5  # per reference per hour; the next one is refused (429)
FAILED_CHECK_WINDOW = timedelta(hours=1)
CODE_LIFETIME = timedelta(minutes=10)
MAX_CODES_PER_HOUR = 3  # per case: a stranger cannot flood a resident's phone
# A texted code (10 minutes, once) or the case's PIN (given with the reference): 6 digits each.
VERIFICATION_METHODS = ("phone", "postcode", "code", "pin")
_REPORT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
_CODE_PATTERN = re.compile(r"^\d{6}$")


class ResidentRequestError(ValueError):
    """A malformed request body; `fields` maps a field path to a plain message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("invalid request: " + ", ".join(sorted(self.fields)))


class TooManyAttempts(Exception):
    """Too many failed identity checks for this reference in the last hour."""


class NotFoundOrNotVerified(Exception):
    """No such case, or the identity check failed (deliberately indistinguishable)."""


class CaseClosed(Exception):
    """The case is closed: a new problem needs a new report."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(reference)


# -- identity checks -------------------------------------------------------------------------


def clean_reference(raw: object) -> str:
    """The reference as typed, trimmed and upper-cased (at most 40 characters)."""
    return " ".join(str(raw).split()).upper()[:40] if isinstance(raw, str) else ""


def parse_verification(data: object, where: str = "verification") -> tuple[str, str]:
    """Exactly one of phone, postcode, code or pin as (method, value); ResidentRequestError else.
    `where` names the object in error messages ("" for a top-level body)."""
    prefix = f"{where}." if where else ""
    if not isinstance(data, Mapping):
        raise ResidentRequestError({where: "must be a JSON object"})
    given = [name for name in VERIFICATION_METHODS if data.get(name) not in (None, "")]
    if len(given) != 1:
        raise ResidentRequestError(
            {where or "": "give exactly one of: " + ", ".join(VERIFICATION_METHODS)}
        )
    value = data[given[0]]
    if not isinstance(value, str) or len(value) > 40:
        raise ResidentRequestError({prefix + given[0]: "must be text (at most 40 characters)"})
    return given[0], value


def hash_code(code: str, key: str, case_id: int) -> str:
    """HMAC-SHA256 of a one-time code, keyed by the server secret and bound to the case."""
    message = f"{case_id}:{code}".encode()
    return hmac.new(key.encode() or b"-", message, hashlib.sha256).hexdigest()


def recent_failures(session: Session, reference: str, now: datetime) -> int:
    query = select(func.count(ResidentCheckAttempt.id)).where(
        ResidentCheckAttempt.reference == reference,
        ResidentCheckAttempt.at > now - FAILED_CHECK_WINDOW,
    )
    return session.execute(query).scalar_one()


def _postcode_matches(case: Case, raw: str) -> bool:
    try:
        postcode = normalise_postcode(raw)
    except ValueError:
        return False
    outward, inward = (part.lower() for part in postcode.split(" "))
    key = location_key(case.location) or ""
    if re.search(rf"(?<![a-z0-9]){outward} ?{inward}(?![a-z0-9])", key):
        return True
    return (case.details or {}).get("reporter_postcode") == postcode


def _phone_matches(case: Case, raw: str) -> bool:
    try:
        phone = normalise_phone(raw)
    except ValueError:
        return False
    return bool(case.reporter_phone) and hmac.compare_digest(phone, case.reporter_phone)


def _matching_code(
    session: Session, case: Case, raw: str, now: datetime, key: str
) -> VerificationCode | None:
    code = raw.strip()
    if not _CODE_PATTERN.match(code):
        return None
    wanted = hash_code(code, key, case.id)
    query = select(VerificationCode).where(
        VerificationCode.case_id == case.id,
        VerificationCode.used_at.is_(None),
        VerificationCode.expires_at > now,
    )
    for row in session.execute(query).scalars():
        if hmac.compare_digest(row.code_hash, wanted):
            return row
    return None


def verified_case(
    session: Session,
    reference: str,
    verification: tuple[str, str],
    *,
    now: datetime,
    secret: str,
    lock: bool = False,
) -> tuple[Case, VerificationCode | None]:
    """The case when `verification` proves the caller reported it.

    Raises TooManyAttempts after MAX_FAILED_CHECKS failures for this reference in the last
    hour, else NotFoundOrNotVerified (recording the failure) for an unknown reference or a
    failed check alike. A matching code is returned, not yet used: `use_code` it once the
    request succeeds. `lock` locks the case row (PostgreSQL) for the rest of the transaction.
    """
    reference = clean_reference(reference)
    if recent_failures(session, reference, now) >= MAX_FAILED_CHECKS:
        log.info("resident check refused: too many failures for case=%s", reference or "-")
        raise TooManyAttempts
    case = get_case_by_reference(session, reference) if reference else None
    if case is not None and lock and session.get_bind().dialect.name == "postgresql":
        session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
    method, value = verification
    code_row = None
    passed = False
    if case is not None:
        if method == "phone":
            passed = _phone_matches(case, value)
        elif method == "postcode":
            passed = _postcode_matches(case, value)
        elif method == "pin":
            passed = pins.pin_matches(session, case, value, secret)
        else:
            code_row = _matching_code(session, case, value, now, secret)
            passed = code_row is not None
    if not passed:
        session.add(ResidentCheckAttempt(reference=reference, at=now))
        session.flush()
        log.info("resident check failed: case=%s method=%s", reference or "-", method)
        raise NotFoundOrNotVerified
    return case, code_row  # type: ignore[return-value]


def use_code(code_row: VerificationCode | None, now: datetime) -> None:
    """Spend a one-time code (it never works again)."""
    if code_row is not None:
        code_row.used_at = now


# -- case status -----------------------------------------------------------------------------


def status_text(case: Case) -> str:
    """What the case's status means, in plain words and the resident's language."""
    language = case.language
    if case.status == "closed":
        if case.closure_reason:
            return _("Closed: {reason}", language=language, reason=case.closure_reason)
        return _("Closed", language=language)
    words = {
        "new": _("Waiting for the team to review it", language=language),
        "triaged": _("Reviewed by the team, next steps being planned", language=language),
        "in_progress": _("Being worked on by the team", language=language),
        "awaiting_resident": _("The team is waiting to hear from you", language=language),
    }
    return words.get(case.status, case.status)


def next_step_date(case: Case) -> date | None:
    """When the resident can expect the next step: triage due date while new, else the date
    we promised (None when closed or nothing was promised)."""
    if case.status == "closed":
        return None
    if case.status == "new":
        return case.promised_date or case.triage_due
    return case.promised_date


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def case_status(case: Case) -> dict[str, Any]:
    """The answer to "how is my report going?" (no personal data, no staff notes)."""
    moments = [case.updated_at] + [event.at for event in case.events]
    last = max((moment for moment in moments if moment is not None), default=None)
    return {
        "reference": case.reference,
        "status": case.status,
        "status_text": status_text(case),
        "owner_team": case.owner_team,
        "last_update_at": _iso(last),
        "next_step_date": _iso(next_step_date(case)),
    }


# -- one-time codes --------------------------------------------------------------------------


def code_text(case: Case, code: str, landlord_name: str) -> str:
    return _(
        "{landlord}: your code to check report {reference} is {code}. It works once, "
        "for 10 minutes. If you did not ask for it, you can ignore this text.",
        language=case.language,
        landlord=landlord_name,
        reference=case.reference,
        code=code,
    )


def send_code(
    session: Session, reference: str, *, now: datetime, secret: str, landlord_name: str
) -> bool:
    """Text a new 6-digit code to the number on the case; True when one was queued.

    Nothing is sent (False) for an unknown reference, a case we may not text (no number, no
    consent, not safe to text, opted out) or after MAX_CODES_PER_HOUR codes for the case.
    """
    case = get_case_by_reference(session, clean_reference(reference))
    if case is None or may_text(session, case) is not None:
        return False
    recent = session.execute(
        select(func.count(VerificationCode.id)).where(
            VerificationCode.case_id == case.id,
            VerificationCode.created_at > now - timedelta(hours=1),
        )
    ).scalar_one()
    if recent >= MAX_CODES_PER_HOUR:
        log.info("verification code not sent: case=%s (too many this hour)", case.reference)
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    row = VerificationCode(
        case_id=case.id,
        code_hash=hash_code(code, secret, case.id),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    session.add(row)
    session.flush()
    enqueue_sms(
        session,
        case_id=case.id,
        to_number=case.reporter_phone,  # type: ignore[arg-type]
        body=code_text(case, code, landlord_name),
        kind="verification",
        dedupe_key=f"verification:{case.id}:{row.id}",
        urgent=True,
    )
    log.info("verification code queued: case=%s", case.reference)
    return True


# -- open cases by phone -----------------------------------------------------------------------


def open_cases_for_phone(session: Session, phone: str) -> list[dict[str, Any]]:
    """Open cases reported from this (already normalised) number, newest first."""
    query = (
        select(Case)
        .where(Case.reporter_phone == phone, Case.status != "closed")
        .order_by(Case.received_at.desc(), Case.id.desc())
        .limit(20)
    )
    return [
        {
            "reference": case.reference,
            "category": case.category,
            "received_at": _iso(case.received_at),
            "status": case.status,
        }
        for case in session.execute(query).scalars()
    ]


# -- repeat incidents --------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentIn:
    """A validated repeat incident (POST /api/cases/{reference}/incidents)."""

    report_id: str
    channel: str
    description: str
    verification: tuple[str, str]
    happened_when: str | None = None
    happening_now: bool | None = None
    frequency: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    # The route the assistant gave the resident's messages about this incident (a route code of
    # docs/domain.md section 5, usually a safety route), or None.
    route: str | None = None


INCIDENT_FIELDS = frozenset(
    {
        "report_id",
        "channel",
        "description",
        "happened_when",
        "happening_now",
        "frequency",
        "flags",
        "route",
        "verification",
    }
)


def parse_incident(data: object) -> IncidentIn:
    """Check an incident body; ResidentRequestError lists every problem."""
    if not isinstance(data, Mapping):
        raise ResidentRequestError({"": "the body must be a JSON object"})
    errors: dict[str, str] = {}
    for unknown in sorted(set(data) - INCIDENT_FIELDS):
        errors[unknown] = "is not a known field"
    report_id = data.get("report_id")
    if not isinstance(report_id, str) or not _REPORT_ID_PATTERN.match(report_id):
        errors["report_id"] = "must be 8 to 64 letters, digits or . _ : - (a UUID is best)"
    channel = data.get("channel")
    if channel not in CHANNELS:
        errors["channel"] = f"must be one of: {', '.join(CHANNELS)}"

    def text(name: str, limit: int, required: bool = False) -> str | None:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                errors[name] = "is required"
            return None
        if not isinstance(value, str):
            errors[name] = "must be text"
            return None
        if len(value.strip()) > limit:
            errors[name] = f"is too long (at most {limit} characters)"
            return None
        return value.strip()

    description = text("description", MAX_DESCRIPTION, required=True)
    happened_when = text("happened_when", MAX_SHORT_TEXT)
    happening_now = data.get("happening_now")
    if happening_now is not None and not isinstance(happening_now, bool):
        errors["happening_now"] = "must be true, false or null"
    frequency = data.get("frequency")
    if frequency is not None and frequency not in FREQUENCIES:
        errors["frequency"] = f"must be one of: {', '.join(FREQUENCIES)}"
    route = data.get("route")
    if route is not None and route not in ROUTES:
        errors["route"] = f"must be one of: {', '.join(ROUTES)} (or null)"
    flags: dict[str, bool] = {}
    raw_flags = data.get("flags")
    if raw_flags is not None and not isinstance(raw_flags, Mapping):
        errors["flags"] = "must be an object"
    elif raw_flags:
        for name, value in raw_flags.items():
            if name not in FLAG_NAMES:
                errors[f"flags.{name}"] = f"is not a known flag ({', '.join(FLAG_NAMES)})"
            elif value is not None and not isinstance(value, bool):
                errors[f"flags.{name}"] = "must be true, false or null"
            else:
                flags[name] = bool(value)
    verification: tuple[str, str] = ("phone", "")
    try:
        verification = parse_verification(data.get("verification"))
    except ResidentRequestError as exc:
        errors.update(exc.fields)
    if errors:
        raise ResidentRequestError(errors)
    return IncidentIn(
        report_id=report_id,  # type: ignore[arg-type]
        channel=channel,  # type: ignore[arg-type]
        description=description,  # type: ignore[arg-type]
        verification=verification,
        happened_when=happened_when,
        happening_now=happening_now,
        frequency=frequency,
        flags=flags,
        route=route,
    )


def _incident_events(session: Session, case_id: int) -> list[CaseEvent]:
    query = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "incident")
    return list(session.execute(query).scalars())


def incident_receipt(
    session: Session,
    case: Case,
    now: datetime,
    calendar: WorkingCalendar,
    threshold: Threshold,
) -> dict[str, Any]:
    """The answer to an added incident. `reports_last_6_months` is the ASB Case Review count of
    the resident's timely reports in the threshold's window (backend/case_review/counting.py,
    the one counter), and `case_review_eligible` whether the threshold is met."""
    count = count_reports(session, case, now, threshold, calendar)
    return {
        "reference": case.reference,
        "incident_count": 1 + len(_incident_events(session, case.id)),
        "reports_last_6_months": count.by_resident,
        "case_review_eligible": count.met,
    }


def add_incident(
    session: Session,
    case: Case,
    incident: IncidentIn,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    threshold: Threshold | None = None,
) -> tuple[dict[str, Any], bool, escalation.Escalation | None]:
    """Add a repeat incident to an open, verified case; return (receipt, created, escalation).

    Idempotent on report_id. Raises CaseClosed for a closed case. Flags the resident raises
    (urgent, domestic abuse, hate, safeguarding, vulnerable) are set on the case, and a case
    still waiting for triage gets the shorter triage target those flags call for. An incident
    that reports danger (escalation.assess) escalates the case: `escalation` says what changed.
    `threshold` is the ASB Case Review threshold for the receipt (default: the statutory one).
    """
    threshold = threshold or Threshold()
    for event in _incident_events(session, case.id):
        if (event.data or {}).get("report_id") == incident.report_id:
            return incident_receipt(session, case, now, calendar, threshold), False, None
    if case.status == "closed":
        raise CaseClosed(case.reference)
    danger = escalation.assess(incident.description, incident.route, incident.flags)
    wanted = {name for name, on in incident.flags.items() if on}
    raised = [name for name in FLAG_NAMES if name in wanted | (danger.flags if danger else set())]
    raised = [name for name in raised if not getattr(case, name)]
    before_due = case.triage_due
    escalated = None
    if danger is None and escalation.raise_flags(case, wanted) and case.status == "new":
        escalation.tighten_triage(case, calendar, now)
    if incident.happening_now:
        case.happening_now = True
    case.updated_at = now
    summary = f"Resident reported the problem again ({incident.channel})"
    if raised:
        summary += "; raised: " + ", ".join(name.replace("_", " ") for name in raised)
    data = {
        "report_id": incident.report_id,
        "channel": incident.channel,
        "description": incident.description,
        "happened_when": incident.happened_when,
        "happening_now": incident.happening_now,
        "frequency": incident.frequency,
        "flags": incident.flags,
        "raised_flags": raised,
        "triage_due_before": _iso(before_due),
        "triage_due_after": _iso(case.triage_due),
    }
    if incident.route is not None:
        data["assistant_route"] = incident.route
    incident_event = CaseEvent(
        case_id=case.id, at=now, actor="assistant", kind="incident", summary=summary, data=data
    )
    session.add(incident_event)
    if danger is not None:
        escalated = escalation.escalate(
            session,
            case,
            danger,
            report_id=incident.report_id,
            calendar=calendar,
            now=now,
            wanted=wanted,
        )
        # A new dict (JSON columns do not track changes in place).
        incident_event.data = {
            **data,
            "danger": danger.route,
            "triage_due_after": _iso(case.triage_due),
        }
    session.flush()
    log.info("repeat incident added: case=%s raised=%s", case.reference, ",".join(raised) or "-")
    return incident_receipt(session, case, now, calendar, threshold), True, escalated
