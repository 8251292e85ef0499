"""The broad families of the safety layer (core.safety.broad_families): classes of danger rather
than phrases, with their negatives, and their robustness by class. All examples are fictional."""

from __future__ import annotations

import pytest

from core import safety

# -- broad families (2026-11-22, generalisation after blind splits D-I) ------------------------
# Classes of danger rather than phrases: urgency or present narration with any harm word;
# bodily emergency states; a child or vulnerable adult with a danger; self-harm intent in any
# form; a weapon in use. None of these sentences is in an eval split.

BROAD_EMERGENCIES = {
    "present narration with a harm word": [
        "pls come quick theres a lad with a sickle by the lifts",
        "someone is stamping on a man's head by the garages",
        "theres a massive fight on the landing and one of them is bleeding",
        "omg my neighbour is throwing her boyfriend down the stairs",
        "a car has just mounted the pavement and gone into some kids",
        "they are kicking the door of the old lady opposite",
        "i can hear someone screaming for help in the flat below",
        "hurry, they have set the skip on fire next to the flats",
        "my neighbours door handle is red hot",
        "black smoke under the door of number 6",
        "fumes coming up through the floorboards and my kids feel sick",
    ],
    "bodily emergency states": [
        "my flatmate has gone grey and is barely breathing",
        "the man downstairs is slumped against his door",
        "found my brother on the bathroom floor and he won't wake up",
        "my dad banged his head on the step and now he is confused and sick",
        "I can't feel a pulse on my nan",
        "my son drank bleach",
        "she is foaming at the mouth",
        "he's been bleeding heavily from his arm for ten minutes",
    ],
    "child or vulnerable adult in danger": [
        "the little girl next door is sitting on the ledge of the top floor window",
        "a toddler is wandering along the dual carriageway by the estate",
        "my neighbour shut her kids out in the snow with no coats",
        "I can hear the baby screaming and him shouting shut up and slapping",
        "the old man at number 4 has fallen in his garden and can't get up",
        "a little boy is in the canal",
        "my 3 year old has gone missing from the play area",
    ],
    "self-harm intent in any form": [
        "im going to finish it tonight",
        "there's no point anymore",
        "this is goodbye, look after my kids",
        "nobody would even notice if I was gone",
        "I'm done with life",
        "I've saved up all my tablets",
        "tell my mum I love her",
        "I'm tired of living",
    ],
    "weapon in use": [
        "my neighbour keeps going for people with a screwdriver",
        "a bloke is chasing kids with a golf club",
        "he's holding the scissors to her throat",
        "lad in a balaclava going mental with a hockey stick",
    ],
}

BROAD_NOT_EMERGENCIES = [
    "the music is hurting my ears right now",
    "they are kicking a ball against my car right now",
    "the kids are fighting over the swings, it is so noisy",
    "we are fighting the council about the repairs",
    "they smoke weed on the stairs right now and it stinks",
    "theres smoke from their bbq coming in my window now",
    "my neighbour was fighting with his brother last week",
    "they fight every weekend",
    "he punched me last year",
    "someone broke into my car overnight",
    "there's a fire alarm test today",
    "I can't take it anymore with the noise",
    "i can't cope any more with their dog barking",
    "I'm going to end my tenancy",
    "I'm done with complaining to the council",
    "their washing is hanging off the balcony again",
    "the kids next door play in the road every evening",
    "my son is on his own in his flat now, he is 30",
    "he has a knife block in the kitchen",
    "their gas cooker smells when they cook",
    "the lads playing call of duty are shouting about guns all night",
    "my neighbour is spreading lies about me",
    "he has got his car blocking my drive right now",
]


@pytest.mark.parametrize(
    "text", [t for texts in BROAD_EMERGENCIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_broad_emergency_families(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize("text", BROAD_NOT_EMERGENCIES, ids=lambda t: t[:40])
def test_broad_families_do_not_fire_on_past_habit_things_or_figures_of_speech(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


def test_broad_families_flag_self_harm_and_children_for_safeguarding() -> None:
    for text in ("there's no point anymore", "a little boy is in the canal"):
        found = safety.check(text)
        assert found is not None and "safeguarding" in found.flags, found


# -- round 4 (before blind L/M): robustness of the broad families by class ---------------------


@pytest.mark.parametrize(
    "text",
    [
        # a noun and its danger further apart
        "the little boy from number 4, he must be about three, is out on the balcony"
        " on his own again right now",
        # misspellings and SMS forms of the harm lexicon
        "some1 been stabd outside",
        "hes got a nyfe",
        "he's not breething",
        "hes unconshus on the floor",
        "there is blud everywhere",
        "she's not breething and her lips are blu",
        # third-party narration through a wall
        "I can hear her screaming and things smashing next door",
        "can hear him laying into her upstairs",
        "the gentleman upstairs is assaulting his wife, I can hear it",
        # carers and parents about someone else
        "I care for my dad and he's gone very grey and sweaty and says his chest hurts",
        "I am the carer for my husband and he has taken all his tablets",
        "I am gravely concerned that my neighbour has been taken ill and is lying on her floor",
        # formal and elderly phrasing
        "I fear he intends to harm her",
        "I fear he intends to do her harm",
        "I am afraid he may kill her",
        "I believe he means to kill her",
        "I fear for the young lady's safety, he is striking her",
        "he struck her and she is lying motionless",
        # a past event, and now a present danger
        "he hit her last week and now he's outside with a knife",
        "he was stabbed yesterday and now he's not breathing",
    ],
    ids=lambda t: t[:40],
)
def test_round4_emergency_robustness(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "there was a fire in the bin store last week and now the bins are never emptied",
        "someone set fire to the bins in march and now the bin store smells",
        "my husband is bleeding me dry with his spending",
        "he shot me a dirty look",
        "their telly is on full blast with a war film, gunshots at 2am",
        "I fled domestic abuse 3 years ago and now he's found my address",
        "my son was stabbed 2 years ago and now gangs hang around the bench",
        "he punched me last year and now he just glares at me",
        "I believe he intends to sell the flat",
        "I'm worried they will complain about my dog",
        "I can hear him shouting at the football",
        "the boy next door plays GTA and shouts I'm going to kill you",
    ],
    ids=lambda t: t[:40],
)
def test_round4_not_emergencies(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, (text, found)
