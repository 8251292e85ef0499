"""End to end: "I have marked your report as urgent" is true even when the resident stops there.

A resident tells the real assistant (Rasa server, action server, backend, SMS worker, Twilio
stand-in) about an emergency, gets the 999 advice, gives one more answer and goes quiet. The
running system is set up (tests/system.py) to call a conversation abandoned after 45 seconds and
to sweep every 2; the duty officer's text must then reach "Twilio", naming a reference, the
route and the team only, and the case behind it must be urgent, in the queue and clearly an
incomplete report holding the resident's words. Fictional data only."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.conversation import REFERENCE
from tests.system import DUTY_OFFICER_PHONE

pytestmark = pytest.mark.e2e

EMERGENCY = "hes kicking my door in right now"


def test_an_abandoned_emergency_reaches_the_duty_officer(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    # Unique words, to find this conversation's case among the session's other cases.
    flat = f"Flat {uuid.uuid4().int % 900 + 100}, 9 Example Road"
    first = [m.get("text", "") for m in system.say(sender, EMERGENCY)]
    assert first and "999" in first[0], f"999 advice must come first: {first}"
    assert any("marked your report as urgent" in line for line in first), first
    system.say(sender, flat)
    # ... and the resident says nothing more.

    def from_this_conversation(text: dict) -> bool:
        if text["to"] != DUTY_OFFICER_PHONE or "Unfinished report" not in text["body"]:
            return False
        found = REFERENCE.search(text["body"])
        return bool(found) and flat in system.api_get(f"/api/cases/{found.group()}")["description"]

    texts = system.wait_for_texts(from_this_conversation, timeout=240)
    assert len(texts) == 1, f"expected one duty officer text for this conversation: {texts}"
    body = texts[0]["body"]
    assert re.search(r"route emergency, team (TEM|CHM|LPC)\)", body), body
    assert "kicking" not in body and flat not in body  # never the resident's words

    reference = REFERENCE.search(body).group()
    case = system.api_get(f"/api/cases/{reference}")
    assert case["route"] == "emergency"
    assert case["flags"]["urgent"] is True
    assert case["status"] == "new"
    assert case["description"].startswith("INCOMPLETE REPORT")
    assert EMERGENCY in case["description"]
    assert "incomplete_report" in [event["kind"] for event in case["events"]]
    queue = system.api_get("/api/triage-queue")
    items = queue["items"] if isinstance(queue, dict) else queue
    assert reference in [item["reference"] for item in items]
