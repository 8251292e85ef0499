"""The abandonment sweep: an idle record becomes ONE urgent incomplete-report case with a
reference, in the queue, with the duty officer alerted by dashboard, text and email (reference,
route and team only); never twice, not even with two sweeps at once; never a text to the
resident who did not say texting is safe."""

from __future__ import annotations

import re
import threading
import time
from datetime import timedelta

from backend.alerts.email import AlertEmail, send_alert_emails
from backend.alerts.service import open_alerts, raise_alerts
from backend.db import transaction
from backend.safeguarding.models import CONVERTED, OPEN
from backend.safeguarding.sweep import abandoned_record_ids, convert_abandoned, sweep
from tests.backend.case_helpers import CALENDAR, NOW
from tests.backend.safeguarding.helpers import (
    DUTY_PHONE,
    LATER,
    RESIDENT_PHONE,
    WORDS,
    alerts,
    all_cases,
    apply,
    case_events,
    duty_settings,
    iso,
    make_record,
    record_row,
    run_sweep,
    texts,
)
from tests.backend.smtp_server import running_smtp_server


def test_an_abandoned_emergency_becomes_an_urgent_incomplete_case(
    session_factory, settings
) -> None:
    body = make_record()
    apply(session_factory, body)
    raised = run_sweep(session_factory, settings)

    [case] = all_cases(session_factory)
    assert re.fullmatch(r"ASB-2026-\d{6}", case.reference)
    assert case.status == "new"  # queued like any report
    assert case.route == "emergency"
    assert case.urgent is True
    assert case.owner_team == "TEM"  # a knife: violence, a high-risk category
    assert case.triage_priority_days == 1
    assert case.description.startswith("INCOMPLETE REPORT")
    assert all(words in case.description for words in WORDS)
    assert case.location == "Flat 7, 3 Example Road"
    assert case.details["incomplete_report"] is True
    assert case.details["safeguarding_record"] == body["record_id"]

    kinds = [event.kind for event in case_events(session_factory, case.id)]
    assert kinds[:2] == ["created", "incomplete_report"] and "alert" in kinds
    row = record_row(session_factory, body["record_id"])
    assert (row.state, row.case_id) == (CONVERTED, case.id)

    # The duty officer: one alert of its own (not "new emergency" as well), one text.
    assert [(a.case_id, a.reason) for a in alerts(session_factory)] == [
        (case.id, "incomplete_report")
    ]
    assert [alert["reason"] for alert in raised] == ["incomplete_report"]
    [text] = texts(session_factory)
    assert text.to_number == DUTY_PHONE and text.urgent
    assert case.reference in text.body
    assert "route emergency" in text.body and "team TEM" in text.body
    assert "Unfinished report" in text.body
    assert "knife" not in text.body and "Example Road" not in text.body


def test_the_dashboard_lists_the_alert_with_a_plain_label(session_factory, settings) -> None:
    apply(session_factory, make_record())
    run_sweep(session_factory, settings)
    with transaction(session_factory) as session:
        [alert] = open_alerts(session)
    assert alert["label"] == "Unfinished report after safety advice"


def test_the_alert_email_names_reference_route_and_team_only(session_factory, settings) -> None:
    apply(session_factory, make_record(route="domestic_abuse"))
    raised = run_sweep(session_factory, settings)
    with running_smtp_server() as smtp:
        config = AlertEmail.from_env(
            {"ASB_ALERT_EMAIL": "duty@example.org", "ASB_SMTP_URL": smtp.url}
        )
        assert send_alert_emails(config, raised) == 1
        [received] = smtp.received
    message, body = received.message, received.text
    [case] = all_cases(session_factory)
    assert case.reference in message["Subject"]
    assert "Route: domestic abuse." in body and "team TEM" in body
    assert "knife" not in body and "Example Road" not in body


def test_a_conversation_still_going_is_left_alone(session_factory, settings) -> None:
    body = make_record()
    apply(session_factory, body)
    # Activity 5 minutes after the start: at NOW + 11 minutes it is 6 minutes idle.
    five_past = NOW + timedelta(minutes=5)
    apply(session_factory, {**body, "sequence": 2, "last_activity_at": iso(five_past)}, five_past)
    assert run_sweep(session_factory, settings) == []
    assert all_cases(session_factory) == []
    assert record_row(session_factory, body["record_id"]).state == OPEN
    # Ten minutes after that last message it is abandoned.
    run_sweep(session_factory, settings, now=NOW + timedelta(minutes=16))
    assert len(all_cases(session_factory)) == 1


def test_the_idle_limit_is_a_setting(session_factory, settings) -> None:
    apply(session_factory, make_record())
    quick = duty_settings(settings, abandoned_after_minutes=0.5)
    sweep(session_factory, now=NOW + timedelta(seconds=40), settings=quick, calendar=CALENDAR)
    assert len(all_cases(session_factory)) == 1


def test_sweeping_again_makes_no_second_case_or_alert(session_factory, settings) -> None:
    apply(session_factory, make_record())
    run_sweep(session_factory, settings)
    assert run_sweep(session_factory, settings, now=LATER + timedelta(minutes=5)) == []
    assert len(all_cases(session_factory)) == 1
    assert len(alerts(session_factory)) == 1
    assert len(texts(session_factory)) == 1
    # The hourly overdue sweep of alerts adds nothing for it either.
    with transaction(session_factory) as session:
        assert raise_alerts(session, calendar=CALENDAR, now=LATER, duty_phone=DUTY_PHONE) == []


def test_two_sweeps_at_once_make_one_case(session_factory, settings) -> None:
    # Two backend instances sweeping the same database at the same moment.
    for _ in range(3):
        apply(session_factory, make_record())
    barrier = threading.Barrier(2)
    results: list[list[dict]] = []
    errors: list[BaseException] = []

    def instance() -> None:
        try:
            barrier.wait()
            results.append(run_sweep(session_factory, settings))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    cases = all_cases(session_factory)
    assert len(cases) == 3
    assert len({case.report_id for case in cases}) == 3
    assert sum(len(found) for found in results) == 3  # each alert raised by one instance only
    assert len(alerts(session_factory)) == 3
    assert len([t for t in texts(session_factory) if t.to_number == DUTY_PHONE]) == 3


def test_the_resident_is_texted_only_when_they_said_texting_is_safe(
    session_factory, settings
) -> None:
    unsafe = make_record(
        route="domestic_abuse",
        contact={"phone": RESIDENT_PHONE, "safe_to_text": None, "consent_to_contact": True},
    )
    said_no = make_record(
        contact={"phone": "+447700900322", "safe_to_text": False, "consent_to_contact": True}
    )
    said_yes = make_record(
        contact={"phone": "+447700900323", "safe_to_text": True, "consent_to_contact": True}
    )
    for body in (unsafe, said_no, said_yes):
        apply(session_factory, body)
    run_sweep(session_factory, settings)
    to_residents = [t.to_number for t in texts(session_factory) if t.to_number != DUTY_PHONE]
    assert to_residents == ["+447700900323"]
    assert len([t for t in texts(session_factory) if t.to_number == DUTY_PHONE]) == 3
    da_case = next(case for case in all_cases(session_factory) if case.route == "domestic_abuse")
    assert da_case.domestic_abuse and da_case.urgent and da_case.owner_team == "TEM"
    assert da_case.reporter_phone == RESIDENT_PHONE  # staff can still call them
    assert not da_case.safe_to_text


def test_self_harm_and_button_only_conversations_are_described_plainly(
    session_factory, settings
) -> None:
    apply(session_factory, make_record(reasons=["self_harm"], words=[], message_count=0))
    run_sweep(session_factory, settings)
    [case] = all_cases(session_factory)
    assert "Samaritans" in case.description
    assert "words were not kept" in case.description


def test_an_instance_with_a_stale_list_claims_nothing(session_factory, settings) -> None:
    # Instance B listed the idle records before instance A opened their cases.
    body = make_record()
    apply(session_factory, body)
    cutoff = LATER - timedelta(minutes=10)
    with transaction(session_factory) as session:
        listed_by_b = abandoned_record_ids(session, cutoff)
    assert listed_by_b == [body["record_id"]]
    run_sweep(session_factory, settings)  # instance A
    with transaction(session_factory) as session:
        raised = convert_abandoned(
            session,
            body["record_id"],
            now=LATER,
            cutoff=cutoff,
            calendar=CALENDAR,
            settings=duty_settings(settings),
        )
    assert raised == []
    assert len(all_cases(session_factory)) == 1 and len(alerts(session_factory)) == 1


def test_a_claim_waits_for_the_other_instances_transaction(session_factory, settings) -> None:
    # Instance A has claimed the record and is still opening its case when B tries: B waits
    # for A's commit (row lock on PostgreSQL, the write lock on SQLite) and then finds it taken.
    body = make_record()
    apply(session_factory, body)
    cutoff = LATER - timedelta(minutes=10)
    claim = {
        "now": LATER,
        "cutoff": cutoff,
        "calendar": CALENDAR,
        "settings": duty_settings(settings),
    }
    b_result: list[list[dict]] = []
    b_started = threading.Event()

    def instance_b() -> None:
        b_started.set()
        with transaction(session_factory) as session:
            b_result.append(convert_abandoned(session, body["record_id"], **claim))

    with transaction(session_factory) as session:
        a_result = convert_abandoned(session, body["record_id"], **claim)
        b = threading.Thread(target=instance_b)
        b.start()
        b_started.wait()
        time.sleep(0.2)  # let B reach its UPDATE while A's transaction is open
    b.join()
    assert [alert["reason"] for alert in a_result] == ["incomplete_report"]
    assert b_result == [[]]
    assert len(all_cases(session_factory)) == 1
