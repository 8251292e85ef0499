"""Helpers for the case tests (intake, cases, triage, casework): open a case straight through
intake, and read back a case, its timeline events, its texts and the references a staff page
lists. The `add_case` fixture is in tests/backend/conftest.py."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import select

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from backend.sms_outbound.models import OutboxMessage
from core.workdays import WorkingCalendar

CALENDAR = WorkingCalendar("ENG")
# Friday 20 November 2026, 23:01 in London: a report out of hours, before a weekend.
NOW = datetime(2026, 11, 20, 23, 1, tzinfo=timezone.utc)
# Monday 23 November 2026, 09:00 in London: the first triage after a weekend.
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def create(session_factory, report: dict, now: datetime = NOW) -> tuple[Case, bool]:
    with transaction(session_factory) as session:
        return create_case_from_report(
            session, parse_report(report, now=now), CALENDAR, now, landlord_name="Example Homes"
        )


def case_row(session_factory, reference: str) -> Case:
    with transaction(session_factory) as session:
        return session.execute(select(Case).where(Case.reference == reference)).scalar_one()


def events(session_factory, reference: str, kind: str) -> list[CaseEvent]:
    with transaction(session_factory) as session:
        return list(
            session.execute(
                select(CaseEvent)
                .join(Case)
                .where(Case.reference == reference, CaseEvent.kind == kind)
                .order_by(CaseEvent.id)
            ).scalars()
        )


def texts(session_factory, kind: str) -> list[OutboxMessage]:
    with transaction(session_factory) as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == kind)
        return list(session.execute(query.order_by(OutboxMessage.id)).scalars())


def references_in(html: str) -> list[str]:
    """Case references in the order the page lists them (first mention each)."""
    seen: list[str] = []
    for ref in re.findall(r'href="/staff/cases/(ASB-\d{4}-\d+)"', html):
        if ref not in seen:
            seen.append(ref)
    return seen
