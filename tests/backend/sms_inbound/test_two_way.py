"""Two-way SMS: Twilio stand-in -> signed webhook -> SMS channel -> backend -> outbox -> worker
-> real `twilio` library -> stand-in, on SQLite and PostgreSQL.

Rasa itself is another process; a stub stands in for its `on_new_message` and answers the way
the assistant does (text, sometimes buttons) through Rasa's own CollectingOutputChannel.
This file: the webhook and the conversation with the assistant; opt-out, updates, replies
about a case and photos have their own files.
Blocking work (the worker, database reads) runs in threads so the stand-in, the backend and
the channel, all served on this test's event loop, can answer. Time moves by passing `now`.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import aiohttp
from rasa.core.channels.channel import UserMessage
from twilio.request_validator import RequestValidator

from backend.db import utcnow
from backend.sms_inbound.models import SmsInbound
from channels.sms import SmsInput
from tests.backend.sms_inbound.two_way_world import RESIDENT, YES_NO, StubBot, World

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
    # The conversation is named by a keyed hash (channels/sms.py); the number is in metadata.
    assert message.sender_id.startswith("sms:") and RESIDENT not in message.sender_id
    assert message.metadata["phone"] == RESIDENT
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
