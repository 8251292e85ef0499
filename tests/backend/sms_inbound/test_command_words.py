"""The SMS words each catalog asks residents to text do what their English does
(core/command_words.py): the survey's YES/NO in the case's language is recorded as the answer,
Welsh ADRODD and Portuguese RELATAR reach the assistant like REPORT even right after a text about
a case, and so does a translated "case review". Twilio's opt-out words keep their meaning."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.sms_inbound.models import SurveyResponse
from backend.sms_outbound.opt_outs import SmsOptOut
from tests.backend.sms_inbound.two_way_world import World, make_case, update


async def answer_survey(world: World, language: str, last_answer: str) -> list[tuple[str, int]]:
    case_id = make_case(world.session_factory, status="closed", language=language)
    update(world, case_id, "closure", reason="the noise has stopped")
    await world.send_all()
    for answer in ("4", "5", "3", "2", last_answer):
        await world.text(answer)
    await world.send_all()
    with world.session_factory() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(SurveyResponse.question, SurveyResponse.score)
                .where(SurveyResponse.case_id == case_id)
                .order_by(SurveyResponse.position)
            ).all()
        ]


@pytest.mark.parametrize(
    ("language", "reply", "score"),
    [
        ("pl", "TAK", 1),
        ("pl", "nie", 0),
        ("ro", "DA", 1),
        ("ro", "Nu.", 0),
        ("cy", "IE", 1),
        ("cy", "Na", 0),
        ("cy", "Do", 1),  # Welsh "yes" to a past-tense question: read for a Welsh case only
        ("pt", "SIM", 1),
        ("pt", "NÃO", 0),
        ("pa", "ਹਾਂ", 1),
        ("pa", "ਨਹੀਂ", 0),
        ("ur", "ہاں", 1),
        ("ur", "نہیں", 0),
    ],
)
async def test_the_survey_records_the_answer_in_the_case_language(
    world: World, language: str, reply: str, score: int
) -> None:
    answers = await answer_survey(world, language, reply)
    assert answers[-1] == ("report_again", score)
    assert len(answers) == 5
    assert world.bot.received == []


async def test_english_do_is_not_an_answer_to_an_english_survey(world: World) -> None:
    answers = await answer_survey(world, "en", "do")
    assert len(answers) == 4  # "do" became a note on the case, as before


@pytest.mark.parametrize(("language", "keyword"), [("cy", "ADRODD"), ("pt", "Relatar")])
async def test_the_translated_report_keyword_reaches_the_assistant(
    world: World, language: str, keyword: str
) -> None:
    case_id = make_case(world.session_factory, language=language)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text(keyword)
    assert world.bot.texts == [keyword]
    assert world.events(case_id, "resident_reply") == []


@pytest.mark.parametrize("text", ["przegląd sprawy", "Adolygiad achos", "کیس کا جائزہ"])
async def test_a_translated_case_review_reaches_the_assistant(world: World, text: str) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text(text)
    assert world.bot.texts == [text]
    assert world.events(case_id, "resident_reply") == []


async def test_other_replies_in_a_language_are_still_notes(world: World) -> None:
    case_id = make_case(world.session_factory, language="pl")
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("Dziękuję, list trochę pomógł")
    assert world.bot.texts == []
    assert len(world.events(case_id, "resident_reply")) == 1


async def test_stop_still_opts_out_whatever_the_language(world: World) -> None:
    case_id = make_case(world.session_factory, language="pt")
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("STOP")
    assert world.count(SmsOptOut) == 1
    assert world.bot.texts == []
