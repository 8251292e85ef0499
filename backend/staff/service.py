"""Staff accounts and login sessions.

Passwords are stored as argon2id hashes. A login session is a random token in an HttpOnly
cookie; only its SHA-256 is stored, so a copy of the database cannot be used to log in. Each
session has its own CSRF token, which every form POST must send back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.cases.models import TEAMS
from backend.db import utcnow
from backend.staff.models import ROLES, StaffAudit, StaffSession, StaffUser

MIN_PASSWORD_LENGTH = 10
SESSION_LIFETIME = timedelta(hours=12)
SESSION_COOKIE = "asb_staff"
UNKNOWN_ACCOUNT = "(no such account)"  # the audit's name for a login to an unknown account
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")

# argon2id as RFC 9106 recommends where memory is limited (64 MiB, 3 passes, 4 lanes; argon2-cffi's
# default): about 0.15 s a hash or check.
PASSWORD_HASHING: Parameters = profiles.RFC_9106_LOW_MEMORY
_hasher = PasswordHasher.from_parameters(PASSWORD_HASHING)
# Verified against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class StaffError(ValueError):
    """A staff account could not be created or changed; the message says why."""


class DuplicateUserError(StaffError):
    pass


class WeakPasswordError(StaffError):
    pass


@dataclass(frozen=True)
class StaffIdentity:
    """Who is logged in (safe to pass around after the database session closes)."""

    user_id: int
    username: str
    display_name: str
    role: str
    team: str | None
    session_id: int
    csrf_token: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    team: str | None = None,
    *,
    actor: str = "cli",
) -> StaffUser:
    """Add a staff account (audited as done by `actor`); StaffError (DuplicateUserError,
    WeakPasswordError) when not allowed."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise StaffError(
            "username must be 2 to 80 lower-case letters, digits, dots, dashes or underscores"
        )
    if role not in ROLES:
        raise StaffError(f"role must be one of: {', '.join(ROLES)}")
    if team is not None and team not in TEAMS:
        raise StaffError(f"team must be one of: {', '.join(TEAMS)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if password.strip().lower() == username:
        raise WeakPasswordError("password must not be the username")
    exists = session.execute(
        select(func.count(StaffUser.id)).where(StaffUser.username == username)
    ).scalar_one()
    if exists:
        raise DuplicateUserError(f"a staff user called {username!r} already exists")
    user = StaffUser(
        username=username,
        display_name=display_name.strip() or username,
        password_hash=_hasher.hash(password),
        role=role,
        team=team,
        active=True,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:  # created by someone else at the same moment
        raise DuplicateUserError(f"a staff user called {username!r} already exists") from exc
    after = {"role": role, "team": team, "display_name": user.display_name, "active": True}
    _audit(session, actor, "user_created", username, before={}, after=after)
    return user


def _audit(
    session: Session,
    actor: str,
    action: str,
    username: str,
    before: dict[str, object],
    after: dict[str, object],
) -> None:
    session.add(
        StaffAudit(
            at=utcnow(),
            actor=actor,
            action=action,
            username=username,
            data={"before": before, "after": after},
        )
    )


def set_password(session: Session, username: str, password: str, *, actor: str = "cli") -> None:
    """Replace a user's password (same strength rules as create_user); audited, and every
    session of that user ends."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    user = _user_by_name(session, username)
    if user is None:
        raise StaffError(f"no staff user called {username!r}")
    user.password_hash = _hasher.hash(password)
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    _audit(session, actor, "password_changed", user.username, before={}, after={})


def _user_by_name(session: Session, username: str) -> StaffUser | None:
    query = select(StaffUser).where(StaffUser.username == username.strip().lower())
    return session.execute(query).scalar_one_or_none()


def account_name(session: Session, username: str) -> str | None:
    """The account called `username` (active or not), as stored; None when there is none."""
    user = _user_by_name(session, username) if username.strip() else None
    return user.username if user is not None else None


def audit_login(
    session: Session,
    action: str,
    username: str | None,
    address: str,
    now: datetime,
    **details: object,
) -> None:
    """A login event for the audit: who (an account's name, never what was typed for an
    unknown one: it may be a password), when, from which address; never the password."""
    session.add(
        StaffAudit(
            at=now,
            actor="login form",
            action=action,
            username=username or UNKNOWN_ACCOUNT,
            data={"address": address, **details},
        )
    )


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this username and password, else None."""
    user = _user_by_name(session, username) if username else None
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def create_session(session: Session, user: StaffUser, now: datetime) -> tuple[str, StaffSession]:
    """Start a login session; return (cookie token, row). The token is not stored."""
    token = secrets.token_urlsafe(32)
    row = StaffSession(
        token_hash=hash_token(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return token, row


def identity_for_token(session: Session, token: str | None, now: datetime) -> StaffIdentity | None:
    """Who the cookie token belongs to, if the session is current and the user active."""
    if not token:
        return None
    query = (
        select(StaffSession, StaffUser)
        .join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.token_hash == hash_token(token))
    )
    row = session.execute(query).one_or_none()
    if row is None:
        return None
    staff_session, user = row
    if staff_session.expires_at <= now or not user.active:
        return None
    return StaffIdentity(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        team=user.team,
        session_id=staff_session.id,
        csrf_token=staff_session.csrf_token,
    )


def expire_session(session: Session, token: str | None) -> None:
    """Log out: delete the session the token belongs to."""
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == hash_token(token)))


def purge_expired_sessions(session: Session, now: datetime) -> int:
    """Delete sessions past their expiry; return how many."""
    result = session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    return result.rowcount or 0


def csrf_ok(identity: StaffIdentity, submitted: str | None) -> bool:
    """Does the form's CSRF token match the session's?"""
    if not submitted:
        return False
    return hmac.compare_digest(identity.csrf_token.encode(), submitted.encode())


def list_officers(session: Session, team: str | None = None) -> list[dict[str, str | None]]:
    """Active officers (of `team`, if given) to assign cases to, by name."""
    query = select(StaffUser).where(StaffUser.active.is_(True), StaffUser.role == "officer")
    if team:
        query = query.where(StaffUser.team == team)
    return [
        {"username": u.username, "display_name": u.display_name, "team": u.team}
        for u in session.execute(query.order_by(StaffUser.display_name)).scalars()
    ]


def officer_team(session: Session, username: str) -> str | None:
    """The team of the active officer called `username`; StaffError if there is none."""
    user = _user_by_name(session, username)
    if user is None or not user.active or user.role != "officer":
        raise StaffError(f"there is no active officer called {username!r}")
    return user.team
