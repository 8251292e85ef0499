"""Status changes: closing needs a reason and texts the closure and survey when it is safe;
a duplicate is closed and linked to the open case."""

from __future__ import annotations

from tests.backend.case_helpers import MONDAY, case_row, events, texts


async def test_status_workflow_closing_needs_a_reason(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    url = f"/staff/cases/{reference}/status"
    ok = await client.post(url, data={"csrf_token": csrf, "status": "in_progress"})
    assert ok.status == 200
    no_reason = await client.post(url, data={"csrf_token": csrf, "status": "closed"})
    assert no_reason.status == 400 and "closure reason" in await no_reason.text()
    closed = await client.post(
        url, data={"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"}
    )
    assert closed.status == 200
    case = case_row(session_factory, reference)
    assert (case.status, case.closure_reason, case.closed_at) == ("closed", "Resolved", MONDAY)
    changes = [e.data["after"]["status"] for e in events(session_factory, reference, "status")]
    assert changes == ["in_progress", "closed"]


async def test_closing_texts_the_closure_reason_and_the_first_survey_question(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    form = {"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"}
    closed = await client.post(f"/staff/cases/{reference}/status", data=form)
    assert closed.status == 200
    [closure] = texts(session_factory, "closure")
    assert closure.to_number == "+447700900123" and closure.state == "pending"
    assert f"we have closed your case {reference}. Why: Resolved." in closure.body
    assert "Question 1 of 5: How well did we keep you informed?" in closure.body
    [event] = [e for e in events(session_factory, reference, "status")]
    assert event.data["outbox_id"] == closure.id and event.data["resident_texted"] is True
    assert "closure text and survey queued" in event.summary
    assert closure.body in await closed.text()  # listed with the case's texts
    # Reopened and closed again: the resident is not asked the survey twice.
    await client.post(
        f"/staff/cases/{reference}/status", data={"csrf_token": csrf, "status": "in_progress"}
    )
    await client.post(f"/staff/cases/{reference}/status", data=form)
    assert len(texts(session_factory, "closure")) == 1


async def test_closing_sends_nothing_when_it_is_not_safe_to_text(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case(category="domestic_abuse", reporter={"safe_to_text": None})
    client = await make_api_client(now=MONDAY)
    make_staff("tom.tem", "officer", "TEM")
    csrf = await login_as(client, "tom.tem")
    closed = await client.post(
        f"/staff/cases/{reference}/status",
        data={"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"},
    )
    assert closed.status == 200
    assert case_row(session_factory, reference).status == "closed"
    assert texts(session_factory, "closure") == []
    [event] = events(session_factory, reference, "status")
    assert event.data["resident_texted"] is False
    assert "resident NOT told in writing (not safe to text)" in event.summary


async def test_a_duplicate_is_closed_and_linked_to_the_open_case(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    original = add_case(received_at="2026-11-19T20:00:00+00:00")
    duplicate = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{duplicate}")).text()
    assert f"Close {duplicate} as a duplicate of this" in page
    response = await client.post(
        f"/staff/cases/{duplicate}/duplicate", data={"csrf_token": csrf, "original": original}
    )
    assert response.status == 200
    closed = case_row(session_factory, duplicate)
    assert closed.status == "closed" and closed.closure_reason == f"Duplicate of {original}"
    assert texts(session_factory, "closure") == []  # they hear about the open case instead
    [linked] = events(session_factory, original, "linked")
    assert linked.data["duplicate"] == duplicate and linked.actor == "cat.chm"
    again = await client.post(
        f"/staff/cases/{original}/duplicate", data={"csrf_token": csrf, "original": duplicate}
    )
    assert again.status == 400 and "is closed" in await again.text()
