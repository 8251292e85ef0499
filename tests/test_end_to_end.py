"""End to end: the real Rasa server, action server, backend, SMS worker and Twilio stand-in.

One resident reports a noise problem through Rasa's REST channel; the case must reach the
backend's triage queue with a due date and the acknowledgement text must reach "Twilio".
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.conversation import Answers, pick, question_key
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"ASB-\d{4}-\d{6}")


def converse(system: RunningSystem, sender: str, messages: list[str]) -> list[str]:
    """Send each message in turn; return a transcript of every line said."""
    transcript: list[str] = []
    for message in messages:
        transcript.append(f"resident: {message}")
        for reply in system.say(sender, message):
            text = reply.get("text", "")
            buttons = " | ".join(b["title"] for b in reply.get("buttons", []))
            transcript.append(f"bot: {text}" + (f"  [{buttons}]" if buttons else ""))
    return transcript


def report(
    system: RunningSystem,
    sender: str,
    opening: list[str],
    answers: dict[str, str | list[str]] | None = None,
    max_turns: int = 60,
) -> list[str]:
    """Send the opening messages, then answer each report question the assistant asks (taps a
    button when the answer is one, as the web chat does) until a reference is given or the
    assistant asks something that is not a report question. Returns the transcript."""
    plan = Answers(answers)
    transcript: list[str] = []

    def send(message: str, shown: str) -> list[dict]:
        transcript.append(f"resident: {shown}")
        replies = system.say(sender, message)
        for reply in replies:
            buttons = " | ".join(b["title"] for b in reply.get("buttons", []))
            line = f"bot: {reply.get('text', '')}" + (f"  [{buttons}]" if buttons else "")
            transcript.append(line)
        return replies

    replies: list[dict] = []
    for message in opening:
        replies = send(message, message)
    for _ in range(max_turns):
        said = "\n".join(r.get("text", "") for r in replies)
        if REFERENCE.search(said):
            break
        key = question_key(replies[-1].get("text", "")) if replies else None
        if key is None:
            break
        answer = plan.next(key)
        buttons = replies[-1].get("buttons", []) if replies else []
        replies = send(pick(buttons, answer), answer)
    return transcript


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
