"""The good-neighbour filter (bot/goodneighbour.py): everyday living, ASB and out-of-scope
requests, many phrasings. All examples are fictional."""

from __future__ import annotations

import pytest

from bot import goodneighbour
from bot.routing import override_intent

# -- good-neighbour filter ---------------------------------------------------------------------

NOT_ASB = [
    "DIY on a Saturday afternoon",
    "they did some DIY on a Saturday afternoon",
    "a party last Saturday",
    "next door had a party last saturday",
    "I can hear footsteps from the flat above",
    "the kids next door play in the garden after school",
    "my neighbours baby cries a lot",
    "i can smell their cooking",
    "someone parked in my space",
    "I can hear their washing machine",
    "she gives me dirty looks",
    "he works shifts and comes home late",
    "they talk very loud on the phone",
    "i hear their tv a little bit in the evening",
]

EXCESSIVE = [
    "drilling at 2am every night",
    "parties every weekend until 5am",
    "they have a party every weekend till 4am",
    "they slam the doors on purpose to scare me",
    "the kids next door play football against my window where it says no ball games",
]

OUT_OF_SCOPE = [
    "my boiler is broken",
    "there is damp and mould in my bedroom",
    "I'm behind with my rent",
    "I want a transfer to a bigger flat",
    "my windows let the rain in",
    "there's a crack in my ceiling",
    "my toilet is blocked",
    "the water from upstairs is leaking into my kitchen",
    "i'm dying to know when the lift will be fixed",
    "when is my boiler getting repaired",
]


@pytest.mark.parametrize("text", NOT_ASB)
def test_everyday_living_is_a_good_neighbour_matter(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.NOT_ASB


@pytest.mark.parametrize("text", EXCESSIVE)
def test_frequency_time_and_severity_make_it_asb(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.ASB


@pytest.mark.parametrize("text", OUT_OF_SCOPE)
def test_out_of_scope_requests(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.OUT_OF_SCOPE


def test_real_asb_is_left_to_the_classifier() -> None:
    assert goodneighbour.assess("people dealing drugs in the stairwell") is None
    assert goodneighbour.assess("a bloke is running a car repair business on the street") is None


# -- lexicon families added 2026-11-22 (blind split E) -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "they chat in the garden in the evenings",
        "children kicking a ball about after school",
        "the man opposite never says hello",
        "their dog barks when the postman comes",
        "the kids upstairs stomp about at teatime",
        "the toddler upstairs has a tantrum at bedtime",
        "they argue now and again, nothing violent",
        "I hear the toilet flushing upstairs at night",
    ],
)
def test_more_everyday_living(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.NOT_ASB


@pytest.mark.parametrize(
    "text",
    [
        "their dog barks all day when they go out",
        "they keep using the communal lounge for parties",
        "they argue and scream at each other at 3am every night",
    ],
)
def test_more_excessive_living(text: str) -> None:
    assert goodneighbour.assess(text) != goodneighbour.NOT_ASB


@pytest.mark.parametrize(
    "text",
    [
        "the lift has been out of order since tuesday",
        "can i get a parking permit",
        "am i allowed to have a cat in my flat",
        "need a new key fob",
        "when do the bins get collected",
        "i want to transfer to a ground floor flat",
        "I'm worried about being evicted",
    ],
)
def test_more_out_of_scope(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.OUT_OF_SCOPE
    assert override_intent(text, "asb_groups_communal", 0.7) == "out_of_scope"


# -- families added after blind splits F and G (2026-11-22) ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "they had a wake that went on till midnight, just the one night",
        "the teenagers play on the xbox in the evening",
        "their bathroom fan hums",
        "she hangs her washing on the balcony",
        "their children are loud when they play outside in the day",
        "they slam their door when they go out to work",
        "my neighbour listens to music during the day",
    ],
)
def test_more_good_neighbour_matters(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.NOT_ASB


@pytest.mark.parametrize(
    "text",
    [
        "can I have a handrail fitted",
        "the landing lights are out",
        "there are silverfish in the bathroom",
        "I want to buy my council house",
        "my kitchen tap is dripping",
    ],
)
def test_more_out_of_scope_requests(text: str) -> None:
    assert goodneighbour.assess(text) == goodneighbour.OUT_OF_SCOPE


# -- families added after blind split H (2026-11-22) ------------------------------------------


def test_stomping_late_is_asb_but_moving_furniture_or_mowing_is_everyday() -> None:
    assert goodneighbour.assess("they are banging and stomping about at midnight") != (
        goodneighbour.NOT_ASB
    )
    assert goodneighbour.assess("I hear them moving furniture sometimes") == goodneighbour.NOT_ASB
    assert goodneighbour.assess("they mow the lawn on sunday morning") == goodneighbour.NOT_ASB


# -- mechanisms added after the blind runs of J and K (2026-11-22) ------------------------------
# (paraphrases of the classes found, never the eval lines themselves)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "we had a barbecue on sunday till 11pm, it's the first one this year",
            goodneighbour.NOT_ASB,
        ),
        ("people walk past my door to get to the lift", goodneighbour.NOT_ASB),
        ("someone keeps chucking dirty nappies into my garden", goodneighbour.ASB),
        ("the kids from the school are being sold vapes by lads on the bench", goodneighbour.ASB),
    ],
)
def test_good_neighbour_filter_after_blind_j_and_k(text: str, verdict: str | None) -> None:
    assert goodneighbour.assess(text) == verdict


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "they had a party till 1am last night but it's the first time they have",
            goodneighbour.NOT_ASB,
        ),
        ("the lift got stuck between floors this morning", goodneighbour.OUT_OF_SCOPE),
        ("my smoke alarm is beeping, I think it needs a battery", goodneighbour.OUT_OF_SCOPE),
        ("am I allowed to keep a dog in my flat", goodneighbour.OUT_OF_SCOPE),
        ("their dog barks at people when it roams the estate on its own", goodneighbour.ASB),
    ],
)
def test_good_neighbour_filter_after_l_and_m(text: str, verdict: str | None) -> None:
    assert goodneighbour.assess(text) == verdict


@pytest.mark.parametrize(
    "text,expected",
    [
        ("kids keep kicking a football against my door every evening", goodneighbour.ASB),
        ("they play football against my wall every night till 11", goodneighbour.ASB),
        ("teenagers playing football in the car park at midnight", goodneighbour.ASB),
        ("ball games every day right under the no ball games sign", goodneighbour.ASB),
        ("kids playing football in the street after school", goodneighbour.NOT_ASB),
        ("the kids play football on the green every day", goodneighbour.NOT_ASB),
        ("children kicking a ball about outside", goodneighbour.NOT_ASB),
    ],
)
def test_ball_games_are_everyday_play_unless_they_hit_homes_go_on_late_or_are_not_allowed(
    text: str, expected: str
) -> None:
    assert goodneighbour.assess(text) == expected
