"""STOP, START, YES and HELP by text, and texts that must never go (opted out, not safe)."""

from __future__ import annotations

import asyncio

from backend.sms_outbound.opt_outs import SmsOptOut
from tests.backend.sms_inbound.two_way_world import (
    OTHER,
    RESIDENT,
    World,
    enqueue_sms_row,
    make_case,
    update,
)

# -- opt-out ----------------------------------------------------------------------------------


async def test_stop_then_an_update_sends_nothing(world: World) -> None:
    case_id = make_case(world.session_factory)
    held = await asyncio.to_thread(
        lambda: enqueue_sms_row(world, case_id, "Routine text queued before STOP")
    )
    assert (await world.text("Stop"))["status"] == 200
    assert world.bot.received == []
    assert RESIDENT in world.standin.faults.unsubscribed
    with world.session_factory() as session:
        assert session.get(SmsOptOut, RESIDENT).keyword == "STOP"

    assert update(world, case_id, "status", status="in_progress") is None
    # A text that slipped past the check (queued directly) is refused by the worker.
    direct = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Direct text"))
    await world.send_all()
    assert world.sent_to() == []
    for outbox_id in (held, direct):
        [row] = world.rows(id=outbox_id)
        assert row.state == "cancelled" and "opted out" in row.last_error

    await world.text("START")
    assert RESIDENT not in world.standin.faults.unsubscribed
    assert update(world, case_id, "status", status="in_progress") is not None
    await world.send_all()
    assert len(world.sent_to()) == 2
    assert "texts from us again" in world.sent_to()[0]
    assert "we are working on it" in world.sent_to()[1]


async def test_stop_synonyms_opt_out(world: World) -> None:
    for number, word in zip(
        ("+447700900201", "+447700900202", "+447700900203"),
        ("stopall", "Unsubscribe", "QUIT."),
        strict=True,
    ):
        await world.text(word, sender=number)
    assert await asyncio.to_thread(world.count, SmsOptOut) == 3


async def test_yes_opts_back_in_only_after_stop(world: World) -> None:
    await world.text("yes")
    assert world.bot.texts == ["yes"]
    await world.text("STOP")
    await world.text("Yes")
    assert world.bot.texts == ["yes"]
    assert await asyncio.to_thread(world.count, SmsOptOut) == 0
    assert RESIDENT not in world.standin.faults.unsubscribed


async def test_help_gets_contact_details(world: World) -> None:
    await world.text("help")
    await world.send_all()
    [reply] = world.sent_to()
    assert "0300 123 4567" in reply and "999" in reply and "STOP" in reply
    assert world.bot.received == []


async def test_not_safe_to_text_is_never_sent(world: World) -> None:
    case_id = make_case(world.session_factory, safe_to_text=False)
    assert update(world, case_id, "status", status="in_progress") is None
    outbox_id = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Anything"))
    await world.send_all()
    assert world.sent_to() == []
    [row] = world.rows(id=outbox_id)
    assert row.state == "cancelled" and "not safe" in row.last_error
    # A text about the case to someone else (a duty officer's alert) is not the resident's.
    alert = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Alert", to=OTHER))
    await world.send_all()
    assert world.sent_to(OTHER) == ["Alert"]
    assert world.rows(id=alert)[0].state == "sent"
