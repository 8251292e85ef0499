"""Turning a resident's report into a case, and reading cases back for staff.

Every function works inside the caller's transaction and never commits, so a case, its first
timeline event and the acknowledgement text are written together or not at all.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import phonenumbers
from sqlalchemy import and_, func, literal, null, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, selectinload

from backend.cases import teams
from backend.cases.models import (
    CATEGORIES,
    CHANNELS,
    EQUALITY_CODES,
    EVIDENCE_CODES,
    FREQUENCIES,
    PREFERRED_CONTACTS,
    RISK_BANDS,
    ROUTES,
    STATUSES,
    TEAMS,
    Case,
    CaseEvent,
)
from backend.sms_inbound.service import attach_recent_media
from backend.sms_outbound.service import enqueue_sms
from core import ram as risk
from core.i18n import _, day_name
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

# Length limits for what residents type (characters).
MAX_DESCRIPTION = 5000
MAX_SHORT_TEXT = 1000  # location, happened_when
MAX_NAME = 200
MAX_EMAIL = 254
MAX_BEST_TIME = 200
MAX_DETAILS_JSON = 20_000
MAX_FUTURE_SKEW = timedelta(minutes=10)  # clocks differ a little; more is a bug
REFERENCE_PATTERN = re.compile(r"^ASB-\d{4}-\d{6,}$")
_REPORT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
_LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
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
        "happening_now",
        "frequency",
        "reporter",
        "flags",
        "ram_answers",
        "details",
        "equality",
        "risk",
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
    }
)
RISK_FIELDS = frozenset({"score", "band"})
# details keys the backend checks (anything else in details is kept as it is). On the case the
# resident's evidence codes are kept as details["evidence_held"], because details["evidence"]
# holds the photos attached to the case (backend.sms_inbound.service).
DETAIL_TEXTS = ("people_involved", "witnesses")
DETAILS_SET_BY_BACKEND = frozenset({"assistant_risk", "evidence_held", "reporter_postcode"})


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
    happened_when: str | None = None
    happening_now: bool | None = None
    frequency: str | None = None
    reporter: ReporterIn = field(default_factory=ReporterIn)
    flags: dict[str, bool] = field(default_factory=dict)
    ram_answers: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    # Equality monitoring answers (special-category data: never log it) or None.
    equality: dict[str, str] | None = None
    # The assistant's provisional {"score", "band"} (the backend scores ram_answers itself).
    assistant_risk: dict[str, Any] | None = None


# -- validation -----------------------------------------------------------------------------


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
    match = _POSTCODE.match(" ".join(str(raw).split()).upper())
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


def parse_report(data: object, now: datetime | None = None) -> ReportIn:
    """Check a report body and return it cleaned up; raise ReportValidationError listing
    every problem. `now` (UTC) rejects a `received_at` in the future."""
    if not isinstance(data, Mapping):
        raise ReportValidationError({"": "the report must be a JSON object"})
    errors: dict[str, str] = {}

    def text(name: str, value: object, limit: int, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                errors[name] = "is required"
            return None
        if not isinstance(value, str):
            errors[name] = "must be text"
            return None
        value = value.strip()
        if len(value) > limit:
            errors[name] = f"is too long (at most {limit} characters)"
            return None
        return value

    def boolean(name: str, value: object, default: bool | None = None) -> bool | None:
        if value is None:
            return default
        if not isinstance(value, bool):
            errors[name] = "must be true, false or null"
            return default
        return value

    def code(name: str, value: object, allowed: tuple[str, ...], required: bool) -> str | None:
        if value is None:
            if required:
                errors[name] = "is required"
            return None
        if value not in allowed:
            errors[name] = f"must be one of: {', '.join(allowed)}"
            return None
        return value  # type: ignore[return-value]

    for unknown in sorted(set(data) - TOP_LEVEL_FIELDS):
        errors[unknown] = "is not a known field (put extra information in details)"

    report_id = data.get("report_id")
    if not isinstance(report_id, str) or not _REPORT_ID_PATTERN.match(report_id):
        errors["report_id"] = "must be 8 to 64 letters, digits or . _ : - (a UUID is best)"

    channel = code("channel", data.get("channel"), CHANNELS, required=True)
    route = code("route", data.get("route"), ROUTES, required=True)
    category = code("category", data.get("category"), CATEGORIES, required=False)
    frequency = code("frequency", data.get("frequency"), FREQUENCIES, required=False)

    language = data.get("language") or "en"
    if not isinstance(language, str) or not _LANGUAGE_PATTERN.match(language):
        errors["language"] = "must be a language code such as en or pl"
        language = "en"
    language = re.split(r"[_-]", language)[0].lower()

    received_at = None
    raw_received = data.get("received_at")
    if not isinstance(raw_received, str) or not raw_received:
        errors["received_at"] = "is required (ISO 8601 with a UTC offset)"
    else:
        try:
            received_at = datetime.fromisoformat(raw_received.replace("Z", "+00:00"))
        except ValueError:
            errors["received_at"] = "is not an ISO 8601 date and time"
        else:
            if received_at.tzinfo is None:
                errors["received_at"] = "needs a UTC offset, e.g. 2026-11-20T23:00:00+00:00"
                received_at = None
            elif now is not None and received_at > now + MAX_FUTURE_SKEW:
                errors["received_at"] = "is in the future"
                received_at = None

    description = text("description", data.get("description"), MAX_DESCRIPTION, required=True)
    location = text("location", data.get("location"), MAX_SHORT_TEXT)
    happened_when = text("happened_when", data.get("happened_when"), MAX_SHORT_TEXT)
    happening_now = boolean("happening_now", data.get("happening_now"))

    reporter = ReporterIn()
    raw_reporter = data.get("reporter")
    if raw_reporter is not None and not isinstance(raw_reporter, Mapping):
        errors["reporter"] = "must be an object"
    elif raw_reporter:
        for unknown in sorted(set(raw_reporter) - REPORTER_FIELDS):
            errors[f"reporter.{unknown}"] = "is not a known field"
        phone = None
        raw_phone = text("reporter.phone", raw_reporter.get("phone"), 40)
        if raw_phone:
            try:
                phone = normalise_phone(raw_phone)
            except ValueError as exc:
                errors["reporter.phone"] = str(exc)
        postcode = None
        raw_postcode = text("reporter.postcode", raw_reporter.get("postcode"), 16)
        if raw_postcode:
            try:
                postcode = normalise_postcode(raw_postcode)
            except ValueError as exc:
                errors["reporter.postcode"] = str(exc)
        email = None
        raw_email = text("reporter.email", raw_reporter.get("email"), MAX_EMAIL)
        if raw_email:
            try:
                email = normalise_email(raw_email)
            except ValueError as exc:
                errors["reporter.email"] = str(exc)
        reporter = ReporterIn(
            name=text("reporter.name", raw_reporter.get("name"), MAX_NAME),
            phone=phone,
            postcode=postcode,
            safe_to_text=boolean("reporter.safe_to_text", raw_reporter.get("safe_to_text")),
            consent_to_contact=bool(
                boolean("reporter.consent_to_contact", raw_reporter.get("consent_to_contact"))
            ),
            anonymous=bool(boolean("reporter.anonymous", raw_reporter.get("anonymous"))),
            preferred_contact=code(
                "reporter.preferred_contact",
                raw_reporter.get("preferred_contact"),
                PREFERRED_CONTACTS,
                required=False,
            ),
            email=email,
            best_time=text("reporter.best_time", raw_reporter.get("best_time"), MAX_BEST_TIME),
            consent_to_share=boolean(
                "reporter.consent_to_share", raw_reporter.get("consent_to_share")
            ),
        )

    flags = dict.fromkeys(FLAG_NAMES, False)
    raw_flags = data.get("flags")
    if raw_flags is not None and not isinstance(raw_flags, Mapping):
        errors["flags"] = "must be an object"
    elif raw_flags:
        for name, value in raw_flags.items():
            if name not in FLAG_NAMES:
                errors[f"flags.{name}"] = f"is not a known flag ({', '.join(FLAG_NAMES)})"
            else:
                flags[name] = bool(boolean(f"flags.{name}", value, False))

    ram_answers: dict[str, Any] = {}
    raw_ram = data.get("ram_answers")
    if raw_ram is not None and not isinstance(raw_ram, Mapping):
        errors["ram_answers"] = "must be an object"
    elif raw_ram:
        for key, value in raw_ram.items():
            if risk.question_for_key(str(key)) is None:
                errors[f"ram_answers.{key}"] = "is not a question key (q1_... to q14_...)"
            elif not isinstance(value, (str, bool, list, type(None))):
                errors[f"ram_answers.{key}"] = "must be text, true/false or a list"
            else:
                ram_answers[str(key)] = value

    details: dict[str, Any] = {}
    raw_details = data.get("details")
    if raw_details is not None and not isinstance(raw_details, Mapping):
        errors["details"] = "must be an object"
    elif raw_details:
        if len(json.dumps(raw_details)) > MAX_DETAILS_JSON:
            errors["details"] = f"is too large (at most {MAX_DETAILS_JSON} characters of JSON)"
        else:
            details = _parse_details(raw_details, errors, text, boolean)

    equality: dict[str, str] | None = None
    raw_equality = data.get("equality")
    if raw_equality is not None and not isinstance(raw_equality, Mapping):
        errors["equality"] = "must be an object or null"
    elif raw_equality:
        equality = {}
        for unknown in sorted(set(raw_equality) - set(EQUALITY_CODES)):
            errors[f"equality.{unknown}"] = f"is not a known field ({', '.join(EQUALITY_CODES)})"
        for name, allowed in EQUALITY_CODES.items():
            # The message names the allowed codes, never the value given (special category).
            answer = code(f"equality.{name}", raw_equality.get(name), allowed, required=False)
            if answer is not None:
                equality[name] = answer
        equality = equality or None

    assistant_risk: dict[str, Any] | None = None
    raw_risk = data.get("risk")
    if raw_risk is not None and not isinstance(raw_risk, Mapping):
        errors["risk"] = "must be an object with score and band, or null"
    elif raw_risk is not None:
        for unknown in sorted(set(raw_risk) - RISK_FIELDS):
            errors[f"risk.{unknown}"] = "is not a known field (score, band)"
        score = raw_risk.get("score")
        if isinstance(score, bool) or not isinstance(score, int) or score < 0:
            errors["risk.score"] = "must be a whole number, 0 or more"
        band = code("risk.band", raw_risk.get("band"), RISK_BANDS, required=True)
        if "risk.score" not in errors and band is not None:
            assistant_risk = {"score": score, "band": band}

    if errors:
        raise ReportValidationError(errors)
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
        reporter=reporter,
        flags=flags,
        ram_answers=ram_answers,
        details=details,
        equality=equality,
        assistant_risk=assistant_risk,
    )


def _parse_details(
    raw: Mapping[str, Any], errors: dict[str, str], text: Any, boolean: Any
) -> dict[str, Any]:
    """details with the keys the backend knows checked (the rest kept as it is): people
    involved and witnesses as text, evidence as codes, category_confirmed, corrections."""
    details = dict(raw)
    for name in sorted(DETAILS_SET_BY_BACKEND & set(details)):
        errors[f"details.{name}"] = "is set by the backend, not by the report"
    for name in DETAIL_TEXTS:
        if name in details:
            value = text(f"details.{name}", details[name], MAX_SHORT_TEXT)
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
            errors["details.evidence"] = f"must be a list of: {', '.join(EVIDENCE_CODES)} (or null)"
        else:
            details["evidence"] = list(dict.fromkeys(evidence))  # no repeats, order kept
    if "category_confirmed" in details:
        confirmed = boolean("details.category_confirmed", details["category_confirmed"])
        if confirmed is None:
            details.pop("category_confirmed")
        else:
            details["category_confirmed"] = confirmed
    if "corrections" in details:
        corrections = details["corrections"]
        if corrections is None:
            details.pop("corrections")
        elif isinstance(corrections, bool) or not isinstance(corrections, int) or corrections < 0:
            errors["details.corrections"] = "must be a whole number, 0 or more (or null)"
    return details


# -- creating a case ------------------------------------------------------------------------


def location_key(text: str | None) -> str | None:
    """The location lower-cased, punctuation and spacing squeezed: "Flat 3, 1 Example Rd."
    and "flat 3 1 example rd" give the same key (possible duplicates, postcode search)."""
    if not text:
        return None
    key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return key[:300] or None


def make_reference(case_id: int, year: int) -> str:
    """`ASB-2026-000123`: unique because the case id is (more digits after 999999)."""
    return f"ASB-{year}-{case_id:06d}"


def acknowledgement_text(case: Case, queue_day: date, landlord_name: str) -> str:
    """The text confirming a report, in the resident's language (about two SMS segments)."""
    values = {
        "landlord": landlord_name,
        "reference": case.reference,
        "day": day_name(queue_day, case.language),
    }
    if case.is_asb:
        return _(
            "{landlord}: thank you, we have your report about anti-social behaviour. "
            "Your reference is {reference}. Our team will review it on {day}. "
            "If anyone is in danger call 999.",
            language=case.language,
            **values,
        )
    return _(
        "{landlord}: thank you, we have your report. Your reference is {reference}. "
        "Our team will look at it on {day} and tell you how we can help. "
        "If anyone is in danger call 999.",
        language=case.language,
        **values,
    )


def _insert_if_new(session: Session, values: dict[str, Any]) -> bool:
    """INSERT the case unless its report_id exists; True when this call inserted it.

    ON CONFLICT DO NOTHING makes a concurrent duplicate wait for the first transaction and
    then insert nothing, with no error, so the caller's transaction stays usable (a SAVEPOINT
    would not do: on SQLite its release commits, breaking the one-transaction guarantee).
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"unsupported database: {dialect}")
    statement = (
        insert(Case.__table__).values(**values).on_conflict_do_nothing(index_elements=["report_id"])
    )
    return session.execute(statement).rowcount == 1


def get_case_by_report_id(session: Session, report_id: str) -> Case | None:
    return session.execute(select(Case).where(Case.report_id == report_id)).scalar_one_or_none()


def case_details(payload: ReportIn) -> dict[str, Any]:
    """What the case keeps in `details`: the report's details, with the resident's evidence
    codes as `evidence_held` (`evidence` is for attached photos), the postcode and the
    assistant's provisional score (`assistant_risk`, kept for audit)."""
    details = dict(payload.details)
    if "evidence" in details:
        details["evidence_held"] = details.pop("evidence")
    if payload.reporter.postcode:
        details["reporter_postcode"] = payload.reporter.postcode
    if payload.assistant_risk is not None:
        details["assistant_risk"] = dict(payload.assistant_risk)
    return details


def create_case_from_report(
    session: Session,
    payload: ReportIn,
    calendar: WorkingCalendar,
    now: datetime,
    *,
    landlord_name: str = "your landlord",
) -> tuple[Case, bool]:
    """Open a case for `payload` (idempotent on report_id); return (case, created).

    A report already received returns its case with created=False, also when two requests
    race. In the same transaction: the "created" timeline event and, when the resident gave a
    phone number, consented to contact and said texting is safe, the acknowledgement text.
    """
    existing = get_case_by_report_id(session, payload.report_id)
    if existing is not None:
        return existing, False

    flags = dict(payload.flags)
    flags["domestic_abuse"] = bool(
        flags.get("domestic_abuse")
        or payload.category == "domestic_abuse"
        or payload.route == "domestic_abuse"
    )
    flags["hate"] = bool(flags.get("hate") or payload.category == "hate" or payload.route == "hate")
    flags["urgent"] = bool(flags.get("urgent") or payload.route == "emergency")

    team = teams.owner_team(payload.category, payload.route, flags, payload.details)
    assessment = risk.score_answers(payload.ram_answers, payload.frequency)
    priority = teams.triage_priority_days(team, assessment.band, flags)
    queue_day = calendar.queue_date(payload.received_at)
    reporter = payload.reporter

    inserted = _insert_if_new(
        session,
        {
            "report_id": payload.report_id,
            "channel": payload.channel,
            "language": payload.language,
            "status": "new",
            "route": payload.route,
            "category": payload.category,
            "is_asb": payload.route not in ("not_asb", "out_of_scope"),
            "owner_team": team,
            "description": payload.description,
            "location": payload.location,
            "location_key": location_key(payload.location),
            "happened_when": payload.happened_when,
            "happening_now": payload.happening_now,
            "frequency": payload.frequency,
            "reporter_name": reporter.name,
            "reporter_phone": reporter.phone,
            "safe_to_text": reporter.safe_to_text,
            "consent_to_contact": reporter.consent_to_contact,
            "anonymous": reporter.anonymous,
            "reporter_email": reporter.email,
            "preferred_contact": reporter.preferred_contact,
            "best_time": reporter.best_time,
            "consent_to_share": reporter.consent_to_share,
            # SQL NULL (not JSON null) when not answered, so "IS NOT NULL" finds the answers.
            "equality": payload.equality if payload.equality is not None else null(),
            **{name: flags[name] for name in FLAG_NAMES},
            "ram_answers": payload.ram_answers,
            "risk_score": assessment.score,
            "risk_band": assessment.band,
            "triage_priority_days": priority,
            "received_at": payload.received_at,
            "queue_date": queue_day,
            "triage_due": calendar.due_date(queue_day, priority),
            "details": case_details(payload),
            "created_at": now,
            "updated_at": now,
        },
    )
    case = get_case_by_report_id(session, payload.report_id)
    if case is None:  # pragma: no cover - the row exists either way
        raise RuntimeError("case vanished after insert")
    if not inserted:
        log.info("report already received: case=%s", case.reference)
        return case, False

    case.reference = make_reference(case.id, calendar.local(payload.received_at).year)
    texts = bool(reporter.phone and reporter.consent_to_contact and reporter.safe_to_text)
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="assistant",
            kind="created",
            summary=f"Report received ({payload.channel}); owner {team}, "
            f"priority {priority} working day{'s' if priority != 1 else ''}",
            data={
                "report_id": payload.report_id,
                "route": payload.route,
                "category": payload.category,
                "owner_team": team,
                "risk_score": assessment.score,
                "risk_band": assessment.band,
                "ram_scored": assessment.scored,
                "ram_unscored": list(assessment.unscored),
                "ram_declined": list(assessment.declined),
                "assistant_risk": payload.assistant_risk,
                "queue_date": queue_day.isoformat(),
                "triage_due": case.triage_due.isoformat(),
                "acknowledgement_text": texts,
            },
        )
    )
    session.flush()
    if payload.channel == "sms":
        # Photos the resident texted while reporting become evidence on the case.
        attach_recent_media(session, case, now=now)
    if texts:
        enqueue_sms(
            session,
            case_id=case.id,
            to_number=reporter.phone,  # type: ignore[arg-type]
            body=acknowledgement_text(case, queue_day, landlord_name),
            kind="ack",
            dedupe_key=f"ack:{case.id}",
            # It answers what the resident has just done, so it goes out at once.
            urgent=True,
        )
    if assessment.unscored:
        log.warning(
            "case %s: RAM answers not scored: %s", case.reference, ", ".join(assessment.unscored)
        )
    log.info(
        "case created: case=%s id=%s team=%s band=%s priority=%s",
        case.reference,
        case.id,
        team,
        assessment.band,
        priority,
    )
    return case, True


# -- reading cases --------------------------------------------------------------------------


def get_case_by_reference(session: Session, reference: str) -> Case | None:
    """The case with this reference (case-insensitive), with its timeline loaded."""
    reference = reference.strip().upper()
    if not REFERENCE_PATTERN.match(reference):
        return None
    query = select(Case).where(Case.reference == reference).options(selectinload(Case.events))
    return session.execute(query).scalar_one_or_none()


QUEUE_STATUSES = ("new", "open", *STATUSES[1:], "all")  # "open": anything not closed


def _queue_filter(team: str | None, category: str | None, status: str = "new") -> list[Any]:
    if team is not None and team not in TEAMS:
        raise ValueError(f"team must be one of {', '.join(TEAMS)}")
    if category is not None and category not in CATEGORIES:
        raise ValueError("unknown category")
    if status not in QUEUE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(QUEUE_STATUSES)}")
    conditions: list[Any] = []
    if status == "open":
        conditions.append(Case.status != "closed")
    elif status != "all":
        conditions.append(Case.status == status)
    if team:
        conditions.append(Case.owner_team == team)
    if category:
        conditions.append(Case.category == category)
    return conditions


def _most_urgent() -> Any:
    """0 for emergency, domestic abuse, hate, safeguarding or HIGH risk; 1 for the rest."""
    return sql_case(
        (
            or_(
                Case.urgent,
                Case.domestic_abuse,
                Case.hate,
                Case.safeguarding,
                Case.risk_band == "HIGH",
            ),
            0,
        ),
        else_=1,
    )


def overdue_condition(today: date) -> Any:
    """SQL for `is_overdue`: waiting for triage past its due date, or past a promised date."""
    return or_(
        and_(Case.status == "new", Case.triage_due < today),
        and_(Case.status != "closed", Case.promised_date < today),
    )


def triage_queue(
    session: Session,
    team: str | None = None,
    category: str | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    status: str = "new",
    today: date | None = None,
) -> list[Case]:
    """New cases (or `status`), most urgent first (urgent, domestic abuse, hate, safeguarding
    or HIGH risk), then by triage due date, then oldest first. With `today`, overdue cases come
    before all others. ValueError for an unknown team, category or status."""
    order: list[Any] = []
    if today is not None:
        order.append(sql_case((overdue_condition(today), 0), else_=1))
    order += [_most_urgent(), Case.triage_due, Case.received_at, Case.id]
    query = (
        select(Case)
        .where(*_queue_filter(team, category, status))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(query).scalars())


def count_triage_queue(
    session: Session, team: str | None = None, category: str | None = None, status: str = "new"
) -> int:
    """How many cases `triage_queue` would list without paging."""
    query = select(func.count(Case.id)).where(*_queue_filter(team, category, status))
    return session.execute(query).scalar_one()


# -- search and related cases -----------------------------------------------------------------

_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{7,}$")
CASE_REVIEW_REPORTS = 3  # ASB Case Review threshold: reports by the same person...
CASE_REVIEW_WINDOW = timedelta(days=183)  # ...within six months


class SearchError(ValueError):
    """The search term is not a reference, phone number or postcode."""


def search_cases(
    session: Session, term: str, team: str | None = None, limit: int = 50
) -> list[Case]:
    """Cases matching a reference, a phone number (normalised like reports) or a postcode
    (full, or the outward part such as "LS6"), newest first; `team` limits the owner team."""
    term = " ".join(term.split()).upper()
    if not term:
        raise SearchError("Enter a reference, a phone number or a postcode.")
    conditions: list[Any]
    if REFERENCE_PATTERN.match(term):
        conditions = [Case.reference == term]
    elif re.fullmatch(r"\d{1,9}", term):  # the number part of a reference
        conditions = [Case.reference.like(f"ASB-%-{int(term):06d}")]
    elif _PHONE_LIKE.match(term):
        try:
            phone = normalise_phone(term)
        except ValueError as exc:
            raise SearchError("That is not a phone number we can search for.") from exc
        conditions = [Case.reporter_phone == phone]
    elif match := _POSTCODE.match(term):
        outward, inward = (part.lower() for part in match.groups())
        conditions = [
            or_(
                Case.location_key.like(f"%{outward} {inward}%"),
                Case.location_key.like(f"%{outward}{inward}%"),
            )
        ]
    elif _OUTWARD_CODE.match(term):
        padded = literal(" ") + Case.location_key + literal(" ")
        conditions = [padded.like(f"% {term.lower()} %")]
    else:
        raise SearchError("Enter a reference, a phone number or a postcode.")
    if team:
        conditions.append(Case.owner_team == team)
    query = select(Case).where(*conditions).order_by(Case.received_at.desc()).limit(limit)
    return list(session.execute(query).scalars())


def related_cases(session: Session, case: Case, limit: int = 20) -> list[dict[str, Any]]:
    """Other cases from the same phone number, or open cases at the same location (possible
    duplicates), newest first, each saying why it is related."""
    matches: list[Any] = []
    if case.reporter_phone:
        matches.append(Case.reporter_phone == case.reporter_phone)
    if case.location_key:
        matches.append(and_(Case.location_key == case.location_key, Case.status != "closed"))
    if not matches:
        return []
    query = (
        select(Case)
        .where(Case.id != case.id, or_(*matches))
        .order_by(Case.received_at.desc())
        .limit(limit)
    )
    related = []
    for other in session.execute(query).scalars():
        reasons = []
        if case.reporter_phone and other.reporter_phone == case.reporter_phone:
            reasons.append("same phone")
        if case.location_key and other.location_key == case.location_key:
            reasons.append("same address")
        related.append(
            {
                "reference": other.reference,
                "status": other.status,
                "category": other.category,
                "owner_team": other.owner_team,
                "received_at": other.received_at,
                "reasons": reasons,
                "possible_duplicate": other.status != "closed",
            }
        )
    return related


def reports_in_window(session: Session, case: Case) -> int:
    """Reports from this case's phone number in the six months up to this case (itself too)."""
    if not case.reporter_phone:
        return 1
    query = select(func.count(Case.id)).where(
        Case.reporter_phone == case.reporter_phone,
        Case.received_at > case.received_at - CASE_REVIEW_WINDOW,
        Case.received_at <= case.received_at,
    )
    return session.execute(query).scalar_one()


def is_overdue(case: Case, today: date) -> bool:
    """Still waiting for triage after its due date, or open past the date we promised."""
    if case.status == "new" and today > case.triage_due:
        return True
    promised = getattr(case, "promised_date", None)
    return case.status != "closed" and promised is not None and today > promised


# -- JSON shapes ----------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def report_receipt(case: Case) -> dict[str, Any]:
    """What POST /api/reports answers (201 and 200 alike)."""
    return {
        "reference": case.reference,
        "case_id": case.id,
        "status": case.status,
        "category": case.category,
        "owner_team": case.owner_team,
        "risk_score": case.risk_score,
        "risk_band": case.risk_band,
        "triage_priority_days": case.triage_priority_days,
        "queue_date": _iso(case.queue_date),
        "triage_due": _iso(case.triage_due),
    }


def _flags(case: Case) -> dict[str, bool]:
    return {name: bool(getattr(case, name)) for name in FLAG_NAMES}


def queue_item_to_dict(case: Case, today: date) -> dict[str, Any]:
    """One row of the triage queue: what staff need to pick the next case, no contact details
    and none of the resident's own words."""
    return {
        "reference": case.reference,
        "case_id": case.id,
        "status": case.status,
        "channel": case.channel,
        "language": case.language,
        "route": case.route,
        "category": case.category,
        "is_asb": case.is_asb,
        "owner_team": case.owner_team,
        "risk_score": case.risk_score,
        "risk_band": case.risk_band,
        "triage_priority_days": case.triage_priority_days,
        "flags": _flags(case),
        "happening_now": case.happening_now,
        "anonymous": case.anonymous,
        "received_at": _iso(case.received_at),
        "queue_date": _iso(case.queue_date),
        "triage_due": _iso(case.triage_due),
        "overdue": is_overdue(case, today),
    }


def event_to_dict(event: CaseEvent) -> dict[str, Any]:
    return {
        "at": _iso(event.at),
        "actor": event.actor,
        "kind": event.kind,
        "summary": event.summary,
        "data": event.data,
    }


def case_to_dict(case: Case, today: date) -> dict[str, Any]:
    """Everything on the case, for staff (GET /api/cases/{reference})."""
    return {
        **queue_item_to_dict(case, today),
        "report_id": case.report_id,
        "assigned_to": case.assigned_to,
        "description": case.description,
        "location": case.location,
        "happened_when": case.happened_when,
        "frequency": case.frequency,
        "reporter": {
            "name": case.reporter_name,
            "phone": case.reporter_phone,
            "safe_to_text": case.safe_to_text,
            "consent_to_contact": case.consent_to_contact,
            "anonymous": case.anonymous,
            "email": case.reporter_email,
            "preferred_contact": case.preferred_contact,
            "best_time": case.best_time,
            "consent_to_share": case.consent_to_share,
        },
        # Never `equality` here: special-category data is for managers on the case page only.
        "ram_answers": case.ram_answers,
        "details": case.details,
        "triaged_at": _iso(case.triaged_at),
        "closed_at": _iso(case.closed_at),
        "closure_reason": case.closure_reason,
        "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at),
        "events": [event_to_dict(event) for event in case.events],
    }
