"""Rasa input channel for the web chat page (replaces socket.io, see docs).

The backend (backend/webchat/views.py) is the only caller allowed: it posts
`{"sender": "<uuid>", "message": "...", "metadata": {"language": "en"}}` to
`/webhooks/webchat/webhook` with `Authorization: Bearer $ASB_INGEST_SECRET` and gets the bot's
replies back as a JSON list, the same shape the built-in REST channel returns. Anything else
gets 401. The UUID is issued by the backend (a cookie); the conversation is `web:<uuid>`, so
the web chat can never name an SMS or REST conversation. The message is cleaned and limited
before NLU, and a typed `/intent{...}` is plain text (channels/guard.py). Message text is never
logged.

credentials.yml:

    channels.webchat.WebChatInput:
      max_message_length: 2000   # optional
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint
from sanic.request import Request

from channels.base import json_webhook_blueprint, run_turn
from channels.guard import (
    DEFAULT_MAX_MESSAGE_LENGTH,
    MAX_BODY_BYTES,
    ChannelInputError,
    IssuedPayloads,
    bearer_ok,
    max_length_from,
    message_field,
    no_payloads,
    parse_json_object,
    refuse_typed_payload,
)

logger = logging.getLogger(__name__)

__all__ = ["MAX_BODY_BYTES", "ChannelInputError", "WebChatInput", "clean_language"]

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")
CONVERSATION_PREFIX = "web:"


def clean_language(value: Any) -> str | None:
    """A language tag such as "en" or "pt-BR" (lower-cased primary part), else None."""
    if not isinstance(value, str) or not LANGUAGE_RE.match(value.strip()):
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()


class WebChatInput(InputChannel):
    """POST /webhooks/webchat/webhook: one resident message in, the bot's messages out."""

    def __init__(
        self, max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH, secret: str = ""
    ) -> None:
        self.max_message_length = max_message_length
        self.secret = secret

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from the (optional) credentials.yml section; the secret from the environment."""
        max_length = max_length_from(credentials, "webchat")
        secret = os.environ.get("ASB_INGEST_SECRET", "").strip()
        if not secret:
            logger.error("webchat: ASB_INGEST_SECRET is not set; the channel refuses everything")
        return cls(max_message_length=max_length, secret=secret)

    # -- request parsing -------------------------------------------------------------------

    @staticmethod
    def parse_body(body: bytes | None) -> dict[str, Any]:
        """Decode the JSON object body, or raise ChannelInputError."""
        return parse_json_object(body, "'sender' and 'message'")

    @staticmethod
    def extract_sender(data: dict[str, Any]) -> str:
        sender = data.get("sender")
        if not isinstance(sender, str) or not UUID_RE.match(sender):
            raise ChannelInputError("'sender' must be a UUID session id.", field="sender")
        return sender.lower()

    def extract_message(self, data: dict[str, Any]) -> str:
        return message_field(data, self.max_message_length)

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
        *,
        authorization: str | None = None,
        issued_payloads: IssuedPayloads = no_payloads,
    ) -> tuple[int, Any]:
        """Check the caller, validate `body`, run it through Rasa: (HTTP status, JSON answer)."""
        if not bearer_ok(authorization, self.secret):
            return 401, {"error": "Only the ASB Assistant backend may use this channel."}
        try:
            data = self.parse_body(body)
            sender = CONVERSATION_PREFIX + self.extract_sender(data)
            text = self.extract_message(data)
            metadata = self.extract_metadata(data)
        except ChannelInputError as exc:
            return exc.status, exc.as_json()
        if text.startswith("/"):
            text = refuse_typed_payload(text, await issued_payloads(sender))
            if not text:
                return 400, ChannelInputError(
                    "'message' must not be empty.", field="message"
                ).as_json()

        return await run_turn(
            on_new_message,
            text,
            sender,
            input_channel=self.name(),
            metadata=metadata or None,
            silence_is_failure=True,  # the backend then asks another Rasa server
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Sanic routes: GET / (health) and POST /webhook (see module docstring)."""
        return json_webhook_blueprint(self, on_new_message)
