"""Staff pages with 100,000 cases in PostgreSQL: the triage queue and the dashboard.

Usage: .venv/bin/python bench/staff_pages.py [--cases 100000] [--requests 50]
       [--postgres-url postgresql://postgres@127.0.0.1:5432/postgres] [--keep]

Creates a uniquely named PostgreSQL database, migrates it, fills it with fictional cases spread
over three years (realistic mix of statuses, categories, routes and flags; an acknowledgement
text per case and survey answers for some closed cases) by bulk insert (SQLAlchemy core
executemany), starts the backend as a real process (`python -m ops.cli backend`) on a free port,
logs in as a manager and times GET /staff (queue), GET /staff/dashboard (default: the last four
weeks) and the dashboard over a whole year, one request at a time over loopback HTTP, after a
few warm-up requests. Prints p50/p95/max per page and drops the database afterwards (unless
--keep). Needs nothing but PostgreSQL and the project's environment.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from backend.cases.models import Case  # noqa: E402
from backend.db import make_engine, make_session_factory, transaction  # noqa: E402
from backend.migrate import upgrade  # noqa: E402
from backend.sms_inbound.models import SurveyResponse  # noqa: E402
from backend.sms_outbound.models import OutboxMessage  # noqa: E402
from backend.sms_outbound.survey_questions import SURVEY  # noqa: E402
from backend.staff.service import create_user  # noqa: E402
from core.workdays import WorkingCalendar  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
USERNAME, PASSWORD = "bench.manager", "benchmark password 2026"
BATCH = 5000
# category -> (weight, owner team, route)
CATEGORY_MIX = {
    "noise": (30, "CHM", "asb"),
    "groups_communal": (10, "CHM", "asb"),
    "vandalism": (8, "CHM", "asb"),
    "pets_animals": (6, "CHM", "asb"),
    "vehicle_nuisance": (5, "CHM", "asb"),
    "environmental": (6, "CHM", "asb"),
    "drugs_alcohol": (8, "TEM", "asb"),
    "drug_dealing": (4, "TEM", "asb"),
    "harassment": (8, "TEM", "asb"),
    "violence": (3, "TEM", "asb"),
    "hate": (3, "TEM", "hate"),
    "domestic_abuse": (3, "TEM", "domestic_abuse"),
    "other_asb": (4, "CHM", "asb"),
    None: (2, "CHM", "asb_unspecified"),
}
REASONS = ("Resolved", "No further incidents reported", "Resident did not respond")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CaseMaker:
    """Fictional case rows (dicts for Case.__table__) and their acknowledgement texts."""

    def __init__(self, calendar: WorkingCalendar, now: datetime, days: int, seed: int) -> None:
        self.calendar, self.now, self.days = calendar, now, days
        self.rng = random.Random(seed)
        self.categories = list(CATEGORY_MIX)
        self.weights = [CATEGORY_MIX[c][0] for c in self.categories]

    @cache  # noqa: B019 - one instance per run
    def _queue_date(self, day: date, hour: int) -> date:
        return self.calendar.queue_date(
            datetime(day.year, day.month, day.day, hour, 30, tzinfo=timezone.utc)
        )

    @cache  # noqa: B019
    def _due(self, queue_day: date, priority: int) -> date:
        return self.calendar.due_date(queue_day, priority)

    def _status(self, age: timedelta) -> str:
        r = self.rng.random()
        if age < timedelta(days=2):
            return "new" if r < 0.9 else "triaged"
        if age < timedelta(days=10):
            return "new" if r < 0.1 else ("triaged" if r < 0.5 else "in_progress")
        if age < timedelta(weeks=12):
            return ("in_progress", "awaiting_resident", "closed")[
                0 if r < 0.35 else 1 if r < 0.45 else 2
            ]
        return "closed" if r < 0.985 else "in_progress"

    def _received_at(self) -> datetime:
        """When a report came in: more in the evening and at weekends, as in the pilot data."""
        rng = self.rng
        received = self.now - timedelta(days=rng.random() ** 1.1 * self.days)
        hour = rng.choices(
            range(24),
            weights=[3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 9, 9, 8, 6, 4],
        )[0]
        received = received.replace(hour=hour, minute=rng.randrange(60), microsecond=0)
        return min(received, self.now - timedelta(minutes=5))

    def _classification(self) -> tuple[str | None, str, str, str, int]:
        """Category, owner team, route, risk band and triage priority (working days)."""
        rng = self.rng
        category = rng.choices(self.categories, self.weights)[0]
        _, team, route = CATEGORY_MIX[category]
        band = rng.choices(("LOW", "MEDIUM", "HIGH"), weights=(60, 30, 10))[0]
        hate, da = category == "hate", category == "domestic_abuse"
        priority = (
            1
            if band == "HIGH" or hate or da or team == "TEM" and rng.random() < 0.3
            else (3 if band == "MEDIUM" else 5)
        )
        return category, team, route, band, priority

    def _progress(
        self, received: datetime, queue_day: date, due: date
    ) -> tuple[str, datetime | None, datetime | None]:
        """Status, when triaged (12% late) and when closed, by the case's age."""
        rng = self.rng
        status = self._status(self.now - received)
        triaged = closed = None
        if status != "new":
            late = rng.random() < 0.12
            triaged = datetime.combine(
                self._due(due, 1) if late else queue_day, datetime.min.time(), tzinfo=timezone.utc
            ) + timedelta(hours=10)
            triaged = min(max(triaged, received + timedelta(minutes=30)), self.now)
        if status == "closed":
            closed = min(received + timedelta(days=rng.randint(7, 70)), self.now)
        return status, triaged, closed

    def _varied_columns(self, phone: str | None, closed: datetime | None) -> dict[str, Any]:
        """The columns drawn at random for every case (in this order, so a seed repeats rows)."""
        rng = self.rng
        return {
            "channel": rng.choice(("web", "web", "sms")),
            "is_asb": rng.random() > 0.12,
            "happened_when": None if rng.random() < 0.05 else "last night",
            "happening_now": None if rng.random() < 0.1 else False,
            "frequency": None
            if rng.random() < 0.08
            else rng.choice(("daily", "most_days", "most_weeks")),
            "safe_to_text": phone is not None and rng.random() > 0.05,
            "anonymous": rng.random() < 0.08,
            "urgent": rng.random() < 0.01,
            "safeguarding": rng.random() < 0.02,
            "vulnerable": rng.random() < 0.08,
            "closure_reason": rng.choice(REASONS) if closed else None,
        }

    def row(self, case_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """One fictional case (columns of Case.__table__) and its acknowledgement text."""
        rng = self.rng
        received = self._received_at()
        category, team, route, band, priority = self._classification()
        queue_day = self._queue_date(received.date(), received.hour)
        due = self._due(queue_day, priority)
        status, triaged, closed = self._progress(received, queue_day, due)
        phone = None if rng.random() < 0.07 else f"+447700900{rng.randrange(1000):03d}"
        flat, street = case_id % 40 + 1, case_id % 300 + 1
        case = {
            "id": case_id,
            "reference": f"ASB-{received.year}-{case_id:06d}",
            "report_id": f"bench-{case_id}",
            "language": "en",
            "status": status,
            "route": route,
            "category": category,
            "owner_team": team,
            "assigned_to": None,
            "description": "Fictional benchmark report",
            "location": f"Flat {flat}, {street} Example Road, ZZ99 {case_id % 9}AB",
            "location_key": f"flat {flat} {street} example road zz99 {case_id % 9}ab",
            "reporter_name": "Fictional Resident",
            "reporter_phone": phone,
            "consent_to_contact": phone is not None,
            "domestic_abuse": category == "domestic_abuse",
            "hate": category == "hate",
            "ram_answers": {},
            "risk_score": {"LOW": 5, "MEDIUM": 14, "HIGH": 26}[band],
            "risk_band": band,
            "triage_priority_days": priority,
            "received_at": received,
            "queue_date": queue_day,
            "triage_due": due,
            "triaged_at": triaged,
            "closed_at": closed,
            "promised_date": None,
            "action_plan": None,
            "ram_confirmed_at": None,
            "ram_confirmed_by": None,
            "details": {},
            "created_at": received,
            "updated_at": closed or triaged or received,
            **self._varied_columns(phone, closed),
        }
        return case, acknowledgement(case)

    def survey(self, case: dict[str, Any]) -> list[dict[str, Any]]:
        if case["status"] != "closed" or self.rng.random() > 0.2:
            return []
        answered = case["closed_at"] + timedelta(hours=2)
        return [
            {
                "case_id": case["id"],
                "question": q.key,
                "position": n,
                "score": self.rng.choice((0, 1, 1, 1))
                if q.kind == "yes_no"
                else self.rng.randint(1, 5),
                "answer": "ok",
                "message_sid": None,
                "answered_at": answered,
            }
            for n, q in enumerate(SURVEY, start=1)
        ]


def acknowledgement(case: dict[str, Any]) -> dict[str, Any]:
    """The acknowledgement text sent a minute after the case came in (an outbox row)."""
    received = case["received_at"]
    return {
        "case_id": case["id"],
        "dedupe_key": f"ack:{case['id']}",
        "kind": "ack",
        "to_number": case["reporter_phone"] or "+447700900000",
        "body": f"Example Homes: thank you, your reference is {case['reference']}.",
        "urgent": case["triage_priority_days"] == 1,
        "state": "sent",
        "attempts": 1,
        "next_attempt_at": received,
        "claimed_at": received,
        "twilio_sid": f"SM{case['id']:032d}",
        "delivery_status": "delivered",
        "error_code": None,
        "last_error": None,
        "created_at": received,
        "sent_at": received + timedelta(minutes=1),
        "updated_at": received + timedelta(minutes=1),
    }


def fill(url: str, cases: int, days: int, now: datetime) -> float:
    """Bulk-insert `cases` fictional cases; return the seconds it took."""
    started = time.perf_counter()
    engine = make_engine(url)
    maker = CaseMaker(WorkingCalendar(), now, days, seed=2026)
    with engine.begin() as connection:
        for first in range(1, cases + 1, BATCH):
            rows = [maker.row(i) for i in range(first, min(first + BATCH, cases + 1))]
            connection.execute(Case.__table__.insert(), [c for c, _ in rows])
            connection.execute(OutboxMessage.__table__.insert(), [a for _, a in rows])
            answers = [a for c, _ in rows for a in maker.survey(c)]
            if answers:
                connection.execute(SurveyResponse.__table__.insert(), answers)
        connection.execute(text("SELECT setval('cases_id_seq', (SELECT max(id) FROM cases))"))
        connection.execute(text("ANALYZE"))
    with transaction(make_session_factory(engine)) as session:
        create_user(session, USERNAME, PASSWORD, "manager", "Bench Manager")
    engine.dispose()
    return time.perf_counter() - started


def start_backend(url: str, var_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASB_", "TWILIO_"))}
    env.update(
        DATABASE_URL=url,
        ASB_VAR_DIR=str(var_dir),
        ASB_BACKEND_PORT=str(port),
        ASB_INGEST_SECRET=secrets.token_urlsafe(24),
        ASB_API_TOKEN=secrets.token_urlsafe(24),
        PYTHONUNBUFFERED="1",
    )
    log = open(var_dir / "backend.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "ops.cli", "backend"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"the backend did not start; see {var_dir / 'backend.log'}")


async def measure(base: str, paths: dict[str, str], requests: int) -> dict[str, list[float]]:
    """Log in, then time each path `requests` times (after 5 warm-up requests)."""
    timings: dict[str, list[float]] = {}
    jar = aiohttp.CookieJar(unsafe=True)  # keep cookies from 127.0.0.1
    async with aiohttp.ClientSession(base, cookie_jar=jar) as client:
        page = await (await client.get("/staff/login")).text()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        form = {"username": USERNAME, "password": PASSWORD, "csrf_token": csrf, "next": "/staff"}
        login = await client.post("/staff/login", data=form, allow_redirects=False)
        assert login.status == 303, f"login failed: {login.status}"
        for name, path in paths.items():
            for _ in range(5):
                await (await client.get(path)).read()
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = await client.get(path)
                body = await response.read()
                times.append((time.perf_counter() - started) * 1000)
                assert response.status == 200 and b"Sign out" in body, f"{path}: {response.status}"
            timings[name] = times
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=3 * 365, help="spread cases over these days")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "ASB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    admin = create_engine(args.postgres_url, isolation_level="AUTOCOMMIT", future=True)
    name = f"asb_bench_{secrets.token_hex(5)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.postgres_url).set(database=name).render_as_string(hide_password=False)
    process = None
    try:
        upgrade(url)
        now = datetime.now(timezone.utc)
        seconds = fill(url, args.cases, args.days, now)
        print(f"filled {name}: {args.cases} cases (+ texts, survey answers) in {seconds:.1f} s")
        with tempfile.TemporaryDirectory() as tmp:
            process, base = start_backend(url, Path(tmp))
            today = now.date()
            year_ago = today - timedelta(days=365)
            paths = {
                "queue  GET /staff": "/staff",
                "dashboard (4 weeks)  GET /staff/dashboard": "/staff/dashboard",
                "dashboard (1 year)": f"/staff/dashboard?from={year_ago}&to={today}",
            }
            timings = asyncio.run(measure(base, paths, args.requests))
            process.terminate()
            process.wait(timeout=15)
            process = None
        print(f"{args.requests} sequential requests each, logged in as a manager, after 5 warm-up:")
        for label, times in timings.items():
            print(
                f"  {label:44s} p50 {statistics.median(times):6.1f} ms   "
                f"p95 {percentile(times, 95):6.1f} ms   max {max(times):6.1f} ms"
            )
        return 0
    finally:
        if process is not None:
            process.terminate()
        if args.keep:
            print(f"kept database {url}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
