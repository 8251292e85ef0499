"""ASB Case Review applications (backend/case_review/): POST /api/case-reviews from the action
server, the decision day in working days over bank holidays, the acknowledgement queued once by
the resident's way of hearing from us, the staff alert, the staff pages (login, CSRF, roles, the
decision audited) and the dashboard figure. Runs on SQLite and PostgreSQL; fictional data only.

The clock: Friday 18 December 2026, 10:00. Ten working days on (England) skip Christmas Day,
the Boxing Day holiday on Monday 28 December and New Year's Day: Wednesday 6 January 2027.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from backend.alerts.models import Alert
from backend.case_review.models import CaseReviewApplication
from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from backend.sms_outbound.models import OutboxMessage
from core.workdays import WorkingCalendar

NOW = datetime(2026, 12, 18, 10, 0, tzinfo=timezone.utc)
DECISION_DAY = date(2027, 1, 6)
PHONE = "+447700900123"
HOME = {"postcode": "ZZ99 1AA", "address": "Flat 3, 1 Example Road"}
TIMES = ("2026-10-01T10:00:00+00:00", "2026-11-10T10:00:00+00:00", "2026-12-17T20:00:00+00:00")


def add_case(session_factory, make_report, received_at: str, **overrides) -> str:
    body = make_report(received_at=received_at, **overrides)
    with transaction(session_factory) as session:
        case, _ = create_case_from_report(
            session, parse_report(body), WorkingCalendar(), NOW, landlord_name="Example Homes"
        )
        return case.reference


@pytest.fixture
def three_reports(session_factory, make_report):
    """Three timely reports from one resident (the newest first in the list)."""
    refs = [
        add_case(session_factory, make_report, at, reporter=HOME, location="1 Example Road")
        for at in TIMES
    ]
    return list(reversed(refs))


@pytest.fixture
async def client(make_api_client):
    return await make_api_client(now=NOW)


async def apply(client, headers, **body):
    return await client.post("/api/case-reviews", json=body, headers=headers)


def rows(session_factory, model, *conditions):
    with transaction(session_factory) as session:
        return list(session.execute(select(model).where(*conditions)).scalars())


def acknowledgements(session_factory):
    return rows(session_factory, OutboxMessage, OutboxMessage.kind == "case_review_ack")


async def test_bad_requests_get_a_4xx(client, ingest_headers):
    assert (await apply(client, {}, channel="sms", verification={"phone": PHONE})).status == 401
    bad_bodies = [
        {"channel": "web"},
        {"channel": "fax", "verification": {"phone": PHONE}},
        {"channel": "web", "verification": {"postcode": "ZZ99 1AA"}},  # no reference
        {"channel": "web", "reference": "ASB-2026-000001", "verification": {"pin": 1}},
        {"channel": "sms", "verification": {"phone": PHONE}, "extra": True},
    ]
    for body in bad_bodies:
        response = await apply(client, ingest_headers, **body)
        assert response.status == 400, body
        assert (await response.json())["fields"]
    for raw in (b"[]", b"not json", b'{"channel": NaN}'):
        response = await client.post("/api/case-reviews", data=raw, headers=ingest_headers)
        assert response.status == 400
    # A number with no reports, and a failed check, say nothing more than "not found".
    unknown = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert unknown.status == 404


async def test_met_by_sms_records_acknowledges_once_and_alerts(
    client, ingest_headers, session_factory, three_reports
):
    response = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert response.status == 201, await response.text()
    answer = await response.json()
    assert answer["outcome"] == "recorded"
    assert answer["reference"] == three_reports[0]  # the newest case from the number
    assert answer["threshold_met"] is True
    assert answer["reports_by_resident"] == 3 and answer["reports_at_address"] == 3
    assert answer["threshold"] == {"reports": 3, "months": 6, "within_days": 31}
    assert answer["decision_due"] == DECISION_DAY.isoformat()  # over Christmas and New Year
    assert answer["acknowledged_by"] == "sms"
    (ack,) = acknowledgements(session_factory)
    assert ack.channel == "sms" and ack.to_number == PHONE and ack.urgent
    assert "ASB Case Review" in ack.body and "Wednesday 6 January" in ack.body
    (alert,) = rows(session_factory, Alert, Alert.reason == "case_review")
    assert alert.acknowledged_at is None
    # Asking again while it waits: the same application, no second text or application.
    again = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert again.status == 200
    assert (await again.json())["outcome"] == "already_recorded"
    assert len(acknowledgements(session_factory)) == 1
    assert len(rows(session_factory, CaseReviewApplication)) == 1
    (application,) = rows(session_factory, CaseReviewApplication)
    assert application.status == "received" and application.verified_by == "phone"
    assert [r["reference"] for r in application.counted["reports"]] == list(reversed(three_reports))
    events = rows(session_factory, CaseEvent, CaseEvent.kind == "case_review")
    assert len(events) == 1 and "threshold met" in events[0].summary


async def test_met_on_the_web_with_reference_and_postcode_acknowledges_by_email(
    client, ingest_headers, session_factory, make_report, three_reports
):
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == three_reports[0])).scalar_one()
        case.preferred_contact, case.reporter_email = "email", "alex@example.org"
    wrong = await apply(
        client,
        ingest_headers,
        channel="web",
        reference=three_reports[0],
        verification={"postcode": "AB1 2CD"},
    )
    assert wrong.status == 404
    response = await apply(
        client,
        ingest_headers,
        channel="web",
        reference=three_reports[0].lower(),
        verification={"postcode": "zz99 1aa"},
    )
    assert response.status == 201
    assert (await response.json())["acknowledged_by"] == "email"
    (ack,) = acknowledgements(session_factory)
    assert ack.channel == "email" and ack.to_email == "alex@example.org"
    assert "Wednesday 6 January" in ack.body


async def test_below_the_threshold_is_kept_but_nothing_is_sent(
    client, ingest_headers, session_factory, make_report
):
    add_case(session_factory, make_report, TIMES[0], reporter=HOME)
    add_case(session_factory, make_report, TIMES[1], reporter=HOME, happened_when="in the summer")
    add_case(session_factory, make_report, TIMES[2], reporter=HOME)
    response = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert response.status == 201
    answer = await response.json()
    assert answer["outcome"] == "below_threshold" and answer["threshold_met"] is False
    assert answer["reports_by_resident"] == 2 and answer["reports_unclear"] == 1
    assert answer["decision_due"] is None
    assert acknowledgements(session_factory) == []
    assert rows(session_factory, Alert, Alert.reason == "case_review") == []
    (application,) = rows(session_factory, CaseReviewApplication)
    assert application.status == "below_threshold"


async def test_a_higher_local_threshold_and_decision_days_from_the_settings(
    make_api_client, ingest_headers, session_factory, three_reports
):
    client = await make_api_client(now=NOW, case_review_reports=4)
    answer = await (
        await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    ).json()
    assert answer["outcome"] == "below_threshold"
    assert answer["threshold"]["reports"] == 4
    client = await make_api_client(now=NOW, case_review_decision_days=5)
    answer = await (
        await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    ).json()
    assert answer["outcome"] == "recorded"
    assert answer["decision_due"] == "2026-12-29"  # 21, 22, 23, 24, (25, 28 holidays) 29


# -- staff -----------------------------------------------------------------------------------


def token_in(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


async def recorded_application(client, ingest_headers, session_factory) -> int:
    response = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert response.status == 201
    return (await response.json())["application_id"]


async def test_staff_list_overdue_first_and_record_the_decision(
    make_api_client,
    ingest_headers,
    session_factory,
    make_report,
    three_reports,
    make_staff,
    login_as,
):
    client = await make_api_client(now=NOW)
    first = await recorded_application(client, ingest_headers, session_factory)
    # Another resident's application, received long ago: overdue now.
    other = {"phone": "+447700900456"}
    for at in TIMES:
        add_case(session_factory, make_report, at, reporter=other)
    response = await apply(
        client, ingest_headers, channel="sms", verification={"phone": "+447700900456"}
    )
    second = (await response.json())["application_id"]
    with transaction(session_factory) as session:
        session.get(CaseReviewApplication, second).decision_due = date(2026, 12, 10)
    assert (await client.get("/staff/case-reviews", allow_redirects=False)).status in (302, 303)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff/case-reviews")).text()
    listed = re.findall(r'href="/staff/case-reviews/(\d+)"', html)
    assert listed[:2] == [str(second), str(first)]  # overdue first
    assert "Overdue" in html and "Wed 06 Jan 2027" in html
    page = await client.get(f"/staff/case-reviews/{first}")
    html = await page.text()
    assert "Record the decision" in html and three_reports[0] in html
    csrf = token_in(html)
    url = f"/staff/case-reviews/{first}/decision"
    no_csrf = await client.post(url, data={"outcome": "review", "decision": "Agreed"})
    assert no_csrf.status == 403
    missing = await client.post(url, data={"outcome": "maybe", "decision": "", "csrf_token": csrf})
    assert missing.status == 400 and "Choose whether" in await missing.text()
    done = await client.post(
        url,
        data={
            "outcome": "review",
            "decision": "Three timely reports: reviewed.",
            "csrf_token": csrf,
        },
        allow_redirects=False,
    )
    assert done.status == 303
    (application,) = rows(session_factory, CaseReviewApplication, CaseReviewApplication.id == first)
    assert application.status == "decided" and application.outcome == "review"
    assert application.decided_by == "mia.manager" and application.decided_at == NOW
    (event,) = rows(session_factory, CaseEvent, CaseEvent.kind == "case_review_decision")
    assert event.actor == "mia.manager"
    assert event.data["after"] == {"status": "decided", "outcome": "review"}
    again = await client.post(
        url, data={"outcome": "no_review", "decision": "x", "csrf_token": csrf}
    )
    assert again.status == 400 and "already been decided" in await again.text()
    assert (await client.get("/staff/case-reviews/99999")).status == 404
    assert (await client.get("/staff/case-reviews/not-a-number")).status == 404
    assert (
        await client.post("/staff/case-reviews/99999/decision", data={"csrf_token": csrf})
    ).status == 404


async def test_only_the_cases_team_and_managers_decide(
    make_api_client, ingest_headers, session_factory, three_reports, make_staff, login_as
):
    client = await make_api_client(now=NOW)
    application_id = await recorded_application(client, ingest_headers, session_factory)
    url = f"/staff/case-reviews/{application_id}/decision"
    make_staff("ann.agent", "agent")
    csrf = await login_as(client, "ann.agent")
    html = await (await client.get(f"/staff/case-reviews/{application_id}")).text()
    assert "Record the decision" not in html
    refused = await client.post(
        url, data={"outcome": "review", "decision": "x", "csrf_token": csrf}
    )
    assert refused.status == 403
    make_staff("tom.tem", "officer", "TEM")  # the case is CHM's
    csrf = await login_as(client, "tom.tem")
    assert (await client.get(f"/staff/case-reviews/{application_id}")).status == 403
    html = await (await client.get("/staff/case-reviews")).text()
    assert f"/staff/case-reviews/{application_id}" not in html
    refused = await client.post(
        url, data={"outcome": "review", "decision": "x", "csrf_token": csrf}
    )
    assert refused.status == 403
    (application,) = rows(session_factory, CaseReviewApplication)
    assert application.status == "received"


async def test_the_case_page_and_the_dashboard_show_the_review(
    make_api_client, ingest_headers, session_factory, three_reports, make_staff, login_as
):
    client = await make_api_client(now=NOW)
    application_id = await recorded_application(client, ingest_headers, session_factory)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{three_reports[0]}")).text()
    assert "<strong>3 by this resident</strong>" in html
    assert "<strong>3 at their address</strong>" in html
    assert "Threshold 3: <strong>met</strong>" in html
    assert f"/staff/case-reviews/{application_id}" in html and "Wed 06 Jan 2027" in html
    html = await (await client.get("/staff/dashboard")).text()
    figure = re.search(r'id="case-review-deadlines">(.*?)</div>', html, re.S).group(1)
    assert (
        re.sub(r"<[^>]+>", "", figure).split()
        == "0 ASB Case Review decisions overdue, 0 due this week".split()
    )
    # Two weeks on, in the week it is due, then past it.
    later = await make_api_client(now=datetime(2027, 1, 4, 10, 0, tzinfo=timezone.utc))
    await login_as(later, "mia.manager")
    html = await (await later.get("/staff/dashboard")).text()
    figure = re.search(r'id="case-review-deadlines">(.*?)</div>', html, re.S).group(1)
    assert "0</span>" in figure and "1 due this week" in figure
    overdue = await make_api_client(now=datetime(2027, 1, 7, 10, 0, tzinfo=timezone.utc))
    await login_as(overdue, "mia.manager")
    html = await (await overdue.get("/staff/dashboard")).text()
    figure = re.search(r'id="case-review-deadlines">(.*?)</div>', html, re.S).group(1)
    assert '"number">1</span>' in figure and "0 due this week" in figure


async def test_a_resident_who_asked_for_calls_gets_no_written_acknowledgement(
    client, ingest_headers, session_factory, three_reports
):
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == three_reports[0])).scalar_one()
        case.preferred_contact = "call"
    response = await apply(client, ingest_headers, channel="sms", verification={"phone": PHONE})
    assert (await response.json())["acknowledged_by"] == "call"
    assert acknowledgements(session_factory) == []
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == three_reports[1])).scalar_one()
        case.consent_to_contact = False
    other = await apply(
        client,
        ingest_headers,
        channel="web",
        reference=three_reports[1],
        verification={"postcode": "ZZ99 1AA"},
    )
    # The same resident's application is already waiting: nothing new is recorded.
    assert (await other.json())["outcome"] == "already_recorded"
    assert len(rows(session_factory, CaseReviewApplication)) == 1
