"""End to end through the real Rasa server (NLU with the safety layer, rules, action server, NLG)
and the backend: an emergency in the middle of the report, and a good-neighbour matter logged
anyway. Uses the session-wide `e2e_system` (tests/conftest.py). Fictional data only."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.test_end_to_end import REFERENCE, converse

pytestmark = pytest.mark.e2e


def replies_to(transcript: list[str], message: str) -> list[str]:
    """The bot lines said in answer to `message` (its last occurrence)."""
    start = len(transcript) - 1 - transcript[::-1].index(f"resident: {message}")
    lines = []
    for line in transcript[start + 1 :]:
        if line.startswith("resident: "):
            break
        lines.append(line)
    return lines


def test_an_emergency_mid_form_gets_999_first_and_the_report_carries_on(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    emergency = "hes kicking my door in right now"
    transcript = converse(
        system,
        sender,
        [
            "hello",
            "The man next door plays loud music every night until 3am",
            "Flat 4, 1 Example Road",
            emergency,  # answering "Is it happening right now?"
            "about ten minutes ago",
            "every day",
            "skip",
            "why do you need my number?",
            "07700 900124",
            "no",  # not safe to text
            "yes",
            "yes",  # send it
        ],
    )
    said = "\n".join(transcript)
    first = replies_to(transcript, emergency)
    assert first and "999" in first[0], f"999 advice must come first:\n{said}"
    assert any("When you are safe" in line for line in first), said
    why = "\n".join(replies_to(transcript, "why do you need my number?"))
    assert "only use it for this report" in why and "phone number" in why, said
    found = REFERENCE.findall(said)
    assert found, f"the report did not carry on to a reference:\n{said}"

    case = system.api_get(f"/api/cases/{found[-1]}")
    assert case["route"] == "emergency"
    assert case["flags"]["urgent"] is True
    assert case["happening_now"] is True
    assert case["description"] == "The man next door plays loud music every night until 3am"
    assert case["location"] == "Flat 4, 1 Example Road"


def test_an_everyday_matter_is_explained_and_logged_anyway_as_good_neighbour(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    transcript = converse(
        system,
        sender,
        [
            "hi",
            "they had a party last Saturday",
            "yes",  # log it anyway
            "Flat 5, 2 Example Road",
            "no",
            "last Saturday night",
            "just this once",
            "skip",
            "skip",
            "yes",  # send it
        ],
    )
    said = "\n".join(transcript)
    explained = "\n".join(replies_to(transcript, "they had a party last Saturday"))
    assert "good-neighbour" in explained and "mediation" in explained, said
    assert "log it" in explained, said
    found = REFERENCE.findall(said)
    assert found, f"no reference for the logged matter:\n{said}"
    assert re.search(r"logged as a good-neighbour matter, not as anti-social behaviour", said)

    case = system.api_get(f"/api/cases/{found[-1]}")
    assert case["route"] == "not_asb"
    assert case["is_asb"] is False
    assert case["description"] == "they had a party last Saturday"
