"""A later promised date: recorded with the reason and the resident told by text."""

from __future__ import annotations

from datetime import date

from tests.backend.case_helpers import MONDAY, case_row, events, texts


async def test_a_later_date_is_recorded_and_the_resident_told(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()  # triage due Friday 27 November
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    url = f"/staff/cases/{reference}/promise"
    past = await client.post(
        url, data={"csrf_token": csrf, "new_date": "2026-11-20", "reason": "x"}
    )
    assert past.status == 400
    weekend = await client.post(
        url, data={"csrf_token": csrf, "new_date": "2026-11-28", "reason": "x"}
    )
    assert weekend.status == 400 and "working day" in await weekend.text()
    ok = await client.post(
        url,
        data={
            "csrf_token": csrf,
            "new_date": "2026-12-02",
            "reason": "Waiting for the police information",
            "tell_resident": "yes",
        },
    )
    assert ok.status == 200
    assert case_row(session_factory, reference).promised_date == date(2026, 12, 2)
    [delay] = texts(session_factory, "delay")
    assert "by Friday 27 November" in delay.body and "by Wednesday 2 December" in delay.body
    [event] = events(session_factory, reference, "due_date")
    assert event.data["after"] == {"promised_date": "2026-12-02"}
    assert event.data["extension_working_days"] == 3
    assert event.data["reason"] == "Waiting for the police information"
