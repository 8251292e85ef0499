"""The case PIN: given once with the reference, a third proof (with the postcode and a texted
code) for a reporter who gave no postcode and has no phone we may text.

Runs on SQLite and PostgreSQL with fictional data only.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from backend.cases.queries import get_case_by_reference
from backend.db import transaction
from backend.residents.models import CasePin
from backend.residents.pins import clean_pin, hash_pin

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)
# No postcode anywhere on the case, and no phone: before the PIN, no way to prove it was theirs.
NO_CONTACT = {"name": None, "phone": None, "safe_to_text": None, "consent_to_contact": False}


@pytest.fixture
async def client(make_api_client):
    return await make_api_client(now=NOW)


async def report_without_contact(client, headers, make_report) -> tuple[str, str, dict]:
    body = make_report(location="The car park behind the shops", reporter=NO_CONTACT)
    response = await client.post("/api/reports", json=body, headers=headers)
    assert response.status == 201, await response.text()
    receipt = await response.json()
    return receipt["reference"], receipt["pin"], body


async def status(client, headers, **body):
    return await client.post("/api/residents/case-status", json=body, headers=headers)


def other_pin(pin: str) -> str:
    return f"{(int(pin) + 1) % 10**6:06d}"


async def test_a_new_case_answers_a_pin_once(client, ingest_headers, make_report):
    reference, pin, body = await report_without_contact(client, ingest_headers, make_report)
    assert clean_pin(pin) == pin  # six digits
    # The spool re-delivers the same report: the same case, and no PIN again.
    again = await client.post("/api/reports", json=body, headers=ingest_headers)
    assert again.status == 200
    answer = await again.json()
    assert answer["reference"] == reference and answer["pin"] is None
    # The first PIN still works: the repeat did not make a second one.
    response = await status(client, ingest_headers, reference=reference, pin=pin)
    assert response.status == 200, await response.text()


async def test_every_report_gets_its_own_pin(client, ingest_headers, make_report):
    pins = set()
    for _ in range(3):
        response = await client.post("/api/reports", json=make_report(), headers=ingest_headers)
        pins.add((await response.json())["pin"])
    assert len(pins) == 3


async def test_a_reporter_without_postcode_or_phone_checks_the_case_with_the_pin(
    client, ingest_headers, make_report
):
    reference, pin, _ = await report_without_contact(client, ingest_headers, make_report)
    # Before: nothing the reporter knows proves it.
    assert (
        await status(client, ingest_headers, reference=reference, postcode="ZZ99 1AA")
    ).status == 404
    for typed in (pin, f"{pin[:3]} {pin[3:]}", f" {pin[:3]}-{pin[3:]} "):
        response = await status(client, ingest_headers, reference=reference.lower(), pin=typed)
        assert response.status == 200, typed
        assert (await response.json())["status_text"] == "Waiting for the team to review it"
    # A PIN works again and again (unlike a texted code).
    assert (await status(client, ingest_headers, reference=reference, pin=pin)).status == 200


async def test_a_pin_proves_only_its_own_case(client, ingest_headers, make_report):
    first, first_pin, _ = await report_without_contact(client, ingest_headers, make_report)
    second, second_pin, _ = await report_without_contact(client, ingest_headers, make_report)
    assert (await status(client, ingest_headers, reference=first, pin=second_pin)).status == 404
    assert (await status(client, ingest_headers, reference=second, pin=first_pin)).status == 404
    assert (await status(client, ingest_headers, reference=first, pin="12345")).status == 404
    assert (await status(client, ingest_headers, reference=first, pin="abcdef")).status == 404


async def test_wrong_pins_count_towards_the_hourly_limit(client, ingest_headers, make_report):
    reference, pin, _ = await report_without_contact(client, ingest_headers, make_report)
    wrong = other_pin(pin)
    for _ in range(5):
        answer = await status(client, ingest_headers, reference=reference, pin=wrong)
        assert answer.status == 404
        assert await answer.json() == {"error": "not_found_or_not_verified"}
    # Now even the right PIN is refused for the rest of the hour: guessing cannot go on.
    refused = await status(client, ingest_headers, reference=reference, pin=pin)
    assert refused.status == 429
    assert refused.headers["Retry-After"] == "3600"


async def test_the_pin_adds_a_repeat_incident(client, ingest_headers, make_report):
    reference, pin, _ = await report_without_contact(client, ingest_headers, make_report)
    body = {
        "report_id": str(uuid.uuid4()),
        "channel": "web",
        "description": "The music was loud again until 2am",
        "verification": {"pin": pin},
    }
    url = f"/api/cases/{reference}/incidents"
    added = await client.post(url, json=body, headers=ingest_headers)
    assert added.status == 201, await added.text()
    wrong = {**body, "report_id": str(uuid.uuid4()), "verification": {"pin": other_pin(pin)}}
    assert (await client.post(url, json=wrong, headers=ingest_headers)).status == 404
    both = {**body, "verification": {"pin": pin, "postcode": "ZZ99 1AA"}}
    assert (await client.post(url, json=both, headers=ingest_headers)).status == 400


async def test_only_a_keyed_hash_is_kept_and_the_pin_is_never_shown_or_logged(
    client, ingest_headers, api_headers, make_report, session_factory, settings, caplog
):
    caplog.set_level(logging.DEBUG)
    reference, pin, _ = await report_without_contact(client, ingest_headers, make_report)
    await status(client, ingest_headers, reference=reference, pin=pin)
    await status(client, ingest_headers, reference=reference, pin=other_pin(pin))
    with transaction(session_factory) as session:
        case = get_case_by_reference(session, reference)
        row = session.execute(select(CasePin).where(CasePin.case_id == case.id)).scalar_one()
        assert row.pin_hash == hash_pin(pin, settings.ingest_secret, case.id)
        assert pin not in row.pin_hash
        assert pin not in json.dumps(case.details) and pin not in case.description
        assert all(pin not in json.dumps(event.data) for event in case.events)
    staff_view = await client.get(f"/api/cases/{reference}", headers=api_headers)
    assert staff_view.status == 200
    assert pin not in await staff_view.text()
    assert pin not in caplog.text


async def test_the_receipt_documents_the_pin(client):
    spec = await (await client.get("/api/openapi.json")).json()
    receipt = spec["components"]["schemas"]["ReportReceipt"]["properties"]
    assert receipt["pin"]["nullable"] is True
    verification = spec["components"]["schemas"]["ResidentVerification"]["properties"]
    assert "pin" in verification
