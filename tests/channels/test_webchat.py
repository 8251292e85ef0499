"""The Rasa web chat input channel (channels/webchat.py), with a stub in place of Rasa's agent."""

from __future__ import annotations

import json
import logging
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage, register
from rasa.core.run import _create_single_channel
from sanic import Sanic

from channels.webchat import WebChatInput

SENDER = "9b2f8a57-35a4-4a32-8a0c-1d1d3c8e2b11"


class EchoAgent:
    """Stands in for Rasa's agent: records each message and echoes it with a button."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_with_buttons(
            message.sender_id,
            f"echo: {message.text}",
            [{"title": "Yes", "payload": "/affirm"}],
        )
        await message.output_channel.send_custom_json(message.sender_id, {"kind": "test"})


def body(**values: Any) -> bytes:
    return json.dumps(values).encode()


async def test_valid_message_returns_the_bot_messages() -> None:
    agent = EchoAgent()
    status, answer = await WebChatInput().handle(
        body(sender=SENDER, message="  loud music  ", metadata={"language": "en"}),
        agent.handle_message,
    )
    assert status == 200
    assert answer == [
        {
            "recipient_id": SENDER,
            "text": "echo: loud music",
            "buttons": [{"title": "Yes", "payload": "/affirm"}],
        },
        {"recipient_id": SENDER, "custom": {"kind": "test"}},
    ]
    (message,) = agent.messages
    assert message.sender_id == SENDER
    assert message.input_channel == "webchat"
    assert message.metadata == {"language": "en"}


async def test_metadata_is_optional_and_only_language_is_kept() -> None:
    agent = EchoAgent()
    status, _ = await WebChatInput().handle(body(sender=SENDER, message="hi"), agent.handle_message)
    assert status == 200
    assert agent.messages[0].metadata is None
    status, _ = await WebChatInput().handle(
        body(sender=SENDER, message="hi", metadata={"language": "pt-BR", "evil": "x" * 99}),
        agent.handle_message,
    )
    assert status == 200
    assert agent.messages[1].metadata == {"language": "pt"}


@pytest.mark.parametrize(
    "sender",
    [None, "", "bob", "9b2f8a57", 12345, SENDER + "0", "{" + SENDER + "}", "../" + SENDER],
)
async def test_bad_sender_is_refused(sender: Any) -> None:
    agent = EchoAgent()
    status, answer = await WebChatInput().handle(
        body(sender=sender, message="hi"), agent.handle_message
    )
    assert status == 400
    assert "sender" in answer["error"]
    assert answer["fields"].keys() == {"sender"}
    assert agent.messages == []


@pytest.mark.parametrize("message", [None, "", "   ", 42, ["hi"], "x" * 2001])
async def test_bad_message_is_refused(message: Any) -> None:
    agent = EchoAgent()
    status, answer = await WebChatInput().handle(
        body(sender=SENDER, message=message), agent.handle_message
    )
    assert status == 400
    assert "message" in answer["error"]
    assert agent.messages == []


async def test_longest_message_is_accepted_and_limit_is_configurable() -> None:
    agent = EchoAgent()
    status, _ = await WebChatInput().handle(
        body(sender=SENDER, message="x" * 2000), agent.handle_message
    )
    assert status == 200
    channel = WebChatInput.from_credentials({"max_message_length": 10})
    status, answer = await channel.handle(
        body(sender=SENDER, message="x" * 11), agent.handle_message
    )
    assert status == 400
    assert "10 characters" in answer["error"]


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'"text"'])
async def test_non_json_or_non_object_is_refused(raw: bytes) -> None:
    status, answer = await WebChatInput().handle(raw, EchoAgent().handle_message)
    assert status == 400
    assert answer["error"]


async def test_metadata_must_be_an_object() -> None:
    status, answer = await WebChatInput().handle(
        body(sender=SENDER, message="hi", metadata="en"), EchoAgent().handle_message
    )
    assert status == 400
    assert answer["fields"].keys() == {"metadata"}


async def test_failure_in_the_agent_is_a_500_and_the_text_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(message: UserMessage) -> None:
        raise RuntimeError("boom")

    secret = "my neighbour at number 12 threatened me"
    with caplog.at_level(logging.DEBUG):
        status, answer = await WebChatInput().handle(body(sender=SENDER, message=secret), broken)
    assert status == 500
    assert answer["error"]
    assert secret not in caplog.text
    assert "number 12" not in caplog.text


def test_loadable_the_way_rasa_loads_credentials_yml() -> None:
    channel = _create_single_channel("channels.webchat.WebChatInput", None)
    assert isinstance(channel, WebChatInput)
    assert channel.name() == "webchat"
    assert channel.url_prefix() == "webchat"
    assert channel.max_message_length == 2000
    configured = _create_single_channel(
        "channels.webchat.WebChatInput", {"max_message_length": 500}
    )
    assert configured.max_message_length == 500


# -- through a real Sanic server, registered the way `rasa run` does it -----------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def rasa_like_server() -> AsyncIterator[tuple[str, EchoAgent]]:
    Sanic.test_mode = True
    app = Sanic(f"webchat_test_{uuid.uuid4().hex}", configure_logging=False)
    agent = EchoAgent()
    app.ctx.agent = agent
    register([WebChatInput()], app, route="/webhooks/")
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    await server.start_serving()
    try:
        yield f"http://127.0.0.1:{port}/webhooks/webchat", agent
    finally:
        server.close()
        await server.wait_closed()


async def test_http_webhook_and_health(rasa_like_server: tuple[str, EchoAgent]) -> None:
    base, agent = rasa_like_server
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/") as response:
            assert response.status == 200
            assert await response.json() == {"status": "ok"}
        async with session.post(
            f"{base}/webhook",
            json={"sender": SENDER, "message": "hello", "metadata": {"language": "en"}},
        ) as response:
            assert response.status == 200
            answer = await response.json()
        assert isinstance(answer, list)
        assert answer[0]["text"] == "echo: hello"
        assert answer[0]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
        assert agent.messages[0].metadata == {"language": "en"}
        assert agent.messages[0].input_channel == "webchat"

        async with session.post(
            f"{base}/webhook", json={"sender": "not-a-uuid", "message": "hello"}
        ) as response:
            assert response.status == 400
            assert "sender" in (await response.json())["error"]
        async with session.post(
            f"{base}/webhook", json={"sender": SENDER, "message": "x" * 2001}
        ) as response:
            assert response.status == 400
            assert "2000" in (await response.json())["error"]
        async with session.post(
            f"{base}/webhook", data=b"{oops", headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 400
        async with session.post(
            f"{base}/webhook", data=b"x" * (64 * 1024), headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 413
    assert len(agent.messages) == 1
