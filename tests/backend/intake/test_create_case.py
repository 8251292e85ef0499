"""Creating cases from reports: reference, routing, time limits, idempotency, acknowledgement."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from backend.sms_outbound.models import OutboxMessage
from core import ram as risk
from tests.backend.case_helpers import CALENDAR, NOW, create


def count(session_factory, model) -> int:
    with transaction(session_factory) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def outbox(session_factory) -> list[OutboxMessage]:
    with transaction(session_factory) as session:
        return list(session.execute(select(OutboxMessage)).scalars())


def test_friday_night_noise_report_becomes_a_chm_case_for_monday(session_factory, make_report):
    case, created = create(session_factory, make_report())
    assert created
    assert re.fullmatch(r"ASB-2026-\d{6}", case.reference)
    assert case.reference == f"ASB-2026-{case.id:06d}"
    assert case.status == "new"
    assert case.owner_team == "CHM"
    assert (case.risk_score, case.risk_band) == (5, "LOW")
    assert case.triage_priority_days == 5
    assert case.queue_date == date(2026, 11, 23)  # Monday
    assert case.triage_due == date(2026, 11, 27)  # five working days: Friday
    assert case.reporter_phone == "+447700900123"
    with transaction(session_factory) as session:
        events = list(session.execute(select(CaseEvent)).scalars())
    assert [(e.kind, e.actor) for e in events] == [("created", "assistant")]


@pytest.mark.parametrize(
    "category, team",
    [
        ("harassment", "TEM"),
        ("hate", "TEM"),
        ("domestic_abuse", "TEM"),
        ("violence", "TEM"),
        ("drug_dealing", "TEM"),
        ("noise", "CHM"),
        ("drugs_alcohol", "CHM"),
        ("vandalism", "CHM"),
        ("vehicle_nuisance", "CHM"),
        ("groups_communal", "CHM"),
        ("pets_animals", "CHM"),
        ("environmental", "CHM"),
        ("other_asb", "CHM"),
        (None, "CHM"),
    ],
)
def test_each_category_goes_to_its_team(session_factory, make_report, category, team):
    case, _ = create(session_factory, make_report(category=category))
    assert case.owner_team == team


def test_supported_housing_goes_to_lpc_unless_high_risk(session_factory, make_report):
    supported = {"supported_housing": True}
    noise, _ = create(session_factory, make_report(category="noise", details=supported))
    violence, _ = create(session_factory, make_report(category="violence", details=supported))
    assert noise.owner_team == "LPC"
    assert violence.owner_team == "TEM"


def test_high_risk_category_is_triaged_within_one_working_day(session_factory, make_report):
    case, _ = create(session_factory, make_report(category="harassment"))
    assert case.owner_team == "TEM"
    assert case.triage_priority_days == 1
    assert case.triage_due == date(2026, 11, 23)  # Friday 23:00 -> due Monday


def test_friday_night_before_bank_holiday_is_due_tuesday(session_factory, make_report):
    report = make_report(category="violence", received_at="2026-08-28T22:00:00+00:00")
    case, _ = create(session_factory, report, now=datetime(2026, 8, 28, 22, 5, tzinfo=timezone.utc))
    assert case.queue_date == date(2026, 9, 1)
    assert case.triage_due == date(2026, 9, 1)


@pytest.mark.parametrize("flag", ["urgent", "domestic_abuse", "hate", "safeguarding", "vulnerable"])
def test_flags_make_a_noise_report_priority_one(session_factory, make_report, flag):
    case, _ = create(session_factory, make_report(flags={flag: True}))
    assert case.triage_priority_days == 1
    assert getattr(case, flag)


def test_domestic_abuse_and_hate_flags_send_the_case_to_tem(session_factory, make_report):
    da, _ = create(session_factory, make_report(flags={"domestic_abuse": True}))
    hate_route, _ = create(session_factory, make_report(route="hate", category=None))
    assert da.owner_team == "TEM"
    assert hate_route.owner_team == "TEM" and hate_route.hate


def test_emergency_route_marks_the_case_urgent(session_factory, make_report):
    case, _ = create(session_factory, make_report(route="emergency", category="violence"))
    assert case.urgent


def test_ram_answers_set_the_band_and_priority(session_factory, make_report):
    medium = {
        "q1_frequency": "daily",  # 5
        "q2_linked": "yes",  # 2
        "q3_worse": True,  # 2
        "q7_targeted": "you",  # 4
        "q10_affected": "a_lot",  # 3
    }
    case, _ = create(session_factory, make_report(ram_answers=medium))
    assert (case.risk_score, case.risk_band, case.triage_priority_days) == (16, "MEDIUM", 3)

    high = {**medium, "q5_history": "currently", "q11_health": ["physical", "mental"]}
    case, _ = create(session_factory, make_report(ram_answers=high))
    assert (case.risk_score, case.risk_band, case.triage_priority_days) == (28, "HIGH", 1)


def test_frequency_stands_in_for_the_first_ram_question(session_factory, make_report):
    case, _ = create(session_factory, make_report(frequency="most_days", ram_answers={}))
    assert case.risk_score == 3


def test_ram_bands_and_thresholds():
    assert risk.band_for(15) == "LOW"
    assert risk.band_for(16) == "MEDIUM"
    assert risk.band_for(23) == "MEDIUM"
    assert risk.band_for(24) == "HIGH"
    assert risk.band_for(20, high=20, medium=10) == "HIGH"
    result = risk.score_answers({"q4_know_them": "well", "q99_nonsense": "x", "q6_x": "maybe"})
    assert result.score == 2
    assert set(result.unscored) == {"q99_nonsense", "q6_x"}


def test_same_report_twice_returns_the_same_case(session_factory, make_report):
    report = make_report()
    first, created_first = create(session_factory, report)
    second, created_second = create(session_factory, report)
    assert (created_first, created_second) == (True, False)
    assert second.id == first.id and second.reference == first.reference
    assert count(session_factory, Case) == 1
    assert len(outbox(session_factory)) == 1


def test_same_report_at_the_same_moment_opens_one_case(session_factory, make_report):
    report = make_report()
    barrier = threading.Barrier(4)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def post() -> None:
        try:
            barrier.wait()
            case, created = create(session_factory, report)
            results.append((case.id, created))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert len({case_id for case_id, _ in results}) == 1
    assert count(session_factory, Case) == 1
    assert len(outbox(session_factory)) == 1


def test_acknowledgement_text_is_queued_with_the_reference(session_factory, make_report):
    case, _ = create(session_factory, make_report())
    [message] = outbox(session_factory)
    assert message.case_id == case.id
    assert message.kind == "ack"
    assert message.dedupe_key == f"ack:{case.id}"
    assert message.to_number == "+447700900123"
    assert message.state == "pending"
    assert case.reference in message.body
    assert "Example Homes" in message.body
    assert "Monday 23 November" in message.body
    assert "999" in message.body
    # UK numbers take no MMS: the text says how to send photos (a link, backend/evidence).
    assert "text UPLOAD for a link" in message.body
    assert len(message.body) <= 306  # two SMS segments
    assert all(ord(c) < 128 for c in message.body)


def test_case_and_text_are_written_together_or_not_at_all(session_factory, make_report):
    report = parse_report(make_report(), now=NOW)
    with pytest.raises(RuntimeError):
        with transaction(session_factory) as session:
            create_case_from_report(session, report, CALENDAR, NOW)
            raise RuntimeError("something failed later in the same transaction")
    assert count(session_factory, Case) == 0
    assert count(session_factory, CaseEvent) == 0
    assert outbox(session_factory) == []


@pytest.mark.parametrize(
    "reporter",
    [
        {"safe_to_text": False},
        {"safe_to_text": None},
        {"consent_to_contact": False},
        {"phone": None},
    ],
)
def test_no_text_without_phone_consent_and_safe_to_text(session_factory, make_report, reporter):
    case, created = create(session_factory, make_report(reporter=reporter))
    assert created
    assert outbox(session_factory) == []


def test_phone_numbers_are_stored_in_e164(session_factory, make_report):
    case, _ = create(session_factory, make_report(reporter={"phone": "07700 900456"}))
    assert case.reporter_phone == "+447700900456"
    assert outbox(session_factory)[0].to_number == "+447700900456"
