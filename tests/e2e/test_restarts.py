"""The embedded default (one of each process, SQLite): each process killed with SIGKILL in turn
during a report, as `asb run` would see it. The supervisor starts each again; the resident,
sending again what got no answer, finishes the report; one case, one acknowledgement text."""

from __future__ import annotations

import pytest

from tests.e2e.conversation import report
from tests.e2e.killing import (
    WebResident,
    acknowledgements,
    kill,
    reference_in,
    wait_until_back,
)

pytestmark = pytest.mark.e2e

IN_TURN = ["backend", "action-server", "sms-worker", "rasa"]


def test_each_process_killed_in_turn_during_a_report(e2e_system):
    system = e2e_system
    system.wait_until_all_ready()
    victims = iter(IN_TURN)
    killed: list[str] = []

    def kill_next(resident: WebResident) -> None:
        if resident.turns == 0:
            return
        for earlier in killed:
            wait_until_back(system, earlier, timeout=300)  # one process down at a time
        victim = next(victims, None)
        if victim is not None:
            kill(system, victim)
            killed.append(victim)

    resident = WebResident(system, before_each_turn=kill_next)
    try:
        transcript = report(
            resident,
            "",
            ["A group of lads rev motorbikes in the car park at 9 Example Close every night"],
            {"phone": "07700 900161"},
        )
    finally:
        system.wait_until_all_ready()  # the other end-to-end tests share this system
    reference = reference_in(transcript)
    assert reference, "\n".join(transcript)
    assert killed == IN_TURN
    case = system.api_get(f"/api/cases/{reference}")
    assert case["reference"] == reference
    assert acknowledgements(system, [reference]) == {reference: 1}
    print(f"longest wait for an answer: {resident.longest_wait:.1f} s")
