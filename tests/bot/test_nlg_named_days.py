"""The assistant names the day the team will look at a report ("on Monday 7 December"), never
just "the next working day" (docs/domain.md sections 7 and 9): the NLG endpoint (bot/nlg.py)
fills `{review_day}` from the landlord's working calendar (core/workdays.py) when no action gave
it, and the backend's queue date wins when the report was logged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from bot import nlg
from core.settings import Settings

FRIDAY_EVENING = datetime(2026, 12, 4, 19, 30, tzinfo=timezone.utc)  # Friday 4 December, 7:30pm
FRIDAY_MORNING = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)
CHRISTMAS_EVE_NIGHT = datetime(2026, 12, 24, 22, 0, tzinfo=timezone.utc)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        landlord_name="Example Homes",
        landlord_phone="0300 000 0000",
    )


def tracker(channel: str = "webchat") -> dict:
    return {"slots": {}, "latest_message": {"metadata": {}}, "latest_input_channel": channel}


def text(name: str, settings: Settings, now: datetime, channel: str = "webchat", **args) -> str:
    return nlg.render(name, args, tracker(channel), channel, settings, now=now)["text"]


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (FRIDAY_MORNING, "Friday 4 December"),  # office open: that day's triage
        (FRIDAY_EVENING, "Monday 7 December"),  # after close on a Friday: Monday's
        (CHRISTMAS_EVE_NIGHT, "Tuesday 29 December"),  # Christmas, weekend, Boxing Day moved
    ],
)
def test_report_sent_without_a_receipt_day_names_the_queue_day(
    settings: Settings, now: datetime, day: str
) -> None:
    said = text("utter_report_sent_plain", settings, now)
    assert said == f"Thank you. Your report has been sent. Our team will review it on {day}."


def test_the_day_follows_the_landlord_nation_and_closures(settings: Settings) -> None:
    new_year_eve = datetime(2026, 12, 31, 19, 0, tzinfo=timezone.utc)
    england = text("utter_report_sent_plain", settings, new_year_eve)
    assert england.endswith("review it on Monday 4 January.")
    # Scotland keeps 2 January as well (Monday 4 January, that year).
    scotland = text("utter_report_sent_plain", replace(settings, nation="SCT"), new_year_eve)
    assert scotland.endswith("review it on Tuesday 5 January.")
    closed = replace(settings, closure_dates=(date(2026, 12, 7),))
    assert text("utter_report_sent_plain", closed, FRIDAY_EVENING).endswith(
        "review it on Tuesday 8 December."
    )


def test_domestic_abuse_advice_names_the_day(settings: Settings) -> None:
    said = text("utter_safety_domestic_abuse", settings, FRIDAY_EVENING)
    assert "deals with it on Monday 7 December, and I will ask you" in said
    assert "working day" not in said


def test_the_backend_receipt_day_wins(settings: Settings) -> None:
    said = text(
        "utter_report_sent",
        settings,
        FRIDAY_EVENING,
        reference="ASB-2026-000123",
        review_day="Tuesday 8 December",
    )
    assert said.endswith(
        "Your reference is ASB-2026-000123. Our team will review it on Tuesday 8 December."
    )
