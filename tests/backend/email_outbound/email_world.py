"""Helpers of the resident email tests: open a case through intake, read back its outbox rows
and timeline, and run the email sender at a given moment."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.cases.models import Case, CaseEvent
from backend.db import transaction, utcnow
from backend.email_outbound.sending import process_due_emails
from backend.email_outbound.smtp import ResidentEmail
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from backend.sms_outbound.models import OutboxMessage
from core.settings import Settings
from tests.backend.case_helpers import CALENDAR, NOW

EMAIL = "sam.sample@example.org"
# Cannot be texted (no phone), chose email and gave an address.
EMAIL_ONLY = {
    "phone": None,
    "safe_to_text": None,
    "consent_to_contact": True,
    "preferred_contact": "email",
    "email": EMAIL,
}
LONDON = ZoneInfo("Europe/London")


def open_case(session_factory: sessionmaker, report: dict, now: datetime = NOW) -> str:
    """A case straight through intake (landlord Example Homes, 0300 000 0000); its reference."""
    with transaction(session_factory) as session:
        case, _ = create_case_from_report(
            session,
            parse_report(report, now=now),
            CALENDAR,
            now,
            landlord_name="Example Homes",
            landlord_phone="0300 000 0000",
        )
        return case.reference


def rows(session_factory: sessionmaker, **where) -> list[OutboxMessage]:
    """Outbox rows (texts and emails), oldest first; `where` filters on columns."""
    query = select(OutboxMessage).filter_by(**where).order_by(OutboxMessage.id)
    with session_factory() as session:
        return list(session.execute(query).scalars())


def row(session_factory: sessionmaker, outbox_id: int) -> OutboxMessage:
    with session_factory() as session:
        return session.get(OutboxMessage, outbox_id)


def timeline(session_factory: sessionmaker, reference: str, kind: str = "email") -> list[str]:
    """The summaries of a case's timeline events of `kind`, in order."""
    query = (
        select(CaseEvent.summary)
        .join(Case)
        .where(Case.reference == reference, CaseEvent.kind == kind)
        .order_by(CaseEvent.id)
    )
    with session_factory() as session:
        return list(session.execute(query).scalars())


def send_due(
    session_factory: sessionmaker, mail: ResidentEmail, settings: Settings, now: datetime, **kw
) -> int:
    return process_due_emails(session_factory, mail, settings, now, **kw)


def tonight() -> datetime:
    """22:30 in London on a day after every row queued so far is due (quiet hours)."""
    day = (utcnow() + timedelta(days=1)).astimezone(LONDON).date()
    return datetime.combine(day, time(22, 30), LONDON).astimezone(timezone.utc)
