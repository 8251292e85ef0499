"""Case work by staff: triage decisions, status, notes, RAM, updates, promised dates, action plans.

Every function works inside the caller's transaction and never commits. Each change writes a
timeline event naming who did it, when, and the values before and after
(`data = {"before": {...}, "after": {...}, ...}`), which is the case's audit trail. Texts to the
resident are queued with `enqueue_sms` in the same transaction as the change they report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases import teams
from backend.cases.models import CATEGORIES, RISK_BANDS, STATUSES, TEAMS, Case, CaseEvent
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.updates import may_text, queue_case_update
from core import ram as risk
from core.i18n import N_, _, day_name
from core.workdays import WorkingCalendar

PRIORITIES = (1, 3, 5)
MAX_NOTE = 5000
MAX_REASON = 1000


class CaseWorkError(ValueError):
    """A change staff asked for that cannot be made; the message says why, in plain words."""


@dataclass(frozen=True)
class Landlord:
    """What resident texts say about the landlord."""

    name: str = "your landlord"
    phone: str = "0300 000 0000"


# -- audit ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a column value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(case: Case, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(case, name)) for name in fields}


def audit(
    session: Session,
    case: Case,
    actor: str,
    kind: str,
    summary: str,
    now: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    **extra: Any,
) -> CaseEvent:
    """Add a timeline event with what changed (only the fields whose value changed)."""
    before = dict(before or {})
    after = dict(after or {})
    changed = [name for name in after if before.get(name) != after.get(name)]
    data: dict[str, Any] = {
        "before": {name: before.get(name) for name in changed},
        "after": {name: after[name] for name in changed},
        **extra,
    }
    event = CaseEvent(case_id=case.id, at=now, actor=actor, kind=kind, summary=summary, data=data)
    session.add(event)
    case.updated_at = now
    return event


def _required_text(value: str | None, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise CaseWorkError(f"Give {what}.")
    if len(value) > limit:
        raise CaseWorkError(f"{what.capitalize()} is too long (at most {limit} characters).")
    return value


# -- triage and assignment -----------------------------------------------------------------

TRIAGE_FIELDS = (
    "status",
    "category",
    "owner_team",
    "assigned_to",
    "is_asb",
    "risk_band",
    "triage_priority_days",
    "triage_due",
    "triaged_at",
)


@dataclass(frozen=True)
class TriageDecision:
    """What the duty officer decided; `team` None means "the category's usual team"."""

    category: str
    risk_band: str
    priority_days: int
    is_asb: bool
    reason: str
    team: str | None = None
    assigned_to: str | None = None


def _flags(case: Case) -> dict[str, bool]:
    return {name: bool(getattr(case, name)) for name in ("domestic_abuse", "hate")}


def triage_case(
    session: Session,
    case: Case,
    decision: TriageDecision,
    *,
    actor: str,
    calendar: WorkingCalendar,
    now: datetime,
) -> CaseEvent:
    """Record the triage decision: category (and owner team), band, priority and due date
    (counted from the queue date), ASB or good-neighbour, assignment, and the reason."""
    if decision.category not in CATEGORIES:
        raise CaseWorkError("Choose a category from the list.")
    if decision.risk_band not in RISK_BANDS:
        raise CaseWorkError("Choose a risk band: LOW, MEDIUM or HIGH.")
    if decision.priority_days not in PRIORITIES:
        raise CaseWorkError("Choose a priority of 1, 3 or 5 working days.")
    if decision.team is not None and decision.team not in TEAMS:
        raise CaseWorkError("Choose a team from the list.")
    if case.status == "closed":
        raise CaseWorkError("This case is closed. Reopen it before triaging it again.")
    reason = _required_text(decision.reason, "the reason for this decision", MAX_REASON)

    before = snapshot(case, TRIAGE_FIELDS)
    case.category = decision.category
    case.owner_team = decision.team or teams.owner_team(
        decision.category, case.route, _flags(case), case.details
    )
    case.is_asb = decision.is_asb
    case.risk_band = decision.risk_band
    case.triage_priority_days = decision.priority_days
    case.triage_due = calendar.due_date(case.queue_date, decision.priority_days)
    case.assigned_to = (decision.assigned_to or "").strip() or None
    if case.status == "new":
        case.status = "triaged"
        case.triaged_at = now
    after = snapshot(case, TRIAGE_FIELDS)
    handling = "ASB" if case.is_asb else "good-neighbour matter"
    summary = (
        f"Triaged: {case.category} ({handling}), owner {case.owner_team}, "
        f"{case.risk_band} risk, priority {case.triage_priority_days} working "
        f"day{'s' if case.triage_priority_days != 1 else ''}"
    )
    return audit(session, case, actor, "triage", summary, now, before, after, reason=reason)


def assign_case(
    session: Session,
    case: Case,
    *,
    team: str,
    officer: str | None,
    actor: str,
    now: datetime,
    reason: str = "",
) -> CaseEvent:
    """Give the case to a team and, optionally, one of its officers."""
    if team not in TEAMS:
        raise CaseWorkError("Choose a team from the list.")
    before = snapshot(case, ("owner_team", "assigned_to"))
    case.owner_team = team
    case.assigned_to = (officer or "").strip() or None
    after = snapshot(case, ("owner_team", "assigned_to"))
    who = f"{case.assigned_to} ({team})" if case.assigned_to else f"team {team}"
    return audit(
        session, case, actor, "assign", f"Assigned to {who}", now, before, after, reason=reason
    )


# -- status and notes ----------------------------------------------------------------------

STATUS_LABELS = {
    "new": "New",
    "triaged": "Triaged",
    "in_progress": "In progress",
    "awaiting_resident": "Awaiting resident",
    "closed": "Closed",
}
CLOSURE_REASONS = (
    "Resolved",
    "Resolved: good-neighbour advice given",
    "No further incidents reported",
    "Resident did not respond",
    "Resident asked to close",
    "Duplicate of another case",
    "Passed to another agency",
    "Not enough evidence to act",
)


def set_status(
    session: Session,
    case: Case,
    status: str,
    *,
    actor: str,
    now: datetime,
    closure_reason: str | None = None,
    note: str | None = None,
    landlord: Landlord | None = None,
    tell_resident: bool = True,
) -> CaseEvent:
    """Move the case along the workflow; closing needs a reason, reopening clears it.

    Closing texts the resident the closure reason and the first survey question (in the same
    transaction) when `tell_resident` and they may be texted; the event records either way."""
    if status not in STATUSES or status == "new":
        raise CaseWorkError("Choose triaged, in progress, awaiting resident or closed.")
    if status == case.status:
        raise CaseWorkError(f"The case is already {STATUS_LABELS[status].lower()}.")
    before = snapshot(case, ("status", "closure_reason", "closed_at", "triaged_at"))
    if status == "closed":
        case.closure_reason = _required_text(closure_reason, "a closure reason", MAX_REASON)
        case.closed_at = now
    else:
        case.closure_reason = None
        case.closed_at = None
    if case.triaged_at is None:
        case.triaged_at = now
    case.status = status
    after = snapshot(case, ("status", "closure_reason", "closed_at", "triaged_at"))
    summary = f"Status: {STATUS_LABELS[before['status']]} to {STATUS_LABELS[status]}"
    if status == "closed":
        summary += f" ({case.closure_reason})"
    extra: dict[str, Any] = {"note": note.strip()} if note and note.strip() else {}
    if status == "closed" and tell_resident:
        summary += _closure_text(session, case, landlord or Landlord(), now, extra)
    return audit(session, case, actor, "status", summary, now, before, after, **extra)


def _closure_text(
    session: Session, case: Case, landlord: Landlord, now: datetime, extra: dict[str, Any]
) -> str:
    """Queue the closure text with the survey; what to add to the event's summary."""
    message = queue_case_update(
        session,
        case,
        "closure",
        landlord_name=landlord.name,
        landlord_phone=landlord.phone,
        now=now,
        reason=case.closure_reason,
    )
    if message is None:
        reason = may_text(session, case) or "no number"
        extra["resident_texted"] = False
        return f"; resident NOT texted ({reason})"
    extra["outbox_id"] = message.id
    extra["resident_texted"] = True
    return "; closure text and survey queued to the resident"


def add_note(session: Session, case: Case, text: str, *, actor: str, now: datetime) -> CaseEvent:
    """A free-text note on the timeline."""
    text = _required_text(text, "the text of the note", MAX_NOTE)
    return audit(session, case, actor, "note", text, now, after={}, text=text)


# -- risk assessment -----------------------------------------------------------------------


def update_ram(
    session: Session,
    case: Case,
    answers: Mapping[str, Any],
    *,
    actor: str,
    now: datetime,
    calendar: WorkingCalendar,
) -> CaseEvent:
    """The officer confirms or changes the RAM answers: the score and band are recomputed, and
    a case not yet triaged gets the priority and due date that go with the new band."""
    cleaned: dict[str, Any] = {}
    for key, value in answers.items():
        question = risk.question_for_key(key)
        if question is None:
            raise CaseWorkError(f"Unknown risk question {key}.")
        values = value if isinstance(value, list) else [value]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        if any(v not in question.answers and v != risk.DECLINED for v in values):
            raise CaseWorkError(f"Choose an answer from the list for question {question.number}.")
        if risk.DECLINED in values and len(values) > 1:
            raise CaseWorkError(
                f"Question {question.number}: 'Prefer not to say' cannot go with other answers."
            )
        cleaned[key] = values if question.multiple else values[0]
    assessment = risk.score_answers(cleaned)
    fields = ("ram_answers", "risk_score", "risk_band", "triage_priority_days", "triage_due")
    before = snapshot(case, fields)
    case.ram_answers = cleaned
    case.risk_score = assessment.score
    case.risk_band = assessment.band
    case.ram_confirmed_at = now
    case.ram_confirmed_by = actor
    if case.status == "new":
        flags = {
            name: bool(getattr(case, name))
            for name in ("urgent", "hate", "domestic_abuse", "safeguarding", "vulnerable")
        }
        case.triage_priority_days = teams.triage_priority_days(
            case.owner_team, assessment.band, flags
        )
        case.triage_due = calendar.due_date(case.queue_date, case.triage_priority_days)
    after = snapshot(case, fields)
    summary = f"Risk assessment confirmed: score {assessment.score} ({assessment.band})"
    return audit(session, case, actor, "ram", summary, now, before, after)


# -- texts to the resident -----------------------------------------------------------------


def can_text(case: Case) -> bool:
    """A number, consent to contact, and the resident said texting that number is safe."""
    return bool(case.reporter_phone and case.consent_to_contact and case.safe_to_text is True)


def why_no_text(case: Case) -> str | None:
    """Why this resident cannot be texted, or None when they can."""
    if not case.reporter_phone:
        return "The resident gave no phone number."
    if not case.consent_to_contact:
        return "The resident did not agree to be contacted."
    if case.safe_to_text is not True:
        return "The resident has not said it is safe to text this number. Ask them first."
    return None


# How the case page says a preference other than texts (codes of models.PREFERRED_CONTACTS;
# the short labels are models.PREFERRED_CONTACT_LABELS).
CONTACT_PREFERENCE_PHRASES = {"call": "Prefers a phone call", "email": "Prefers email"}


def contact_preference(case: Case) -> str | None:
    """How the resident asked to be contacted, for staff, when it is not by text: e.g.
    "Prefers a phone call, best time: evenings." None when they chose texts or did not say.

    It includes the email address (like the case page's contact details), so it is for the
    case page only: never log it or put it in a text. Texting rules do not change: see
    `why_no_text`."""
    phrase = CONTACT_PREFERENCE_PHRASES.get(case.preferred_contact or "")
    if phrase is None:
        return None
    if case.preferred_contact == "email" and case.reporter_email:
        parts = [f"{phrase}: {case.reporter_email}"]
    elif case.preferred_contact == "email":
        parts = [phrase, "but gave no email address"]
    elif not case.reporter_phone:
        parts = [phrase, "but gave no phone number"]
    else:
        parts = [phrase]
    best_time = (case.best_time or "").strip().rstrip(".")
    if best_time:
        parts.append(f"best time: {best_time}")
    sentence = ", ".join(parts) + "."
    if not case.consent_to_contact:
        sentence += " They did not agree to be contacted."
    return sentence


def next_update_day(case: Case, calendar: WorkingCalendar, today: date) -> date:
    """The promised date if it is still ahead, else five working days from today."""
    if case.promised_date and case.promised_date >= today:
        return case.promised_date
    return calendar.add_working_days(today, 5)


UPDATE_TEMPLATES: dict[str, tuple[str, str]] = {
    "reviewed": (
        "Report reviewed: an officer will contact them",
        N_(
            "{landlord}: we have reviewed your report {reference}. An officer from our "
            "community safety team will contact you by {day}. If anyone is in danger call 999."
        ),
    ),
    "in_progress": (
        "Progress update",
        N_(
            "{landlord}: an update on your report {reference}. We are working on it and will "
            "update you again by {day}. To tell us anything new call {phone}."
        ),
    ),
    "awaiting_resident": (
        "We need to speak to them",
        N_(
            "{landlord}: about your report {reference}: we need to speak to you. Please call "
            "us on {phone}, Monday to Friday."
        ),
    ),
    "good_neighbour": (
        "Not treated as ASB, but we can help",
        N_(
            "{landlord}: we have looked at your report {reference}. We will not treat it as "
            "anti-social behaviour, but we can still help, for example with advice or "
            "mediation. Call {phone} to talk it through."
        ),
    ),
    "closing": (
        "We plan to close the case",
        N_(
            "{landlord}: we plan to close your report {reference}. If the problem is still "
            "happening or you want to talk about it, call {phone} by {day}."
        ),
    ),
}


def render_update(
    case: Case, key: str, landlord: Landlord, calendar: WorkingCalendar, today: date
) -> str:
    """The text of update template `key` for this case, in the resident's language."""
    if key not in UPDATE_TEMPLATES:
        raise CaseWorkError("Choose a message from the list.")
    return _(
        UPDATE_TEMPLATES[key][1],
        language=case.language,
        landlord=landlord.name,
        reference=case.reference,
        phone=landlord.phone,
        day=day_name(next_update_day(case, calendar, today), case.language),
    )


def _queue_text(
    session: Session, case: Case, body: str, kind: str, dedupe_key: str, urgent: bool = False
) -> int:
    reason = why_no_text(case)
    if reason:
        raise CaseWorkError(reason)
    message = enqueue_sms(
        session,
        case_id=case.id,
        to_number=case.reporter_phone,  # type: ignore[arg-type]
        body=body,
        kind=kind,
        dedupe_key=dedupe_key,
        urgent=urgent,
    )
    return message.id  # type: ignore[union-attr]


def send_update(
    session: Session,
    case: Case,
    key: str,
    *,
    nonce: str,
    actor: str,
    now: datetime,
    landlord: Landlord,
    calendar: WorkingCalendar,
) -> CaseEvent:
    """Queue update template `key` to the resident; `nonce` (from the form) stops a double
    submit sending it twice."""
    body = render_update(case, key, landlord, calendar, calendar.today(now))
    outbox_id = _queue_text(session, case, body, "update", f"update:{case.id}:{nonce}")
    label = UPDATE_TEMPLATES[key][0]
    return audit(
        session,
        case,
        actor,
        "update",
        f"Update text queued: {label}",
        now,
        template=key,
        outbox_id=outbox_id,
    )


def delay_text(case: Case, old: date, new: date, landlord: Landlord) -> str:
    """Telling the resident a promised date has moved."""
    return _(
        "{landlord}: about your report {reference}: we said we would get back to you by "
        "{old_day}. We need a little more time and will now do this by {new_day}. Sorry for "
        "the delay. If things get worse call {phone}, or 999 if anyone is in danger.",
        language=case.language,
        landlord=landlord.name,
        reference=case.reference,
        old_day=day_name(old, case.language),
        new_day=day_name(new, case.language),
        phone=landlord.phone,
    )


def current_promise(case: Case) -> date:
    """The date the resident was last told to expect the next step by."""
    return case.promised_date or case.triage_due


def change_promised_date(
    session: Session,
    case: Case,
    new_date: date,
    *,
    reason: str,
    actor: str,
    now: datetime,
    calendar: WorkingCalendar,
    landlord: Landlord,
    tell_resident: bool = True,
) -> CaseEvent:
    """Set the date the next step is promised by. When it is later than the date the resident
    was given, the extension is recorded and (if they can be texted) they are told."""
    today = calendar.today(now)
    if new_date < today:
        raise CaseWorkError("The new date cannot be in the past.")
    if not calendar.is_working_day(new_date):
        raise CaseWorkError("Choose a working day (not a weekend, bank holiday or closure).")
    if case.status == "closed":
        raise CaseWorkError("This case is closed.")
    reason = _required_text(reason, "the reason for the new date", MAX_REASON)
    old = current_promise(case)
    before = snapshot(case, ("promised_date",))
    before.setdefault("promised_date", None)
    case.promised_date = new_date
    after = snapshot(case, ("promised_date",))
    slipped = new_date > old
    extra: dict[str, Any] = {"reason": reason, "previous_promise": old.isoformat()}
    summary = f"Next step promised by {new_date.isoformat()}"
    if slipped:
        extra["extension_working_days"] = calendar.working_days_between(old, new_date)
        summary = f"Date extended from {old.isoformat()} to {new_date.isoformat()}"
        if tell_resident and can_text(case):
            extra["outbox_id"] = _queue_text(
                session,
                case,
                delay_text(case, old, new_date, landlord),
                "delay",
                f"delay:{case.id}:{new_date.isoformat()}",
            )
            summary += "; resident told by text"
        elif tell_resident:
            summary += f"; resident NOT texted ({why_no_text(case) or 'not asked'})"
    return audit(session, case, actor, "due_date", summary, now, before, after, **extra)


# -- written action plan (DOMAIN section 10) ----------------------------------------------

# code -> (what staff tick, what the resident reads)
RESIDENT_ACTIONS: dict[str, tuple[str, str]] = {
    "report_incidents": ("Report further incidents", N_("report any further incidents to us")),
    "keep_diary": ("Keep a diary", N_("keep a diary of what happens, with dates and times")),
    "environmental_health": (
        "Contact Environmental Health",
        N_("contact the council's Environmental Health team about the noise"),
    ),
    "evidence_app": ("Use the evidence app", N_("record incidents with the evidence app")),
    "report_crime_101": ("Report crime to police on 101", N_("report any crime to police on 101")),
    "avoid_contact": (
        "Avoid contact with the person",
        N_("avoid contact with the person you are complaining about"),
    ),
    "ask_support": ("Ask for support", N_("tell us if you need support")),
}
LANDLORD_ACTIONS: dict[str, tuple[str, str]] = {
    "warning_letter": ("Warning letter", N_("send a warning letter")),
    "interview": (
        "Interview the person complained about",
        N_("speak to the person you are complaining about"),
    ),
    "police_information": ("Ask police for information", N_("ask the police for information")),
    "door_knock": (
        "Door-knock and community survey",
        N_("knock on doors and ask neighbours about the problem"),
    ),
    "abc": (
        "Acceptable Behaviour Agreement",
        N_("ask the person to sign an Acceptable Behaviour Agreement"),
    ),
    "target_hardening": (
        "Target hardening (locks, lighting)",
        N_("look at making your home safer, such as locks or lighting"),
    ),
    "contact_weekly": ("Regular contact: weekly", N_("contact you every week")),
    "contact_fortnightly": ("Regular contact: fortnightly", N_("contact you every two weeks")),
    "support_referral": ("Support referral", N_("refer you for support")),
}


def clean_action_plan(
    resident: Iterable[str], landlord: Iterable[str], review_by: date | None
) -> dict[str, Any]:
    """The plan as stored on the case; CaseWorkError for unknown items or no items."""
    resident = [code for code in RESIDENT_ACTIONS if code in set(resident)]
    landlord_list = [code for code in LANDLORD_ACTIONS if code in set(landlord)]
    if not resident and not landlord_list:
        raise CaseWorkError("Tick at least one action.")
    if review_by is None:
        raise CaseWorkError("Give the date we will update the resident by.")
    return {"resident": resident, "landlord": landlord_list, "review_by": review_by.isoformat()}


def action_plan_text(case: Case, plan: Mapping[str, Any], landlord: Landlord) -> str:
    """The plan summarised in one text to the resident."""
    language = case.language
    yours = "; ".join(_(RESIDENT_ACTIONS[c][1], language=language) for c in plan["resident"])
    ours = "; ".join(_(LANDLORD_ACTIONS[c][1], language=language) for c in plan["landlord"])
    parts = [
        _(
            "{landlord}: your action plan for report {reference}.",
            language=language,
            landlord=landlord.name,
            reference=case.reference,
        )
    ]
    if ours:
        parts.append(_("We will: {actions}.", language=language, actions=ours))
    if yours:
        parts.append(_("Please: {actions}.", language=language, actions=yours))
    parts.append(
        _(
            "We will update you by {day}. Questions: {phone}.",
            language=language,
            day=day_name(date.fromisoformat(plan["review_by"]), language),
            phone=landlord.phone,
        )
    )
    return " ".join(parts)


def save_action_plan(
    session: Session,
    case: Case,
    plan: dict[str, Any],
    *,
    send: bool,
    nonce: str,
    actor: str,
    now: datetime,
    landlord: Landlord,
    calendar: WorkingCalendar,
) -> CaseEvent:
    """Keep the written action plan on the case and, if asked, text its summary. The update-by
    date becomes the promised date."""
    review_by = date.fromisoformat(plan["review_by"])
    if review_by < calendar.today(now):
        raise CaseWorkError("The update-by date cannot be in the past.")
    extra: dict[str, Any] = {}
    if send:
        extra["outbox_id"] = _queue_text(
            session,
            case,
            action_plan_text(case, plan, landlord),
            "action_plan",
            f"action_plan:{case.id}:{nonce}",
        )
    fields = ("action_plan", "promised_date")
    before = snapshot(case, fields)
    case.action_plan = plan
    case.promised_date = review_by
    after = snapshot(case, fields)
    summary = "Action plan saved" + (" and texted to the resident" if send else "")
    return audit(session, case, actor, "action_plan", summary, now, before, after, **extra)


# -- duplicates ----------------------------------------------------------------------------


def close_as_duplicate(
    session: Session, case: Case, original: Case, *, actor: str, now: datetime
) -> CaseEvent:
    """Close `case` as a duplicate of the open case `original`; both timelines say so."""
    if original.id == case.id:
        raise CaseWorkError("A case cannot be a duplicate of itself.")
    if original.status == "closed":
        raise CaseWorkError(f"{original.reference} is closed: link to an open case.")
    event = set_status(
        session,
        case,
        "closed",
        actor=actor,
        now=now,
        closure_reason=f"Duplicate of {original.reference}",
        tell_resident=False,  # the resident hears about the open case they reported
    )
    event.data = {**event.data, "duplicate_of": original.reference}
    audit(
        session,
        original,
        actor,
        "linked",
        f"Linked: {case.reference} was closed as a duplicate of this case",
        now,
        duplicate=case.reference,
    )
    return event
