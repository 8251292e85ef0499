"""`asb create-user` and `asb demo-data`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

from sqlalchemy import func, select

from backend.cases.models import Case
from backend.db import transaction
from backend.sms_inbound.models import SurveyResponse
from backend.sms_outbound.models import OutboxMessage
from backend.staff.models import StaffUser
from ops import cli
from ops.demo_data import load_demo_data


def test_an_account_made_in_its_own_process_is_hashed_at_full_strength(settings, session_factory):
    """The test processes hash at argon2's cheapest settings (tests/conftest.py); `asb
    create-user` in a process of its own stores argon2id at 64 MiB, 3 passes and 4 lanes."""
    environment = dict(
        os.environ, DATABASE_URL=settings.database_url, ASB_NEW_USER_PASSWORD="a long enough one"
    )
    command = [sys.executable, "-m", "ops.cli", "create-user", "dee.manager", "--role", "manager"]
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with transaction(session_factory) as session:
        stored = session.execute(select(StaffUser.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_create_user_with_role_and_team(settings, session_factory, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ASB_NEW_USER_PASSWORD", "a long enough password")
    parser = cli.build_parser()
    args = parser.parse_args(["create-user", "cat.chm", "--role", "officer", "--team", "CHM"])
    assert args.func(args) == 0
    assert "officer account 'cat.chm' in team CHM created" in capsys.readouterr().out
    with transaction(session_factory) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert (user.role, user.team) == ("officer", "CHM")
        assert user.password_hash.startswith("$argon2id$")
    # An officer needs a team; a duplicate name is refused.
    assert cli.cmd_create_user(Namespace(username="x.y", role="officer", team=None, name="")) == 2
    args = parser.parse_args(["create-user", "cat.chm", "--role", "manager"])
    assert args.func(args) == 1


def test_demo_data_is_fictional_and_never_texts_anyone(settings, session_factory, make_report):
    added = load_demo_data(settings, cases=40, days=60, seed=7)
    assert added == 40
    with transaction(session_factory) as session:
        phones = session.execute(select(Case.reporter_phone)).scalars().all()
        assert all(re.fullmatch(r"\+447700900\d{3}", p) for p in phones)
        statuses = set(session.execute(select(Case.status)).scalars())
        assert {"new", "closed"} <= statuses
        # The newest reports wait for triage whatever the hour the demo is loaded at.
        newest = session.execute(
            select(Case.status).order_by(Case.received_at.desc()).limit(40 // 25)
        ).scalars()
        assert set(newest) == {"new"}
        pending = session.execute(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.state != "sent")
        ).scalar_one()
        assert pending == 0
        locations = session.execute(select(Case.location)).scalars().all()
        assert all(loc is None or "ZZ99" in loc for loc in locations)
        surveyed = session.execute(
            select(func.count(func.distinct(SurveyResponse.case_id)))
        ).scalar_one()
        assert surveyed >= 1  # some closed cases answered the survey


def test_demo_data_refuses_a_database_with_real_cases(settings, session_factory, make_report):
    from backend.intake.contract import parse_report
    from backend.intake.service import create_case_from_report
    from core.workdays import WorkingCalendar

    report = parse_report(make_report())
    with transaction(session_factory) as session:
        create_case_from_report(session, report, WorkingCalendar(), report.received_at)
    import pytest

    with pytest.raises(RuntimeError, match="real case"):
        load_demo_data(settings, cases=5, days=10)


def test_account_changes_are_audited_without_password_hashes(settings, session_factory):
    from backend.staff.models import StaffAudit
    from backend.staff.service import create_user, set_password

    with transaction(session_factory) as session:
        create_user(session, "cat.chm", "a long enough password", "officer", team="CHM")
        set_password(session, "cat.chm", "another long password", actor="mia.manager")
    with transaction(session_factory) as session:
        rows = session.execute(select(StaffAudit).order_by(StaffAudit.id)).scalars().all()
        assert [(r.actor, r.action, r.username) for r in rows] == [
            ("cli", "user_created", "cat.chm"),
            ("mia.manager", "password_changed", "cat.chm"),
        ]
        assert rows[0].data["after"]["role"] == "officer"
        assert rows[0].data["after"]["team"] == "CHM"
        assert "argon2" not in str(rows[0].data) and "password" not in str(rows[0].data)
