"""Crash safety: texts left in `sending` (a dead worker, a lost answer) are settled by asking
Twilio, never sent twice (see backend/sms_outbound/reconcile.py)."""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta

from backend.db import transaction, utcnow
from backend.sms_outbound import sending
from backend.sms_outbound.claims import claim_due_messages
from backend.sms_outbound.reconcile import SENDING_LEASE, reconcile_sending
from backend.sms_outbound.service import apply_status_callback
from backend.sms_outbound.worker import run_worker
from tests.backend.sms_outbound.outbox_world import (
    ACK,
    FROM,
    NEIGHBOUR,
    RESIDENT,
    World,
    queue,
    wait_for,
)

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
    sending.mark_sent(world.session_factory, claimed, sid, "queued", now)
    row = world.row(outbox_id)
    assert (row.state, row.twilio_sid, row.delivery_status) == ("sent", sid, "delivered")
    with transaction(world.session_factory) as session:  # another SID cannot take the row
        other = "SM" + secrets.token_hex(16)
        assert apply_status_callback(session, other, "failed", "30008", outbox_id=outbox_id) is None


async def test_a_restarting_worker_leaves_another_workers_recent_claim_alone(world: World) -> None:
    """Two workers (issue 14): worker 1 restarts while worker 2 is mid-send. Worker 1 settles
    its own claim at once, and does not touch worker 2's (which would send it twice)."""
    own = queue(world.session_factory, None, body="worker one's text")
    others = queue(world.session_factory, None, to=NEIGHBOUR, body="worker two's text")
    now = utcnow()
    await world.run(claim_due_messages, world.session_factory, now, 1, claimed_by="1")
    await world.run(claim_due_messages, world.session_factory, now, 1, claimed_by="2")
    assert world.row(own).claimed_by == "1" and world.row(others).claimed_by == "2"

    settled = await world.run(
        reconcile_sending,
        world.session_factory,
        world.client,
        world.settings,
        now + timedelta(seconds=5),
        own_instance="1",
    )
    assert settled == 1
    assert world.row(own).state == "pending"  # never reached Twilio: will be sent
    assert world.row(others).state == "sending"  # worker 2 may be sending it right now
    # Once worker 2's claim is older than the lease, anyone may settle it.
    later = now + SENDING_LEASE + timedelta(seconds=1)
    await world.run(
        reconcile_sending,
        world.session_factory,
        world.client,
        world.settings,
        later,
        own_instance="1",
    )
    assert world.row(others).state == "pending"
