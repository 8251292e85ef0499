"""Partner keys: made, listed, rotated and revoked by admins (staff pages and `bin/asb
partner-key`), checked on every partner API call, and the audit of those calls.

A key is `asbp_` and 40 random URL-safe characters (240 bits). Only HMAC-SHA256 of it, keyed by
the server secret ASB_INGEST_SECRET (as case PINs are), is stored: the key is answered once,
when it is made or rotated, and can never be shown again. Rotating makes a new key with the same
partner and scopes and revokes the old one at once. Every function works in the caller's
transaction and never commits.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.partners.models import PARTNER_KINDS, SCOPES, PartnerApiCall, PartnerKey

log = logging.getLogger(__name__)

KEY_PREFIX = "asbp_"
PREFIX_SHOWN = 12  # "asbp_" and 7 characters: enough to tell keys apart, useless to guess
MAX_PARTNER_NAME = 120
MAX_KEY_LENGTH = 200  # anything longer is not one of our keys (never hashed)


class PartnerKeyError(ValueError):
    """A key that cannot be made, rotated or revoked; the message says why, in plain words."""


@dataclass(frozen=True)
class IssuedKey:
    """A key just made: `key` is shown once and never stored."""

    key_id: int
    partner: str
    scopes: tuple[str, ...]
    key: str
    key_prefix: str


@dataclass(frozen=True)
class PartnerCaller:
    """Who is calling the partner API, from a valid key."""

    key_id: int
    partner: str
    kind: str
    scopes: frozenset[str]

    def may(self, scope: str) -> bool:
        return scope in self.scopes


def hash_key(key: str, secret: str) -> str:
    """HMAC-SHA256 of a partner key keyed by the server secret (a prefix keeps it apart from
    the PIN and code hashes made with the same secret)."""
    return hmac.new(
        secret.encode() or b"-", f"partner-key:{key}".encode(), hashlib.sha256
    ).hexdigest()


def clean_scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    """The scopes asked for, in SCOPES order; PartnerKeyError for none or an unknown one."""
    asked = {str(scope).strip().lower() for scope in scopes if str(scope).strip()}
    unknown = sorted(asked - set(SCOPES))
    if unknown:
        raise PartnerKeyError(f"Unknown scope {', '.join(unknown)}: use {' and/or '.join(SCOPES)}.")
    if not asked:
        raise PartnerKeyError("Choose at least one scope: read, create or both.")
    return tuple(scope for scope in SCOPES if scope in asked)


def _clean_partner(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise PartnerKeyError("Give the partner's name, e.g. Example Borough Council.")
    if len(name) > MAX_PARTNER_NAME:
        raise PartnerKeyError(f"The partner's name is too long (at most {MAX_PARTNER_NAME}).")
    return name


def _new_key(
    session: Session,
    *,
    partner: str,
    kind: str,
    scopes: tuple[str, ...],
    actor: str,
    secret: str,
    now: datetime,
    rotated_from: int | None = None,
) -> IssuedKey:
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    row = PartnerKey(
        partner=partner,
        kind=kind,
        scopes=list(scopes),
        key_prefix=key[:PREFIX_SHOWN],
        key_hash=hash_key(key, secret),
        created_at=now,
        created_by=actor,
        rotated_from_id=rotated_from,
    )
    session.add(row)
    session.flush()
    return IssuedKey(row.id, partner, scopes, key, row.key_prefix)


def create_key(
    session: Session,
    *,
    partner: str,
    scopes: Iterable[str],
    actor: str,
    secret: str,
    now: datetime,
    kind: str = "other",
) -> IssuedKey:
    """Make a key for `partner` with `scopes`; the returned key is the only copy."""
    partner = _clean_partner(partner)
    if kind not in PARTNER_KINDS:
        raise PartnerKeyError(f"Choose the kind of partner: {', '.join(PARTNER_KINDS)}.")
    issued = _new_key(
        session,
        partner=partner,
        kind=kind,
        scopes=clean_scopes(scopes),
        actor=actor,
        secret=secret,
        now=now,
    )
    log.info("partner key %s made for %s by %s", issued.key_id, partner, actor)
    return issued


def _live_key(session: Session, key_id: int) -> PartnerKey:
    row = session.get(PartnerKey, key_id, with_for_update=True)
    if row is None:
        raise PartnerKeyError(f"There is no partner key {key_id}.")
    if row.revoked_at is not None:
        raise PartnerKeyError(f"Key {key_id} was {row.revoked_reason or 'revoked'} already.")
    return row


def revoke_key(
    session: Session, key_id: int, *, actor: str, now: datetime, reason: str = "revoked"
) -> PartnerKey:
    """Stop key `key_id` working at once (its row and audit stay)."""
    row = _live_key(session, key_id)
    row.revoked_at = now
    row.revoked_by = actor
    row.revoked_reason = reason
    log.info("partner key %s %s by %s", key_id, reason, actor)
    return row


def rotate_key(
    session: Session, key_id: int, *, actor: str, secret: str, now: datetime
) -> IssuedKey:
    """A new key with the same partner and scopes; the old one stops working at once."""
    old = revoke_key(session, key_id, actor=actor, now=now, reason="rotated")
    return _new_key(
        session,
        partner=old.partner,
        kind=old.kind,
        scopes=tuple(old.scopes),
        actor=actor,
        secret=secret,
        now=now,
        rotated_from=old.id,
    )


def list_keys(session: Session) -> list[dict[str, Any]]:
    """Every key, live ones first, newest first (never a hash)."""
    rows = session.execute(select(PartnerKey).order_by(PartnerKey.id.desc())).scalars()
    keys = [
        {
            "id": row.id,
            "partner": row.partner,
            "kind": row.kind,
            "scopes": list(row.scopes or []),
            "key_prefix": row.key_prefix,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "revoked_at": row.revoked_at,
            "revoked_by": row.revoked_by,
            "revoked_reason": row.revoked_reason,
            "rotated_from_id": row.rotated_from_id,
            "last_used_at": row.last_used_at,
            "live": row.revoked_at is None,
        }
        for row in rows
    ]
    return sorted(keys, key=lambda key: not key["live"])


def caller_for_key(
    session: Session, key: str | None, *, secret: str, now: datetime
) -> PartnerCaller | None:
    """The partner a live key belongs to (its last use noted); None for a missing, unknown,
    rotated or revoked key."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.startswith(KEY_PREFIX):
        return None
    row = session.execute(
        select(PartnerKey).where(PartnerKey.key_hash == hash_key(key, secret))
    ).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    row.last_used_at = now
    return PartnerCaller(row.id, row.partner, row.kind, frozenset(row.scopes or []))


def record_call(
    session: Session,
    *,
    caller: PartnerCaller | None,
    method: str,
    endpoint: str,
    status: int,
    now: datetime,
    case_reference: str | None = None,
) -> None:
    """Audit one partner API call (never its body, key or query string)."""
    session.add(
        PartnerApiCall(
            at=now,
            key_id=caller.key_id if caller else None,
            partner=caller.partner if caller else None,
            method=method[:8],
            endpoint=endpoint[:200],
            status=status,
            case_reference=case_reference,
        )
    )


def recent_calls(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    """The latest partner API calls, newest first."""
    rows = session.execute(
        select(PartnerApiCall).order_by(PartnerApiCall.id.desc()).limit(limit)
    ).scalars()
    return [
        {
            "at": row.at,
            "partner": row.partner,
            "key_id": row.key_id,
            "method": row.method,
            "endpoint": row.endpoint,
            "status": row.status,
            "case_reference": row.case_reference,
        }
        for row in rows
    ]
