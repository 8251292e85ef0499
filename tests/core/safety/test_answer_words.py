"""Words residents use in answers to the report's questions that the safety layer must not read
as abuse or an emergency (core/safety/): denied harm, a relative who witnessed or is upset by
the noise, people smoking, places and games named after danger. All examples are fictional."""

from __future__ import annotations

import pytest

from core import safety


def route(text: str) -> str | None:
    found = safety.check(text)
    return found.route if found else None


@pytest.mark.parametrize(
    "text",
    [
        "the pair at 5 shout a lot but I don't believe he has ever hit her",
        "my grandson, he got a shock but he wasn't hurt",
        "my aunt is 84 and all that banging scares her",
        "my dad saw the whole thing from his window",
        "my sister heard everything through the wall",
    ],
)
def test_denied_harm_or_a_relative_as_witness_is_not_domestic_abuse(text: str) -> None:
    assert route(text) != safety.DOMESTIC_ABUSE


@pytest.mark.parametrize(
    "text",
    [
        "my husband hits me and I am scared of him",
        "my son never hit me before but last night he hit me and took my money",
        "my partner won't let me leave the flat",
        "my ex saw me in town and followed me home",
    ],
)
def test_abuse_by_a_relative_is_still_domestic_abuse(text: str) -> None:
    assert route(text) in (safety.DOMESTIC_ABUSE, safety.EMERGENCY)


@pytest.mark.parametrize(
    "text",
    [
        "the youths are always on the stairs smoking",
        "someone is sitting in the lift smoking",
        "the fire marshal for our block has seen it",
        "by the Fire and Rescue station on Tamar Way",
        "kids with nerf guns and water pistols on the green",
        "he plays shooting games and the gunfire is so loud",
        "the man with the gun tattoo on his hand",
        "they throw their cans and bottles into the river",
    ],
)
def test_ordinary_words_are_not_an_emergency(text: str) -> None:
    assert route(text) != safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "the bin store is smoking and I can see flames",
        "a man is pointing a real gun at people on the green",
        "he has thrown my son into the river and he can't swim",
        "there's a fire in the stairwell right now",
    ],
)
def test_real_emergencies_stay_emergencies(text: str) -> None:
    assert route(text) == safety.EMERGENCY


# -- issue 12, after blind set W (2026-12-06) ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my husband Dev heard the shouting through the floor",
        "my sister Ama saw it all from the landing",
        "my brother Kofi also heard the threats, he was staying over",
    ],
)
def test_a_named_relative_as_witness_is_not_domestic_abuse(text: str) -> None:
    assert route(text) != safety.DOMESTIC_ABUSE


def test_a_named_relative_who_does_the_harm_is_still_domestic_abuse() -> None:
    assert route("my husband Dev hit me again last night") == safety.DOMESTIC_ABUSE


@pytest.mark.parametrize(
    "text",
    [
        "they're out there now sat on the bench smoking",
        "a few of them right now standing by the bins smoking and laughing",
        "he says the smell of my cooking is killing him",
        "she reckons my drilling is killing her mum",
    ],
)
def test_people_smoking_now_or_a_nuisance_killing_someone_is_not_an_emergency(text: str) -> None:
    assert route(text) != safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "they're sat on the wall now and smoke is pouring out of the bin chute",
        "his dog is killing her, it's got her arm",
    ],
)
def test_real_smoke_or_an_attack_beside_those_words_is_still_an_emergency(text: str) -> None:
    assert route(text) == safety.EMERGENCY
