"""End to end by SMS: a resident with three reports in six months asks for an ASB Case Review
(issue 17), through the real Rasa server, the backend and the Twilio stand-in.

The assistant explains the review, checks the resident's reports when they say yes, records the
application with its decision day, and the acknowledgement text naming that day reaches the
resident's phone; staff see the application. Uses the session-wide `e2e_system`; fictional data.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from backend.case_review.models import CaseReviewApplication
from tests.e2e.test_conversation import make_case
from tests.e2e.test_sms import Resident, db, wait_until  # noqa: F401 (db is a fixture)
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

RESIDENT = "+447700900451"  # its own number: no other e2e test texts it


def test_three_reports_then_a_case_review_by_sms_is_recorded_and_acknowledged(
    e2e_system: RunningSystem,
    db: sessionmaker,  # noqa: F811
) -> None:
    system = e2e_system
    references = [
        make_case(system, f"Loud music from the flat below until 3am, report {n}", phone=RESIDENT)
        for n in (1, 2, 3)
    ]
    resident = Resident(system, db, RESIDENT)

    explained = "\n".join(resident.text("I want a case review"))
    assert "ASB Case Review" in explained, resident.said
    recorded = "\n".join(resident.text("yes"))
    assert "your application for an ASB Case Review is recorded" in recorded, resident.said
    assert "decision by" in recorded, resident.said

    with db() as session:
        application = session.scalars(
            select(CaseReviewApplication).order_by(CaseReviewApplication.id.desc())
        ).first()
        assert application is not None and application.threshold_met
        decision_day = application.decision_due
    assert any(reference in recorded for reference in references), resident.said
    wait_until(
        lambda: [
            text
            for text in system.texts_to(RESIDENT)
            if "Case Review" in text["body"] and str(decision_day.day) in text["body"]
        ],
        "the acknowledgement text naming the decision day",
    )
