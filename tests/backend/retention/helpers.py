"""Helpers for the retention tests: closing a case at a given moment, rows of every kind
retention looks at, and a conversation store with Rasa's `events` table. Fictional data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, select, text

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.held_reports.models import HeldReport
from backend.safeguarding.models import SafeguardingRecord
from backend.sms_inbound.models import SmsConversation, SmsInbound
from backend.sms_outbound.models import OutboxMessage

# Saturday 5 December 2026, 04:00 UTC: "now" for every retention test.
NOW = datetime(2026, 12, 5, 4, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)
WITNESS = "Sam Witness at number 5"
PEOPLE = "Jo Neighbour, flat 4"

# Rasa's SQLTrackerStore table (rasa/core/tracker_store.py, SQLEvent), as Rasa creates it.
EVENTS_DDL = (
    "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
    "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
    "action_name VARCHAR(255), data TEXT)"
)


def close_case(session_factory, reference: str, closed_at: datetime) -> None:
    """Close the case as staff would have, at `closed_at`."""
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        case.status = "closed"
        case.closed_at = closed_at
        case.closure_reason = "Spoke to Jo Neighbour; the music stopped"


def staff_note(session_factory, reference: str, words: str) -> None:
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        session.add(CaseEvent(case_id=case.id, at=NOW, actor="cat.chm", kind="note", summary=words))


def add_outbox(session_factory, key: str, sent_at: datetime, state: str = "sent", **extra):
    with transaction(session_factory) as session:
        session.add(
            OutboxMessage(
                dedupe_key=key,
                kind=extra.pop("kind", "update"),
                to_number=extra.pop("to_number", "+447700900123"),
                body=extra.pop("body", "Your case ASB-2026-000001: we visited today."),
                state=state,
                sent_at=sent_at if state == "sent" else None,
                created_at=sent_at,
                next_attempt_at=sent_at,
                delivery_status="delivered" if state == "sent" else None,
                **extra,
            )
        )


def add_inbound(session_factory, sid: str, received_at: datetime, phone: str = "+447700900123"):
    with transaction(session_factory) as session:
        session.add(
            SmsInbound(
                message_sid=sid,
                from_number=phone,
                received_at=received_at,
                num_media=1,
                media_urls=["https://api.twilio.com/media/ME1"],
            )
        )


def add_sms_options(session_factory, phone: str, updated_at: datetime) -> None:
    with transaction(session_factory) as session:
        session.add(
            SmsConversation(
                phone=phone, buttons=[{"title": "Yes", "payload": "/affirm"}], updated_at=updated_at
            )
        )


def add_record(session_factory, record_id: str, state: str, last_activity: datetime) -> None:
    with transaction(session_factory) as session:
        session.add(
            SafeguardingRecord(
                record_id=record_id,
                state=state,
                route="domestic_abuse",
                channel="sms",
                words=["he hit me again"],
                contact={"phone": "+447700900123"},
                started_at=last_activity,
                last_activity_at=last_activity,
            )
        )


def add_held(session_factory, report_id: str, status: str, done_at: datetime) -> None:
    with transaction(session_factory) as session:
        session.add(
            HeldReport(
                report_id=report_id,
                payload={"description": "shouting", "reporter": {"phone": "+447700900123"}},
                status=status,
                held_at=done_at - DAY,
                resolved_at=done_at if status != "held" else None,
                updated_at=done_at,
            )
        )


def tracker_store(url: str, conversations: dict[str, datetime]) -> None:
    """A conversation store at `url` holding a user and a bot message for each sender, the
    last one at the time given."""
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS events"))
        connection.execute(text(EVENTS_DDL))
        number = 0
        for sender, last in conversations.items():
            for type_name, said, at in (
                ("user", "loud music next door, ring me on 07700 900456", last - DAY),
                ("bot", "Thank you. Where is this happening?", last),
            ):
                number += 1
                connection.execute(
                    text(
                        "INSERT INTO events (id, sender_id, type_name, timestamp, data) "
                        "VALUES (:id, :sender, :type, :at, :data)"
                    ),
                    {
                        "id": number,
                        "sender": sender,
                        "type": type_name,
                        "at": at.timestamp(),
                        "data": json.dumps({"event": type_name, "text": said}),
                    },
                )
    engine.dispose()


def senders(url: str) -> set[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(text("SELECT sender_id FROM events"))}
    engine.dispose()
    return found


def drop_tracker(url: str) -> None:
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS events"))
    engine.dispose()
