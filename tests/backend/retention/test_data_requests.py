"""Subject-access export and erasure from the staff pages: admins only, CSRF-protected,
audited without the data; other people's details redacted; open cases kept. Fictional data."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.retention.models import REMOVED, DataRequest
from backend.retention.tracker import sms_conversation_id
from backend.sms_outbound.models import OutboxMessage
from tests.backend.retention.helpers import (
    NOW,
    PEOPLE,
    WITNESS,
    add_outbox,
    close_case,
    senders,
    staff_note,
    tracker_store,
)
from tests.conftest import INGEST_SECRET

PHONE = "+447700900123"
OTHER_PHONE = "+447700900999"
DESCRIPTION = "Music every night; the man at number 7 said ring him on 07700 900456"


def _cases(session_factory, add_case, tracker_url) -> dict[str, str]:
    closed = add_case(
        description=DESCRIPTION,
        details={"people_involved": PEOPLE, "witnesses": WITNESS},
        equality={"age_band": "25_34"},
    )
    still_open = add_case()
    someone_else = add_case(reporter={"phone": OTHER_PHONE, "name": "Other Resident"})
    close_case(session_factory, closed, NOW.replace(year=2025))
    staff_note(session_factory, closed, "Jo Neighbour denies it")
    add_outbox(session_factory, "update-1", NOW.replace(month=11), body="We visited today.")
    tracker_store(tracker_url, {sms_conversation_id(PHONE, INGEST_SECRET): NOW})
    return {"closed": closed, "open": still_open, "other": someone_else}


async def _admin(make_api_client, make_staff, login_as, tracker_url, role="admin"):
    client = await make_api_client(now=NOW, tracker_store_url=tracker_url)
    make_staff(f"ada.{role}", role)
    return client, await login_as(client, f"ada.{role}")


def _requests(session_factory) -> list[DataRequest]:
    with transaction(session_factory) as session:
        return list(session.execute(select(DataRequest).order_by(DataRequest.id)).scalars())


async def test_only_admins_reach_the_data_protection_pages(
    api_client, make_api_client, make_staff, login_as, tracker_url
):
    response = await api_client.get("/staff/retention", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/staff/login")
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url, "manager")
    assert 'href="/staff/retention"' not in await (await client.get("/staff")).text()
    assert (await client.get("/staff/retention")).status == 403
    for action in ("export", "erase"):
        form = {"csrf_token": csrf, "subject": PHONE, "confirm": "yes"}
        assert (await client.post(f"/staff/retention/{action}", data=form)).status == 403
    admin, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    page = await (await admin.get("/staff")).text()
    assert '<a href="/staff/retention">Data protection</a>' in page
    page = await (await admin.get("/staff/retention")).text()
    assert "anonymised 6 years after closure" in page and "No retention run yet" in page
    for odd in ("²", "99999999999999999999", "x"):  # a result link that is not one: the page
        assert (await admin.get("/staff/retention", params={"erasure": odd})).status == 200
    # Without the session's CSRF token nothing happens.
    response = await admin.post("/staff/retention/export", data={"subject": PHONE})
    assert response.status == 403


async def test_an_export_by_phone_holds_their_data_and_not_other_people_s(
    session_factory, add_case, make_api_client, make_staff, login_as, tracker_url, caplog
):
    caplog.set_level(logging.INFO)
    refs = _cases(session_factory, add_case, tracker_url)
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    response = await client.post(
        "/staff/retention/export", data={"csrf_token": csrf, "subject": "07700 900123"}
    )
    assert response.status == 200
    page = await response.text()
    assert refs["closed"] in page and refs["open"] in page and refs["other"] not in page
    assert "Music every night" in page and "We visited today." in page
    assert "loud music next door" in page  # their conversation with the assistant
    assert "07700 900456" not in page and "another person&#39;s phone number" in page
    assert WITNESS not in page and PEOPLE not in page and "Jo Neighbour denies it" not in page
    assert "Other Resident" not in page
    [audit] = _requests(session_factory)
    assert (audit.actor, audit.kind, audit.subject_type, audit.outcome) == (
        "ada.admin",
        "export",
        "phone",
        "exported",
    )
    assert sorted(audit.case_references) == sorted([refs["closed"], refs["open"]])
    assert audit.counts["cases"] == 2 and audit.counts["conversation_messages"] == 2
    assert "900123" not in json.dumps([audit.counts, audit.case_references, audit.refused])
    assert "subject-access export" in caplog.text
    assert "900123" not in caplog.text and "Music every night" not in caplog.text


async def test_an_export_by_reference_downloads_as_json(
    session_factory, add_case, make_api_client, make_staff, login_as, tracker_url
):
    refs = _cases(session_factory, add_case, tracker_url)
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    response = await client.post(
        "/staff/retention/export",
        data={"csrf_token": csrf, "subject": refs["closed"].lower(), "format": "json"},
    )
    assert response.status == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(await response.text())
    [case] = data["cases"]
    assert case["reference"] == refs["closed"]
    assert case["you"]["equality_answers"] == {"age_band": "25_34"}  # their own answers
    assert case["you"]["people_involved"] == "[redacted: details of other people]"
    notes = [e for e in case["timeline"] if e["kind"] == "note"]
    assert notes and notes[0]["text"].startswith("[withheld")
    assert data["what_is_left_out"]


async def test_a_subject_that_is_neither_is_a_clear_400(
    make_api_client, make_staff, login_as, tracker_url
):
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    for subject in ("", "hello", "ASB-2026-12"):
        response = await client.post(
            "/staff/retention/export", data={"csrf_token": csrf, "subject": subject}
        )
        assert response.status == 400
        text = await response.text()
        assert "phone number or a case reference" in text or "nor a UK phone number" in text
    response = await client.post(
        "/staff/retention/erase", data={"csrf_token": csrf, "subject": PHONE}
    )
    assert response.status == 400 and "Tick the box" in await response.text()


async def test_erasure_anonymises_closed_cases_and_keeps_open_ones_with_a_reason(
    session_factory, add_case, make_api_client, make_staff, login_as, tracker_url
):
    refs = _cases(session_factory, add_case, tracker_url)
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    response = await client.post(
        "/staff/retention/erase", data={"csrf_token": csrf, "subject": PHONE, "confirm": "yes"}
    )
    assert response.status == 200
    page = await response.text()
    assert "Closed cases erased, open cases refused" in page
    assert "the landlord must keep them while they are worked" in page
    with transaction(session_factory) as session:
        rows = {c.reference: c for c in session.execute(select(Case)).scalars()}
        assert rows[refs["closed"]].description == REMOVED
        assert rows[refs["closed"]].reporter_phone is None
        assert rows[refs["closed"]].details["anonymised"]["why"] == "erasure request"
        assert rows[refs["open"]].reporter_phone == PHONE  # kept while worked
        assert rows[refs["other"]].reporter_name == "Other Resident"
        [event] = session.execute(
            select(CaseEvent).where(
                CaseEvent.case_id == rows[refs["open"]].id, CaseEvent.kind == "erasure_request"
            )
        ).scalars()
        assert event.actor == "ada.admin" and "open" in event.summary
        acks = {
            m.case_id: m
            for m in session.execute(
                select(OutboxMessage).where(OutboxMessage.kind == "ack")
            ).scalars()
        }
        # Nothing more goes out about the erased case; the open case's text still goes.
        closed_ack, open_ack = acks[rows[refs["closed"]].id], acks[rows[refs["open"]].id]
        assert (closed_ack.state, closed_ack.body, closed_ack.to_number) == (
            "cancelled",
            REMOVED,
            None,
        )
        assert (open_ack.state, open_ack.to_number) == ("pending", PHONE)
    assert senders(tracker_url) == set()  # their assistant conversation is gone
    # Staff still open the anonymised case, and see what was removed.
    case_page = await client.get(f"/staff/cases/{refs['closed']}")
    assert case_page.status == 200 and REMOVED in await case_page.text()
    assert (await client.get("/staff/dashboard")).status == 200  # its figures still add up
    [audit] = _requests(session_factory)
    assert (audit.kind, audit.outcome) == ("erasure", "partly_erased")
    assert audit.case_references == [refs["closed"]] and audit.refused == [refs["open"]]
    assert audit.counts["cases_anonymised"] == 1 and audit.counts["conversation_events"] == 2


async def test_erasure_by_reference_of_a_closed_case(
    session_factory, add_case, make_api_client, make_staff, login_as, tracker_url
):
    refs = _cases(session_factory, add_case, tracker_url)
    client, csrf = await _admin(make_api_client, make_staff, login_as, tracker_url)
    form = {"csrf_token": csrf, "subject": refs["closed"], "confirm": "yes"}
    page = await (await client.post("/staff/retention/erase", data=form)).text()
    assert f"Anonymised now: {refs['closed']}." in page
    [audit] = _requests(session_factory)
    assert (audit.outcome, audit.refused) == ("erased", [])
    # A second request is recorded too; the case stays anonymised, nothing else to clear.
    await client.post("/staff/retention/erase", data=form)
    again = _requests(session_factory)[1]
    assert again.outcome == "erased" and again.counts["cases_anonymised"] == 1
    assert "timeline_events" not in again.counts
    page = await (await client.get("/staff/retention")).text()
    assert "Erasure by reference" in page and refs["closed"] in page
