"""What the assistant may send as a safeguarding record (POST /api/safeguarding/records), and how
each field is checked. `parse_record` lists every problem at once (RecordValidationError.fields
maps a field path to a plain message), like the report contract (backend/intake/contract.py).

The body is the whole record as the assistant knows it now (a snapshot): the first one opens the
record, later ones (a higher `sequence`) bring the conversation's last activity, the words so far
and any contact detail since given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from backend.intake.contract import (
    FLAG_NAMES,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_SHORT_TEXT,
    aware_moment,
    normalise_phone,
)
from backend.safeguarding.models import RECORD_ROUTES

RECORD_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
REASON_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
RECORD_CHANNELS = ("web", "sms", "rest")
MAX_WORDS = 200  # messages kept
MAX_WORDS_TOTAL = 20_000  # characters over all messages
MAX_REASONS = 20
MAX_SEQUENCE = 2**31 - 1
MAX_FUTURE_SKEW = timedelta(minutes=10)
FIELDS = frozenset(
    {
        "record_id",
        "sequence",
        "route",
        "reasons",
        "flags",
        "channel",
        "language",
        "started_at",
        "last_activity_at",
        "message_count",
        "words",
        "contact",
    }
)
CONTACT_FIELDS = frozenset({"name", "phone", "location", "safe_to_text", "consent_to_contact"})


class RecordValidationError(ValueError):
    """A record that cannot be accepted; `fields` maps a field path to a plain message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("invalid safeguarding record: " + ", ".join(sorted(self.fields)))


@dataclass(frozen=True)
class ContactIn:
    """Contact details the resident gave before they stopped (personal data: never logged)."""

    name: str | None = None
    phone: str | None = None  # E.164
    location: str | None = None
    safe_to_text: bool | None = None  # only True when the resident said yes
    consent_to_contact: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "phone": self.phone,
            "location": self.location,
            "safe_to_text": self.safe_to_text,
            "consent_to_contact": self.consent_to_contact,
        }


@dataclass(frozen=True)
class RecordIn:
    """A validated snapshot of a safeguarding record."""

    record_id: str
    sequence: int
    route: str
    channel: str
    language: str
    started_at: datetime
    last_activity_at: datetime
    reasons: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    message_count: int = 0
    words: tuple[str, ...] = ()
    contact: ContactIn = field(default_factory=ContactIn)


class _Checker:
    """Collects every problem in `errors` instead of stopping at the first."""

    def __init__(self, now: datetime | None) -> None:
        self.errors: dict[str, str] = {}
        self.now = now

    def whole_number(self, name: str, value: object, lowest: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.errors[name] = f"must be a whole number, {lowest} or more"
            return lowest
        if not lowest <= value <= MAX_SEQUENCE:
            self.errors[name] = f"must be a whole number from {lowest} to {MAX_SEQUENCE}"
            return lowest
        return value

    def moment(self, name: str, raw: object) -> datetime | None:
        """ISO 8601 with a UTC offset, not in the future (beyond a little clock skew)."""
        value = aware_moment(raw)
        if isinstance(value, str):
            self.errors[name] = value
            return None
        if self.now is not None and value > self.now + MAX_FUTURE_SKEW:
            self.errors[name] = "is in the future"
            return None
        return value

    def text(self, name: str, value: object, limit: int) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            self.errors[name] = "must be text or null"
            return None
        value = value.strip()
        if len(value) > limit:
            self.errors[name] = f"is too long (at most {limit} characters)"
            return None
        return value

    def boolean(self, name: str, value: object) -> bool | None:
        if value is not None and not isinstance(value, bool):
            self.errors[name] = "must be true, false or null"
            return None
        return value


def parse_record(data: object, now: datetime | None = None) -> RecordIn:
    """Check a record body and return it cleaned up; raise RecordValidationError listing every
    problem. `now` (UTC) refuses times in the future."""
    if not isinstance(data, Mapping):
        raise RecordValidationError({"": "the record must be a JSON object"})
    check = _Checker(now)
    for unknown in sorted(set(data) - FIELDS):
        check.errors[unknown] = "is not a known field"
    record_id = data.get("record_id")
    if not isinstance(record_id, str) or not RECORD_ID_PATTERN.match(record_id):
        check.errors["record_id"] = "must be 8 to 64 letters, digits or . _ : - (a UUID is best)"
    sequence = check.whole_number("sequence", data.get("sequence"), 1)
    route = data.get("route")
    if route not in RECORD_ROUTES:
        check.errors["route"] = f"must be one of: {', '.join(RECORD_ROUTES)}"
    channel = data.get("channel")
    if channel not in RECORD_CHANNELS:
        check.errors["channel"] = f"must be one of: {', '.join(RECORD_CHANNELS)}"
    language = data.get("language") or "en"
    if not isinstance(language, str) or not LANGUAGE_PATTERN.match(language):
        check.errors["language"] = "must be a language code such as en or pl"
        language = "en"
    started_at = check.moment("started_at", data.get("started_at"))
    last_activity_at = check.moment("last_activity_at", data.get("last_activity_at"))
    message_count = check.whole_number("message_count", data.get("message_count", 0), 0)
    reasons = _reasons(data.get("reasons"), check)
    flags = _flags(data.get("flags"), check)
    words = _words(data.get("words"), check)
    contact = _contact(data.get("contact"), check)
    if check.errors:
        raise RecordValidationError(check.errors)
    assert started_at is not None and last_activity_at is not None
    return RecordIn(
        record_id=str(record_id),
        sequence=sequence,
        route=str(route),
        channel=str(channel),
        language=re.split(r"[_-]", language)[0].lower(),
        started_at=started_at,
        # The safety message itself is the first activity.
        last_activity_at=max(last_activity_at, started_at),
        reasons=reasons,
        flags=flags,
        message_count=max(message_count, len(words)),
        words=words,
        contact=contact,
    )


def _reasons(raw: object, check: _Checker) -> tuple[str, ...]:
    if raw is None:
        return ()
    if (
        not isinstance(raw, list)
        or len(raw) > MAX_REASONS
        or not all(isinstance(item, str) and REASON_PATTERN.match(item) for item in raw)
    ):
        check.errors["reasons"] = f"must be a list of at most {MAX_REASONS} codes like self_harm"
        return ()
    return tuple(dict.fromkeys(raw))


def _flags(raw: object, check: _Checker) -> frozenset[str]:
    """The flags that are true ({"domestic_abuse": true, ...}, names as in a report)."""
    if raw is None:
        return frozenset()
    if not isinstance(raw, Mapping):
        check.errors["flags"] = "must be an object of true/false flags"
        return frozenset()
    found = set()
    for name, value in raw.items():
        if name not in FLAG_NAMES:
            check.errors[f"flags.{name}"] = f"is not a known flag ({', '.join(FLAG_NAMES)})"
        elif not isinstance(value, bool):
            check.errors[f"flags.{name}"] = "must be true or false"
        elif value:
            found.add(str(name))
    return frozenset(found)


def _words(raw: object, check: _Checker) -> tuple[str, ...]:
    """The resident's messages so far, oldest first."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        check.errors["words"] = "must be a list of the resident's messages (text)"
        return ()
    if len(raw) > MAX_WORDS:
        check.errors["words"] = f"has too many messages (at most {MAX_WORDS})"
        return ()
    if any(len(item) > MAX_DESCRIPTION for item in raw):
        check.errors["words"] = f"has a message over {MAX_DESCRIPTION} characters"
        return ()
    if sum(len(item) for item in raw) > MAX_WORDS_TOTAL:
        check.errors["words"] = f"is too long (at most {MAX_WORDS_TOTAL} characters in all)"
        return ()
    return tuple(" ".join(item.split()) for item in raw if item.strip())


def _contact(raw: object, check: _Checker) -> ContactIn:
    if raw is None:
        return ContactIn()
    if not isinstance(raw, Mapping):
        check.errors["contact"] = "must be an object or null"
        return ContactIn()
    for unknown in sorted(set(raw) - CONTACT_FIELDS):
        check.errors[f"contact.{unknown}"] = "is not a known field"
    phone = check.text("contact.phone", raw.get("phone"), 40)
    if phone is not None:
        try:
            phone = normalise_phone(phone)
        except ValueError as exc:
            check.errors["contact.phone"] = str(exc)
            phone = None
    return ContactIn(
        name=check.text("contact.name", raw.get("name"), MAX_NAME),
        phone=phone,
        location=check.text("contact.location", raw.get("location"), MAX_SHORT_TEXT),
        safe_to_text=check.boolean("contact.safe_to_text", raw.get("safe_to_text")),
        consent_to_contact=check.boolean(
            "contact.consent_to_contact", raw.get("consent_to_contact")
        ),
    )
