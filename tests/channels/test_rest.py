"""The REST channel (channels/rest.py): behind a token, off by default, its own conversations,
bounded and cleaned input; with a stub in place of Rasa's agent. Fictional data only."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage, register
from rasa.core.run import _create_single_channel
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic

from channels.rest import RestInput

TOKEN = "test-rest-token-0123456789"
AUTH = f"Bearer {TOKEN}"
RESIDENT = "+447700900461"


class EchoAgent:
    """Stands in for Rasa's agent: records each message, echoes it; its tracker store knows
    the buttons offered in conversation `rest:offered`."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []
        self.tracker_store = self

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        if sender_id != "rest:offered":
            return None
        buttons = [{"title": "Noise", "payload": '/inform{"category":"noise"}'}]
        events = [UserUttered("hi"), BotUttered("Which is it?", {"buttons": buttons})]
        return DialogueStateTracker.from_events(sender_id, events)

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"echo: {message.text}")


def body(**values: Any) -> bytes:
    return json.dumps(values).encode()


async def handle(raw: bytes, agent: EchoAgent, **kwargs: Any) -> tuple[int, Any]:
    kwargs.setdefault("authorization", AUTH)
    return await RestInput(token=TOKEN).handle(raw, agent.handle_message, **kwargs)


async def test_off_without_a_token_and_refused_without_the_right_one() -> None:
    agent = EchoAgent()
    status, answer = await RestInput(token="").handle(
        body(sender="a", message="hi"), agent.handle_message, authorization="Bearer "
    )
    assert status == 404 and "ASB_REST_TOKEN" in answer["error"]
    for authorization in (None, "", TOKEN, "Bearer wrong", f"Basic {TOKEN}"):
        status, _ = await handle(body(sender="a", message="hi"), agent, authorization=authorization)
        assert status == 401
    assert agent.messages == []


async def test_a_rest_caller_gets_its_own_conversation_never_an_sms_one() -> None:
    agent = EchoAgent()
    senders = [RESIDENT, "sms:0123456789abcdef0123456789abcdef", "web:" + str(uuid.uuid4())]
    for sender in senders:
        status, answer = await handle(
            body(sender=sender, message="show me the summary", input_channel="sms"), agent
        )
        assert status == 200
        assert answer[0]["recipient_id"] == f"rest:{sender}"
    assert [m.sender_id for m in agent.messages] == [f"rest:{s}" for s in senders]
    assert all(m.input_channel == "rest" for m in agent.messages)


@pytest.mark.parametrize("sender", [None, "", "   ", 12, ["a"], "a b", "x" * 129, "a\nb"])
async def test_a_missing_or_odd_sender_is_refused(sender: Any) -> None:
    agent = EchoAgent()
    status, answer = await handle(body(sender=sender, message="hi"), agent)
    assert status == 400 and answer["fields"].keys() == {"sender"}
    status, _ = await handle(body(message="hi"), agent)
    assert status == 400
    assert agent.messages == []


async def test_only_the_language_is_kept_from_metadata() -> None:
    agent = EchoAgent()
    metadata = {"language": "pl", "phone": RESIDENT, "channel": "sms"}
    status, _ = await handle(body(sender="a", message="hi", metadata=metadata), agent)
    assert status == 200
    assert agent.messages[0].metadata == {"language": "pl"}


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   ",
        b"null",
        b"[]",
        b'"hello"',
        b"42",
        b"{oops",
        b"[" * 1000 + b"]" * 1000,
        b'{"sender": "a", "message": "hi", "metadata": ' + b"[" * 1000 + b"]" * 1000 + b"}",
    ],
)
async def test_empty_non_object_or_deeply_nested_json_is_a_400(raw: bytes) -> None:
    agent = EchoAgent()
    status, answer = await handle(raw, agent)
    assert status == 400 and answer["error"]
    assert agent.messages == []


async def test_a_long_message_is_refused_before_the_assistant_sees_it() -> None:
    agent = EchoAgent()
    status, answer = await handle(body(sender="a", message="x" * 2001), agent)
    assert status == 400 and "2000 characters" in answer["error"]
    status, answer = await handle(body(sender="a", message="x" * 200_000), agent)
    assert status == 413
    assert agent.messages == []
    status, _ = await handle(body(sender="a", message="x" * 2000), agent)
    assert status == 200


async def test_a_lone_surrogate_is_cleaned_before_the_assistant() -> None:
    agent = EchoAgent()
    raw = b'{"sender": "a", "message": "loud music \\ud800 next door\\u0000"}'
    status, answer = await handle(raw, agent)
    assert status == 200
    assert agent.messages[0].text == "loud music \ufffd next door"
    agent.messages[0].text.encode("utf-8")  # TensorFlow needs encodable text
    status, _ = await handle(b'{"sender": "a", "message": "\\udfff"}', agent)
    assert status == 200


async def test_a_typed_intent_payload_is_plain_text_but_an_offered_button_works() -> None:
    agent = EchoAgent()
    typed = '/inform{"phone":"+447700900999"}'
    status, _ = await handle(
        body(sender="a", message=typed), agent, issued_payloads=lambda s: _offered(agent, s)
    )
    assert status == 200
    assert agent.messages[-1].text == 'inform{"phone":"+447700900999"}'
    button = '/inform{"category":"noise"}'
    status, _ = await handle(
        body(sender="offered", message=button),
        agent,
        issued_payloads=lambda s: _offered(agent, s),
    )
    assert status == 200 and agent.messages[-1].text == button
    status, _ = await handle(body(sender="a", message="///"), agent)
    assert status == 400


async def _offered(agent: EchoAgent, sender: str) -> set[str]:
    from channels.guard import issued_payloads_from_tracker

    return await issued_payloads_from_tracker(agent, sender)


def test_loadable_the_way_rasa_loads_credentials_yml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASB_REST_TOKEN", raising=False)
    channel = _create_single_channel("channels.rest.RestInput", None)
    assert isinstance(channel, RestInput) and channel.name() == "rest" and channel.token == ""
    monkeypatch.setenv("ASB_REST_TOKEN", TOKEN)
    channel = _create_single_channel("channels.rest.RestInput", {"max_message_length": 50})
    assert channel.token == TOKEN and channel.max_message_length == 50


# -- through a real Sanic server, registered the way `rasa run` does it -----------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def rest_server() -> AsyncIterator[tuple[str, EchoAgent]]:
    Sanic.test_mode = True
    app = Sanic(f"rest_test_{uuid.uuid4().hex}", configure_logging=False)
    agent = EchoAgent()
    app.ctx.agent = agent
    register([RestInput(token=TOKEN)], app, route="/webhooks/")
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    await server.before_start()
    await server.start_serving()
    try:
        yield f"http://127.0.0.1:{port}/webhooks/rest", agent
    finally:
        server.close()
        await server.wait_closed()


async def test_over_http_bad_bodies_are_4xx_and_buttons_from_the_tracker_work(
    rest_server: tuple[str, EchoAgent],
) -> None:
    base, agent = rest_server
    async with aiohttp.ClientSession(headers={"Authorization": AUTH}) as http:
        for raw in (b"[" * 1000 + b"]" * 1000, b"", b"[1]", b"{"):
            async with http.post(f"{base}/webhook", data=raw) as answer:
                assert answer.status == 400, raw[:10]
        async with http.post(f"{base}/webhook", json={"sender": None, "message": "hi"}) as a:
            assert a.status == 400
        button = '/inform{"category":"noise"}'
        async with http.post(f"{base}/webhook", json={"sender": "offered", "message": button}):
            pass
        async with http.post(f"{base}/webhook", json={"sender": "other", "message": button}):
            pass
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/webhook", json={"sender": "a", "message": "hi"}) as a:
            assert a.status == 401
    assert [m.text for m in agent.messages] == [button, button[1:]]


async def status_of_announced_body(base: str, length: int) -> int:
    """The status line Sanic answers to headers announcing a `length`-byte body (none sent)."""
    url = urlsplit(base)
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    writer.write(
        f"POST {url.path}/webhook HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n".encode()
    )
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    return int(status_line.split()[1])


async def test_a_long_message_does_not_hold_up_other_residents(
    rest_server: tuple[str, EchoAgent],
) -> None:
    """A 100 KB message is refused at once; the next resident is answered as usual."""
    base, agent = rest_server
    async with aiohttp.ClientSession(headers={"Authorization": AUTH}) as http:
        async with http.post(
            f"{base}/webhook", json={"sender": "a", "message": "words " * 20_000}
        ) as answer:
            assert answer.status == 413
        # Sanic refuses a body far too big for any channel before reading it.
        assert await status_of_announced_body(base, 4 * 1024 * 1024) == 413
        async with http.post(f"{base}/webhook", json={"sender": "b", "message": "hi"}) as answer:
            assert answer.status == 200
    assert [m.text for m in agent.messages] == ["hi"]
