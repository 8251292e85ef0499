"""Answers to the report's questions: safety advice only when the answer shows danger now
(bot/actions/answer_safety.py), and the form's 999 lines follow it. All examples are fictional."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import answer_safety
from bot.actions.safety_advice import ActionSafetyAdvice
from core import safety
from tests.bot.actions.helpers import DOMAIN, make_tracker, responses, slot_events, validate

ORDINARY_ANSWERS_WITH_DANGER_WORDS = [
    ("emergency", "no one is hurt, it's just the music that's the problem"),
    ("emergency", "there were no weapons or anything like that, just shouting"),
    ("emergency", "the lads from Cobble Row, they aren't violent, just loud"),
    ("emergency", "it kicked off at the weekend but they've all gone now"),
    ("emergency", "yes but I'm fine, nobody's in any danger, it's just annoying"),
    ("crime_not_in_progress", "the bloke at 14 who got sent down for burglary years ago"),
    ("crime_not_in_progress", "last Tuesday, same as when they broke into the bike store"),
    ("affirm", "yes, the lads took my son to football, they are loud but nobody gets hurt"),
    ("affirm", "my sister has got my daughter for the weekend so it's only me hearing it"),
    # session 10: the police took the danger away
    ("emergency", "no, the police came round and took him away an hour ago"),
]
DANGERS_IN_AN_ANSWER = [
    ("emergency", "he's outside my door right now with a knife"),
    ("emergency", "my neighbour is lying on the landing and she's not moving"),
    ("nlu_fallback", "no one, I've taken all my tablets and I feel strange"),
    ("emergency", "a man just grabbed a little boy by the shops and ran off with him"),
    ("emergency", "right now, he's smashing up the flat and the kids are in there"),
    ("emergency", "someone is in my kitchen right now, I'm hiding in the garden"),
    ("affirm", "yes, they've pushed my nephew into their van and won't let him go"),
    ("affirm", "yes and he's got my little boy, says I'll never see him again"),
    ("asb_vehicle_nuisance", "yes, the van keeps revving at the kids on the green"),
]
# Session 10 (answers Q): dangers that the retrained model reads as abuse or vehicle nuisance; the
# safety layer gives them 999 whatever the intent.
DANGERS_THE_MODEL_MISREADS = [
    ("asb_domestic_abuse", "it began in may, hes just poured petrol on the mat, hes stood outside"),
    ("asb_vehicle_nuisance", "a car keeps trying to run people down, hes going round again"),
]


@pytest.mark.parametrize(("intent", "text"), ORDINARY_ANSWERS_WITH_DANGER_WORDS)
def test_ordinary_answers_get_no_advice(intent: str, text: str) -> None:
    assert answer_safety.answer_advice(text, intent) is None
    assert not answer_safety.harm_line_due(text)


@pytest.mark.parametrize(("intent", "text"), DANGERS_THE_MODEL_MISREADS)
def test_dangers_the_model_misreads_still_get_999(intent: str, text: str) -> None:
    assert answer_safety.answer_advice(text, intent) == safety.EMERGENCY


@pytest.mark.parametrize(("intent", "text"), DANGERS_IN_AN_ANSWER)
def test_real_dangers_in_an_answer_still_get_999(intent: str, text: str) -> None:
    if intent in safety.INTENT_ROUTES:
        assert answer_safety.answer_advice(text, intent) == safety.EMERGENCY
    else:  # not routed to a safety route at all: the form's 999 line must come instead
        assert answer_safety.harm_line_due(text)


def test_a_place_named_after_fire_is_not_a_fire() -> None:
    assert safety.check("by the old fire station on Quarry Lane, they sit on the wall") is None
    assert safety.check("they prop the fire door open with a bin") is None


def test_domestic_abuse_found_by_the_safety_layer_keeps_its_advice() -> None:
    text = "my husband, he hits me when he's been drinking"
    assert answer_safety.answer_advice(text, "asb_domestic_abuse") == safety.DOMESTIC_ABUSE


async def test_a_negated_answer_gets_no_999_line_in_the_form() -> None:
    text = "no one got hurt, there was no blood or anything, they just argued"
    _slots, said, _ = await validate(
        {"witnesses": text}, text=text, intent="nlu_fallback", slots={"category": "noise"}
    )
    assert "utter_danger_check" not in said


async def test_a_danger_now_answer_gets_the_999_line_in_the_form() -> None:
    text = "the man from flat 2 and he's stabbing someone right now"
    _slots, said, _ = await validate(
        {"people_involved": text}, text=text, intent="nlu_fallback", slots={"category": "noise"}
    )
    assert "utter_danger_check" in said


@pytest.mark.parametrize(
    ("category", "answer", "reminded"),
    [
        ("violence", "yes", True),
        (None, "yes", True),
        ("noise", "yes", False),
        ("violence", "yes but nobody is in danger, they're just shouting", False),
    ],
)
async def test_happening_now_reminds_of_999_only_where_danger_may_be_now(
    category: str | None, answer: str, reminded: bool
) -> None:
    slots, said, _ = await validate(
        {"happening_now": answer}, text=answer, intent="affirm", slots={"category": category}
    )
    assert slots["happening_now"] is True
    assert ("utter_danger_call_999" in said) is reminded


async def run_safety_advice(requested: str, text: str, intent: str) -> tuple[list[str], dict]:
    tracker = make_tracker(
        slots={"category": "noise", "description": "Loud music every night"},
        text=text,
        intent=intent,
        active_loop="report_form",
        requested_slot=requested,
    )
    dispatcher = CollectingDispatcher()
    events = await ActionSafetyAdvice().run(dispatcher, tracker, DOMAIN)
    return responses(dispatcher), slot_events(events)


async def test_an_ordinary_answer_routed_as_an_emergency_is_kept_without_advice() -> None:
    answer = "the bin store on Quarry Lane, nobody was hurt, it's just the mess"
    said, slots = await run_safety_advice("location", answer, "emergency")
    assert said == []
    assert slots == {"location": answer}


async def test_no_one_in_danger_answers_is_it_happening_now() -> None:
    said, slots = await run_safety_advice(
        "happening_now", "no, nobody is in any danger right now", "emergency"
    )
    assert said == []
    assert slots == {"happening_now": False}


async def test_a_past_crime_in_an_answer_gets_no_101_advice() -> None:
    said, slots = await run_safety_advice(
        "happened_when",
        "last Tuesday, same as when they broke into the bike store",
        "crime_not_in_progress",
    )
    assert said == []
    assert slots["happened_when"].startswith("last Tuesday")


async def test_a_classifiers_emergency_outweighs_the_safety_layers_101_in_an_answer() -> None:
    # "punched" reads as a past crime to the safety layer; "still outside" says it is not over.
    said, _slots = await run_safety_advice(
        "happened_when", "a minute ago he punched my brother and he's still outside", "emergency"
    )
    assert said[0] == "utter_safety_emergency"


async def test_a_danger_now_answer_still_gets_999_first() -> None:
    said, slots = await run_safety_advice(
        "people_involved",
        "the man at 19, he's outside my door right now with a knife",
        "emergency",
    )
    assert said[0] == "utter_safety_emergency"
    assert slots["safety_route"] == safety.EMERGENCY and slots["urgent"] is True
