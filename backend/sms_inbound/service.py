"""Texts from residents: what each inbound SMS is, and where it goes.

The SMS channel inside Rasa (`channels/sms.py`) checks Twilio's signature and then asks the
backend (`POST /api/sms/inbound`) what the text is. Everything that needs the database happens
in one transaction, routed from here:

1. the MessageSid is recorded (unique): a repeated webhook is a "duplicate" and does nothing;
2. Twilio's own keywords (`core.sms_keywords`: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT,
   REVOKE, OPTOUT) opt the number out, START/UNSTOP back in, HELP gets contact details
   (`keywords`); any other text from a number that opted out goes on its latest open case
   (no reply can reach it by text);
3. a reply to a text about a case (within `REPLY_WINDOW`) answers the closure survey
   (`survey_answers`) or becomes a note on that case (`case_replies`);
4. UPLOAD (or "send photos", "photo link"...) gets a one-time upload link for the latest open case
   (`upload_link`); a picture sent without words is thanked for (`evidence`);
5. anything else is for the assistant: a digit or an option's words become the payload of the
   options the assistant offered last (`assistant`).

The photos of a report go on its case later (`evidence.attach_recent_media`); the assistant's
replies come back through `assistant.queue_assistant_replies` (`POST /api/sms/outbound`).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.sms_inbound.assistant import for_the_assistant, number_language
from backend.sms_inbound.case_replies import reply_about_case
from backend.sms_inbound.danger import alert_opted_out_danger, danger_route
from backend.sms_inbound.evidence import answer_without_words
from backend.sms_inbound.keywords import answer_keyword, note_while_opted_out
from backend.sms_inbound.models import SmsInbound
from backend.sms_inbound.texts import InboundResult, InboundSms, insert_ignore
from backend.sms_inbound.upload_link import UPLOAD_WORDS, send_upload_link
from backend.sms_outbound.models import CASE_UPDATE_KINDS, OutboxMessage
from backend.sms_outbound.opt_outs import is_opted_out
from core import codes, command_words, safety
from core.settings import Settings
from core.sms_keywords import keyword_of
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

# Words that always reach the assistant, even right after a text about a case.
ASSISTANT_KEYWORDS = frozenset({"REPORT", "NEW"})
# A reply about a case that is really a question for the assistant ("any news?") or a new
# incident ("they're at it again tonight") goes to the assistant, which checks identity and
# links the incident to the case; other replies become notes on the case.
FOR_THE_ASSISTANT = re.compile(
    r"\b(any (news|update)s?|what'?s happening with|whats happening with|update on|status of"
    r"|heard anything|again|still going on|happening (now|tonight)|right now|at it)\b"
    # Asking for an ASB Case Review (bot/case_review_command.py): the assistant checks and applies.
    r"|\bcase[- ]?review\b(?!ed)|\bcommunity\s+trigger\b"
    rf"|{codes.REFERENCE_PATTERN}",
    re.IGNORECASE,
)
# How long after a text about a case a reply is taken as a reply about that case.
REPLY_WINDOW = timedelta(days=14)


def receive_inbound(
    session: Session,
    sms: InboundSms,
    *,
    now: datetime,
    landlord_name: str,
    landlord_phone: str,
    language: str | None = None,
    settings: Settings | None = None,
    calendar: WorkingCalendar | None = None,
) -> InboundResult:
    """Record and classify one inbound text (in the caller's transaction); see module doc.
    Replies are in `language`, else the language the number chose with the assistant.
    With `settings` and `calendar`, danger texted from an opted-out number alerts the duty
    officer (backend/sms_inbound/danger.py)."""
    inserted = insert_ignore(
        session,
        SmsInbound.__table__,
        {
            "message_sid": sms.message_sid,
            "from_number": sms.from_number,
            "num_media": sms.num_media,
            "media_urls": list(sms.media_urls) or None,
            "outcome": "received",
            "received_at": now,
        },
        "message_sid",
    )
    if not inserted:
        log.info("sms inbound duplicate: sid=%s", sms.message_sid)
        return InboundResult("duplicate")
    language = language or number_language(session, sms.from_number)
    result = _classify(
        session,
        sms,
        now=now,
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        language=language,
        alerting=None if settings is None or calendar is None else (settings, calendar),
    )
    row = session.execute(
        select(SmsInbound).where(SmsInbound.message_sid == sms.message_sid)
    ).scalar_one()
    row.outcome, row.case_id = result.action, result.case_id
    log.info(
        "sms inbound: sid=%s action=%s case=%s media=%s",
        sms.message_sid,
        result.action,
        result.case_id,
        sms.num_media,
    )
    return result


def _classify(
    session: Session,
    sms: InboundSms,
    *,
    now: datetime,
    landlord_name: str,
    landlord_phone: str,
    language: str,
    alerting: tuple[Settings, WorkingCalendar] | None = None,
) -> InboundResult:
    phone, body = sms.from_number, sms.body.strip()
    word = keyword_of(body)
    answered = answer_keyword(
        session,
        sms,
        word,
        now=now,
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        language=language,
    )
    if answered is not None:
        return answered

    opted_out = is_opted_out(session, phone)
    if word in UPLOAD_WORDS and not opted_out and alerting is not None:
        # "UPLOAD": a one-time upload link for their open case (MMS does not reach UK numbers).
        return send_upload_link(session, sms, now=now, settings=alerting[0], language=language)
    latest = None if _skips_case_reply(body, word) else _latest_outbound(session, phone)
    if latest is not None and _about_case(latest, now):
        case = session.get(Case, latest.case_id)
        if case is not None:
            return reply_about_case(session, case, sms, now, opted_out=opted_out)

    if opted_out:
        # Nothing can reach this number until it texts START: the assistant would talk to no one.
        noted = note_while_opted_out(session, sms, now)
        route = danger_route(body) if body and alerting is not None else None
        if route is not None:  # ... not even "call 999": the duty officer hears of it now
            settings, calendar = alerting
            noted.alerts = alert_opted_out_danger(
                session, sms, noted, route, now=now, settings=settings, calendar=calendar
            )
        return noted
    if not body:
        return answer_without_words(session, sms, latest, now, language)
    return for_the_assistant(session, phone, body)


def _skips_case_reply(body: str, word: str) -> bool:
    """Does this text go to the assistant even right after a text about a case?"""
    # Someone in danger now gets the assistant (999 first), even in reply to a case update:
    # the same safety layer as every assistant message, never just a note on the case.
    at_risk = bool(body) and _needs_safety_reply(body)
    for_assistant = bool(body) and FOR_THE_ASSISTANT.search(body) is not None
    # The catalogs' REPORT ("ADRODD", "RELATAR") and "case review" ("przegląd sprawy"...) too.
    translated = bool(body) and (
        command_words.english_for(body) == command_words.REPORT_KEYWORD
        or command_words.mentions(body, command_words.CASE_REVIEW)
    )
    return word in ASSISTANT_KEYWORDS or at_risk or for_assistant or translated


def _needs_safety_reply(body: str) -> bool:
    """Does this text call for the assistant's immediate-risk or domestic-abuse advice?"""
    result = safety.check(body)
    return result is not None and result.route in (safety.EMERGENCY, safety.DOMESTIC_ABUSE)


def _latest_outbound(session: Session, phone: str) -> OutboxMessage | None:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.to_number == phone, OutboxMessage.state != "cancelled")
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def _about_case(latest: OutboxMessage, now: datetime) -> bool:
    """Is a reply now a reply about the case our last text to this number was about?"""
    return (
        latest.case_id is not None
        and latest.kind in CASE_UPDATE_KINDS + ("note_ack",)
        and latest.created_at >= now - REPLY_WINDOW
    )
