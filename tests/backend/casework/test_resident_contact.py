"""A resident who asked to be phoned gets nothing written: staff see "call them", when the
call is due, and record the call, which restarts the regular-contact clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backend.db import transaction, utcnow
from backend.sms_outbound.regular_contact import queue_regular_contact
from tests.backend.case_helpers import MONDAY, events
from tests.backend.email_outbound.email_world import open_case, rows


async def test_a_resident_who_asked_for_a_call_gets_nothing_written_and_staff_see_a_call_due(
    session_factory, make_report, make_api_client, make_staff, login_as
):
    # Not safe to text, so no acknowledgement text either: the clock starts at triage.
    reference = open_case(
        session_factory,
        make_report(reporter={"preferred_contact": "call", "safe_to_text": False}),
    )
    clock = [MONDAY]
    client = await make_api_client(now=lambda: clock[0])
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    case_url = f"/staff/cases/{reference}"
    await client.post(f"{case_url}/status", data={"csrf_token": csrf, "status": "in_progress"})

    page = await (await client.get(case_url)).text()
    assert "Call them: no written channel." in page
    assert "A call is due by Mon 30 Nov 2026." in page  # a week after triage on Monday 23rd
    assert "updates do not go by themselves." in page

    # Nothing written goes by itself, however long it has been.
    with transaction(session_factory) as session:
        assert queue_regular_contact(session, utcnow() + timedelta(days=30)) == 0
    assert rows(session_factory) == []

    clock[0] = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    csrf = await login_as(client, "cat.chm")  # a new day, a new session
    called = await client.post(
        f"{case_url}/call", data={"csrf_token": csrf, "note": "Talked it through; no change"}
    )
    assert called.status == 200 and "Call recorded." in (page := await called.text())
    assert "A call is due by Wed 02 Dec 2026." in page
    [call] = events(session_factory, reference, "call")
    assert (call.actor, call.summary, call.data["note"]) == (
        "cat.chm",
        "Phoned the resident",
        "Talked it through; no change",
    )
    closed = await client.post(
        f"{case_url}/status",
        data={"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"},
    )
    assert closed.status == 200
    [*_, closing] = events(session_factory, reference, "status")
    assert "resident NOT told in writing (they asked for a phone call)" in closing.summary
    assert rows(session_factory) == []
