"""Updates to the resident: queued once, only when it is safe, and by the way the resident
prefers to be contacted (a caller gets no written updates)."""

from __future__ import annotations

import logging
import re

from tests.backend.case_helpers import MONDAY, events, texts


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
    assert "Prefers a phone call, best time: evenings." in update
    # They asked for a call: nothing written goes, even though texting would be safe.
    assert "Call them: no written channel." in update and "Send this text" not in update
    response = await client.post(
        f"/staff/cases/{caller}/update",
        data={"csrf_token": csrf, "template": "in_progress", "nonce": "n-call"},
    )
    assert response.status == 400 and "Call them: no written channel." in await response.text()
    assert texts(session_factory, "update") == []

    page = await (await client.get(f"/staff/cases/{emailer}")).text()
    assert "Prefers email: sam.sample@example.org." in page
    # Email is what they chose: the update goes by email (they could have been texted too).
    assert "By email, as they asked." in page and "Send this email" in page
    sent = await client.post(
        f"/staff/cases/{emailer}/update",
        data={"csrf_token": csrf, "template": "in_progress", "nonce": "n-email"},
    )
    assert sent.status == 200 and "Email queued to the resident." in await sent.text()
    [emailed] = texts(session_factory, "update")
    assert (emailed.channel, emailed.to_email, emailed.to_number) == (
        "email",
        "sam.sample@example.org",
        None,
    )
    assert emailed.subject == f"Example Homes: an update on your report {emailer}"

    page = await (await client.get(f"/staff/cases/{texter}")).text()
    assert 'id="contact-preference"' not in page  # texts are what they asked for

    # Phone numbers, email addresses and message text never reach the logs.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"case {emailer}: update-email by cat.chm" in logged  # the logs say what happened...
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
    assert "They asked for a phone call but gave no phone number: we cannot reach them." in page
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
