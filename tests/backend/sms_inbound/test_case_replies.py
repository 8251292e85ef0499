"""Replies to a text about a case: survey answers, notes on the case, and what still reaches
the assistant (danger, news questions, new incidents)."""

from __future__ import annotations

from sqlalchemy import select

from backend.sms_inbound.models import SurveyResponse
from backend.sms_outbound.survey_questions import SURVEY
from tests.backend.sms_inbound.two_way_world import World, make_case, update


async def test_survey_answered_by_text(world: World) -> None:
    case_id = make_case(world.session_factory, status="closed")
    closure = update(world, case_id, "closure", reason="the noise has stopped")
    assert "Question 1 of 5" in closure.body and "the noise has stopped" in closure.body
    await world.send_all()
    for answer in ("4", "five", "5", "3", "2", "yes"):
        await world.text(answer)
    await world.send_all()
    with world.session_factory() as session:
        answers = session.execute(
            select(SurveyResponse.question, SurveyResponse.score)
            .where(SurveyResponse.case_id == case_id)
            .order_by(SurveyResponse.position)
        ).all()
    assert answers == [
        ("kept_informed", 4),
        ("treated_fairly", 5),
        ("easy_to_report", 3),
        ("outcome", 2),
        ("report_again", 1),
    ]
    sent = world.sent_to()
    assert [s.split(":")[0] for s in sent if s.startswith("Question")] == [
        f"Question {n} of {len(SURVEY)}" for n in range(2, 6)
    ]
    assert "Thank you for your answers" in sent[-1]
    # "five" was not an answer: it reached the case as a note instead.
    notes = world.events(case_id, "resident_reply")
    assert [n.summary for n in notes] == ["Text from the resident: five"]
    assert world.bot.received == []


async def test_reply_to_an_update_becomes_a_case_note(world: World) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("Thanks, the letter helped a bit", media_urls=["https://x.test/ME1"])
    [note] = world.events(case_id, "resident_reply")
    assert note.summary.startswith("Text from the resident: Thanks, the letter helped")
    assert note.actor == "resident"
    assert note.data["media_urls"] == ["https://x.test/ME1"]
    await world.send_all()
    assert "added your message to your case ASB-2026-" in world.sent_to()[-1]
    assert world.bot.received == []
    # REPORT always reaches the assistant.
    await world.text("REPORT")
    assert world.bot.texts == ["REPORT"]


async def test_danger_in_a_reply_to_an_update_reaches_the_assistant(world: World) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("hes trying to kick my door in right now")
    # Not filed away as a note: the assistant answers (999 first) like any other message.
    assert world.bot.texts == ["hes trying to kick my door in right now"]
    assert world.events(case_id, "resident_reply") == []


async def test_news_questions_and_new_incidents_in_replies_reach_the_assistant(
    world: World,
) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("any news on my case?")
    await world.text("they're at it again tonight")
    # The assistant checks who is asking and links a new incident to the open case.
    assert world.bot.texts == ["any news on my case?", "they're at it again tonight"]
    assert world.events(case_id, "resident_reply") == []
