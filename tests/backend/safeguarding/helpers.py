"""Shared by the safeguarding tests: a record body as the assistant relays it, applying records
straight through the service, sweeping, and reading back what the backend made. Fictional data
only (phones +447700900xxx)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from backend.alerts.models import Alert
from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.safeguarding.contract import parse_record
from backend.safeguarding.models import SafeguardingRecord
from backend.safeguarding.service import record_snapshot
from backend.safeguarding.sweep import sweep
from backend.sms_outbound.models import OutboxMessage
from core.settings import Settings
from tests.backend.case_helpers import CALENDAR, NOW

DUTY_PHONE = "+447700900999"
RESIDENT_PHONE = "+447700900321"
WORDS = [
    "theres a man outside my door with a knife and hes shouting he will kill me",
    "Flat 7, 3 Example Road",
]
# Past the 10 minutes of ASB_ABANDONED_AFTER_MINUTES after NOW's last activity.
LATER = NOW + timedelta(minutes=11)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def make_record(**overrides: Any) -> dict[str, Any]:
    """A valid POST /api/safeguarding/records body: an emergency at NOW, two messages so far."""
    record: dict[str, Any] = {
        "record_id": str(uuid.uuid4()),
        "sequence": 1,
        "route": "emergency",
        "reasons": ["weapon"],
        "flags": {"urgent": True, "domestic_abuse": False, "hate": False, "safeguarding": False},
        "channel": "web",
        "language": "en",
        "started_at": iso(NOW),
        "last_activity_at": iso(NOW),
        "message_count": len(WORDS),
        "words": list(WORDS),
        "contact": {
            "name": None,
            "phone": None,
            "location": "Flat 7, 3 Example Road",
            "safe_to_text": None,
            "consent_to_contact": None,
        },
    }
    record.update(overrides)
    return record


def apply(session_factory, body: dict[str, Any], now: datetime = NOW) -> tuple[dict, bool]:
    """Apply one relayed record, as POST /api/safeguarding/records does."""
    with transaction(session_factory) as session:
        return record_snapshot(session, parse_record(body, now=now), now)


def duty_settings(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, duty_officer_phone=DUTY_PHONE, **changes)


def run_sweep(session_factory, settings: Settings, now: datetime = LATER) -> list[dict]:
    return sweep(session_factory, now=now, settings=duty_settings(settings), calendar=CALENDAR)


def record_row(session_factory, record_id: str) -> SafeguardingRecord:
    with transaction(session_factory) as session:
        return session.execute(
            select(SafeguardingRecord).where(SafeguardingRecord.record_id == record_id)
        ).scalar_one()


def all_cases(session_factory) -> list[Case]:
    with transaction(session_factory) as session:
        return list(session.execute(select(Case).order_by(Case.id)).scalars())


def case_events(session_factory, case_id: int) -> list[CaseEvent]:
    with transaction(session_factory) as session:
        query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        return list(session.execute(query).scalars())


def alerts(session_factory) -> list[Alert]:
    with transaction(session_factory) as session:
        return list(session.execute(select(Alert).order_by(Alert.id)).scalars())


def texts(session_factory) -> list[OutboxMessage]:
    with transaction(session_factory) as session:
        return list(session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())
