"""Shared by the held report tests: a report the report contract refuses, its hand-over to
POST /api/held-reports as the action server sends it, and reading held reports back. All data
is fictional."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from backend.db import transaction
from backend.held_reports.models import HeldReport, HeldReportEvent

# Monday 23 November 2026, 09:00 in London (the report below was sent on the Friday night).
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
DUTY_PHONE = "+447700900777"
DESCRIPTION = "Someone keeps letting fireworks off in the stairwell every night"


def refused_report(make_report, **overrides: Any) -> dict[str, Any]:
    """A report with a category the contract does not know (refused: `category`)."""
    return make_report(category="fireworks", description=DESCRIPTION, **overrides)


async def refusal_of(client: TestClient, headers: dict[str, str], report: dict) -> dict:
    """POST the report to /api/reports (it must be refused) and return the refusal the action
    server keeps: status, error and the refused fields."""
    response = await client.post("/api/reports", json=report, headers=headers)
    assert response.status == 400
    body = await response.json()
    return {"status": 400, "error": body["error"], "fields": body["fields"]}


async def hand_over(
    client: TestClient, headers: dict[str, str], report: dict, refusal: dict | None = None
):
    """What the action server does with a refused report: POST /api/held-reports."""
    if refusal is None:
        refusal = await refusal_of(client, headers, report)
    body = {"report_id": report["report_id"], "payload": report, "refusal": refusal}
    return await client.post("/api/held-reports", json=body, headers=headers)


def held_rows(session_factory) -> list[HeldReport]:
    with transaction(session_factory) as session:
        return list(session.execute(select(HeldReport).order_by(HeldReport.id)).scalars())


def held_events(session_factory, held_id: int) -> list[HeldReportEvent]:
    with transaction(session_factory) as session:
        query = select(HeldReportEvent).where(HeldReportEvent.held_report_id == held_id)
        return list(session.execute(query.order_by(HeldReportEvent.id)).scalars())
