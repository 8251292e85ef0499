"""`bin/asb retention [--dry-run]`: says what is (or would be) purged, kind by kind, and records
the run. Fictional data."""

from __future__ import annotations

from sqlalchemy import select

from backend.cases.models import Case
from backend.db import transaction
from backend.retention.models import REMOVED, RetentionRun
from backend.retention.purge import years_before
from ops import cli
from tests.backend.case_helpers import MONDAY, create
from tests.backend.retention.helpers import (
    DAY,
    NOW,
    add_outbox,
    close_case,
    drop_tracker,
    senders,
    tracker_store,
)


def test_retention_dry_run_then_for_real(
    settings, session_factory, make_report, monkeypatch, capsys, tmp_path
):
    tracker = tmp_path / "tracker.sqlite3"
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    # Rasa's conversations in a SQLite file here, whatever the database (with PostgreSQL they
    # would be in the same database by default: core/settings.py).
    monkeypatch.setenv("ASB_TRACKER_STORE_URL", f"sqlite:///{tracker}")
    old = create(session_factory, make_report(), MONDAY)[0].reference
    close_case(session_factory, old, years_before(NOW, 7))  # long past 6 years
    add_outbox(session_factory, "old", NOW - 400 * DAY)
    tracker_store(f"sqlite:///{tracker}", {"web:quiet": NOW - 90 * DAY})
    parser = cli.build_parser()

    args = parser.parse_args(["retention", "--dry-run"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "dry run: nothing changed" in out
    assert "Closed cases anonymised: 1" in out and "Assistant conversations deleted: 1" in out
    assert f"cases that would be anonymised: {old}" in out
    assert senders(f"sqlite:///{tracker}") == {"web:quiet"}

    args = parser.parse_args(["retention"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "Texts and emails sent: words and address cleared: 1" in out
    assert f"cases that were anonymised: {old}" in out
    assert "Alex Example" not in out and "+447700900123" not in out
    assert senders(f"sqlite:///{tracker}") == set()
    with transaction(session_factory) as session:
        assert session.execute(select(Case.description)).scalar_one() == REMOVED
        runs = session.execute(select(RetentionRun).order_by(RetentionRun.id)).scalars().all()
        assert [(r.dry_run, r.status) for r in runs] == [(True, "done"), (False, "done")]
        assert runs[1].actor.startswith("cli")
    drop_tracker(f"sqlite:///{tracker}")
