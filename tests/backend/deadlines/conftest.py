"""Fixtures for the time-limit tests: open a case received at a given moment, straight through
intake (the `add_case` of tests/backend/conftest.py always files on Monday 23 November)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from backend.db import transaction
from backend.intake.contract import parse_report
from backend.intake.service import create_case_from_report
from tests.backend.case_helpers import CALENDAR


@pytest.fixture
def open_case(session_factory, make_report):
    """`open_case(received_at: datetime, schemes=(), **report_overrides) -> reference`."""

    def add(received_at: datetime, schemes: tuple[str, ...] = (), **overrides) -> str:
        report = make_report(received_at=received_at.isoformat(), **overrides)
        now = received_at + timedelta(minutes=1)
        with transaction(session_factory) as session:
            case, _ = create_case_from_report(
                session,
                parse_report(report, now=now),
                CALENDAR,
                now,
                landlord_name="Example Homes",
                supported_schemes=schemes,
            )
            return case.reference

    return add
