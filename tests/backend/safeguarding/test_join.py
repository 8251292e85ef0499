"""A finished report carrying its safeguarding record: joined to the new case in the same
transaction (so never a second, incomplete case), also when the report overtakes its record;
and linked to the incomplete case when the resident finishes after the sweep."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.db import transaction
from backend.intake.contract import ReportValidationError, parse_report
from backend.intake.service import create_case_from_report
from backend.safeguarding.models import CONVERTED, JOINED, OPEN, SafeguardingRecord
from tests.backend.case_helpers import CALENDAR, NOW, create
from tests.backend.safeguarding.helpers import (
    LATER,
    all_cases,
    apply,
    case_events,
    make_record,
    record_row,
    run_sweep,
)


def finished_report(make_report, record_id: str, **overrides):
    return make_report(
        route="emergency",
        category="violence",
        description="A man with a knife was outside my door",
        flags={"urgent": True},
        safeguarding_id=record_id,
        **overrides,
    )


def test_old_reports_without_a_record_are_still_valid(make_report) -> None:
    assert parse_report(make_report(), now=NOW).safeguarding_id is None
    with pytest.raises(ReportValidationError) as refused:
        parse_report(make_report(safeguarding_id="no"), now=NOW)
    assert set(refused.value.fields) == {"safeguarding_id"}


def test_a_finished_report_joins_its_record_and_no_incomplete_case_follows(
    session_factory, settings, make_report
) -> None:
    body = make_record()
    apply(session_factory, body)
    case, created = create(session_factory, finished_report(make_report, body["record_id"]))
    assert created
    row = record_row(session_factory, body["record_id"])
    assert (row.state, row.case_id) == (JOINED, case.id)
    assert row.words is None and row.contact is None  # the case has the report
    assert case.route == "emergency" and case.urgent  # the case keeps the route and flags

    assert run_sweep(session_factory, settings) == []
    assert [c.reference for c in all_cases(session_factory)] == [case.reference]
    # A retried report (same report_id) changes nothing.
    again, created = create(
        session_factory, finished_report(make_report, body["record_id"], report_id=case.report_id)
    )
    assert not created and again.id == case.id


def test_the_join_is_part_of_the_case_transaction(session_factory, make_report) -> None:
    body = make_record()
    apply(session_factory, body)
    report = parse_report(finished_report(make_report, body["record_id"]), now=NOW)
    with pytest.raises(RuntimeError):
        with transaction(session_factory) as session:
            create_case_from_report(session, report, CALENDAR, NOW)
            raise RuntimeError("the database went away before the commit")
    assert all_cases(session_factory) == []
    assert record_row(session_factory, body["record_id"]).state == OPEN


def test_a_report_that_overtakes_its_record_still_prevents_an_incomplete_case(
    session_factory, settings, make_report
) -> None:
    body = make_record()
    case, _ = create(session_factory, finished_report(make_report, body["record_id"]))
    # The record's relay was behind the report's: it arrives afterwards.
    answer, opened = apply(session_factory, body)
    assert answer["state"] == JOINED and not opened
    assert run_sweep(session_factory, settings) == []
    assert len(all_cases(session_factory)) == 1
    assert record_row(session_factory, body["record_id"]).case_id == case.id


def test_a_report_after_the_sweep_is_linked_to_the_incomplete_case(
    session_factory, settings, make_report
) -> None:
    body = make_record()
    apply(session_factory, body)
    run_sweep(session_factory, settings)
    [incomplete] = all_cases(session_factory)

    finished, created = create(
        session_factory, finished_report(make_report, body["record_id"]), now=LATER
    )
    assert created and finished.id != incomplete.id
    assert finished.details["incomplete_case"] == incomplete.reference
    row = record_row(session_factory, body["record_id"])
    assert (row.state, row.case_id, row.linked_case_id) == (CONVERTED, incomplete.id, finished.id)
    [on_finished] = [e for e in case_events(session_factory, finished.id) if e.kind == "linked"]
    assert incomplete.reference in on_finished.summary
    [on_incomplete] = [e for e in case_events(session_factory, incomplete.id) if e.kind == "linked"]
    assert finished.reference in on_incomplete.summary
    # Still only one record and no third case on the next sweep.
    assert run_sweep(session_factory, settings) == []
    with transaction(session_factory) as session:
        assert len(session.execute(select(SafeguardingRecord)).scalars().all()) == 1
    assert len(all_cases(session_factory)) == 2


async def test_the_report_endpoint_joins_the_record(
    make_api_client, ingest_headers, make_report, session_factory
) -> None:
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=NOW)
    body = make_record()
    assert (
        await api_client.post("/api/safeguarding/records", json=body, headers=ingest_headers)
    ).status == 201
    report = finished_report(make_report, body["record_id"])
    response = await api_client.post("/api/reports", json=report, headers=ingest_headers)
    assert response.status == 201
    reference = (await response.json())["reference"]
    row = record_row(session_factory, body["record_id"])
    assert row.state == JOINED
    [case] = all_cases(session_factory)
    assert case.reference == reference and row.case_id == case.id
