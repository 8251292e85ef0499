"""The daily scheduled run: once a day however many backend instances check, only after the
configured local time, never when it is off; the periods come from the environment."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from backend.db import make_engine, make_session_factory, transaction
from backend.retention import schedule
from backend.retention.models import RetentionRun
from backend.retention.tracker import sms_conversation_id
from core.settings import Settings
from tests.backend.retention.helpers import DAY

# 03:30 in London on a winter morning (UTC+0).
MORNING = datetime(2026, 12, 5, 3, 30, tzinfo=timezone.utc)


def _runs(session_factory) -> list[RetentionRun]:
    with transaction(session_factory) as session:
        return list(session.execute(select(RetentionRun).order_by(RetentionRun.id)).scalars())


def test_two_instances_run_the_day_once(session_factory, database_url, retention_settings):
    daily = replace(retention_settings, retention_run_at="03:00")
    other_engine = make_engine(database_url)  # a second backend instance, its own connections
    try:
        other = make_session_factory(other_engine)
        first = schedule.scheduled_run(session_factory, daily, MORNING)
        second = schedule.scheduled_run(other, daily, MORNING)
        later = schedule.scheduled_run(other, daily, MORNING.replace(hour=22))
    finally:
        other_engine.dispose()
    assert first is not None and second is None and later is None
    runs = _runs(session_factory)
    assert [(r.actor, r.status, r.scheduled_day.isoformat()) for r in runs] == [
        ("scheduler", "done", "2026-12-05")
    ]
    # The next day runs again.
    assert schedule.scheduled_run(session_factory, daily, MORNING + DAY) is not None
    assert len(_runs(session_factory)) == 2


def test_of_two_instances_racing_for_the_day_one_wins(session_factory, retention_settings):
    day = MORNING.date()
    assert schedule.insert_day(session_factory, retention_settings, MORNING, day) is not None
    assert schedule.insert_day(session_factory, retention_settings, MORNING, day) is None
    assert len(_runs(session_factory)) == 1


def test_not_before_the_time_and_never_when_off(session_factory, retention_settings):
    daily = replace(retention_settings, retention_run_at="04:00")
    assert schedule.scheduled_run(session_factory, daily, MORNING) is None  # 03:30 < 04:00
    off = replace(retention_settings, retention_run_at="off")
    assert schedule.scheduled_run(session_factory, off, MORNING) is None
    assert _runs(session_factory) == []


def test_the_periods_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASB_RETENTION_CONVERSATION_DAYS", "14")
    monkeypatch.setenv("ASB_RETENTION_CASE_YEARS", "7")
    monkeypatch.setenv("ASB_RETENTION_MESSAGE_DAYS", "60")
    monkeypatch.setenv("ASB_RETENTION_SAFEGUARDING_DAYS", "45")
    monkeypatch.setenv("ASB_TRACKER_DB", "/srv/asb/tracker.sqlite3")
    settings = Settings.from_env()
    assert (
        settings.retention_conversation_days,
        settings.retention_case_years,
        settings.retention_message_days,
        settings.retention_safeguarding_days,
        settings.retention_run_at,
    ) == (14, 7, 60, 45, "03:00")
    assert settings.tracker_store_url == "sqlite:////srv/asb/tracker.sqlite3"
    monkeypatch.setenv("ASB_TRACKER_STORE_URL", "postgresql://rasa@db/tracker")
    assert Settings.from_env().tracker_store_url == "postgresql://rasa@db/tracker"
    monkeypatch.setenv("ASB_RETENTION_MESSAGE_DAYS", "0")
    with pytest.raises(ValueError, match="ASB_RETENTION_MESSAGE_DAYS must be 1 or more"):
        Settings.from_env()


def test_the_sms_conversation_id_is_the_channel_s_own():
    from channels.guard import sms_conversation_id as channel_id

    assert sms_conversation_id("+447700900123", "s3cret") == channel_id("+447700900123", "s3cret")
