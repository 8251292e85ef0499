"""The world every two-way SMS test drives: a database, the Twilio stand-in, the backend, and
the Rasa SMS channel served in-process with a stub bot (`StubBot`) in place of Rasa; and
helpers to open a case, queue an update or a text. The `world` fixture is in conftest.py."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from rasa.core.channels.channel import UserMessage
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from backend.cases.models import Case, CaseEvent
from backend.db import transaction, utcnow
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sending import process_due_messages
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.sms_outbound.updates import queue_case_update
from channels.sms import SmsInput
from core.settings import Settings
from ops.twilio_standin.state import StandinState

FROM = "+447700900000"
RESIDENT = "+447700900123"
OTHER = "+447700900456"
YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
CHANNEL_PATH = "/webhooks/sms/webhook"


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class StubBot:
    """Stands in for Rasa's on_new_message: records each message, answers with `script`."""

    received: list[UserMessage] = field(default_factory=list)
    script: Callable[[UserMessage], list[dict]] | None = None

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        replies = self.script(message) if self.script else [{"text": f"You said: {message.text}"}]
        for reply in replies:
            if reply.get("buttons"):
                await message.output_channel.send_text_with_buttons(
                    message.sender_id, reply["text"], reply["buttons"]
                )
            else:
                await message.output_channel.send_text_message(message.sender_id, reply["text"])

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.received]


@dataclass
class World:
    settings: Settings
    session_factory: sessionmaker
    standin: StandinState
    channel: SmsInput
    bot: StubBot
    channel_url: str
    backend_url: str
    standin_url: str
    # Replaces the stub bot's on_new_message when set (a test's own Rasa stand-in).
    channel_bot: Callable | None = None

    async def text(self, body: str | None, sender: str = RESIDENT, **kwargs) -> dict:
        """The resident texts us: the stand-in posts a signed webhook to the channel."""
        result = await self.standin.send_inbound(self.channel_url, sender, body, **kwargs)
        await self.channel.drain()
        return result

    async def send_all(self, now: datetime | None = None, settings: Settings | None = None) -> None:
        """Run the worker until nothing is due at `now`."""
        client = make_twilio_client(self.settings)
        moment = now or utcnow()
        while await asyncio.to_thread(
            process_due_messages, self.session_factory, client, settings or self.settings, moment
        ):
            pass

    def sent_to(self, number: str = RESIDENT) -> list[str]:
        return [m.body for m in self.standin.messages.values() if m.to == number]

    def rows(self, **where) -> list[OutboxMessage]:
        with self.session_factory() as session:
            query = select(OutboxMessage).filter_by(**where).order_by(OutboxMessage.id)
            return list(session.execute(query).scalars())

    def count(self, model) -> int:
        with self.session_factory() as session:
            return session.execute(select(func.count()).select_from(model)).scalar_one()

    def events(self, case_id: int, kind: str) -> list[CaseEvent]:
        with self.session_factory() as session:
            query = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == kind)
            return list(session.execute(query.order_by(CaseEvent.id)).scalars())


def make_case(session_factory: sessionmaker, phone: str = RESIDENT, **changes) -> int:
    with transaction(session_factory) as session:
        values = {
            "report_id": str(uuid.uuid4()),
            "channel": "sms",
            "owner_team": "CHM",
            "description": "Loud music from the flat above every night",
            "reporter_phone": phone,
            "safe_to_text": True,
            "consent_to_contact": True,
            "triage_priority_days": 5,
            "received_at": utcnow(),
            "queue_date": date(2026, 11, 23),
            "triage_due": date(2026, 11, 27),
        }
        case = Case(**{**values, **changes})
        session.add(case)
        session.flush()
        case.reference = f"ASB-2026-{case.id:06d}"
        return case.id


def update(world: World, case_id: int, kind: str, **values) -> OutboxMessage | None:
    with transaction(world.session_factory) as session:
        case = session.get(Case, case_id)
        return queue_case_update(
            session,
            case,
            kind,
            landlord_name=world.settings.landlord_name,
            landlord_phone=world.settings.landlord_phone,
            **values,
        )


def enqueue_sms_row(world: World, case_id: int | None, body: str, to: str = RESIDENT) -> int:
    with transaction(world.session_factory) as session:
        row = enqueue_sms(
            session,
            case_id=case_id,
            to_number=to,
            body=body,
            kind="status",
            dedupe_key=f"test:{uuid.uuid4().hex}",
        )
        return row.id
