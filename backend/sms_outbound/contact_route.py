"""How a resident hears from us about their case: by text, by email, by a phone call from an
officer, or not at all (docs/domain.md section 9), and queueing a message by that route.

The resident's own choice (`preferred_contact`: text, call or email) comes first:
- no consent to contact: nothing (none);
- "call" with a phone number: no written updates go by themselves; staff call them (call);
- "email" with an address: emails (email);
- otherwise texts when they may be texted (number, consent, an explicit "safe to text" and no
  STOP: `may_text`), else email when they gave an address, else nothing.

The acknowledgement is the one exception: it is texted whenever texting is allowed (the
assistant tells the resident a text will follow), and emailed as well when email is their route.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.email_outbound.compose import email_body, email_subject
from backend.email_outbound.service import enqueue_email
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import is_opted_out
from backend.sms_outbound.service import enqueue_sms

log = logging.getLogger(__name__)

WRITTEN_CHANNELS = ("sms", "email")

# Why no text may go (may_text's short reasons), as staff read it on the case page.
NO_TEXT_SENTENCES = {
    "no phone number": "The resident gave no phone number.",
    "no consent to contact": "The resident did not agree to be contacted.",
    "not safe to text": (
        "The resident has not said it is safe to text this number. Ask them first."
    ),
    "opted out": "Their number has opted out of our texts (it texted a stop word).",
}


@dataclass(frozen=True)
class ContactRoute:
    """How the resident of one case hears from us.

    channel: "sms", "email", "call" (phone them: no written channel) or "none".
    reason: why there is no written channel, short (for timeline summaries and logs; never
    personal data); empty for sms and email.
    explanation: a sentence for staff on the case page.
    """

    channel: str
    reason: str = ""
    explanation: str = ""

    @property
    def written(self) -> bool:
        """Updates go by themselves (a text or an email)."""
        return self.channel in WRITTEN_CHANNELS

    @property
    def noun(self) -> str:
        """ "text" or "email" (the word staff see on buttons and summaries)."""
        return "email" if self.channel == "email" else "text"


def may_text(session: Session, case: Case) -> str | None:
    """Why the complainant of `case` must not get texts (None when they may)."""
    if not case.reporter_phone:
        return "no phone number"
    if not case.consent_to_contact:
        return "no consent to contact"
    if case.safe_to_text is not True:
        return "not safe to text"
    if is_opted_out(session, case.reporter_phone):
        return "opted out"
    return None


def acknowledgement_routes(session: Session, case: Case) -> dict[str, bool]:
    """How the acknowledgement of `case` reaches the resident, for the assistant's words (POST
    /api/reports answers it): by text, by email, and whether they asked for texts but their
    number has opted out (so the assistant says so instead of promising a text)."""
    no_text = may_text(session, case)
    return {
        "text": no_text is None,
        "email": contact_route(session, case).channel == "email",
        "text_opted_out": no_text == "opted out",
    }


def contact_route(session: Session, case: Case) -> ContactRoute:
    """How the resident of `case` hears from us (see the module docstring for the order)."""
    if not case.consent_to_contact:
        return ContactRoute(
            "none", "no consent to contact", NO_TEXT_SENTENCES["no consent to contact"]
        )
    if case.preferred_contact == "call" and case.reporter_phone:
        return ContactRoute(
            "call",
            "they asked for a phone call",
            "Call them: no written channel. They asked for a phone call, so updates do not "
            "go by themselves.",
        )
    if case.preferred_contact == "email" and case.reporter_email:
        return ContactRoute("email", explanation="By email, as they asked.")
    no_text = may_text(session, case)
    if no_text is None:
        return ContactRoute("sms", explanation="By text message.")
    if case.reporter_email:
        why = NO_TEXT_SENTENCES[no_text]
        return ContactRoute("email", explanation=f"By email ({why[:1].lower()}{why[1:-1]}).")
    if case.preferred_contact == "call":
        return ContactRoute(
            "none",
            "they asked for a phone call but gave no number",
            "They asked for a phone call but gave no phone number: we cannot reach them.",
        )
    return ContactRoute("none", no_text, NO_TEXT_SENTENCES[no_text])


def queue_for_resident(
    session: Session,
    case: Case,
    route: ContactRoute,
    *,
    kind: str,
    text: str,
    dedupe_key: str,
    landlord_name: str,
    landlord_phone: str,
    urgent: bool = False,
) -> OutboxMessage | None:
    """Queue `text` to the resident by `route` in the caller's transaction; the row, or None
    when the route is not written (no text, no email). An email gets a subject and the footer."""
    if route.channel == "sms":
        return enqueue_sms(
            session,
            case_id=case.id,
            to_number=case.reporter_phone or "",
            body=text,
            kind=kind,
            dedupe_key=dedupe_key,
            urgent=urgent,
        )
    if route.channel == "email":
        return enqueue_email(
            session,
            case_id=case.id,
            to_email=case.reporter_email,
            subject=email_subject(case, kind, landlord_name),
            body=email_body(text, case, landlord_phone),
            kind=kind,
            dedupe_key=dedupe_key,
            urgent=urgent,
        )
    log.info("not queued: case=%s kind=%s (%s)", case.id, kind, route.reason or route.channel)
    return None


def queue_email_acknowledgement(
    session: Session, case: Case, text: str, *, landlord_name: str, landlord_phone: str
) -> OutboxMessage | None:
    """The acknowledgement by email when email is the resident's route (the text, if any, is
    queued by intake as before); None otherwise. Urgent: it answers what they just did."""
    route = contact_route(session, case)
    if route.channel != "email":
        return None
    return queue_for_resident(
        session,
        case,
        route,
        kind="ack",
        text=text,
        dedupe_key=f"ack-email:{case.id}",
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        urgent=True,
    )
