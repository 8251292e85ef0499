"""The report contract (docs/CONTRACTS.md, POST /api/reports): what a report may contain and
how each field is checked and cleaned up before it becomes a case.

`parse_report` lists every problem at once (ReportValidationError.fields maps a field path to a
plain message); the phone, postcode and email normalisers are shared with staff search and the
resident pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import phonenumbers

from backend.cases.models import (
    CATEGORIES,
    CHANNELS,
    COMMUNICATION_NEEDS,
    EQUALITY_CODES,
    EVIDENCE_CODES,
    EVIDENCE_CONSENT,
    FREQUENCIES,
    PREFERRED_CONTACTS,
    RISK_BANDS,
    ROUTES,
    VISIT_OR_CALL,
)
from core import ram as risk

# Length limits for what residents type (characters).
MAX_DESCRIPTION = 5000
MAX_SHORT_TEXT = 1000  # location, happened_when, started_when
MAX_NAME = 200
MAX_EMAIL = 254
MAX_BEST_TIME = 200
MAX_ADDRESS = 200  # the resident's own address line
MAX_POLICE_REFERENCE = 50
MAX_LANGUAGE = 60  # the language an interpreter should speak
MAX_NEEDS_TEXT = 500  # communication needs in the resident's words
MAX_DETAILS_JSON = 20_000
MAX_FUTURE_SKEW = timedelta(minutes=10)  # clocks differ a little; more is a bug
# What POST /api/reports accepts (and filing a held report, measured from when it was held):
# the action server's spool delivers a report within minutes, or days after a long outage;
# older than this is a bug or a forgery (it would top the queue as overdue). Callers inside
# the system (demo data, tests' history) may make older cases: the bound is theirs to ask for.
MAX_REPORT_AGE = timedelta(days=30)
_REPORT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
_LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
# A police crime or incident reference as residents copy it ("CAD 1234 21/11", "43/12345/26").
_POLICE_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /.:#-]*$")
# A UK postcode in capitals: (outward code)(inward code), the space optional.
POSTCODE_PATTERN = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
# Ofcom's drama range (07700 900000-900999): never allocated, so libphonenumber calls it
# invalid, but it is what demos and tests use.
_DRAMA_MOBILE = re.compile(r"^\+447700900\d{3}$")
# An email address as people type it: one @, no spaces or separators, a dotted domain ending in
# letters (no mailbox check). Deliberately no stricter than the assistant's check
# (bot/actions/forms.py): a report refused for its optional email would be lost.
_EMAIL = re.compile(
    r"^[^@\s<>(),;:\x00-\x1f\x7f]+@[^@\s<>(),;:\x00-\x1f\x7f]+"
    r"\.(?:[^\W\d_]{2,}|xn--[A-Za-z0-9-]+)$"
)

FLAG_NAMES = ("urgent", "domestic_abuse", "hate", "safeguarding", "vulnerable")
TOP_LEVEL_FIELDS = frozenset(
    {
        "report_id",
        "channel",
        "language",
        "received_at",
        "route",
        "category",
        "description",
        "location",
        "happened_when",
        "started_when",
        "happening_now",
        "frequency",
        "reporter",
        "flags",
        "ram_answers",
        "details",
        "equality",
        "risk",
        "safeguarding_id",
    }
)
REPORTER_FIELDS = frozenset(
    {
        "name",
        "phone",
        "postcode",
        "safe_to_text",
        "consent_to_contact",
        "anonymous",
        "preferred_contact",
        "email",
        "best_time",
        "consent_to_share",
        "address",
        "visit_or_call",
        "communication_needs",
    }
)
COMMUNICATION_FIELDS = frozenset({"needs", "language", "other"})
# Needs that are an answer on their own: they cannot come with other needs.
STANDALONE_NEEDS = frozenset({"none", "prefer_not_to_say"})
RISK_FIELDS = frozenset({"score", "band"})
# details keys the backend checks (anything else in details is kept as it is). On the case the
# resident's evidence codes are kept as details["evidence_held"], because details["evidence"]
# holds the photos attached to the case (backend.sms_inbound.evidence).
DETAIL_TEXTS = ("people_involved", "witnesses")
DETAILS_SET_BY_BACKEND = frozenset(
    {"assistant_risk", "evidence_held", "reporter_postcode", "reporter_address"}
)
# Answers with a place of their own in the report, never in details (communication needs are
# kept out of details, which the staff API returns whole).
DETAILS_ELSEWHERE = {
    "communication_needs": "reporter.communication_needs",
    "visit_or_call": "reporter.visit_or_call",
    "started_when": "started_when",
}


class ReportValidationError(ValueError):
    """A report that cannot be accepted; `fields` maps a field path to a plain message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("invalid report: " + ", ".join(sorted(self.fields)))


@dataclass(frozen=True)
class ReporterIn:
    name: str | None = None
    phone: str | None = None  # E.164
    postcode: str | None = None  # "ZZ99 1AA" form; kept in details["reporter_postcode"]
    safe_to_text: bool | None = None
    consent_to_contact: bool = False
    anonymous: bool = False
    preferred_contact: str | None = None  # text | call | email
    email: str | None = None
    best_time: str | None = None  # free text, e.g. "weekday evenings"
    consent_to_share: bool | None = None  # with other agencies; None: not asked
    address: str | None = None  # their own address line; kept in details["reporter_address"]
    visit_or_call: str | None = None  # visit | call | neither; None: not asked
    # {"needs": [codes], "language", "other"} or None: can reveal a disability, never log it.
    communication_needs: dict[str, Any] | None = None


@dataclass(frozen=True)
class ReportIn:
    """A validated report as the bot sends it (docs/CONTRACTS.md, POST /api/reports)."""

    report_id: str
    channel: str
    language: str
    received_at: datetime
    route: str
    category: str | None
    description: str
    location: str | None = None
    happened_when: str | None = None  # when it last happened
    happening_now: bool | None = None
    frequency: str | None = None
    started_when: str | None = None  # when it started
    reporter: ReporterIn = field(default_factory=ReporterIn)
    flags: dict[str, bool] = field(default_factory=dict)
    ram_answers: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    # Equality monitoring answers (special-category data: never log it) or None.
    equality: dict[str, str] | None = None
    # The assistant's provisional {"score", "band"} (the backend scores ram_answers itself).
    assistant_risk: dict[str, Any] | None = None
    # The conversation's safeguarding record (backend/safeguarding/), when safety advice was
    # given: the case is joined to it in the transaction that creates the case.
    safeguarding_id: str | None = None


# -- normalising what residents type ----------------------------------------------------------


def normalise_phone(raw: str) -> str:
    """A UK or international number in E.164 form; ValueError when it is not a real number."""
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("is not a phone number") from exc
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number) or _DRAMA_MOBILE.match(e164):
        return e164
    raise ValueError("is not a valid phone number")


def normalise_postcode(raw: str) -> str:
    """A UK postcode in capitals with one space ("zz991aa" -> "ZZ99 1AA"); ValueError if it
    is not shaped like one."""
    match = POSTCODE_PATTERN.match(" ".join(str(raw).split()).upper())
    if not match:
        raise ValueError("is not a UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def normalise_email(raw: str) -> str:
    """An email address with its domain in lower case; ValueError if it is not shaped like one."""
    value = str(raw).strip()
    if len(value) > MAX_EMAIL or not _EMAIL.match(value):
        raise ValueError("is not an email address")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


# -- validation -----------------------------------------------------------------------------


class _FieldChecker:
    """Reads a report's fields one by one, collecting every problem in `errors`
    (field path -> plain message) instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def text(self, name: str, value: object, limit: int, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.errors[name] = "is required"
            return None
        if not isinstance(value, str):
            self.errors[name] = "must be text"
            return None
        value = value.strip()
        if len(value) > limit:
            self.errors[name] = f"is too long (at most {limit} characters)"
            return None
        return value

    def boolean(self, name: str, value: object, default: bool | None = None) -> bool | None:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.errors[name] = "must be true, false or null"
            return default
        return value

    def code(
        self, name: str, value: object, allowed: tuple[str, ...], required: bool
    ) -> str | None:
        if value is None:
            if required:
                self.errors[name] = "is required"
            return None
        if value not in allowed:
            self.errors[name] = f"must be one of: {', '.join(allowed)}"
            return None
        return value  # type: ignore[return-value]

    def normalised(
        self, name: str, value: object, limit: int, normalise: Callable[[str], str]
    ) -> str | None:
        """Text put in its standard form by `normalise` (whose ValueError names the problem)."""
        raw = self.text(name, value, limit)
        if not raw:
            return None
        try:
            return normalise(raw)
        except ValueError as exc:
            self.errors[name] = str(exc)
            return None

    def section(
        self, name: str, value: object, message: str = "must be an object"
    ) -> Mapping[str, Any] | None:
        """A nested object of the report; None when it is absent or (noted) not an object."""
        if value is not None and not isinstance(value, Mapping):
            self.errors[name] = message
            return None
        return value  # type: ignore[return-value]


def parse_report(
    data: object,
    now: datetime | None = None,
    *,
    max_age: timedelta | None = None,
    arrived_at: datetime | None = None,
) -> ReportIn:
    """Check a report body and return it cleaned up; raise ReportValidationError listing
    every problem. `now` (UTC) rejects a `received_at` in the future and, with `max_age`
    (MAX_REPORT_AGE at the API), more than `max_age` before the report arrived (`arrived_at`,
    default `now`: a held report filed later is measured from when it was held)."""
    if not isinstance(data, Mapping):
        raise ReportValidationError({"": "the report must be a JSON object"})
    check = _FieldChecker()

    for unknown in sorted(set(data) - TOP_LEVEL_FIELDS):
        check.errors[unknown] = "is not a known field (put extra information in details)"

    report_id = data.get("report_id")
    if not isinstance(report_id, str) or not _REPORT_ID_PATTERN.match(report_id):
        check.errors["report_id"] = "must be 8 to 64 letters, digits or . _ : - (a UUID is best)"

    channel = check.code("channel", data.get("channel"), CHANNELS, required=True)
    route = check.code("route", data.get("route"), ROUTES, required=True)
    category = check.code("category", data.get("category"), CATEGORIES, required=False)
    frequency = check.code("frequency", data.get("frequency"), FREQUENCIES, required=False)
    language = _parse_language(data.get("language"), check)
    received_at = _parse_received_at(data.get("received_at"), now, check)
    if received_at and now is not None and max_age is not None:
        if received_at < (arrived_at or now) - max_age:
            check.errors["received_at"] = (
                f"is more than {max_age.days} days before the report reached us"
            )
    description = check.text("description", data.get("description"), MAX_DESCRIPTION, required=True)
    location = check.text("location", data.get("location"), MAX_SHORT_TEXT)
    happened_when = check.text("happened_when", data.get("happened_when"), MAX_SHORT_TEXT)
    started_when = check.text("started_when", data.get("started_when"), MAX_SHORT_TEXT)
    happening_now = check.boolean("happening_now", data.get("happening_now"))

    raw_reporter = check.section("reporter", data.get("reporter"))
    reporter = _parse_reporter(raw_reporter, check) if raw_reporter else ReporterIn()
    flags = _parse_flags(check.section("flags", data.get("flags")), check)
    ram_answers = _parse_ram_answers(check.section("ram_answers", data.get("ram_answers")), check)
    raw_details = check.section("details", data.get("details"))
    details = _parse_details(raw_details, check) if raw_details else {}
    raw_equality = check.section("equality", data.get("equality"), "must be an object or null")
    equality = _parse_equality(raw_equality, check) if raw_equality else None
    raw_risk = check.section(
        "risk", data.get("risk"), "must be an object with score and band, or null"
    )
    assistant_risk = _parse_assistant_risk(raw_risk, check) if raw_risk is not None else None
    safeguarding_id = data.get("safeguarding_id")
    if safeguarding_id is not None and (
        not isinstance(safeguarding_id, str) or not _REPORT_ID_PATTERN.match(safeguarding_id)
    ):
        check.errors["safeguarding_id"] = "must be 8 to 64 letters, digits or . _ : - (or null)"

    if check.errors:
        raise ReportValidationError(check.errors)
    return ReportIn(
        report_id=report_id,  # type: ignore[arg-type]
        channel=channel,  # type: ignore[arg-type]
        language=language,
        received_at=received_at,  # type: ignore[arg-type]
        route=route,  # type: ignore[arg-type]
        category=category,
        description=description,  # type: ignore[arg-type]
        location=location,
        happened_when=happened_when,
        happening_now=happening_now,
        frequency=frequency,
        started_when=started_when,
        reporter=reporter,
        flags=flags,
        ram_answers=ram_answers,
        details=details,
        equality=equality,
        assistant_risk=assistant_risk,
        safeguarding_id=safeguarding_id,
    )


def _parse_language(raw: object, check: _FieldChecker) -> str:
    """The base language code in lower case ("pl-PL" -> "pl"); "en" when absent or invalid."""
    language = raw or "en"
    if not isinstance(language, str) or not _LANGUAGE_PATTERN.match(language):
        check.errors["language"] = "must be a language code such as en or pl"
        language = "en"
    return re.split(r"[_-]", language)[0].lower()


def aware_moment(raw: object) -> datetime | str:
    """An ISO 8601 date and time with a UTC offset, in UTC; else what is wrong with it."""
    if not isinstance(raw, str) or not raw:
        return "is required (ISO 8601 with a UTC offset)"
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return "is not an ISO 8601 date and time"
    if moment.tzinfo is None:
        return "needs a UTC offset, e.g. 2026-11-20T23:00:00+00:00"
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # the first or last day of year 1 or 9999 with an offset
        return "is not a date and time we can use"


def _parse_received_at(raw: object, now: datetime | None, check: _FieldChecker) -> datetime | None:
    """When the resident reported: ISO 8601 with a UTC offset, not in the future (beyond
    clock skew)."""
    received_at = aware_moment(raw)
    if isinstance(received_at, str):
        check.errors["received_at"] = received_at
        return None
    if now is not None and received_at > now + MAX_FUTURE_SKEW:
        check.errors["received_at"] = "is in the future"
        return None
    return received_at


def _parse_reporter(raw: Mapping[str, Any], check: _FieldChecker) -> ReporterIn:
    """Who reported and how they may be contacted (phone, postcode and email normalised)."""
    for unknown in sorted(set(raw) - REPORTER_FIELDS):
        check.errors[f"reporter.{unknown}"] = "is not a known field"
    phone = check.normalised("reporter.phone", raw.get("phone"), 40, normalise_phone)
    postcode = check.normalised("reporter.postcode", raw.get("postcode"), 16, normalise_postcode)
    email = check.normalised("reporter.email", raw.get("email"), MAX_EMAIL, normalise_email)
    return ReporterIn(
        name=check.text("reporter.name", raw.get("name"), MAX_NAME),
        phone=phone,
        postcode=postcode,
        safe_to_text=check.boolean("reporter.safe_to_text", raw.get("safe_to_text")),
        consent_to_contact=bool(
            check.boolean("reporter.consent_to_contact", raw.get("consent_to_contact"))
        ),
        anonymous=bool(check.boolean("reporter.anonymous", raw.get("anonymous"))),
        preferred_contact=check.code(
            "reporter.preferred_contact",
            raw.get("preferred_contact"),
            PREFERRED_CONTACTS,
            required=False,
        ),
        email=email,
        best_time=check.text("reporter.best_time", raw.get("best_time"), MAX_BEST_TIME),
        consent_to_share=check.boolean("reporter.consent_to_share", raw.get("consent_to_share")),
        address=check.text("reporter.address", raw.get("address"), MAX_ADDRESS),
        visit_or_call=check.code(
            "reporter.visit_or_call", raw.get("visit_or_call"), VISIT_OR_CALL, required=False
        ),
        communication_needs=_parse_communication_needs(raw.get("communication_needs"), check),
    )


def _parse_communication_needs(raw: object, check: _FieldChecker) -> dict[str, Any] | None:
    """`{"needs": [codes], "language", "other"}` or None. Messages name the rule broken, never
    the value sent (the answers can reveal a disability)."""
    path = "reporter.communication_needs"
    section = check.section(path, raw, "must be an object with needs, language and other, or null")
    if not section:
        return None
    for unknown in sorted(set(section) - COMMUNICATION_FIELDS):
        check.errors[f"{path}.{unknown}"] = "is not a known field (needs, language, other)"
    needs = section.get("needs")
    if (
        not isinstance(needs, list)
        or not needs
        or not all(isinstance(code, str) and code in COMMUNICATION_NEEDS for code in needs)
    ):
        check.errors[f"{path}.needs"] = (
            f"must be a list of one or more of: {', '.join(COMMUNICATION_NEEDS)}"
        )
        needs = []
    needs = list(dict.fromkeys(needs))  # no repeats, order kept
    if len(needs) > 1 and STANDALONE_NEEDS & set(needs):
        check.errors[f"{path}.needs"] = "none and prefer_not_to_say cannot come with other needs"
    language = check.text(f"{path}.language", section.get("language"), MAX_LANGUAGE)
    other = check.text(f"{path}.other", section.get("other"), MAX_NEEDS_TEXT)
    return {"needs": needs, "language": language, "other": other}


def _parse_flags(raw: Mapping[str, Any] | None, check: _FieldChecker) -> dict[str, bool]:
    """Every flag in FLAG_NAMES, false unless the report sets it."""
    flags = dict.fromkeys(FLAG_NAMES, False)
    for name, value in (raw or {}).items():
        if name not in FLAG_NAMES:
            check.errors[f"flags.{name}"] = f"is not a known flag ({', '.join(FLAG_NAMES)})"
        else:
            flags[name] = bool(check.boolean(f"flags.{name}", value, False))
    return flags


def _parse_ram_answers(raw: Mapping[str, Any] | None, check: _FieldChecker) -> dict[str, Any]:
    """The Risk Assessment Matrix answers, keyed by question key (the backend scores them)."""
    ram_answers: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        if risk.question_for_key(str(key)) is None:
            check.errors[f"ram_answers.{key}"] = "is not a question key (q1_... to q14_...)"
        elif not isinstance(value, (str, bool, list, type(None))):
            check.errors[f"ram_answers.{key}"] = "must be text, true/false or a list"
        else:
            ram_answers[str(key)] = value
    return ram_answers


def _parse_details(raw: Mapping[str, Any], check: _FieldChecker) -> dict[str, Any]:
    """details with the keys the backend knows checked (the rest kept as it is): people
    involved and witnesses as text, evidence as codes, category_confirmed, corrections."""
    if len(json.dumps(raw)) > MAX_DETAILS_JSON:
        check.errors["details"] = f"is too large (at most {MAX_DETAILS_JSON} characters of JSON)"
        return {}
    details = dict(raw)
    for name in sorted(DETAILS_SET_BY_BACKEND & set(details)):
        check.errors[f"details.{name}"] = "is set by the backend, not by the report"
    for name in sorted(set(DETAILS_ELSEWHERE) & set(details)):
        check.errors[f"details.{name}"] = f"belongs in {DETAILS_ELSEWHERE[name]}, not in details"
    for name in DETAIL_TEXTS:
        if name in details:
            value = check.text(f"details.{name}", details[name], MAX_SHORT_TEXT)
            if value is None:
                details.pop(name)
            else:
                details[name] = value
    if "evidence" in details:
        evidence = details["evidence"]
        if evidence is None:
            details.pop("evidence")
        elif not isinstance(evidence, list) or not all(
            isinstance(item, str) and item in EVIDENCE_CODES for item in evidence
        ):
            check.errors["details.evidence"] = (
                f"must be a list of: {', '.join(EVIDENCE_CODES)} (or null)"
            )
        else:
            details["evidence"] = list(dict.fromkeys(evidence))  # no repeats, order kept
    if "category_confirmed" in details:
        confirmed = check.boolean("details.category_confirmed", details["category_confirmed"])
        if confirmed is None:
            details.pop("category_confirmed")
        else:
            details["category_confirmed"] = confirmed
    if "corrections" in details:
        corrections = details["corrections"]
        if corrections is None:
            details.pop("corrections")
        elif isinstance(corrections, bool) or not isinstance(corrections, int) or corrections < 0:
            check.errors["details.corrections"] = "must be a whole number, 0 or more (or null)"
    _parse_case_details(details, check)
    return details


def _parse_case_details(details: dict[str, Any], check: _FieldChecker) -> None:
    """The police reference and the answer to the court notice for evidence, checked in place
    (docs/domain.md section 8)."""
    if "police_reference" in details:
        path = "details.police_reference"
        reference = check.text(path, details["police_reference"], MAX_POLICE_REFERENCE)
        if reference is None:
            details.pop("police_reference")
        elif not _POLICE_REFERENCE.match(reference) or not re.search(r"\d", reference):
            check.errors[path] = (
                "must be letters, digits, spaces and / . : # - with at least one digit"
            )
        else:
            details["police_reference"] = " ".join(reference.split())
    if "evidence_consent" in details:
        consent = check.code(
            "details.evidence_consent", details["evidence_consent"], EVIDENCE_CONSENT, False
        )
        if consent is None:
            details.pop("evidence_consent")


def _parse_equality(raw: Mapping[str, Any], check: _FieldChecker) -> dict[str, str] | None:
    """Equality monitoring codes (special category data), or None when none was answered."""
    equality: dict[str, str] = {}
    for unknown in sorted(set(raw) - set(EQUALITY_CODES)):
        check.errors[f"equality.{unknown}"] = f"is not a known field ({', '.join(EQUALITY_CODES)})"
    for name, allowed in EQUALITY_CODES.items():
        # The message names the allowed codes, never the value given (special category).
        answer = check.code(f"equality.{name}", raw.get(name), allowed, required=False)
        if answer is not None:
            equality[name] = answer
    return equality or None


def _parse_assistant_risk(raw: Mapping[str, Any], check: _FieldChecker) -> dict[str, Any] | None:
    """The assistant's provisional {"score", "band"}, kept for audit."""
    for unknown in sorted(set(raw) - RISK_FIELDS):
        check.errors[f"risk.{unknown}"] = "is not a known field (score, band)"
    score = raw.get("score")
    if isinstance(score, bool) or not isinstance(score, int) or score < 0:
        check.errors["risk.score"] = "must be a whole number, 0 or more"
    band = check.code("risk.band", raw.get("band"), RISK_BANDS, required=True)
    if "risk.score" not in check.errors and band is not None:
        return {"score": score, "band": band}
    return None
