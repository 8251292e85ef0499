"""Weekly or fortnightly contact promised in the action plan sets how often the regular "still
working on it" update goes, shown on the case page and audited; a plan without it gives the
usual interval back (docs/domain.md sections 9 and 10)."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.db import transaction, utcnow
from backend.sms_outbound.regular_contact import queue_regular_contact
from tests.backend.case_helpers import MONDAY, case_row, events, texts


def _contact_due(session_factory, now: datetime) -> int:
    with transaction(session_factory) as session:
        return queue_regular_contact(session, now, landlord_name="Example Homes")


def _plan(csrf: str, *landlord: str) -> list[tuple[str, str]]:
    return [
        ("csrf_token", csrf),
        ("resident", "keep_diary"),
        *[("landlord", code) for code in landlord],
        ("review_by", "2026-12-04"),
    ]


async def test_fortnightly_contact_in_the_plan_sets_the_interval(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()  # texted its acknowledgement just now
    acknowledged = utcnow()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    url = f"/staff/cases/{reference}"
    await client.post(f"{url}/status", data={"csrf_token": csrf, "status": "in_progress"})
    page = await (await client.get(url)).text()
    assert "Regular contact: every 7 days (the usual interval)." in page

    saved = await client.post(
        f"{url}/action-plan", data=_plan(csrf, "warning_letter", "contact_fortnightly")
    )
    assert saved.status == 200
    page = await saved.text()
    assert "Regular contact: every 14 days (fortnightly, agreed in the action plan)." in page
    assert case_row(session_factory, reference).details["contact_every_days"] == 14
    [event] = events(session_factory, reference, "action_plan")
    assert event.actor == "cat.chm"
    assert event.data["before"]["contact_every_days"] is None
    assert event.data["after"]["contact_every_days"] == 14
    assert event.summary == "Action plan saved; regular contact every 14 days (fortnightly)"

    # A week on: the usual weekly text does not go; a fortnight on, it does.
    assert _contact_due(session_factory, acknowledged + timedelta(days=8)) == 0
    assert _contact_due(session_factory, acknowledged + timedelta(days=14, hours=1)) == 1
    [contact] = texts(session_factory, "contact")
    assert f"we are still working on your case {reference}" in contact.body


async def test_weekly_contact_for_a_high_risk_case_and_back_to_the_usual(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    acknowledged = utcnow()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    url = f"/staff/cases/{reference}"
    triaged = await client.post(
        f"{url}/triage",
        data={
            "csrf_token": csrf,
            "category": "noise",
            "risk_band": "HIGH",
            "priority": "1",
            "is_asb": "yes",
            "reason": "Every night, resident unwell",
        },
    )
    assert "Regular contact: every 3 days (HIGH risk)." in await triaged.text()

    both = await client.post(
        f"{url}/action-plan", data=_plan(csrf, "contact_weekly", "contact_fortnightly")
    )
    assert both.status == 400 and "not both" in await both.text()
    weekly = await client.post(f"{url}/action-plan", data=_plan(csrf, "contact_weekly"))
    assert "every 7 days (weekly, agreed in the action plan)" in await weekly.text()
    # The plan is what the resident was promised: weekly, not every 3 days.
    assert _contact_due(session_factory, acknowledged + timedelta(days=4)) == 0
    assert _contact_due(session_factory, acknowledged + timedelta(days=7, hours=1)) == 1

    plain = await client.post(f"{url}/action-plan", data=_plan(csrf, "warning_letter"))
    assert "Regular contact: every 3 days (HIGH risk)." in await plain.text()
    assert "contact_every_days" not in case_row(session_factory, reference).details
    *_, last = events(session_factory, reference, "action_plan")
    assert last.summary == "Action plan saved; regular contact back to the usual interval"
    assert last.data["before"]["contact_every_days"] == 7
    assert last.data["after"]["contact_every_days"] is None
