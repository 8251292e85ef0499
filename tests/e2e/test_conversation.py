"""End to end through the real Rasa server (NLU with the safety layer, rules, action server, NLG)
and the backend: an emergency in the middle of the report, a good-neighbour matter logged
anyway, and returning residents (a status check that passes and one that fails the identity
check, a repeat incident added to the open case). Uses the session-wide `e2e_system`
(tests/conftest.py). Fictional data only."""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.conversation import REFERENCE, converse, report

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
    transcript = report(
        system,
        sender,
        ["hello", "The man next door plays loud music every night until 3am"],
        {
            "location": "Flat 4, 1 Example Road",
            "happening_now": emergency,
            "started_when": "about ten minutes ago",  # happening now: "When did it start?"
            "phone": ["why do you need my number?", "07700 900124"],
            "safe_to_text": "No",
        },
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


def test_long_answers_to_the_report_questions_get_no_safety_advice(e2e_system):
    # Answers in full sentences (a place, a time, a person, a witness) are answers, not new
    # descriptions: no 999 line, no helpline, and the description's category from the classifier.
    system = e2e_system
    sender = str(uuid.uuid4())
    transcript = report(
        system,
        sender,
        ["hi", "the music is so loud every night that my windows rattle"],
        {
            "location": "round the back of the flats, the ground floor flat with the blue door",
            "happened_when": "I first noticed it around Easter and it has got more regular since",
            "people_involved": "a tall skinny lad with a black puffer jacket, early twenties",
            "evidence": "Someone else saw or heard it",
            "witnesses": "my sister heard it as well when she stayed over last weekend",
            "phone": "07700 900127",
        },
    )
    said = "\n".join(transcript)
    # (the greeting and the goodbye always mention 999; the safety advice is another line)
    assert "please call 999 now" not in said and "0808 2000 247" not in said, said
    assert said.count("Where is this happening?") == 1, said
    found = REFERENCE.findall(said)
    assert found, f"no reference:\n{said}"
    case = system.api_get(f"/api/cases/{found[-1]}")
    assert (case["route"], case["category"]) == ("asb", "noise")
    assert case["details"]["people_involved"].startswith("a tall skinny lad")


def test_an_everyday_matter_is_explained_and_logged_anyway_as_good_neighbour(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    transcript = report(
        system,
        sender,
        ["hi", "they had a party last Saturday", "yes"],  # yes: log it anyway
        {"happening_now": "No", "happened_when": "last Saturday night", "phone": "skip"},
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


def test_a_complete_report_with_risk_questions_a_correction_and_a_fresh_start(e2e_system):
    system = e2e_system
    sender = str(uuid.uuid4())
    description = "A group of lads shout abuse at me and my kids in the stairwell every night"
    transcript = report(
        system,
        sender,
        ["hi", "someone keeps spraying graffiti on the garages behind our block"],
        {
            "location": ["start again", "Stairwell, Block B, 2 Example Road"],
            "description": description,
            "happened_when": "about 9pm tonight",
            "witnesses": ["actually it was last night about 10pm", "my neighbour at number 5"],
            "evidence": "1, 2 and 5",  # typed numbers: someone else saw it, photos and a diary
            "ram_start": "Yes, ask me",
            "ram_history": "They are doing it to me now",
            "ram_targeted": "My family",
            "ram_circumstances": "Yes",
            "ram_affected": "A lot",
            "ram_health": "My mental health",
            "phone": "07700 900125",
            "preferred_contact": "Phone call",
            "best_time": "weekday evenings",
            "consent_to_share": "No",
            "equality_start": "Yes",
            "age_band": "35 to 44",
            "disability": "No",
        },
    )
    said = "\n".join(transcript)
    assert "let's start again" in said, said
    assert 'I have changed "When it last happened"' in said, said
    found = REFERENCE.findall(said)
    assert found, f"no reference:\n{said}"

    case = system.api_get(f"/api/cases/{found[-1]}")
    assert case["description"] == description  # the first description was dropped
    assert case["location"] == "Stairwell, Block B, 2 Example Road"
    assert case["happened_when"] == "last night about 10pm"
    # Who does it, heard from the description (not asked again).
    assert case["details"]["people_involved"] == "A group of lads"
    assert case["details"]["witnesses"] == "my neighbour at number 5"
    assert case["details"]["evidence_held"] == ["photos", "diary"]
    ram = case["ram_answers"]
    assert ram["q5_history"] == "currently" and ram["q7_targeted"] == "family"
    assert ram["q9_circumstances"] == "yes" and ram["q10_affected"] == "a_lot"
    assert ram["q11_health"] == ["mental"] and ram["q2_linked"] == "prefer_not_to_say"
    assert case["flags"]["vulnerable"] is True
    assert case["reporter"]["preferred_contact"] == "call"
    assert case["reporter"]["best_time"] == "weekday evenings"
    assert case["reporter"]["consent_to_share"] is False
    assert "equality" not in case  # special-category answers stay off the staff API
    assert case["details"]["assistant_risk"]["score"] == case["risk_score"]


def test_an_everyday_matter_described_after_asking_to_report_can_be_left_unlogged(e2e_system):
    transcript = converse(
        e2e_system,
        str(uuid.uuid4()),
        ["I want to report something", "they had a party last Saturday", "no"],
    )
    said = "\n".join(transcript)
    explained = "\n".join(replies_to(transcript, "they had a party last Saturday"))
    assert "good-neighbour" in explained and "log it with the team anyway" in explained, said
    declined = "\n".join(replies_to(transcript, "no"))
    assert "nothing has been sent" in declined, said
    assert "Here is your report" not in said and not REFERENCE.search(said), said


# -- returning residents -------------------------------------------------------------------------

RETURNING_LOCATION = "Flat 3, 1 Example Road, ZZ99 1AA"


def make_case(system, description: str, phone: str = "+447700900987", texts: bool = True) -> str:
    """A case reported through POST /api/reports (as the action server does); its reference."""
    report = {
        "report_id": str(uuid.uuid4()),
        "channel": "web",
        "language": "en",
        "received_at": (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat(),
        "route": "asb",
        "category": "noise",
        "description": description,
        "location": RETURNING_LOCATION,
        "happened_when": "last night about 11pm",
        "happening_now": False,
        "frequency": "daily",
        "reporter": {
            "name": "Alex Example",
            "phone": phone,
            "safe_to_text": texts,
            "consent_to_contact": texts,
            "anonymous": False,
        },
        "flags": {
            "urgent": False,
            "domestic_abuse": False,
            "hate": False,
            "safeguarding": False,
            "vulnerable": False,
        },
        "ram_answers": {"q1_frequency": "daily"},
        "details": {},
    }
    request = urllib.request.Request(
        f"{system.backend_url}/api/reports",
        data=json.dumps(report).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {system.settings.ingest_secret}",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["reference"]


def test_a_status_check_passes_with_the_postcode_and_fails_without_it(e2e_system):
    system = e2e_system
    reference = make_case(system, "Loud music from the flat above every night until 4am")

    ok = converse(system, str(uuid.uuid4()), [f"any news on {reference.lower()}", "zz99 1aa"])
    said = "\n".join(ok)
    assert f"Your case {reference}: Waiting for the team to review it" in said, said
    assert "The next step is due by" in said, said

    wrong = converse(
        system, str(uuid.uuid4()), ["whats happening with my report", reference, "AB1 2CD"]
    )
    said = "\n".join(wrong)
    assert "could not find a case that matches those details" in said, said
    assert "Waiting for the team" not in said and "next step" not in said, said


def test_a_repeat_incident_is_added_to_the_open_case(e2e_system):
    system = e2e_system
    reference = make_case(system, "Shouting and banging doors on the landing every night")
    before = system.api_get(f"/api/cases/{reference}")
    transcript = converse(
        system,
        str(uuid.uuid4()),
        [
            "they're at it again tonight",
            reference,
            "ZZ99 1AA",
            "shouting and slamming doors again until 2am",
            "no",  # not happening right now
        ],
    )
    said = "\n".join(transcript)
    assert f"Added to your case {reference}; the team will see it" in said, said
    bot_lines = "\n".join(line for line in transcript if line.startswith("bot: "))
    example = "ASB-2026-000123"  # the example in "What is your case reference?"
    assert set(REFERENCE.findall(bot_lines)) - {example} == {reference}, said
    assert "Your report has been sent" not in said, f"a new case was made:\n{said}"

    case = system.api_get(f"/api/cases/{reference}")
    incidents = [e for e in case["events"] if e["kind"] == "incident"]
    assert len(incidents) == 1 + sum(e["kind"] == "incident" for e in before["events"])
