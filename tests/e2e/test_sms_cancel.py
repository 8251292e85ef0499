"""End to end by SMS: "cancel report" cancels a report in progress and the resident still gets
texts, through the real Rasa server and the Twilio stand-in.

By SMS a text that is only "cancel" or "stop" opts the number out of every text (Twilio acts on
it before the assistant sees it), so the assistant offers "cancel report" (bot/commands.py):
the greeting says so, the words reach the assistant, the report is dropped, and a text about a
case afterwards still reaches the resident. Every wait polls with a deadline.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import sessionmaker

from backend.sms_outbound.opt_outs import SmsOptOut
from tests.e2e.test_conversation import make_case
from tests.e2e.test_sms import Resident, db, wait_until  # noqa: F401 (db is a fixture)
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

RESIDENT = "+447700900432"  # its own number: no other e2e test texts it


def test_cancel_report_by_sms_cancels_without_opting_out(
    e2e_system: RunningSystem,
    db: sessionmaker,  # noqa: F811
) -> None:
    system = e2e_system
    resident = Resident(system, db, RESIDENT)

    greeting = "\n".join(resident.text("hello"))
    assert 'To cancel, text "cancel report".' in greeting, resident.said
    assert resident.text("The people next door play very loud music every night until 3am")

    cancelled = "\n".join(resident.text("Cancel report"))
    assert "I have cancelled the report. Nothing has been sent." in cancelled, resident.said
    with db() as session:
        assert session.get(SmsOptOut, RESIDENT) is None

    # The report was dropped: "start again" begins a new one from the first question.
    again = "\n".join(resident.text("start again"))
    assert "start again" in again.lower(), resident.said
    assert "cancelled the report" in "\n".join(resident.text("cancel report")), resident.said

    # Texts still reach the resident: the acknowledgement of a case reported for this number.
    reference = make_case(system, "Loud parties in the flat below every night", phone=RESIDENT)
    wait_until(
        lambda: [t for t in system.texts_to(RESIDENT) if reference in t["body"]],
        "the acknowledgement text after cancelling",
    )
    with db() as session:
        assert session.get(SmsOptOut, RESIDENT) is None
