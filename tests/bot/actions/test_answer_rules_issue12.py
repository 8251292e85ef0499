"""Answers to the report's questions: the rules added after blind set R (issue 12). Each rule
that keeps an answer without advice is shown with the dangers it must not hide. All examples
are fictional, written for these tests."""

from __future__ import annotations

import pytest

from bot.actions import answer_safety
from core import safety


def advice(text: str, intent: str = "emergency") -> str | None:
    return answer_safety.answer_advice(text, intent)


def no_advice_at_all(text: str) -> bool:
    """No advice whatever the NLU read, and no 999 line from the form."""
    found = safety.check(text)
    intents = ["emergency", "nlu_fallback"] + (
        [safety.SAFETY_INTENTS[found.route]] if found else []
    )
    return all(advice(text, intent) is None for intent in intents) and not (
        answer_safety.harm_line_due(text)
    )


def caught(text: str) -> bool:
    """999 whatever the classifier read: the layer's route with its advice, or the form's line."""
    found = safety.check(text)
    if found is not None:
        return advice(text, safety.SAFETY_INTENTS[found.route]) is not None
    return answer_safety.harm_line_due(text)


def test_a_classifier_emergency_with_a_place_name_stands_when_there_is_harm() -> None:
    """`set_aside` needs no sign of harm at all, not only no word of the narrower lexicon."""
    text = "by the swings on Holly Rd, a man keeps grabbing at a little boy and he's crying"
    assert answer_safety.harm_signal(text)
    assert not answer_safety.set_aside(text)
    assert advice(text) == safety.EMERGENCY
    assert answer_safety.set_aside("the Gun Inn car park on Mill Rd")
    assert advice("the Gun Inn car park on Mill Rd") is None


@pytest.mark.parametrize(
    "text",
    [
        "the rec on Thorn Way, a bloke is trying to drag a young girl into his car",
        "two men trying to force a lad into the back of a transit van",
        "the school gates, a man is trying to lure the kids into his van with sweets",
        "outside the shop, a man is trying to get the girls into his car",
    ],
)
def test_someone_forced_or_lured_into_a_vehicle_is_an_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY
    assert caught(text)


@pytest.mark.parametrize(
    "text",
    [
        "im trying to get the kids into the car for school when they start",
        "dad trying to get the children into the car, they block the path",
        "he tried to bundle his son into the back of his car last year",
    ],
)
def test_getting_your_own_children_in_the_car_or_a_past_attempt_is_no_emergency(
    text: str,
) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "the flats behind the vape shop on Cross St, I think it's called Inferno",
        "a takeaway called Flaming Grill, the lads hang about outside it",
        "their dog, a big thing named Bullet, barks all night",
    ],
)
def test_a_name_given_with_called_or_named_is_not_a_danger(text: str) -> None:
    assert no_advice_at_all(text)


def test_a_name_after_called_does_not_hide_a_danger_or_the_services() -> None:
    assert caught("the shop's called Blaze and it is on fire right now, people are inside")
    assert caught("a pub called the Red Lion, a man is lying in the road outside bleeding")
    assert "a name" not in answer_safety._aside("I called Police, he has a knife")


@pytest.mark.parametrize(
    "text",
    [
        "no, I rang 999 the last time he was kicking the door in, he's not been back tonight",
        "not now, he's not been back since the police came",
    ],
)
def test_not_been_back_and_the_last_time_are_over(text: str) -> None:
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "he's not been back yet, he said he'll come back and kill me",
        "not now, the last time he came he set fire to the door, he's just pulled up outside again",
        "he's not been back tonight but his brother is outside my door with a knife",
        "the last time was worse, but tonight he's smashing the door in and she's screaming",
    ],
)
def test_not_been_back_or_the_last_time_never_hide_danger_now(text: str) -> None:
    assert advice(text) == safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "the man at 15, he's a butcher, gets in at 5am with his knife bag and bangs about",
        "she's a chef so she brings her knives home in a case, then plays music till 3",
        "my neighbour at 8, he's a chef, comes in late with his knife roll",
    ],
)
def test_a_trades_tools_are_not_weapons(text: str) -> None:
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "the chef from 12 is chasing his wife round the car park with a kitchen knife",
        "he's a butcher, he came at me with his cleaver",
        "the butcher at 5 has his cleaver out and is threatening the lads outside",
        "he's a builder, he's swinging a hammer at his neighbour now",
        "he's a chef and he's waving a knife at me",
    ],
)
def test_a_trades_tools_used_against_people_are_weapons(text: str) -> None:
    assert advice(text) == safety.EMERGENCY


def test_never_hit_her_is_a_reassurance_when_nothing_else_is_harm() -> None:
    text = "the couple at 30, they row at night. he's never hit her as far as I know"
    assert answer_safety.never_harmed(text)
    assert no_advice_at_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "he's never hit her before but he's got her by the throat right now",
        "he's never hit her but tonight he's got a knife to her throat",
        "he's never hurt anyone but she's screaming for help now",
    ],
)
def test_never_hit_her_does_not_outweigh_harm_now(text: str) -> None:
    assert not answer_safety.never_harmed(text)
    assert advice(text) == safety.EMERGENCY


def test_a_past_call_to_the_police_is_no_sign_of_danger() -> None:
    text = "the landlord of The Burning Bush rang the police on them once"
    assert not answer_safety.harm_signal(text)
    assert no_advice_at_all(text)
    assert answer_safety.harm_signal("the Gun Inn, I've called the police, they're fighting")


def test_a_reassurance_about_others_never_sets_self_harm_aside() -> None:
    text = "she's never been violent but she's standing on the balcony ledge saying goodbye"
    assert advice(text) == safety.EMERGENCY
    assert no_advice_at_all("the lift, there's broken glass weeks old but nobody cut themselves")


@pytest.mark.parametrize(
    "text",
    [
        "my nan from 4 is lying at the bottom of the stairs and not answering me",
        "the flat over the chemist, the baby's been crying for hours and the mum hasn't been home",
        "a driver in the car park is trying to run people over",
    ],
)
def test_more_dangers_the_layer_catches_in_an_answer(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY
    assert caught(text)


def test_a_weapon_out_again_is_danger_now_whatever_the_last_time_was() -> None:
    assert caught("he's got a knife again like the last time")
    assert caught("outside the Fighting Cocks, someone is screaming for help")


def test_a_hazard_ruled_out_or_witnesses_afraid_to_speak_get_no_advice() -> None:
    # session 9: the retrained classifier read both as emergencies
    assert no_advice_at_all("a neighbour who's a nurse, she says the smell was the drains not gas")
    assert no_advice_at_all("nobody will say anything round here, theyre all too scared")
    # the hazard itself, or fear for oneself now, still counts
    assert caught("it smells of gas on the landing, not the drains")
    assert caught("im too scared to open the door, hes outside with a knife")
