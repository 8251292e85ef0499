"""POST requests: an Open311 form (application/x-www-form-urlencoded) turned into a report for
the same intake as the assistant's (backend/intake/contract.parse_report, then
service.create_case_from_report).

The partner's contact fields (first_name, last_name, phone, email) become the reporter, who is
never texted or emailed by the system (no consent to contact was given through the partner);
staff see them on the case. The location is `address_string` and/or `lat` + `long`.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from backend.intake.contract import ReportIn, ReportValidationError, parse_report
from backend.open311.catalogue import ATTRIBUTE_BY_CODE, SERVICES, route_for
from backend.open311.formats import Open311Error
from backend.partners.service import PartnerCaller

MAX_DESCRIPTION = 4000  # the spec's limit
MAX_ADDRESS = 1000
MAX_FIELD = 254
_ATTRIBUTE = re.compile(r"^attribute\[([a-z_]{1,40})\]$")
# Our report fields under the names the partner sent them.
FIELD_NAMES = {
    "reporter.name": "first_name/last_name",
    "reporter.phone": "phone",
    "reporter.email": "email",
    "location": "address_string",
    "details.police_reference": "attribute[police_reference]",
    "details.people_involved": "attribute[people_involved]",
}


def _one(form: Mapping[str, str], name: str, limit: int = MAX_FIELD) -> str | None:
    value = str(form.get(name, "") or "").strip()
    if len(value) > limit:
        raise Open311Error(400, f"{name} is too long (at most {limit} characters)")
    return value or None


def _coordinate(form: Mapping[str, str], name: str, bound: float) -> float | None:
    raw = _one(form, name, 40)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number in decimal degrees (WGS84)") from None
    if not math.isfinite(value) or abs(value) > bound:
        raise Open311Error(400, f"{name} must be between -{bound:g} and {bound:g}")
    return value


def _attributes(form: Mapping[str, str]) -> dict[str, str]:
    """attribute[code]=value pairs, each checked against the service definition."""
    answers: dict[str, str] = {}
    for name in form:
        if not name.startswith("attribute"):
            continue
        match = _ATTRIBUTE.match(name)
        if not match or match.group(1) not in ATTRIBUTE_BY_CODE:
            raise Open311Error(400, f"{name} is not an attribute of this service")
        definition = ATTRIBUTE_BY_CODE[match.group(1)]
        value = _one(form, name, definition.get("limit", MAX_FIELD))
        if value is None:
            continue
        if "values" in definition and value not in {key for key, _ in definition["values"]}:
            keys = ", ".join(key for key, _ in definition["values"])
            raise Open311Error(400, f"{name} must be one of: {keys}")
        answers[match.group(1)] = value
    return answers


def _location(form: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """The location text for staff and the map point, if any."""
    lat = _coordinate(form, "lat", 90)
    long = _coordinate(form, "long", 180)
    if (lat is None) != (long is None):
        raise Open311Error(400, "lat and long must be given together")
    address = _one(form, "address_string", MAX_ADDRESS)
    if address is None and lat is None:
        if _one(form, "address_id"):
            raise Open311Error(
                400, "address_id is not used here: send address_string or lat and long"
            )
        raise Open311Error(400, "a location is required: lat and long, or address_string")
    point = {"lat": lat, "long": long} if lat is not None else {}
    return address or f"Map point {lat:.6f}, {long:.6f}", point


def build_report(form: Mapping[str, str], caller: PartnerCaller, now: datetime) -> ReportIn:
    """The report a partner's POST requests describes; Open311Error (400/404) when it cannot
    be one."""
    code = _one(form, "service_code", 40)
    if code is None:
        raise Open311Error(400, "service_code is required")
    if code not in SERVICES:
        raise Open311Error(404, f"service_code {code} was not found")
    description = _one(form, "description", MAX_DESCRIPTION)
    if description is None:
        raise Open311Error(400, "description is required: say what happened")
    location, point = _location(form)
    answers = _attributes(form)
    name = " ".join(filter(None, (_one(form, "first_name"), _one(form, "last_name")))) or None
    phone, email = _one(form, "phone", 40), _one(form, "email")
    details: dict[str, Any] = {
        "open311": {
            "partner": caller.partner,
            "key_id": caller.key_id,
            **point,
            **{
                field: value
                for field in ("media_url", "device_id", "account_id")
                if (value := _one(form, field, 2000 if field == "media_url" else MAX_FIELD))
            },
        }
    }
    for field in ("people_involved", "police_reference"):
        if field in answers:
            details[field] = answers[field]
    report = {
        "report_id": f"open311-{uuid.uuid4()}",
        "channel": "rest",
        "language": "en",
        "received_at": now.isoformat(),
        "route": route_for(code),
        "category": code,
        "description": description,
        "location": location,
        "happened_when": answers.get("happened_when"),
        "started_when": answers.get("started_when"),
        "happening_now": {"yes": True, "no": False}.get(answers.get("happening_now", "")),
        "frequency": answers.get("frequency"),
        "reporter": {
            "name": name,
            "phone": phone,
            "email": email,
            "consent_to_contact": False,
            "anonymous": not (name or phone or email),
        },
        "flags": {
            "hate": answers.get("hate") == "yes",
            "vulnerable": answers.get("vulnerable") == "yes",
        },
        "details": details,
    }
    try:
        return parse_report(report, now=now)
    except ReportValidationError as exc:
        problems = "; ".join(
            f"{FIELD_NAMES.get(field, field)} {message}"
            for field, message in sorted(exc.fields.items())
        )
        raise Open311Error(400, problems) from None
