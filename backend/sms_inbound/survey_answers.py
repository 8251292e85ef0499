"""Answers to the closure survey, given by reply: which question a number is answering,
reading a score from the reply, storing it and asking the next question (the questions are
`backend.sms_outbound.survey_questions`; the closure text asks the first)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.db import utcnow
from backend.sms_inbound.models import SurveyResponse
from backend.sms_inbound.texts import InboundResult
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.survey_questions import SURVEY, SurveyQuestion, survey_question_text
from core import command_words
from core.i18n import _

_YES = {"yes", "y", "yeah", "yep", "ok", "sure"}
_NO = {"no", "n", "nope", "never"}


def parse_survey_answer(
    question: SurveyQuestion, reply: str, language: str | None = None
) -> int | None:
    """A 1-5 score (scale) or 1/0 (yes/no) from the reply; None when it is not an answer.

    A yes/no question takes the answer words its translation asks for too ("TAK"/"NIE",
    "IE"/"NA", "DA"/"NU", "SIM"/"NÃO", "ਹਾਂ"/"ਨਹੀਂ", "ہاں"/"نہیں": core/command_words.py);
    `language` is the case's, for the few that are only read in their own language."""
    if question.kind != "scale":
        translated = command_words.yes_no(reply, language)
        if translated is not None:
            return int(translated)
    cleaned = re.sub(r"[^a-z0-9 ]", " ", reply.strip().lower())
    words = cleaned.split()
    if not words or len(words) > 3:
        return None
    if question.kind == "scale":
        if len(words) == 1 and re.fullmatch(r"[1-5]", words[0]):
            return int(words[0])
        return None
    if words[0] in _YES:
        return 1
    if words[0] in _NO:
        return 0
    return None


def survey_answered(session: Session, case_id: int) -> int:
    """How many survey questions this case's complainant has answered."""
    query = (
        select(func.count()).select_from(SurveyResponse).where(SurveyResponse.case_id == case_id)
    )
    return int(session.execute(query).scalar_one())


def record_survey_answer(
    session: Session,
    case: Case,
    position: int,
    score: int,
    answer: str,
    *,
    message_sid: str | None = None,
    now: datetime | None = None,
) -> SurveyResponse:
    """Store one answer (in the caller's transaction)."""
    response = SurveyResponse(
        case_id=case.id,
        question=SURVEY[position - 1].key,
        position=position,
        score=score,
        answer=answer.strip()[:160],
        message_sid=message_sid,
        answered_at=now or utcnow(),
    )
    session.add(response)
    session.flush()
    return response


def survey_position(session: Session, case: Case, phone: str) -> int | None:
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


def answer_survey(
    session: Session, case: Case, position: int, score: int, body: str, sid: str, now: datetime
) -> InboundResult:
    """Store the answer to question `position` and queue the next question (or a thank-you)."""
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
