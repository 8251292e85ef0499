"""Returning residents: checking a report, one-time codes, open cases, repeat incidents.

Runs on SQLite and PostgreSQL with fictional data only.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from backend.cases.queries import get_case_by_reference
from backend.casework.status import set_status
from backend.db import transaction
from backend.sms_outbound.models import OutboxMessage

PHONE = "+447700900123"
OTHER_PHONE = "+447700900456"
ADDRESS = "Flat 3, 1 Example Road, ZZ99 1AA"
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)  # the morning after make_report's night


class Clock:
    """A clock the test moves forward."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
async def client(make_api_client, clock):
    return await make_api_client(now=clock)


async def report(client, headers, make_report, **overrides) -> str:
    body = make_report(**{"location": ADDRESS, **overrides})
    response = await client.post("/api/reports", json=body, headers=headers)
    assert response.status == 201, await response.text()
    return (await response.json())["reference"]


async def status(client, headers, **body):
    return await client.post("/api/residents/case-status", json=body, headers=headers)


def incident(**overrides):
    body = {
        "report_id": str(uuid.uuid4()),
        "channel": "sms",
        "description": "The music was loud again until 2am",
        "happened_when": "last night",
        "happening_now": False,
        "frequency": "daily",
        "flags": {},
        "verification": {"phone": PHONE},
    }
    body.update(overrides)
    return body


def outbox(session_factory, kind: str) -> list[OutboxMessage]:
    with transaction(session_factory) as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        rows = list(session.execute(query).scalars())
        return [(row.to_number, row.body, row.urgent) for row in rows]


async def test_status_with_the_reporters_phone_number(client, ingest_headers, make_report):
    reference = await report(client, ingest_headers, make_report)
    # The SMS sender's number as Twilio or the resident writes it.
    response = await status(client, ingest_headers, reference=reference, phone="07700 900123")
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["reference"] == reference
    assert body["status"] == "new"
    assert body["status_text"] == "Waiting for the team to review it"
    assert body["owner_team"] == "CHM"
    assert body["next_step_date"] == "2026-11-27"  # the triage due date while it is new
    assert body["last_update_at"]
    # The reference is accepted in lower case too.
    again = await status(client, ingest_headers, reference=reference.lower(), phone=PHONE)
    assert again.status == 200


async def test_status_with_the_postcode_in_the_address(client, ingest_headers, make_report):
    reference = await report(client, ingest_headers, make_report, reporter={"phone": None})
    for postcode in ("ZZ99 1AA", "zz991aa", " zz99  1aa "):
        response = await status(client, ingest_headers, reference=reference, postcode=postcode)
        assert response.status == 200, postcode


async def test_status_with_the_reporters_own_postcode(client, ingest_headers, make_report):
    reference = await report(
        client,
        ingest_headers,
        make_report,
        location="The car park behind the shops",
        reporter={"phone": None, "postcode": "zz99 1ab"},
    )
    response = await status(client, ingest_headers, reference=reference, postcode="ZZ99 1AB")
    assert response.status == 200
    wrong = await status(client, ingest_headers, reference=reference, postcode="ZZ99 1AA")
    assert wrong.status == 404


async def test_an_invalid_reporter_postcode_is_refused(client, ingest_headers, make_report):
    body = make_report(reporter={"postcode": "not a postcode"})
    response = await client.post("/api/reports", json=body, headers=ingest_headers)
    assert response.status == 400
    assert "reporter.postcode" in (await response.json())["fields"]


async def test_wrong_phone_wrong_postcode_and_unknown_reference_look_the_same(
    client, ingest_headers, make_report
):
    reference = await report(client, ingest_headers, make_report)
    answers = [
        await status(client, ingest_headers, reference=reference, phone=OTHER_PHONE),
        await status(client, ingest_headers, reference=reference, postcode="ZZ99 9ZZ"),
        await status(client, ingest_headers, reference="ASB-2026-999999", phone=PHONE),
        await status(client, ingest_headers, reference="nonsense", postcode="ZZ99 1AA"),
    ]
    for answer in answers:
        assert answer.status == 404
        assert await answer.json() == {"error": "not_found_or_not_verified"}


async def test_the_sixth_failed_attempt_in_an_hour_is_refused(
    client, clock, ingest_headers, make_report
):
    reference = await report(client, ingest_headers, make_report)
    for _ in range(5):
        failed = await status(client, ingest_headers, reference=reference, phone=OTHER_PHONE)
        assert failed.status == 404
    blocked = await status(client, ingest_headers, reference=reference, phone=OTHER_PHONE)
    assert blocked.status == 429
    # Even the right number waits now...
    assert (await status(client, ingest_headers, reference=reference, phone=PHONE)).status == 429
    # ...until the hour has passed.
    clock.moment += timedelta(hours=1, minutes=1)
    assert (await status(client, ingest_headers, reference=reference, phone=PHONE)).status == 200


async def test_a_code_works_once_within_ten_minutes(
    client, clock, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    response = await client.post(
        "/api/residents/verification-codes", json={"reference": reference}, headers=ingest_headers
    )
    assert response.status == 202
    [(to_number, body, urgent)] = outbox(session_factory, "verification")
    assert to_number == PHONE and urgent
    code = re.search(r"code to check report \S+ is (\d{6})", body).group(1)

    clock.moment += timedelta(minutes=9)
    first = await status(client, ingest_headers, reference=reference, code=code)
    assert first.status == 200
    second = await status(client, ingest_headers, reference=reference, code=code)
    assert second.status == 404  # used already

    # A new code that is not used in time stops working.
    await client.post(
        "/api/residents/verification-codes", json={"reference": reference}, headers=ingest_headers
    )
    late_code = re.search(r"is (\d{6})", outbox(session_factory, "verification")[-1][1]).group(1)
    clock.moment += timedelta(minutes=10, seconds=1)
    late = await status(client, ingest_headers, reference=reference, code=late_code)
    assert late.status == 404


async def test_code_requests_answer_the_same_whatever_the_case(
    client, ingest_headers, make_report, session_factory
):
    no_consent = await report(
        client, ingest_headers, make_report, reporter={"consent_to_contact": False}
    )
    unsafe = await report(client, ingest_headers, make_report, reporter={"safe_to_text": False})
    answers = []
    for reference in (no_consent, unsafe, "ASB-2026-999999", "nonsense"):
        response = await client.post(
            "/api/residents/verification-codes",
            json={"reference": reference},
            headers=ingest_headers,
        )
        answers.append((response.status, await response.json()))
    assert len(set(map(str, answers))) == 1
    assert answers[0][0] == 202
    assert outbox(session_factory, "verification") == []


async def test_open_cases_for_a_phone_number(client, ingest_headers, make_report, session_factory):
    first = await report(client, ingest_headers, make_report)
    second = await report(client, ingest_headers, make_report, category="vandalism")
    closed = await report(client, ingest_headers, make_report)
    await report(client, ingest_headers, make_report, reporter={"phone": OTHER_PHONE})
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, closed)
        set_status(session, case, "closed", actor="officer", now=NOW, closure_reason="Resolved")
    response = await client.post(
        "/api/residents/open-cases", json={"phone": "07700 900123"}, headers=ingest_headers
    )
    assert response.status == 200
    cases = (await response.json())["cases"]
    assert {item["reference"] for item in cases} == {first, second}
    assert set(cases[0]) == {"reference", "category", "received_at", "status"}
    assert {item["category"] for item in cases} == {"noise", "vandalism"}
    bad = await client.post(
        "/api/residents/open-cases", json={"phone": "not a number"}, headers=ingest_headers
    )
    assert bad.status == 400


async def test_a_repeat_incident_joins_the_open_case(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    url = f"/api/cases/{reference}/incidents"
    first_body = incident()
    first = await client.post(url, json=first_body, headers=ingest_headers)
    assert first.status == 201, await first.text()
    assert await first.json() == {
        "reference": reference,
        "incident_count": 2,
        "reports_last_6_months": 2,
        "case_review_eligible": False,
    }
    # The same report sent again (a retry) changes nothing.
    retry = await client.post(url, json=first_body, headers=ingest_headers)
    assert retry.status == 200
    assert (await retry.json())["incident_count"] == 2

    third = await client.post(
        url,
        json=incident(channel="web", verification={"postcode": "ZZ99 1AA"}),
        headers=ingest_headers,
    )
    assert third.status == 201
    assert await third.json() == {
        "reference": reference,
        "incident_count": 3,
        "reports_last_6_months": 3,
        "case_review_eligible": True,
    }
    with transaction(session_factory) as session:
        from backend.cases.models import Case

        assert session.execute(select(Case.id)).all().__len__() == 1  # no new case
        case = get_case_by_reference(session, reference)
        incidents = [event for event in case.events if event.kind == "incident"]
        assert len(incidents) == 2
        assert incidents[0].data["description"] == "The music was loud again until 2am"


async def test_a_repeat_incident_can_raise_urgency(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    response = await client.post(
        f"/api/cases/{reference}/incidents",
        json=incident(happening_now=True, flags={"urgent": True}),
        headers=ingest_headers,
    )
    assert response.status == 201
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        assert case.urgent and case.happening_now
        assert case.triage_priority_days == 1
        assert case.triage_due.isoformat() == "2026-11-23"  # Monday, the next working day


async def test_a_repeat_incident_needs_the_identity_check(client, ingest_headers, make_report):
    reference = await report(client, ingest_headers, make_report)
    response = await client.post(
        f"/api/cases/{reference}/incidents",
        json=incident(verification={"phone": OTHER_PHONE}),
        headers=ingest_headers,
    )
    assert response.status == 404
    assert await response.json() == {"error": "not_found_or_not_verified"}
    missing = await client.post(
        f"/api/cases/{reference}/incidents",
        json=incident(verification={}),
        headers=ingest_headers,
    )
    assert missing.status == 400


async def test_a_closed_case_takes_no_more_incidents(
    client, ingest_headers, make_report, session_factory
):
    reference = await report(client, ingest_headers, make_report)
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        set_status(session, case, "closed", actor="officer", now=NOW, closure_reason="Resolved")
    answer = await status(client, ingest_headers, reference=reference, phone=PHONE)
    assert (await answer.json())["status_text"] == "Closed: Resolved"
    assert (await answer.json())["next_step_date"] is None
    response = await client.post(
        f"/api/cases/{reference}/incidents", json=incident(), headers=ingest_headers
    )
    assert response.status == 409
    assert (await response.json())["error"] == "case_closed"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/residents/case-status", {"reference": "ASB-2026-000001", "phone": PHONE}),
        ("/api/residents/verification-codes", {"reference": "ASB-2026-000001"}),
        ("/api/residents/open-cases", {"phone": PHONE}),
        ("/api/cases/ASB-2026-000001/incidents", incident()),
    ],
)
async def test_every_endpoint_needs_the_ingest_secret(client, path, body):
    assert (await client.post(path, json=body)).status == 401
    wrong = {"Authorization": "Bearer not-the-secret"}
    assert (await client.post(path, json=body, headers=wrong)).status == 401


async def test_the_endpoints_are_documented(client):
    spec = await (await client.get("/api/openapi.json")).json()
    for path in (
        "/api/residents/case-status",
        "/api/residents/verification-codes",
        "/api/residents/open-cases",
        "/api/cases/{reference}/incidents",
    ):
        assert "post" in spec["paths"][path]
