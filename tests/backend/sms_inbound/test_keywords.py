"""Twilio's keywords by text, exactly as Twilio acts on them (core/sms_keywords.py), and what a
resident is told about them: STOP stops every text, updates about their case included, and START
brings them back. A text from a number that opted out cannot be answered by text (Twilio refuses
it, and so does the stand-in), so it goes on the resident's open case for staff to see.
"""

from __future__ import annotations

import asyncio

import pytest

from backend.alerts.models import Alert
from backend.cases.models import Case
from backend.db import transaction
from backend.sms_inbound.models import SmsInbound
from backend.sms_outbound.opt_outs import SmsOptOut
from tests.backend.sms_inbound.two_way_world import RESIDENT, World, make_case, update

OPT_OUT_WORDS = ["STOP", "stopall", "Unsubscribe", "cancel", "End.", " QUIT ", "revoke", "OptOut!"]


def outcome_of(world: World, sid: str) -> SmsInbound:
    with world.session_factory() as session:
        return session.query(SmsInbound).filter_by(message_sid=sid).one()


@pytest.mark.parametrize("word", OPT_OUT_WORDS)
async def test_every_twilio_opt_out_word_opts_out(world: World, word: str) -> None:
    answer = await world.text(word)
    assert outcome_of(world, answer["message_sid"]).outcome == "opted_out"
    assert await asyncio.to_thread(world.count, SmsOptOut) == 1
    assert RESIDENT in world.standin.faults.unsubscribed  # the stand-in, like Twilio
    assert world.bot.received == []


@pytest.mark.parametrize(
    "text", ["cancel report", "Cancel report.", "CANCEL REPORT", "stop report", "start again"]
)
async def test_conversation_commands_reach_the_assistant_without_opting_out(
    world: World, text: str
) -> None:
    await world.text(text)
    assert world.bot.texts == [text]
    assert await asyncio.to_thread(world.count, SmsOptOut) == 0
    assert RESIDENT not in world.standin.faults.unsubscribed


async def test_help_says_how_to_cancel_a_report_and_what_stop_and_start_do(world: World) -> None:
    await world.text("HELP")
    await world.send_all()
    [reply] = world.sent_to()
    assert "To cancel a report in progress, text CANCEL REPORT." in reply
    assert "Text STOP to stop all our texts, including updates about your case" in reply
    assert "text START to get them again" in reply
    assert "0300 123 4567" in reply and "999" in reply


async def test_start_says_updates_about_the_case_come_again(world: World) -> None:
    await world.text("STOP")
    await world.text("start")
    await world.send_all()
    [reply] = world.sent_to()
    assert reply == (
        "Example Homes: you will get texts from us again, including updates about your case. "
        "Text STOP to stop them."
    )


async def test_stop_is_on_the_timeline_of_each_open_case(world: World) -> None:
    open_case = make_case(world.session_factory)
    closed_case = make_case(world.session_factory, status="closed")
    other = make_case(world.session_factory, phone="+447700900456")
    await world.text("Cancel")
    [event] = world.events(open_case, "opted_out")
    assert "texted CANCEL" in event.summary
    assert "not even updates about this case, until they text START" in event.summary
    assert world.events(closed_case, "opted_out") == [] and world.events(other, "opted_out") == []
    # Nothing reaches the resident now; a second STOP adds nothing.
    assert update(world, open_case, "status", status="in_progress") is None
    await world.text("STOP")
    assert len(world.events(open_case, "opted_out")) == 1

    await world.text("START")
    assert len(world.events(open_case, "opted_in")) == 1
    assert update(world, open_case, "status", status="in_progress") is not None


async def test_a_text_while_opted_out_goes_on_the_open_case(world: World) -> None:
    case_id = make_case(world.session_factory)
    await world.text("STOP")
    answer = await world.text("is anyone looking at my report? the noise is worse")
    inbound = outcome_of(world, answer["message_sid"])
    assert (inbound.outcome, inbound.case_id) == ("case_note", case_id)
    [note] = world.events(case_id, "resident_reply")
    assert "opted out of texts" in note.summary and "the noise is worse" in note.summary
    assert note.data["opted_out"] is True
    await world.send_all()
    assert world.sent_to() == [] and world.bot.received == []  # no reply can reach them


async def test_a_text_while_opted_out_without_an_open_case_is_only_recorded(
    world: World,
) -> None:
    case_id = make_case(world.session_factory)
    with transaction(world.session_factory) as session:
        session.get(Case, case_id).status = "closed"
    await world.text("QUIT")
    answer = await world.text("hello?")
    assert outcome_of(world, answer["message_sid"]).outcome == "ignored"
    assert world.events(case_id, "resident_reply") == []
    assert world.bot.received == []


async def test_danger_texted_while_opted_out_alerts_the_duty_officer(world: World) -> None:
    """No reply can reach the number, "call 999" included: staff hear of it at once."""
    case_id = make_case(world.session_factory)
    await world.text("STOP")
    answer = await world.text("he is outside my door right now with a knife")
    assert outcome_of(world, answer["message_sid"]).outcome == "case_note"
    with world.session_factory() as session:
        alerts = session.query(Alert).filter_by(case_id=case_id).all()
    assert [alert.reason for alert in alerts] == ["escalated"]
    # The everyday kind of text while opted out raises nothing.
    await world.text("the music is still loud")
    with world.session_factory() as session:
        assert session.query(Alert).count() == 1


async def test_danger_texted_while_opted_out_with_no_case_opens_an_urgent_one(
    world: World,
) -> None:
    await world.text("STOP")
    answer = await world.text("my ex is kicking my door in right now please help")
    with world.session_factory() as session:
        [case] = session.query(Case).all()
        alerts = session.query(Alert).filter_by(case_id=case.id).all()
    assert case.urgent and case.report_id == f"incomplete:sms-{answer['message_sid']}"
    assert case.reporter_phone == RESIDENT and case.safe_to_text is False  # never texted
    assert alerts and all(alert.case_id == case.id for alert in alerts)
