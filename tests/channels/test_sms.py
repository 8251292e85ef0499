"""The SMS channel (channels/sms.py) on its own: conversation ids no other channel can name, the
number kept for the bot in metadata, NumMedia read safely, text cleaned, typed payloads refused,
a too-long text answered. The backend's answers are given by the test (its own database is
tested in tests/backend/sms_inbound). Fictional data only."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from twilio.request_validator import RequestValidator

from channels.guard import sms_conversation_id
from channels.sms import SmsInput, assistant_text, media_count

RESIDENT = "+447700900461"
URL = "http://127.0.0.1:5005/webhooks/sms/webhook"
TOKEN = "0123456789abcdef0123456789abcdef"
SID = "SM" + "a" * 32


class Backend:
    """What the backend answers the channel (POST /api/sms/inbound, /api/sms/outbound)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.posts: list[tuple[str, dict[str, Any]]] = []

    async def __call__(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        self.posts.append((path, body))
        return {"action": "assistant", "text": self.text} if path.endswith("inbound") else {}


def signed(form: dict[str, str]) -> str:
    return RequestValidator(TOKEN).compute_signature(URL, form)


async def text_in(body: str, backend_text: str | None = None, **fields: str):
    channel = SmsInput(URL, TOKEN, "http://127.0.0.1:9", "ingest-secret", retry_delays=())
    backend = Backend(body if backend_text is None else backend_text)
    channel._post = backend  # the backend's side of the exchange
    received: list[UserMessage] = []

    async def bot(message: UserMessage) -> None:
        received.append(message)
        await message.output_channel.send_text_message(message.sender_id, "Thanks")

    form = {"MessageSid": SID, "From": RESIDENT, "Body": body, "NumMedia": "0", **fields}
    status, _ = await channel.handle_webhook(form, "", signed(form), bot)
    await channel.drain()
    return status, received, backend


async def test_the_conversation_is_named_by_a_keyed_hash_and_the_number_is_in_metadata() -> None:
    status, [message], backend = await text_in("Loud music next door")
    assert status == 200
    assert message.sender_id == sms_conversation_id(RESIDENT, "ingest-secret")
    assert message.sender_id.startswith("sms:") and "7700900461" not in message.sender_id
    assert sms_conversation_id(RESIDENT, "another secret") != message.sender_id
    assert message.metadata["phone"] == RESIDENT and message.input_channel == "sms"
    assert backend.posts[-1][1]["to"] == RESIDENT  # replies still go to the number


@pytest.mark.parametrize(
    ("raw", "count"),
    [("999999999999999999999", 10), ("9" * 5000, 10), ("-1", 0), ("x", 0), ("", 0), ("3", 3)],
)
async def test_num_media_is_read_as_0_to_10(raw: str, count: int) -> None:
    assert media_count(raw) == count
    status, [message], backend = await text_in("photo", NumMedia=raw)
    assert status == 200
    assert message.metadata["num_media"] == count
    assert backend.posts[0][1]["num_media"] == count


async def test_a_typed_payload_is_plain_words_but_a_chosen_option_is_a_payload() -> None:
    typed = '/inform{"phone":"+447700900999"}'
    _, [message], _ = await text_in(typed)
    assert message.text == 'inform{"phone":"+447700900999"}'
    _, [message], _ = await text_in("1", backend_text="/affirm")  # the backend mapped "1"
    assert message.text == "/affirm"
    assert assistant_text("/deny", " /deny ") == "deny"


async def test_a_lone_surrogate_is_cleaned_or_refused_never_a_crash() -> None:
    _, [message], _ = await text_in("noise again", backend_text="noise \ud800 again")
    assert message.text == "noise \ufffd again"
    channel = SmsInput(URL, TOKEN, "http://127.0.0.1:9", "ingest-secret")
    form = {"MessageSid": SID, "From": RESIDENT, "Body": "\ud800", "NumMedia": "0"}
    status, _ = await channel.handle_webhook(form, "", "c2lnbmF0dXJl", text_in)
    assert status == 403  # nobody signed that: Twilio cannot send a lone surrogate


async def test_a_text_too_long_to_read_gets_a_reply_instead_of_a_turn() -> None:
    status, received, backend = await text_in("x" * 1601)
    assert status == 200 and received == []
    path, reply = backend.posts[-1]
    assert path == "/api/sms/outbound" and reply["to"] == RESIDENT
    assert "too long" in reply["messages"][0]["text"]
