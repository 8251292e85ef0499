"""Twilio's signed delivery reports (POST /api/twilio/status), the whole path from a report to
a delivered acknowledgement, and logs that never name a number or a body."""

from __future__ import annotations

import logging
from datetime import timedelta

import aiohttp
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from backend.db import transaction, utcnow
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.reconcile import reconcile_sending
from backend.sms_outbound.service import apply_status_callback
from tests.backend.sms_outbound.outbox_world import (
    ACK,
    NEIGHBOUR,
    RESIDENT,
    World,
    make_case,
    queue,
)

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
