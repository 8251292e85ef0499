"""The resident's number in an SMS conversation comes from the SMS channel's metadata, never
from the conversation id (bot/actions/sms_contact.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.actions.sms_contact import sms_phone

PHONE = "+447700900461"


def tracker(sender: str, *messages: tuple[str, dict[str, Any]]) -> Tracker:
    events = [
        {"event": "user", "text": "hi", "input_channel": channel, "metadata": metadata}
        for channel, metadata in messages
    ]
    return Tracker(sender, {}, {}, events, False, None, {}, "action_listen")


def test_the_number_is_the_latest_sms_messages_metadata() -> None:
    sms = ("sms", {"channel": "sms", "phone": PHONE})
    assert sms_phone(tracker("sms:abc", sms)) == PHONE
    assert sms_phone(tracker("sms:abc", ("sms", {"phone": "not a number"}))) is None
    assert sms_phone(tracker("sms:abc")) is None


def test_a_conversation_id_or_metadata_from_another_channel_is_never_a_number() -> None:
    assert sms_phone(tracker(PHONE, ("sms", {}))) is None
    assert sms_phone(tracker(PHONE, ("rest", {"phone": PHONE}))) is None
    assert sms_phone(tracker("rest:x", ("sms", {"phone": PHONE}), ("rest", {}))) is None
