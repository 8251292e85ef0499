"""POST /api/reports answers the new case's PIN once (backend/residents/pins.py): in the 201
receipt, never in a 200 for the same report_id, also when the same report arrives twice at once.

Runs on SQLite and PostgreSQL with fictional data only.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from backend.db import transaction
from backend.residents.models import CasePin
from backend.residents.pins import clean_pin
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import SmsOptOut
from tests.backend.case_helpers import MONDAY


async def test_the_receipt_carries_the_pin_only_when_the_case_is_new(
    make_api_client, ingest_headers, make_report
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    body = make_report()
    first = await api_client.post("/api/reports", json=body, headers=ingest_headers)
    assert first.status == 201
    receipt = await first.json()
    assert clean_pin(receipt["pin"]) == receipt["pin"]
    repeat = await api_client.post("/api/reports", json=body, headers=ingest_headers)
    assert repeat.status == 200
    assert {**(await repeat.json()), "pin": receipt["pin"]} == receipt  # the rest is the same
    assert (await repeat.json())["pin"] is None


async def test_the_same_report_twice_at_once_makes_one_pin(
    make_api_client, ingest_headers, make_report, session_factory
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    body = make_report()
    answers = await asyncio.gather(
        *(api_client.post("/api/reports", json=body, headers=ingest_headers) for _ in range(4))
    )
    assert sorted(answer.status for answer in answers) == [200, 200, 200, 201]
    pins = [(await answer.json())["pin"] for answer in answers]
    assert sum(pin is not None for pin in pins) == 1
    with transaction(session_factory) as session:
        assert session.execute(select(func.count()).select_from(CasePin)).scalar_one() == 1


async def test_an_invalid_report_makes_no_pin(
    api_client, ingest_headers, make_report, session_factory
):
    response = await api_client.post(
        "/api/reports", json=make_report(description=""), headers=ingest_headers
    )
    assert response.status == 400
    assert "pin" not in await response.json()
    with transaction(session_factory) as session:
        assert session.execute(select(func.count()).select_from(CasePin)).scalar_one() == 0


async def test_the_receipt_says_how_the_acknowledgement_goes(
    make_api_client, ingest_headers, make_report, session_factory
):
    """The assistant promises a text only when one will go: a number that texted STOP gets no
    acknowledgement text, and the receipt says so (bot/actions/submit.py words it)."""
    api_client = await make_api_client(now=MONDAY)
    answer = await api_client.post("/api/reports", json=make_report(), headers=ingest_headers)
    assert (await answer.json())["acknowledgement"] == {
        "text": True,
        "email": False,
        "text_opted_out": False,
    }
    with transaction(session_factory) as session:
        session.add(SmsOptOut(phone="+447700900456", keyword="STOP"))
    opted_out = make_report(reporter={"phone": "+447700900456"})
    answer = await api_client.post("/api/reports", json=opted_out, headers=ingest_headers)
    receipt = await answer.json()
    assert receipt["acknowledgement"] == {"text": False, "email": False, "text_opted_out": True}
    with transaction(session_factory) as session:
        queued = session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.case_id == receipt["case_id"])
        ).scalar_one()
    assert queued == 0  # nothing waits in the outbox for a number that said STOP
