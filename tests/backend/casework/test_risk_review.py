"""The officer's review of the RAM answers: score, band, priority and due date, audited."""

from __future__ import annotations

from datetime import date

from tests.backend.case_helpers import MONDAY, case_row, events


async def test_officer_confirms_ram_answers_and_the_score_is_recalculated(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()  # q1 daily = 5: LOW, 5 days
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert 'name="q5_history"' in page and "provisional" in page
    response = await client.post(
        f"/staff/cases/{reference}/ram",
        data=[
            ("csrf_token", csrf),
            ("q1_frequency", "daily"),  # 5
            ("q5_history", "currently"),  # 6
            ("q7_targeted", "you"),  # 4
            ("q10_affected", "extremely"),  # 5
            ("q11_health", "physical"),  # 3
            ("q11_health", "mental"),  # 3
            ("q2_linked", ""),
        ],
    )
    assert response.status == 200
    case = case_row(session_factory, reference)
    assert (case.risk_score, case.risk_band) == (26, "HIGH")
    assert case.ram_answers["q11_health"] == ["physical", "mental"]
    assert case.triage_priority_days == 1 and case.triage_due == date(2026, 11, 23)
    assert case.ram_confirmed_by == "cat.chm"
    [event] = events(session_factory, reference, "ram")
    assert event.data["before"]["risk_band"] == "LOW"
    assert event.data["after"]["risk_score"] == 26
