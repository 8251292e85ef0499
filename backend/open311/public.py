"""What a partner may see of a case: no personal data.

- Never the reporter (name, phone, email, address, postcode), equality answers, communication
  needs, staff notes or the reasons staff typed: `status_notes` and updates are written here
  from the case's status, team and dates only.
- No description at all for domestic abuse or hate cases (flag, route or category) or when the
  resident said no to sharing with other agencies; other descriptions with postcodes cut to their
  district and house or flat numbers, phone numbers and email addresses removed.
- The location generalised to the street or estate: every number and the inward half of a
  postcode removed ("Flat 3, 12 Example Road, ZZ99 1AA" -> "Example Road, ZZ99"); a map point a
  partner sent rounded to 3 decimal places (about 100 metres).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from backend.cases.models import Case, CaseEvent
from backend.casework.status import CLOSURE_REASONS, STATUS_LABELS
from backend.open311.catalogue import SERVICES, TEAM_NAMES
from core.workdays import WorkingCalendar

PUBLIC_KINDS = ("created", "triage", "status", "due_date")
COORDINATE_PLACES = 3

_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
_UNIT = re.compile(
    r"\b(?:flat|apartment|apt|unit|room|maisonette|house|number|no\.?|num|#)\s*"
    r"[0-9]+[a-z]{0,2}\b",
    re.IGNORECASE,
)
_ANY_NUMBER = re.compile(r"(?<![A-Za-z0-9])[0-9]+[A-Za-z]{0,2}(?:\s*[-/]\s*[0-9]+[A-Za-z]?)?\b")
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|court|ct|drive|dr|way|place|pl|gardens|grove|"
    "crescent|terrace|walk|square|hill|row|mews|park|house|estate|tower|rise|parade|green|view"
)
_STREET_NUMBER = re.compile(
    r"\b[0-9]+[a-z]?(?:\s*[-/]\s*[0-9]+[a-z]?)?,?\s+(?=(?:[A-Za-z']+\s+){0,3}(?:"
    + _STREET_WORDS
    + r")\b)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+44\s?|\b0)(?:[0-9][\s-]?){9,10}\b")


def _districts(text: str) -> tuple[str, list[str]]:
    """Full postcodes replaced by placeholders; the districts, to put back."""
    found: list[str] = []

    def keep(match: re.Match[str]) -> str:
        found.append(match.group(1).upper())
        # Letters, not digits, so the number filters leave the placeholder alone.
        return "\x00" + "".join(chr(65 + int(d)) for d in str(len(found) - 1)) + "\x00"

    return _POSTCODE.sub(keep, text), found


def _restore(text: str, districts: list[str]) -> str:
    def district(match: re.Match[str]) -> str:
        return districts[int("".join(str(ord(c) - 65) for c in match.group(1)))]

    return re.sub("\x00([A-J]+)\x00", district, text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return text.strip(" ,;:-/")


def postcode_district(text: str | None) -> str | None:
    """The district of the first full postcode in `text` ("ZZ99 1AA" -> "ZZ99")."""
    match = _POSTCODE.search(text or "")
    return match.group(1).upper() if match else None


def general_location(text: str | None) -> str | None:
    """The street or estate: numbers and inward postcodes removed; None when nothing is left."""
    if not text:
        return None
    masked, districts = _districts(_PHONE.sub(" ", _EMAIL.sub(" ", text)))
    masked = _ANY_NUMBER.sub(" ", _UNIT.sub(" ", masked))
    return _tidy(_restore(masked, districts)) or None


def scrubbed_description(text: str) -> str:
    """The description without email addresses, phone numbers, full postcodes (the district
    stays), flat or house numbers and numbers of a street address."""
    masked, districts = _districts(
        _PHONE.sub(" [number removed] ", _EMAIL.sub("[email removed]", text))
    )
    masked = _STREET_NUMBER.sub("", _UNIT.sub("[number removed]", masked))
    return _tidy(_restore(masked, districts))


def description_withheld(case: Case) -> bool:
    """Domestic abuse and hate cases are never described to a partner, nor cases whose
    reporter said no to sharing with other agencies."""
    return bool(
        case.domestic_abuse
        or case.hate
        or case.category in ("domestic_abuse", "hate")
        or case.route in ("domestic_abuse", "hate")
        or case.consent_to_share is False
    )


def w3(moment: datetime | None) -> str | None:
    """ISO 8601 with its offset, to the second."""
    return moment.replace(microsecond=0).isoformat() if moment else None


def _long_date(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def expected_moment(case: Case, calendar: WorkingCalendar) -> datetime | None:
    """When the next step is due: the promised date (or triage due date) at the close of the
    office, in the landlord's time; None once the case is closed."""
    if case.status == "closed":
        return None
    day = case.promised_date or case.triage_due
    return datetime.combine(day, calendar.office_closes, tzinfo=calendar.tz) if day else None


def agency(team: str | None, landlord: str) -> str:
    return f"{landlord}: {TEAM_NAMES.get(team or '', team or 'housing team')}"


def fms_status(status: str, closure_reason: str | None = None) -> str:
    """FixMyStreet's extended status for one of ours."""
    if status == "closed":
        reason = closure_reason or ""
        if reason.startswith("Resolved"):
            return "FIXED"
        if reason.startswith("Duplicate of"):
            return "DUPLICATE"
        if reason == "Passed to another agency":
            return "INTERNAL_REFERRAL"
        if reason in CLOSURE_REASONS:
            return "NO_FURTHER_ACTION"
        return "CLOSED"
    return {"new": "OPEN", "triaged": "INVESTIGATING"}.get(status, "IN_PROGRESS")


def _public_reason(reason: str | None) -> str | None:
    """A closure reason from our list (never one typed in by staff)."""
    if reason in CLOSURE_REASONS or (reason and re.fullmatch(r"Duplicate of ASB-[0-9-]+", reason)):
        return reason
    return None


def public_note(event: CaseEvent, landlord: str) -> tuple[str, str] | None:
    """(FixMyStreet status, a note without personal data) for a timeline event partners may
    hear about; None for any other event."""
    data = event.data or {}
    after = data.get("after") or {}
    if event.kind == "created":
        due = data.get("triage_due")
        when = f" by {_long_date(date.fromisoformat(due))}" if due else ""
        return (
            "OPEN",
            f"Report received; {agency(data.get('owner_team'), landlord)} will triage it{when}.",
        )
    if event.kind == "triage":
        team = after.get("owner_team")
        due = after.get("triage_due")
        note = "Triaged"
        if team:
            note += f": owned by {TEAM_NAMES.get(team, team)}"
        if due:
            note += f"; next step due by {_long_date(date.fromisoformat(due))}"
        return "INVESTIGATING", note + "."
    if event.kind == "status":
        status = after.get("status")
        if status not in STATUS_LABELS:
            return None
        if status == "closed":
            reason = _public_reason(after.get("closure_reason"))
            return fms_status(status, reason), f"Closed{': ' + reason if reason else ''}."
        return fms_status(status), f"Status: {STATUS_LABELS[status].lower()}."
    if event.kind == "due_date":
        due = after.get("promised_date")
        if not due:
            return None
        return "ACTION_SCHEDULED", f"Next step expected by {_long_date(date.fromisoformat(due))}."
    return None


def _coordinate(value: Any) -> float | None:
    try:
        return round(float(value), COORDINATE_PLACES)
    except (TypeError, ValueError):
        return None


def public_request(
    case: Case, events: Iterable[CaseEvent], calendar: WorkingCalendar, landlord: str
) -> dict[str, Any]:
    """One service request as GET requests answers it (field order of the spec's example)."""
    notes = [note for event in events if (note := public_note(event, landlord))]
    open311 = (case.details or {}).get("open311") or {}
    service = SERVICES.get(case.category or "")
    return {
        "service_request_id": case.reference,
        "status": "closed" if case.status == "closed" else "open",
        "status_notes": notes[-1][1] if notes else None,
        "service_name": service[0] if service else "Not yet categorised",
        "service_code": case.category if service else None,
        "description": None
        if description_withheld(case)
        else scrubbed_description(case.description),
        "agency_responsible": agency(case.owner_team, landlord),
        "service_notice": None,
        "requested_datetime": w3(case.received_at),
        "updated_datetime": w3(case.updated_at),
        "expected_datetime": w3(expected_moment(case, calendar)),
        "address": general_location(case.location),
        "address_id": None,
        "zipcode": postcode_district(case.location),
        "lat": _coordinate(open311.get("lat")),
        "long": _coordinate(open311.get("long")),
        "media_url": None,
    }


def public_update(event: CaseEvent, reference: str, landlord: str) -> dict[str, Any] | None:
    """One entry of servicerequestupdates (FixMyStreet's extension), or None."""
    note = public_note(event, landlord)
    if note is None:
        return None
    return {
        "update_id": str(event.id),
        "service_request_id": reference,
        "status": note[0],
        "updated_datetime": w3(event.at),
        "description": note[1],
        "media_url": None,
    }
