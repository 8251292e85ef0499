"""End to end by SMS: a resident reports by text through the real Rasa server.

The Twilio stand-in posts signed inbound webhooks to the Rasa SMS channel (`channels/sms.py`);
the bot's replies come back as texts the SMS worker sends through the real `twilio` library to
the stand-in, where the test reads them. Buttons arrive as numbered options and the resident
answers with digits; the confirmed report becomes a case with channel "sms" and the
acknowledgement (with the reference) reaches the resident. Then STOP: nothing more is sent.

Every wait polls with a deadline; nothing asserts how long anything took.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.cases.models import Case, CaseEvent
from backend.db import make_engine, make_session_factory, transaction
from backend.sms_inbound.models import SmsInbound
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import SmsOptOut
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.updates import queue_case_update
from tests.e2e.conversation import Answers, question_key
from tests.system import RunningSystem

pytestmark = pytest.mark.e2e

RESIDENT = "+447700900321"  # Ofcom's drama range; not the number test_end_to_end uses
RESIDENT_NATIONAL = "07700 900321"
PHOTO = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0e2e"
REFERENCE = re.compile(r"ASB-\d{4}-\d{6}")
TURN_TIMEOUT = 90.0
MAX_TURNS = 40
DONE_STATES = ("sent", "failed", "cancelled")


@pytest.fixture
def db(e2e_system: RunningSystem) -> Iterator[sessionmaker]:
    """Sessions on the running system's own database."""
    engine = make_engine(e2e_system.settings.database_url)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def wait_until(check: Callable[[], object], what: str, timeout: float = TURN_TIMEOUT) -> object:
    """Poll `check` until it returns something truthy; fail naming `what` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def turn_done(db: sessionmaker, sid: str) -> bool:
    """Has the assistant's answer to inbound `sid` been queued and sent (or is none coming)?"""
    with db() as session:
        inbound = session.execute(
            select(SmsInbound).where(SmsInbound.message_sid == sid)
        ).scalar_one_or_none()
        if inbound is None:
            return False
        if inbound.outcome != "assistant":
            return True  # STOP, HELP...: answered by the backend, not the assistant
        states = session.execute(
            select(OutboxMessage.state).where(OutboxMessage.dedupe_key.like(f"reply:{sid}:%"))
        ).scalars()
        states = list(states)
    return bool(states) and all(state in DONE_STATES for state in states)


class Resident:
    """One person texting: sends a text, waits for the assistant's answer, keeps a transcript."""

    def __init__(self, system: RunningSystem, db: sessionmaker, number: str) -> None:
        self.system, self.db, self.number = system, db, number
        self.transcript: list[str] = []
        self.seen = len(system.texts_to(number))

    def text(self, body: str | None, media_urls: list[str] | None = None) -> list[str]:
        """Text `body`; return the texts that reached the resident in answer."""
        self.transcript.append(
            f"resident: {body}" + (f" [{len(media_urls)} photo]" if media_urls else "")
        )
        answer = self.system.sms(self.number, body, media_urls=media_urls)
        assert answer["status"] == 200, answer
        sid = answer["message_sid"]
        wait_until(lambda: turn_done(self.db, sid), f"the answer to {body!r}\n{self.said}")
        texts = self.system.texts_to(self.number)
        new = [t["body"] for t in texts[self.seen :]]
        self.seen = len(texts)
        self.transcript.extend(f"bot: {t}" for t in new)
        return new

    @property
    def said(self) -> str:
        return "\n".join(self.transcript)


def options(text: str) -> dict[str, str]:
    """The numbered options at the end of a text: {"yes": "1", "no": "2"} (titles lower-cased)."""
    match = re.search(r"Reply (1 for .*?)\.?\s*$", text, re.S)
    if not match:
        return {}
    pieces = re.split(r"(?:^|, )(\d{1,2}) for ", match.group(1))
    pairs = zip(pieces[1::2], pieces[2::2], strict=True)
    return {title.strip().lower(): number for number, title in pairs}


def choose(text: str, title_start: str) -> str:
    """The digit of the option whose title starts with `title_start` (fails if not offered)."""
    for title, number in options(text).items():
        if title.startswith(title_start.lower()):
            return number
    pytest.fail(f"no option {title_start!r} offered in: {text!r}")


def answer_for(turn: str, plan: Answers) -> str:
    """What the resident answers to the assistant's last question (read from its words): the
    option's number when the answer is one of the numbered options, else the words."""
    key = question_key(turn)
    if key is None:
        pytest.fail(f"unexpected question from the assistant: {turn!r}")
    answer = plan.next(key)
    for title, number in options(turn).items():
        if title.startswith(answer.lower()):
            return number
    return answer


def case_by_reference(session: Session, reference: str) -> Case:
    return session.execute(select(Case).where(Case.reference == reference)).scalar_one()


def report_by_text(resident: Resident) -> str:
    """Answer the assistant's questions by text (a photo with the description) until a case
    reference is texted back; return it."""
    turn = resident.text("hello")
    reference = None
    photo_sent = False
    plan = Answers(
        {
            "description": "The people next door play very loud music every night until 3am",
            "phone": RESIDENT_NATIONAL,  # only if asked: by SMS the sender's number is taken
            "evidence": "Photos",
        }
    )
    for _ in range(MAX_TURNS):
        assert turn, f"the assistant said nothing:\n{resident.said}"
        # A question may span two texts; the last one is usually enough.
        last = turn[-1] if question_key(turn[-1]) else "\n".join(turn[-2:])
        reply = answer_for(last, plan)
        media = None
        if not photo_sent and "what has been happening" in last.lower():
            media, photo_sent = [PHOTO], True  # a photo with the description (MMS)
        turn = resident.text(reply, media_urls=media)
        found = REFERENCE.findall("\n".join(turn))
        if found:
            reference = found[-1]
            break
    assert reference, f"no case reference was texted to the resident:\n{resident.said}"
    return reference


def check_the_case_and_its_acknowledgement(
    system: RunningSystem, db: sessionmaker, reference: str
) -> int:
    """The case is the report (with the photo as evidence) and its acknowledgement reached the
    resident; returns the acknowledgement's outbox id."""
    case = system.api_get(f"/api/cases/{reference}")
    assert case["channel"] == "sms"
    assert case["category"] == "noise"
    assert case["frequency"] == "daily"
    assert case["location"] == "Flat 3, 1 Example Road"

    with db() as session:
        row = case_by_reference(session, reference)
        case_id = row.id
        assert row.reporter_phone == RESIDENT
        # The photo sent during the report is on the case as evidence.
        assert [item["url"] for item in (row.details or {}).get("evidence", [])] == [PHOTO]
        kinds = session.execute(
            select(CaseEvent.kind).where(CaseEvent.case_id == case_id)
        ).scalars()
        assert "evidence" in list(kinds)
        ack = session.execute(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case_id, OutboxMessage.kind == "ack"
            )
        ).scalar_one()
        ack_id, ack_body = ack.id, ack.body
    assert reference in ack_body
    wait_until(
        lambda: [t for t in system.texts_to(RESIDENT) if t["body"] == ack_body],
        "the acknowledgement text",
    )
    return ack_id


def queue_updates_after_stop(db: sessionmaker, reference: str) -> tuple[OutboxMessage | None, int]:
    """A staff update (refused when queued) and a text queued directly, past that check; the
    refused update (None) and the direct text's outbox id."""
    with transaction(db) as session:
        row = case_by_reference(session, reference)
        refused = queue_case_update(
            session, row, "status", landlord_name="Example Homes", status="in_progress"
        )
        # A text that slipped past that check (queued directly) is refused by the worker.
        direct = enqueue_sms(
            session,
            case_id=row.id,
            to_number=RESIDENT,
            body="An update that must not be sent",
            kind="status",
            dedupe_key=f"e2e-direct:{uuid.uuid4().hex}",
            urgent=True,
        )
        return refused, direct.id


def test_a_whole_report_by_sms_then_stop(e2e_system: RunningSystem, db: sessionmaker) -> None:
    system = e2e_system
    resident = Resident(system, db, RESIDENT)

    reference = report_by_text(resident)
    said = resident.said

    # Buttons arrived as numbered options, answered with digits; no payload ever shown.
    assert "Reply 1 for " in said, said
    assert re.search(r"^resident: [1-9]$", said, re.M), said
    assert "/affirm" not in said and "/deny" not in said, said

    ack_id = check_the_case_and_its_acknowledgement(system, db, reference)

    # STOP: the number is opted out, and a staff update afterwards sends nothing.
    assert resident.text("STOP") == []
    with db() as session:
        assert session.get(SmsOptOut, RESIDENT) is not None
    sent_before = len(system.texts_to(RESIDENT))
    refused, direct_id = queue_updates_after_stop(db, reference)
    assert refused is None

    def refused_by_worker() -> str | None:
        with db() as session:
            row = session.get(OutboxMessage, direct_id)
            return row.last_error if row.state == "cancelled" else None

    assert "opted out" in str(wait_until(refused_by_worker, "the worker to refuse the text"))
    assert len(system.texts_to(RESIDENT)) == sent_before
    with db() as session:
        assert session.get(OutboxMessage, ack_id).state == "sent"


def test_by_sms_the_sender_number_proves_who_it_is(
    e2e_system: RunningSystem, db: sessionmaker
) -> None:
    """Returning resident by text: the status after giving the reference (the sender's number is
    the check), then "it's happening again" offers the one open case and adds the incident."""
    from tests.e2e.test_conversation import make_case

    system = e2e_system
    number = "+447700900654"
    # No texts about the case (a reply to one within 14 days becomes a note on the case, by
    # design of backend/sms_inbound/service.py, and never reaches the assistant).
    reference = make_case(
        system, "Loud parties in the flat below every night", phone=number, texts=False
    )
    resident = Resident(system, db, number)

    resident.text("any news on my case?")
    status = "\n".join(resident.text(reference))
    assert f"Your case {reference}:" in status, resident.said

    offered = "\n".join(resident.text("its happening again"))
    assert f"Is this about your case {reference}?" in offered, resident.said
    resident.text(choose(offered, "yes"))
    now = "\n".join(resident.text("loud music again until 4am"))
    added = "\n".join(resident.text(choose(now, "no")))
    assert f"Added to your case {reference}; the team will see it" in added, resident.said
    with db() as session:
        case_id = case_by_reference(session, reference).id
        kinds = list(
            session.execute(select(CaseEvent.kind).where(CaseEvent.case_id == case_id)).scalars()
        )
    assert kinds.count("incident") == 1, kinds
