"""What every custom input channel's Sanic routes share: GET / as a health check, a cap on
request bodies for the whole Rasa server (Sanic's default is 100 MB; our channels read 16 KB),
and, for the JSON channels (REST and web chat), running one checked message through the
assistant and the POST /webhook route."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import IssuedPayloads, issued_payloads_from_tracker, no_payloads
from core.logs import log_unexpected

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# Sanic answers 413 itself, before reading the body, above this (Twilio's webhook and our JSON
# bodies are a few KB).
MAX_REQUEST_BYTES = 256 * 1024


def channel_blueprint(channel: InputChannel) -> Blueprint:
    """A blueprint named after the channel class, with GET / as the channel's health check."""
    module = inspect.getmodule(channel)
    webhook = Blueprint(
        f"custom_webhook_{type(channel).__name__}", module.__name__ if module else None
    )

    @webhook.route("/", methods=["GET"])
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @webhook.listener("before_server_start")
    async def cap_request_size(app: Sanic, _loop: object) -> None:
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)

    return webhook


async def run_turn(
    on_new_message: OnNewMessage,
    text: str,
    sender: str,
    *,
    input_channel: str,
    metadata: dict[str, Any] | None,
    silence_is_failure: bool = False,
) -> tuple[int, Any]:
    """One checked message through the assistant: (200, its replies), or 500 if handling it
    failed (logged by type and stack only: the text is personal data).

    With `silence_is_failure`, a turn with no reply at all is a 503: the assistant always
    answers, and Rasa says nothing (and logs the error) when the action server or its replies
    could not be reached, e.g. while a killed action server is started again. The caller (the
    backend's web chat proxy) then asks another Rasa server, or the resident tries again.
    """
    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, sender, input_channel=input_channel, metadata=metadata)
    try:
        await on_new_message(message)
    except asyncio.CancelledError:
        logger.error("%s: handling a message was cancelled (timeout or disconnect)", input_channel)
        raise
    except Exception as exc:  # noqa: BLE001 - never log the text
        log_unexpected(logger, f"{input_channel}: the assistant handling a message", exc)
        return 500, {"error": "The assistant could not handle this message."}
    if silence_is_failure and not collector.messages:
        logger.warning("%s: no reply to a message (is the action server running?)", input_channel)
        return 503, {"error": "The assistant could not answer just now."}
    return 200, collector.messages


class JsonChannel(Protocol):
    async def handle(
        self,
        body: bytes | None,
        on_new_message: OnNewMessage,
        *,
        authorization: str | None = None,
        issued_payloads: IssuedPayloads = no_payloads,
    ) -> tuple[int, Any]: ...


def json_webhook_blueprint(channel: InputChannel, on_new_message: OnNewMessage) -> Blueprint:
    """GET / and POST /webhook for a JSON channel: the caller's token and the body go to
    `channel.handle`, with the payloads of buttons this conversation was offered."""
    webhook = channel_blueprint(channel)
    handler: JsonChannel = channel  # type: ignore[assignment]

    @webhook.route("/webhook", methods=["POST"])
    async def receive(request: Request) -> HTTPResponse:
        agent = getattr(request.app.ctx, "agent", None)

        async def issued(sender: str) -> set[str]:
            return await issued_payloads_from_tracker(agent, sender)

        status, body = await handler.handle(
            request.body,
            on_new_message,
            authorization=request.headers.get("Authorization"),
            issued_payloads=issued,
        )
        return response.json(body, status=status)

    return webhook
