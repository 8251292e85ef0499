"""The SMS outbox end to end: enqueue -> worker -> real `twilio` library -> stand-in -> signed
status callbacks -> backend route, on SQLite and PostgreSQL. This file: queueing texts, and
sending them (retries, refusals, claims); reconcile and status callbacks have their own.

Blocking calls (the worker's sends, database work) run in threads so the stand-in and the
backend, served on this test's event loop, can answer them. Time moves by passing `now`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from backend.db import transaction, utcnow
from backend.sms_outbound import claims, service
from backend.sms_outbound.claims import claim_due_messages
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sending import MAX_ATTEMPTS, process_due_messages
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.twilio_client import make_twilio_client
from core.settings import Settings
from tests.backend.sms_outbound.outbox_world import (
    ACK,
    FROM,
    NEIGHBOUR,
    RESIDENT,
    World,
    loopback_socket,
    make_case,
    queue,
)

# -- enqueue ----------------------------------------------------------------------------------


async def test_enqueue_dedupes_on_key(world: World) -> None:
    case_id = make_case(world.session_factory)
    first = queue(world.session_factory, case_id, key=f"ack:{case_id}")
    with transaction(world.session_factory) as session:
        same_tx = [
            enqueue_sms(
                session,
                case_id=case_id,
                to_number=RESIDENT,
                body="a different body",
                kind="ack",
                dedupe_key=f"ack:{case_id}",
            ).id
            for _ in range(2)
        ]
    assert same_tx == [first, first]
    with world.session_factory() as session:
        assert session.execute(select(func.count(OutboxMessage.id))).scalar_one() == 1
        row = session.get(OutboxMessage, first)
        assert (row.state, row.attempts, row.body) == ("pending", 0, ACK)


async def test_enqueue_backstop_when_a_racing_transaction_won(world: World, monkeypatch) -> None:
    """Our SELECT missed the row another transaction committed: the unique key still holds."""
    queue(world.session_factory, None, key="survey:1")
    monkeypatch.setattr(service, "_find_by_dedupe_key", _miss_once(service._find_by_dedupe_key))
    dialect = world.session_factory().get_bind().dialect.name
    with transaction(world.session_factory) as session:
        if dialect == "postgresql":  # savepoint: the winner's row comes back, no error
            row = enqueue_sms(
                session,
                case_id=None,
                to_number=RESIDENT,
                body=ACK,
                kind="ack",
                dedupe_key="survey:1",
            )
            assert row is not None and row.dedupe_key == "survey:1"
        else:
            with pytest.raises(IntegrityError):
                enqueue_sms(
                    session,
                    case_id=None,
                    to_number=RESIDENT,
                    body=ACK,
                    kind="ack",
                    dedupe_key="survey:1",
                )
            session.rollback()
    with world.session_factory() as session:
        assert session.execute(select(func.count(OutboxMessage.id))).scalar_one() == 1


def _miss_once(real: Callable) -> Callable:
    calls = {"n": 0}

    def find(session, key):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(session, key)

    return find


async def test_enqueue_without_a_number_queues_nothing(world: World) -> None:
    with transaction(world.session_factory) as session:
        assert (
            enqueue_sms(session, case_id=None, to_number="", body=ACK, kind="ack", dedupe_key="k")
            is None
        )


async def test_enqueue_is_part_of_the_callers_transaction(world: World) -> None:
    with pytest.raises(RuntimeError):
        with transaction(world.session_factory) as session:
            enqueue_sms(
                session, case_id=None, to_number=RESIDENT, body=ACK, kind="ack", dedupe_key="k"
            )
            raise RuntimeError("the case could not be saved")
    with world.session_factory() as session:
        assert session.execute(select(func.count(OutboxMessage.id))).scalar_one() == 0


# -- sending ----------------------------------------------------------------------------------


async def test_worker_sends_and_records_sid_and_delivery(world: World) -> None:
    case_id = make_case(world.session_factory)
    outbox_id = queue(world.session_factory, case_id)
    now = utcnow()

    assert await world.run(world.process, now) == 1
    [text] = world.texts()
    assert (text.to, text.from_, text.body) == (RESIDENT, FROM, ACK)
    assert text.status_callback == f"{world.backend_url}/api/twilio/status?outbox={outbox_id}"
    row = world.row(outbox_id)
    assert (row.state, row.twilio_sid, row.attempts, row.sent_at) == ("sent", text.sid, 1, now)
    assert row.delivery_status in ("queued", "sent", "delivered")

    await world.drain()
    assert [c["http_status"] for c in text.callbacks] == [204, 204]
    assert world.row(outbox_id).delivery_status == "delivered"
    events = world.sms_events(case_id)
    assert [e.summary for e in events][-1] == "Text message (ack): delivered"
    for event in events:
        assert event.actor == "system"
        assert RESIDENT not in event.summary and ACK not in event.summary
        assert RESIDENT not in str(event.data) and ACK not in str(event.data)
    assert await world.run(world.process, now + timedelta(hours=1)) == 0
    assert len(world.texts()) == 1


async def test_500_then_429_then_success_sends_exactly_one_text(world: World) -> None:
    outbox_id = queue(world.session_factory, None)
    await world.faults({"responses": [{"status": 500}, {"status": 429, "retry_after": 60}]})
    t0 = utcnow()

    assert await world.run(world.process, t0) == 1
    row = world.row(outbox_id)
    assert (row.state, row.attempts, row.next_attempt_at) == (
        "pending",
        1,
        t0 + timedelta(seconds=5),
    )
    assert row.error_code == "20500" and row.claimed_at is None
    assert await world.run(world.process, t0 + timedelta(seconds=4)) == 0  # not due yet

    t1 = t0 + timedelta(seconds=5)
    assert await world.run(world.process, t1) == 1
    row = world.row(outbox_id)
    # Backoff would be 10 s; Twilio's Retry-After asks for 60.
    assert (row.state, row.attempts, row.error_code) == ("pending", 2, "20429")
    assert row.next_attempt_at == t1 + timedelta(seconds=60)
    assert world.texts() == []

    assert await world.run(world.process, t1 + timedelta(seconds=59)) == 0
    assert await world.run(world.process, t1 + timedelta(seconds=60)) == 1
    row = world.row(outbox_id)
    assert (row.state, row.attempts, row.error_code, row.last_error) == ("sent", 3, None, None)
    assert [t.sid for t in world.texts()] == [row.twilio_sid]


async def test_gives_up_after_max_attempts(world: World) -> None:
    case_id = make_case(world.session_factory)
    outbox_id = queue(world.session_factory, case_id)
    await world.faults({"responses": [{"status": 503}] * MAX_ATTEMPTS})
    now = utcnow()
    delays = []
    for _ in range(MAX_ATTEMPTS):
        assert await world.run(world.process, now) == 1
        row = world.row(outbox_id)
        if row.state == "pending":
            delays.append((row.next_attempt_at - now).total_seconds())
            now = row.next_attempt_at
    row = world.row(outbox_id)
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert delays == [5, 10, 20, 40, 80, 160, 320]
    assert world.texts() == []
    assert world.sms_events(case_id)[-1].summary == "Text message (ack): failed (error 20500)"


@pytest.mark.parametrize(
    ("to", "fault", "code"), [("+44770", None, "21211"), (NEIGHBOUR, "unsub", "21610")]
)
async def test_refused_number_fails_without_retry(world: World, to, fault, code) -> None:
    case_id = make_case(world.session_factory, phone=to)
    outbox_id = queue(world.session_factory, case_id, to=to)
    if fault:
        await world.faults({"unsubscribed": [to]})
    now = utcnow()
    assert await world.run(world.process, now) == 1
    row = world.row(outbox_id)
    assert (row.state, row.error_code, row.attempts, row.twilio_sid) == ("failed", code, 1, None)
    assert to not in (row.last_error or "")
    assert await world.run(world.process, now + timedelta(days=1)) == 0
    assert world.texts() == []
    assert world.sms_events(case_id)[-1].summary == f"Text message (ack): failed (error {code})"


async def test_connection_refused_is_retried(world: World, tmp_path) -> None:
    outbox_id = queue(world.session_factory, None)
    closed = loopback_socket()
    port = closed.getsockname()[1]
    closed.close()
    settings = Settings(
        var_dir=tmp_path,
        database_url=world.settings.database_url,
        twilio_account_sid=world.settings.twilio_account_sid,
        twilio_auth_token=world.settings.twilio_auth_token,
        twilio_from=FROM,
        twilio_api_base=f"http://127.0.0.1:{port}",
    )
    now = utcnow()
    sent = await world.run(
        process_due_messages, world.session_factory, make_twilio_client(settings), settings, now
    )
    assert sent == 1
    row = world.row(outbox_id)
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.last_error.startswith("cannot connect to Twilio")
    assert await world.run(world.process, now + timedelta(seconds=5)) == 1
    assert world.row(outbox_id).state == "sent"


async def test_should_send_hook_cancels(world: World, monkeypatch) -> None:
    outbox_id = queue(world.session_factory, None)
    monkeypatch.setattr(claims, "should_send", lambda session, row: False)
    assert await world.run(world.process, utcnow()) == 0
    assert world.row(outbox_id).state == "cancelled"
    assert world.texts() == []


async def test_stopping_releases_unsent_claims(world: World) -> None:
    ids = [queue(world.session_factory, None, body=f"text {n}") for n in range(3)]
    assert await world.run(world.process, utcnow(), should_stop=lambda: True) == 3
    assert [(world.row(i).state, world.row(i).attempts) for i in ids] == [("pending", 0)] * 3
    assert world.texts() == []


async def test_concurrent_claims_never_share_a_row(world: World) -> None:
    ids = {queue(world.session_factory, None, body=f"text {n}") for n in range(24)}
    now = utcnow()
    batches = await asyncio.gather(
        *(world.run(claim_due_messages, world.session_factory, now, 5) for _ in range(6))
    )
    claimed = [m.id for batch in batches for m in batch]
    assert len(claimed) == len(set(claimed))
    assert set(claimed) <= ids
    assert all(world.row(i).state == "sending" for i in claimed)
