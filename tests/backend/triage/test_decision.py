"""The triage decision and assignment: what changes on the case, the audit, who may do it."""

from __future__ import annotations

from datetime import date

from tests.backend.case_helpers import MONDAY, case_row, events


async def test_triage_decision_changes_the_case_and_is_audited(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()  # noise -> CHM, LOW, 5 days, due Fri 27 Nov
    client = await make_api_client(now=MONDAY)
    make_staff("tom.tem", "officer", "TEM")
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Triage decision" in page
    response = await client.post(
        f"/staff/cases/{reference}/triage",
        data={
            "csrf_token": csrf,
            "category": "harassment",
            "team": "",
            "risk_band": "HIGH",
            "priority": "1",
            "is_asb": "yes",
            "assigned_to": "",
            "reason": "Threats on the stairs, resident frightened",
        },
        allow_redirects=False,
    )
    assert response.status == 303
    case = case_row(session_factory, reference)
    assert (case.category, case.owner_team, case.risk_band) == ("harassment", "TEM", "HIGH")
    assert case.triage_priority_days == 1
    assert case.triage_due == date(2026, 11, 23)  # 1 working day from the queue date
    assert case.status == "triaged" and case.triaged_at == MONDAY
    [event] = events(session_factory, reference, "triage")
    assert event.actor == "cat.chm"
    assert event.data["before"]["owner_team"] == "CHM"
    assert event.data["after"]["owner_team"] == "TEM"
    assert event.data["before"]["triage_due"] == "2026-11-27"
    assert event.data["after"]["triage_due"] == "2026-11-23"
    assert event.data["reason"] == "Threats on the stairs, resident frightened"
    # The case now belongs to TEM, so the CHM officer can no longer open it.
    assert (await client.get(f"/staff/cases/{reference}")).status == 403
    await login_as(client, "tom.tem")
    html = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Threats on the stairs" in html and "CHM &rarr; TEM" in html


async def test_triage_needs_a_reason_and_the_right_role(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("ann.agent", "agent")
    make_staff("mia.manager", "manager")
    form = {"category": "noise", "risk_band": "LOW", "priority": "5", "is_asb": "no"}
    csrf = await login_as(client, "ann.agent")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Triage decision" not in page and "Add a note" in page
    refused = await client.post(
        f"/staff/cases/{reference}/triage", data={**form, "csrf_token": csrf}
    )
    assert refused.status == 403
    csrf = await login_as(client, "mia.manager")
    missing = await client.post(
        f"/staff/cases/{reference}/triage", data={**form, "csrf_token": csrf}
    )
    assert missing.status == 400
    assert "Give the reason for this decision" in await missing.text()
    no_csrf = await client.post(f"/staff/cases/{reference}/triage", data={**form, "reason": "x"})
    assert no_csrf.status == 403
    assert case_row(session_factory, reference).status == "new"
    assert events(session_factory, reference, "triage") == []
    ok = await client.post(
        f"/staff/cases/{reference}/triage",
        data={**form, "reason": "Music at normal hours", "csrf_token": csrf},
    )
    assert ok.status == 200 and "Triage decision saved" in await ok.text()
    assert case_row(session_factory, reference).is_asb is False


async def test_assignment_stays_within_an_officers_team(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    make_staff("dan.chm", "officer", "CHM")
    make_staff("tom.tem", "officer", "TEM")
    csrf = await login_as(client, "cat.chm")
    wrong = await client.post(
        f"/staff/cases/{reference}/assign",
        data={"csrf_token": csrf, "team": "CHM", "assigned_to": "tom.tem"},
    )
    assert wrong.status == 400 and "not an officer in team CHM" in await wrong.text()
    other_team = await client.post(
        f"/staff/cases/{reference}/assign", data={"csrf_token": csrf, "team": "TEM"}
    )
    assert other_team.status == 400
    ok = await client.post(
        f"/staff/cases/{reference}/assign",
        data={"csrf_token": csrf, "team": "CHM", "assigned_to": "dan.chm"},
    )
    assert ok.status == 200
    assert case_row(session_factory, reference).assigned_to == "dan.chm"
    [event] = events(session_factory, reference, "assign")
    assert event.data["before"] == {"assigned_to": None}
    assert event.data["after"] == {"assigned_to": "dan.chm"}
