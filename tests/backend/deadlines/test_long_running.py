"""Cases open more than 12 weeks: listed on the dashboard (not just counted), escalated once
to the team and the duty officer (alert, text, timeline), however often and wherever the
sweep runs."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

from sqlalchemy import select, update

from backend.alerts.models import Alert
from backend.alerts.service import open_alerts
from backend.cases.models import Case
from backend.db import transaction
from backend.deadlines import long_running
from backend.sms_outbound.models import OutboxMessage
from tests.backend.case_helpers import case_row, events

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)  # Wednesday 25 November 2026
DUTY_PHONE = "+447700900777"


def _cases(open_case, session_factory) -> dict[str, str]:
    """Sixteen weeks open (CHM, assigned), thirteen weeks open (TEM), eleven weeks open, and a
    closed one reported twenty weeks ago."""
    refs = {
        "sixteen": open_case(datetime(2026, 8, 3, 10, 0, tzinfo=timezone.utc)),
        "thirteen": open_case(datetime(2026, 8, 26, 10, 0, tzinfo=timezone.utc), category="hate"),
        "eleven": open_case(datetime(2026, 9, 9, 10, 0, tzinfo=timezone.utc)),
        "closed": open_case(datetime(2026, 7, 6, 10, 0, tzinfo=timezone.utc)),
    }
    with transaction(session_factory) as session:
        session.execute(
            update(Case).where(Case.reference == refs["sixteen"]).values(assigned_to="cat.chm")
        )
        session.execute(
            update(Case)
            .where(Case.reference == refs["closed"])
            .values(status="closed", closed_at=datetime(2026, 9, 1, tzinfo=timezone.utc))
        )
    return refs


async def test_the_dashboard_lists_cases_open_over_12_weeks(
    make_api_client, make_staff, login_as, open_case, session_factory
):
    refs = _cases(open_case, session_factory)
    client = await make_api_client(now=NOW)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff/dashboard")).text()
    section = html[html.index('id="long-running"') : html.index('id="hotspots"')]
    assert "<strong>2</strong> open cases reported more than 12 weeks ago" in section
    assert refs["sixteen"] in section and refs["thirteen"] in section
    assert refs["eleven"] not in section and refs["closed"] not in section
    # reference, team, opened, weeks open, officer: the oldest first
    assert section.index(refs["sixteen"]) < section.index(refs["thirteen"])
    assert "3 Aug 2026" in section and "26 Aug 2026" in section  # opened
    assert "<td>16</td><td>cat.chm</td>" in section
    assert "<td>TEM</td>" in section and "<td>13</td><td>Not assigned</td>" in section
    # The figure in the time limits agrees with the list.
    assert "2</span> open over 12 weeks" in html


def test_the_sweep_escalates_each_case_once(open_case, session_factory):
    refs = _cases(open_case, session_factory)
    raised = long_running.sweep(session_factory, now=NOW, duty_phone=DUTY_PHONE)
    assert sorted(alert["reference"] for alert in raised) == sorted(
        [refs["sixteen"], refs["thirteen"]]
    )
    again = long_running.sweep(session_factory, now=NOW, duty_phone=DUTY_PHONE)
    assert again == []
    [event] = events(session_factory, refs["sixteen"], "escalation")
    assert "Open 16 weeks (over 12): escalated for review to officer cat.chm (CHM)" in event.summary
    assert events(session_factory, refs["eleven"], "escalation") == []
    with transaction(session_factory) as session:
        texts = (
            session.execute(select(OutboxMessage).where(OutboxMessage.kind == "alert"))
            .scalars()
            .all()
        )
        bodies = sorted(text.body for text in texts)
        team_alerts = open_alerts(session, team="TEM")
    assert len(bodies) == 2 and all(text.to_number == DUTY_PHONE for text in texts)
    assert any(refs["thirteen"] in body and "open 13 weeks" in body for body in bodies)
    assert not any("Example" in body or "+447700900123" in body for body in bodies)
    # The TEM officers see their case's alert in their queue.
    assert [a["reference"] for a in team_alerts] == [refs["thirteen"]]
    assert team_alerts[0]["label"] == "Case open over 12 weeks: review and escalate"


def test_two_instances_sweeping_at_once_escalate_once(open_case, session_factory):
    refs = _cases(open_case, session_factory)
    results: list[list] = []
    start = threading.Barrier(2)

    def instance() -> None:
        start.wait()
        results.append(long_running.sweep(session_factory, now=NOW, duty_phone=DUTY_PHONE))

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(len(raised) for raised in results) == 2
    with transaction(session_factory) as session:
        reasons = (
            session.execute(select(Alert.case_id).where(Alert.reason == "long_running"))
            .scalars()
            .all()
        )
        alert_texts = (
            session.execute(select(OutboxMessage).where(OutboxMessage.kind == "alert"))
            .scalars()
            .all()
        )
    assert len(reasons) == 2 and len(alert_texts) == 2
    for key in ("sixteen", "thirteen"):
        assert len(events(session_factory, refs[key], "escalation")) == 1
    assert case_row(session_factory, refs["sixteen"]).status == "new"


async def test_the_case_timeline_shows_the_escalation(
    make_api_client, make_staff, login_as, open_case, session_factory
):
    refs = _cases(open_case, session_factory)
    long_running.sweep(session_factory, now=NOW)
    client = await make_api_client(now=NOW)
    make_staff("tom.tem", "officer", "TEM")
    await login_as(client, "tom.tem")
    page = await (await client.get(f"/staff/cases/{refs['thirteen']}")).text()
    assert "Open 13 weeks (over 12): escalated for review to team TEM" in page
    assert "Alert:</strong> Case open over 12 weeks: review and escalate" in page
    queue = await (await client.get("/staff")).text()
    assert "Case open over 12 weeks" in queue
