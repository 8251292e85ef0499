"""What an email to a resident looks like: the subject line, the footer and the message itself.

The body is the same Babel wording as the text about the same thing (core.i18n, the resident's
language), with a subject naming the landlord and the report, and a footer saying how to reach
us (replies are not read by the system). Plain text only.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.utils import format_datetime

from backend.cases.models import Case
from backend.email_outbound.smtp import ResidentEmail
from backend.sms_outbound.claims import ClaimedMessage
from core.i18n import N_, _

# declarative table: the subject of each kind of email (others get DEFAULT_SUBJECT).
SUBJECTS = {
    "ack": N_("{landlord}: we have your report {reference}"),
    "closure": N_("{landlord}: we have closed your report {reference}"),
    "action_plan": N_("{landlord}: your action plan for report {reference}"),
    "delay": N_("{landlord}: a new date for your report {reference}"),
}
DEFAULT_SUBJECT = N_("{landlord}: an update on your report {reference}")
FOOTER = N_(
    "Please do not reply to this email: replies are not read. To talk to us about your report "
    "{reference}, call {phone}."
)
FOOTER_NO_PHONE = N_("Please do not reply to this email: replies are not read.")
MAX_SUBJECT = 300


def email_subject(case: Case, kind: str, landlord_name: str) -> str:
    """The subject line of an email of `kind` about `case`, in the resident's language."""
    subject = _(
        SUBJECTS.get(kind, DEFAULT_SUBJECT),
        language=case.language,
        landlord=landlord_name,
        reference=case.reference or "",
    )
    return subject[:MAX_SUBJECT]


def email_body(text: str, case: Case, landlord_phone: str) -> str:
    """The message text followed by the footer, as the resident reads it."""
    if landlord_phone.strip():
        reference = case.reference or ""
        footer = _(FOOTER, language=case.language, reference=reference, phone=landlord_phone)
    else:
        footer = _(FOOTER_NO_PHONE, language=case.language)
    return f"{text.strip()}\n\n--\n{footer}\n"


def message_id(outbox_id: int, dedupe_key: str, domain: str) -> str:
    """A Message-ID unique to one outbox row; fixed before its first attempt, so every
    attempt of that row carries the same one."""
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:16]
    return f"<asb.{outbox_id}.{digest}@{domain}>"


def envelope_address(address: str) -> tuple[str, bool]:
    """(the address as SMTP carries it, whether it needs SMTPUTF8): the domain in its ASCII
    (IDNA) form; a non-ASCII mailbox name needs a server offering SMTPUTF8. UnicodeError
    when the domain cannot be written in ASCII."""
    local, _at, domain = address.rpartition("@")
    ascii_domain = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    return f"{local}@{ascii_domain}", not local.isascii()


def build_email(message: ClaimedMessage, config: ResidentEmail, to: str) -> EmailMessage:
    """The claimed row as an email to `to` (its envelope form) ready for SMTP (its Message-ID
    already fixed)."""
    if not message.email_message_id:
        raise ValueError("an email row needs a Message-ID")
    email = EmailMessage()
    email["Subject"] = message.subject or ""
    email["From"] = config.sender
    email["To"] = to
    email["Message-ID"] = message.email_message_id
    email["Date"] = format_datetime(message.claimed_at)
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies stay away
    # Quoted-printable keeps non-English text 7-bit safe for any mail server.
    email.set_content(message.body, cte=None if message.body.isascii() else "quoted-printable")
    return email
