"""Rasa's REST channel, made safe: behind a token, off unless configured, bounded input.

`POST /webhooks/rest/webhook` with `Authorization: Bearer $ASB_REST_TOKEN` and
`{"sender": "...", "message": "...", "metadata": {"language": "en"}}` returns the bot's
messages as a JSON list, like Rasa's own REST channel (which this replaces in credentials.yml).
It is for tests, benches and tools; residents use the web chat and SMS.

- No `ASB_REST_TOKEN` in the environment (the default of `bin/asb run`): the channel is off,
  every request gets 404 saying so. A wrong or missing token: 401.
- The conversation is `rest:<sender>`: a REST caller can never continue a web chat or SMS
  conversation (`web:...`, `sms:...`). A missing, empty or odd sender is a 400 (Rasa's channel
  put every such request in one shared "default" conversation).
- The input channel is always "rest" and only `metadata.language` is kept (Rasa's channel let
  a caller claim to be "sms").
- Bodies are JSON objects of bounded size and depth, messages are cleaned and at most 2,000
  characters, a typed `/intent{...}` is plain text (channels/guard.py): bad input is a 4xx
  with a clear message, and nothing is logged with the message text.

credentials.yml:

    channels.rest.RestInput:
      max_message_length: 2000   # optional
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint

from channels.base import json_webhook_blueprint, run_turn
from channels.guard import (
    DEFAULT_MAX_MESSAGE_LENGTH,
    SENDER_RE,
    ChannelInputError,
    IssuedPayloads,
    bearer_ok,
    max_length_from,
    message_field,
    no_payloads,
    parse_json_object,
    refuse_typed_payload,
)
from channels.webchat import clean_language

logger = logging.getLogger(__name__)

CONVERSATION_PREFIX = "rest:"
TOKEN_VARIABLE = "ASB_REST_TOKEN"


class RestInput(InputChannel):
    """POST /webhooks/rest/webhook for callers holding ASB_REST_TOKEN (see module docstring)."""

    def __init__(self, token: str = "", max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH):
        self.token = token
        self.max_message_length = max_message_length

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        max_length = max_length_from(credentials, "rest")
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        if not token:
            logger.info("REST channel off (no %s)", TOKEN_VARIABLE)
        return cls(token=token, max_message_length=max_length)

    @staticmethod
    def extract_sender(data: dict[str, Any]) -> str:
        sender = data.get("sender")
        if not isinstance(sender, str) or not SENDER_RE.match(sender):
            raise ChannelInputError(
                "'sender' must be 1 to 128 letters, digits or . _ @ : + -", field="sender"
            )
        return CONVERSATION_PREFIX + sender

    @staticmethod
    def extract_metadata(data: dict[str, Any]) -> dict[str, Any] | None:
        metadata = data.get("metadata")
        if metadata is None:
            return None
        if not isinstance(metadata, dict):
            raise ChannelInputError("'metadata' must be a JSON object.", field="metadata")
        language = clean_language(metadata.get("language"))
        return {"language": language} if language else None

    async def handle(
        self,
        body: bytes | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        *,
        authorization: str | None = None,
        issued_payloads: IssuedPayloads = no_payloads,
    ) -> tuple[int, Any]:
        """Check the caller and `body`, run it through Rasa: (HTTP status, JSON answer)."""
        if not self.token:
            return 404, {"error": f"The REST channel is off (set {TOKEN_VARIABLE} to use it)."}
        if not bearer_ok(authorization, self.token):
            return 401, {"error": "Send 'Authorization: Bearer <ASB_REST_TOKEN>'."}
        try:
            data = parse_json_object(body, "'sender' and 'message'")
            sender = self.extract_sender(data)
            text = message_field(data, self.max_message_length)
            metadata = self.extract_metadata(data)
            if text.startswith("/"):
                text = refuse_typed_payload(text, await issued_payloads(sender))
                if not text:
                    raise ChannelInputError("'message' must not be empty.", field="message")
        except ChannelInputError as exc:
            return exc.status, exc.as_json()
        return await run_turn(
            on_new_message, text, sender, input_channel=self.name(), metadata=metadata
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Sanic routes: GET / (health) and POST /webhook."""
        return json_webhook_blueprint(self, on_new_message)
