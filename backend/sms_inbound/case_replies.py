"""A resident's reply to a text about their case: an answer to the open survey question, or a
note on the case timeline (acknowledged by text, repeating an open survey question)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.sms_inbound.survey_answers import answer_survey, parse_survey_answer, survey_position
from backend.sms_inbound.texts import InboundResult, InboundSms, queue_reply
from backend.sms_outbound.survey_questions import SURVEY, survey_question_text
from core.i18n import _

MAX_NOTE_CHARS = 1600


def reply_about_case(
    session: Session, case: Case, sms: InboundSms, now: datetime, *, opted_out: bool
) -> InboundResult:
    """The survey answer when the reply is one, else a note on `case`."""
    body = sms.body.strip()
    position = survey_position(session, case, sms.from_number)
    if position is not None and body:
        score = parse_survey_answer(SURVEY[position - 1], body, case.language)
        if score is not None:
            return answer_survey(session, case, position, score, body, sms.message_sid, now)
    return _case_note(session, case, sms, now, opted_out, position)


def _case_note(
    session: Session,
    case: Case,
    sms: InboundSms,
    now: datetime,
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
        queued = queue_reply(session, sms, text, "note_ack", case.id)
    return InboundResult("case_note", case_id=case.id, queued=queued)
