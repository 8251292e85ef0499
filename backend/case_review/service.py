"""ASB Case Review applications: who may apply, recording one, the acknowledgement, the staff
alert, the decision, and the figures staff see (docs/domain.md section 9).

A resident applies through the assistant after proving who they are the way returning residents
do (backend/residents/service.py): the case reference with the postcode, the case PIN or a
texted code on the web; by SMS the sender's number, with or without a reference. The threshold
is counted by `backend.case_review.counting` (the one counter). Met: the application is recorded
(`received`, decision due ASB_CASE_REVIEW_DECISION_DAYS working days after the day it arrived),
acknowledged by the resident's way of hearing from us (text or email, once) naming that day, and
an alert is raised for staff. Not met: the request is kept (`below_threshold`) with what was
counted, and nothing is sent. Every function works in the caller's transaction, never commits
and never logs personal data.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.alerts.models import Alert
from backend.case_review.counting import ReviewCount, Threshold, count_reports
from backend.case_review.models import OUTCOMES, CaseReviewApplication
from backend.cases.models import CHANNELS, Case
from backend.casework.audit import CaseWorkError, audit, required_text
from backend.intake.contract import normalise_phone
from backend.residents import service as residents
from backend.residents.service import NotFoundOrNotVerified, ResidentRequestError
from backend.sms_outbound.contact_route import contact_route, queue_for_resident
from core.i18n import _, day_name
from core.settings import Settings
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

MAX_DECISION = 2000
APPLICATION_FIELDS = frozenset({"channel", "reference", "verification"})


@dataclass(frozen=True)
class ApplicationIn:
    """A validated request from the action server (POST /api/case-reviews)."""

    channel: str
    reference: str | None
    verification: tuple[str, str]


def parse_application(data: object) -> ApplicationIn:
    """Check an application body; ResidentRequestError lists every problem. By SMS the
    verification may be the sender's phone alone (no reference): their latest case anchors it."""
    if not isinstance(data, Mapping):
        raise ResidentRequestError({"": "the body must be a JSON object"})
    errors: dict[str, str] = {}
    for unknown in sorted(set(data) - APPLICATION_FIELDS):
        errors[unknown] = "is not a known field"
    channel = data.get("channel")
    if channel not in CHANNELS or channel == "staff":
        errors["channel"] = "must be one of: web, sms, rest"
    reference = data.get("reference")
    if reference is not None and (not isinstance(reference, str) or len(reference) > 40):
        errors["reference"] = "must be text (at most 40 characters) or null"
    verification: tuple[str, str] = ("phone", "")
    try:
        verification = residents.parse_verification(data.get("verification"))
    except ResidentRequestError as exc:
        errors.update(exc.fields)
    if not errors and not (reference or "").strip() and verification[0] != "phone":
        errors["reference"] = "is required unless the verification is the sender's phone"
    if errors:
        raise ResidentRequestError(errors)
    return ApplicationIn(
        channel=channel,  # type: ignore[arg-type]
        reference=(reference or "").strip() or None,  # type: ignore[union-attr]
        verification=verification,
    )


def latest_case_for_phone(session: Session, raw_phone: str) -> Case | None:
    """The newest case reported from this number (None for none, or not a phone number)."""
    try:
        phone = normalise_phone(raw_phone)
    except ValueError:
        return None
    query = (
        select(Case)
        .where(Case.reporter_phone == phone)
        .order_by(Case.received_at.desc(), Case.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def applicant_case(
    session: Session, application: ApplicationIn, *, now: datetime, secret: str
) -> Case:
    """The case whose reporter is applying, once they proved it is theirs (the returning
    residents' check: a failure is recorded and rate-limited there). By SMS without a reference:
    the newest case from the sender's number. Raises NotFoundOrNotVerified, TooManyAttempts."""
    if application.reference is None:
        case = latest_case_for_phone(session, application.verification[1])
        if case is None:
            raise NotFoundOrNotVerified
        return case
    case, code = residents.verified_case(
        session, application.reference, application.verification, now=now, secret=secret
    )
    residents.use_code(code, now)
    return case


def decision_due(calendar: WorkingCalendar, received_at: datetime, working_days: int) -> date:
    """The decision day: `working_days` working days after the day the application arrived."""
    return calendar.add_working_days(calendar.today(received_at), working_days)


def acknowledgement_text(case: Case, due: date, landlord_name: str) -> str:
    """The text (or email) confirming an application, in the resident's language."""
    return _(
        "{landlord}: we have your application for an ASB Case Review, a fresh look at how "
        "your reports (latest {reference}) have been dealt with. We will tell you our decision "
        "by {day}. If anyone is in danger, call 999.",
        language=case.language,
        landlord=landlord_name,
        reference=case.reference,
        day=day_name(due, case.language),
    )


def open_application(session: Session, case: Case) -> CaseReviewApplication | None:
    """An application from this resident still waiting for its decision (same case, or any
    case from the same phone number), so asking twice records and acknowledges it once."""
    query = (
        select(CaseReviewApplication)
        .join(Case, Case.id == CaseReviewApplication.case_id)
        .where(CaseReviewApplication.status == "received")
        .order_by(CaseReviewApplication.id)
    )
    if case.reporter_phone:
        query = query.where(
            (CaseReviewApplication.case_id == case.id)
            | (Case.reporter_phone == case.reporter_phone)
        )
    else:
        query = query.where(CaseReviewApplication.case_id == case.id)
    return session.execute(query.limit(1)).scalar_one_or_none()


def _counted(count: ReviewCount) -> dict[str, Any]:
    return {**count.summary(), "reports": [report.as_dict() for report in count.reports]}


def _raise_alert(
    session: Session, case: Case, application: CaseReviewApplication, now: datetime
) -> dict[str, Any]:
    """The staff alert "case_review" on the case (dashboard, queue, case page; emailed when
    configured; not texted: a decision is due in working days, not tonight). One alert row per
    case and reason: a later application on the same case opens it again."""
    alert = session.execute(
        select(Alert).where(Alert.case_id == case.id, Alert.reason == "case_review")
    ).scalar_one_or_none()
    if alert is None:
        session.add(Alert(case_id=case.id, reason="case_review", raised_at=now))
    else:
        alert.raised_at, alert.acknowledged_at, alert.acknowledged_by = now, None, None
    label = alerts.REASON_LABELS["case_review"]
    audit(
        session,
        case,
        "system",
        "alert",
        f"Alert raised: {label} {application.decision_due:%a %d %b %Y}",
        now,
        alert="case_review",
        application_id=application.id,
        texted=False,
    )
    return {
        "case_id": case.id,
        "reference": case.reference,
        "reason": "case_review",
        "owner_team": case.owner_team,
        "triage_due": None,
        "route": case.route,
    }


def _acknowledge(
    session: Session, case: Case, application: CaseReviewApplication, settings: Settings
) -> None:
    """Queue the acknowledgement once (dedupe key per application) by the resident's route."""
    route = contact_route(session, case)
    due = application.decision_due
    assert due is not None
    queued = queue_for_resident(
        session,
        case,
        route,
        kind="case_review_ack",
        text=acknowledgement_text(case, due, settings.landlord_name),
        dedupe_key=f"case-review-ack:{application.id}",
        landlord_name=settings.landlord_name,
        landlord_phone=settings.landlord_phone,
        urgent=True,  # it answers what they just did
    )
    # sms or email; "call" when they asked for calls (staff call them); "none" when we may
    # not contact them (no consent, no details).
    if queued is not None:
        application.acknowledged_by = queued.channel
    else:
        application.acknowledged_by = "call" if route.channel == "call" else "none"


def apply(
    session: Session,
    case: Case,
    *,
    channel: str,
    verified_by: str,
    now: datetime,
    settings: Settings,
    calendar: WorkingCalendar,
) -> tuple[CaseReviewApplication, ReviewCount, bool, list[dict[str, Any]]]:
    """Record the application of `case`'s reporter: (application, count, created, alerts
    raised). An open application from the same resident is returned as it is (created False)."""
    if session.get_bind().dialect.name == "postgresql":  # one application at a time per case
        session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
    count = count_reports(session, case, now, Threshold.from_settings(settings), calendar)
    existing = open_application(session, case)
    if existing is not None:
        return existing, count, False, []
    application = CaseReviewApplication(
        case_id=case.id,
        reference=case.reference,
        channel=channel,
        verified_by=verified_by,
        received_at=now,
        counted=_counted(count),
        threshold_met=count.met,
        status="received" if count.met else "below_threshold",
        decision_due=(
            decision_due(calendar, now, settings.case_review_decision_days) if count.met else None
        ),
    )
    session.add(application)
    session.flush()
    summary = (
        f"Resident applied for an ASB Case Review ({channel}): threshold "
        f"{'met' if count.met else 'not met'}, {count.by_resident} report(s) by them"
        + (f", {count.at_address} at their address" if count.at_address is not None else "")
        + (f"; decision due {application.decision_due:%a %d %b %Y}" if count.met else "")
    )
    audit(session, case, "assistant", "case_review", summary, now, application_id=application.id)
    raised: list[dict[str, Any]] = []
    if count.met:
        _acknowledge(session, case, application, settings)
        raised.append(_raise_alert(session, case, application, now))
    log.info(
        "case review application: id=%s case=%s met=%s", application.id, case.reference, count.met
    )
    return application, count, True, raised


def application_answer(
    application: CaseReviewApplication, count: ReviewCount, created: bool
) -> dict[str, Any]:
    """The action server's answer: the outcome and the numbers (no personal data)."""
    if not created and application.status == "received":
        outcome = "already_recorded"
    else:
        outcome = "recorded" if application.threshold_met else "below_threshold"
    return {
        "outcome": outcome,
        "application_id": application.id,
        "reference": application.reference,
        "threshold": count.threshold.as_dict(),
        "reports_by_resident": count.by_resident,
        "reports_at_address": count.at_address,
        "reports_unclear": count.unclear,
        "reports_late": count.late,
        "threshold_met": application.threshold_met,
        "decision_due": application.decision_due.isoformat() if application.decision_due else None,
        "acknowledged_by": application.acknowledged_by,
    }


# -- staff -------------------------------------------------------------------------------------


def record_decision(
    session: Session,
    application_id: int,
    *,
    outcome: str,
    decision: str,
    actor: str,
    now: datetime,
    team: str | None = None,
) -> CaseReviewApplication | None:
    """Record the decision on an application (audited on its case's timeline); None when there
    is no such application (or, with `team`, its case belongs to another team). CaseWorkError
    for a missing outcome or reason, or an application already decided."""
    row = session.execute(
        select(CaseReviewApplication, Case)
        .join(Case, Case.id == CaseReviewApplication.case_id)
        .where(CaseReviewApplication.id == application_id)
        .with_for_update()
    ).one_or_none()
    if row is None or (team and row[1].owner_team != team):
        return None
    application, case = row
    if application.status == "decided":
        raise CaseWorkError("This application has already been decided.")
    if outcome not in OUTCOMES:
        raise CaseWorkError("Choose whether the case will be reviewed.")
    text = required_text(decision, "the decision and its reasons", MAX_DECISION)
    before = {"status": application.status, "outcome": None}
    application.status, application.outcome, application.decision = "decided", outcome, text
    application.decided_at, application.decided_by = now, actor
    audit(
        session,
        case,
        actor,
        "case_review_decision",
        f"ASB Case Review decision: {'review' if outcome == 'review' else 'no review'}",
        now,
        before=before,
        after={"status": "decided", "outcome": outcome},
        application_id=application.id,
        decision=text,
    )
    return application


def _week_end(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def deadline_figures(
    session: Session, calendar: WorkingCalendar, moment: datetime
) -> dict[str, int]:
    """Applications waiting for a decision: overdue (due before today), due this week (today
    to Sunday), and all waiting."""
    today = calendar.today(moment)
    dues = list(
        session.execute(
            select(CaseReviewApplication.decision_due).where(
                CaseReviewApplication.status == "received"
            )
        ).scalars()
    )
    return {
        "overdue": sum(1 for due in dues if due is not None and due < today),
        "due_this_week": sum(
            1 for due in dues if due is not None and today <= due <= _week_end(today)
        ),
        "waiting": len(dues),
    }


def _application_row(
    application: CaseReviewApplication, owner_team: str, today: date
) -> dict[str, Any]:
    counted = application.counted or {}
    return {
        "id": application.id,
        "reference": application.reference,
        "owner_team": owner_team,
        "channel": application.channel,
        "received_at": application.received_at,
        "status": application.status,
        "threshold_met": application.threshold_met,
        "decision_due": application.decision_due,
        "overdue": application.status == "received"
        and application.decision_due is not None
        and application.decision_due < today,
        "acknowledged_by": application.acknowledged_by,
        "outcome": application.outcome,
        "decision": application.decision,
        "decided_at": application.decided_at,
        "decided_by": application.decided_by,
        "reports_by_resident": counted.get("reports_by_resident"),
        "reports_at_address": counted.get("reports_at_address"),
        "reports_unclear": counted.get("reports_unclear"),
        "threshold": counted.get("threshold") or {},
        "reports": counted.get("reports") or [],
    }


def list_applications(
    session: Session,
    calendar: WorkingCalendar,
    moment: datetime,
    team: str | None = None,
    others_limit: int = 200,
) -> list[dict[str, Any]]:
    """Every application waiting for a decision (overdue first, then by decision day), then
    the latest `others_limit` decided or below the threshold, newest first; `team` limits them
    to cases that team owns."""
    today = calendar.today(moment)
    base = select(CaseReviewApplication, Case.owner_team).join(
        Case, Case.id == CaseReviewApplication.case_id
    )
    if team:
        base = base.where(Case.owner_team == team)
    waiting = [
        _application_row(application, owner_team, today)
        for application, owner_team in session.execute(
            base.where(CaseReviewApplication.status == "received").order_by(
                CaseReviewApplication.decision_due, CaseReviewApplication.id
            )
        )
    ]
    waiting.sort(key=lambda row: not row["overdue"])  # stable: by decision day within each
    others = session.execute(
        base.where(CaseReviewApplication.status != "received")
        .order_by(CaseReviewApplication.received_at.desc(), CaseReviewApplication.id.desc())
        .limit(others_limit)
    )
    return waiting + [_application_row(a, owner_team, today) for a, owner_team in others]


def get_application(
    session: Session, application_id: int, calendar: WorkingCalendar, moment: datetime
) -> dict[str, Any] | None:
    """One application as the page shows it (None when there is none)."""
    row = session.execute(
        select(CaseReviewApplication, Case.owner_team)
        .join(Case, Case.id == CaseReviewApplication.case_id)
        .where(CaseReviewApplication.id == application_id)
    ).one_or_none()
    if row is None:
        return None
    return _application_row(row[0], row[1], calendar.today(moment))


def case_counters(
    session: Session, case: Case, moment: datetime, settings: Settings, calendar: WorkingCalendar
) -> dict[str, Any]:
    """The case page's ASB Case Review box: the counts in the window up to now, the threshold,
    met or not, and this resident's applications."""
    count = count_reports(session, case, moment, Threshold.from_settings(settings), calendar)
    applications = session.execute(
        select(CaseReviewApplication)
        .where(CaseReviewApplication.case_id == case.id)
        .order_by(CaseReviewApplication.id.desc())
    ).scalars()
    today = calendar.today(moment)
    return {
        **count.summary(),
        "since": count.since,
        "reports": [report.as_dict() for report in count.reports],
        "applications": [_application_row(a, case.owner_team, today) for a in applications],
    }
