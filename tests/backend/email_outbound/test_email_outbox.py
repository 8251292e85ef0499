"""Emails to residents through the outbox and a real (local) SMTP server: the acknowledgement,
quiet hours, retries with backoff, permanent refusals, and never a second copy except after an
interrupted send, which carries the same Message-ID (backend/email_outbound/sending.py)."""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import uuid
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import update

from backend.db import transaction, utcnow
from backend.email_outbound import sending
from backend.email_outbound.sending import SENDING_LEASE, resend_interrupted
from backend.email_outbound.service import enqueue_email
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.twilio_client import make_twilio_client
from backend.sms_outbound.worker import run_worker
from tests.backend.email_outbound.email_world import (
    EMAIL,
    EMAIL_ONLY,
    open_case,
    row,
    rows,
    send_due,
    timeline,
    tonight,
)
from tests.backend.sms_outbound.outbox_world import wait_for


def test_acknowledgement_is_emailed_to_a_resident_who_cannot_be_texted(
    session_factory, settings, smtp, mail, make_report, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    [ack] = rows(session_factory)
    assert (ack.channel, ack.kind, ack.to_email, ack.to_number) == ("email", "ack", EMAIL, None)
    # It answers what the resident just did: urgent, so it goes even in quiet hours.
    quiet = replace(settings, quiet_hours="21:00-08:00")
    assert send_due(session_factory, mail, quiet, tonight()) == 1

    [received] = smtp.received
    message = received.message
    assert received.recipients == [EMAIL] and received.sender == "asb@example.org"
    assert message["From"] == "Example Homes <asb@example.org>"
    assert message["Subject"] == f"Example Homes: we have your report {reference}"
    text = received.text
    assert f"Your reference is {reference}. Our team will review it on Monday 23 November." in text
    assert f"To talk to us about your report {reference}, call 0300 000 0000." in text
    sent = row(session_factory, ack.id)
    assert sent.state == "sent" and sent.sent_at is not None
    assert message["Message-ID"] == sent.email_message_id
    assert timeline(session_factory, reference) == ["Email (ack): queued", "Email (ack): sent"]
    # Sent once: nothing is due any more.
    assert send_due(session_factory, mail, quiet, tonight() + timedelta(hours=1)) == 0
    assert len(smtp.received) == 1
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sam.sample" not in logged and "Your reference" not in logged
    assert f"email sent: outbox={ack.id}" in logged


def test_a_resident_who_chose_email_and_may_be_texted_gets_both_acknowledgements(
    session_factory, make_report
) -> None:
    # The assistant tells anyone who may be texted that a text will follow: it does.
    open_case(session_factory, make_report(reporter={"preferred_contact": "email", "email": EMAIL}))
    assert sorted((r.channel, r.kind) for r in rows(session_factory)) == [
        ("email", "ack"),
        ("sms", "ack"),
    ]
    # Nobody to write to: no email, however they asked to be contacted.
    open_case(session_factory, make_report(reporter={**EMAIL_ONLY, "consent_to_contact": False}))
    open_case(session_factory, make_report(reporter={**EMAIL_ONLY, "email": None}))
    assert len(rows(session_factory)) == 2


def test_routine_emails_wait_for_the_end_of_quiet_hours(
    session_factory, settings, smtp, mail
) -> None:
    quiet = replace(settings, quiet_hours="21:00-08:00")
    with transaction(session_factory) as session:
        routine = enqueue_email(
            session,
            case_id=None,
            to_email=EMAIL,
            subject="Example Homes: an update on your report",
            body="We are still working on it.",
            kind="contact",
            dedupe_key=f"test:{uuid.uuid4().hex}",
        ).id
    night = tonight()
    assert send_due(session_factory, mail, quiet, night) == 0
    held = row(session_factory, routine)
    assert (held.state, held.attempts) == ("pending", 0)
    morning = held.next_attempt_at
    assert morning - night == timedelta(hours=9, minutes=30)  # 08:00 the next day
    assert send_due(session_factory, mail, quiet, morning - timedelta(minutes=1)) == 0
    assert smtp.received == []
    assert send_due(session_factory, mail, quiet, morning) == 1
    assert [r.text.strip() for r in smtp.received] == ["We are still working on it."]


def test_a_temporary_refusal_is_retried_with_backoff_and_sent_once(
    session_factory, settings, smtp, mail, make_report
) -> None:
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    [ack] = rows(session_factory)
    smtp.fail("RCPT", "451 4.3.0 Mailbox busy, try again later")
    now = utcnow()
    assert send_due(session_factory, mail, settings, now) == 1
    waiting = row(session_factory, ack.id)
    assert (waiting.state, waiting.attempts, waiting.error_code) == ("pending", 1, "451")
    assert waiting.last_error == "mail server answered 451 to the recipient"
    assert waiting.next_attempt_at == now + timedelta(seconds=5)
    assert smtp.received == []
    assert send_due(session_factory, mail, settings, now + timedelta(seconds=4)) == 0
    assert send_due(session_factory, mail, settings, now + timedelta(seconds=5)) == 1
    done = row(session_factory, ack.id)
    assert (done.state, done.attempts, done.error_code) == ("sent", 2, None)
    assert len(smtp.received) == 1
    assert timeline(session_factory, reference) == ["Email (ack): queued", "Email (ack): sent"]


def test_a_mail_server_that_cannot_be_reached_is_retried(
    session_factory, settings, smtp, mail, unreachable_mail, make_report
) -> None:
    open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    [ack] = rows(session_factory)
    now = utcnow()
    assert send_due(session_factory, unreachable_mail, settings, now) == 1
    waiting = row(session_factory, ack.id)
    assert waiting.state == "pending" and waiting.attempts == 1
    assert waiting.last_error.startswith("cannot connect to the mail server")
    assert send_due(session_factory, mail, settings, waiting.next_attempt_at) == 1
    assert row(session_factory, ack.id).state == "sent" and len(smtp.received) == 1


def test_a_permanent_refusal_fails_on_the_timeline_without_retrying(
    session_factory, settings, smtp, mail, make_report
) -> None:
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    other = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    first, second = rows(session_factory)
    smtp.fail("RCPT", "550 5.1.1 <sam.sample@example.org>: no such mailbox")
    smtp.fail("END", "554 5.7.1 Message refused")
    now = utcnow()
    assert send_due(session_factory, mail, settings, now) == 2
    for outbox_id in (first.id, second.id):
        failed = row(session_factory, outbox_id)
        assert failed.state == "failed" and failed.attempts == 1
    assert row(session_factory, first.id).last_error == "mail server answered 550 to the recipient"
    assert row(session_factory, second.id).error_code == "554"
    assert timeline(session_factory, reference) == [
        "Email (ack): queued",
        "Email (ack): failed (error 550)",
    ]
    assert timeline(session_factory, other)[-1] == "Email (ack): failed (error 554)"
    assert send_due(session_factory, mail, settings, now + timedelta(hours=1)) == 0
    assert smtp.received == []


def test_a_connection_lost_after_handing_over_is_resent_only_with_the_same_message_id(
    session_factory, settings, smtp, mail, make_report
) -> None:
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    [ack] = rows(session_factory)
    smtp.fail("DROP")  # the server takes the message, then the connection dies unanswered
    now = utcnow()
    assert send_due(session_factory, mail, settings, now) == 1
    unknown = row(session_factory, ack.id)
    assert unknown.state == "sending" and "no answer from the mail server" in unknown.last_error
    assert len(smtp.received) == 1
    # Within the lease another worker could still be sending it: left alone, not resent.
    assert resend_interrupted(session_factory, now + timedelta(minutes=1)) == 0
    assert send_due(session_factory, mail, settings, now + timedelta(minutes=1)) == 0
    later = now + SENDING_LEASE
    assert resend_interrupted(session_factory, later) == 1
    assert send_due(session_factory, mail, settings, later) == 1
    assert row(session_factory, ack.id).state == "sent"
    # The one copy SMTP cannot rule out carries the same Message-ID, so mail systems drop it.
    first_id, second_id = smtp.message_ids()
    assert first_id == second_id == row(session_factory, ack.id).email_message_id
    assert timeline(session_factory, reference) == [
        "Email (ack): queued",
        "Email (ack): interrupted, sending again",
        "Email (ack): sent",
    ]


async def test_a_worker_killed_between_send_and_mark_is_settled_by_the_next_worker(
    session_factory, settings, smtp, mail, make_report, monkeypatch
) -> None:
    """Worker A hands an email over and dies before writing it down; worker B starts later."""
    reference = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    [ack] = rows(session_factory)

    def killed(*_args, **_kwargs) -> None:
        raise SystemExit("worker A killed")

    monkeypatch.setattr(sending, "mark_email_sent", killed)
    try:
        await asyncio.to_thread(send_due, session_factory, mail, settings, utcnow())
    except SystemExit:
        pass
    monkeypatch.undo()
    assert row(session_factory, ack.id).state == "sending" and len(smtp.received) == 1
    # Another email queued meanwhile: sent once by worker B.
    newer = open_case(session_factory, make_report(reporter=EMAIL_ONLY))
    # Worker A's claim is older than the lease by the time worker B runs.
    claimed_at = row(session_factory, ack.id).claimed_at
    with transaction(session_factory) as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == ack.id)
            .values(claimed_at=claimed_at - SENDING_LEASE)
        )
    worker_settings = replace(
        settings,
        twilio_account_sid="AC" + secrets.token_hex(16),
        twilio_auth_token=secrets.token_hex(16),
        twilio_from="+447700900000",
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(
        run_worker(
            worker_settings,
            stop_event=stop,
            poll_interval=0.05,
            client=make_twilio_client(worker_settings),  # no texts: never called
            session_factory=session_factory,
            email=mail,
        )
    )
    try:
        await wait_for(lambda: all(r.state == "sent" for r in rows(session_factory)))
    finally:
        stop.set()
        await asyncio.wait_for(worker, timeout=30)
    resent = row(session_factory, ack.id)
    assert resent.attempts == 2
    # The interrupted one went again with its Message-ID; the newer one went once.
    ids = smtp.message_ids()
    assert len(ids) == 3 and ids.count(resent.email_message_id) == 2
    assert timeline(session_factory, reference)[-1] == "Email (ack): sent"
    assert timeline(session_factory, newer) == ["Email (ack): queued", "Email (ack): sent"]


def test_addresses_beyond_ascii(session_factory, settings, smtp, mail) -> None:
    def queue(address: str) -> int:
        with transaction(session_factory) as session:
            return enqueue_email(
                session,
                case_id=None,
                to_email=address,
                subject="Example Homes: an update on your report",
                body="Diolch – we are still working on it.",
                kind="update",
                dedupe_key=f"test:{uuid.uuid4().hex}",
            ).id

    domain = queue("sam@exämple.org")  # the domain goes in its ASCII (IDNA) form
    mailbox = queue("zoë@example.org")  # needs a server offering SMTPUTF8
    assert send_due(session_factory, mail, settings, utcnow()) == 2
    [received] = smtp.received
    assert received.recipients == ["sam@xn--exmple-cua.org"]
    assert received.text.strip() == "Diolch – we are still working on it."
    refused = row(session_factory, mailbox)
    assert (refused.state, refused.last_error) == (
        "failed",
        "address not usable: the mail server does not offer SMTPUTF8",
    )
    assert row(session_factory, domain).state == "sent"
    smtp.smtputf8 = True
    later = queue("zoë@example.org")
    assert send_due(session_factory, mail, settings, utcnow()) == 1
    assert row(session_factory, later).state == "sent"
    assert smtp.received[-1].recipients == ["zoë@example.org"]
    assert smtp.received[-1].message["To"] == "zoë@example.org"


def test_several_workers_never_send_the_same_email(session_factory, settings, smtp, mail) -> None:
    with transaction(session_factory) as session:
        for n in range(12):
            enqueue_email(
                session,
                case_id=None,
                to_email=f"resident{n}@example.org",
                subject="Example Homes: an update on your report",
                body=f"Update number {n}.",
                kind="update",
                dedupe_key=f"test:{n}:{uuid.uuid4().hex}",
            )
    now = utcnow()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            while send_due(session_factory, mail, settings, now, batch=3):
                pass
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(r.text.strip() for r in smtp.received) == sorted(
        f"Update number {n}." for n in range(12)
    )
    assert len(set(smtp.message_ids())) == 12
    assert {(r.state, r.attempts) for r in rows(session_factory)} == {("sent", 1)}
