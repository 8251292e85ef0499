"""Fixtures shared by the case tests (tests/backend/cases, triage and casework)."""

from __future__ import annotations

import pytest

from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from core.workdays import WorkingCalendar
from tests.backend.case_helpers import MONDAY


@pytest.fixture
def add_case(session_factory, make_report):
    """`add_case(**report_overrides) -> reference`, straight through intake."""

    def add(**overrides) -> str:
        report = parse_report(make_report(**overrides), now=MONDAY)
        with transaction(session_factory) as session:
            case, _ = create_case_from_report(
                session, report, WorkingCalendar(), MONDAY, landlord_name="Example Homes"
            )
            return case.reference

    return add
