"""STOP, START and HELP: the words that opt a number out of texts or back in, or ask for our
contact details. The opt-out list itself belongs to the sending side
(`backend.sms_outbound.opt_outs`); this module changes it when a resident texts one of these.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.sms_inbound.texts import InboundResult, InboundSms, insert_ignore, queue_reply
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import SmsOptOut, is_opted_out
from core.i18n import _

STOP_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_KEYWORDS = frozenset({"START", "UNSTOP"})
# Twilio also opts a number back in on YES; it is a normal answer for everyone else.
START_IF_OPTED_OUT = frozenset({"YES"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})


def opt_out(session: Session, phone: str, word: str, now: datetime) -> None:
    """Mirror Twilio's opt-out: no text goes to `phone` until it texts START."""
    insert_ignore(
        session,
        SmsOptOut.__table__,
        {"phone": phone, "keyword": word[:16], "opted_out_at": now},
        "phone",
    )
    # Routine texts already queued would be cancelled by the worker anyway; do it now so the
    # outbox shows why.
    for row in session.execute(
        select(OutboxMessage).where(
            OutboxMessage.to_number == phone, OutboxMessage.state == "pending"
        )
    ).scalars():
        row.state, row.last_error = "cancelled", "opted out (the number texted STOP)"


def opt_in(session: Session, phone: str) -> bool:
    """START/UNSTOP: texts may go to `phone` again; True when it was opted out."""
    result = session.execute(delete(SmsOptOut).where(SmsOptOut.phone == phone))
    return result.rowcount == 1


def answer_keyword(
    session: Session,
    sms: InboundSms,
    word: str,
    *,
    now: datetime,
    landlord_name: str,
    landlord_phone: str,
    language: str,
) -> InboundResult | None:
    """Act on STOP, START or HELP (`word` is the text as one keyword); None for other texts."""
    phone = sms.from_number
    if word in STOP_KEYWORDS:
        # Twilio confirms the opt-out itself and blocks anything we would send.
        opt_out(session, phone, word, now)
        return InboundResult("opted_out")
    if word in START_KEYWORDS or (word in START_IF_OPTED_OUT and is_opted_out(session, phone)):
        opt_in(session, phone)
        text = _(
            "{landlord}: you will get texts from us again. Text STOP to stop them.",
            language=language,
            landlord=landlord_name,
        )
        return InboundResult("opted_in", queued=queue_reply(session, sms, text, "optin"))
    if word in HELP_KEYWORDS:
        text = _(
            "{landlord}: text us here to report anti-social behaviour or to reply about your "
            "case. To talk to someone call {phone}. If anyone is in danger call 999. Text STOP "
            "to stop texts.",
            language=language,
            landlord=landlord_name,
            phone=landlord_phone,
        )
        return InboundResult("help", queued=queue_reply(session, sms, text, "help"))
    return None
