"""What every input channel checks before a resident's message reaches the assistant.

- Conversation ids are namespaced per channel (`web:<uuid>`, `rest:<id>`, `sms:<opaque>`), so
  no channel can name another channel's conversation; the SMS id is a keyed hash of the
  number (`sms_conversation_id`), never the number itself.
- Callers prove who they are with a bearer secret, compared in constant time (`bearer_ok`).
- Bodies are JSON objects of bounded size and depth (`parse_json_object`): anything else is a
  400/413 with a clear message, never a crash.
- Text is cleaned (`clean_text`: NUL and control characters dropped, lone surrogates, which
  TensorFlow cannot encode, replaced) and limited in length before NLU (`check_length`).
- A message starting with "/" is Rasa's syntax for an intent with entities. Residents may send
  one only as the payload of a button we offered in their conversation (`issued_payloads`);
  typed, it is plain text with its leading slashes removed (`refuse_typed_payload`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_LENGTH = 2000


def max_length_from(credentials: dict[str, Any] | None, channel: str) -> int:
    """`max_message_length` of a channel's credentials.yml section (default 2,000)."""
    value = int((credentials or {}).get("max_message_length") or DEFAULT_MAX_MESSAGE_LENGTH)
    if value < 1:
        raise ValueError(f"{channel} max_message_length must be at least 1")
    return value


# Longest body Twilio sends (a concatenated SMS is cut at 1,600 characters).
SMS_MAX_MESSAGE_LENGTH = 1600
# Largest request body a JSON channel reads (a 2,000-character message in 4-byte UTF-8 plus
# JSON escapes and metadata).
MAX_BODY_BYTES = 16 * 1024
MAX_JSON_DEPTH = 20
# How far back in a conversation a button's payload still counts as ours.
PAYLOAD_LOOKBACK_EVENTS = 400

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
SENDER_RE = re.compile(r"^[A-Za-z0-9._@:+-]{1,128}$")

IssuedPayloads = Callable[[str], Awaitable[set[str]]]


async def no_payloads(_sender: str) -> set[str]:
    """No button was offered (tests, and callers that do not read the conversation)."""
    return set()


class ChannelInputError(ValueError):
    """The request to the channel is not acceptable (becomes a 4xx JSON answer)."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.status = status

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": str(self)}
        if self.field:
            body["fields"] = {self.field: str(self)}
        return body


def bearer_ok(authorization: str | None, secret: str) -> bool:
    """Is `authorization` exactly `Bearer <secret>` (and is there a secret at all)?"""
    if not secret or not isinstance(authorization, str):
        return False
    expected = f"Bearer {secret}".encode()
    return hmac.compare_digest(authorization.strip().encode(), expected)


def _depth(value: bytes) -> int:
    """Deepest nesting of [ and { in a JSON text (outside strings), counted without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in value:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse_json_object(
    body: bytes | None, what: str, max_bytes: int = MAX_BODY_BYTES
) -> dict[str, Any]:
    """The JSON object in `body`, or ChannelInputError (413 too large, 400 anything else)."""
    if body is not None and len(body) > max_bytes:
        raise ChannelInputError("The request body is too large.", status=413)
    if not body or not body.strip():
        raise ChannelInputError(f"Send a JSON object with {what}.")
    if _depth(body) > MAX_JSON_DEPTH:
        raise ChannelInputError("The JSON in the request body is nested too deeply.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ChannelInputError("The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise ChannelInputError(f"Send a JSON object with {what}.")
    return data


def clean_text(text: str) -> str:
    """`text` without control characters (tabs and newlines kept) and with every lone
    surrogate replaced by U+FFFD, trimmed."""
    text = CONTROL_RE.sub("", text)
    return SURROGATE_RE.sub("\ufffd", text).strip()


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise ChannelInputError(
            f"'message' must be at most {limit} characters. Please send it in shorter parts.",
            field="message",
        )


def message_field(data: dict[str, Any], limit: int) -> str:
    """The cleaned `message` of a JSON body, or ChannelInputError."""
    message = data.get("message")
    if not isinstance(message, str):
        raise ChannelInputError("'message' must be a string.", field="message")
    if len(message) > limit * 2:  # far too long: refuse before any work on it
        check_length(message, limit)
    message = clean_text(message)
    if not message:
        raise ChannelInputError("'message' must not be empty.", field="message")
    check_length(message, limit)
    return message


def refuse_typed_payload(text: str, issued: Iterable[str]) -> str:
    """`text` as the assistant should read it: a payload we issued stays a payload; any other
    text starting with "/" loses its leading slashes (it becomes plain words)."""
    if not text.startswith("/") or text in set(issued):
        return text
    return text.lstrip("/").strip()


def sms_conversation_id(phone: str, secret: str) -> str:
    """The SMS conversation id of `phone`: `sms:` and a keyed hash (the number never shows)."""
    key = hmac.new(secret.encode(), b"asb sms conversation id", hashlib.sha256).digest()
    return "sms:" + hmac.new(key, phone.encode(), hashlib.sha256).hexdigest()[:32]


async def issued_payloads_from_tracker(agent: Any, sender_id: str) -> set[str]:
    """Payloads of the buttons the assistant offered in conversation `sender_id` (Rasa's
    tracker store), most recent events only; empty when there is no agent or no tracker."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return set()
    try:
        tracker = await store.retrieve(sender_id)
    except Exception as exc:  # noqa: BLE001 - unknown payloads are then plain text: safe
        logger.warning("could not read a conversation's buttons (%s)", type(exc).__name__)
        return set()
    if tracker is None:
        return set()
    payloads: set[str] = set()
    for event in list(tracker.events)[-PAYLOAD_LOOKBACK_EVENTS:]:
        data = getattr(event, "data", None)
        if getattr(event, "type_name", "") != "bot" or not isinstance(data, dict):
            continue
        for button in data.get("buttons") or []:
            if isinstance(button, dict) and isinstance(button.get("payload"), str):
                payloads.add(button["payload"])
    return payloads
