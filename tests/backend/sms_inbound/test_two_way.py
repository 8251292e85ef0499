"""Two-way SMS: Twilio stand-in -> signed webhook -> SMS channel -> backend -> outbox -> worker
-> real `twilio` library -> stand-in, on SQLite and PostgreSQL.

Rasa itself is another process; a stub stands in for its `on_new_message` and answers the way
the assistant does (text, sometimes buttons) through Rasa's own CollectingOutputChannel.
Blocking work (the worker, database reads) runs in threads so the stand-in, the backend and
the channel, all served on this test's event loop, can answer. Time moves by passing `now`.
"""

from __future__ import annotations

import asyncio
import secrets
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from aiohttp import web
from rasa.core.channels.channel import UserMessage
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker
from twilio.request_validator import RequestValidator

from backend.cases.models import Case, CaseEvent
from backend.db import transaction, utcnow
from backend.sms_inbound.service import EVIDENCE_WINDOW, attach_recent_media
from backend.sms_outbound.models import (
    OutboxMessage,
    SmsInbound,
    SmsOptOut,
    SurveyResponse,
)
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.sms_outbound.updates import SURVEY, UpdateError, queue_case_update, update_text
from backend.sms_outbound.worker import process_due_messages, queue_contact_texts
from channels.sms import SmsInput
from core.settings import Settings
from ops.twilio_standin import STANDIN_STATE, StandinState, create_standin_app

FROM = "+447700900000"
RESIDENT = "+447700900123"
OTHER = "+447700900456"
LONDON = ZoneInfo("Europe/London")
YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
CHANNEL_PATH = "/webhooks/sms/webhook"


def _loopback_socket() -> socket.socket:
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


@pytest.fixture
async def world(database_url: str, session_factory: sessionmaker, tmp_path) -> AsyncIterator[World]:
    from backend.app import init_app

    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    socks = [_loopback_socket() for _ in range(3)]
    standin_url, backend_url, channel_base = (
        f"http://127.0.0.1:{s.getsockname()[1]}" for s in socks
    )
    settings = Settings(
        var_dir=tmp_path,
        database_url=database_url,
        backend_url=backend_url,
        public_url=backend_url,
        ingest_secret=secrets.token_hex(16),
        api_token=secrets.token_hex(16),
        twilio_account_sid=account_sid,
        twilio_auth_token=auth_token,
        twilio_from=FROM,
        twilio_api_base=standin_url,
        landlord_name="Example Homes",
        landlord_phone="0300 123 4567",
    )
    channel_url = channel_base + CHANNEL_PATH
    channel = SmsInput(
        public_url=channel_url,
        auth_token=auth_token,
        backend_url=backend_url,
        ingest_secret=settings.ingest_secret,
        retry_delays=(0.05, 0.1),
    )
    bot = StubBot()
    holder: dict[str, World] = {}

    async def webhook(request: web.Request) -> web.Response:
        # What the Sanic route in channels/sms.py does, served by aiohttp for the test.
        status, body = await channel.handle_webhook(
            await request.post(),
            request.query_string,
            request.headers.get("X-Twilio-Signature", ""),
            holder["world"].channel_bot or bot,
        )
        content_type = "text/xml" if status == 200 else "text/plain"
        return web.Response(status=status, text=body, content_type=content_type)

    channel_app = web.Application()
    channel_app.router.add_post(CHANNEL_PATH, webhook)
    standin_app = create_standin_app(account_sid, auth_token)
    runners = [web.AppRunner(a) for a in (standin_app, init_app(settings), channel_app)]
    for runner, sock in zip(runners, socks, strict=True):
        await runner.setup()
        await web.SockSite(runner, sock).start()
    try:
        holder["world"] = World(
            settings=settings,
            session_factory=session_factory,
            standin=standin_app[STANDIN_STATE],
            channel=channel,
            bot=bot,
            channel_url=channel_url,
            backend_url=backend_url,
            standin_url=standin_url,
        )
        yield holder["world"]
    finally:
        await channel.drain()
        for runner in reversed(runners):
            await runner.cleanup()


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


# -- the webhook ------------------------------------------------------------------------------


async def _post(world: World, params: dict, signature: str | None, url: str | None = None):
    headers = {"X-Twilio-Signature": signature} if signature is not None else {}
    async with aiohttp.ClientSession() as http:
        async with http.post(url or world.channel_url, data=params, headers=headers) as answer:
            return answer.status, await answer.text()


async def test_bad_signature_is_refused(world: World) -> None:
    params = world.standin.inbound_params(RESIDENT, "Hello")
    token = world.settings.twilio_auth_token
    forged = RequestValidator("not-the-token").compute_signature(world.channel_url, params)
    wrong_url = RequestValidator(token).compute_signature(world.channel_url + "?x=1", params)
    altered = RequestValidator(token).compute_signature(world.channel_url, params)

    assert (await _post(world, params, None))[0] == 403
    assert (await _post(world, params, ""))[0] == 403
    assert (await _post(world, params, forged))[0] == 403
    assert (await _post(world, params, wrong_url))[0] == 403
    assert (await _post(world, {**params, "Body": "Changed"}, altered))[0] == 403
    await world.channel.drain()
    assert world.bot.received == []
    assert await asyncio.to_thread(world.count, SmsInbound) == 0

    status, body = await _post(world, params, altered)
    assert status == 200 and body.startswith("<?xml") and "<Response></Response>" in body


async def test_signature_uses_the_public_url_behind_a_proxy(world: World) -> None:
    public = "https://asb.example.org/webhooks/sms/webhook"
    world.channel.public_url = public
    params = world.standin.inbound_params(RESIDENT, "Hello")
    validator = RequestValidator(world.settings.twilio_auth_token)
    assert (await _post(world, params, validator.compute_signature(world.channel_url, params)))[
        0
    ] == 403
    assert (await _post(world, params, validator.compute_signature(public, params)))[0] == 200
    await world.channel.drain()
    assert world.bot.texts == ["Hello"]


async def test_repeated_message_sid_is_processed_once(world: World) -> None:
    first = await world.text("Someone is shouting outside")
    again = await world.text("Someone is shouting outside", message_sid=first["message_sid"])
    assert first["status"] == again["status"] == 200
    assert world.bot.texts == ["Someone is shouting outside"]
    [message] = world.bot.received
    assert message.sender_id == RESIDENT
    assert message.input_channel == "sms"
    assert message.metadata["channel"] == "sms"
    await world.send_all()
    assert world.sent_to() == ["You said: Someone is shouting outside"]
    assert await asyncio.to_thread(world.count, SmsInbound) == 1


async def test_standin_control_api_posts_a_signed_inbound_text(world: World) -> None:
    async with aiohttp.ClientSession() as http:
        inbound = f"{world.standin_url}/_standin/inbound"
        async with http.post(inbound, json={"url": world.channel_url}) as answer:
            assert answer.status == 400
        spec = {"url": world.channel_url, "from": RESIDENT, "body": "Hello from the stand-in"}
        async with http.post(inbound, json=spec) as answer:
            result = await answer.json()
    assert result["status"] == 200 and result["message_sid"].startswith("SM")
    await world.channel.drain()
    assert world.bot.texts == ["Hello from the stand-in"]
    assert world.standin.inbound[-1]["status"] == 200


async def test_photo_without_body_does_not_crash(world: World) -> None:
    result = await world.text(None, media_urls=["https://api.twilio.com/media/ME1"])
    assert result["status"] == 200
    assert world.bot.received == []
    await world.send_all()
    [reply] = world.sent_to()
    assert "picture" in reply and "999" in reply


async def test_numbered_options_round_trip(world: World) -> None:
    def script(message: UserMessage) -> list[dict]:
        if message.text.startswith("/"):
            return [{"text": f"Noted \u2014 {message.text}"}]
        return [
            {"text": "Thanks. I\u2019ll ask a few questions."},
            {"text": "Is it happening now?", "buttons": YES_NO},
        ]

    world.bot.script = script
    await world.text("My neighbour plays loud music")
    await world.send_all()
    assert world.sent_to() == [
        "Thanks. I'll ask a few questions.",
        "Is it happening now?\nReply 1 for Yes, 2 for No.",
    ]
    assert not any("/affirm" in body for body in world.sent_to())

    await world.text("1")
    assert world.bot.texts[-1] == "/affirm"
    # The options were used up: the reply had none, so "2" now goes through as typed.
    await world.text("2")
    assert world.bot.texts[-1] == "2"

    world.bot.script = lambda m: [{"text": "Again?", "buttons": YES_NO}]
    await world.text("again")
    await world.text("No.")
    assert world.bot.texts[-1] == "/deny"
    await world.send_all()
    assert world.sent_to()[2] == "Noted - /affirm"


async def test_an_answer_sent_while_the_assistant_is_still_replying(world: World) -> None:
    started = asyncio.Event()

    async def slow(message: UserMessage) -> None:
        world.bot.received.append(message)
        if message.text == "Hello":
            started.set()
            await asyncio.sleep(0.3)  # the assistant is slow to answer the first text
            await message.output_channel.send_text_with_buttons(
                message.sender_id, "Is it happening now?", YES_NO
            )

    world.channel_bot = slow

    async def answer_quickly() -> dict:
        await started.wait()
        return await world.standin.send_inbound(world.channel_url, RESIDENT, "1")

    first, second = await asyncio.gather(
        world.standin.send_inbound(world.channel_url, RESIDENT, "Hello"), answer_quickly()
    )
    await world.channel.drain()
    assert first["status"] == second["status"] == 200
    assert world.bot.texts == ["Hello", "/affirm"]


async def test_replies_go_in_order_even_when_one_is_retried(world: World) -> None:
    long_text = " ".join(f"word{n}" for n in range(120))
    world.bot.script = lambda m: [{"text": long_text}, {"text": "Last one."}]
    await world.text("Hello")
    rows = world.rows(kind="reply")
    assert len(rows) >= 3
    world.standin.faults.responses.append({"status": 500})
    now = utcnow()
    await world.send_all(now)
    assert world.sent_to() == []  # the first part failed, the others wait for it
    await world.send_all(now + timedelta(minutes=1))
    bodies = world.sent_to()
    assert bodies[-1] == "Last one."
    assert " ".join(bodies[:-1]).split() == long_text.split()
    assert all(len(b) <= 306 for b in bodies)


async def test_backend_endpoints_need_the_ingest_secret(world: World) -> None:
    async with aiohttp.ClientSession() as http:
        for path in ("/api/sms/inbound", "/api/sms/outbound"):
            async with http.post(world.backend_url + path, json={}) as answer:
                assert answer.status == 401
        headers = {"Authorization": f"Bearer {world.settings.ingest_secret}"}
        async with http.post(
            world.backend_url + "/api/sms/inbound",
            json={"message_sid": "nope", "from": RESIDENT},
            headers=headers,
        ) as answer:
            assert answer.status == 400
            assert "message_sid" in (await answer.json())["fields"]


# -- opt-out ----------------------------------------------------------------------------------


async def test_stop_then_an_update_sends_nothing(world: World) -> None:
    case_id = make_case(world.session_factory)
    held = await asyncio.to_thread(
        lambda: enqueue_sms_row(world, case_id, "Routine text queued before STOP")
    )
    assert (await world.text("Stop"))["status"] == 200
    assert world.bot.received == []
    assert RESIDENT in world.standin.faults.unsubscribed
    with world.session_factory() as session:
        assert session.get(SmsOptOut, RESIDENT).keyword == "STOP"

    assert update(world, case_id, "status", status="in_progress") is None
    # A text that slipped past the check (queued directly) is refused by the worker.
    direct = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Direct text"))
    await world.send_all()
    assert world.sent_to() == []
    for outbox_id in (held, direct):
        [row] = world.rows(id=outbox_id)
        assert row.state == "cancelled" and "opted out" in row.last_error

    await world.text("START")
    assert RESIDENT not in world.standin.faults.unsubscribed
    assert update(world, case_id, "status", status="in_progress") is not None
    await world.send_all()
    assert len(world.sent_to()) == 2
    assert "texts from us again" in world.sent_to()[0]
    assert "we are working on it" in world.sent_to()[1]


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


async def test_stop_synonyms_opt_out(world: World) -> None:
    for number, word in zip(
        ("+447700900201", "+447700900202", "+447700900203"),
        ("stopall", "Unsubscribe", "QUIT."),
        strict=True,
    ):
        await world.text(word, sender=number)
    assert await asyncio.to_thread(world.count, SmsOptOut) == 3


async def test_yes_opts_back_in_only_after_stop(world: World) -> None:
    await world.text("yes")
    assert world.bot.texts == ["yes"]
    await world.text("STOP")
    await world.text("Yes")
    assert world.bot.texts == ["yes"]
    assert await asyncio.to_thread(world.count, SmsOptOut) == 0
    assert RESIDENT not in world.standin.faults.unsubscribed


async def test_help_gets_contact_details(world: World) -> None:
    await world.text("help")
    await world.send_all()
    [reply] = world.sent_to()
    assert "0300 123 4567" in reply and "999" in reply and "STOP" in reply
    assert world.bot.received == []


async def test_not_safe_to_text_is_never_sent(world: World) -> None:
    case_id = make_case(world.session_factory, safe_to_text=False)
    assert update(world, case_id, "status", status="in_progress") is None
    outbox_id = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Anything"))
    await world.send_all()
    assert world.sent_to() == []
    [row] = world.rows(id=outbox_id)
    assert row.state == "cancelled" and "not safe" in row.last_error
    # A text about the case to someone else (a duty officer's alert) is not the resident's.
    alert = await asyncio.to_thread(lambda: enqueue_sms_row(world, case_id, "Alert", to=OTHER))
    await world.send_all()
    assert world.sent_to(OTHER) == ["Alert"]
    assert world.rows(id=alert)[0].state == "sent"


# -- quiet hours ------------------------------------------------------------------------------


async def test_quiet_hours_hold_routine_texts_not_urgent_ones(world: World) -> None:
    quiet = replace(world.settings, quiet_hours="21:00-08:00", timezone="Europe/London")
    case_id = make_case(world.session_factory)
    routine = update(world, case_id, "status", status="in_progress").id
    urgent = await asyncio.to_thread(lambda: _queue_urgent(world, "Reply to what you just sent"))
    # A night after the rows were queued (they are due from "now" on the real clock).
    day = (utcnow() + timedelta(days=1)).astimezone(LONDON).date()
    night = datetime.combine(day, time(22, 30), LONDON).astimezone(timezone.utc)
    morning = datetime.combine(day + timedelta(days=1), time(8, 0), LONDON)
    await world.send_all(night, quiet)
    assert world.sent_to() == ["Reply to what you just sent"]
    [row] = world.rows(id=routine)
    assert row.state == "pending" and row.attempts == 0
    assert row.next_attempt_at == morning.astimezone(timezone.utc)
    await world.send_all(night + timedelta(hours=9), quiet)  # 07:30 the next morning
    assert len(world.sent_to()) == 1
    await world.send_all(row.next_attempt_at, quiet)
    assert len(world.sent_to()) == 2
    assert [r.state for r in world.rows(id=routine)] == ["sent"]
    assert urgent


def _queue_urgent(world: World, body: str) -> int:
    with transaction(world.session_factory) as session:
        return enqueue_sms(
            session,
            case_id=None,
            to_number=RESIDENT,
            body=body,
            kind="reply",
            dedupe_key=f"reply:{uuid.uuid4().hex}:0",
            urgent=True,
        ).id


# -- updates, replies about a case, the survey ------------------------------------------------


async def test_update_templates_name_the_day_and_are_queued_once(world: World) -> None:
    case_id = make_case(world.session_factory)
    first = update(world, case_id, "triage", next_step="an officer will call you", by="2026-11-25")
    again = update(world, case_id, "triage", next_step="an officer will call you", by="2026-11-25")
    assert first.id == again.id and first.kind == "triage" and not first.urgent
    assert "Wednesday 25 November" in first.body
    assert "Your Community Housing Manager is dealing with it" in first.body
    delay = update(world, case_id, "delay", what="our visit", old="2026-11-25", new="2026-11-27")
    assert "Friday 27 November" in delay.body and "Wednesday 25 November" in delay.body
    monday = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    first_contact = update(world, case_id, "contact", now=monday, next_by="2026-11-30")
    assert "You will hear from us by Monday 30 November" in first_contact.body
    same_day = update(world, case_id, "contact", now=monday + timedelta(hours=6))
    next_day = update(world, case_id, "contact", now=monday + timedelta(days=1))
    assert first_contact.id == same_day.id != next_day.id
    with transaction(world.session_factory) as session:
        case = session.get(Case, case_id)
        with pytest.raises(UpdateError):
            update_text(case, "triage")
        with pytest.raises(UpdateError):
            update_text(case, "gossip")


async def test_survey_answered_by_text(world: World) -> None:
    case_id = make_case(world.session_factory, status="closed")
    closure = update(world, case_id, "closure", reason="the noise has stopped")
    assert "Question 1 of 5" in closure.body and "the noise has stopped" in closure.body
    await world.send_all()
    for answer in ("4", "five", "5", "3", "2", "yes"):
        await world.text(answer)
    await world.send_all()
    with world.session_factory() as session:
        answers = session.execute(
            select(SurveyResponse.question, SurveyResponse.score)
            .where(SurveyResponse.case_id == case_id)
            .order_by(SurveyResponse.position)
        ).all()
    assert answers == [
        ("kept_informed", 4),
        ("treated_fairly", 5),
        ("easy_to_report", 3),
        ("outcome", 2),
        ("report_again", 1),
    ]
    sent = world.sent_to()
    assert [s.split(":")[0] for s in sent if s.startswith("Question")] == [
        f"Question {n} of {len(SURVEY)}" for n in range(2, 6)
    ]
    assert "Thank you for your answers" in sent[-1]
    # "five" was not an answer: it reached the case as a note instead.
    notes = world.events(case_id, "resident_reply")
    assert [n.summary for n in notes] == ["Text from the resident: five"]
    assert world.bot.received == []


async def test_reply_to_an_update_becomes_a_case_note(world: World) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("Thanks, the letter helped a bit", media_urls=["https://x.test/ME1"])
    [note] = world.events(case_id, "resident_reply")
    assert note.summary.startswith("Text from the resident: Thanks, the letter helped")
    assert note.actor == "resident"
    assert note.data["media_urls"] == ["https://x.test/ME1"]
    await world.send_all()
    assert "added your message to your case ASB-2026-" in world.sent_to()[-1]
    assert world.bot.received == []
    # REPORT always reaches the assistant.
    await world.text("REPORT")
    assert world.bot.texts == ["REPORT"]


async def test_danger_in_a_reply_to_an_update_reaches_the_assistant(world: World) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("hes trying to kick my door in right now")
    # Not filed away as a note: the assistant answers (999 first) like any other message.
    assert world.bot.texts == ["hes trying to kick my door in right now"]
    assert world.events(case_id, "resident_reply") == []


async def test_news_questions_and_new_incidents_in_replies_reach_the_assistant(
    world: World,
) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("any news on my case?")
    await world.text("they're at it again tonight")
    # The assistant checks who is asking and links a new incident to the open case.
    assert world.bot.texts == ["any news on my case?", "they're at it again tonight"]
    assert world.events(case_id, "resident_reply") == []


async def test_regular_contact_while_a_case_is_open(world: World) -> None:
    now = utcnow()
    factory = world.session_factory
    quiet_case = make_case(factory, status="in_progress", triaged_at=now - timedelta(days=8))
    recent = make_case(factory, OTHER, status="in_progress", triaged_at=now - timedelta(days=4))
    high = make_case(
        factory,
        "+447700900301",
        status="triaged",
        risk_band="HIGH",
        triaged_at=now - timedelta(days=4),
    )
    agreed = make_case(
        factory,
        "+447700900302",
        status="awaiting_resident",
        triaged_at=now - timedelta(days=2),
        details={"contact_every_days": 2},
    )
    make_case(factory, "+447700900303", status="closed", triaged_at=now - timedelta(days=30))
    make_case(factory, "+447700900304", status="new")
    make_case(
        factory,
        "+447700900305",
        status="in_progress",
        safe_to_text=False,
        triaged_at=now - timedelta(days=30),
    )
    queued = await asyncio.to_thread(queue_contact_texts, factory, world.settings, now)
    assert queued == 3
    assert sorted(r.case_id for r in world.rows(kind="contact")) == sorted(
        [quiet_case, high, agreed]
    )
    assert recent not in [r.case_id for r in world.rows(kind="contact")]
    # Texted just now: nothing more until the interval has passed again.
    assert await asyncio.to_thread(queue_contact_texts, factory, world.settings, now) == 0
    later = now + timedelta(days=3, hours=1)
    assert await asyncio.to_thread(queue_contact_texts, factory, world.settings, later) == 3
    [contact] = world.rows(kind="contact", case_id=recent)
    assert "still working on your case" in contact.body and not contact.urgent


# -- channel configuration --------------------------------------------------------------------


def test_channel_from_credentials(monkeypatch) -> None:
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "token")
    monkeypatch.setenv("ASB_INGEST_SECRET", "secret")
    monkeypatch.setenv("ASB_RASA_PORT", "5999")
    monkeypatch.delenv("ASB_SMS_PUBLIC_URL", raising=False)
    monkeypatch.delenv("ASB_BACKEND_URL", raising=False)
    channel = SmsInput.from_credentials(None)
    assert SmsInput.name() == "sms"
    assert channel.public_url == "http://127.0.0.1:5999/webhooks/sms/webhook"
    assert channel.backend_url == "http://127.0.0.1:8080"
    assert (channel.auth_token, channel.ingest_secret) == ("token", "secret")
    configured = SmsInput.from_credentials({"public_url": "https://asb.example.org/sms"})
    assert configured.public_url == "https://asb.example.org/sms"
    monkeypatch.setenv("ASB_SMS_PUBLIC_URL", "https://proxy.example.org/webhooks/sms/webhook")
    assert SmsInput.from_credentials({}).public_url.startswith("https://proxy.example.org")
    blueprint = channel.blueprint(StubBot())
    assert blueprint.name == "custom_webhook_SmsInput"


# -- photos sent during a report become evidence ----------------------------------------------


async def _report(world: World, report: dict) -> dict:
    """POST /api/reports as the action server does; returns the receipt."""
    headers = {"Authorization": f"Bearer {world.settings.ingest_secret}"}
    async with aiohttp.ClientSession() as http:
        url = world.backend_url + "/api/reports"
        async with http.post(url, json=report, headers=headers) as answer:
            assert answer.status in (200, 201), await answer.text()
            return await answer.json()


def _case(world: World, case_id: int) -> Case:
    with world.session_factory() as session:
        return session.get(Case, case_id)


async def test_photos_sent_while_reporting_become_evidence(world: World, make_report) -> None:
    sms_reporter = {"phone": RESIDENT, "safe_to_text": True, "consent_to_contact": True}
    # A web report from the same number first (no texts about it, so later texts still reach
    # the assistant): photos sent before it are not this report's.
    web_reporter = {**sms_reporter, "safe_to_text": False}
    await world.text("Old photo", media_urls=["https://x.test/ME-before"])
    web = await _report(world, make_report(channel="web", reporter=web_reporter))
    await world.text("Loud music again", media_urls=["https://x.test/ME-old"])
    web_case = _case(world, web["case_id"])
    assert "evidence" not in web_case.details
    with world.session_factory() as session:
        assert attach_recent_media(session, session.get(Case, web["case_id"])) == 0
    await world.text("Loud music upstairs", media_urls=["https://x.test/ME1", "https://x.test/ME2"])
    await world.text(None, media_urls=["https://x.test/ME3"])  # a photo sent alone
    await world.send_all()
    assert any("added to your report when you send it" in t for t in world.sent_to())
    await world.text("Flat 3, 1 Example Road")  # no photo
    await world.text("Another flat", sender=OTHER, media_urls=["https://x.test/ME-other"])

    report = make_report(channel="sms", reporter=sms_reporter)
    receipt = await _report(world, report)
    case = _case(world, receipt["case_id"])
    evidence = case.details["evidence"]
    assert [item["url"] for item in evidence] == [
        "https://x.test/ME-old",
        "https://x.test/ME1",
        "https://x.test/ME2",
        "https://x.test/ME3",
    ]
    assert {item["type"] for item in evidence} == {"photo"}
    assert all(item["message_sid"] and item["received_at"] for item in evidence)
    [event] = world.events(case.id, "evidence")
    assert event.actor == "resident" and "https://x.test/ME3" in event.summary
    assert len(event.data["message_sids"]) == 3
    with world.session_factory() as session:
        other = session.execute(
            select(SmsInbound).where(SmsInbound.from_number == OTHER)
        ).scalar_one()
        assert other.case_id is None  # another number's photos stay where they are

    # The same report again (a retried POST) attaches nothing twice; a new report gets none.
    assert (await _report(world, report))["case_id"] == case.id
    assert len(_case(world, case.id).details["evidence"]) == 4
    second = await _report(world, make_report(channel="sms", reporter=sms_reporter))
    assert "evidence" not in _case(world, second["case_id"]).details
    assert world.events(second["case_id"], "evidence") == []

    # A photo sent in reply to an update about the case is a note with its link, as before.
    update(world, second["case_id"], "status", status="in_progress")
    await world.send_all()
    await world.text("Here is a photo", media_urls=["https://x.test/ME-later"])
    [note] = world.events(second["case_id"], "resident_reply")
    assert note.data["media_urls"] == ["https://x.test/ME-later"]
    assert "evidence" not in _case(world, second["case_id"]).details


async def test_old_photos_are_not_evidence(world: World) -> None:
    await world.text("Loud music upstairs", media_urls=["https://x.test/ME1"])
    case_id = make_case(world.session_factory)
    with transaction(world.session_factory) as session:
        case = session.get(Case, case_id)
        later = utcnow() + EVIDENCE_WINDOW + timedelta(minutes=1)
        assert attach_recent_media(session, case, now=later) == 0
        assert attach_recent_media(session, case) == 1
    assert "evidence" in _case(world, case_id).details
