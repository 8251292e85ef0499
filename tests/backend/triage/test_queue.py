"""The triage queue: overdue and most urgent cases first, team scope, filters and paging."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from backend.cases.models import Case
from backend.cases.serialize import queue_item_to_dict
from backend.db import transaction
from backend.triage.queue import triage_queue
from tests.backend.case_helpers import MONDAY, create, references_in


def test_triage_queue_puts_urgent_cases_first_and_marks_overdue(session_factory, make_report):
    low_old, _ = create(
        session_factory,
        make_report(received_at="2026-11-02T10:00:00+00:00"),
        now=datetime(2026, 11, 2, 10, 1, tzinfo=timezone.utc),
    )
    low_new, _ = create(session_factory, make_report())
    hate, _ = create(session_factory, make_report(category="hate"))
    tem_only, _ = create(session_factory, make_report(category="violence"))
    with transaction(session_factory) as session:
        queue = triage_queue(session)
        team_queue = triage_queue(session, team="TEM")
        items = [queue_item_to_dict(case, date(2026, 11, 23)) for case in queue]
    order = [item["reference"] for item in items]
    # Hate (high-risk flag) first; then by triage due date: the old noise report (due Friday
    # 6 November, now overdue), violence (due Monday 23), the new noise report (Friday 27).
    assert order == [hate.reference, low_old.reference, tem_only.reference, low_new.reference]
    overdue = {item["reference"]: item["overdue"] for item in items}
    assert overdue[low_old.reference] is True
    assert overdue[low_new.reference] is False
    assert [case.reference for case in team_queue] == [hate.reference, tem_only.reference]
    for item in items:
        assert "reporter" not in item and "description" not in item and "location" not in item
        assert "+447700900123" not in str(item)


async def test_queue_lists_overdue_first_then_most_urgent_then_due(
    make_api_client, make_staff, login_as, add_case
):
    low = add_case()  # noise, LOW risk: due Friday
    overdue = add_case(received_at="2026-11-10T10:00:00+00:00")  # due 16 Nov: overdue
    urgent = add_case(category="harassment", flags={"hate": True})  # TEM, due today
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff")).text()
    assert references_in(html)[:3] == [overdue, urgent, low]
    assert "Overdue" in html
    assert "Hate" in html and "Harassment" in html


async def test_officers_only_see_their_own_teams_cases(
    make_api_client, make_staff, login_as, add_case
):
    chm_case = add_case()
    tem_case = add_case(category="domestic_abuse")
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    await login_as(client, "cat.chm")
    html = await (await client.get("/staff?team=TEM")).text()  # the team filter is ignored
    assert chm_case in html and tem_case not in html
    response = await client.get(f"/staff/cases/{tem_case}")
    assert response.status == 403
    assert (await client.get(f"/staff/cases/{chm_case}")).status == 200


async def test_queue_filters_by_status_and_pages(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    refs = [add_case() for _ in range(52)]
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == refs[0])).scalar_one()
        case.status = "in_progress"
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    first = await (await client.get("/staff")).text()
    assert "51 cases waiting for triage" in first
    assert "Page 1 of 2" in first
    assert len(references_in(first)) == 50
    second = await (await client.get("/staff?page=2")).text()
    assert len(references_in(second)) == 1
    in_progress = await (await client.get("/staff?status=in_progress")).text()
    assert references_in(in_progress) == [refs[0]]
