"""The written action plan: kept on the case, becomes the promised date, texted."""

from __future__ import annotations

from datetime import date

from tests.backend.case_helpers import MONDAY, case_row, texts


async def test_action_plan_is_kept_on_the_case_and_texted(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    response = await client.post(
        f"/staff/cases/{reference}/action-plan",
        data=[
            ("csrf_token", csrf),
            ("nonce", "plan-1"),
            ("resident", "keep_diary"),
            ("resident", "environmental_health"),
            ("landlord", "warning_letter"),
            ("landlord", "contact_weekly"),
            ("review_by", "2026-12-04"),
            ("send", "yes"),
        ],
    )
    assert response.status == 200
    html = await response.text()
    assert "The plan as the resident reads it" in html
    case = case_row(session_factory, reference)
    assert case.action_plan == {
        "resident": ["keep_diary", "environmental_health"],
        "landlord": ["warning_letter", "contact_weekly"],
        "review_by": "2026-12-04",
    }
    assert case.promised_date == date(2026, 12, 4)
    [plan] = texts(session_factory, "action_plan")
    assert "We will: send a warning letter; contact you every week." in plan.body
    assert "keep a diary" in plan.body and "Friday 4 December" in plan.body
    nothing = await client.post(
        f"/staff/cases/{reference}/action-plan",
        data={"csrf_token": csrf, "review_by": "2026-12-04"},
    )
    assert nothing.status == 400 and "Tick at least one action" in await nothing.text()
