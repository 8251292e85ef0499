"""The written action plan (docs/domain.md section 10): what we and the resident will do, kept on
the case and, if staff ask, sent to the resident (by text or email: their route).

Weekly or fortnightly contact in the plan sets the interval the regular "still working on it"
updates follow (`details["contact_every_days"]`: backend.sms_outbound.regular_contact); a plan
without either gives the usual interval back. The change is in the plan's audit event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit, snapshot
from backend.casework.updates import Landlord, queue_to_resident
from backend.deadlines.limits import record_met
from backend.sms_outbound.regular_contact import PLAN_CONTACT_DAYS, PLAN_CONTACT_WORDS
from core.i18n import N_, _, day_name
from core.workdays import WorkingCalendar

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
    if len([code for code in landlord_list if code in PLAN_CONTACT_DAYS]) > 1:
        raise CaseWorkError("Choose weekly or fortnightly regular contact, not both.")
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


def plan_contact_days(plan: Mapping[str, Any] | None) -> int | None:
    """The regular-contact interval a plan promises (7 or 14 days), or None."""
    for code in (plan or {}).get("landlord") or []:
        if code in PLAN_CONTACT_DAYS:
            return PLAN_CONTACT_DAYS[code]
    return None


def _apply_contact_interval(case: Case, plan: Mapping[str, Any]) -> str:
    """Set (or give back) the regular-contact interval the plan promises; the summary words."""
    details = dict(case.details or {})
    days = plan_contact_days(plan)
    if days is not None:
        details["contact_every_days"] = days
        words = f"; regular contact every {days} days ({PLAN_CONTACT_WORDS[days]})"
    elif plan_contact_days(case.action_plan) is not None:
        # The earlier plan set it: contact goes back to the usual interval.
        details.pop("contact_every_days", None)
        words = "; regular contact back to the usual interval"
    else:
        return ""
    case.details = details  # a new dict, so the JSON column is saved
    return words


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
    """Keep the written action plan on the case and, if asked, send its summary by the
    resident's route (text or email). The update-by date becomes the promised date; weekly or
    fortnightly contact sets the regular-contact interval."""
    review_by = date.fromisoformat(plan["review_by"])
    if review_by < calendar.today(now):
        raise CaseWorkError("The update-by date cannot be in the past.")
    extra: dict[str, Any] = {}
    sent_by = ""
    if send:
        extra["outbox_id"], route = queue_to_resident(
            session,
            case,
            action_plan_text(case, plan, landlord),
            "action_plan",
            f"action_plan:{case.id}:{nonce}",
            landlord,
        )
        extra["channel"] = route.channel
        sent_by = f" and {'emailed' if route.channel == 'email' else 'texted'} to the resident"
    fields = ("action_plan", "promised_date")
    before = {**snapshot(case, fields), "contact_every_days": _agreed_days(case)}
    contact_words = _apply_contact_interval(case, plan)
    case.action_plan = plan
    case.promised_date = review_by
    record_met(case, "action_plan", now)  # time limits (backend/deadlines): the first plan
    if send:
        record_met(case, "initial_contact", now)
    after = {**snapshot(case, fields), "contact_every_days": _agreed_days(case)}
    summary = "Action plan saved" + sent_by + contact_words
    return audit(session, case, actor, "action_plan", summary, now, before, after, **extra)


def _agreed_days(case: Case) -> Any:
    return (case.details or {}).get("contact_every_days")
