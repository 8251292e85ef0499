"""Updates to the resident about their case: how they prefer to be contacted, the update
templates staff send, and queueing an update with the change it reports.

An update goes by the resident's route (backend.sms_outbound.contact_route: a text, an email,
or nothing written when they asked for a phone call or cannot be reached). It is queued in the
same transaction as the change it reports, and the timeline event (backend.casework.audit)
records that it was queued and how.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit
from backend.deadlines.limits import record_met
from backend.sms_outbound.contact_route import ContactRoute, contact_route, queue_for_resident
from core.i18n import N_, _, day_name
from core.workdays import WorkingCalendar


@dataclass(frozen=True)
class Landlord:
    """What resident texts and emails say about the landlord."""

    name: str = "your landlord"
    phone: str = "0300 000 0000"


# How the case page says a preference other than texts (codes of models.PREFERRED_CONTACTS;
# the short labels are models.PREFERRED_CONTACT_LABELS).
CONTACT_PREFERENCE_PHRASES = {"call": "Prefers a phone call", "email": "Prefers email"}


def contact_preference(case: Case) -> str | None:
    """How the resident asked to be contacted, for staff, when it is not by text: e.g.
    "Prefers a phone call, best time: evenings." None when they chose texts or did not say.

    It includes the email address (like the case page's contact details), so it is for the
    case page only: never log it or put it in a text. How updates actually go:
    `contact_route`."""
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


def queue_to_resident(
    session: Session,
    case: Case,
    body: str,
    kind: str,
    dedupe_key: str,
    landlord: Landlord,
    *,
    route: ContactRoute | None = None,
    urgent: bool = False,
) -> tuple[int, ContactRoute]:
    """Queue `body` to the resident by their route (text or email); return its outbox id and
    the route. CaseWorkError (saying why, and that a call is due) when nothing written may go."""
    route = route or contact_route(session, case)
    message = queue_for_resident(
        session,
        case,
        route,
        kind=kind,
        text=body,
        dedupe_key=dedupe_key,
        landlord_name=landlord.name,
        landlord_phone=landlord.phone,
        urgent=urgent,
    )
    if message is None:
        raise CaseWorkError(route.explanation or "Nothing can be sent to this resident.")
    return message.id, route


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
    outbox_id, route = queue_to_resident(
        session, case, body, "update", f"update:{case.id}:{nonce}", landlord
    )
    label = UPDATE_TEMPLATES[key][0]
    record_met(case, "initial_contact", now)  # the first contact meets the time limit
    return audit(
        session,
        case,
        actor,
        "update",
        f"Update {route.noun} queued: {label}",
        now,
        template=key,
        outbox_id=outbox_id,
        channel=route.channel,
    )
