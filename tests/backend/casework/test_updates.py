"""Staff case work (issue 4): queue, search, case page, triage, status, texts, plans, roles."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from backend.cases.models import Case, CaseEvent
from backend.cases.service import create_case_from_report, parse_report
from backend.db import transaction
from backend.sms_outbound.models import OutboxMessage
from core.workdays import WorkingCalendar

# Monday 23 November 2026, 09:00 in London: the first triage after a weekend.
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def add_case(session_factory, make_report):
    """`add_case(**report_overrides) -> reference`, straight through the cases service."""

    def add(**overrides) -> str:
        report = parse_report(make_report(**overrides), now=MONDAY)
        with transaction(session_factory) as session:
            case, _ = create_case_from_report(
                session, report, WorkingCalendar(), MONDAY, landlord_name="Example Homes"
            )
            return case.reference

    return add


def case_row(session_factory, reference: str) -> Case:
    with transaction(session_factory) as session:
        return session.execute(select(Case).where(Case.reference == reference)).scalar_one()


def events(session_factory, reference: str, kind: str) -> list[CaseEvent]:
    with transaction(session_factory) as session:
        return list(
            session.execute(
                select(CaseEvent)
                .join(Case)
                .where(Case.reference == reference, CaseEvent.kind == kind)
                .order_by(CaseEvent.id)
            ).scalars()
        )


def texts(session_factory, kind: str) -> list[OutboxMessage]:
    with transaction(session_factory) as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == kind)
        return list(session.execute(query.order_by(OutboxMessage.id)).scalars())


def references_in(html: str) -> list[str]:
    """Case references in the order the page lists them (first mention each)."""
    seen: list[str] = []
    for ref in re.findall(r'href="/staff/cases/(ASB-\d{4}-\d+)"', html):
        if ref not in seen:
            seen.append(ref)
    return seen


# -- queue and search ----------------------------------------------------------------------


async def test_queue_lists_overdue_first_then_most_urgent_then_due(
    make_api_client, make_staff, login_as, add_case
):
    low = add_case()  # noise, LOW risk: due Friday
    overdue = add_case(received_at="2026-11-10T10:00:00+00:00")  # due 16 Nov: overdue
    urgent = add_case(category="harassment", flags={"hate": True})  # TEM, due today
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff")).text()
    assert references_in(html)[:3] == [overdue, urgent, low]
    assert "Overdue" in html
    assert "Hate" in html and "Harassment" in html


async def test_officers_only_see_their_own_teams_cases(
    make_api_client, make_staff, login_as, add_case
):
    chm_case = add_case()
    tem_case = add_case(category="domestic_abuse")
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    await login_as(client, "cat.chm")
    html = await (await client.get("/staff?team=TEM")).text()  # the team filter is ignored
    assert chm_case in html and tem_case not in html
    response = await client.get(f"/staff/cases/{tem_case}")
    assert response.status == 403
    assert (await client.get(f"/staff/cases/{chm_case}")).status == 200


async def test_queue_filters_by_status_and_pages(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    refs = [add_case() for _ in range(52)]
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == refs[0])).scalar_one()
        case.status = "in_progress"
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    first = await (await client.get("/staff")).text()
    assert "51 cases waiting for triage" in first
    assert "Page 1 of 2" in first
    assert len(references_in(first)) == 50
    second = await (await client.get("/staff?page=2")).text()
    assert len(references_in(second)) == 1
    in_progress = await (await client.get("/staff?status=in_progress")).text()
    assert references_in(in_progress) == [refs[0]]


async def test_search_by_phone_postcode_and_reference_is_a_post(
    make_api_client, make_staff, login_as, add_case
):
    mine = add_case(location="Flat 3, 1 Example Road, LS6 2AB")
    other = add_case(reporter={"phone": "+447700900456"}, location="2 Sample Street, LS7 1XY")
    client = await make_api_client(now=MONDAY)
    make_staff("ann.agent", "agent")
    csrf = await login_as(client, "ann.agent")

    async def search(term: str):
        return await client.post("/staff/search", data={"q": term, "csrf_token": csrf})

    html = await (await search("07700 900123")).text()  # the way residents write it
    assert mine in html and other not in html
    html = await (await search("ls62ab")).text()
    assert mine in html and other not in html
    html = await (await search("LS7")).text()
    assert other in html and mine not in html
    html = await (await search(other.lower())).text()
    assert references_in(html) == [other]
    refused = await search("loud music")
    assert refused.status == 400
    assert "reference, a phone number or a postcode" in await refused.text()
    assert (await client.post("/staff/search", data={"q": "LS7"})).status == 403  # no CSRF
    assert (await client.get("/staff/search?q=07700900123")).status == 405


# -- the case page -------------------------------------------------------------------------


async def test_case_page_shows_related_cases_and_the_case_review_indicator(
    make_api_client, make_staff, login_as, add_case
):
    first = add_case(received_at="2026-09-01T10:00:00+00:00")
    second = add_case(received_at="2026-10-01T10:00:00+00:00")
    neighbour = add_case(reporter={"phone": "+447700900999"}, location="flat 3 - 1 example road")
    third = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{third}")).text()
    assert first in html and second in html and neighbour in html
    assert "same phone" in html and "same address" in html
    assert "possible duplicate" in html
    assert "ASB Case Review" in html and "3 reports in the last 6 months" in html
    # The neighbour has reported once: no Case Review for them.
    html = await (await client.get(f"/staff/cases/{neighbour}")).text()
    assert "ASB Case Review" not in html


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
    assert "resident NOT texted (not safe to text)" in event.summary


async def test_notes_by_any_staff_member_appear_on_the_timeline(
    make_api_client, make_staff, login_as, add_case
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("ann.agent", "agent")
    csrf = await login_as(client, "ann.agent")
    response = await client.post(
        f"/staff/cases/{reference}/note",
        data={"csrf_token": csrf, "text": "Resident rang back: music again on Sunday"},
    )
    assert response.status == 200
    assert "Resident rang back: music again on Sunday" in await response.text()


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


# -- texts to the resident -----------------------------------------------------------------


async def test_send_update_shows_the_text_and_queues_it_once(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert f"Example Homes: an update on your report {reference}" in page
    assert "1 text message (GSM-7" in page or "2 text messages (GSM-7" in page
    nonce = re.search(r'name="nonce" value="([^"]+)"', page).group(1)
    form = {"csrf_token": csrf, "template": "in_progress", "nonce": nonce}
    first = await client.post(f"/staff/cases/{reference}/update", data=form)
    again = await client.post(f"/staff/cases/{reference}/update", data=form)  # double click
    assert first.status == again.status == 200
    [update] = texts(session_factory, "update")
    assert update.to_number == "+447700900123"
    # Five working days from Monday 23 November.
    assert "update you again by Monday 30 November" in update.body
    assert update.body in await again.text()  # listed with the case's texts
    assert len(events(session_factory, reference, "update")) == 2  # both clicks audited


async def test_no_texts_when_the_resident_has_not_said_it_is_safe(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case(category="domestic_abuse", reporter={"safe_to_text": None})
    client = await make_api_client(now=MONDAY)
    make_staff("tom.tem", "officer", "TEM")
    csrf = await login_as(client, "tom.tem")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "has not said it is safe to text" in page
    response = await client.post(
        f"/staff/cases/{reference}/update",
        data={"csrf_token": csrf, "template": "in_progress", "nonce": "n1"},
    )
    assert response.status == 400
    assert texts(session_factory, "update") == []


async def test_case_page_shows_how_the_resident_wants_to_be_contacted(
    make_api_client, make_staff, login_as, add_case, session_factory, caplog
):
    caplog.set_level(logging.DEBUG)
    caller = add_case(reporter={"preferred_contact": "call", "best_time": "evenings."})
    emailer = add_case(reporter={"preferred_contact": "email", "email": "sam.sample@example.org"})
    texter = add_case(reporter={"preferred_contact": "text", "best_time": "evenings"})
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")

    page = await (await client.get(f"/staff/cases/{caller}")).text()
    update = page[page.index('id="update"') :]
    # Next to the update controls, before the texts that can still be sent.
    preference = update[: update.index("Send this text")]
    assert "Prefers a phone call, best time: evenings." in preference
    assert "Update texts can still be sent" in preference
    # Texting rules are unchanged: a number, consent and safe to text.
    response = await client.post(
        f"/staff/cases/{caller}/update",
        data={"csrf_token": csrf, "template": "in_progress", "nonce": "n-call"},
    )
    assert response.status == 200
    assert len(texts(session_factory, "update")) == 1

    page = await (await client.get(f"/staff/cases/{emailer}")).text()
    assert "Prefers email: sam.sample@example.org." in page

    page = await (await client.get(f"/staff/cases/{texter}")).text()
    assert 'id="contact-preference"' not in page  # texts are what they asked for

    # Phone numbers, email addresses and message text never reach the logs.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"case {caller}: update by cat.chm" in logged  # the logs say what happened...
    assert "sam.sample" not in logged and "7700900123" not in logged  # ...with no contact details
    assert "update on your report" not in logged


async def test_contact_preference_says_what_is_missing(
    make_api_client, make_staff, login_as, add_case
):
    no_phone = add_case(
        category="domestic_abuse",
        reporter={"phone": None, "preferred_contact": "call", "best_time": "mornings"},
    )
    no_consent = add_case(
        category="domestic_abuse",
        reporter={"preferred_contact": "call", "consent_to_contact": False},
    )
    no_email = add_case(category="domestic_abuse", reporter={"preferred_contact": "email"})
    client = await make_api_client(now=MONDAY)
    make_staff("tom.tem", "officer", "TEM")
    await login_as(client, "tom.tem")
    page = await (await client.get(f"/staff/cases/{no_phone}")).text()
    assert "Prefers a phone call, but gave no phone number, best time: mornings." in page
    assert "The resident gave no phone number." in page
    assert "Update texts can still be sent" not in page
    page = await (await client.get(f"/staff/cases/{no_consent}")).text()
    assert "Prefers a phone call. They did not agree to be contacted." in page
    page = await (await client.get(f"/staff/cases/{no_email}")).text()
    assert "Prefers email, but gave no email address." in page
    # Agents do not work cases, so they see the preference in the contact details only.
    make_staff("ash.agent", "agent")
    await login_as(client, "ash.agent")
    page = await (await client.get(f"/staff/cases/{no_phone}")).text()
    assert 'id="contact-preference"' not in page
    assert re.search(r"<dt>Preferred contact</dt><dd>Phone call</dd>", page)


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


async def test_the_json_api_keeps_officers_to_their_team(
    make_api_client, make_staff, login_as, add_case, api_headers
):
    chm_case = add_case()
    tem_case = add_case(category="hate")
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    await login_as(client, "cat.chm")
    queue = await (await client.get("/api/triage-queue")).json()
    assert [item["reference"] for item in queue["items"]] == [chm_case]
    assert (await client.get("/api/triage-queue?team=TEM")).status == 403
    assert (await client.get(f"/api/cases/{tem_case}")).status == 403
    assert (await client.get(f"/api/cases/{chm_case}")).status == 200
    # A script with the API token sees everything.
    everything = await client.get("/api/triage-queue?status=all", headers=api_headers)
    assert (await everything.json())["total"] == 2


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
