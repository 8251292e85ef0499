"""Staff see on the case page, and through the sweep the backend runs itself, that a case came
from an unfinished conversation."""

from __future__ import annotations

from backend.safeguarding.views import sweep_once
from tests.backend.safeguarding.helpers import (
    DUTY_PHONE,
    LATER,
    WORDS,
    all_cases,
    apply,
    make_record,
    texts,
)


async def test_the_case_page_says_the_report_is_incomplete(
    make_api_client, session_factory, make_staff, login_as
) -> None:
    apply(session_factory, make_record())
    client = await make_api_client(now=LATER, duty_officer_phone=DUTY_PHONE)
    # The backend's own sweep (what its background task runs every ASB_SAFEGUARDING_SWEEP_SECONDS).
    assert sweep_once(client.server.app) == 1
    [case] = all_cases(session_factory)
    assert [t.to_number for t in texts(session_factory)] == [DUTY_PHONE]

    make_staff("ann.agent", "agent")
    await login_as(client, "ann.agent")
    page = await (await client.get(f"/staff/cases/{case.reference}")).text()
    assert "Opened from an unfinished conversation" in page
    assert "INCOMPLETE REPORT" in page
    assert WORDS[0] in page
    assert "Unfinished report after safety advice" in page  # the open alert
