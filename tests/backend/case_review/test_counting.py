"""The ASB Case Review threshold, counted once (backend/case_review/counting.py): per resident
(phone or email) and per home address (postcode and first address line), cases and repeat
incidents, each report made within a month of its incident, the window and the threshold from
the settings. Runs on SQLite and PostgreSQL with fictional data only."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timezone

from backend.case_review.counting import (
    Threshold,
    address_key,
    count_reports,
    months_before,
)
from backend.case_review.incident_dates import incident_date
from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from core.settings import Settings
from core.workdays import WorkingCalendar

CALENDAR = WorkingCalendar("ENG")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday 23 November 2026
HOME = {"postcode": "zz99 1aa", "address": "Flat 3, 1 Example Road"}


def add(session_factory, make_report, received_at: str, **overrides) -> int:
    """A case through intake, received at `received_at`; its id."""
    body = make_report(received_at=received_at, **overrides)
    with transaction(session_factory) as session:
        case, _ = create_case_from_report(
            session, parse_report(body), CALENDAR, NOW, landlord_name="Example Homes"
        )
        return case.id


def add_incident(session_factory, case_id: int, at: datetime, **data) -> None:
    """A repeat incident on the case as backend/residents adds it."""
    with transaction(session_factory) as session:
        session.add(
            CaseEvent(
                case_id=case_id,
                at=at,
                actor="assistant",
                kind="incident",
                summary="Resident reported the problem again (sms)",
                data={"report_id": str(uuid.uuid4()), "description": "again", **data},
            )
        )


def count(session_factory, case_id: int, threshold: Threshold | None = None):
    with transaction(session_factory) as session:
        case = session.get(Case, case_id)
        return count_reports(session, case, NOW, threshold or Threshold(), CALENDAR)


def test_incident_dates_are_read_from_the_residents_words():
    made = date(2026, 11, 20)  # a Friday
    assert incident_date("last night about 11pm", made) == date(2026, 11, 19)
    assert incident_date("on Saturday", made) == date(2026, 11, 14)
    assert incident_date("12/11", made) == date(2026, 11, 12)
    assert incident_date("3 weeks ago", made) == date(2026, 10, 30)
    assert incident_date("2 months ago", made) == date(2026, 9, 19)
    assert incident_date("12th December", made) == date(2025, 12, 12)  # the last one before
    assert incident_date(None, made, happening_now=True) == made
    # No date we can be sure of: not guessed.
    for words in ("ages ago", "last month", "in the summer", "3-4 times a week", "at 11.30", None):
        assert incident_date(words, made) is None, words


def test_the_window_is_calendar_months():
    assert months_before(NOW, 6) == datetime(2026, 5, 23, 9, 0, tzinfo=timezone.utc)
    assert months_before(datetime(2026, 8, 31, tzinfo=timezone.utc), 6).date() == date(2026, 2, 28)


def test_reports_by_the_same_resident_count_across_cases_and_incidents(
    session_factory, make_report
):
    first = add(session_factory, make_report, "2026-09-01T10:00:00+00:00")
    add(session_factory, make_report, "2026-04-01T10:00:00+00:00")  # before the window
    add(
        session_factory,
        make_report,
        "2026-11-02T10:00:00+00:00",
        reporter={"phone": "+447700900555"},
    )
    latest = add(session_factory, make_report, "2026-11-20T23:00:00+00:00")
    counted = count(session_factory, latest)
    assert counted.by_resident == 2 and not counted.met
    add_incident(
        session_factory,
        first,
        datetime(2026, 10, 5, 20, 0, tzinfo=timezone.utc),
        happened_when="last night",
    )
    counted = count(session_factory, latest)
    assert counted.by_resident == 3 and counted.met
    assert [r.kind for r in counted.reports] == ["report", "repeat incident", "report"]
    # The same resident by email (no phone on this report) is the same resident.
    by_email = add(
        session_factory,
        make_report,
        "2026-11-21T09:00:00+00:00",
        reporter={"phone": None, "safe_to_text": None, "email": "Alex@Example.org"},
    )
    with transaction(session_factory) as session:
        case = session.get(Case, latest)
        case.reporter_email = "alex@example.org"
    assert count(session_factory, latest).by_resident == 4
    assert count(session_factory, by_email).by_resident == 4


def test_reports_made_more_than_a_month_after_the_incident_do_not_count(
    session_factory, make_report
):
    add(session_factory, make_report, "2026-09-01T10:00:00+00:00", happened_when="in June")
    add(session_factory, make_report, "2026-10-01T10:00:00+00:00", happened_when="5 weeks ago")
    add(session_factory, make_report, "2026-10-10T10:00:00+00:00", happened_when="a month ago")
    latest = add(session_factory, make_report, "2026-11-20T23:00:00+00:00")
    counted = count(session_factory, latest)
    assert counted.by_resident == 2  # "a month ago" (31 days) and last night
    assert counted.late == 1 and counted.unclear == 1
    assert [r.timely for r in counted.reports] == [None, False, True, True]
    # A report made while it was happening is timely whatever the words say.
    add(
        session_factory,
        make_report,
        "2026-11-01T10:00:00+00:00",
        happened_when=None,
        happening_now=True,
    )
    assert count(session_factory, latest).met


def test_reports_from_the_same_home_count_for_the_household(session_factory, make_report):
    partner = {"phone": "+447700900777", "postcode": "ZZ99 1AA", "address": "flat 3, 1 example rd"}
    add(session_factory, make_report, "2026-10-01T10:00:00+00:00", reporter=partner)
    add(session_factory, make_report, "2026-10-20T10:00:00+00:00", reporter=partner)
    # Same postcode, another flat: another household.
    add(
        session_factory,
        make_report,
        "2026-11-01T10:00:00+00:00",
        reporter={
            "phone": "+447700900888",
            "postcode": "ZZ99 1AA",
            "address": "Flat 4, 1 Example Rd",
        },
    )
    latest = add(
        session_factory,
        make_report,
        "2026-11-20T23:00:00+00:00",
        reporter={**HOME, "address": "Flat 3, 1 Example Road, Leeds"},
    )
    counted = count(session_factory, latest)
    assert counted.by_resident == 1
    assert counted.at_address == 3
    assert counted.met
    with transaction(session_factory) as session:
        assert address_key(session.get(Case, latest)) == "zz99 1aa|flat 3 1 example road"
    # Without a home address on the case, there is no address count.
    no_home = add(session_factory, make_report, "2026-11-20T23:00:00+00:00")
    assert count(session_factory, no_home).at_address is None


def test_the_threshold_comes_from_the_settings(session_factory, make_report, monkeypatch):
    add(session_factory, make_report, "2026-10-01T10:00:00+00:00")
    latest = add(session_factory, make_report, "2026-11-20T23:00:00+00:00")
    assert not count(session_factory, latest).met
    assert count(session_factory, latest, Threshold(reports=2)).met
    # Two months back leaves out the October report; a 60-day rule lets older incidents in.
    assert count(session_factory, latest, Threshold(reports=2, months=1)).by_resident == 1
    monkeypatch.setenv("ASB_CASE_REVIEW_REPORTS", "5")
    monkeypatch.setenv("ASB_CASE_REVIEW_MONTHS", "12")
    monkeypatch.setenv("ASB_CASE_REVIEW_REPORT_WITHIN_DAYS", "60")
    monkeypatch.setenv("ASB_CASE_REVIEW_DECISION_DAYS", "15")
    settings = Settings.from_env()
    assert Threshold.from_settings(settings) == Threshold(5, 12, 60)
    assert settings.case_review_decision_days == 15
    assert Threshold.from_settings(replace(settings, case_review_reports=3)).reports == 3
