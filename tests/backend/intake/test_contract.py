"""The report contract: an invalid report is refused with every problem named."""

from __future__ import annotations

import pytest

from backend.intake.contract import ReportValidationError, parse_report
from tests.backend.case_helpers import NOW


def test_invalid_reports_list_every_problem(make_report):
    report = make_report(
        category="loud_neighbours",
        route="whatever",
        description="x" * 5001,
        received_at="last Friday",
        frequency="sometimes",
        reporter={"phone": "12345", "email": "not an address", "fax": "0113 496 0000"},
        flags={"urgent": "yes"},
        colour="blue",
    )
    del report["report_id"]
    with pytest.raises(ReportValidationError) as error:
        parse_report(report, now=NOW)
    assert set(error.value.fields) == {
        "report_id",
        "category",
        "route",
        "description",
        "received_at",
        "frequency",
        "reporter.phone",
        "reporter.email",
        "reporter.fax",
        "flags.urgent",
        "colour",
    }


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"description": "   "}, "description"),
        ({"received_at": "2026-11-20T23:00:00"}, "received_at"),  # no UTC offset
        ({"received_at": "2026-11-21T23:00:00+00:00"}, "received_at"),  # a day in the future
        ({"channel": "fax"}, "channel"),
        ({"happening_now": "yes"}, "happening_now"),
        ({"details": ["not", "an", "object"]}, "details"),
        ({"ram_answers": {"favourite_colour": "blue"}}, "ram_answers.favourite_colour"),
    ],
)
def test_single_invalid_field_is_named(make_report, changes, field):
    with pytest.raises(ReportValidationError) as error:
        parse_report(make_report(**changes), now=NOW)
    assert field in error.value.fields


def test_a_report_must_be_an_object():
    with pytest.raises(ReportValidationError):
        parse_report(["not", "a", "report"])
