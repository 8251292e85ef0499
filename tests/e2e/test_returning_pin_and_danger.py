"""End to end through the real Rasa server and the backend (issue 12, promises 3 and 5):

- the case PIN: a web reporter who gave no phone is told a PIN with the reference, and checks the
  report later with the reference and that PIN (no postcode, no texted code);
- danger in a repeat incident: "it happened again and he had a knife" gets a 999 line first and
  raises the open case's flags, team and triage; an emergency told in answer to "what happened
  this time?" gets the 999 advice first and is still added to the case.

Uses the session-wide `e2e_system` (tests/conftest.py). Fictional data only.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.conversation import REFERENCE, converse, report

pytestmark = pytest.mark.e2e

PIN = re.compile(r"your PIN is (\d{6})")


def make_case(system, description: str) -> str:
    """A noise case with no phone number, at an address with a postcode; its reference."""
    body = {
        "report_id": str(uuid.uuid4()),
        "channel": "web",
        "language": "en",
        "received_at": (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat(),
        "route": "asb",
        "category": "noise",
        "description": description,
        "location": "Flat 3, 1 Example Road, ZZ99 1AA",
        "reporter": {"name": None, "phone": None, "anonymous": True},
    }
    request = urllib.request.Request(
        f"{system.backend_url}/api/reports",
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {system.settings.ingest_secret}",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["reference"]


def test_a_reporter_without_phone_or_postcode_checks_the_report_with_the_pin(e2e_system):
    system = e2e_system
    transcript = report(
        system,
        str(uuid.uuid4()),
        ["Loud music from the flat above every night until 4am"],
        {"location": "The flat above mine", "anonymous": "Stay anonymous", "phone": "skip"},
    )
    said = "\n".join(transcript)
    reference = REFERENCE.search(said)
    pin = PIN.search(said)
    assert reference and pin, said
    assert "Keep both to check on your report" in said, said

    checked = converse(
        system, str(uuid.uuid4()), [f"any news on {reference.group(0).lower()}", pin.group(1)]
    )
    answer = "\n".join(checked)
    assert f"Your case {reference.group(0)}: Waiting for the team to review it" in answer, answer
    wrong = f"{(int(pin.group(1)) + 1) % 10**6:06d}"
    refused = "\n".join(
        converse(system, str(uuid.uuid4()), [f"any news on {reference.group(0)}", wrong])
    )
    assert "could not find a case that matches those details" in refused, refused


def test_it_happened_again_with_a_knife_raises_the_case(e2e_system):
    system = e2e_system
    reference = make_case(system, "Loud music from the flat above every night")
    transcript = converse(
        system,
        str(uuid.uuid4()),
        ["It happened again and he had a knife", reference, "ZZ99 1AA", "no"],
    )
    said = "\n".join(transcript)
    first_replies = transcript[1 : transcript.index(f"resident: {reference}")]
    assert any("call 999" in line for line in first_replies), said  # 999 before anything else
    assert f"Added to your case {reference}" in said, said
    case = system.api_get(f"/api/cases/{reference}")
    assert case["flags"]["urgent"] is True, case["flags"]
    assert case["owner_team"] == "TEM" and case["triage_priority_days"] == 1
    kinds = [event["kind"] for event in case["events"]]
    assert "incident" in kinds and "escalation" in kinds, kinds
    incident = [e for e in case["events"] if e["kind"] == "incident"][-1]
    assert incident["data"]["description"] == "It happened again and he had a knife"


def test_an_emergency_answer_gets_999_first_and_is_added(e2e_system):
    system = e2e_system
    reference = make_case(system, "Shouting and banging doors on the landing every night")
    emergency = "hes outside my door with a knife right now"
    transcript = converse(
        system,
        str(uuid.uuid4()),
        ["they're at it again tonight", reference, "ZZ99 1AA", emergency, "yes"],
    )
    said = "\n".join(transcript)
    start = transcript.index(f"resident: {emergency}")
    assert "call 999" in transcript[start + 1], said  # the advice first
    assert f"Added to your case {reference}" in said, said
    case = system.api_get(f"/api/cases/{reference}")
    assert case["flags"]["urgent"] is True
    incident = [e for e in case["events"] if e["kind"] == "incident"][-1]
    assert incident["data"]["description"] == emergency
    assert incident["data"]["danger"] == "emergency"
