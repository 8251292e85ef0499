"""Texts from residents: what each inbound SMS is, and the assistant's replies going out.

The SMS channel inside Rasa (`channels/sms.py`) checks Twilio's signature and then asks the
backend (`POST /api/sms/inbound`) what the text is. Everything that needs the database happens
here, in one transaction:

1. the MessageSid is recorded (unique): a repeated webhook is a "duplicate" and does nothing;
2. STOP/STOPALL/UNSUBSCRIBE/CANCEL/END/QUIT opt the number out, START/UNSTOP back in, HELP
   gets contact details;
3. a reply to the closure survey is stored and the next question queued;
4. a reply to a text about a case (within `REPLY_WINDOW`) becomes a note on that case;
5. anything else is for the assistant: a digit or an option's words become the payload of the
   options the assistant offered last.

Photos (MMS) sent while reporting stay with their inbound row until the report's case is
opened: `attach_recent_media`, called by `create_case_from_report` in the same transaction,
puts them on the case as evidence.

The assistant's replies come back through `queue_assistant_replies` (`POST /api/sms/outbound`):
shaped for SMS, queued as urgent outbox rows the worker sends strictly in order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.db import utcnow
from backend.sms_outbound.models import (
    CASE_UPDATE_KINDS,
    REPLY_KIND,
    OutboxMessage,
    SmsConversation,
    SmsInbound,
    SmsOptOut,
)
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.sms_format import keyword, last_buttons, match_option, shape_replies
from backend.sms_outbound.updates import (
    SURVEY,
    parse_survey_answer,
    record_survey_answer,
    survey_answered,
    survey_question_text,
)
from core import safety
from core.i18n import _

log = logging.getLogger(__name__)

STOP_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
START_KEYWORDS = frozenset({"START", "UNSTOP"})
# Twilio also opts a number back in on YES; it is a normal answer for everyone else.
START_IF_OPTED_OUT = frozenset({"YES"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})
# Words that always reach the assistant, even right after a text about a case.
ASSISTANT_KEYWORDS = frozenset({"REPORT", "NEW"})
# A reply about a case that is really a question for the assistant ("any news?") or a new
# incident ("they're at it again tonight") goes to the assistant, which checks identity and
# links the incident to the case; other replies become notes on the case.
FOR_THE_ASSISTANT = re.compile(
    r"\b(any (news|update)s?|what'?s happening with|whats happening with|update on|status of"
    r"|heard anything|again|still going on|happening (now|tonight)|right now|at it)\b"
    r"|ASB-\d{4}-\d{6}",
    re.IGNORECASE,
)
# How long after a text about a case a reply is taken as a reply about that case.
REPLY_WINDOW = timedelta(days=14)
MAX_NOTE_CHARS = 1600
# Photos a number sent this long before its report's case was opened belong to that report.
EVIDENCE_WINDOW = timedelta(hours=6)
# Outcomes of texts that were part of a conversation with the assistant.
REPORT_OUTCOMES = ("assistant", "media_only")


@dataclass(frozen=True)
class InboundSms:
    """One text as Twilio delivered it (after the channel checked the signature)."""

    message_sid: str
    from_number: str
    body: str = ""
    media_urls: tuple[str, ...] = ()
    num_media: int = 0


@dataclass
class InboundResult:
    """What the channel should do: only action "assistant" goes on to Rasa, with `text`."""

    action: str
    text: str = ""
    case_id: int | None = None
    queued: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"action": self.action, "text": self.text, "queued": self.queued}


def _insert_ignore(session: Session, table, values: dict[str, Any], key: str) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when this call inserted the row."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=[key])
    return session.execute(statement).rowcount == 1


def _upsert_conversation(session: Session, phone: str, buttons: list, language: str) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    values = {"phone": phone, "buttons": buttons, "language": language, "updated_at": utcnow()}
    statement = insert(SmsConversation.__table__).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["phone"],
        set_={"buttons": buttons, "language": language, "updated_at": values["updated_at"]},
    )
    session.execute(statement)


# -- opt-out ----------------------------------------------------------------------------------


def is_opted_out(session: Session, phone: str) -> bool:
    return session.get(SmsOptOut, phone) is not None


def opt_out(session: Session, phone: str, word: str, now: datetime) -> None:
    """Mirror Twilio's opt-out: no text goes to `phone` until it texts START."""
    _insert_ignore(
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


# -- classifying an inbound text --------------------------------------------------------------


def _latest_outbound(session: Session, phone: str) -> OutboxMessage | None:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.to_number == phone, OutboxMessage.state != "cancelled")
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def receive_inbound(
    session: Session,
    sms: InboundSms,
    *,
    now: datetime,
    landlord_name: str,
    landlord_phone: str,
    language: str = "en",
) -> InboundResult:
    """Record and classify one inbound text (in the caller's transaction); see module doc."""
    inserted = _insert_ignore(
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
    result = _classify(
        session,
        sms,
        now=now,
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        language=language,
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
) -> InboundResult:
    phone, body, sid = sms.from_number, sms.body.strip(), sms.message_sid
    word = keyword(body)

    def reply(text: str, kind: str, case_id: int | None = None) -> list[int]:
        row = enqueue_sms(
            session,
            case_id=case_id,
            to_number=phone,
            body=text,
            kind=kind,
            dedupe_key=f"{kind}:{sid}",
            urgent=True,  # it answers what the resident has just sent
        )
        return [row.id] if row is not None else []

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
        return InboundResult("opted_in", queued=reply(text, "optin"))
    if word in HELP_KEYWORDS:
        text = _(
            "{landlord}: text us here to report anti-social behaviour or to reply about your "
            "case. To talk to someone call {phone}. If anyone is in danger call 999. Text STOP "
            "to stop texts.",
            language=language,
            landlord=landlord_name,
            phone=landlord_phone,
        )
        return InboundResult("help", queued=reply(text, "help"))

    opted_out = is_opted_out(session, phone)
    # Someone in danger now gets the assistant (999 first), even in reply to a case update:
    # the same safety layer as every assistant message, never just a note on the case.
    at_risk = bool(body) and _needs_safety_reply(body)
    for_assistant = bool(body) and FOR_THE_ASSISTANT.search(body) is not None
    skip_case_reply = word in ASSISTANT_KEYWORDS or at_risk or for_assistant
    latest = None if skip_case_reply else _latest_outbound(session, phone)
    about_case = (
        latest is not None
        and latest.case_id is not None
        and latest.kind in CASE_UPDATE_KINDS + ("note_ack",)
        and latest.created_at >= now - REPLY_WINDOW
    )
    if about_case:
        case = session.get(Case, latest.case_id)
        if case is not None:
            position = _survey_position(session, case, phone)
            if position is not None and body:
                score = parse_survey_answer(SURVEY[position - 1], body)
                if score is not None:
                    return _survey_answer(session, case, position, score, body, sid, now)
            return _case_note(session, case, sms, now, reply, opted_out, position)

    if opted_out:
        # Nothing can reach this number until it texts START: the assistant would talk to no one.
        return InboundResult("ignored")
    if not body:
        if sms.num_media and _reporting(latest, now):
            text = _(
                "Thank you for the picture. It will be added to your report when you send it. "
                "Please carry on with the last question.",
                language=language,
            )
            return InboundResult("media_only", queued=reply(text, "media"))
        if sms.num_media:
            text = _(
                "Thank you for the picture. Please also tell us in words what is happening. "
                "If anyone is in danger call 999.",
                language=language,
            )
            return InboundResult("media_only", queued=reply(text, "media"))
        return InboundResult("ignored")
    conversation = session.get(SmsConversation, phone)
    payload = match_option(body, conversation.buttons) if conversation is not None else None
    return InboundResult("assistant", text=payload or body)


def _needs_safety_reply(body: str) -> bool:
    """Does this text call for the assistant's immediate-risk or domestic-abuse advice?"""
    result = safety.check(body)
    return result is not None and result.route in (safety.EMERGENCY, safety.DOMESTIC_ABUSE)


def _reporting(latest: OutboxMessage | None, now: datetime) -> bool:
    """Is this number in a conversation with the assistant (its last text was a reply)?"""
    return (
        latest is not None
        and latest.kind == REPLY_KIND
        and latest.created_at >= now - EVIDENCE_WINDOW
    )


def _survey_position(session: Session, case: Case, phone: str) -> int | None:
    """The 1-based survey question this number is answering for `case`, if any.

    The survey is open once the closure text (which asks question 1) has been queued to this
    number and until every question has an answer.
    """
    closure = session.execute(
        select(OutboxMessage.id).where(
            OutboxMessage.case_id == case.id,
            OutboxMessage.kind == "closure",
            OutboxMessage.to_number == phone,
            OutboxMessage.state != "cancelled",
        )
    ).first()
    if closure is None:
        return None
    answered = survey_answered(session, case.id)
    return answered + 1 if answered < len(SURVEY) else None


def _survey_answer(
    session: Session, case: Case, position: int, score: int, body: str, sid: str, now: datetime
) -> InboundResult:
    record_survey_answer(session, case, position, score, body, message_sid=sid, now=now)
    lang = case.language or "en"
    if position < len(SURVEY):
        text = survey_question_text(position + 1, lang)
        key = f"survey:{case.id}:{SURVEY[position].key}"
    else:
        text = _("Thank you for your answers. They help us do better.", language=lang)
        key = f"survey:{case.id}:done"
    row = enqueue_sms(
        session,
        case_id=case.id,
        to_number=case.reporter_phone or "",
        body=text,
        kind="survey",
        dedupe_key=key,
        urgent=True,
    )
    return InboundResult("survey", case_id=case.id, queued=[row.id] if row is not None else [])


def _case_note(
    session: Session,
    case: Case,
    sms: InboundSms,
    now: datetime,
    reply: Callable[..., list[int]],
    opted_out: bool,
    survey_position: int | None = None,
) -> InboundResult:
    """Add the resident's text to the case timeline, and say so (repeating an open survey
    question, so the survey can go on)."""
    body = sms.body.strip()
    summary = _("Text from the resident: {text}", text=body[:MAX_NOTE_CHARS]) if body else ""
    if sms.num_media:
        summary = (summary + " " if summary else "") + f"({sms.num_media} picture(s) attached)"
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
                "num_media": sms.num_media,
                "media_urls": list(sms.media_urls),
            },
        )
    )
    queued: list[int] = []
    if not opted_out:
        text = _(
            "Thank you, we have added your message to your case {reference}. If anyone is in "
            "danger call 999. To report something new, text REPORT.",
            language=case.language or "en",
            reference=case.reference or "",
        )
        if survey_position is not None:
            text += "\n" + survey_question_text(survey_position, case.language or "en")
        queued = reply(text, "note_ack", case.id)
    return InboundResult("case_note", case_id=case.id, queued=queued)


# -- the assistant's replies ------------------------------------------------------------------


def queue_assistant_replies(
    session: Session,
    *,
    to_number: str,
    in_reply_to: str,
    messages: list[dict[str, Any]],
    language: str = "en",
) -> list[int]:
    """Queue one turn's replies as SMS parts, in order; remember its options for the number.

    Dedupe keys `reply:<MessageSid>:<n>` make a retried call queue nothing new.
    """
    parts = shape_replies(messages, language=language)
    ids: list[int] = []
    for index, part in enumerate(parts):
        row = enqueue_sms(
            session,
            case_id=None,
            to_number=to_number,
            body=part,
            kind=REPLY_KIND,
            dedupe_key=f"reply:{in_reply_to}:{index}",
            urgent=True,
        )
        if row is not None:
            ids.append(row.id)
    _upsert_conversation(session, to_number, last_buttons(messages), language)
    log.info("sms replies queued: in_reply_to=%s parts=%s", in_reply_to, len(ids))
    return ids


# -- photos sent during a report --------------------------------------------------------------


def attach_recent_media(session: Session, case: Case, *, now: datetime | None = None) -> int:
    """Attach the photos the reporter texted during this report to `case` as evidence.

    For a case reported by SMS with reporter phone P: every inbound text from P with media,
    received in the last `EVIDENCE_WINDOW` (and after P's previous case was opened), that went
    to the assistant and is not yet attached to a case. Each photo becomes an item of
    `case.details["evidence"]` ({type, url, received_at, message_sid}); one "evidence" event
    goes on the timeline; the inbound rows are marked with the case. Runs in the caller's
    transaction; returns the number of photos attached.
    """
    phone = case.reporter_phone
    if case.channel != "sms" or not phone:
        return 0
    moment = now or utcnow()
    since = moment - EVIDENCE_WINDOW
    previous = session.execute(
        select(Case.created_at)
        .where(Case.reporter_phone == phone, Case.id != case.id)
        .order_by(Case.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if previous is not None and previous > since:
        since = previous
    rows = list(
        session.execute(
            select(SmsInbound)
            .where(
                SmsInbound.from_number == phone,
                SmsInbound.case_id.is_(None),
                SmsInbound.num_media > 0,
                SmsInbound.outcome.in_(REPORT_OUTCOMES),
                SmsInbound.received_at >= since,
                SmsInbound.received_at <= moment,
            )
            .order_by(SmsInbound.received_at, SmsInbound.id)
        ).scalars()
    )
    items: list[dict[str, str]] = []
    for row in rows:
        for url in row.media_urls or []:
            items.append(
                {
                    "type": "photo",
                    "url": url,
                    "received_at": row.received_at.isoformat(),
                    "message_sid": row.message_sid,
                }
            )
        row.case_id = case.id
    if not items:
        return 0
    details = dict(case.details or {})
    details["evidence"] = [*details.get("evidence", []), *items]
    case.details = details  # a new dict, so the JSON column is written
    links = " ".join(item["url"] for item in items)
    session.add(
        CaseEvent(
            case_id=case.id,
            at=moment,
            actor="resident",
            kind="evidence",
            summary=f"{len(items)} picture(s) sent by text with the report: {links}",
            data={
                "channel": "sms",
                "evidence": items,
                "message_sids": [row.message_sid for row in rows],
            },
        )
    )
    log.info("sms evidence attached: case=%s photos=%s", case.id, len(items))
    return len(items)
