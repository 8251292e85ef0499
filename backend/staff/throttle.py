"""Login throttling for the staff pages: per account and per client address, kept in the
database so every backend instance sees the same counts.

Each account name typed and each client address has a row (`LoginThrottle`, keyed by a keyed
hash). A failed login counts against both. At ACCOUNT_FAILURES failures for an account (or
ADDRESS_FAILURES for an address: an office behind one address has many staff) the row is
locked for FIRST_LOCK; once locked, every further failure locks it again for twice as long as
the lock before (1, 2, 4, 8 minutes), at most LONGEST_LOCK. A row is forgotten after QUIET
with no failure and no lock. While a row is locked, every login through it is refused without
checking the password, the right one too. A successful login clears the account's row (not the
address's). The caller holds both rows locked (SELECT ... FOR UPDATE) from before the password
check to the commit, so parallel guesses are counted one after another, never all at once.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.staff.models import LoginThrottle

ACCOUNT_FAILURES = 5
ADDRESS_FAILURES = 20
QUIET = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(days=1)  # rows untouched this long are deleted (none is locked)
THRESHOLDS = {"account": ACCOUNT_FAILURES, "address": ADDRESS_FAILURES}
_DEFAULT_KEY = b"asb-staff-login-throttle"


@dataclass(frozen=True)
class Lock:
    """A lock a failed login has just started: on the account or the address, until when."""

    scope: str
    until: datetime
    minutes: int


def throttle_key(scope: str, value: str, secret: str) -> str:
    """The row key for an account name or an address (HMAC-SHA256, hex)."""
    message = f"{scope}:{value}".encode("utf-8", "replace")
    return hmac.new(secret.encode() or _DEFAULT_KEY, message, hashlib.sha256).hexdigest()


def _insert_ignore(session: Session, rows: list[dict[str, object]]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(LoginThrottle.__table__).values(rows).on_conflict_do_nothing()
    session.execute(statement)


def _forget_if_quiet(row: LoginThrottle, now: datetime) -> None:
    moments = [m for m in (row.last_failure_at, row.locked_until) if m is not None]
    if moments and now >= max(moments) + QUIET:
        row.failures, row.locks, row.locked_until, row.last_failure_at = 0, 0, None, None


class LoginGate:
    """The account's and the address's rows for one login attempt, locked for its transaction."""

    def __init__(self, session: Session, rows: dict[str, LoginThrottle]) -> None:
        self.session = session
        self.rows = rows  # by scope

    @classmethod
    def open(
        cls, session: Session, *, username: str, address: str, secret: str, now: datetime
    ) -> LoginGate:
        """Make sure both rows exist, then lock them (in key order: no deadlocks)."""
        keys = {
            "account": throttle_key("account", username.strip().lower(), secret),
            "address": throttle_key("address", address, secret),
        }
        session.execute(delete(LoginThrottle).where(LoginThrottle.updated_at < now - FORGET_AFTER))
        new = [
            {"key": key, "scope": scope, "failures": 0, "locks": 0, "updated_at": now}
            for scope, key in sorted(keys.items(), key=lambda item: item[1])
        ]
        _insert_ignore(session, new)
        query = (
            select(LoginThrottle)
            .where(LoginThrottle.key.in_(keys.values()))
            .order_by(LoginThrottle.key)
            .with_for_update()
        )
        found = {row.key: row for row in session.execute(query).scalars()}
        rows = {scope: found[key] for scope, key in keys.items()}
        for row in rows.values():
            _forget_if_quiet(row, now)
        return cls(session, rows)

    def wait(self, now: datetime) -> timedelta | None:
        """How long until a login may be tried again, or None when it may be tried now."""
        waits = [r.locked_until - now for r in self.rows.values() if r.locked_until]
        longest = max(waits, default=timedelta(0))
        return longest if longest > timedelta(0) else None

    def failed(self, now: datetime) -> list[Lock]:
        """Count a failed login against the account and the address; the locks it started."""
        started: list[Lock] = []
        for scope, row in self.rows.items():
            row.failures += 1
            row.last_failure_at = row.updated_at = now
            if row.locks or row.failures >= THRESHOLDS[scope]:
                length = min(FIRST_LOCK * 2 ** min(row.locks, 8), LONGEST_LOCK)
                row.locked_until = now + length
                row.locks += 1
                row.failures = 0
                started.append(Lock(scope, row.locked_until, minutes_to_wait(length)))
        return started

    def succeeded(self, now: datetime) -> None:
        """A successful login clears the account's count (the address keeps its count)."""
        account = self.rows["account"]
        account.failures, account.locks, account.locked_until = 0, 0, None
        account.last_failure_at = None
        account.updated_at = now


def minutes_to_wait(wait: timedelta) -> int:
    """Whole minutes, rounded up (a lock with 10 seconds left is "1 minute")."""
    return max(1, math.ceil(wait.total_seconds() / 60))


def too_many_attempts_message(wait: timedelta) -> str:
    minutes = minutes_to_wait(wait)
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many attempts. Try again in {minutes} {unit}."
