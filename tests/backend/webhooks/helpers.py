"""A partner's system for the webhook tests: a real aiohttp server on a free local port that
records every POST and answers from a script (a status, or "slow" to outlast the timeout), and
the signature check exactly as docs/partners.md tells partners to write it."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from aiohttp import web
from sqlalchemy import select

from backend.cases.models import Case
from backend.db import transaction
from backend.triage.decision import TriageDecision, triage_case
from backend.webhooks import service
from backend.webhooks.models import WebhookAttempt, WebhookDelivery
from tests.backend.case_helpers import CALENDAR, MONDAY

# Monday 23 November 2026, 12:00 in London: deliveries are tried from here on.
LATER = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def verify(secret: str, headers: Mapping[str, str], body: bytes, tolerance: int = 300) -> bool:
    """The recipe of docs/partners.md, "Checking a webhook's signature"."""
    timestamp = headers["X-ASB-Timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False  # too old (or from the future): a replay
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest("sha256=" + expected, headers["X-ASB-Signature"])


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class PartnerSystem:
    """Records what arrives at /hooks/<name>; answers from `script[name]` (default 200)."""

    base: str = ""
    received: list[Received] = field(default_factory=list)
    script: dict[str, list[int | str]] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return f"{self.base}/hooks/{name}"

    def at(self, name: str) -> list[Received]:
        return [item for item in self.received if item.path == f"/hooks/{name}"]

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append(Received(request.path, dict(request.headers), body))
        steps = self.script.get(request.match_info["name"]) or [200]
        step = steps.pop(0) if len(steps) > 1 else steps[0]
        if step == "slow":
            await asyncio.sleep(2)
            return web.Response(status=200)
        return web.Response(status=int(step), text="thanks")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/hooks/{name}", self.handle)
        return app


def subscribe(
    session_factory, partner: PartnerSystem, name: str, events=("created", "triaged", "closed")
):
    with transaction(session_factory) as session:
        return service.add_subscription(
            session,
            partner=f"Example {name.title()} Council",
            url=partner.url(name),
            events=events,
            actor="test",
            now=MONDAY - timedelta(days=7),
        )


def triage(session_factory, reference: str, now: datetime = MONDAY) -> None:
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        triage_case(
            session,
            case,
            TriageDecision(
                category="noise", risk_band="LOW", priority_days=5, is_asb=True, reason="Test"
            ),
            actor="olly.officer",
            calendar=CALENDAR,
            now=now,
        )


def deliveries(session_factory) -> list[WebhookDelivery]:
    with transaction(session_factory) as session:
        query = select(WebhookDelivery).order_by(WebhookDelivery.id)
        return list(session.execute(query).scalars())


def attempts(session_factory) -> list[WebhookAttempt]:
    with transaction(session_factory) as session:
        query = select(WebhookAttempt).order_by(WebhookAttempt.id)
        return list(session.execute(query).scalars())
