"""The text the safety layer reads (core.safety.text): SMS spelling normalised, and words of harm
found whatever the tense once figures of speech are defused. All examples are fictional."""

from __future__ import annotations

from core import safety


def test_normalise_maps_sms_spelling() -> None:
    assert safety.normalise("Some1s BREAKIN in rite nw!!").split() == [
        "someone", "is", "breaking", "in", "right", "now",
    ]  # fmt: skip


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


def test_mentions_harm_whatever_the_tense_but_not_figures_of_speech() -> None:
    assert safety.mentions_harm("there was blood all over the stairs last week")
    assert safety.mentions_harm("he had a knife on him yesterday")
    assert not safety.mentions_harm("the noise is killing me")
    assert not safety.mentions_harm("loud music from the flat above every night")
