"""Submitting a report (bot/actions/submit.py): the payload the backend receives, and delivery
against a small real aiohttp server on a free loopback port that plays the backend's
POST /api/reports (a fake of the other service): success, retries, the spool and the relay.
All data is fictional.
"""

# ruff: noqa: F811  (the settings fixture, imported from helpers, is every test's argument)
from __future__ import annotations

import time
from pathlib import Path

import aiohttp
import pytest

from bot.actions import delivery, server_settings
from bot.actions.relay import relay_once
from bot.actions.spool import DELIVERED, PENDING, REJECTED, ReportSpool
from bot.actions.submit import build_payload
from bot.constants import SKIPPED
from core.settings import Settings
from tests.bot.actions.helpers import (
    DESCRIPTION,
    FILLED,
    LOCATION,
    PHONE,
    FakeBackend,
    confirmed_tracker,
    make_tracker,
    responses,
    settings,  # noqa: F401 (the action server's settings fixture)
    slot_events,
    submit,
)

# -- submission -----------------------------------------------------------------------------


def test_payload_follows_the_contract(settings: Settings) -> None:
    from datetime import datetime, timezone

    tracker = confirmed_tracker(happening_now=True)
    payload = build_payload(
        tracker, "rid-1", datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc), settings
    )
    assert payload == {
        "report_id": "rid-1",
        "channel": "web",
        "language": "en",
        "received_at": "2026-11-20T23:00:00+00:00",
        "route": "asb",
        "category": "noise",
        "description": DESCRIPTION,
        "location": LOCATION,
        "happened_when": "last night about 11pm",
        "started_when": "about three months ago",
        "happening_now": True,
        "frequency": "daily",
        "reporter": {
            "name": "Sam Example",
            "phone": PHONE,
            "postcode": "ZZ99 1AA",
            "safe_to_text": True,
            "consent_to_contact": True,
            "anonymous": False,
            "preferred_contact": "text",
            "email": None,
            "best_time": "weekday evenings",
            "consent_to_share": True,
            "visit_or_call": "call",
            "communication_needs": {"needs": ["none"], "language": None, "other": None},
        },
        "flags": {
            "urgent": False,
            "domestic_abuse": False,
            "hate": False,
            "safeguarding": False,
            "vulnerable": False,
        },
        "ram_answers": {"q1_frequency": "daily", "q4_know_them": "known", "q8_identity": "no"},
        "risk": {"score": 6, "band": "LOW"},
        "equality": None,
        "details": {
            "people_involved": "The person in the flat above",
            "witnesses": "none",
            "evidence": ["diary"],
            "evidence_consent": "agreed",
        },
    }


def test_anonymous_payload_and_channels(settings: Settings) -> None:
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    tracker = make_tracker(
        {
            **FILLED,
            "reporter_name": SKIPPED,
            "phone": SKIPPED,
            "safe_to_text": None,
            "consent_to_contact": None,
        },
        input_channel="twilio",
    )
    payload = build_payload(tracker, "rid-2", now, settings)
    assert payload["reporter"] == {
        "name": None,
        "phone": None,
        "safe_to_text": None,
        "consent_to_contact": None,
        "anonymous": True,
        "preferred_contact": None,
        "email": None,
        "best_time": None,
        "consent_to_share": True,
    }
    assert payload["channel"] == "sms"
    assert (
        build_payload(make_tracker(dict(FILLED), input_channel="rest"), "r", now, settings)[
            "channel"
        ]
        == "rest"
    )


async def test_submit_success_tells_reference_and_review_day(
    settings: Settings, backend: FakeBackend
) -> None:
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == [
        "utter_report_sent",
        "utter_text_follows",
        "utter_danger_reminder",
    ]
    sent = dispatcher.messages[0]
    assert sent["reference"] == "ASB-2026-000001"
    assert sent["review_day"] == "Monday 23 November"
    values = slot_events(events)
    assert values["reference"] == "ASB-2026-000001" and values["stage"] == "sent"
    assert len(backend.posts) == 1
    assert backend.posts[0]["report_id"] == values["report_id"]
    assert backend.posts[0]["location"] == LOCATION
    row = ReportSpool(settings.report_spool_path).get(values["report_id"])
    assert row is not None and row.state == DELIVERED and row.reference == "ASB-2026-000001"
    assert row.payload is None  # the backend has it; no second copy of personal data


async def test_no_text_promise_without_consent(settings: Settings, backend: FakeBackend) -> None:
    _, dispatcher = await submit(confirmed_tracker(safe_to_text=False))
    assert responses(dispatcher) == ["utter_report_sent", "utter_danger_reminder"]


async def test_submit_retried_with_the_same_report_id_is_idempotent(
    settings: Settings, backend: FakeBackend
) -> None:
    _, first = await submit(confirmed_tracker())
    _, second = await submit(confirmed_tracker())
    assert len(backend.posts) == 1  # answered from the spool
    assert first.messages[0]["reference"] == second.messages[0]["reference"]
    # Even if the spool were lost, the backend is idempotent on report_id: still one case.
    settings.report_spool_path.unlink()
    _, third = await submit(confirmed_tracker())
    assert len(backend.cases) == 1
    assert third.messages[0]["reference"] == first.messages[0]["reference"]


async def test_backend_down_saves_the_report_and_the_relay_delivers_it_once(
    settings: Settings, backend_port: int
) -> None:
    tracker = confirmed_tracker()
    events, dispatcher = await submit(tracker)  # nothing listens on the port: refused
    assert responses(dispatcher) == [
        "utter_report_saved_pending",
        "utter_pending_text_follows",
        "utter_danger_reminder",
    ]
    assert slot_events(events)["stage"] == "sent"
    report_id = slot_events(events)["report_id"]
    spool = ReportSpool(settings.report_spool_path)
    row = spool.get(report_id)
    assert row is not None and row.state == PENDING and row.attempts == 1
    assert row.last_error == "ClientConnectorError"
    assert row.next_attempt_at > time.time()  # backoff

    assert await relay_once(settings) == 0  # not due yet
    fake = FakeBackend(backend_port)
    await fake.start()
    try:
        later = time.time() + 3600
        assert await relay_once(settings, now=later) == 1
        assert await relay_once(settings, now=later) == 0
        assert len(fake.posts) == 1
        assert fake.posts[0]["report_id"] == report_id
        assert spool.get(report_id).state == DELIVERED
        # The resident says "yes" again later: answered from the spool, no second POST.
        _, again = await submit(tracker)
        assert responses(again)[0] == "utter_report_sent" and len(fake.posts) == 1
    finally:
        await fake.stop()


async def test_backend_5xx_and_timeout_keep_the_report_pending(
    settings: Settings, backend: FakeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.status = 503
    _, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher)[0] == "utter_report_saved_pending"
    backend.status = None
    backend.delay = 1.0
    monkeypatch.setattr(delivery, "REQUEST_TIMEOUT", aiohttp.ClientTimeout(total=0.2))
    _, dispatcher = await submit(
        confirmed_tracker(report_id="9b1f3c1e-5c55-4d8e-8f0e-2b5b8f0c0d02")
    )
    assert responses(dispatcher)[0] == "utter_report_saved_pending"
    assert ReportSpool(settings.report_spool_path).counts() == {PENDING: 2}


async def test_backend_400_keeps_the_report_for_staff(
    settings: Settings, backend: FakeBackend
) -> None:
    backend.status = 400
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == ["utter_report_failed", "utter_danger_reminder"]
    row = ReportSpool(settings.report_spool_path).get(slot_events(events)["report_id"])
    assert row is not None and row.state == REJECTED
    assert row.payload is not None and row.payload["location"] == LOCATION
    assert row.last_error == "HTTP 400 fields=location"
    backend.status = None
    assert await relay_once(settings, now=time.time() + 3600) == 0  # never retried blindly
    assert len(backend.posts) == 1


async def test_a_report_refused_only_for_optional_answers_is_sent_without_them(
    settings: Settings, backend: FakeBackend
) -> None:
    backend.refuse_equality = True
    tracker = confirmed_tracker(equality_start="yes", ethnicity="white")
    events, dispatcher = await submit(tracker)
    assert responses(dispatcher)[0] == "utter_report_sent"  # not lost over an optional answer
    assert len(backend.posts) == 2
    assert backend.posts[0]["equality"] == {"ethnicity": "white"}
    assert backend.posts[1]["equality"] is None
    assert backend.posts[1]["details"]["fields_dropped"] == ["equality"]
    assert backend.posts[1]["description"] == DESCRIPTION


async def test_spool_not_writable_says_so_and_sends_nothing(
    settings: Settings, backend: FakeBackend, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    server_settings.configure(
        Settings(**{**settings.__dict__, "report_spool_path": blocker / "spool.sqlite3"})
    )
    events, dispatcher = await submit(confirmed_tracker())
    assert responses(dispatcher) == ["utter_report_not_saved"]
    assert "stage" not in slot_events(events)  # still at the summary: "yes" tries again
    assert backend.posts == []


def test_spool_file_is_private(settings: Settings) -> None:
    spool = ReportSpool(settings.report_spool_path)
    spool.add("rid", {"report_id": "rid"}, time.time())
    assert settings.report_spool_path.stat().st_mode & 0o077 == 0
    assert spool.add("rid", {"report_id": "other"}, 0).payload == {"report_id": "rid"}


def test_the_text_promised_after_a_report_is_the_one_the_backend_will_send() -> None:
    from bot.actions.submit import acknowledgement_follow_up

    by_text = {"acknowledgement": {"text": True, "email": False, "text_opted_out": False}}
    opted_out = {"acknowledgement": {"text": False, "email": False, "text_opted_out": True}}
    by_email = {"acknowledgement": {"text": False, "email": True, "text_opted_out": False}}
    assert acknowledgement_follow_up(by_text, texts=True) == {}
    assert acknowledgement_follow_up(opted_out, texts=True) == {"number_opted_out": "yes"}
    assert acknowledgement_follow_up(by_email, texts=False) == {"by_email": "yes"}
    nothing = {"acknowledgement": {"text": False, "email": False, "text_opted_out": False}}
    assert acknowledgement_follow_up(nothing, texts=True) is None
    # An older backend without the field: the resident's own answers decide.
    assert acknowledgement_follow_up({}, texts=True) == {}
    assert acknowledgement_follow_up({}, texts=False) is None
