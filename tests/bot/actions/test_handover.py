"""A report the backend refuses reaches staff: the action server keeps it in the spool and hands
it to the backend's held reports (bot/actions/handover.py) at once, or through the relay when
the backend or the action server was down, until the backend has it. Against the real backend
application (init_app) on a free loopback port, on SQLite and PostgreSQL. All data is fictional.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import select

from backend.alerts.models import Alert
from backend.app import init_app
from backend.db import transaction
from backend.held_reports.models import HeldReport
from bot.actions.relay import relay_once
from bot.actions.spool import PENDING, REJECTED, ReportSpool
from core.i18n import day_name
from core.settings import Settings
from core.workdays import WorkingCalendar
from tests.bot.actions.helpers import (
    DESCRIPTION,
    SECRET,
    FakeBackend,
    bot_settings,
    confirmed_tracker,
    responses,
    slot_events,
    submit,
)
from tests.system import free_port

REFUSED = {"category": "fireworks"}  # a category the report contract does not know
LATER = 3600.0  # seconds: every backoff has passed


class Backend:
    """The real backend application on 127.0.0.1:`port`, started and stopped at will."""

    def __init__(self, settings: Settings, port: int) -> None:
        self.settings = settings
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(init_app(self.settings))
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class RefusingBackend(FakeBackend):
    """Refuses every report (400) and is not ready for held reports (503)."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.status = 400
        self.held_posts = 0

    async def held(self, request: web.Request) -> web.Response:
        self.held_posts += 1
        return web.json_response({"error": "unavailable"}, status=503)

    def routes(self, app: web.Application) -> None:
        super().routes(app)
        app.router.add_post("/api/held-reports", self.held)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def bot(tmp_path: Path, port: int) -> Iterator[Settings]:
    """The action server's settings, its backend on `port`."""
    with bot_settings(tmp_path / "bot", port) as value:
        yield value


@pytest.fixture
async def backend(settings: Settings, port: int) -> AsyncIterator[Backend]:
    """The real backend (not started: each test starts it when it should be up)."""
    running = Backend(replace(settings, ingest_secret=SECRET), port)
    yield running
    await running.stop()


def held_reports(session_factory) -> list[HeldReport]:
    with transaction(session_factory) as session:
        return list(session.execute(select(HeldReport).order_by(HeldReport.id)).scalars())


def expected_review_day(bot: Settings) -> str:
    calendar = WorkingCalendar.from_settings(bot)
    return day_name(calendar.queue_date(datetime.now(timezone.utc)), "en")


async def test_a_refused_report_is_handed_to_the_held_reports_at_once(
    bot: Settings, backend: Backend, session_factory
) -> None:
    await backend.start()
    events, dispatcher = await submit(confirmed_tracker(**REFUSED))
    assert responses(dispatcher) == ["utter_report_failed", "utter_danger_reminder"]
    # The resident is told the day the team sees it.
    assert dispatcher.messages[0]["review_day"] == expected_review_day(bot)
    report_id = slot_events(events)["report_id"]

    [held] = held_reports(session_factory)
    assert held.report_id == report_id and held.status == "held"
    assert held.payload["description"] == DESCRIPTION and held.payload["category"] == "fireworks"
    assert held.refusal["status"] == 400 and set(held.refusal["fields"]) == {"category"}
    with transaction(session_factory) as session:
        assert session.execute(select(Alert.held_report_id)).scalar_one() == held.id

    spool = ReportSpool(bot.report_spool_path)
    row = spool.get(report_id)
    assert row is not None and row.state == REJECTED and row.handed_over_at is not None
    assert row.payload is None  # the backend has it: no second copy of personal data
    assert row.refusal is not None and set(row.refusal["fields"]) == {"category"}

    # Later passes of the relay send nothing more; "yes" again says the same, sends nothing.
    assert await relay_once(bot, now=time.time() + LATER) == 0
    _, again = await submit(confirmed_tracker(**REFUSED))
    assert responses(again)[0] == "utter_report_failed"
    assert spool.get(report_id).handover_attempts == 1
    assert len(held_reports(session_factory)) == 1


async def test_backend_down_then_refusing_the_report_still_reaches_staff(
    bot: Settings, backend: Backend, session_factory
) -> None:
    events, dispatcher = await submit(confirmed_tracker(**REFUSED))  # nothing listens yet
    assert responses(dispatcher)[0] == "utter_report_saved_pending"
    report_id = slot_events(events)["report_id"]
    assert ReportSpool(bot.report_spool_path).get(report_id).state == PENDING

    await backend.start()
    assert await relay_once(bot, now=time.time() + LATER) == 0  # refused, not delivered
    [held] = held_reports(session_factory)
    assert held.report_id == report_id and held.payload["location"] is not None
    assert ReportSpool(bot.report_spool_path).get(report_id).handed_over_at is not None


async def test_the_hand_over_is_retried_until_the_backend_has_it(
    bot: Settings, backend: Backend, port: int, session_factory
) -> None:
    refusing = RefusingBackend(port)
    await refusing.start()
    try:
        events, dispatcher = await submit(confirmed_tracker())
        assert responses(dispatcher)[0] == "utter_report_failed"
        assert refusing.held_posts == 1  # tried at once
        report_id = slot_events(events)["report_id"]
        spool = ReportSpool(bot.report_spool_path)
        row = spool.get(report_id)
        assert row.state == REJECTED and row.handed_over_at is None
        assert row.payload is not None and row.payload["description"] == DESCRIPTION  # kept
        assert row.next_attempt_at > time.time()  # backoff
        assert await relay_once(bot) == 0 and refusing.held_posts == 1  # not due yet
        assert await relay_once(bot, now=time.time() + LATER) == 0
        assert refusing.held_posts == 2
        assert spool.get(report_id).handover_attempts == 2
    finally:
        await refusing.stop()

    await backend.start()  # the real backend comes back
    await relay_once(bot, now=time.time() + LATER)
    [held] = held_reports(session_factory)
    assert held.report_id == report_id and held.refusal["fields"] == {"location": "required"}
    row = spool.get(report_id)
    assert row.handed_over_at is not None and row.payload is None


async def test_a_refused_report_left_by_a_crash_or_an_older_spool_is_handed_over(
    bot: Settings, backend: Backend, session_factory
) -> None:
    # A spool file from before held reports, with a report the backend refused back then.
    bot.report_spool_path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"report_id": "old-rejected-0001", "description": DESCRIPTION, "category": "x"}
    with sqlite3.connect(bot.report_spool_path) as db:
        db.executescript(
            """CREATE TABLE reports (report_id TEXT PRIMARY KEY, payload TEXT,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered',
            'rejected')), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
            reference TEXT, response TEXT, last_error TEXT, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);"""
        )
        db.execute(
            "INSERT INTO reports VALUES ('old-rejected-0001', ?, 'rejected', 1, 0, NULL, NULL, "
            "'HTTP 400 fields=category', '2026-11-20T23:00:00+00:00', "
            "'2026-11-20T23:00:00+00:00')",
            (json.dumps(payload),),
        )
    spool = ReportSpool(bot.report_spool_path)
    # The action server stopped right after the refusal, before its own hand-over.
    spool.add("crashed-rejected-0002", {**payload, "report_id": "crashed-rejected-0002"}, 0)
    spool.mark_rejected("crashed-rejected-0002", "HTTP 400 fields=category", None, 0)

    await backend.start()
    await relay_once(bot, now=time.time() + LATER)
    held = {h.report_id: h for h in held_reports(session_factory)}
    assert set(held) == {"old-rejected-0001", "crashed-rejected-0002"}
    assert held["old-rejected-0001"].refusal["error"] == "HTTP 400 fields=category"
    assert all(spool.get(rid).handed_over_at is not None for rid in held)

    # The backend kept it but its answer was lost: sending it again keeps one, as before.
    with sqlite3.connect(bot.report_spool_path) as db:
        db.execute(
            "UPDATE reports SET handed_over_at = NULL, payload = ? WHERE report_id = ?",
            (json.dumps(payload), "old-rejected-0001"),
        )
    await relay_once(bot, now=time.time() + LATER)
    assert len(held_reports(session_factory)) == 2
    assert spool.get("old-rejected-0001").handed_over_at is not None
