"""POST /api/held-reports: the action server hands over a report the contract refused; it is
kept once (idempotent on report_id), whatever it says, and the duty officer is alerted without
the resident's words. All data is fictional."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select

from backend.alerts.models import Alert
from backend.db import transaction
from backend.held_reports.views import MAX_HELD_BYTES
from backend.sms_outbound.models import OutboxMessage
from tests.backend.held_reports.helpers import (
    DESCRIPTION,
    DUTY_PHONE,
    MONDAY,
    hand_over,
    held_events,
    held_rows,
    refused_report,
)
from tests.backend.smtp_server import running_smtp_server


def alerts_and_texts(session_factory) -> tuple[list[Alert], list[OutboxMessage]]:
    with transaction(session_factory) as session:
        alerts = list(session.execute(select(Alert)).scalars())
        texts = list(session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())
        return alerts, texts


async def test_a_refused_report_is_kept_once_and_the_duty_officer_is_texted(
    make_api_client, ingest_headers, make_report, session_factory
):
    client = await make_api_client(now=MONDAY, duty_officer_phone=DUTY_PHONE)
    report = refused_report(make_report)

    first = await hand_over(client, ingest_headers, report)
    assert first.status == 201
    answer = await first.json()
    assert answer["status"] == "held"
    again = await hand_over(client, ingest_headers, report)  # the relay retries: same row
    assert again.status == 200
    assert await again.json() == answer

    [held] = held_rows(session_factory)
    assert held.id == answer["held_report_id"]
    assert held.payload == report  # exactly as the assistant sent it
    assert held.refusal["status"] == 400
    assert set(held.refusal["fields"]) == {"category"}
    assert held.open_fields == held.refusal["fields"]
    assert held.channel == "web" and held.received_at.isoformat() == "2026-11-20T23:00:00+00:00"
    assert [e.kind for e in held_events(session_factory, held.id)] == ["held", "alert"]

    [alert], texts = alerts_and_texts(session_factory)
    assert (alert.held_report_id, alert.case_id, alert.reason) == (held.id, None, "held_report")
    [text] = [t for t in texts if t.kind == "alert"]  # one text, even after the retry
    assert text.to_number == DUTY_PHONE and text.case_id is None and text.urgent
    assert text.body == (
        f"ASB alert: a report could not be filed and is held for review (held report "
        f"{held.id}). Please check the staff pages."
    )
    assert not [t for t in texts if t.to_number == "+447700900123"]  # nothing to the resident


async def test_unusable_hand_overs_get_a_clear_4xx_and_keep_nothing(
    api_client, ingest_headers, make_report, session_factory
):
    report = refused_report(make_report)
    body = {"report_id": report["report_id"], "payload": report}
    no_secret = await api_client.post("/api/held-reports", json=body)
    assert no_secret.status == 401
    wrong = await api_client.post(
        "/api/held-reports", json=body, headers={"Authorization": "Bearer not-the-secret"}
    )
    assert wrong.status == 401

    async def post_raw(data: str):
        return await api_client.post(
            "/api/held-reports",
            data=data,
            headers={**ingest_headers, "Content-Type": "application/json"},
        )

    assert (await post_raw("{not json")).status == 400
    assert (await post_raw('{"report_id": "abc12345", "payload": NaN}')).status == 400
    assert (await post_raw(json.dumps([body]))).status == 400
    no_id = await post_raw(json.dumps({"payload": report}))
    assert no_id.status == 400
    assert set((await no_id.json())["fields"]) == {"report_id"}
    no_payload = await post_raw(json.dumps({"report_id": report["report_id"]}))
    assert no_payload.status == 400
    assert set((await no_payload.json())["fields"]) == {"payload"}
    control = await post_raw(json.dumps({"report_id": "bad\nid", "payload": report}))
    assert control.status == 400
    huge = {**body, "payload": {**report, "description": "x" * MAX_HELD_BYTES}}
    assert (await post_raw(json.dumps(huge))).status == 413
    assert held_rows(session_factory) == []


async def test_any_json_is_kept_whatever_its_shape(api_client, ingest_headers, session_factory):
    body = {
        "report_id": "not-a-uuid-but-kept",
        "payload": "the report came through as text, not an object",
        "refusal": {"status": "400", "error": None, "fields": ["", "report_id"]},
        "something_new": {"the action server may send more": True},
    }
    response = await api_client.post("/api/held-reports", json=body, headers=ingest_headers)
    assert response.status == 201
    [held] = held_rows(session_factory)
    assert held.payload == body["payload"]
    assert held.refusal == {"status": None, "error": None, "fields": {"": "", "report_id": ""}}
    assert held.channel is None and held.received_at is None


async def test_a_report_that_became_a_case_is_kept_as_filed_without_an_alert(
    make_api_client, ingest_headers, make_report, session_factory
):
    client = await make_api_client(now=MONDAY, duty_officer_phone=DUTY_PHONE)
    report = make_report()
    created = await client.post("/api/reports", json=report, headers=ingest_headers)
    assert created.status == 201
    refusal = {"status": 400, "error": "the report is not valid", "fields": {"location": "x"}}
    response = await hand_over(client, ingest_headers, report, refusal)
    assert response.status == 201
    assert (await response.json())["status"] == "filed"
    [held] = held_rows(session_factory)
    assert held.case_id is not None and held.resolution == "case_exists"
    alerts, _texts = alerts_and_texts(session_factory)
    assert alerts == []


async def test_the_held_report_alert_is_emailed_without_the_residents_words(
    monkeypatch, make_api_client, ingest_headers, make_report
):
    with running_smtp_server() as smtp:
        monkeypatch.setenv("ASB_ALERT_EMAIL", "duty@example.org")
        monkeypatch.setenv("ASB_SMTP_URL", smtp.url)
        client = await make_api_client(now=MONDAY)
        response = await hand_over(client, ingest_headers, refused_report(make_report))
        held_id = (await response.json())["held_report_id"]
        for _ in range(100):  # sent in the background after the reply
            if smtp.received:
                break
            await asyncio.sleep(0.05)
        [email] = smtp.received
    assert email.recipients == ["duty@example.org"]
    assert email.message["Subject"] == (
        f"ASB alert: a report could not be filed (held report {held_id})"
    )
    assert f"held for review (held report {held_id})" in email.text
    for personal in (DESCRIPTION, "+447700900123", "Alex", "Example Road", "fireworks"):
        assert personal not in email.text


async def test_the_openapi_document_describes_the_hand_over(api_client):
    spec = await (await api_client.get("/api/openapi.json")).json()
    operation = spec["paths"]["/api/held-reports"]["post"]
    assert operation["security"] == [{"ingestSecret": []}]
    assert {"200", "201", "400", "401", "413"} <= set(operation["responses"])
