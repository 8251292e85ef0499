"""Updates by email for a resident who asked for email, through the staff pages and a real
(local) SMTP server: each goes by email in email words, is on the timeline with its delivery
state, and the case page shows staff how the resident will be contacted."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import update

from backend.cases.models import Case
from backend.db import transaction, utcnow
from backend.sms_outbound.regular_contact import queue_regular_contact
from tests.backend.case_helpers import MONDAY, events
from tests.backend.email_outbound.email_world import (
    EMAIL,
    EMAIL_ONLY,
    open_case,
    rows,
    send_due,
    timeline,
)


def _messages_table(page: str) -> str:
    return page[page.index('id="texts"') : page.index('id="timeline"')]


async def test_updates_and_the_closure_go_by_email_and_the_page_shows_their_delivery(
    session_factory, settings, smtp, mail, make_report, make_api_client, make_staff, login_as,
    monkeypatch,
):  # fmt: skip
    monkeypatch.setenv("ASB_SMTP_URL", smtp.url)
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    case_url = f"/staff/cases/{reference}"

    page = await (await client.get(case_url)).text()
    assert "How they hear from us:</strong> By email, as they asked." in page
    assert "Emails cannot go yet" not in page  # a mail server is set up
    assert f"Subject: Example Homes: an update on your report {reference}" in page
    assert "Send this email" in page and "Send this text" not in page
    assert re.search(
        r"<td>ack</td><td>Email</td><td>Resident</td>\s*<td class=\"delivery\">queued", page
    )

    update = await client.post(
        f"{case_url}/update", data={"csrf_token": csrf, "template": "reviewed", "nonce": "u1"}
    )
    assert update.status == 200 and "Email queued to the resident." in await update.text()
    delay = await client.post(
        f"{case_url}/promise",
        data={
            "csrf_token": csrf,
            "new_date": "2026-12-02",
            "reason": "Waiting for the police information",
            "tell_resident": "yes",
        },
    )
    assert delay.status == 200
    [promise] = events(session_factory, reference, "due_date")
    assert "resident told by email" in promise.summary
    closed = await client.post(
        f"{case_url}/status",
        data={"csrf_token": csrf, "status": "closed", "closure_reason": "Resolved"},
    )
    assert closed.status == 200
    [closing] = events(session_factory, reference, "status")
    assert "closure email queued to the resident (no survey" in closing.summary
    assert all(r.channel == "email" and r.to_email == EMAIL for r in rows(session_factory))

    assert send_due(session_factory, mail, settings, utcnow()) == 4
    by_subject = {r.message["Subject"]: r.text for r in smtp.received}
    assert set(by_subject) == {
        f"Example Homes: we have your report {reference}",
        f"Example Homes: an update on your report {reference}",
        f"Example Homes: a new date for your report {reference}",
        f"Example Homes: we have closed your report {reference}",
    }
    assert (
        "will contact you by Monday 30 November"
        in by_subject[f"Example Homes: an update on your report {reference}"]
    )
    assert (
        "will now do this by Wednesday 2 December"
        in by_subject[f"Example Homes: a new date for your report {reference}"]
    )
    closure = by_subject[f"Example Homes: we have closed your report {reference}"]
    assert f"we have closed your case {reference}. Why: Resolved." in closure
    assert "If it happens again, report it again or call 0300 000 0000." in closure
    assert "Question 1 of 5" not in closure  # the survey is answered by text reply only

    page = await (await client.get(case_url)).text()
    table = _messages_table(page)
    assert table.count('class="message-email"') == 4 and "queued" not in table
    assert table.count('<td class="delivery">sent') == 4
    assert timeline(session_factory, reference)[-1] == "Email (closure): sent"
    assert "Email (closure): sent" in page  # on the timeline staff read


async def test_the_page_says_when_emails_cannot_go(
    session_factory, make_report, make_api_client, make_staff, login_as, monkeypatch
):
    monkeypatch.delenv("ASB_SMTP_URL", raising=False)
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Emails cannot go yet" in page and "Call them instead." in page


def test_regular_contact_goes_by_email_in_email_words(session_factory, make_report):
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    with transaction(session_factory) as session:
        session.execute(
            update(Case).where(Case.reference == reference).values(status="in_progress")
        )
    week_later = utcnow() + timedelta(days=7, hours=1)  # a week after the acknowledgement
    with transaction(session_factory) as session:
        assert (
            queue_regular_contact(
                session, week_later, landlord_name="Example Homes", landlord_phone="0300 000 0000"
            )
            == 1
        )
    [contact] = rows(session_factory, kind="contact")
    assert contact.channel == "email" and contact.to_email == EMAIL
    assert f"Example Homes: we are still working on your case {reference}." in contact.body
    assert "To tell us anything new, call 0300 000 0000." in contact.body
    assert "Reply to this text" not in contact.body
