"""The world every outbox test drives: a database, the Twilio stand-in, the backend (for status
callbacks) and a twilio client; and helpers to open a case and queue a text. The `world`
fixture that builds it is in conftest.py."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import aiohttp
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from twilio.rest import Client

from backend.cases.models import Case, CaseEvent
from backend.db import transaction, utcnow
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sending import process_due_messages
from backend.sms_outbound.service import enqueue_sms
from core.settings import Settings
from ops.twilio_standin.state import StandinState

FROM = "+447700900000"
RESIDENT = "+447700900123"
NEIGHBOUR = "+447700900456"
ACK = "ASB Assistant: we have your report ASB-2026-000001. Our team looks at it on Monday."


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class World:
    """A database, the Twilio stand-in, the backend (for status callbacks) and a client."""

    settings: Settings
    session_factory: sessionmaker
    client: Client
    standin: StandinState
    standin_url: str
    backend_url: str

    def process(self, now: datetime, **kwargs) -> int:
        return process_due_messages(self.session_factory, self.client, self.settings, now, **kwargs)

    async def run(self, fn: Callable, *args, **kwargs):
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def drain(self) -> None:
        """Wait until the stand-in has delivered every status callback."""
        await self.standin.drain()

    async def faults(self, spec: dict) -> None:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{self.standin_url}/_standin/faults", json=spec) as response:
                assert response.status == 200

    def texts(self) -> list:
        return list(self.standin.messages.values())

    def row(self, outbox_id: int) -> OutboxMessage:
        with self.session_factory() as session:
            return session.get(OutboxMessage, outbox_id)

    def sms_events(self, case_id: int) -> list[CaseEvent]:
        with self.session_factory() as session:
            query = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "sms")
            return list(session.execute(query.order_by(CaseEvent.id)).scalars())


def make_case(session_factory: sessionmaker, phone: str = RESIDENT) -> int:
    with transaction(session_factory) as session:
        case = Case(
            report_id=str(uuid.uuid4()),
            channel="web",
            owner_team="CHM",
            description="Loud music from the flat above every night",
            reporter_phone=phone,
            safe_to_text=True,
            consent_to_contact=True,
            triage_priority_days=5,
            received_at=utcnow(),
            queue_date=date(2026, 11, 23),
            triage_due=date(2026, 11, 27),
        )
        session.add(case)
        session.flush()
        return case.id


def queue(
    session_factory: sessionmaker,
    case_id: int | None,
    to: str = RESIDENT,
    body: str = ACK,
    key: str | None = None,
) -> int:
    with transaction(session_factory) as session:
        row = enqueue_sms(
            session,
            case_id=case_id,
            to_number=to,
            body=body,
            kind="ack",
            dedupe_key=key or f"ack:{uuid.uuid4().hex}",
        )
        return row.id


async def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll `condition` (run in a thread) until it holds; fail after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(condition):
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)
