"""Raising alerts to the duty officer and reading them back.

An alert is raised once per case and reason (a unique constraint, and the insert does nothing
when the row exists), shown on the dashboard and the queue until someone acknowledges it, and
texted to the duty officer's number when one is configured. The text names only the case
reference, the team and the reason: never the resident's details. A report the backend could not
file (backend/held_reports) has no case: its alert names only the held report's number.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from backend.alerts.models import Alert
from backend.cases.models import Case, CaseEvent
from backend.safeguarding.models import INCOMPLETE_PREFIX
from backend.sms_outbound.service import enqueue_sms
from backend.triage.queue import is_overdue
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

REASON_LABELS = {
    "new_emergency": "New emergency report",
    "new_domestic_abuse": "New domestic abuse report",
    "overdue_urgent": "High-urgency case overdue",
    "held_report": "A report could not be filed and is held for review",
    # Safety advice given, then the resident stopped: backend/safeguarding/sweep.py.
    "incomplete_report": "Unfinished report after safety advice",
    # A returning resident's repeat incident reports danger: backend/residents/escalation.py.
    "escalated": "Repeat incident reports danger",
    # A resident's ASB Case Review application met the threshold: backend/case_review/.
    "case_review": "ASB Case Review application: decision due",
    # Open over 12 weeks, to be reviewed and escalated: backend/deadlines/long_running.py.
    "long_running": "Case open over 12 weeks: review and escalate",
    # A partner's webhook gave up after about a day of retries: backend/webhooks/worker.py.
    "webhook_failed": "A partner system did not receive a case event",
}


def _insert_alert(
    session: Session, subject_id: int, reason: str, now: datetime, subject: str = "case_id"
) -> bool:
    """Insert the alert unless it exists; True when this call inserted it. `subject` names the
    column `subject_id` goes in: `case_id`, or `held_report_id` for a held report."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(Alert.__table__)
        .values({subject: subject_id, "reason": reason, "raised_at": now})
        .on_conflict_do_nothing(index_elements=[subject, "reason"])
    )
    return session.execute(statement).rowcount == 1


def held_report_alert_text(held_report_id: int) -> str:
    """The duty officer's text about a held report: its number only, never what it says."""
    return (
        f"ASB alert: a report could not be filed and is held for review (held report "
        f"{held_report_id}). Please check the staff pages."
    )


def raise_held_report_alert(
    session: Session, held_report_id: int, *, now: datetime, duty_phone: str = ""
) -> dict[str, Any] | None:
    """Raise the alert for a newly held report (once; None if it was raised before) and, with
    a duty phone, queue one text (dedupe key `alert:held:<id>`). The caller audits it on the
    held report."""
    if not _insert_alert(session, held_report_id, "held_report", now, subject="held_report_id"):
        return None
    texted = False
    if duty_phone:
        texted = (
            enqueue_sms(
                session,
                case_id=None,
                to_number=duty_phone,
                body=held_report_alert_text(held_report_id),
                kind="alert",
                dedupe_key=f"alert:held:{held_report_id}",
                urgent=True,
            )
            is not None
        )
    log.info("alert raised: held_report=%s texted=%s", held_report_id, texted)
    return {"held_report_id": held_report_id, "reason": "held_report", "texted": texted}


def alert_text(case: Case, reason: str) -> str:
    """The duty officer's text: reference, team, reason; nothing about the resident."""
    if reason == "incomplete_report":  # the route too (never the resident's words)
        route = case.route.replace("_", " ")
        return (
            f"ASB alert: {REASON_LABELS[reason]} {case.reference} (route {route}, "
            f"team {case.owner_team}). Please check the staff pages."
        )
    return (
        f"ASB alert: {REASON_LABELS[reason]} {case.reference} (team {case.owner_team}, "
        f"triage due {case.triage_due:%a %d %b}). Please check the staff pages."
    )


def _candidates(session: Session, today, case_ids: list[int] | None) -> list[tuple[Case, str]]:
    overdue_urgent = and_(
        Case.triage_priority_days == 1,
        or_(
            and_(Case.status == "new", Case.triage_due < today),
            and_(Case.status != "closed", Case.promised_date < today),
        ),
    )
    new_serious = and_(
        Case.status == "new",
        or_(Case.urgent, Case.route == "emergency", Case.domestic_abuse),
    )
    query = select(Case).where(or_(overdue_urgent, new_serious))
    if case_ids is not None:
        query = query.where(Case.id.in_(case_ids))
    found = []
    for case in session.execute(query.order_by(Case.id)).scalars():
        if (case.report_id or "").startswith(INCOMPLETE_PREFIX):
            # An unfinished conversation's case: its own alert, not "new emergency" as well.
            if case.status == "new":
                found.append((case, "incomplete_report"))
        else:
            if case.status == "new" and (case.urgent or case.route == "emergency"):
                found.append((case, "new_emergency"))
            if case.status == "new" and case.domestic_abuse:
                found.append((case, "new_domestic_abuse"))
        if case.triage_priority_days == 1 and is_overdue(case, today):
            found.append((case, "overdue_urgent"))
    return found


def raise_alerts(
    session: Session,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    duty_phone: str = "",
    case_ids: list[int] | None = None,
) -> list[dict[str, Any]]:
    """Raise any alerts not raised yet (for `case_ids` only, if given); return the new ones.

    Reasons: a new emergency or domestic abuse report; a 1-working-day case past its triage
    date or its promised date. Each new alert adds a timeline event and, with a duty phone,
    queues one text (dedupe key `alert:<case id>:<reason>`).
    """
    raised = []
    for case, reason in _candidates(session, calendar.today(now), case_ids):
        if not _insert_alert(session, case.id, reason, now):
            continue
        texted = _tell_duty_officer(
            session,
            case,
            reason,
            body=alert_text(case, reason),
            dedupe_key=f"alert:{case.id}:{reason}",
            duty_phone=duty_phone,
            now=now,
        )
        log.info("alert raised: case=%s reason=%s texted=%s", case.reference, reason, texted)
        raised.append(
            {
                "case_id": case.id,
                "reference": case.reference,
                "reason": reason,
                "owner_team": case.owner_team,
                "triage_due": case.triage_due,
                "route": case.route,
            }
        )
    return raised


def _tell_duty_officer(
    session: Session,
    case: Case,
    reason: str,
    *,
    body: str,
    dedupe_key: str,
    duty_phone: str,
    now: datetime,
    route_label: str | None = None,
) -> bool:
    """Queue the duty officer's text (when a number is set) and put the alert on the case's
    timeline; returns whether a text was queued."""
    texted = bool(duty_phone) and (
        enqueue_sms(
            session,
            case_id=case.id,
            to_number=duty_phone,
            body=body,
            kind="alert",
            dedupe_key=dedupe_key,
            urgent=True,
        )
        is not None
    )
    label = REASON_LABELS[reason] + (f" ({route_label})" if route_label else "")
    data: dict[str, Any] = {"alert": reason, "texted": texted}
    if route_label:
        data["route"] = route_label
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="system",
            kind="alert",
            summary=f"Alert raised to the duty officer: {label}" + (" (texted)" if texted else ""),
            data=data,
        )
    )
    return texted


def raise_case_alert(
    session: Session, case: Case, reason: str, *, body: str, now: datetime, duty_phone: str = ""
) -> dict[str, Any] | None:
    """Raise alert `reason` on `case` once (None when it was raised before, by this or another
    instance): the timeline event and, with a duty phone, one text `body` (dedupe key
    `alert:<case id>:<reason>`). Returns the alert as `raise_alerts` does, for the email."""
    if not _insert_alert(session, case.id, reason, now):
        return None
    texted = _tell_duty_officer(
        session,
        case,
        reason,
        body=body,
        dedupe_key=f"alert:{case.id}:{reason}",
        duty_phone=duty_phone,
        now=now,
    )
    log.info("alert raised: case=%s reason=%s texted=%s", case.reference, reason, texted)
    return {
        "case_id": case.id,
        "reference": case.reference,
        "reason": reason,
        "owner_team": case.owner_team,
        "triage_due": None,
        "route": case.route,
    }


def escalation_alert_text(case: Case, route_label: str) -> str:
    """The duty officer's text about a dangerous repeat incident: reference, route and team."""
    return (
        f"ASB alert: {REASON_LABELS['escalated']} ({route_label}) {case.reference} "
        f"(team {case.owner_team}). Please check the staff pages."
    )


def raise_escalation_alert(
    session: Session,
    case: Case,
    *,
    route_label: str,
    incident_key: str,
    now: datetime,
    duty_phone: str = "",
) -> dict[str, Any]:
    """A repeat incident on `case` reports danger: raise its "escalated" alert, or raise it
    again (open, at `now`) if an earlier one exists, and with a duty phone queue one text per
    incident (dedupe key `alert:<case id>:escalated:<incident_key>`). Returns the alert as
    `raise_alerts` does, for the email."""
    if not _insert_alert(session, case.id, "escalated", now):
        alert = session.execute(
            select(Alert).where(Alert.case_id == case.id, Alert.reason == "escalated")
        ).scalar_one()
        alert.raised_at = now
        alert.acknowledged_at = None
        alert.acknowledged_by = None
    texted = _tell_duty_officer(
        session,
        case,
        "escalated",
        body=escalation_alert_text(case, route_label),
        dedupe_key=f"alert:{case.id}:escalated:{incident_key}",
        duty_phone=duty_phone,
        now=now,
        route_label=route_label,
    )
    log.info("alert raised: case=%s reason=escalated texted=%s", case.reference, texted)
    return {
        "case_id": case.id,
        "reference": case.reference,
        "reason": "escalated",
        "owner_team": case.owner_team,
        "triage_due": case.triage_due,
        "route": route_label,  # what the incident reported (the email names it)
    }


def open_alerts(
    session: Session, team: str | None = None, limit: int = 50, case_id: int | None = None
) -> list[dict[str, Any]]:
    """Alerts nobody has acknowledged yet, newest first (`team` limits the owner team,
    `case_id` to one case)."""
    query = (
        select(Alert, Case.reference, Case.owner_team, Case.triage_due)
        .outerjoin(Case, Case.id == Alert.case_id)
        .where(Alert.acknowledged_at.is_(None))
        .order_by(Alert.raised_at.desc(), Alert.id.desc())
        .limit(limit)
    )
    if team:  # a held report has no team yet: its alerts go to managers
        query = query.where(Case.owner_team == team)
    if case_id is not None:
        query = query.where(Alert.case_id == case_id)
    return [
        {
            "id": alert.id,
            "reason": alert.reason,
            "label": REASON_LABELS.get(alert.reason, alert.reason),
            "raised_at": alert.raised_at,
            "reference": reference,
            "owner_team": owner_team,
            "triage_due": triage_due,
            "held_report_id": alert.held_report_id,
            # Where the alert leads in the staff pages, and what the link says.
            "link": f"/staff/cases/{reference}"
            if alert.case_id is not None
            else f"/staff/held-reports/{alert.held_report_id}",
            "subject": reference
            if alert.case_id is not None
            else f"Held report {alert.held_report_id}",
        }
        for alert, reference, owner_team, triage_due in session.execute(query)
    ]


def acknowledge_alert(
    session: Session, alert_id: int, *, actor: str, now: datetime, team: str | None = None
) -> bool:
    """Mark an alert as seen (audited on the case); False when there is no such open alert
    (or, with `team`, it belongs to another team)."""
    row = session.execute(
        select(Alert, Case).outerjoin(Case, Case.id == Alert.case_id).where(Alert.id == alert_id)
    ).one_or_none()
    if row is None:
        return False
    alert, case = row
    if alert.acknowledged_at is not None or (team and (case is None or case.owner_team != team)):
        return False
    alert.acknowledged_at = now
    alert.acknowledged_by = actor
    if case is None:  # a held report's alert: the row itself records who and when
        return True
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor=actor,
            kind="alert_ack",
            summary=f"Alert acknowledged: {REASON_LABELS.get(alert.reason, alert.reason)}",
            data={
                "alert": alert.reason,
                "before": {"acknowledged_at": None},
                "after": {"acknowledged_at": now.isoformat(), "acknowledged_by": actor},
            },
        )
    )
    return True
