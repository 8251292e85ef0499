"""The SMS outbox end to end: enqueue -> worker -> real `twilio` library -> stand-in -> signed
status callbacks -> backend route, on SQLite and PostgreSQL.

Blocking calls (the worker's sends, database work) run in threads so the stand-in and the
backend, served on this test's event loop, can answer them. Time moves by passing `now`.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from backend.cases.models import Case, CaseEvent
from backend.db import transaction, utcnow
from backend.sms_outbound import service, worker
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.service import apply_status_callback, enqueue_sms
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.sms_outbound.worker import (
    MAX_ATTEMPTS,
    SENDING_LEASE,
    claim_due_messages,
    process_due_messages,
    reconcile_sending,
    run_worker,
)
from core.settings import Settings
from ops.twilio_standin import STANDIN_STATE, StandinState, create_standin_app

FROM = "+447700900000"
RESIDENT = "+447700900123"
NEIGHBOUR = "+447700900456"
ACK = "ASB Assistant: we have your report ASB-2026-000001. Our team looks at it on Monday."


# -- fixtures ----------------------------------------------------------------------------------
# `database_url` and `session_factory` come from tests/conftest.py: a migrated, empty database,
# once on SQLite and once on PostgreSQL.


def _loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class World:
    """A database, the Twilio stand-in, the backend (for status callbacks) and a client."""

    settings: Settings
    session_factory: sessionmaker
    client: Client
    standin: StandinState
    standin_url: str
    backend_url: str

    def process(self, now: datetime, **kwargs) -> int:
        return process_due_messages(self.session_factory, self.client, self.settings, now, **kwargs)

    async def run(self, fn: Callable, *args, **kwargs):
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def drain(self) -> None:
        """Wait until the stand-in has delivered every status callback."""
        await self.standin.drain()

    async def faults(self, spec: dict) -> None:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{self.standin_url}/_standin/faults", json=spec) as response:
                assert response.status == 200

    def texts(self) -> list:
        return list(self.standin.messages.values())

    def row(self, outbox_id: int) -> OutboxMessage:
        with self.session_factory() as session:
            return session.get(OutboxMessage, outbox_id)

    def sms_events(self, case_id: int) -> list[CaseEvent]:
        with self.session_factory() as session:
            query = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "sms")
            return list(session.execute(query.order_by(CaseEvent.id)).scalars())


@pytest.fixture
async def world(database_url: str, session_factory: sessionmaker, tmp_path) -> AsyncIterator[World]:
    from backend.app import init_app

    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    standin_sock, backend_sock = _loopback_socket(), _loopback_socket()
    standin_url = f"http://127.0.0.1:{standin_sock.getsockname()[1]}"
    backend_url = f"http://127.0.0.1:{backend_sock.getsockname()[1]}"
    settings = Settings(
        var_dir=tmp_path,
        database_url=database_url,
        backend_url=backend_url,
        public_url=backend_url,
        ingest_secret=secrets.token_hex(16),
        api_token=secrets.token_hex(16),
        twilio_account_sid=account_sid,
        twilio_auth_token=auth_token,
        twilio_from=FROM,
        twilio_api_base=standin_url,
    )
    standin_app = create_standin_app(account_sid, auth_token)
    runners = [web.AppRunner(standin_app), web.AppRunner(init_app(settings))]
    for runner, sock in zip(runners, (standin_sock, backend_sock), strict=True):
        await runner.setup()
        await web.SockSite(runner, sock).start()
    try:
        yield World(
            settings=settings,
            session_factory=session_factory,
            client=make_twilio_client(settings),
            standin=standin_app[STANDIN_STATE],
            standin_url=standin_url,
            backend_url=backend_url,
        )
    finally:
        for runner in reversed(runners):
            await runner.cleanup()


def make_case(session_factory: sessionmaker, phone: str = RESIDENT) -> int:
    with transaction(session_factory) as session:
        case = Case(
            report_id=str(uuid.uuid4()),
            channel="web",
            owner_team="CHM",
            description="Loud music from the flat above every night",
            reporter_phone=phone,
            safe_to_text=True,
            consent_to_contact=True,
            triage_priority_days=5,
            received_at=utcnow(),
            queue_date=date(2026, 11, 23),
            triage_due=date(2026, 11, 27),
        )
        session.add(case)
        session.flush()
        return case.id


def queue(
    session_factory: sessionmaker,
    case_id: int | None,
    to: str = RESIDENT,
    body: str = ACK,
    key: str | None = None,
) -> int:
    with transaction(session_factory) as session:
        row = enqueue_sms(
            session,
            case_id=case_id,
            to_number=to,
            body=body,
            kind="ack",
            dedupe_key=key or f"ack:{uuid.uuid4().hex}",
        )
        return row.id


async def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll `condition` (run in a thread) until it holds; fail after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(condition):
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


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
    closed = _loopback_socket()
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
    monkeypatch.setattr(worker, "should_send", lambda session, row: False)
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


# -- crash safety -----------------------------------------------------------------------------


async def test_crash_after_claim_is_reconciled_not_sent_twice(world: World) -> None:
    """Worker A claims two rows; it dies before sending one and after Twilio took the other."""
    never_sent = queue(world.session_factory, None, body="first text")
    already_sent = queue(world.session_factory, None, to=NEIGHBOUR, body="second text")
    claimed_at = utcnow()
    claimed = await world.run(claim_due_messages, world.session_factory, claimed_at)
    assert sorted(m.id for m in claimed) == [never_sent, already_sent]
    # Twilio accepted the second text, but A died before writing the SID down (and no status
    # callback URL, so only Twilio's message list can tell).
    accepted = await world.run(
        world.client.messages.create, to=NEIGHBOUR, from_=FROM, body="second text"
    )
    assert world.row(already_sent).state == "sending"

    # Worker B starts: it reconciles, then sends what never went.
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_worker(
            world.settings,
            stop_event=stop,
            poll_interval=0.05,
            client=world.client,
            session_factory=world.session_factory,
        )
    )
    try:
        await wait_for(lambda: world.row(never_sent).state == "sent")
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)

    assert world.row(already_sent).state == "sent"
    assert world.row(already_sent).twilio_sid == accepted.sid
    assert world.row(never_sent).attempts == 2  # claimed twice, sent once
    bodies = sorted(t.body for t in world.texts())
    assert bodies == ["first text", "second text"]


async def test_reconcile_finds_a_text_twilio_has_not_sent_yet(world: World) -> None:
    """A queued message has no date_sent yet: the date filter misses it, the recent list not."""
    await world.faults({"callback_delay": 30})
    outbox_id = queue(world.session_factory, None)
    now = utcnow()
    await world.run(claim_due_messages, world.session_factory, now)
    accepted = await world.run(world.client.messages.create, to=RESIDENT, from_=FROM, body=ACK)
    assert (
        await world.run(
            reconcile_sending,
            world.session_factory,
            world.client,
            world.settings,
            now,
            stale_after=timedelta(0),
        )
        == 1
    )
    row = world.row(outbox_id)
    assert (row.state, row.twilio_sid) == ("sent", accepted.sid)
    assert len(world.texts()) == 1


async def test_identical_text_sent_earlier_is_not_mistaken_for_this_one(world: World) -> None:
    """The same words to the same number an hour ago belong to another row."""
    old_id = queue(world.session_factory, None, body="Please rate our service")
    await world.run(world.process, utcnow())
    new_id = queue(world.session_factory, None, body="Please rate our service")
    now = utcnow()
    await world.run(claim_due_messages, world.session_factory, now)
    await world.run(
        reconcile_sending,
        world.session_factory,
        world.client,
        world.settings,
        now,
        stale_after=timedelta(0),
    )
    assert world.row(new_id).state == "pending"
    assert await world.run(world.process, now) == 1
    assert world.row(new_id).twilio_sid != world.row(old_id).twilio_sid
    assert len(world.texts()) == 2


async def test_lost_answer_waits_for_the_lease_then_is_not_resent(world: World) -> None:
    """Twilio takes the text but the connection drops before the answer: never resend blindly."""
    outbox_id = queue(world.session_factory, None)
    await world.faults({"responses": [{"disconnect": True}]})
    now = utcnow()
    assert await world.run(world.process, now) == 1
    row = world.row(outbox_id)
    assert row.state == "sending" and row.last_error.startswith("no answer from Twilio")
    assert await world.run(world.process, now + timedelta(hours=1)) == 0
    lease_not_over = now + SENDING_LEASE - timedelta(seconds=1)
    args = (world.session_factory, world.client, world.settings)
    assert await world.run(reconcile_sending, *args, lease_not_over) == 0
    assert await world.run(reconcile_sending, *args, now + SENDING_LEASE) == 1
    [text] = world.texts()
    row = world.row(outbox_id)
    assert (row.state, row.twilio_sid) == ("sent", text.sid)
    assert await world.run(world.process, now + timedelta(hours=1)) == 0
    assert len(world.texts()) == 1


async def test_status_callback_before_the_sid_is_saved(world: World) -> None:
    """The callback URL carries the outbox id, so an early report is kept, and wins."""
    outbox_id = queue(world.session_factory, None)
    now = utcnow()
    [claimed] = await world.run(claim_due_messages, world.session_factory, now)
    sid = "SM" + secrets.token_hex(16)
    with transaction(world.session_factory) as session:
        assert apply_status_callback(session, sid, "delivered", None, outbox_id=outbox_id)
    assert world.row(outbox_id).twilio_sid == sid
    worker._mark_sent(world.session_factory, claimed, sid, "queued", now)
    row = world.row(outbox_id)
    assert (row.state, row.twilio_sid, row.delivery_status) == ("sent", sid, "delivered")
    with transaction(world.session_factory) as session:  # another SID cannot take the row
        other = "SM" + secrets.token_hex(16)
        assert apply_status_callback(session, other, "failed", "30008", outbox_id=outbox_id) is None


# -- status callbacks -------------------------------------------------------------------------


async def _post_callback(world: World, params: dict, signature: str | None, query: str = "") -> int:
    headers = {"X-Twilio-Signature": signature} if signature is not None else {}
    url = f"{world.backend_url}/api/twilio/status{query}"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, data=params, headers=headers) as response:
            return response.status


async def test_callback_signature_is_required(world: World) -> None:
    outbox_id = queue(world.session_factory, None)
    await world.faults({"callback_delay": 30})  # keep the stand-in's own callbacks away
    await world.run(world.process, utcnow())
    sid = world.row(outbox_id).twilio_sid
    params = {
        "MessageSid": sid,
        "MessageStatus": "delivered",
        "AccountSid": world.settings.twilio_account_sid,
    }
    validator = RequestValidator(world.settings.twilio_auth_token)
    url = f"{world.settings.public_url}/api/twilio/status"
    forged = RequestValidator("not-the-token").compute_signature(url, params)
    other_url = validator.compute_signature(url + "?outbox=999", params)

    assert await _post_callback(world, params, None) == 403
    assert await _post_callback(world, params, "") == 403
    assert await _post_callback(world, params, forged) == 403
    assert await _post_callback(world, params, other_url) == 403
    assert (
        await _post_callback(
            world, {**params, "MessageStatus": "failed"}, validator.compute_signature(url, params)
        )
        == 403
    )
    assert world.row(outbox_id).delivery_status == "queued"

    assert await _post_callback(world, params, validator.compute_signature(url, params)) == 204
    assert world.row(outbox_id).delivery_status == "delivered"
    unknown = {**params, "MessageSid": "SM" + "0" * 32}
    assert await _post_callback(world, unknown, validator.compute_signature(url, unknown)) == 204


async def test_out_of_order_callbacks_keep_delivered(world: World) -> None:
    case_id = make_case(world.session_factory)
    outbox_id = queue(world.session_factory, case_id)
    await world.faults({"out_of_order": True})
    await world.run(world.process, utcnow())
    await world.drain()
    [text] = world.texts()
    assert [c["status"] for c in text.callbacks] == ["delivered", "sent"]
    assert all(c["http_status"] == 204 for c in text.callbacks)
    assert world.row(outbox_id).delivery_status == "delivered"
    assert [e.summary for e in world.sms_events(case_id)] == ["Text message (ack): delivered"]


async def test_undelivered_is_recorded_with_its_error(world: World) -> None:
    case_id = make_case(world.session_factory, phone=NEIGHBOUR)
    outbox_id = queue(world.session_factory, case_id, to=NEIGHBOUR)
    await world.faults({"undeliverable": [NEIGHBOUR]})
    await world.run(world.process, utcnow())
    await world.drain()
    row = world.row(outbox_id)
    assert (row.state, row.delivery_status, row.error_code) == ("sent", "undelivered", "30003")
    summaries = [e.summary for e in world.sms_events(case_id)]
    assert summaries[-1] == "Text message (ack): undelivered (error 30003)"


async def test_delivery_status_only_moves_forward(world: World) -> None:
    case_id = make_case(world.session_factory)
    outbox_id = queue(world.session_factory, case_id)
    await world.faults({"callback_delay": 30})
    await world.run(world.process, utcnow())
    sid = world.row(outbox_id).twilio_sid

    def report(status: str, error: str | None = None) -> bool:
        with transaction(world.session_factory) as session:
            return apply_status_callback(session, sid, status, error) is not None

    assert [report(s) for s in ("sent", "queued", "delivered", "sent", "undelivered")] == [
        True,
        False,
        True,
        False,
        False,
    ]
    assert world.row(outbox_id).delivery_status == "delivered"
    assert report("bogus") is False
    assert [e.summary for e in world.sms_events(case_id)] == [
        "Text message (ack): sent",
        "Text message (ack): delivered",
    ]


# -- the whole issue: report -> case -> acknowledgement text ----------------------------------


async def test_report_to_delivered_acknowledgement(world: World, make_report) -> None:
    report = make_report(received_at=utcnow().isoformat(), reporter={"phone": RESIDENT})
    headers = {"Authorization": f"Bearer {world.settings.ingest_secret}"}
    async with aiohttp.ClientSession() as http:
        for _ in range(2):  # the bot retrying must not mean a second text
            async with http.post(
                f"{world.backend_url}/api/reports", json=report, headers=headers
            ) as r:
                assert r.status in (200, 201), await r.text()
                receipt = await r.json()
    await world.run(world.process, utcnow())
    await world.drain()
    [text] = world.texts()
    assert text.to == RESIDENT and receipt["reference"] in text.body
    with world.session_factory() as session:
        row = session.execute(select(OutboxMessage)).scalar_one()
    assert (row.case_id, row.kind, row.dedupe_key) == (
        receipt["case_id"],
        "ack",
        f"ack:{receipt['case_id']}",
    )
    assert (row.twilio_sid, row.delivery_status) == (text.sid, "delivered")


async def test_logs_name_no_number_and_no_body(world: World, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    case_id = make_case(world.session_factory)
    outbox_id = queue(world.session_factory, case_id)
    bad = queue(world.session_factory, case_id, to="+44770", body="bad number text")
    undelivered = queue(world.session_factory, None, to=NEIGHBOUR, body="undelivered text")
    await world.faults({"responses": [{"status": 429}], "undeliverable": [NEIGHBOUR]})
    now = utcnow()
    for step in range(4):
        await world.run(world.process, now + timedelta(minutes=step))
    await world.run(
        reconcile_sending,
        world.session_factory,
        world.client,
        world.settings,
        now + timedelta(hours=1),
    )
    await world.drain()
    assert world.row(outbox_id).delivery_status == "delivered"
    assert (
        world.row(bad).state == "failed" and world.row(undelivered).delivery_status == "undelivered"
    )
    ours = [
        r.getMessage() for r in caplog.records if r.name.startswith(("backend", "asb", "twilio"))
    ]
    assert any(f"outbox={outbox_id}" in line for line in ours)
    for secret in (
        RESIDENT,
        NEIGHBOUR,
        "+44770",
        "447700900",
        ACK,
        "bad number text",
        "undelivered text",
    ):
        assert not [line for line in ours if secret in line], secret
