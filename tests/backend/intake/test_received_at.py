"""When a report says it was made (`received_at`): not in the future beyond clock skew, not more
than 30 days before it reached us, and a report held for staff can still be filed weeks later.
All data is fictional."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backend.intake.contract import MAX_REPORT_AGE, ReportValidationError, parse_report
from tests.backend.held_reports.helpers import MONDAY, hand_over, held_rows

TOO_OLD = "is more than 30 days before the report reached us"


@pytest.mark.parametrize(
    "received_at, problem",
    [
        ("0003-11-20T23:00:00+00:00", TOO_OLD),  # made references like ASB-3-000140
        ("2026-10-23T08:59:00+00:00", TOO_OLD),  # 31 days before Monday 09:00
        ("2026-11-23T09:11:00+00:00", "is in the future"),  # 11 minutes ahead
        ("0001-01-01T00:00:00+01:00", "is not a date and time we can use"),  # before year 1 UTC
        ("9999-12-31T23:59:59-01:00", "is not a date and time we can use"),  # after year 9999
    ],
)
async def test_api_refuses_a_report_dated_outside_the_window(
    make_api_client, ingest_headers, make_report, received_at, problem
):
    client = await make_api_client(now=MONDAY)
    report = make_report(received_at=received_at)
    response = await client.post("/api/reports", json=report, headers=ingest_headers)
    assert response.status == 400
    assert (await response.json())["fields"] == {"received_at": problem}


@pytest.mark.parametrize(
    "received_at",
    ["2026-10-24T09:00:00+00:00", "2026-11-23T09:09:00+00:00", "2026-11-23T10:05:00+01:00"],
)
async def test_api_accepts_a_report_inside_the_window(
    make_api_client, ingest_headers, make_report, received_at
):
    client = await make_api_client(now=MONDAY)
    report = make_report(received_at=received_at)
    response = await client.post("/api/reports", json=report, headers=ingest_headers)
    assert response.status == 201, await response.text()


def test_the_age_of_a_held_report_is_counted_from_when_it_was_held(make_report):
    report = make_report(received_at="2026-11-20T23:00:00+00:00")
    months_later = MONDAY + timedelta(days=90)
    with pytest.raises(ReportValidationError) as refused:
        parse_report(report, now=months_later, max_age=MAX_REPORT_AGE)
    assert refused.value.fields == {"received_at": TOO_OLD}
    parsed = parse_report(report, now=months_later, max_age=MAX_REPORT_AGE, arrived_at=MONDAY)
    assert parsed.received_at == datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc)
    # Inside the system (demo data, a history of cases) older cases may be made on purpose.
    assert parse_report(report, now=months_later).received_at == parsed.received_at


async def test_staff_can_file_a_held_report_months_after_it_was_held(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    clock = {"now": MONDAY}
    client = await make_api_client(now=lambda: clock["now"])
    report = make_report(category="fireworks")  # refused: a category the contract lacks
    held = await hand_over(client, ingest_headers, report)
    held_id = (await held.json())["held_report_id"]

    clock["now"] = MONDAY + timedelta(days=90)  # nobody looked at it for three months
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    response = await client.post(
        f"/staff/held-reports/{held_id}/correct",
        data={"csrf_token": csrf, "value:category": "groups_communal"},
        allow_redirects=False,
    )
    assert response.status == 303, await response.text()
    [row] = held_rows(session_factory)
    assert row.status == "filed"
    page = await (await client.get(response.headers["Location"])).text()
    assert "has been filed as a case" in page and "ASB-2026-" in page


async def test_a_held_report_with_an_impossible_date_is_still_held(
    make_api_client, ingest_headers, make_report, session_factory
):
    client = await make_api_client(now=MONDAY)
    report = make_report(received_at="0001-01-01T00:00:00+01:00")
    refusal = {"status": 400, "error": "the report is not valid", "fields": {}}
    response = await hand_over(client, ingest_headers, report, refusal)
    assert response.status == 201
    [row] = held_rows(session_factory)
    assert row.received_at is None  # not readable as a moment: staff see what was sent
