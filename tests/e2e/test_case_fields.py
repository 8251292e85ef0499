"""End to end: what a case officer needs beyond what happened (docs/domain.md section 8) reaches
the case, through the real Rasa server, the action server and the backend. On the web: when it
started and when it last happened in one answer (not asked twice), the court notice with an
objection, a police reference, the resident's own address, a visit, and an interpreter whose
language is in the answer (not asked again). By SMS: something happening now asks when it
started (not when it last happened), and the new questions are answered with option numbers.
Uses the session-wide `e2e_system` (tests/conftest.py). Fictional data only."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.orm import sessionmaker

from tests.e2e.conversation import REFERENCE, Answers, question_key, report
from tests.e2e.test_sms import (  # noqa: F401 (db is a fixture)
    MAX_TURNS,
    Resident,
    answer_for,
    case_by_reference,
    db,
)
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

SMS_RESIDENT = "+447700900478"  # its own number: no other e2e test texts it


def test_a_web_report_carries_every_case_field(
    e2e_system: RunningSystem,
    db: sessionmaker,  # noqa: F811
) -> None:
    system = e2e_system
    transcript = report(
        system,
        str(uuid.uuid4()),
        ["hi", "The people upstairs play loud music every night until 3am"],
        {
            "happened_when": "it started in March, the last time was last night",
            "evidence": "Photos",
            "evidence_consent": "No, I object",
            "ram_start": "Yes, ask me",
            "ram_other_agencies": "Yes",  # told someone such as the police
            "police_reference": "yes it's CAD 1234/21NOV",
            "reporter_postcode": "Flat 2, 5 Example Street, ZZ99 1AB",
            "phone": "07700 900479",
            "visit_or_call": "A visit",
            "communication_needs": "I need a Polish interpreter please",
        },
    )
    said = "\n".join(transcript)
    found = REFERENCE.findall(said)
    assert found, f"no reference:\n{said}"
    # Asked once each, and not at all what the resident had already said.
    assert "When did it first start" not in said, said
    assert said.count("may be used as evidence, including in court") == 1, said
    assert "Which language" not in said, said
    assert "noted that you object" in said, said
    assert "please call 999 now" not in said, said  # no false alarm on the new answers

    case = system.api_get(f"/api/cases/{found[-1]}")
    assert case["started_when"] == "it started in March"
    assert case["happened_when"] == "the last time was last night"
    assert case["visit_or_call"] == "visit"
    details = case["details"]
    assert details["police_reference"] == "CAD 1234/21NOV"
    assert details["reporter_postcode"] == "ZZ99 1AB"
    assert details["reporter_address"] == "Flat 2, 5 Example Street"
    assert details["evidence_held"] == ["photos"]
    assert details["evidence_consent"] == "objected"
    assert "Polish" not in str(case)  # communication needs stay off the staff API
    with db() as session:
        needs = case_by_reference(session, found[-1]).communication_needs
    assert needs == {"needs": ["interpreter"], "language": "Polish", "other": None}


def test_an_sms_report_of_something_happening_now_answers_by_numbers(
    e2e_system: RunningSystem,
    db: sessionmaker,  # noqa: F811
) -> None:
    resident = Resident(e2e_system, db, SMS_RESIDENT)
    plan = Answers(
        {
            "description": "The people next door play very loud music right now, every night",
            "happening_now": "Yes",
            "started_when": "about 10pm",
            "reporter_postcode": ["same", "ZZ99 1AA"],  # the postcode when asked for it
            "visit_or_call": "A phone call",
            "communication_needs": "2 and 3",  # BSL and large print, by their numbers
        }
    )
    turn = resident.text("hello")
    reference = None
    asked: list[str] = []
    for _ in range(MAX_TURNS):
        assert turn, f"the assistant said nothing:\n{resident.said}"
        last = turn[-1] if question_key(turn[-1]) else "\n".join(turn[-2:])
        asked.append(str(question_key(last)))
        turn = resident.text(answer_for(last, plan))
        found = REFERENCE.findall("\n".join(turn))
        if found:
            reference = found[-1]
            break
    assert reference, f"no case reference was texted to the resident:\n{resident.said}"
    assert "happened_when" not in asked, resident.said  # happening now: that is the last time
    # "right now" and "every night" in the description: neither question is asked again, and
    # "when did it start?" comes straight after "where?".
    assert "happening_now" not in asked and "frequency" not in asked, asked
    assert asked.index("location") + 1 == asked.index("started_when"), asked
    assert "visit_or_call" in asked and "communication_needs" in asked

    case = e2e_system.api_get(f"/api/cases/{reference}")
    assert case["happening_now"] is True and case["started_when"] == "about 10pm"
    assert case["happened_when"] is None
    assert case["visit_or_call"] == "call"
    # "same": their address is where it happens; the postcode was asked for.
    assert case["details"]["reporter_address"] == "Flat 3, 1 Example Road"
    assert case["details"]["reporter_postcode"] == "ZZ99 1AA"
    with db() as session:
        needs = case_by_reference(session, reference).communication_needs
    assert needs == {"needs": ["bsl", "large_print"], "language": None, "other": None}
