"""Texts about a case: the update templates, regular contact while it is open, and quiet
hours holding routine texts back."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.updates import UpdateError, update_text
from backend.sms_outbound.worker import queue_contact_texts
from tests.backend.sms_inbound.two_way_world import OTHER, RESIDENT, World, make_case, update

LONDON = ZoneInfo("Europe/London")


# -- quiet hours ------------------------------------------------------------------------------


async def test_quiet_hours_hold_routine_texts_not_urgent_ones(world: World) -> None:
    quiet = replace(world.settings, quiet_hours="21:00-08:00", timezone="Europe/London")
    case_id = make_case(world.session_factory)
    routine = update(world, case_id, "status", status="in_progress").id
    urgent = await asyncio.to_thread(lambda: _queue_urgent(world, "Reply to what you just sent"))
    # A night after the rows were queued (they are due from "now" on the real clock).
    day = (utcnow() + timedelta(days=1)).astimezone(LONDON).date()
    night = datetime.combine(day, time(22, 30), LONDON).astimezone(timezone.utc)
    morning = datetime.combine(day + timedelta(days=1), time(8, 0), LONDON)
    await world.send_all(night, quiet)
    assert world.sent_to() == ["Reply to what you just sent"]
    [row] = world.rows(id=routine)
    assert row.state == "pending" and row.attempts == 0
    assert row.next_attempt_at == morning.astimezone(timezone.utc)
    await world.send_all(night + timedelta(hours=9), quiet)  # 07:30 the next morning
    assert len(world.sent_to()) == 1
    await world.send_all(row.next_attempt_at, quiet)
    assert len(world.sent_to()) == 2
    assert [r.state for r in world.rows(id=routine)] == ["sent"]
    assert urgent


def _queue_urgent(world: World, body: str) -> int:
    with transaction(world.session_factory) as session:
        return enqueue_sms(
            session,
            case_id=None,
            to_number=RESIDENT,
            body=body,
            kind="reply",
            dedupe_key=f"reply:{uuid.uuid4().hex}:0",
            urgent=True,
        ).id


# -- updates ----------------------------------------------------------------------------------


async def test_update_templates_name_the_day_and_are_queued_once(world: World) -> None:
    case_id = make_case(world.session_factory)
    first = update(world, case_id, "triage", next_step="an officer will call you", by="2026-11-25")
    again = update(world, case_id, "triage", next_step="an officer will call you", by="2026-11-25")
    assert first.id == again.id and first.kind == "triage" and not first.urgent
    assert "Wednesday 25 November" in first.body
    assert "Your Community Housing Manager is dealing with it" in first.body
    delay = update(world, case_id, "delay", what="our visit", old="2026-11-25", new="2026-11-27")
    assert "Friday 27 November" in delay.body and "Wednesday 25 November" in delay.body
    monday = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    first_contact = update(world, case_id, "contact", now=monday, next_by="2026-11-30")
    assert "You will hear from us by Monday 30 November" in first_contact.body
    same_day = update(world, case_id, "contact", now=monday + timedelta(hours=6))
    next_day = update(world, case_id, "contact", now=monday + timedelta(days=1))
    assert first_contact.id == same_day.id != next_day.id
    with transaction(world.session_factory) as session:
        case = session.get(Case, case_id)
        with pytest.raises(UpdateError):
            update_text(case, "triage")
        with pytest.raises(UpdateError):
            update_text(case, "gossip")


async def test_regular_contact_while_a_case_is_open(world: World) -> None:
    now = utcnow()
    factory = world.session_factory
    quiet_case = make_case(factory, status="in_progress", triaged_at=now - timedelta(days=8))
    recent = make_case(factory, OTHER, status="in_progress", triaged_at=now - timedelta(days=4))
    high = make_case(
        factory,
        "+447700900301",
        status="triaged",
        risk_band="HIGH",
        triaged_at=now - timedelta(days=4),
    )
    agreed = make_case(
        factory,
        "+447700900302",
        status="awaiting_resident",
        triaged_at=now - timedelta(days=2),
        details={"contact_every_days": 2},
    )
    make_case(factory, "+447700900303", status="closed", triaged_at=now - timedelta(days=30))
    make_case(factory, "+447700900304", status="new")
    make_case(
        factory,
        "+447700900305",
        status="in_progress",
        safe_to_text=False,
        triaged_at=now - timedelta(days=30),
    )
    queued = await asyncio.to_thread(queue_contact_texts, factory, world.settings, now)
    assert queued == 3
    assert sorted(r.case_id for r in world.rows(kind="contact")) == sorted(
        [quiet_case, high, agreed]
    )
    assert recent not in [r.case_id for r in world.rows(kind="contact")]
    # Texted just now: nothing more until the interval has passed again.
    assert await asyncio.to_thread(queue_contact_texts, factory, world.settings, now) == 0
    later = now + timedelta(days=3, hours=1)
    assert await asyncio.to_thread(queue_contact_texts, factory, world.settings, later) == 3
    [contact] = world.rows(kind="contact", case_id=recent)
    assert "still working on your case" in contact.body and not contact.urgent
