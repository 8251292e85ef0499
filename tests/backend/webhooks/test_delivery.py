"""Case events reach a subscribed partner's system (a real local server) signed, once each,
retried with backoff, and staff are alerted when a partner never gets one. Fictional data."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from backend.alerts.models import Alert
from backend.alerts.service import open_alerts
from backend.db import transaction, utcnow
from backend.webhooks import service, worker
from backend.webhooks.worker import (
    BACKOFF,
    LEASE,
    Outcome,
    claim_due,
    deliver_due,
    deliver_webhooks_until_stopped,
    record_outcome,
    release_stale,
)
from tests.backend.case_helpers import create
from tests.backend.webhooks.helpers import (
    LATER,
    attempts,
    deliveries,
    subscribe,
    triage,
    verify,
)


async def test_the_signature_verifies_with_the_documented_recipe(
    session_factory, make_report, partner, http
):
    issued = subscribe(session_factory, partner, "north", events=("created",))
    case, _ = create(session_factory, make_report())
    assert await deliver_due(session_factory, http, LATER, worker="1") == 1

    [got] = partner.at("north")
    assert verify(issued.secret, got.headers, got.body)
    assert got.headers["X-ASB-Event"] == "created"
    assert got.headers["Content-Type"] == "application/json"
    assert (
        got.headers["X-ASB-Delivery"]
        == got.json["event_id"]
        == deliveries(session_factory)[0].event_id
    )
    assert got.json["case_reference"] == case.reference
    assert got.json["request"]["service_request_id"] == case.reference
    # Another secret, or one changed byte of the body, does not verify.
    assert not verify(issued.secret + "x", got.headers, got.body)
    assert not verify(issued.secret, got.headers, got.body.replace(b"created", b"closed!"))
    # A rotated secret signs from then on; the old one no longer verifies.
    with transaction(session_factory) as session:
        rotated = service.rotate_secret(session, issued.subscription_id, actor="ada", now=LATER)
    create(session_factory, make_report())
    await deliver_due(session_factory, http, LATER, worker="1")
    newest = partner.at("north")[-1]
    assert verify(rotated.secret, newest.headers, newest.body)
    assert not verify(issued.secret, newest.headers, newest.body)


async def test_each_event_arrives_once_and_only_where_it_was_chosen(
    session_factory, make_report, make_staff, login_as, api_client, partner, http
):
    subscribe(session_factory, partner, "all")
    subscribe(session_factory, partner, "closing", events=("closed",))
    gone = subscribe(session_factory, partner, "gone")
    with transaction(session_factory) as session:
        service.disable_subscription(session, gone.subscription_id, actor="ada", now=LATER)

    case, _ = create(session_factory, make_report())
    triage(session_factory, case.reference)
    make_staff("mo.manager", "manager")
    csrf = await login_as(api_client, "mo.manager")
    closed = await api_client.post(
        f"/staff/cases/{case.reference}/status",
        data={"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"},
        allow_redirects=False,
    )
    assert closed.status == 303
    for _ in range(3):  # more rounds deliver nothing more (the page closed it just now)
        await deliver_due(session_factory, http, utcnow(), worker="1")

    assert [got.headers["X-ASB-Event"] for got in partner.at("all")] == [
        "created",
        "triaged",
        "closed",
    ]
    [closing] = partner.at("closing")
    assert closing.headers["X-ASB-Event"] == "closed"
    assert closing.json["request"]["status"] == "closed"
    assert partner.at("gone") == []
    triaged = partner.at("all")[1].json
    assert triaged["event"] == "triaged" and triaged["request"]["status"] == "open"
    assert triaged["request"]["service_code"] == "noise"
    assert triaged["occurred_at"].startswith("2026-11-23T09:00:00")
    rows = deliveries(session_factory)
    assert {row.state for row in rows} == {"delivered"}
    # Once delivered, the case's view is not kept.
    assert all("request" not in row.payload for row in rows)


async def test_a_500_then_a_200_is_retried_after_the_wait_and_delivered_once(
    session_factory, make_report, partner, http
):
    subscribe(session_factory, partner, "flaky", events=("created",))
    partner.script["flaky"] = [500, 200]
    create(session_factory, make_report())

    assert await deliver_due(session_factory, http, LATER, worker="1") == 1
    [row] = deliveries(session_factory)
    assert row.state == "pending" and row.last_status == 500
    # Not before the first wait (a minute) is over.
    assert await deliver_due(session_factory, http, LATER + timedelta(seconds=30), worker="1") == 0
    assert await deliver_due(session_factory, http, LATER + BACKOFF[0] * 2, worker="1") == 1
    assert await deliver_due(session_factory, http, LATER + timedelta(days=2), worker="1") == 0

    [row] = deliveries(session_factory)
    assert row.state == "delivered" and row.attempts == 2
    got = partner.at("flaky")
    assert len(got) == 2 and got[0].headers["X-ASB-Delivery"] == got[1].headers["X-ASB-Delivery"]
    assert [attempt.http_status for attempt in attempts(session_factory)] == [500, 200]


async def test_a_timeout_is_logged_and_retried(
    session_factory, make_report, partner, http, monkeypatch
):
    monkeypatch.setattr(worker, "TIMEOUT_SECONDS", 0.3)
    subscribe(session_factory, partner, "slow", events=("created",))
    partner.script["slow"] = ["slow", 204]
    create(session_factory, make_report())

    await deliver_due(session_factory, http, LATER, worker="1")
    [first] = attempts(session_factory)
    assert first.http_status is None and "Timeout" in first.error
    assert deliveries(session_factory)[0].state == "pending"
    await deliver_due(session_factory, http, LATER + timedelta(minutes=2), worker="1")
    assert deliveries(session_factory)[0].state == "delivered"
    assert [attempt.http_status for attempt in attempts(session_factory)] == [None, 204]


async def test_giving_up_after_the_last_retry_alerts_staff(
    session_factory, make_report, partner, http
):
    subscribe(session_factory, partner, "down", events=("created",))
    partner.script["down"] = [503]
    case, _ = create(session_factory, make_report())

    moment = LATER
    for _ in range(len(BACKOFF) + 1):
        assert await deliver_due(session_factory, http, moment, worker="1") == 1
        row = deliveries(session_factory)[0]
        moment = row.next_attempt_at
    [row] = deliveries(session_factory)
    assert row.state == "failed" and row.attempts == len(BACKOFF) + 1
    # About a day after the first try, and nothing more is tried.
    assert timedelta(hours=23) < row.failed_at - LATER < timedelta(hours=25)
    assert await deliver_due(session_factory, http, LATER + timedelta(days=5), worker="1") == 0
    assert len(partner.at("down")) == len(BACKOFF) + 1
    with transaction(session_factory) as session:
        [alert] = session.execute(select(Alert)).scalars().all()
        assert alert.reason == "webhook_failed" and alert.case_id == case.id
        shown = open_alerts(session)
    assert shown[0]["label"] == "A partner system did not receive a case event"
    assert shown[0]["reference"] == case.reference


async def test_two_workers_never_deliver_the_same_event_twice(
    session_factory, make_report, partner, http
):
    subscribe(session_factory, partner, "busy", events=("created",))
    for _ in range(8):
        create(session_factory, make_report())

    for _ in range(3):
        await asyncio.gather(
            deliver_due(session_factory, http, LATER, worker="1", batch=3),
            deliver_due(session_factory, http, LATER, worker="2", batch=3),
        )
    ids = [got.headers["X-ASB-Delivery"] for got in partner.at("busy")]
    assert len(ids) == 8 and len(set(ids)) == 8
    rows = deliveries(session_factory)
    assert {row.state for row in rows} == {"delivered"}
    assert {row.attempts for row in rows} == {1}


async def test_no_personal_data_leaves_in_the_payload(session_factory, make_report, partner, http):
    subscribe(session_factory, partner, "police", events=("created",))
    report = make_report(
        route="hate",
        category="hate",
        description="Alex Example at Flat 3, 1 Example Road was shouted at, call 07700 900123",
        location="Flat 3, 1 Example Road, ZZ99 1AA",
        reporter={"name": "Alex Example", "email": "alex@example.org"},
        flags={"hate": True},
    )
    create(session_factory, report)
    create(session_factory, make_report(description="Music at 1 Example Road, ring 07700 900123"))
    await deliver_due(session_factory, http, LATER, worker="1")

    # two cases: their events go at once, in either order
    arrived = {got.json["request"]["service_code"]: got for got in partner.at("police")}
    hate, noise = arrived["hate"], arrived["noise"]
    for got in (hate, noise):
        text = got.body.decode()
        for personal in ("Alex", "alex@example.org", "7700", "900123", "Flat 3", "1AA"):
            assert personal not in text, personal
    assert hate.json["request"]["description"] is None
    assert hate.json["request"]["address"] == "Example Road, ZZ99"
    assert "Music at" in noise.json["request"]["description"]
    # The delivery log keeps no body.
    assert all(attempt.error is None for attempt in attempts(session_factory))


async def test_the_outbox_worker_loop_delivers_and_stops(
    settings, session_factory, make_report, partner
):
    subscribe(session_factory, partner, "loop", events=("created",))
    create(session_factory, make_report())
    stop = asyncio.Event()
    loop = asyncio.create_task(
        deliver_webhooks_until_stopped(session_factory, settings, stop, poll_interval=0.05)
    )
    for _ in range(100):
        if partner.at("loop"):
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(loop, timeout=5)
    assert len(partner.at("loop")) == 1
    assert deliveries(session_factory)[0].state == "delivered"


def test_a_stopped_workers_claims_are_taken_back_and_nobody_elses_recent_ones(
    session_factory, make_report, partner
):
    subscribe(session_factory, partner, "north", events=("created",))
    create(session_factory, make_report())
    create(session_factory, make_report())
    [first] = claim_due(session_factory, LATER, claimed_by="1", batch=1)
    [second] = claim_due(session_factory, LATER, claimed_by="2", batch=1)
    assert first.id != second.id

    # Worker 1 starts again: its own claim comes back at once, worker 2's recent one stays.
    assert release_stale(session_factory, LATER, own_instance="1") == 1
    states = {row.id: row.state for row in deliveries(session_factory)}
    assert states == {first.id: "pending", second.id: "sending"}
    # Worker 2 never came back: after the lease anyone takes its claim back.
    assert release_stale(session_factory, LATER + LEASE / 2) == 0
    assert release_stale(session_factory, LATER + LEASE * 2) == 1
    # An outcome from the lost claim is not recorded over the new state.
    late = Outcome(200, None, 5)
    assert record_outcome(session_factory, second, late, LATER + LEASE * 2, "2") is None
    assert {row.state for row in deliveries(session_factory)} == {"pending"}
    assert attempts(session_factory) == []
