"""Safeguarding records on the action server (bot/actions/safeguarding.py, safeguarding_spool.py):
the safety action writes one to the spool and relays it, the conversation's later replies keep it
alive (throttled), the finished report carries it, and it survives the backend (or the action
server) going away. Run the rasa-sdk way (Tracker + CollectingDispatcher), against a small real
aiohttp server playing the backend. Fictional data only (phones +447700900xxx).
"""

# ruff: noqa: F811  (the settings fixture, imported from helpers, is every test's argument)
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sanic import Sanic

from bot.actions import delivery, safeguarding
from bot.actions.safeguarding_spool import SafeguardingSpool
from bot.actions.safety_advice import ActionSafetyAdvice
from bot.actions.server import build_app
from bot.actions.submit import ActionSubmitReport, build_payload
from core.settings import Settings
from tests.bot.actions.helpers import (
    DOMAIN,
    FILLED,
    SECRET,
    FakeBackend,
    responses,
    settings,  # noqa: F401 (the action server's settings fixture)
)
from tests.system import free_port

EMERGENCY = "someones breaking in right now"
DOMESTIC = "my partner hits me and I am scared of him"
SELF_HARM = "I want to kill myself tonight"
SMS_SENDER = "+447700900456"


class RecordsBackend(FakeBackend):
    """The fake backend with POST /api/safeguarding/records too (idempotent on record_id)."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.records: list[dict[str, Any]] = []
        self.records_status: int | None = None
        self.refuse_phone = False  # answer 400 naming contact.phone when a phone is sent

    async def handle_record(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SECRET}":
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.json()
        if self.records_status:
            return web.json_response({"error": "unavailable"}, status=self.records_status)
        if self.refuse_phone and (body.get("contact") or {}).get("phone"):
            return web.json_response(
                {"error": "invalid", "fields": {"contact.phone": "is not a phone number"}},
                status=400,
            )
        known = any(r["record_id"] == body["record_id"] for r in self.records)
        self.records.append(body)
        return web.json_response(
            {"record_id": body["record_id"], "state": "open"}, status=200 if known else 201
        )

    def routes(self, app: web.Application) -> None:
        super().routes(app)
        app.router.add_post("/api/safeguarding/records", self.handle_record)


@pytest.fixture
async def backend(backend_port: int) -> AsyncIterator[RecordsBackend]:
    fake = RecordsBackend(backend_port)
    await fake.start()
    yield fake
    await fake.stop()


def conversation(
    messages: list[str],
    *,
    slots: dict[str, Any] | None = None,
    sender: str = "web-sender-1",
    channel: str = "webchat",
    intent: str | None = None,
    session_started: float | None = None,
    active_loop: str | None = None,
    phone: str | None = None,
) -> Tracker:
    """A rasa_sdk Tracker for a conversation (one session) whose resident said `messages`
    (by SMS, `phone` is the number the SMS channel puts in each message's metadata)."""
    start = session_started or time.time() - 600
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_session_start", "timestamp": start},
        {"event": "session_started", "timestamp": start},
    ]
    for number, text in enumerate(messages, start=1):
        events += [
            {"event": "action", "name": "action_listen", "timestamp": start + number * 10},
            {
                "event": "user",
                "text": text,
                "timestamp": start + number * 10 + 1,
                "parse_data": {"text": text},
                "input_channel": channel,
                "metadata": {"channel": "sms", "phone": phone} if phone else {},
            },
        ]
    latest = {
        "text": messages[-1],
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": [],
        "metadata": {},
    }
    return Tracker(
        sender_id=sender,
        slots=dict(slots or {}),
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def state(tracker: Tracker) -> dict[str, Any]:
    """The tracker as Rasa sends it with an NLG request."""
    return tracker.current_state()


async def settle() -> None:
    """Let the background relays and activity notes finish."""
    while safeguarding._background:
        await asyncio.gather(*list(safeguarding._background))


async def safety(tracker: Tracker) -> tuple[list[str], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await ActionSafetyAdvice().run(dispatcher, tracker, DOMAIN)
    await settle()
    return responses(dispatcher), {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def spool_of(settings: Settings) -> SafeguardingSpool:
    """A fresh spool object on the same file (as after an action server restart)."""
    return SafeguardingSpool(settings.report_spool_path)


def only_row(settings: Settings, sender: str = "web-sender-1"):
    row = spool_of(settings).open_record(safeguarding.conversation_key(sender, settings))
    assert row is not None, "no open safeguarding record"
    return row


# -- the safety action ------------------------------------------------------------------------


async def test_emergency_advice_keeps_a_record_and_relays_it(
    settings: Settings, backend: RecordsBackend
) -> None:
    said, _slots = await safety(conversation(["hello", EMERGENCY], intent="emergency"))
    assert said[0] == "utter_safety_emergency"  # the advice first, as before
    row = only_row(settings)
    assert not row.pending  # the backend has it
    record = row.snapshot
    assert record["route"] == "emergency"
    assert record["words"] == ["hello", EMERGENCY]
    assert record["message_count"] == 2
    assert record["channel"] == "web"
    assert record["language"] == "en"
    assert record["flags"]["urgent"] is True
    assert "break_in" in record["reasons"]
    [sent] = backend.records
    assert sent["record_id"] == row.record_id and sent["sequence"] == 1
    assert sent["words"] == ["hello", EMERGENCY]


async def test_self_harm_and_domestic_abuse_advice_keep_records_too(
    settings: Settings, backend: RecordsBackend
) -> None:
    said, _ = await safety(conversation([SELF_HARM], sender="a"))
    assert said[0] == "utter_safety_self_harm"
    assert "self_harm" in only_row(settings, "a").snapshot["reasons"]
    said, _ = await safety(conversation([DOMESTIC], sender="b"))
    assert said[0] == "utter_safety_domestic_abuse"
    record = only_row(settings, "b").snapshot
    assert record["route"] == "domestic_abuse" and record["flags"]["domestic_abuse"]
    assert len(backend.records) == 2


async def test_hate_and_past_crime_advice_alone_keep_no_record(
    settings: Settings, backend: RecordsBackend
) -> None:
    await safety(conversation(["theyre shouting racist abuse at me every day"]))
    await safety(conversation(["someone stole my bike last week"]))
    assert spool_of(settings).counts() == {"open": 0, "closed": 0, "pending": 0}
    assert backend.records == []


async def test_a_second_safety_message_updates_the_same_record_most_urgent_first(
    settings: Settings, backend: RecordsBackend
) -> None:
    start = time.time() - 600
    await safety(conversation([DOMESTIC], session_started=start))
    first = only_row(settings)
    _, slots = await safety(
        conversation(
            [DOMESTIC, EMERGENCY],
            slots={"safety_route": "domestic_abuse", "safety_flags": ["domestic_abuse"]},
            session_started=start,
        )
    )
    await safety(
        conversation(
            [DOMESTIC, EMERGENCY, DOMESTIC],
            slots={"safety_route": slots["safety_route"], "safety_flags": slots["safety_flags"]},
            session_started=start,
        )
    )
    row = only_row(settings)
    assert row.record_id == first.record_id
    assert row.snapshot["route"] == "emergency"
    assert row.snapshot["flags"]["domestic_abuse"] and row.snapshot["flags"]["urgent"]
    assert row.snapshot["words"] == [DOMESTIC, EMERGENCY, DOMESTIC]
    # A more urgent route goes to the backend at once, whatever the throttle.
    assert [r["route"] for r in backend.records[:2]] == ["domestic_abuse", "emergency"]
    assert {r["record_id"] for r in backend.records} == {first.record_id}


async def test_on_sms_the_sender_is_the_phone_unless_they_chose_anonymity(
    settings: Settings, backend: RecordsBackend
) -> None:
    # The SMS channel's conversation id is a keyed hash; the number comes in the metadata.
    await safety(conversation([EMERGENCY], sender="sms:1", channel="sms", phone=SMS_SENDER))
    contact = only_row(settings, "sms:1").snapshot["contact"]
    assert contact["phone"] == SMS_SENDER
    assert contact["safe_to_text"] is None  # never a text without a yes
    # A conversation id shaped like a number is not a phone number (any channel could send it).
    await safety(conversation([EMERGENCY], sender=SMS_SENDER, channel="sms"))
    assert only_row(settings, SMS_SENDER).snapshot["contact"]["phone"] is None

    anonymous = {"anonymous": "yes", "reporter_name": "Sam Example", "location": "Flat 2"}
    await safety(
        conversation(
            [EMERGENCY], sender="sms:2", channel="sms", slots=anonymous, phone="+447700900457"
        )
    )
    contact = only_row(settings, "sms:2").snapshot["contact"]
    assert contact["phone"] is None and contact["name"] is None
    assert contact["location"] == "Flat 2"


# -- keeping it alive -------------------------------------------------------------------------


async def test_the_conversation_going_on_updates_the_record_at_most_once_a_minute(
    settings: Settings, backend: RecordsBackend
) -> None:
    start = time.time() - 600
    await safety(conversation([EMERGENCY], session_started=start))
    later = conversation(
        [EMERGENCY, "Flat 7, 3 Example Road"],
        slots={"safety_route": "emergency", "location": "Flat 7, 3 Example Road"},
        session_started=start,
    )
    safeguarding.note_activity_in_background(state(later), settings)
    await settle()
    row = only_row(settings)
    assert row.version == 2 and row.pending  # on disk at once ...
    assert row.snapshot["words"] == [EMERGENCY, "Flat 7, 3 Example Road"]
    assert row.snapshot["contact"]["location"] == "Flat 7, 3 Example Road"
    assert row.snapshot["last_activity_at"] > backend.records[0]["last_activity_at"]
    assert len(backend.records) == 1  # ... but not relayed within the minute
    spool = spool_of(settings)
    assert spool.due(now=time.time()) == []
    assert [r.record_id for r in spool.due(now=time.time() + 61)] == [row.record_id]

    assert await safeguarding.relay_records(settings, now=time.time() + 61) == 1
    assert backend.records[-1]["sequence"] == 2
    assert backend.records[-1]["words"] == [EMERGENCY, "Flat 7, 3 Example Road"]
    # The same tracker again (another reply in the same turn): nothing new to write.
    safeguarding.note_activity_in_background(state(later), settings)
    await settle()
    assert only_row(settings).version == 2


async def test_conversations_without_safety_advice_are_not_recorded(
    settings: Settings, backend: RecordsBackend
) -> None:
    tracker = conversation(["loud music every night"], slots={"description": "loud music"})
    safeguarding.note_activity_in_background(state(tracker), settings)
    safeguarding.note_activity_in_background({"no": "sender"}, settings)
    safeguarding.note_activity_in_background(None, settings)
    await settle()
    assert spool_of(settings).counts()["open"] == 0


async def test_a_new_session_closes_the_old_record_and_starts_afresh(
    settings: Settings, backend: RecordsBackend
) -> None:
    await safety(conversation([EMERGENCY], session_started=time.time() - 7200))
    old = only_row(settings)
    fresh_session = conversation(["hello again"], session_started=time.time() - 5)
    safeguarding.note_activity_in_background(state(fresh_session), settings)
    await settle()
    assert spool_of(settings).get(old.record_id).open is False
    await safety(conversation([EMERGENCY], session_started=time.time() - 5))
    assert only_row(settings).record_id != old.record_id


# -- surviving failures ------------------------------------------------------------------------


async def test_the_record_waits_on_disk_while_the_backend_is_down(
    settings: Settings, backend: RecordsBackend
) -> None:
    backend.records_status = 503
    said, _ = await safety(conversation([EMERGENCY]))
    assert said[0] == "utter_safety_emergency"  # the advice does not wait for the backend
    row = only_row(settings)
    assert row.pending and row.attempts == 1
    # The action server restarts: a new spool object on the same file still has it.
    safeguarding._spools.clear()
    backend.records_status = None
    assert await safeguarding.relay_records(settings, now=time.time() + 120) == 1
    assert backend.records[-1]["record_id"] == row.record_id
    assert not only_row(settings).pending


async def test_a_refused_phone_number_does_not_lose_the_record(
    settings: Settings, backend: RecordsBackend
) -> None:
    backend.refuse_phone = True
    await safety(conversation([EMERGENCY], slots={"phone": "+447700900458"}))
    assert not only_row(settings).pending
    assert backend.records[-1]["contact"].get("phone") is None
    assert backend.records[-1]["words"] == [EMERGENCY]


# -- the finished report ----------------------------------------------------------------------


async def test_the_finished_report_carries_its_record_which_is_then_closed(
    settings: Settings, backend: RecordsBackend
) -> None:
    start = time.time() - 600
    await safety(conversation([EMERGENCY], session_started=start))
    record_id = only_row(settings).record_id
    # "start again" cleared the safety slots; the record keeps the report urgent all the same.
    confirmed = conversation(
        [EMERGENCY, "yes send it"],
        slots={**FILLED, "report_id": "5d0c7a64-0a7e-4a8e-9a57-3c4a1f6f0b02", "stage": "confirm"},
        session_started=start,
    )
    dispatcher = CollectingDispatcher()
    await ActionSubmitReport().run(dispatcher, confirmed, DOMAIN)
    await settle()
    [report] = backend.posts
    assert report["safeguarding_id"] == record_id
    assert report["route"] == "emergency" and report["flags"]["urgent"] is True
    assert responses(dispatcher)[0] == "utter_report_sent"
    row = spool_of(settings).get(record_id)
    assert row.open is False
    assert row.snapshot is None  # relayed and closed: no second copy of their words here


async def test_a_report_without_safety_advice_carries_no_record(
    settings: Settings, backend: RecordsBackend
) -> None:
    confirmed = conversation(
        ["loud music", "yes"],
        slots={**FILLED, "report_id": "5d0c7a64-0a7e-4a8e-9a57-3c4a1f6f0b03", "stage": "confirm"},
    )
    await ActionSubmitReport().run(CollectingDispatcher(), confirmed, DOMAIN)
    [report] = backend.posts
    assert "safeguarding_id" not in report and report["route"] == "asb"


# -- through the action server's HTTP endpoints ------------------------------------------------


@pytest.fixture
async def action_server(settings: Settings, backend: RecordsBackend) -> AsyncIterator[str]:
    """bot.actions.server's app on a free loopback port (relay loop included)."""
    test_mode = Sanic.test_mode
    Sanic.test_mode = True
    app = build_app(settings)
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        await server.close()
        await server.after_stop()
        Sanic._app_registry.pop(app.name, None)
        Sanic.test_mode = test_mode


async def test_the_webhook_and_nlg_endpoints_keep_the_record(
    settings: Settings, backend: RecordsBackend, action_server: str
) -> None:
    start = time.time() - 600
    first = conversation([EMERGENCY], intent="emergency", session_started=start)
    call = {
        "next_action": "action_safety_advice",
        "sender_id": first.sender_id,
        "version": "3.6.2",
        "domain": DOMAIN,
        "tracker": state(first),
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{action_server}/webhook", json=call) as resp:
            assert resp.status == 200
            answer = await resp.json()
        assert answer["responses"][0]["response"] == "utter_safety_emergency"
        later = conversation(
            [EMERGENCY, "please hurry"], slots={"safety_route": "emergency"}, session_started=start
        )
        nlg = {
            "response": "utter_ask_location",
            "arguments": {},
            "tracker": state(later),
            "channel": {"name": "rest"},
        }
        async with http.post(f"{action_server}/nlg", json=nlg) as resp:
            assert resp.status == 200
    await settle()
    row = only_row(settings)
    assert row.snapshot["words"] == [EMERGENCY, "please hurry"]
    assert backend.records[0]["record_id"] == row.record_id


def test_a_backend_that_does_not_know_records_still_gets_the_report() -> None:
    # An older backend refuses `safeguarding_id` as an unknown field: the report goes without.
    payload = {
        "report_id": "5d0c7a64-0a7e",
        "safeguarding_id": "3b9e0c1a-77aa",
        "reporter": {},
        "details": {},
        "ram_answers": {},
    }
    reduced = delivery.without_fields(payload, ["safeguarding_id"])
    assert "safeguarding_id" not in reduced
    assert reduced["details"]["fields_dropped"] == ["safeguarding_id"]


def test_the_payload_takes_the_records_route_only_when_more_urgent(settings: Settings) -> None:
    from datetime import datetime, timezone

    when = datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc)
    record = {
        "record_id": "3b9e0c1a-77aa-4c1e-9d7e-1f0a2b3c4d5e",
        "route": "domestic_abuse",
        "flags": {"domestic_abuse": True},
    }
    plain = conversation(["loud music"], slots=dict(FILLED))
    payload = build_payload(plain, "5d0c7a64-0a7e-4a8e", when, settings, record)
    assert payload["safeguarding_id"] == record["record_id"]
    assert payload["route"] == "domestic_abuse" and payload["flags"]["domestic_abuse"]
    assert payload["details"]["safety_route"] == "domestic_abuse"
    emergency = conversation(["x"], slots={**FILLED, "safety_route": "emergency", "urgent": True})
    payload = build_payload(emergency, "5d0c7a64-0a7e-4a8f", when, settings, record)
    assert payload["route"] == "emergency"  # already more urgent than the record's
    assert payload["flags"]["urgent"] and payload["flags"]["domestic_abuse"]
    assert "safeguarding_id" not in build_payload(plain, "5d0c7a64-0a7e-4a90", when, settings)
