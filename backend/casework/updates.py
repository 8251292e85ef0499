"""Texts to the resident about their case: whether they may be texted, how they prefer to be
contacted, the update templates staff send, and queueing a text with the change it reports.

Texts are queued with `enqueue_sms` in the same transaction as the change they report, and the
timeline event (backend.casework.audit) records that they were queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.casework.audit import CaseWorkError, audit
from backend.sms_outbound.service import enqueue_sms
from core.i18n import N_, _, day_name
from core.workdays import WorkingCalendar


@dataclass(frozen=True)
class Landlord:
    """What resident texts say about the landlord."""

    name: str = "your landlord"
    phone: str = "0300 000 0000"


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


def queue_text(
    session: Session, case: Case, body: str, kind: str, dedupe_key: str, urgent: bool = False
) -> int:
    """Queue `body` to the resident and return its outbox id; CaseWorkError (saying why) when
    they may not be texted."""
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
    outbox_id = queue_text(session, case, body, "update", f"update:{case.id}:{nonce}")
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
