"""Turning abandoned safeguarding records into urgent incomplete-report cases.

A record still open with no activity for `settings.abandoned_after_minutes` means the resident
got safety advice, was told their report was marked urgent (or would be passed on) and then
stopped. `sweep` opens a case for each such record, the way any report is opened
(backend/intake/service.py: reference, owner team, triage dates, queue) but URGENT, clearly
marked as incomplete (its description says so and holds the resident's words so far; an
"incomplete_report" timeline event), and raises the duty officer's "incomplete_report" alert
(dashboard, text, email; backend/alerts/). The resident is texted only if they had said texting
is safe and agreed to contact, as for any report.

Safe with several backend instances sweeping at once: each record is claimed by a conditional
UPDATE (`state = 'open'` and still idle) in the transaction that opens its case, so exactly one
instance opens it, and the case's report_id (`incomplete:<record_id>`) is unique besides.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from backend.alerts.service import raise_alerts
from backend.cases.models import CaseEvent
from backend.db import transaction
from backend.intake.contract import FLAG_NAMES, ReporterIn, ReportIn
from backend.intake.service import create_case_from_report
from backend.safeguarding.models import (
    CONVERTED,
    INCOMPLETE_PREFIX,
    OPEN,
    SafeguardingRecord,
)
from core.categories import infer_category
from core.logs import log_unexpected
from core.settings import Settings
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

BATCH = 100
ADVICE_GIVEN = {
    "emergency": "emergency advice (call 999)",
    "domestic_abuse": "domestic abuse advice (the National Domestic Abuse Helpline, 999 in danger)",
}


def incomplete_description(record: SafeguardingRecord) -> str:
    """What the case says: that the report is incomplete, and the resident's words so far."""
    advice = ADVICE_GIVEN.get(record.route, "safety advice")
    if "self_harm" in (record.reasons or []):
        advice = "emergency advice (call 999, the Samaritans on 116 123)"
    lines = [
        f"INCOMPLETE REPORT: the assistant gave {advice} and told the resident their report "
        "was marked urgent, then the resident stopped replying before the report was finished.",
        "",
    ]
    words = list(record.words or [])
    if words:
        lines.append("What the resident said, in their words, oldest first:")
        lines += [f"{number}. {text}" for number, text in enumerate(words, start=1)]
        if (record.message_count or 0) > len(words):
            lines.append(
                f"({record.message_count - len(words)} more messages were too long to keep.)"
            )
    else:
        lines.append("The resident's words were not kept (they only chose buttons).")
    return "\n".join(lines)


def incomplete_report(record: SafeguardingRecord) -> ReportIn:
    """The report an abandoned record stands for: urgent, with what is known."""
    contact = dict(record.contact or {})
    flags = set(record.flags or [])
    domestic_abuse = record.route == "domestic_abuse" or "domestic_abuse" in flags
    category = "domestic_abuse" if domestic_abuse else infer_category(" ".join(record.words or []))
    name, phone = contact.get("name"), contact.get("phone")
    return ReportIn(
        report_id=f"{INCOMPLETE_PREFIX}{record.record_id}",
        channel=record.channel,
        language=record.language,
        received_at=record.started_at,
        route=record.route,
        category=category,
        description=incomplete_description(record),
        location=contact.get("location"),
        reporter=ReporterIn(
            name=name,
            phone=phone,
            # Never a text the resident did not say was safe (domestic abuse above all).
            safe_to_text=contact.get("safe_to_text") is True,
            consent_to_contact=contact.get("consent_to_contact") is True,
            anonymous=not (name or phone),
        ),
        flags={
            **{name: name in flags for name in FLAG_NAMES},
            "urgent": True,
            "domestic_abuse": domestic_abuse,
        },
        details={
            "incomplete_report": True,
            "safeguarding_record": record.record_id,
            "safety_route": record.route,
            "safety_reasons": list(record.reasons or []),
            "messages": record.message_count,
        },
    )


def abandoned_record_ids(session: Session, cutoff: datetime, limit: int = BATCH) -> list[str]:
    """Open records with no activity since `cutoff`, longest idle first."""
    query = (
        select(SafeguardingRecord.record_id)
        .where(SafeguardingRecord.state == OPEN, SafeguardingRecord.last_activity_at <= cutoff)
        .order_by(SafeguardingRecord.last_activity_at)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def convert_abandoned(
    session: Session,
    record_id: str,
    *,
    now: datetime,
    cutoff: datetime,
    calendar: WorkingCalendar,
    settings: Settings,
) -> list[dict[str, Any]]:
    """Claim one idle record and open its incomplete-report case; return the alerts raised
    ([] when another instance, or a finished report, got there first)."""
    claimed = session.execute(
        update(SafeguardingRecord)
        .where(
            SafeguardingRecord.record_id == record_id,
            SafeguardingRecord.state == OPEN,
            SafeguardingRecord.last_activity_at <= cutoff,
        )
        .values(state=CONVERTED, converted_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return []
    record = session.execute(
        select(SafeguardingRecord).where(SafeguardingRecord.record_id == record_id)
    ).scalar_one()
    case, created = create_case_from_report(
        session, incomplete_report(record), calendar, now, landlord_name=settings.landlord_name
    )
    record.case_id = case.id
    record.words_on_case = record.message_count
    record.words = None  # the case has them now
    record.contact = None
    if not created:  # pragma: no cover - the claim above makes this the only instance
        return []
    idle = int((now - record.last_activity_at).total_seconds() // 60)
    route = record.route.replace("_", " ")
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="system",
            kind="incomplete_report",
            summary=f"Opened from an unfinished conversation: after {route} "
            f"safety advice the resident stopped replying ({idle} minutes without a message). "
            "The description holds their words so far.",
            data={
                "safeguarding_record": record.record_id,
                "route": record.route,
                "last_activity_at": record.last_activity_at.isoformat(),
                "messages": record.message_count,
            },
        )
    )
    session.flush()
    log.info("incomplete report opened: case=%s record=%s", case.reference, record.record_id)
    return raise_alerts(
        session,
        calendar=calendar,
        now=now,
        duty_phone=settings.duty_officer_phone,
        case_ids=[case.id],
    )


def sweep(
    factory: sessionmaker, *, now: datetime, settings: Settings, calendar: WorkingCalendar
) -> list[dict[str, Any]]:
    """Open a case for every abandoned record (each in its own transaction); return the alerts
    raised, to be emailed once committed."""
    cutoff = now - timedelta(minutes=settings.abandoned_after_minutes)
    with transaction(factory) as session:
        record_ids = abandoned_record_ids(session, cutoff)
    raised: list[dict[str, Any]] = []
    for record_id in record_ids:
        try:
            with transaction(factory) as session:
                raised += convert_abandoned(
                    session,
                    record_id,
                    now=now,
                    cutoff=cutoff,
                    calendar=calendar,
                    settings=settings,
                )
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the others
            what = f"incomplete report for record {record_id} (next sweep retries)"
            log_unexpected(log, what, exc)
    return raised
