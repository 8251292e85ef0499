"""Answers to the report's questions, rule by rule (bot/actions/answer_safety.py): negation,
tense, mistakes, hypotheticals, things named after danger, and the dangers each rule must not
hide. `intent` is what the NLU might have read; the advice must not depend on a classifier's
emergency for an answer that says it is not one. All examples are fictional."""

from __future__ import annotations

import pytest

from bot.actions import answer_safety
from core import safety


def advice(text: str, intent: str = "emergency") -> str | None:
    return answer_safety.answer_advice(text, intent)


def no_advice_at_all(text: str) -> bool:
    """No advice whatever the NLU read (the layer's own route, or a classifier's emergency),
    and no 999 line from the form."""
    found = safety.check(text)
    intents = ["emergency", "nlu_fallback"] + (
        [safety.SAFETY_INTENTS[found.route]] if found else []
    )
    return all(advice(text, intent) is None for intent in intents) and not (
        answer_safety.harm_line_due(text)
    )


def caught(text: str) -> bool:
    """A danger gets 999 whatever the classifier read: the layer's route with its advice, or
    the form's 999 line when the message was not routed to a safety route."""
    found = safety.check(text)
    if found is not None:
        return advice(text, safety.SAFETY_INTENTS[found.route]) is not None
    return answer_safety.harm_line_due(text)


@pytest.mark.parametrize(
    "text",
    [
        "the garages on Wren Lane, where a man got stabbed three years ago, now it's just bikers",
        "the chap at 11 who went to prison for a shooting years back, he's out now and has parties",
        "the underpass, there was a fire there last summer, since then it's only graffiti",
        "the lad at 8 who overdosed a couple of years ago, he's doing better now, it's his dog",
    ],
)
def test_harm_long_past_is_not_danger_now(text: str) -> None:
    assert answer_safety.long_past(text)
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "he stabbed my cousin two years ago and right now he's outside our flat with a knife",
        "years ago he set fire to a car, tonight he's pouring petrol on our door",
        "last year he hit her, and he's still here now shouting he'll kill her",
    ],
)
def test_harm_long_past_with_danger_now_still_gets_999(text: str) -> None:
    assert not answer_safety.long_past(text)
    assert caught(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sunday night, I thought someone was being attacked but it was two foxes screeching",
        "my neighbour thought she smelt burning but it turned out to be their toast",
        "the cleaner saw blood by the lift, it was from a dog that cut its paw",
        "nah, I'd be calling you from under the table if it was",
    ],
)
def test_a_mistake_put_right_or_a_hypothetical_is_not_danger(text: str) -> None:
    assert answer_safety.reassured(text)
    assert no_advice_at_all(text)


def test_a_mistake_that_turned_out_to_be_a_danger_is_one() -> None:
    text = "I thought it was a firework but it was a gunshot and a lad is lying by the bins"
    assert not answer_safety.mistaken(text)
    assert caught(text)


@pytest.mark.parametrize(
    "text",
    [
        "the footbridge over the brook, nobody's going to fall in, they just spit off it",
        "the lift in Quill House, the mirror is cracked but nobody cut themselves",
        "no it's all calm now, the scrap was on Friday",
        "the man at 30 had a go at someone last week, but he's gone now, it's the barking dog",
    ],
)
def test_negated_or_over_answers_get_no_advice(text: str) -> None:
    assert no_advice_at_all(text)


def test_not_now_is_not_the_present() -> None:
    text = "no, not at the moment, they usually start fighting after the pub shuts"
    assert not answer_safety.present(text)
    assert not answer_safety.harm_line_due(text)
    assert answer_safety.present("they are fighting at the moment")


def test_nobody_hurt_yet_is_not_a_reassurance() -> None:
    text = "nobody's hurt yet but he's waving a knife at the kids"
    assert not answer_safety.reassured(text)
    assert caught(text)


@pytest.mark.parametrize(
    "text",
    [
        "the old lifeboat station, near where the fire wardens do their checks",
        "the man with a dagger tattoo on his arm, he revs his van at 6am",
        "kids with water pistols and toy guns, they soak people by the shop",
        "the towpath by Cooper's Lock, they chuck their bottles and trolleys into the canal",
        "the bloke at 4 who plays zombie games all night, I hear the gunfire through the floor",
        "the Fire and Rescue depot on Stoke Road, they do wheelies in front of it",
    ],
)
def test_things_named_after_danger_are_set_aside(text: str) -> None:
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "the car park of the Cutlass Arms on Deal Road",
        "Bullet Lane, the bit by the shops",
        "the man at 6 who says he'll batter anyone who parks there, he's all mouth",
        "the garden at 3 where the gas leak was in the spring, it's just the dogs now",
    ],
)
def test_names_of_places_and_idle_talk_get_no_advice(text: str) -> None:
    assert no_advice_at_all(text)


def test_a_danger_at_a_place_with_a_name_is_still_one() -> None:
    assert caught("Fire at Sparrow Court, the flames are coming out of the window right now")


def test_people_smoking_are_not_a_fire() -> None:
    text = "yes, the teenagers are in the bin store smoking again, nothing more"
    assert no_advice_at_all(text)
    assert safety.check("the lads are sat on the landing smoking") is None
    assert safety.check("the bin chute is smoking and the walls are hot") is not None


@pytest.mark.parametrize(
    "text",
    [
        "nobody, he's put my daughter in his van and driven off, she's 6",
        "the car park, he drove off with my little boy in the back",
        "yes and the man upstairs is throwing bottles down onto the kids below",
        "number 12's landing, it reeks of gas and the meter is hissing",
        "I'm hiding, there's someone creeping around in my flat downstairs",
        "he's been going along the corridor trying all the doors and he's still in the building",
        "my neighbour's toddler is face down in the paddling pool",
        "just now he kicked my son in the head and he's still out there",
        "the kids on the green, a car drove right at them and it's coming round again",
        "there's a woman trapped under the van outside the shop",
    ],
)
def test_dangers_said_in_an_answer_get_999(text: str) -> None:
    assert answer_safety.danger_now(text)
    assert caught(text)


def test_an_overdose_told_as_long_past_is_not_one_now() -> None:
    text = "the lady at 2 who took an overdose years ago, she's fine now, it's her son's music"
    assert not answer_safety.danger_now(text)
    assert no_advice_at_all(text)
    assert caught("she's taken an overdose, she took it an hour ago")


def test_abuse_long_over_gets_no_advice_in_an_answer_unless_it_goes_on() -> None:
    over = "my brother. he hit me once years back but now he's just round a lot being loud"
    assert advice(over, "asb_domestic_abuse") is None
    going_on = "my ex. he hit me years back, now he's just texting me all night"
    assert advice(going_on, "asb_domestic_abuse") == safety.DOMESTIC_ABUSE
    recent = "my husband, he hits me when he's been drinking"
    assert advice(recent, "asb_domestic_abuse") == safety.DOMESTIC_ABUSE
