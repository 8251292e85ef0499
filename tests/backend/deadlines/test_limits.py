"""Initial contact, RAM and written action plan: due dates per team in working days, met when
the officer records the step, shown on the case page, the queue and the dashboard."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from sqlalchemy import select

from backend.cases.models import Case
from backend.casework import contact, risk_review
from backend.db import transaction
from tests.backend.case_helpers import CALENDAR, MONDAY, case_row

WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)


def _with_case(session_factory, reference, work) -> None:
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        work(session, case)


def test_due_dates_count_working_days_over_the_christmas_bank_holidays(open_case, session_factory):
    # Thursday 24 December 2026, 7pm: after closing. Friday 25 (Christmas Day) and Monday 28
    # (Boxing Day's substitute) are bank holidays, so the case is queued for Tuesday 29.
    christmas_eve = datetime(2026, 12, 24, 19, 0, tzinfo=timezone.utc)
    noise = case_row(session_factory, open_case(christmas_eve))
    assert noise.owner_team == "CHM" and noise.queue_date == date(2026, 12, 29)
    # 5 working days: 29, 30, 31 December, (New Year's Day is a holiday), 4 and 5 January.
    assert noise.initial_contact_due == date(2027, 1, 5)
    assert noise.ram_due == noise.action_plan_due == date(2027, 1, 5)
    harassment = case_row(session_factory, open_case(christmas_eve, category="harassment"))
    assert harassment.owner_team == "TEM"
    assert harassment.initial_contact_due == date(2026, 12, 29)  # 1 working day: the queue date


def test_a_step_is_met_once_when_the_officer_records_it(add_case, session_factory):
    reference = add_case(category="harassment")  # TEM, queued Monday 23 November, due Monday
    _with_case(
        session_factory,
        reference,
        lambda session, case: contact.record_call(
            session, case, "Spoke to them", actor="tom.tem", now=MONDAY
        ),
    )
    _with_case(
        session_factory,
        reference,
        lambda session, case: contact.record_call(
            session, case, "", actor="tom.tem", now=WEDNESDAY
        ),
    )
    case = case_row(session_factory, reference)
    assert case.initial_contact_at == MONDAY  # the first contact, not the later one
    assert case.ram_at is None and case.action_plan_at is None


async def test_the_case_page_and_queue_show_due_met_and_missed(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case(category="harassment")  # TEM: all three due Monday 23 November
    _with_case(
        session_factory,
        reference,
        lambda session, case: contact.record_call(session, case, "", actor="tom.tem", now=MONDAY),
    )
    _with_case(
        session_factory,
        reference,
        lambda session, case: risk_review.update_ram(
            session,
            case,
            {"q1_frequency": "daily"},
            actor="tom.tem",
            now=datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc),  # Tuesday: a day late
            calendar=CALENDAR,
        ),
    )
    later = add_case()  # CHM noise: due Friday 27 November
    client = await make_api_client(now=WEDNESDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert re.search(r'id="limit-initial_contact">.*Met on Mon 23 Nov 2026', page)
    assert re.search(r'id="limit-ram">.*Met late on Tue 24 Nov 2026 \(due Mon 23 Nov 2026\)', page)
    assert re.search(r'id="limit-action_plan">.*Missed \(due Mon 23 Nov 2026\)', page)
    assert "TEM cases: within 1 working day" in page
    other = await (await client.get(f"/staff/cases/{later}")).text()
    assert re.search(r'id="limit-initial_contact">.*Due Fri 27 Nov 2026', other)
    queue = await (await client.get("/staff?status=open")).text()
    assert "Missed: plan (due Mon 23 Nov)" in queue
    assert "Contact met Mon 23 Nov" in queue and "RAM met late Tue 24 Nov" in queue
    assert "Contact, RAM, plan due Fri 27 Nov" in queue


async def test_sending_the_plan_meets_the_plan_and_first_contact(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    response = await client.post(
        f"/staff/cases/{reference}/action-plan",
        data=[
            ("csrf_token", csrf),
            ("nonce", "plan-1"),
            ("resident", "keep_diary"),
            ("landlord", "contact_fortnightly"),
            ("review_by", "2026-12-04"),
            ("send", "yes"),
        ],
    )
    assert response.status == 200
    case = case_row(session_factory, reference)
    assert case.action_plan_at == MONDAY and case.initial_contact_at == MONDAY
    assert case.ram_at is None


async def test_re_routing_at_triage_moves_the_due_dates_to_the_new_team(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()  # noise: CHM, due Friday 27 November
    assert case_row(session_factory, reference).initial_contact_due == date(2026, 11, 27)
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    response = await client.post(
        f"/staff/cases/{reference}/triage",
        data={
            "csrf_token": csrf,
            "category": "harassment",
            "risk_band": "MEDIUM",
            "priority": "1",
            "is_asb": "yes",
            "reason": "The music is aimed at the resident",
        },
    )
    assert response.status == 200
    case = case_row(session_factory, reference)
    assert case.owner_team == "TEM"
    assert case.initial_contact_due == case.ram_due == date(2026, 11, 23)
    response = await client.post(
        f"/staff/cases/{reference}/assign",
        data={"csrf_token": csrf, "team": "LPC", "assigned_to": "", "reason": "Supported flat"},
    )
    assert response.status == 200
    assert case_row(session_factory, reference).action_plan_due == date(2026, 11, 27)


def _row(html: str, key: str) -> list[str]:
    match = re.search(rf'<tr id="steps-{key}">(.*?)</tr>', html, re.S)
    assert match, f"no dashboard row for {key}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td>(.*?)</td>", match.group(1))
    ]


async def test_the_dashboard_counts_met_and_missed_steps(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    # Received Friday night, queued Monday 23 November.
    met = add_case(category="harassment")  # TEM, due Monday: contact made Monday
    missed = add_case(category="violence")  # TEM, due Monday: nothing recorded by Wednesday
    add_case()  # CHM, due Friday: still in time
    _with_case(
        session_factory,
        met,
        lambda session, case: contact.record_call(session, case, "", actor="tom.tem", now=MONDAY),
    )
    _with_case(
        session_factory,
        met,
        lambda session, case: risk_review.update_ram(
            session, case, {}, actor="tom.tem", now=WEDNESDAY, calendar=CALENDAR
        ),
    )
    assert missed
    client = await make_api_client(now=WEDNESDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff/dashboard?from=2026-11-20&to=2026-11-25")).text()
    # met, missed, met in time, still due
    assert _row(html, "initial_contact") == ["1", "1", "50%", "1"]
    assert _row(html, "ram") == ["0", "2 (1 late)", "0%", "1"]
    assert _row(html, "action_plan") == ["0", "2", "0%", "1"]
