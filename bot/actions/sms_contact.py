"""The resident's phone number in an SMS conversation.

The SMS channel (channels/sms.py) names an SMS conversation `sms:<keyed hash>`, not by the
number, so no other channel can continue it; the number Twilio signed as `From` comes with each
text in the message's metadata (`{"channel": "sms", "phone": "+44..."}`). Only a message that
arrived on the SMS channel counts: the REST and web chat channels keep no `phone` metadata.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def sms_phone(tracker: Tracker) -> str | None:
    """The E.164 number of the latest SMS message in this conversation, else None."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if event.get("input_channel") != "sms":
            return None
        metadata: Any = event.get("metadata") or {}
        phone = metadata.get("phone") if isinstance(metadata, dict) else None
        return phone if isinstance(phone, str) and E164.match(phone) else None
    return None
