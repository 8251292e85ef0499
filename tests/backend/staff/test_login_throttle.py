"""Staff login throttling (backend/staff/throttle.py): per account and per address, with locks
that double, shared by every backend instance, audited without the password, and explained
plainly. All accounts and passwords are fictional."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from backend.db import transaction
from backend.staff.models import LoginThrottle, StaffAudit
from tests.conftest import STAFF_PASSWORD

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
WRONG = "not the password at all"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def client(make_api_client, clock) -> TestClient:
    return await make_api_client(now=clock)


async def attempt(client: TestClient, username: str, password: str) -> tuple[int, str]:
    """Fill in and send the login form: (HTTP status, the page's error or "")."""
    client.session.cookie_jar.clear()
    page = await (await client.get("/staff/login")).text()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = await client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf_token": token},
        allow_redirects=False,
    )
    text = await response.text()
    for message in ("Too many attempts[^<]*", "That username and password do not match."):
        if found := re.search(message, text):
            return response.status, found.group(0)
    return response.status, ""


def audit_rows(session_factory) -> list[StaffAudit]:
    with transaction(session_factory) as session:
        query = select(StaffAudit).where(StaffAudit.action.like("login%"))
        return list(session.execute(query.order_by(StaffAudit.id)).scalars())


async def test_five_wrong_passwords_lock_the_account_and_the_right_one_waits(
    client, clock, make_staff
):
    make_staff("ann.agent", "agent")
    for _ in range(4):
        assert await attempt(client, "ann.agent", WRONG) == (
            401,
            "That username and password do not match.",
        )
    assert await attempt(client, "ann.agent", WRONG) == (
        429,
        "Too many attempts. Try again in 1 minute.",
    )
    # The right password is refused too while the lock lasts.
    assert await attempt(client, "ann.agent", STAFF_PASSWORD) == (
        429,
        "Too many attempts. Try again in 1 minute.",
    )
    clock.advance(seconds=61)
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 303


async def test_each_lock_after_the_first_doubles_up_to_fifteen_minutes(client, clock, make_staff):
    make_staff("ann.agent", "agent")
    for _ in range(5):
        await attempt(client, "ann.agent", WRONG)
    waits = []
    for minutes in (1, 2, 4, 8, 15, 15):
        clock.advance(minutes=minutes, seconds=1)  # the lock is over: one more wrong guess
        status, message = await attempt(client, "ann.agent", WRONG)
        assert status == 429
        waits.append(message)
    assert waits == [f"Too many attempts. Try again in {n} minutes." for n in (2, 4, 8, 15, 15, 15)]


async def test_the_wait_told_counts_down(client, clock, make_staff):
    make_staff("ann.agent", "agent")
    for _ in range(5):
        await attempt(client, "ann.agent", WRONG)
    clock.advance(minutes=1, seconds=1)
    await attempt(client, "ann.agent", WRONG)  # locked for 2 minutes
    clock.advance(seconds=30)
    assert await attempt(client, "ann.agent", STAFF_PASSWORD) == (
        429,
        "Too many attempts. Try again in 2 minutes.",
    )
    clock.advance(seconds=45)
    page = await attempt(client, "ann.agent", STAFF_PASSWORD)
    assert page == (429, "Too many attempts. Try again in 1 minute.")


async def test_a_successful_login_clears_the_accounts_count(client, make_staff):
    make_staff("ann.agent", "agent")
    for _ in range(4):
        await attempt(client, "ann.agent", WRONG)
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 303
    for _ in range(4):
        assert (await attempt(client, "ann.agent", WRONG))[0] == 401
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 303


async def test_failures_are_forgotten_after_fifteen_quiet_minutes(client, clock, make_staff):
    make_staff("ann.agent", "agent")
    for _ in range(4):
        await attempt(client, "ann.agent", WRONG)
    clock.advance(minutes=15)
    for _ in range(4):
        assert (await attempt(client, "ann.agent", WRONG))[0] == 401
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 303


async def test_guessing_many_accounts_from_one_address_locks_the_address(client, clock, make_staff):
    make_staff("ann.agent", "agent")
    for number in range(19):
        assert (await attempt(client, f"guess{number}", WRONG))[0] == 401
    assert await attempt(client, "guess19", WRONG) == (
        429,
        "Too many attempts. Try again in 1 minute.",
    )
    # Every account is refused from that address while it is locked, the right password too.
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 429
    clock.advance(minutes=1, seconds=1)
    assert (await attempt(client, "ann.agent", STAFF_PASSWORD))[0] == 303


async def test_every_backend_instance_shares_the_count(make_api_client, clock, make_staff):
    make_staff("ann.agent", "agent")
    first, second = await make_api_client(now=clock), await make_api_client(now=clock)
    for client in (first, second, first, second):
        assert (await attempt(client, "ann.agent", WRONG))[0] == 401
    assert (await attempt(second, "ann.agent", WRONG))[0] == 429
    assert (await attempt(first, "ann.agent", STAFF_PASSWORD))[0] == 429


async def test_logins_are_audited_without_passwords_or_unknown_names(
    client, clock, make_staff, session_factory
):
    make_staff("ann.agent", "agent")
    for _ in range(5):
        await attempt(client, "ann.agent", WRONG)
    await attempt(client, "correct horse battery", WRONG)  # a password typed as a username
    clock.advance(minutes=2)
    await attempt(client, "ann.agent", STAFF_PASSWORD)
    rows = audit_rows(session_factory)
    assert [(r.action, r.username) for r in rows] == [
        *[("login_failed", "ann.agent")] * 5,
        ("login_locked", "ann.agent"),
        ("login_failed", "(no such account)"),
        ("login_succeeded", "ann.agent"),
    ]
    assert {r.data["address"] for r in rows} == {"127.0.0.1"}
    locked = rows[5]
    assert locked.at == START and locked.data["scope"] == "account"
    assert locked.data["until"] == (START + timedelta(minutes=1)).isoformat()
    written = json.dumps([[r.actor, r.username, r.data] for r in rows])
    assert WRONG not in written and STAFF_PASSWORD not in written
    assert "correct horse battery" not in written
    with transaction(session_factory) as session:
        kept = json.dumps(
            [[t.key, t.scope] for t in session.execute(select(LoginThrottle)).scalars()]
        )
    assert "ann.agent" not in kept and "127.0.0.1" not in kept and "correct horse" not in kept
