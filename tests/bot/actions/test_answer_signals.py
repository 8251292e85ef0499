"""Answers to the report's questions after blind set W (issue 12): a classifier's emergency
reading stands only with some sign of harm or danger (bot/actions/answer_signals.py), weapons on
show or never used, smoke breaks, and blows to things in someone else's household. Each rule
with the dangers it must not hide. All examples are fictional."""

from __future__ import annotations

import pytest

from bot.actions import answer_safety
from bot.actions.answer_signals import things_struck_only
from core import safety


@pytest.mark.parametrize(
    "text",
    [
        "the woman who walks her greyhound round the estate at dawn",
        "yes the alarm on the van is still going now, two hours",
        "I reckon the couple at 18 noticed but they keep their heads down",
        "a lad who sells phones out of his car boot, they call him Smudge",
        "the bike shed by the recycling point",
    ],
)
def test_a_classifiers_emergency_with_no_sign_of_harm_gets_no_advice(text: str) -> None:
    assert not answer_safety.harm_signal(text)
    assert answer_safety.answer_advice(text, "emergency") is None


@pytest.mark.parametrize(
    "text",
    [
        "he won't let her out of the flat and she's crying at the window",
        "I can't breathe, the whole stairwell is thick with it",
        "we're locked in the bathroom and he's banging on the door",
        "my gran's not waking up and her lips have gone blue",
        "there's a strange man in the children's bedroom",
        "he's set that dog on the postman",
        "the ceiling has come down on my nan",
        "my lad's 8 and he's not come home, his scooter is by the road",
        "a woman on the bridge railings says she wants to die",
        "he's got hold of her by the hair in the car park",
        "someone's lit something under the stairs",
        "water's pouring into the fuse box",
    ],
)
def test_dangers_in_other_words_keep_a_classifiers_emergency(text: str) -> None:
    assert answer_safety.harm_signal(text)
    assert answer_safety.answer_advice(text, "emergency") == safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "the man at 12, he's got axes mounted on his hall wall but he's never used one on anyone",
        "my neighbour, a display of knives in his lounge, he's never threatened anybody with them",
    ],
)
def test_weapons_on_show_or_never_used_are_no_emergency(text: str) -> None:
    assert answer_safety.answer_advice(text, "emergency") is None
    assert not answer_safety.harm_line_due(text)


def test_a_weapon_on_show_taken_down_now_is_an_emergency() -> None:
    text = "he had swords hung on his wall and right now he's waving one at the lads outside"
    assert answer_safety.answer_advice(text, "emergency") == safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "the staff at the Plough & Harrow saw, they were outside having a smoke",
        "two lads on a smoke break from the warehouse",
    ],
)
def test_a_smoke_break_is_not_a_fire(text: str) -> None:
    assert answer_safety.answer_advice(text, "emergency") is None


def test_a_smoke_break_beside_a_fire_is_still_one() -> None:
    text = "I was out having a smoke when I saw flames coming out of the bin store"
    assert answer_safety.answer_advice(text, "emergency") == safety.EMERGENCY


def test_blows_to_things_in_someone_elses_household_are_not_abuse_of_the_resident() -> None:
    text = "the lad at 14 and his girlfriend, he's the one who punched the lift door last winter"
    assert things_struck_only(answer_safety.normalise(text)) is not None
    assert answer_safety.answer_advice(text, "asb_domestic_abuse") is None


@pytest.mark.parametrize(
    "text",
    [
        "my ex, he kicked my front door in last month",
        "her boyfriend, he kicked the door in and he hits her too",
    ],
)
def test_the_residents_own_relation_or_abuse_of_a_person_keeps_abuse_advice(text: str) -> None:
    assert answer_safety.answer_advice(text, "asb_domestic_abuse") == safety.DOMESTIC_ABUSE


def test_a_named_relative_as_witness_gets_no_abuse_advice() -> None:
    text = "My husband Dev heard the threats but he was at work when the bat thing happened in May"
    assert answer_safety.answer_advice(text, "asb_domestic_abuse") is None
