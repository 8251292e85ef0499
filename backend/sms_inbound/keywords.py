"""STOP, START and HELP: the words that opt a number out of texts or back in, or ask for our
contact details, exactly as Twilio acts on them (`core.sms_keywords`: STOP, STOPALL,
UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT; START, UNSTOP, and YES after an opt-out; HELP,
INFO). The opt-out list itself belongs to the sending side (`backend.sms_outbound.opt_outs`);
this module changes it when a resident texts one of these.

What a resident who texts STOP is told, honestly: nothing by us. Twilio has opted the number out
before the text reaches us and refuses every text we send it (error 21610), our reply included,
and so does the local stand-in; Twilio sends its own confirmation (its wording is set in the
Twilio console: docs/domain.md section 9). So the consequence is said before: the HELP and START
replies spell out that STOP stops every text, updates about their case included, and that START
brings them back. After a STOP, each open case of the number says so on its timeline, so staff
know to call or email; a text from a number that has opted out goes on its latest open case
(`note_while_opted_out`), since no reply can reach it by text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.sms_inbound.texts import InboundResult, InboundSms, insert_ignore, queue_reply
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import SmsOptOut, is_opted_out
from core.i18n import _
from core.sms_keywords import (
    HELP_KEYWORDS,
    OPT_IN_IF_OPTED_OUT,
    OPT_IN_KEYWORDS,
    OPT_OUT_KEYWORDS,
)

STOP_KEYWORDS = OPT_OUT_KEYWORDS
START_KEYWORDS = OPT_IN_KEYWORDS
START_IF_OPTED_OUT = OPT_IN_IF_OPTED_OUT
MAX_NOTE_CHARS = 1600


def opt_out(session: Session, phone: str, word: str, now: datetime) -> None:
    """Mirror Twilio's opt-out: no text goes to `phone` until it texts START."""
    inserted = insert_ignore(
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
    if inserted:
        summary = _(
            "The resident texted {word}: no text from us can reach them now, not even updates "
            "about this case, until they text START. Call or email them instead.",
            word=word,
        )
        _tell_open_cases(session, phone, now, "opted_out", summary)


def opt_in(session: Session, phone: str, now: datetime | None = None) -> bool:
    """START/UNSTOP: texts may go to `phone` again; True when it was opted out."""
    result = session.execute(delete(SmsOptOut).where(SmsOptOut.phone == phone))
    opted_back_in = result.rowcount == 1
    if opted_back_in and now is not None:
        summary = _("The resident texted START: texts about this case can go to them again.")
        _tell_open_cases(session, phone, now, "opted_in", summary)
    return opted_back_in


def open_cases_of(session: Session, phone: str) -> list[Case]:
    """The open cases whose reporter's number is `phone`, newest first."""
    query = (
        select(Case)
        .where(Case.reporter_phone == phone, Case.status != "closed")
        .order_by(Case.id.desc())
    )
    return list(session.execute(query).scalars())


def _tell_open_cases(session: Session, phone: str, now: datetime, kind: str, summary: str) -> None:
    for case in open_cases_of(session, phone):
        session.add(
            CaseEvent(
                case_id=case.id, at=now, actor="resident", kind=kind, summary=summary, data={}
            )
        )


def note_while_opted_out(session: Session, sms: InboundSms, now: datetime) -> InboundResult:
    """A text from a number that opted out (not START): no reply can reach it by text, so it
    goes on the number's latest open case for staff to see (nothing is kept otherwise)."""
    cases = open_cases_of(session, sms.from_number)
    if not cases:
        return InboundResult("ignored")
    case = cases[0]
    body = sms.body.strip()[:MAX_NOTE_CHARS]
    summary = _(
        "Text from the resident, who has opted out of texts (no reply can reach them by text "
        "until they text START): {text}",
        text=body,
    )
    if sms.num_media:
        summary += f" ({sms.num_media} picture(s) attached)"
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor="resident",
            kind="resident_reply",
            summary=summary,
            data={
                "message_sid": sms.message_sid,
                "channel": "sms",
                "opted_out": True,
                "num_media": sms.num_media,
                "media_urls": list(sms.media_urls),
            },
        )
    )
    return InboundResult("case_note", case_id=case.id)


def help_text(landlord_name: str, landlord_phone: str, language: str) -> str:
    """The reply to HELP: what to text us for, and what STOP and START do."""
    return _(
        "{landlord}: text us to report anti-social behaviour or to reply about your case. To "
        "cancel a report in progress, text CANCEL REPORT. To talk to someone call {phone}. If "
        "anyone is in danger call 999. Text STOP to stop all our texts, including updates about "
        "your case; text START to get them again.",
        language=language,
        landlord=landlord_name,
        phone=landlord_phone,
    )


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
        # Twilio confirms the opt-out itself and blocks anything we would send (see module doc).
        opt_out(session, phone, word, now)
        return InboundResult("opted_out")
    if word in START_KEYWORDS or (word in START_IF_OPTED_OUT and is_opted_out(session, phone)):
        opt_in(session, phone, now)
        text = _(
            "{landlord}: you will get texts from us again, including updates about your case. "
            "Text STOP to stop them.",
            language=language,
            landlord=landlord_name,
        )
        return InboundResult("opted_in", queued=queue_reply(session, sms, text, "optin"))
    if word in HELP_KEYWORDS:
        text = help_text(landlord_name, landlord_phone, language)
        return InboundResult("help", queued=queue_reply(session, sms, text, "help"))
    return None
