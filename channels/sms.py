"""Rasa input channel for Twilio's messaging webhook: the assistant over SMS.

Twilio posts each inbound text to `/webhooks/sms/webhook`. Rasa's built-in Twilio channel
neither checks signatures nor copes with a text that has no Body (a photo alone), so this one:

1. checks `X-Twilio-Signature` with `twilio.request_validator.RequestValidator` (auth token
   from `TWILIO_AUTH_TOKEN`) against the public URL Twilio was given (`public_url` below, so it
   works behind a proxy), and answers 403 when it does not match;
2. asks the backend what the text is (`POST /api/sms/inbound`, Bearer `ASB_INGEST_SECRET`):
   the backend records the MessageSid in its database (a repeat is a no-op, across restarts
   and Rasa instances), handles STOP/START/HELP, survey answers and replies about a case, and
   maps an option number or words back to the payload of the options it last offered. If
   the backend cannot be reached the webhook answers 503: Twilio logs error 11200 and, with a
   retry override on the webhook URL (e.g. `#rc=3`), sends it again; the dedupe makes that safe;
3. answers Twilio at once with empty TwiML (no reply in the webhook response); only a text
   sent while the assistant is still answering the sender's previous one waits for that turn
   (at most `TURN_WAIT` seconds), so "1" is read against the options the resident saw;
4. only when the backend says "assistant": runs the text through Rasa in the background, one
   text at a time per sender (so replies to two quick texts do not interleave), and posts
   the bot's messages to `POST /api/sms/outbound`, which shapes them for SMS (numbered
   options, GSM-7, split between words) and queues them as urgent outbox rows. The SMS worker
   sends them, in order, with retries; dedupe keys (MessageSid + part) make a retried post
   harmless.

The conversation id is `sms:` and a keyed hash of the number (`guard.sms_conversation_id`, keyed
with `ASB_INGEST_SECRET`): no other channel can name it, and the number is not the tracker's id.
The number itself (what Twilio signed as `From`, E.164) travels in the message's metadata for
the bot to use as the contact number (`bot/actions/sms_contact.py`): `{"channel": "sms", "phone":
"+44...", "num_media": n, "media_urls": [...]}` (photos sent during a report, for the bot to
attach as evidence; `NumMedia` is read as 0 to 10 whatever Twilio's field says). The text is
cleaned like every channel's (channels/guard.py); one over 1,600 characters (more than Twilio
sends) gets a reply asking for shorter texts instead of a turn; a typed `/intent{...}` is plain
text (slashes removed): only an option the backend mapped to one of our payloads ("1") is a
payload. Message text and phone numbers are never logged.

credentials.yml (every key optional):

    channels.sms.SmsInput:
      public_url: https://asb.example.org/webhooks/sms/webhook  # the URL configured at Twilio
      backend_url: http://127.0.0.1:8080

`public_url` defaults to `ASB_SMS_PUBLIC_URL`, else the loopback Rasa URL
(`http://127.0.0.1:$ASB_RASA_PORT/webhooks/sms/webhook`); `backend_url` to `ASB_BACKEND_URL`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from channels.base import channel_blueprint
from channels.guard import (
    SMS_MAX_MESSAGE_LENGTH,
    clean_text,
    refuse_typed_payload,
    sms_conversation_id,
)
from channels.webchat import clean_language
from core.i18n import N_, _
from core.logs import log_unexpected

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
SID_RE = re.compile(r"^[A-Z]{2}[0-9a-fA-F]{32}$")
MAX_MEDIA = 10
MAX_SMS_BODY = SMS_MAX_MESSAGE_LENGTH  # Twilio's own limit for one inbound text
MAX_FORM_FIELDS = 200  # Twilio posts about 20
BACKEND_TIMEOUT = 10.0
# Delays between attempts to hand the bot's replies to the backend.
OUTBOUND_RETRY_DELAYS = (0.5, 2.0, 5.0)
# Longest a webhook waits for the same sender's previous turn (Twilio gives up after 15 s).
TURN_WAIT = 8.0

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def twilio_form(form: Mapping[str, Any]) -> dict[str, str]:
    """Single-valued form fields as Twilio sent them (first value of each field)."""
    fields: dict[str, str] = {}
    for key in form:
        value = form[key]
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        fields[str(key)] = str(value)
    return fields


def signed_fields(body: bytes) -> dict[str, list[str]]:
    """Twilio's form fields from the raw body, blank ones kept: Twilio signs every field it
    posts (`Body=` for a photo sent alone, an empty `FromCity=`), and Sanic's form drops them."""
    text = body.decode("utf-8", "replace") if body else ""
    return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)


def media_count(raw: str | None) -> int:
    """Twilio's NumMedia as 0..MAX_MEDIA: a huge or odd value never overflows anything."""
    raw = (raw or "").strip()
    if not raw.isdigit() or not raw.isascii():
        return 0
    return MAX_MEDIA if len(raw) > 3 else min(int(raw), MAX_MEDIA)


def assistant_text(decision_text: str, body: str) -> str:
    """What the assistant reads: the backend's text, cleaned. A text starting with "/" is a
    payload only when the backend mapped the resident's reply ("1") to one of the options we
    offered (so it differs from what they typed); typed by the resident, it is plain words."""
    text = clean_text(decision_text)
    if text.startswith("/") and text == clean_text(body):
        text = refuse_typed_payload(text, ())
    return text


TOO_LONG_REPLY = N_(
    "Sorry, that message is too long for me to read in one go. Please send it again in "
    "shorter texts."
)


def inbound_payload(form: Mapping[str, str]) -> dict[str, Any] | None:
    """The backend's inbound body from Twilio's fields; None when it is not a usable text."""
    sid = form.get("MessageSid") or form.get("SmsMessageSid") or form.get("SmsSid") or ""
    sender = (form.get("From") or "").strip()
    if not SID_RE.match(sid) or not E164_RE.match(sender):
        return None
    num_media = media_count(form.get("NumMedia"))
    media = [
        form[f"MediaUrl{n}"] for n in range(min(num_media, MAX_MEDIA)) if form.get(f"MediaUrl{n}")
    ]
    return {
        "message_sid": sid,
        "from": sender,
        # Absent when a photo is sent alone. Twilio sends at most 1,600 characters: one more
        # is kept so the too-long reply still applies, and the backend's limit is never hit.
        "body": (form.get("Body") or "")[: MAX_SMS_BODY + 1],
        "num_media": num_media,
        "media_urls": media,
    }


class SmsInput(InputChannel):
    """POST /webhooks/sms/webhook: Twilio's inbound text in, empty TwiML out."""

    def __init__(
        self,
        public_url: str,
        auth_token: str,
        backend_url: str,
        ingest_secret: str,
        *,
        backend_timeout: float = BACKEND_TIMEOUT,
        retry_delays: tuple[float, ...] = OUTBOUND_RETRY_DELAYS,
        turn_wait: float = TURN_WAIT,
        max_message_length: int = SMS_MAX_MESSAGE_LENGTH,
    ) -> None:
        self.public_url = public_url.strip()
        self.auth_token = auth_token
        self.backend_url = backend_url.rstrip("/")
        self.ingest_secret = ingest_secret
        self.backend_timeout = backend_timeout
        self.retry_delays = retry_delays
        self.turn_wait = turn_wait
        self.max_message_length = max_message_length
        self._last_turn: dict[str, asyncio.Task] = {}
        self._tasks: set[asyncio.Task] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._lock_users: dict[str, int] = {}

    @classmethod
    def name(cls) -> str:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build from credentials.yml and the environment (secrets only from the environment)."""
        credentials = credentials or {}
        rasa_port = _env("ASB_RASA_PORT", "5005") or "5005"
        public_url = (
            str(credentials.get("public_url") or "").strip()
            or _env("ASB_SMS_PUBLIC_URL")
            or f"http://127.0.0.1:{rasa_port}/webhooks/sms/webhook"
        )
        backend_port = _env("ASB_BACKEND_PORT", "8080") or "8080"
        backend_url = (
            str(credentials.get("backend_url") or "").strip()
            or _env("ASB_BACKEND_URL")
            or f"http://127.0.0.1:{backend_port}"
        )
        return cls(
            public_url=public_url,
            auth_token=_env("TWILIO_AUTH_TOKEN"),
            backend_url=backend_url,
            ingest_secret=_env("ASB_INGEST_SECRET"),
        )

    # -- signature ---------------------------------------------------------------------------

    def signed_url(self, query_string: str = "") -> str:
        """The URL Twilio signed: the configured public URL plus this request's query."""
        return f"{self.public_url}?{query_string}" if query_string else self.public_url

    def signature_ok(self, form: Mapping[str, str], query_string: str, signature: str) -> bool:
        if not self.auth_token or not signature:
            return False
        validator = RequestValidator(self.auth_token)
        try:
            return bool(validator.validate(self.signed_url(query_string), dict(form), signature))
        except UnicodeError:  # a lone surrogate: Twilio never signed that
            return False

    # -- handling ----------------------------------------------------------------------------

    async def handle_webhook(
        self,
        form: Mapping[str, Any],
        query_string: str,
        signature: str,
        on_new_message: OnNewMessage,
        agent: Any = None,
    ) -> tuple[int, str]:
        """Check, record and dispatch one webhook; returns (HTTP status, body) at once.

        `agent` (Rasa's, when the server runs one) is asked after each turn which language the
        conversation uses now, so the replies are shaped and remembered in it."""
        fields = twilio_form(form)
        if not self.signature_ok(fields, query_string, signature):
            logger.warning("sms webhook refused: missing or bad X-Twilio-Signature")
            return 403, "Forbidden"
        payload = inbound_payload(fields)
        if payload is None:
            logger.warning("sms webhook ignored: no MessageSid or no E.164 sender")
            return 400, "Bad Request"
        await self._after_previous_turn(payload["from"])
        try:
            decision = await self._post("/api/sms/inbound", payload)
        except BackendError as exc:
            if 400 <= exc.status < 500:
                # Refused as invalid: a retry by Twilio would be refused again.
                logger.warning(
                    "sms inbound %s refused by the backend (HTTP %s)",
                    payload["message_sid"],
                    exc.status,
                )
                return 200, EMPTY_TWIML
            logger.error(
                "sms inbound %s not recorded: backend unavailable (HTTP %s)",
                payload["message_sid"],
                exc.status,
            )
            return 503, "Service Unavailable"
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            logger.error(
                "sms inbound %s not recorded: backend unavailable (%s)",
                payload["message_sid"],
                type(exc).__name__,
            )
            return 503, "Service Unavailable"
        action = str(decision.get("action") or "")
        logger.info("sms inbound %s: %s", payload["message_sid"], action)
        if action == "assistant":
            sender = payload["from"]
            text = assistant_text(str(decision.get("text") or ""), payload["body"])
            if not text:
                logger.info("sms inbound %s: nothing to read once cleaned", payload["message_sid"])
                return 200, EMPTY_TWIML
            language = clean_language(decision.get("language"))
            turn = self._spawn(self._converse(payload, text, on_new_message, language, agent))
            self._last_turn[sender] = turn
            turn.add_done_callback(lambda t: self._forget_turn(sender, t))
        return 200, EMPTY_TWIML

    async def _after_previous_turn(self, sender: str) -> None:
        """Let the sender's previous turn finish first (bounded by `turn_wait` seconds).

        The backend maps "1" to the options of the assistant's last reply, so that reply must
        be recorded before the next text is classified; a resident who answers before the
        assistant has finished replying still gets the option they saw.
        """
        previous = self._last_turn.get(sender)
        if previous is None or previous.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(previous), self.turn_wait)
        except asyncio.TimeoutError:
            logger.warning("sms: previous turn still running after %ss; going on", self.turn_wait)
        except Exception:  # noqa: BLE001 - the previous turn logs its own failure
            pass

    def _forget_turn(self, sender: str, turn: asyncio.Task) -> None:
        if self._last_turn.get(sender) is turn:
            del self._last_turn[sender]

    def _spawn(self, coro: Awaitable[None]) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self) -> None:
        """Wait until every conversation turn started so far has queued its replies."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _converse(
        self,
        payload: dict[str, Any],
        text: str,
        on_new_message: OnNewMessage,
        language: str | None = None,
        agent: Any = None,
    ) -> None:
        """One turn with the assistant, in turn with the sender's other texts. `language` is
        the number's language as the backend remembers it (sent as the message's metadata)."""
        sender, sid = payload["from"], payload["message_sid"]
        lock = self._locks.setdefault(sender, asyncio.Lock())
        self._lock_users[sender] = self._lock_users.get(sender, 0) + 1
        try:
            async with lock:
                if len(text) > self.max_message_length:
                    await self._queue_replies(sender, sid, [{"text": _(TOO_LONG_REPLY)}])
                    return
                collector = CollectingOutputChannel()
                conversation_id = sms_conversation_id(sender, self.ingest_secret)
                metadata: dict[str, Any] = {
                    "channel": "sms",
                    "phone": sender,
                    "num_media": payload["num_media"],
                    "media_urls": payload["media_urls"],
                }
                if language:
                    metadata["language"] = language
                message = UserMessage(
                    text,
                    collector,
                    conversation_id,
                    input_channel=self.name(),
                    message_id=sid,
                    metadata=metadata,
                )
                try:
                    await on_new_message(message)
                except Exception as exc:  # noqa: BLE001 - never log the text; send what was said
                    log_unexpected(logger, f"sms: the assistant handling {sid}", exc)
                replies = [
                    {k: v for k, v in m.items() if k != "recipient_id"} for m in collector.messages
                ]
                if replies:
                    chosen = await conversation_language(agent, conversation_id)
                    await self._queue_replies(sender, sid, replies, chosen or language)
        finally:
            self._lock_users[sender] -= 1
            if self._lock_users[sender] == 0:
                del self._lock_users[sender]
                self._locks.pop(sender, None)

    async def _queue_replies(
        self, sender: str, sid: str, replies: list[dict], language: str | None = None
    ) -> None:
        body: dict[str, Any] = {"to": sender, "in_reply_to": sid, "messages": replies}
        if language:
            body["language"] = language
        for attempt, delay in enumerate((*self.retry_delays, None), start=1):
            try:
                await self._post("/api/sms/outbound", body)
                return
            except (aiohttp.ClientError, asyncio.TimeoutError, BackendError) as exc:
                if delay is None:
                    logger.error(
                        "sms replies to %s lost after %s attempts (%s)",
                        sid,
                        attempt,
                        type(exc).__name__,
                    )
                    return
                logger.warning("sms replies to %s: retrying (%s)", sid, type(exc).__name__)
                await asyncio.sleep(delay)

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST JSON to the backend with the ingest secret; BackendError unless 2xx."""
        timeout = aiohttp.ClientTimeout(total=self.backend_timeout)
        headers = {"Authorization": f"Bearer {self.ingest_secret}"}
        async with aiohttp.ClientSession(timeout=timeout) as http:
            async with http.post(self.backend_url + path, json=body, headers=headers) as answer:
                if answer.status >= 300:
                    raise BackendError(answer.status)
                data = await answer.json()
        return data if isinstance(data, dict) else {}

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Sanic routes: GET / (health) and POST /webhook (Twilio's messaging webhook)."""
        webhook = channel_blueprint(self)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            status, body = await self.handle_webhook(
                signed_fields(request.body),
                request.query_string,
                request.headers.get("X-Twilio-Signature", ""),
                on_new_message,
                getattr(request.app.ctx, "agent", None),
            )
            content_type = "text/xml" if status == 200 else "text/plain"
            return response.text(body, status=status, content_type=content_type)

        return webhook


async def conversation_language(agent: Any, conversation_id: str) -> str | None:
    """The `language` slot of the conversation after a turn (the resident's choice by text,
    bot/language_choice.py), or None when there is none or Rasa's store cannot say."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return None
    try:
        tracker = await store.retrieve(conversation_id)
    except Exception as exc:  # noqa: BLE001 - the replies go all the same, in the old language
        logger.warning(
            "sms: the conversation's language could not be read (%s)", type(exc).__name__
        )
        return None
    if tracker is None:
        return None
    return clean_language(tracker.get_slot("language"))


class BackendError(RuntimeError):
    """The backend answered, but not with success."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
