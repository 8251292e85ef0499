"""The JSON API as the bot and staff scripts use it."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select

from backend.db import transaction
from backend.sms_outbound.models import OutboxMessage

MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


async def test_readiness_answers_ok_when_the_database_does(api_client):
    response = await api_client.get("/readyz")
    assert response.status == 200
    assert (await response.json())["status"] == "ok"


async def test_report_needs_the_ingest_secret(api_client, make_report):
    report = make_report()
    response = await api_client.post("/api/reports", json=report)
    assert response.status == 401
    response = await api_client.post(
        "/api/reports", json=report, headers={"Authorization": "Bearer wrong-secret"}
    )
    assert response.status == 401
    # The staff API token is not the ingest secret.
    response = await api_client.post(
        "/api/reports", json=report, headers={"Authorization": "Bearer test-api-token-0123456789"}
    )
    assert response.status == 401


async def test_malformed_json_is_a_clear_400(api_client, ingest_headers):
    response = await api_client.post(
        "/api/reports",
        data=b'{"report_id": "abc", ',
        headers={**ingest_headers, "Content-Type": "application/json"},
    )
    assert response.status == 400
    body = await response.json()
    assert "not valid JSON" in body["error"]
    response = await api_client.post(
        "/api/reports", data=b'{"details": {"n": NaN}}', headers=ingest_headers
    )
    assert response.status == 400


async def test_invalid_report_lists_the_fields(make_api_client, ingest_headers, make_report):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY_MORNING)
    response = await api_client.post(
        "/api/reports", json=make_report(category="shouting", route=None), headers=ingest_headers
    )
    assert response.status == 400
    body = await response.json()
    assert set(body["fields"]) == {"category", "route"}


async def test_oversized_report_is_refused(api_client, ingest_headers, make_report):
    report = make_report(details={"notes": "x" * 70_000})
    response = await api_client.post("/api/reports", json=report, headers=ingest_headers)
    assert response.status == 413


async def test_report_creates_a_case_once(
    make_api_client, ingest_headers, make_report, session_factory
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY_MORNING)
    report = make_report()
    first = await api_client.post("/api/reports", json=report, headers=ingest_headers)
    assert first.status == 201
    receipt = await first.json()
    assert receipt["reference"].startswith("ASB-2026-")
    assert receipt == {
        "reference": receipt["reference"],
        "case_id": receipt["case_id"],
        "status": "new",
        "category": "noise",
        "owner_team": "CHM",
        "risk_score": 5,
        "risk_band": "LOW",
        "triage_priority_days": 5,
        "queue_date": "2026-11-23",
        "triage_due": "2026-11-27",
        "pin": receipt["pin"],  # the case PIN, answered once (tests/backend/intake/)
        # How the acknowledgement goes, so the assistant promises only what is true.
        "acknowledgement": {"text": True, "email": False, "text_opted_out": False},
    }
    again = await api_client.post("/api/reports", json=report, headers=ingest_headers)
    assert again.status == 200
    assert await again.json() == {**receipt, "pin": None}
    with transaction(session_factory) as session:
        texts = list(session.execute(select(OutboxMessage)).scalars())
    assert len(texts) == 1 and receipt["reference"] in texts[0].body


async def test_staff_api_needs_the_token(make_api_client, ingest_headers, make_report):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY_MORNING)
    created = await api_client.post("/api/reports", json=make_report(), headers=ingest_headers)
    reference = (await created.json())["reference"]
    for path in (f"/api/cases/{reference}", "/api/triage-queue"):
        assert (await api_client.get(path)).status == 401
        wrong = {"Authorization": "Bearer test-ingest-secret-0123456789"}
        assert (await api_client.get(path, headers=wrong)).status == 401


async def test_staff_api_shows_the_case_and_the_queue(
    make_api_client, ingest_headers, api_headers, make_report
):
    client = await make_api_client(now=MONDAY_MORNING)
    noise = make_report(received_at="2026-11-20T23:00:00+00:00")
    threat = make_report(category="violence", received_at="2026-11-21T01:00:00+00:00")
    for report in (noise, threat):
        assert (
            await client.post("/api/reports", json=report, headers=ingest_headers)
        ).status == 201

    response = await client.get("/api/triage-queue", headers=api_headers)
    assert response.status == 200
    page = await response.json()
    assert page["total"] == 2
    assert [item["category"] for item in page["items"]] == ["violence", "noise"]
    assert page["items"][0]["owner_team"] == "TEM"
    assert page["items"][0]["overdue"] is False
    assert "+447700900123" not in json.dumps(page)
    assert "Example Road" not in json.dumps(page)

    tem = await (await client.get("/api/triage-queue?team=TEM", headers=api_headers)).json()
    assert [item["category"] for item in tem["items"]] == ["violence"]
    paged = await (
        await client.get("/api/triage-queue?limit=1&offset=1", headers=api_headers)
    ).json()
    assert [item["category"] for item in paged["items"]] == ["noise"] and paged["total"] == 2
    bad = await client.get("/api/triage-queue?team=POLICE", headers=api_headers)
    assert bad.status == 400
    assert (await client.get("/api/triage-queue?limit=0", headers=api_headers)).status == 400

    reference = page["items"][1]["reference"]
    response = await client.get(f"/api/cases/{reference}", headers=api_headers)
    assert response.status == 200
    case = await response.json()
    assert case["reference"] == reference
    assert case["description"] == noise["description"]
    assert case["location"] == "Flat 3, 1 Example Road"
    assert case["reporter"]["phone"] == "+447700900123"
    assert [event["kind"] for event in case["events"]] == ["created"]

    missing = await client.get("/api/cases/ASB-2026-999999", headers=api_headers)
    assert missing.status == 404


async def test_overdue_cases_are_flagged(make_api_client, ingest_headers, api_headers, make_report):
    a_week_later = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    client = await make_api_client(now=a_week_later)
    report = make_report(received_at="2026-11-20T23:00:00+00:00")
    await client.post("/api/reports", json=report, headers=ingest_headers)
    page = await (await client.get("/api/triage-queue", headers=api_headers)).json()
    assert page["items"][0]["overdue"] is True


async def test_staff_pages_and_api_are_not_cached(api_client, api_headers):
    response = await api_client.get("/api/triage-queue", headers=api_headers)
    assert response.headers["Cache-Control"] == "no-store"


async def test_openapi_document_describes_the_api(api_client):
    response = await api_client.get("/api/openapi.json")
    assert response.status == 200
    spec = await response.json()
    assert spec["openapi"].startswith("3.0")
    assert spec["info"]["title"]
    for path in ("/api/reports", "/api/cases/{reference}", "/api/triage-queue", "/healthz"):
        assert path in spec["paths"]
    post = spec["paths"]["/api/reports"]["post"]
    assert {"200", "201", "400", "401"} <= set(post["responses"])
    # Every $ref points at a schema that exists.
    refs = set()

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    refs.add(value.rsplit("/", 1)[-1])
                else:
                    collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(spec)
    assert refs and refs <= set(spec["components"]["schemas"])
