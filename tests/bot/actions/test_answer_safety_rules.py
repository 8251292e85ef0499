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


# -- issue 12, round after blind set Z: names, homes known by a feature, hobbies, denials --------


@pytest.mark.parametrize(
    "text",
    [
        "round the back of the Hammer & Tongs on Kiln Lane",
        "the Two Pistols pub car park, most weekends",
        "the Smoking Gun end of Ferry Road",
        "the barman at the Axe and Compass saw them",
    ],
)
def test_the_names_of_pubs_and_venues_are_not_danger(text: str) -> None:
    assert no_advice_at_all(text)


def test_a_danger_at_a_pub_with_a_name_is_still_one() -> None:
    assert caught("the Two Pistols pub, a man is stabbing someone outside right now")
    assert caught("outside the Hammer & Tongs, he's waving a knife at people")


def test_names_are_not_set_aside_in_an_answer_written_in_capitals() -> None:
    text = "The Man Next Door Has A Knife And Is Outside My Door Now"
    assert answer_safety._aside(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "they're in the house with the green gate, three of them",
        "she's in the flat opposite, the one with the satellite dish",
        "he's in the house at the end of the row with his mates",
    ],
)
def test_a_home_known_by_how_it_looks_is_a_place_not_an_intruder(text: str) -> None:
    assert no_advice_at_all(text)


def test_someone_in_the_house_with_the_residents_children_is_still_danger() -> None:
    assert caught("they're in the house with my kids and I can't get in")


@pytest.mark.parametrize(
    "text",
    [
        "the man at 19, he collects old bayonets, but it's his parties I'm reporting",
        "a lady who runs a knife stall at the market, she parks across my drive",
    ],
)
def test_weapons_kept_as_a_hobby_or_a_trade_are_not_danger(text: str) -> None:
    assert no_advice_at_all(text)


def test_a_collector_using_a_weapon_now_is_danger() -> None:
    assert caught("he collects swords and he's waving one at me now")


@pytest.mark.parametrize(
    "text",
    [
        "yes the smoke alarm is going off again, there's no fire, they just burn their toast",
        "it's not a fight, they're messing about on the swings",
        "yes, the alarm's ringing in the lobby but no smoke or anything",
    ],
)
def test_a_danger_said_not_to_be_there_is_no_danger(text: str) -> None:
    assert answer_safety.denied(text)
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "there's no fire escape and the landing is full of smoke",
        "no fire yet but he's pouring petrol through the letterbox",
        "there's no fight, he's just stabbed him and run off",
    ],
)
def test_a_denial_does_not_hide_another_danger(text: str) -> None:
    assert not answer_safety.denied(text)
    assert caught(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes, kids shooting hoops on the court until late",
        "the fire fighter at number 7 heard it too",
        "yes they're burning garden waste again in the back",
        "the two foxes fighting under my window every night",
        "yes they're play fighting on the landing, screaming their heads off",
    ],
)
def test_everyday_words_that_borrow_a_dangers_name_are_not_danger(text: str) -> None:
    assert no_advice_at_all(text)


def test_rubbish_burnt_against_a_door_is_still_danger() -> None:
    assert caught("they're burning rubbish against my front door right now")


@pytest.mark.parametrize(
    "text",
    [
        "outside Blades Barbers on the high street",
        "the corner by Arrow Fire Protection's unit, lads sit on the wall",
        "yes, the kids are having a water fight on the landing and screaming",
        "the stairs where someone's been burning holes in the carpet",
        "the underpass, it's full of smoke from their spliffs every evening",
    ],
)
def test_names_games_and_nuisance_smoke_are_not_danger(text: str) -> None:
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "He's Pouring Petrol through my door",
        "I can see the Fire Spreading now, it's at the flat above",
    ],
)
def test_capitalised_words_that_tell_a_danger_are_not_names(text: str) -> None:
    assert caught(text)


def test_fags_where_the_answer_speaks_of_smoking_are_cigarettes() -> None:
    assert no_advice_at_all("the bin store, it stinks of their fags and weed")
    assert no_advice_at_all("the landing, there are fag ends everywhere")


def test_nobody_fighting_is_a_denial() -> None:
    text = "yes they're shouting at each other but nobody's fighting"
    assert answer_safety.denied(text)
    assert no_advice_at_all(text)


def test_capitalised_words_of_where_and_when_are_not_a_name() -> None:
    assert caught("there is a man in My Flat Now")


def test_smoke_from_cooking_is_not_set_aside_as_a_nuisance() -> None:
    text = "the flat next door, she's left her cooking on and smoke's pouring out, no answer"
    assert advice(text, "emergency") == safety.EMERGENCY
