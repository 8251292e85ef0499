"""The written action plan (docs/domain.md section 10): what we and the resident will do, kept on
the case and, if staff ask, texted to the resident."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit, snapshot
from backend.casework.updates import Landlord, queue_text
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
        extra["outbox_id"] = queue_text(
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
