"""The decision the NLU component applies (bot/routing.py): `override_intent` over the
classifier's intent (safety layer first, then the good-neighbour filter), and `route_of`'s route
and category codes. All examples are fictional."""

from __future__ import annotations

import pytest

from bot.routing import decide, override_intent, route_of

# -- the decision the NLU component applies ------------------------------------------------------


def test_the_safety_layer_overrides_any_intent() -> None:
    assert override_intent("he is hitting me", "affirm", 0.99) == "emergency"
    assert override_intent("someones breaking in", "nlu_fallback", 0.4) == "emergency"
    assert override_intent("my partner hits me", "asb_harassment", 0.9) == "asb_domestic_abuse"
    assert override_intent("my bike was stolen", "asb_vandalism", 0.9) == "crime_not_in_progress"


def test_button_payloads_and_small_talk_are_left_alone() -> None:
    assert override_intent("/affirm", "affirm", 1.0) is None
    assert override_intent("am I talking to a person?", "bot_challenge", 0.95) is None


def test_the_filter_only_overrides_descriptions() -> None:
    assert override_intent("a party last Saturday", "asb_noise", 0.9) == "not_asb"
    assert override_intent("drilling at 2am every night", "not_asb", 0.8) == "asb_noise"
    assert override_intent("my boiler is broken", "report_asb", 0.7) == "out_of_scope"
    # a broken door may be damage (asb_vandalism stands); a boiler, leak or damp never is
    assert override_intent("my front door is broken", "asb_vandalism", 0.7) is None
    assert override_intent("my boiler is broken", "asb_vandalism", 0.7) == "out_of_scope"


def test_classifier_not_asb_needs_an_everyday_topic_when_asb_words_are_clear() -> None:
    text = "I think theyre running a drug den next door, people in and out"
    assert override_intent(text, "not_asb", 0.7) == "asb_drug_dealing"
    assert override_intent("quad bikes on the playing field", "not_asb", 0.6) == (
        "asb_vehicle_nuisance"
    )
    # everyday living the filter recognises, or no ASB words: the classifier's not_asb stands
    assert override_intent("my neighbours baby cries a lot", "not_asb", 0.9) == "not_asb"
    assert override_intent("the kids next door shout when they play", "not_asb", 0.9) is None


def test_unsure_classifier_safety_intents_are_not_acted_on() -> None:
    # e.g. an address answer mid-form that DIET weakly took for hate
    assert override_intent("14 Example Close", "asb_hate", 0.45) == "report_asb"
    assert override_intent("14 Example Close", "asb_hate", 0.9) is None


def test_route_of_maps_intents_to_domain_codes() -> None:
    def parse(name: str, confidence: float = 0.9) -> dict:
        return {"intent": {"name": name, "confidence": confidence}}

    assert route_of("x", parse("emergency"))["route"] == "emergency"
    assert route_of("x", parse("crime_not_in_progress"))["route"] == "crime_101"
    assert route_of("x", parse("asb_domestic_abuse"))["route"] == "domestic_abuse"
    assert route_of("x", parse("asb_hate"))["route"] == "hate"
    assert route_of("x", parse("not_asb"))["route"] == "not_asb"
    assert route_of("x", parse("out_of_scope"))["route"] == "out_of_scope"
    assert route_of("x", parse("greet"))["route"] == "out_of_scope"
    assert route_of("I want to report", parse("report_asb"))["route"] == "asb_unspecified"
    noise = route_of("loud music every night", parse("asb_noise"))
    assert noise == {
        "text": "loud music every night",
        "route": "asb",
        "category": "noise",
        "confidence": 0.9,
    }
    assert route_of("x", parse("emergency"))["category"] is None


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour is making my life hell",
        "things have got worse round here and I want it logged",
    ],
)
def test_a_complaint_without_description_is_asb_unspecified(text: str) -> None:
    parse = {"intent": {"name": "report_asb", "confidence": 0.9}}
    assert route_of(text, parse)["route"] == "asb_unspecified"


def _ranking(*names: str) -> list[dict]:
    """A description classifier ranking, best first."""
    confidences = [0.6, 0.3, 0.1][: len(names)]
    return [{"name": n, "confidence": c} for n, c in zip(names, confidences, strict=True)]


def test_an_emergency_reading_of_violence_told_as_past_is_reported_as_asb() -> None:
    text = "the lad at 4 pushed my elderly dad down the stairs last week, hes ok but bruised"
    parse = {
        "intent": {"name": "report_asb", "confidence": 0.9},
        "description_ranking": _ranking("emergency", "asb_violence", "asb_harassment"),
    }
    chosen, _confidence = decide(
        text, "report_asb", 0.9, description_ranking=parse["description_ranking"]
    )
    assert chosen == "asb_violence"
    parse["intent"]["name"] = chosen
    assert route_of(text, parse)["route"] == "asb"
    assert route_of(text, parse)["category"] == "violence"


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # happening now despite a past marker
        ("he attacked me last week and he is outside my door right now", "asb_violence"),
        # a welfare worry or a danger going on: the classifier's emergency stands
        ("havent seen mrs okafor since thursday, curtains shut, post piling up", "out_of_scope"),
        ("the carbon monoxide alarm keeps going off and we all feel sick", "out_of_scope"),
    ],
)
def test_an_emergency_reading_stands_when_now_or_not_asb(text: str, second: str) -> None:
    ranking = _ranking("emergency", second, "asb_noise")
    chosen, _confidence = decide(text, "report_asb", 0.9, description_ranking=ranking)
    assert chosen == "emergency"


def _sure(best: str, emergency: float) -> list[dict]:
    """A description ranking sure of `best`, with `emergency` as the emergency likelihood."""
    return [
        {"name": best, "confidence": 0.95 - emergency},
        {"name": "emergency", "confidence": emergency},
        {"name": "asb_other_asb", "confidence": 0.05},
    ]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # words of the layer's emergency about things over or harmless (blind splits S12, S13b)
        (
            "kids have been pulling the bricks off the low wall at the back of block A",
            "asb_vandalism",
        ),
        (
            "neighbours had a punch up with their visitors in the corridor at 2am, there was blood "
            "up the walls this morning",
            "asb_violence",
        ),
        (
            "Someone dumped a box of old kitchen stuff, knives and all, on the grass by the kids' "
            "play area",
            "asb_environmental",
        ),
    ],
)
def test_the_layers_emergency_gives_way_to_a_sure_reading_of_something_else(
    text: str, best: str
) -> None:
    assert override_intent(text, "report_asb", 0.9) == "emergency"  # the layer alone: 999
    chosen, _confidence = decide(text, "emergency", 1.0, description_ranking=_sure(best, 0.01))
    assert chosen == best


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # the classifier gives the emergency some likelihood
        (
            "kids have been pulling the bricks off the low wall at the back of block A",
            _sure("asb_vandalism", 0.1),
        ),
        # the classifier is not sure of its other reading
        (
            "kids have been pulling the bricks off the low wall at the back of block A",
            [
                {"name": "asb_vandalism", "confidence": 0.6},
                {"name": "asb_other_asb", "confidence": 0.3},
            ],
        ),
        # a word of now
        (
            "the lads from the next estate are here right now with knives saying this is their "
            "patch",
            _sure("asb_violence", 0.01),
        ),
        # short: an answer or a cry for help is never doubted
        ("he has a knife", _sure("asb_violence", 0.0)),
        # reasons that always stand: self-harm
        (
            "my neighbour says she has taken all her tablets and wants to die, she sounds sleepy",
            _sure("asb_other_asb", 0.0),
        ),
    ],
)
def test_the_layers_emergency_stands_otherwise(text: str, ranking: list[dict]) -> None:
    chosen, _confidence = decide(text, "report_asb", 0.9, description_ranking=ranking)
    assert chosen == "emergency"


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # blind splits S15 and S16: danger now that only the net caught (likelihood 0.27-0.29)
        (
            "loud screaming from flat 4 then a massive thud and now its gone completely silent. "
            "this isnt normal for them",
            "asb_noise",
        ),
        (
            "Can I report a noise complaint? Upstairs it sounds like someone's being thrown about, "
            "a woman screamed and now it's gone very quiet.",
            "report_asb",
        ),
    ],
)
def test_an_emergency_ranked_second_with_some_likelihood_is_an_emergency(
    text: str, best: str
) -> None:
    ranking = [
        {"name": best, "confidence": 0.6},
        {"name": "emergency", "confidence": 0.27},
        {"name": "not_asb", "confidence": 0.07},
    ]
    assert decide(text, "report_asb", 0.9, description_ranking=ranking)[0] == "emergency"
