"""Working days: when a report is reviewed and when time limits fall due."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from core.workdays import WorkingCalendar, add_working_days, is_working_day, queue_date

ENGLAND = WorkingCalendar("ENG")
SCOTLAND = WorkingCalendar("SCT")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 12, 25), "Christmas Day"),
        (date(2026, 12, 28), "Boxing Day (substitute: 26 Dec 2026 is a Saturday)"),
        (date(2027, 3, 26), "Good Friday 2027"),
        (date(2027, 3, 29), "Easter Monday 2027"),
        (date(2026, 5, 4), "Early May bank holiday"),
        (date(2026, 8, 31), "Summer bank holiday"),
    ],
)
def test_english_bank_holidays_are_not_working_days(day: date, name: str) -> None:
    assert not ENGLAND.is_working_day(day), name
    assert not is_working_day(day), name


def test_weekends_are_not_working_days_and_weekdays_are() -> None:
    assert not ENGLAND.is_working_day(date(2026, 11, 21))  # Saturday
    assert not ENGLAND.is_working_day(date(2026, 11, 22))  # Sunday
    assert ENGLAND.is_working_day(date(2026, 11, 23))  # Monday
    assert ENGLAND.is_working_day(date(2026, 12, 29))  # Tuesday after Christmas


def test_counting_starts_the_day_after() -> None:
    assert ENGLAND.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Fri + 1 = Mon
    assert ENGLAND.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Sat + 1 = Mon
    assert ENGLAND.add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)
    assert ENGLAND.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)


def test_christmas_week_is_skipped() -> None:
    # Thu 24 Dec 2026 + 1: Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing Day substitute) -> Tue 29.
    assert ENGLAND.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert ENGLAND.add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 31)


def test_easter_2027_is_skipped() -> None:
    assert ENGLAND.next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)


def test_friday_night_report_is_queued_for_monday() -> None:
    friday_11pm = utc(2026, 11, 20, 23, 0)
    assert ENGLAND.queue_date(friday_11pm) == date(2026, 11, 23)
    assert queue_date(friday_11pm) == date(2026, 11, 23)
    assert ENGLAND.due_date(date(2026, 11, 23), 1) == date(2026, 11, 23)
    assert ENGLAND.due_date(date(2026, 11, 23), 5) == date(2026, 11, 27)


def test_friday_night_before_a_bank_holiday_monday_is_queued_for_tuesday() -> None:
    assert ENGLAND.queue_date(utc(2026, 8, 28, 23, 0)) == date(2026, 9, 1)


def test_working_day_report_before_close_joins_that_days_queue() -> None:
    # 17:59 London time in November (GMT) is 17:59 UTC; 18:00 is after close.
    assert ENGLAND.queue_date(utc(2026, 11, 23, 17, 59)) == date(2026, 11, 23)
    assert ENGLAND.queue_date(utc(2026, 11, 23, 18, 0)) == date(2026, 11, 24)
    # Early morning before the office opens still makes that morning's triage.
    assert ENGLAND.queue_date(utc(2026, 11, 23, 6, 30)) == date(2026, 11, 23)


def test_queue_date_uses_london_time_in_summer() -> None:
    # 17:30 UTC on 1 July is 18:30 BST: after close, so the next day.
    assert ENGLAND.queue_date(utc(2026, 7, 1, 17, 30)) == date(2026, 7, 2)
    # 23:30 UTC on Sunday 5 July is 00:30 BST on Monday: Monday's queue.
    assert ENGLAND.queue_date(utc(2026, 7, 5, 23, 30)) == date(2026, 7, 6)


def test_weekend_and_bank_holiday_reports_wait_for_the_next_working_day() -> None:
    assert ENGLAND.queue_date(utc(2026, 11, 21, 10, 0)) == date(2026, 11, 23)  # Saturday
    assert ENGLAND.queue_date(utc(2026, 12, 25, 12, 0)) == date(2026, 12, 29)  # Christmas Day


def test_scotland_has_its_own_bank_holidays() -> None:
    # 2 January and St Andrew's Day are Scottish bank holidays only.
    assert not SCOTLAND.is_working_day(date(2026, 1, 2))
    assert ENGLAND.is_working_day(date(2026, 1, 2))
    assert not SCOTLAND.is_working_day(date(2026, 11, 30))
    assert ENGLAND.is_working_day(date(2026, 11, 30))
    # St Andrew's Day 2025 fell on a Sunday: Monday 1 December 2025 was the substitute.
    assert not SCOTLAND.is_working_day(date(2025, 12, 1))
    # Easter Monday is not a Scottish bank holiday; the first Monday of August is.
    assert SCOTLAND.is_working_day(date(2027, 3, 29))
    assert not SCOTLAND.is_working_day(date(2026, 8, 3))
    assert ENGLAND.is_working_day(date(2026, 8, 3))
    # A Friday-night report in Scotland before St Andrew's Day waits until Tuesday.
    assert SCOTLAND.queue_date(utc(2026, 11, 27, 23, 0)) == date(2026, 12, 1)


def test_extra_closure_days_are_skipped() -> None:
    calendar = WorkingCalendar("ENG", extra_closures=[date(2026, 12, 24), date(2026, 12, 31)])
    assert not calendar.is_working_day(date(2026, 12, 24))
    assert calendar.holiday_name(date(2026, 12, 24)) == "Office closed"
    assert calendar.next_working_day(date(2026, 12, 23)) == date(2026, 12, 29)
    assert calendar.queue_date(utc(2026, 12, 30, 19, 0)) == date(2027, 1, 4)


def test_office_hours_are_configurable() -> None:
    calendar = WorkingCalendar("ENG", office_closes=time(17, 0))
    assert calendar.queue_date(utc(2026, 11, 23, 17, 30)) == date(2026, 11, 24)


def test_from_settings_honours_nation_and_closures(tmp_path) -> None:
    from core.settings import Settings

    settings = Settings(var_dir=tmp_path, database_url="sqlite://", nation="SCT")
    calendar = WorkingCalendar.from_settings(settings, extra_closures=[date(2026, 12, 24)])
    assert calendar.nation == "SCT"
    assert not calendar.is_working_day(date(2026, 1, 2))
    assert not calendar.is_working_day(date(2026, 12, 24))


def test_unknown_nation_and_naive_datetime_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar("UK")
    with pytest.raises(ValueError):
        ENGLAND.queue_date(datetime(2026, 11, 20, 23, 0))
