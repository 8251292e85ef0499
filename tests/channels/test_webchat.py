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
CONVERSATION = "web:" + SENDER
SECRET = "test-ingest-secret-0123456789"
AUTH = f"Bearer {SECRET}"


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


async def handle(
    raw: bytes | None, on_new_message: Any, channel: WebChatInput | None = None, **kwargs: Any
) -> tuple[int, Any]:
    """What the backend's request does: the channel with the ingest secret."""
    channel = channel or WebChatInput(secret=SECRET)
    return await channel.handle(raw, on_new_message, authorization=AUTH, **kwargs)


async def test_valid_message_returns_the_bot_messages() -> None:
    agent = EchoAgent()
    status, answer = await handle(
        body(sender=SENDER, message="  loud music  ", metadata={"language": "en"}),
        agent.handle_message,
    )
    assert status == 200
    assert answer == [
        {
            "recipient_id": CONVERSATION,
            "text": "echo: loud music",
            "buttons": [{"title": "Yes", "payload": "/affirm"}],
        },
        {"recipient_id": CONVERSATION, "custom": {"kind": "test"}},
    ]
    (message,) = agent.messages
    assert message.sender_id == CONVERSATION
    assert message.input_channel == "webchat"
    assert message.metadata == {"language": "en"}


async def test_metadata_is_optional_and_only_language_is_kept() -> None:
    agent = EchoAgent()
    status, _ = await handle(body(sender=SENDER, message="hi"), agent.handle_message)
    assert status == 200
    assert agent.messages[0].metadata is None
    status, _ = await handle(
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
    status, answer = await handle(body(sender=sender, message="hi"), agent.handle_message)
    assert status == 400
    assert "sender" in answer["error"]
    assert answer["fields"].keys() == {"sender"}
    assert agent.messages == []


@pytest.mark.parametrize("message", [None, "", "   ", 42, ["hi"], "x" * 2001])
async def test_bad_message_is_refused(message: Any) -> None:
    agent = EchoAgent()
    status, answer = await handle(body(sender=SENDER, message=message), agent.handle_message)
    assert status == 400
    assert "message" in answer["error"]
    assert agent.messages == []


async def test_longest_message_is_accepted_and_limit_is_configurable() -> None:
    agent = EchoAgent()
    status, _ = await handle(body(sender=SENDER, message="x" * 2000), agent.handle_message)
    assert status == 200
    channel = WebChatInput(max_message_length=10, secret=SECRET)
    status, answer = await handle(
        body(sender=SENDER, message="x" * 11), agent.handle_message, channel
    )
    assert status == 400
    assert "10 characters" in answer["error"]


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'"text"'])
async def test_non_json_or_non_object_is_refused(raw: bytes) -> None:
    status, answer = await handle(raw, EchoAgent().handle_message)
    assert status == 400
    assert answer["error"]


async def test_metadata_must_be_an_object() -> None:
    status, answer = await handle(
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
        status, answer = await handle(body(sender=SENDER, message=secret), broken)
    assert status == 500
    assert answer["error"]
    assert secret not in caplog.text
    assert "number 12" not in caplog.text


async def test_a_turn_with_no_reply_is_a_503_so_the_backend_asks_another_server() -> None:
    """Rasa answers nothing (and logs why) when the action server cannot be reached, e.g.
    killed and being started again: the backend must not show the resident silence."""

    async def silent(message: UserMessage) -> None:
        return None

    status, answer = await handle(body(sender=SENDER, message="the noise is back"), silent)
    assert status == 503
    assert answer["error"]


def test_loadable_the_way_rasa_loads_credentials_yml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASB_INGEST_SECRET", SECRET)
    channel = _create_single_channel("channels.webchat.WebChatInput", None)
    assert isinstance(channel, WebChatInput)
    assert channel.name() == "webchat"
    assert channel.url_prefix() == "webchat"
    assert channel.max_message_length == 2000
    assert channel.secret == SECRET
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
    register([WebChatInput(secret=SECRET)], app, route="/webhooks/")
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
    async with aiohttp.ClientSession(headers={"Authorization": AUTH}) as session:
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


# -- only the backend, and nothing a resident types is taken for ours (issue 13) -------------


@pytest.mark.parametrize("authorization", [None, "", SECRET, "Bearer wrong", f"Bearer {SECRET}x"])
async def test_only_the_backend_with_its_secret_is_heard(authorization: str | None) -> None:
    agent = EchoAgent()
    status, answer = await WebChatInput(secret=SECRET).handle(
        body(sender=SENDER, message="hi"), agent.handle_message, authorization=authorization
    )
    assert status == 401 and answer["error"]
    status, _ = await WebChatInput(secret="").handle(
        body(sender=SENDER, message="hi"), agent.handle_message, authorization="Bearer "
    )
    assert status == 401
    assert agent.messages == []


@pytest.mark.parametrize(
    "raw", [b"[" * 1000 + b"]" * 1000, b'{"sender": ' + b"[" * 1000 + b"]" * 1000 + b"}"]
)
async def test_deeply_nested_json_is_a_400(raw: bytes) -> None:
    agent = EchoAgent()
    status, answer = await handle(raw, agent.handle_message)
    assert status == 400 and answer["error"]
    assert agent.messages == []


async def test_a_lone_surrogate_is_cleaned_before_the_assistant() -> None:
    agent = EchoAgent()
    raw = b'{"sender": "' + SENDER.encode() + b'", "message": "\\ud800 they shout"}'
    status, answer = await handle(raw, agent.handle_message)
    assert status == 200
    assert agent.messages[0].text == "\ufffd they shout"


async def test_a_typed_intent_payload_is_plain_text_but_an_offered_button_works() -> None:
    agent = EchoAgent()

    async def offered(sender: str) -> set[str]:
        return {"/affirm"} if sender == CONVERSATION else set()

    status, _ = await handle(
        body(sender=SENDER, message='/inform{"phone":"+447700900999"}'),
        agent.handle_message,
        issued_payloads=offered,
    )
    assert status == 200
    status, _ = await handle(
        body(sender=SENDER, message="/affirm"), agent.handle_message, issued_payloads=offered
    )
    assert status == 200
    assert [m.text for m in agent.messages] == ['inform{"phone":"+447700900999"}', "/affirm"]
