"""End to end: the real Rasa server, action server, backend, SMS worker and Twilio stand-in.

One resident reports a noise problem through Rasa's REST channel; the case must reach the
backend's triage queue with a due date and the acknowledgement text must reach "Twilio".
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.conversation import REFERENCE, report

pytestmark = pytest.mark.e2e


def test_a_noise_report_becomes_a_queued_case_with_an_acknowledgement_text(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    transcript = report(
        system,
        sender,
        ["hello", "The people next door play very loud music every night until 3am"],
    )
    said = "\n".join(transcript)
    found = REFERENCE.findall(said)
    assert found, f"no case reference was given to the resident:\n{said}"
    reference = found[-1]
    assert re.search(r"review it on \w+day \d{1,2} \w+", said), said

    case = system.api_get(f"/api/cases/{reference}")
    assert case["reference"] == reference
    assert case["category"] == "noise"
    assert case["owner_team"] == "CHM"
    assert case["status"] == "new"
    assert case["location"] == "Flat 3, 1 Example Road"
    assert case["triage_due"] >= case["queue_date"]

    queue = system.api_get("/api/triage-queue")
    items = queue["items"] if isinstance(queue, dict) else queue
    assert reference in [item["reference"] for item in items]

    texts = system.wait_for_texts(lambda t: reference in t["body"])
    assert len(texts) == 1, f"expected one acknowledgement text, got {texts}"
    assert texts[0]["to"] == "+447700900123"
