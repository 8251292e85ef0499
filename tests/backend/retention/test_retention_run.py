"""The retention run: what is past its period is deleted or anonymised, nothing else is; a dry
run changes nothing; every run is audited without the data itself. Fictional data."""

from __future__ import annotations

from sqlalchemy import select

from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.held_reports.models import HeldReport
from backend.retention.models import REMOVED, RetentionRun
from backend.retention.purge import run_retention, years_before
from backend.safeguarding.models import SafeguardingRecord
from backend.sms_inbound.models import SmsConversation, SmsInbound
from backend.sms_outbound.models import OutboxMessage
from tests.backend.retention.helpers import (
    DAY,
    NOW,
    PEOPLE,
    WITNESS,
    add_held,
    add_inbound,
    add_outbox,
    add_record,
    add_sms_options,
    close_case,
    senders,
    staff_note,
    tracker_store,
)


def _world(session_factory, add_case, tracker_url) -> dict[str, str]:
    """One thing of each kind just past its period and one just inside it."""
    old = add_case(
        details={"people_involved": PEOPLE, "witnesses": WITNESS},
        reporter={"email": "alex@example.org", "postcode": "ZZ99 1AA", "address": "2 Example Rd"},
        equality={"age_band": "25_34"},
    )
    recent = add_case()
    still_open = add_case()
    close_case(session_factory, old, years_before(NOW, 6) - DAY)
    close_case(session_factory, recent, years_before(NOW, 6) + DAY)
    staff_note(session_factory, old, "Called Jo Neighbour on 07700 900789")
    add_outbox(session_factory, "old", NOW - 91 * DAY)
    add_outbox(session_factory, "new", NOW - 89 * DAY)
    add_outbox(session_factory, "waiting", NOW - 200 * DAY, state="pending")
    add_inbound(session_factory, "SMold", NOW - 91 * DAY)
    add_inbound(session_factory, "SMnew", NOW - 89 * DAY)
    add_record(session_factory, "rec-old", "joined", NOW - 31 * DAY)
    add_record(session_factory, "rec-new", "joined", NOW - 29 * DAY)
    add_record(session_factory, "rec-open", "open", NOW - 31 * DAY)
    add_held(session_factory, "held-old", "resolved", NOW - 31 * DAY)
    add_held(session_factory, "held-waiting", "held", NOW - 100 * DAY)
    tracker_store(tracker_url, {"web:old": NOW - 31 * DAY, "sms:new": NOW - 29 * DAY})
    add_sms_options(session_factory, "+447700900123", NOW - 31 * DAY)
    add_sms_options(session_factory, "+447700900124", NOW - 29 * DAY)
    return {"old": old, "recent": recent, "open": still_open}


def _case(session_factory, reference: str) -> Case:
    with transaction(session_factory) as session:
        return session.execute(select(Case).where(Case.reference == reference)).scalar_one()


def test_a_dry_run_counts_what_is_due_and_changes_nothing(
    session_factory, add_case, retention_settings, tracker_url
):
    refs = _world(session_factory, add_case, tracker_url)
    result = run_retention(
        session_factory, retention_settings, now=NOW, actor="cli (ops)", dry_run=True
    )
    assert result.counts == {
        "conversations": 1,
        "sms_options": 1,
        "closed_cases": 1,
        "outbox_messages": 1,
        "inbound_texts": 1,
        "safeguarding_records": 1,
        "held_reports": 1,
    }
    assert result.references == [refs["old"]]
    assert _case(session_factory, refs["old"]).reporter_name == "Alex Example"
    assert senders(tracker_url) == {"web:old", "sms:new"}
    with transaction(session_factory) as session:
        run = session.execute(select(RetentionRun)).scalar_one()
        assert (run.dry_run, run.status, run.actor) == (True, "done", "cli (ops)")
        assert run.counts["closed_cases"] == 1 and run.case_references == [refs["old"]]


def test_a_run_forgets_exactly_what_is_past_its_period_and_is_audited(
    session_factory, add_case, retention_settings, tracker_url
):
    refs = _world(session_factory, add_case, tracker_url)
    result = run_retention(
        session_factory, retention_settings, now=NOW, actor="scheduler", dry_run=False
    )
    assert result.counts["closed_cases"] == 1 and result.references == [refs["old"]]
    # Conversations: the one idle 31 days is gone, the one idle 29 days is kept.
    assert senders(tracker_url) == {"sms:new"}
    with transaction(session_factory) as session:
        outbox = {m.dedupe_key: m for m in session.execute(select(OutboxMessage)).scalars()}
        assert (outbox["old"].body, outbox["old"].to_number) == (REMOVED, None)
        assert outbox["old"].delivery_status == "delivered"  # kept for delivery statistics
        assert outbox["new"].body.startswith("Your case") and outbox["waiting"].body != REMOVED
        inbound = {m.message_sid: m for m in session.execute(select(SmsInbound)).scalars()}
        assert (inbound["SMold"].from_number, inbound["SMold"].media_urls) == ("", None)
        assert inbound["SMnew"].from_number == "+447700900123"
        records = {r.record_id: r for r in session.execute(select(SafeguardingRecord)).scalars()}
        assert records["rec-old"].words is None and records["rec-old"].contact is None
        assert records["rec-new"].words and records["rec-open"].words
        options = session.execute(select(SmsConversation.phone)).scalars().all()
        assert options == ["+447700900124"]
        held = {h.report_id: h for h in session.execute(select(HeldReport)).scalars()}
        assert held["held-old"].payload is None and held["held-waiting"].payload
        run = session.execute(select(RetentionRun)).scalar_one()
        assert run.case_references == [refs["old"]] and run.counts["conversations"] == 1
        # The audit never holds the data itself.
        audit_text = repr((run.counts, run.case_references, run.periods))
        assert "07700" not in audit_text and "Alex" not in audit_text
    # Nothing twice: a second run finds nothing left to do.
    again = run_retention(session_factory, retention_settings, now=NOW, actor="x", dry_run=False)
    assert set(again.counts.values()) == {0}


def test_an_anonymised_case_keeps_only_what_statistics_need(
    session_factory, add_case, retention_settings, tracker_url
):
    refs = _world(session_factory, add_case, tracker_url)
    before = _case(session_factory, refs["old"])
    run_retention(session_factory, retention_settings, now=NOW, actor="scheduler", dry_run=False)
    case = _case(session_factory, refs["old"])
    # Kept for statistics.
    kept = ("reference", "category", "owner_team", "status", "risk_band", "received_at")
    assert [getattr(case, n) for n in kept] == [getattr(before, n) for n in kept]
    assert case.closed_at == before.closed_at and case.triage_due == before.triage_due
    # Gone: who they are, how to reach them, what anyone said.
    assert case.description == REMOVED and case.location == REMOVED
    assert case.closure_reason == REMOVED and case.happened_when == REMOVED
    assert (case.reporter_name, case.reporter_phone, case.reporter_email) == (REMOVED, None, None)
    assert case.equality is None and case.communication_needs is None
    assert case.details["people_involved"] == case.details["witnesses"] == REMOVED
    assert "reporter_postcode" not in case.details and "reporter_address" not in case.details
    assert case.details["anonymised"]["why"] == "retention policy"
    with transaction(session_factory) as session:
        summaries = session.execute(
            select(CaseEvent.summary).where(CaseEvent.case_id == case.id)
        ).scalars()
        assert set(summaries) == {REMOVED}
    # The case closed 6 years ago less a day, and the open one, are untouched.
    assert _case(session_factory, refs["recent"]).reporter_name == "Alex Example"
    assert _case(session_factory, refs["open"]).description != REMOVED


def test_no_conversation_store_yet_is_nothing_to_delete(session_factory, settings, tmp_path):
    from dataclasses import replace

    missing = replace(settings, tracker_store_url=f"sqlite:///{tmp_path / 'none.sqlite3'}")
    result = run_retention(session_factory, missing, now=NOW, actor="cli", dry_run=False)
    assert result.counts["conversations"] == 0
    assert not (tmp_path / "none.sqlite3").exists()  # not created by looking
