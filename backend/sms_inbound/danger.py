"""Danger texted from a number that opted out of our texts (docs/domain.md section 9).

After STOP, Twilio lets no text through to the number, the assistant's "call 999" included, so
such a text cannot be answered. Staff hear of it at once instead: on the number's open case the
duty officer gets an "escalated" alert (dashboard, text, email), as for a dangerous repeat
incident; with no open case, an urgent incomplete-report case is opened from a safeguarding
record, exactly as when a conversation in danger is abandoned (backend/safeguarding/sweep.py).
Alert texts carry the reference, route and team only, never the resident's words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.cases.models import Case
from backend.residents.escalation import ROUTE_LABELS
from backend.safeguarding.contract import ContactIn, RecordIn
from backend.safeguarding.service import record_snapshot
from backend.safeguarding.sweep import convert_abandoned
from backend.sms_inbound.texts import InboundResult
from core import safety
from core.settings import Settings
from core.workdays import WorkingCalendar

DANGER_ROUTES = (safety.EMERGENCY, safety.DOMESTIC_ABUSE)
REASON = "opted_out_text"  # the safeguarding record's reason: no reply could reach them


def danger_route(body: str) -> str | None:
    """The safety route of a text that needs the assistant's 999 or domestic abuse advice."""
    found = safety.check(body)
    return found.route if found is not None and found.route in DANGER_ROUTES else None


def alert_opted_out_danger(
    session: Session,
    sms: Any,
    noted: InboundResult,
    route: str,
    *,
    now: datetime,
    settings: Settings,
    calendar: WorkingCalendar,
) -> list[dict[str, Any]]:
    """Alert the duty officer about a danger text from an opted-out number (`noted`: where the
    text went, a note on their latest open case or nowhere); returns the alerts for the email."""
    case = session.get(Case, noted.case_id) if noted.case_id is not None else None
    if case is not None:
        return [
            alerts.raise_escalation_alert(
                session,
                case,
                route_label=ROUTE_LABELS[route],
                incident_key=f"sms:{sms.message_sid}",
                now=now,
                duty_phone=settings.duty_officer_phone,
            )
        ]
    record = RecordIn(
        record_id=f"sms-{sms.message_sid}",
        sequence=1,
        route=route,
        channel="sms",
        language="en",
        started_at=now,
        last_activity_at=now,
        reasons=(REASON,),
        flags=frozenset({"domestic_abuse"} if route == safety.DOMESTIC_ABUSE else set()),
        message_count=1,
        words=(sms.body.strip(),),
        contact=ContactIn(phone=sms.from_number),
    )
    record_snapshot(session, record, now)
    return convert_abandoned(
        session, record.record_id, now=now, cutoff=now, calendar=calendar, settings=settings
    )
