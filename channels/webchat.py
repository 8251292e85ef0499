"""Rasa input channel for the web chat page (replaces socket.io, see docs).

The backend (backend/webchat/views.py) is the only intended caller: it posts
`{"sender": "<uuid>", "message": "...", "metadata": {"language": "en"}}` to
`/webhooks/webchat/webhook` and gets the bot's replies back as a JSON list, the same shape the
built-in REST channel returns. Message text is never logged.

credentials.yml:

    channels.webchat.WebChatInput:
      max_message_length: 2000   # optional
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import channel_blueprint
from core.logs import log_unexpected

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_LENGTH = 2000
# Largest request body accepted (a 2000-character message in 4-byte UTF-8 plus JSON overhead).
MAX_BODY_BYTES = 16 * 1024
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")


class ChannelInputError(ValueError):
    """The request to the channel is not acceptable (becomes a 400/413 JSON answer)."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.status = status

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": str(self)}
        if self.field:
            body["fields"] = {self.field: str(self)}
        return body


def clean_language(value: Any) -> str | None:
    """A language tag such as "en" or "pt-BR" (lower-cased primary part), else None."""
    if not isinstance(value, str) or not LANGUAGE_RE.match(value.strip()):
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()


class WebChatInput(InputChannel):
    """POST /webhooks/webchat/webhook: one resident message in, the bot's messages out."""

    def __init__(self, max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH) -> None:
        self.max_message_length = max_message_length

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from the (optional) credentials.yml section."""
        credentials = credentials or {}
        max_length = int(credentials.get("max_message_length") or DEFAULT_MAX_MESSAGE_LENGTH)
        if max_length < 1:
            raise ValueError("webchat max_message_length must be at least 1")
        return cls(max_message_length=max_length)

    # -- request parsing -------------------------------------------------------------------

    @staticmethod
    def parse_body(body: bytes | None) -> dict[str, Any]:
        """Decode the JSON object body, or raise ChannelInputError."""
        if body is not None and len(body) > MAX_BODY_BYTES:
            raise ChannelInputError("The request body is too large.", status=413)
        if not body:
            raise ChannelInputError("Send a JSON object with 'sender' and 'message'.")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ChannelInputError("The request body is not valid JSON.") from exc
        if not isinstance(data, dict):
            raise ChannelInputError("Send a JSON object with 'sender' and 'message'.")
        return data

    @staticmethod
    def extract_sender(data: dict[str, Any]) -> str:
        sender = data.get("sender")
        if not isinstance(sender, str) or not UUID_RE.match(sender):
            raise ChannelInputError("'sender' must be a UUID session id.", field="sender")
        return sender.lower()

    def extract_message(self, data: dict[str, Any]) -> str:
        message = data.get("message")
        if not isinstance(message, str):
            raise ChannelInputError("'message' must be a string.", field="message")
        message = message.replace("\x00", "").strip()
        if not message:
            raise ChannelInputError("'message' must not be empty.", field="message")
        if len(message) > self.max_message_length:
            raise ChannelInputError(
                f"'message' must be at most {self.max_message_length} characters.",
                field="message",
            )
        return message

    @staticmethod
    def extract_metadata(data: dict[str, Any]) -> dict[str, Any]:
        """Only the keys the bot uses are kept (currently `language`)."""
        metadata = data.get("metadata")
        if metadata is None:
            return {}
        if not isinstance(metadata, dict):
            raise ChannelInputError("'metadata' must be a JSON object.", field="metadata")
        language = clean_language(metadata.get("language"))
        return {"language": language} if language else {}

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Metadata stored with the user message in the tracker: the resident's language."""
        try:
            return self.extract_metadata(self.parse_body(request.body)) or None
        except ChannelInputError:
            return None

    # -- handling --------------------------------------------------------------------------

    async def handle(
        self,
        body: bytes | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> tuple[int, Any]:
        """Validate `body`, run it through Rasa and return (HTTP status, JSON-able answer)."""
        try:
            data = self.parse_body(body)
            sender = self.extract_sender(data)
            text = self.extract_message(data)
            metadata = self.extract_metadata(data)
        except ChannelInputError as exc:
            return exc.status, exc.as_json()

        collector = CollectingOutputChannel()
        message = UserMessage(
            text,
            collector,
            sender,
            input_channel=self.name(),
            metadata=metadata or None,
        )
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            logger.error("webchat: handling a message was cancelled (timeout or disconnect)")
            raise
        except Exception as exc:
            # Never log the message text: it is personal data.
            log_unexpected(logger, "webchat: the assistant handling a message", exc)
            return 500, {"error": "The assistant could not handle this message."}
        return 200, collector.messages

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Sanic routes: GET / (health) and POST /webhook (see module docstring)."""
        webhook = channel_blueprint(self)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            status, body = await self.handle(request.body, on_new_message)
            return response.json(body, status=status)

        return webhook
