"""Cases open more than 12 weeks (docs/domain.md section 7: "cases unresolved after 12 weeks
are reviewed and escalated").

`long_running_cases` lists them for the dashboard (oldest first). `sweep` escalates each one once:
the "long_running" alert (dashboard, the owner team's queue, the duty officer's text and email;
backend/alerts) and an "escalation" event on the case timeline, in one transaction per case.

Safe to run twice and on several backend instances at once: the alert row is unique per case
and reason and inserted with ON CONFLICT DO NOTHING, and the timeline event is written only by
the transaction whose insert went in (on PostgreSQL a second instance waits for the first to
commit, then inserts nothing), so a case is escalated exactly once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from backend.alerts.models import Alert
from backend.alerts.service import raise_case_alert
from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from core.logs import log_unexpected

log = logging.getLogger(__name__)

LONG_RUNNING = timedelta(weeks=12)
REASON = "long_running"
BATCH = 200
LIST_LIMIT = 200  # the dashboard lists at most this many (the figure counts them all)


def _long_running(now: datetime) -> tuple[Any, ...]:
    return (Case.status != "closed", Case.received_at < now - LONG_RUNNING)


def weeks_open(case_received_at: datetime, now: datetime) -> int:
    """Whole weeks since the report."""
    return max((now - case_received_at).days // 7, 0)


def count_long_running(session: Session, now: datetime) -> int:
    return session.execute(select(func.count(Case.id)).where(*_long_running(now))).scalar_one()


def long_running_cases(
    session: Session, now: datetime, limit: int = LIST_LIMIT
) -> list[dict[str, Any]]:
    """Open cases older than 12 weeks, oldest first: reference, team, opened, weeks open,
    officer, status and whether they have been escalated (no resident details)."""
    escalated = (
        exists().where(Alert.case_id == Case.id, Alert.reason == REASON).correlate(Case)
    ).label("escalated")
    query = (
        select(
            Case.reference,
            Case.owner_team,
            Case.received_at,
            Case.assigned_to,
            Case.status,
            escalated,
        )
        .where(*_long_running(now))
        .order_by(Case.received_at, Case.id)
        .limit(limit)
    )
    return [
        {
            "reference": reference,
            "owner_team": team,
            "opened": received_at,
            "weeks_open": weeks_open(received_at, now),
            "assigned_to": officer,
            "status": status,
            "escalated": bool(was_escalated),
        }
        for reference, team, received_at, officer, status, was_escalated in session.execute(query)
    ]


def alert_text(case: Case, weeks: int) -> str:
    """The duty officer's text: reference, team and weeks open; nothing about the resident."""
    return (
        f"ASB alert: case {case.reference} has been open {weeks} weeks (over 12), team "
        f"{case.owner_team}. Please review and escalate it. Check the staff pages."
    )


def escalate(
    session: Session, case: Case, *, now: datetime, duty_phone: str = ""
) -> dict[str, Any] | None:
    """Escalate one long-running case: its alert and its timeline event, once. Returns the
    alert raised (for the email), or None when it was escalated before."""
    weeks = weeks_open(case.received_at, now)
    raised = raise_case_alert(
        session, case, REASON, body=alert_text(case, weeks), now=now, duty_phone=duty_phone
    )
    if raised is None:
        return None
    who = (
        f"officer {case.assigned_to} ({case.owner_team})"
        if case.assigned_to
        else (f"team {case.owner_team}")
    )
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="system",
            kind="escalation",
            summary=f"Open {weeks} weeks (over 12): escalated for review to {who} and the duty "
            "officer",
            data={
                "reason": "open over 12 weeks",
                "weeks_open": weeks,
                "opened": case.received_at.isoformat(),
                "owner_team": case.owner_team,
                "assigned_to": case.assigned_to,
            },
        )
    )
    return raised


def not_escalated_ids(session: Session, now: datetime, limit: int = BATCH) -> list[int]:
    """Long-running cases with no long-running alert yet, oldest first."""
    already = exists().where(Alert.case_id == Case.id, Alert.reason == REASON).correlate(Case)
    query = (
        select(Case.id)
        .where(*_long_running(now), ~already)
        .order_by(Case.received_at, Case.id)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def sweep(factory: sessionmaker, *, now: datetime, duty_phone: str = "") -> list[dict[str, Any]]:
    """Escalate every long-running case not escalated yet (one transaction each); return the
    alerts raised, to be emailed once committed."""
    with transaction(factory) as session:
        case_ids = not_escalated_ids(session, now)
    raised: list[dict[str, Any]] = []
    for case_id in case_ids:
        try:
            with transaction(factory) as session:
                case = session.get(Case, case_id)
                if case is None or case.status == "closed":
                    continue
                alert = escalate(session, case, now=now, duty_phone=duty_phone)
            if alert is not None:
                raised.append(alert)
        except Exception as exc:  # noqa: BLE001 - one bad case must not stop the others
            log_unexpected(
                log, f"long-running escalation of case {case_id} (next sweep retries)", exc
            )
    return raised
