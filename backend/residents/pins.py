"""Case PINs: the 6 digits given with a new case's reference, so that every reporter can later
prove the case is theirs, also without a postcode on the case or a phone we may text.

A PIN is made once, when POST /api/reports opens the case, and answered once, in that 201
receipt (the assistant shows it with the reference). Only a keyed hash is kept (the key is the
ingest secret, as for one-time codes), bound to the case; the PIN itself is never stored, logged
or shown again, and a repeat of the same report (200) makes no second PIN. Failed checks count
against the same per-reference limit as postcodes and codes (service.recent_failures).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.residents.models import CasePin

log = logging.getLogger(__name__)

PIN_DIGITS = 6
# As residents type it: "482913", "482 913" or "482-913".
_PIN_PATTERN = re.compile(r"^\s*(\d{3})[\s-]?(\d{3})\s*$")


def clean_pin(raw: object) -> str | None:
    """The six digits of a PIN as typed, or None when it is not shaped like one."""
    found = _PIN_PATTERN.match(raw) if isinstance(raw, str) else None
    return found.group(1) + found.group(2) if found else None


def hash_pin(pin: str, key: str, case_id: int) -> str:
    """HMAC-SHA256 of a PIN, keyed by the server secret and bound to the case (a prefix keeps
    it apart from the one-time codes' hashes)."""
    message = f"pin:{case_id}:{pin}".encode()
    return hmac.new(key.encode() or b"-", message, hashlib.sha256).hexdigest()


def issue_pin(session: Session, case: Case, *, key: str, now: datetime) -> str | None:
    """Make the case's PIN and keep its hash; return the PIN to show the resident once.

    None when the case has a PIN already: it is never made twice or answered again.
    """
    if session.get(CasePin, case.id) is not None:
        return None
    pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"
    session.add(CasePin(case_id=case.id, pin_hash=hash_pin(pin, key, case.id), created_at=now))
    session.flush()
    log.info("case PIN made: case=%s", case.reference)
    return pin


def pin_matches(session: Session, case: Case, raw: str, key: str) -> bool:
    """True when `raw` is the case's PIN (compared in constant time)."""
    pin = clean_pin(raw)
    row = session.get(CasePin, case.id)
    if pin is None or row is None:
        return False
    return hmac.compare_digest(row.pin_hash, hash_pin(pin, key, case.id))
