"""The deterministic safety layer (core/safety.py) and the good-neighbour filter
(bot/goodneighbour.py): many phrasings, positive and negative. All examples are fictional."""

from __future__ import annotations

import pytest

from bot import goodneighbour
from bot.routing import override_intent, route_of
from core import safety

EMERGENCIES = [
    # violence happening now, any spelling
    "he is hitting me",
    "he says he will do you in, he is outside my door right now",
    "two lads are having a scrap outside the chippy right now",
    # welfare: a child not home and unreachable, a baby alone for hours, an old man wandering
    "my daughter should have been home at 9, its now midnight and her phone is off",
    "the baby upstairs has been crying for about 5 hours, no voices and the car has gone",
    "the old gent from flat 2 is wandering about outside in his slippers",
    "He's hitting me",
    "HES HITTING ME",
    "hes hittin me plz help",
    "my husband is hitting me right now",
    "someone is attacking my son outside",
    "they're attacking my dad outside",
    "the man upstairs is beating his wife, I can hear it now",
    "people r fightin wiv knives on the green",
    "they are fighting in the car park right now",
    "my neighbour is strangling his girlfriend",
    # break-ins in progress
    "someones breaking in",
    "someone's breaking in",
    "some1s breakin in rite nw",
    "SOMEONE IS BREAKING IN",
    "som1 tryin 2 kick my door in",
    "hes trying to break the door down",
    "there is a man in my garden now, he try to open the door",
    "there are two men inside my flat",
    "burglars are in the house next door now",
    # weapons
    "HES GOT A KNIFE",
    "there's a man with a knife outside my door",
    "a lad waving a machete in the street",
    "gang outside with baseball bats",
    "someone has a gun",
    "my neighbour has been stabbed",
    # fire, gas, smoke
    "theres a fire in the stairwell",
    "the flat upstairs is on fire",
    "the bin store is on fire",
    "they set fire to my door",
    "smoke is pouring out of number 14",
    "i can smell gas on the landing",
    # injured, threat to life, children, self-harm
    "a man is lying on the stairs bleeding",
    "my neighbour collapsed and is not breathing",
    "he says he is going to kill me",
    "im scared for my life",
    "a child has been left alone in the flat next door and is screaming",
    "the little boy upstairs has been home alone since yesterday",
    "a woman is screaming for help next door",
    "i want to kill myself",
    "she says she's going to take her own life",
    "my neighbour is on the balcony threatening to jump",
    "I think he has overdosed",
    # paraphrases found when checking fresh test sentences
    "My neighbour is threatening me with a hammer at my door",
    "someone just smashed through the back door and is in the kitchen",
    "the old lady upstairs has fallen, she is not answering",
    "there is a young girl on the roof of the block",
    "they've got my son cornered in the stairwell and are hitting him",
    "the man from no 8 says he will burn my house down tonight",
    "I can hear a man yelling that he'll kill him",
    "a baby has been crying for hours and nobody is home",
    "my husband has just pushed me down the stairs and I can't get up",
    "my son says he is going to end it all",
    # patterns from the blind split D (bot/eval/classify_test_d.jsonl) and its variants
    "he's got hold of my daughter and wont let go of her",  # restraining someone now
    "he has his hands round her throat",
    "he is holding her down on the floor",
    "there r 3 lads fighting in the car park one of them has a bottle",  # bare participle
    "ppl fightin in the stairs 1 has a nife",
    "theres 2 men fighting outside wiv a bat",
    "man waving a crowbar in the car park",
    "a man has pulled a knife on my son",
    "someone has poured petrol through my letterbox",  # arson
    "someone put fireworks through my letterbox",
    "kids are setting the bins alight by the cars",
    "the rubbish chute is alight",
    "ther is fire in the bin room and its spreading",
    "fire in block c stairwell!!!",
    "my neighbours flat is full of smoke",
    "i can smell burning in the corridor",
    "me and the kids are locked in the bathroom, my ex is outside the door drunk",  # hiding
    "i have locked myself in the toilet",
    "im hiding in the bedroom",
    "the man downstairs is going mad outside my door",
    "now theyre trying the door handle and i dont know who it is",  # trying to get in
    "someone is trying to get in my flat",
    "help he wont stop hitting me",
    "he tried to strangle me and hes still in the flat",  # attempted violence
    "she is being attacked in the stairwell",  # passive
    "somebodys being stabbed downstairs",
    "there is someone following me home now and i am scared",
    "a woman is screaming rape outside",
    "the kid upstairs is screaming and its been going on for an hour",
    "young lad fell from the balcony",
    "a kid is hanging out the window on the 5th floor",
    "toddler on the balcony edge alone",
    "i think hes dead",
    "call an ambulance",
    "help me",
    "HELP",
    "there are youths throwing bricks at cars right now",
    "my son has cut his wrists",
    "my flatmate says he is going to hang himself",
    "my neighbour threw acid at someone",
]

PAST_CRIMES = [
    "my moped got nicked saturday night, found the chain cut on the floor",
    "he hit me last year",
    "my neighbour punched me last week",
    "someone broke into my car last night",
    "my flat was burgled",
    "my bike was stolen from the bike store",
    "they slashed my tyres",
    "someone took my mobility scooter",
    "I was mugged yesterday",
    "they set fire to the bins last month",
    "he was stabbed outside the shop in 2019",
    "my car got broken in to again last night",
    "a lad snatched my phone outside the flats yesterday",
    "a man grabbed my bag by the shops last week",
    # near-misses of split D: fire, threats and violence that are over
    "someone set a bin on fire last month",
    "someone set my car on fire last week",
    "someone set fire to the bins last month, can you put a camera up",
    "he tried to hit me last year",
    "he said he'd kill me if I reported him, that was back in March",
    "he said he'd kill me if I reported him, that was in March and he's moved away now",
    "they took the catalytic converter off my car overnight",
]

DOMESTIC = [
    "my partner hits me",
    "my husband hits me when he drinks",
    "my ex keeps turning up and threatening me",
    "im scared of my boyfriend",
    "my son takes my money and pushes me around",
    "there is domestic violence in the flat next door",
    "the couple upstairs, he beats her",
    "my bf threatened me last night",
    "my girlfriend checks my phone and stops me seeing anyone",
    "my husband won't let me leave the house or see my family",
    "my husband wont let me go out with my friends",
    "i hear my neighbour's husband threatening her all the time",
    "my daughters ex keeps coming round and scaring her",
    "my partner is getting more and more controlling",
    "my ex husband follows me and sends me threats",
]

HATE = [
    "they shout racist abuse at me",
    "someone painted a swastika on the door",
    "they target me because I'm gay",
    "they abuse me because of my religion",
    "kids throw stones at my windows cos we are muslim",
    "he told me to go back to your country",
    "they keep calling me a terrorist because I wear a hijab",
    "my neighbour makes fun of my disability",
    "homophobic graffiti on our door",
    "someone wrote GAYS OUT on my car",
    "my neighbour keeps making monkey noises at me",
    "people on the estate call my son a retard",
    "someone wrote anti muslim stuff on our front door",
    "they told me to go back to my own country",
    "people keep harassing my trans daughter on the stairs",
    "the kids mock my son because he has down syndrome",
    "they harass us because we are from romania",
]

ORDINARY = [
    "loud music from the flat above every night",
    # look-alikes found in session 3: "do you", scrap metal, an object found on the floor
    "There are issues with the tenant below me. What information do you need?",
    "the tenant has filled the front garden with scrap metal and car parts",
    "my son should have been back by 6 but he texted to say the bus is late",
    "the baby next door cries for hours every night and I cannot sleep",
    "the film had a fire scene",
    "the fire door is propped open all the time",
    "the fire alarm keeps going off",
    "the noise is killing me",
    "it is hurting my ears",
    "they are always fighting next door",
    "the dog barks all day",
    "Flat 3, 1 Example Road",
    "last night about 11pm",
    "yes",
    "07700 900123",
    "I can hear them arguing",
    "kids playing football in the car park",
    "laughing gas canisters everywhere",
    "the man downstairs threatens me",
    "my neighbour is a firefighter and comes home late",
    "DIY on a Saturday afternoon",
    # near-misses of split D: danger words that are not an emergency
    "he threatened me last year",
    "the smoke alarm upstairs goes off every time they cook",
    "the kids on the green were pretending to shoot each other with water pistols",
    "my neighbour walks with a stick and bangs it on the stairs",
    "he always has a bottle of cider in his hand on the stairs",
    "lads play football with a bat and ball outside my window every evening",
    "his bbq smoke comes through my window",
    "the kids are always fighting over the swings",
    "he was waving at me",
    "the kids next door scream when they play",
    "help me report my neighbour",
    "can you help me with a complaint",
    "my phone is dead",
    "im dying to know when the lift will be fixed",
    "my neighbour is always drunk outside my door",
    "he wont let go of the argument about the parking",
    "a woman screaming at her kids every morning",
    "there are lads fighting outside most weekends",
]


@pytest.mark.parametrize(
    "text",
    [
        "there was a fight outside on Saturday, police came",
        "someone tried the door handle last night but ran off",
        "the youths were fighting last night outside the chip shop",
        "there was a fire in the bin store in june",
    ],
)
def test_violence_or_fire_that_is_over_is_not_an_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, (text, found)


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_are_never_missed(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, (text, found)


@pytest.mark.parametrize("text", PAST_CRIMES)
def test_crimes_that_are_over_go_to_101(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.CRIME_101, (text, found)


@pytest.mark.parametrize("text", DOMESTIC)
def test_domestic_abuse(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, (text, found)
    assert "domestic_abuse" in found.flags


@pytest.mark.parametrize("text", HATE)
def test_hate_on_the_residents_own_perception(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, (text, found)
    assert "hate" in found.flags


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_messages_are_not_routed(text: str) -> None:
    assert safety.check(text) is None


def test_violence_now_in_a_relationship_is_an_emergency_with_the_abuse_flag() -> None:
    found = safety.check("my husband is hitting me right now")
    assert found.route == safety.EMERGENCY
    assert "domestic_abuse" in found.flags


def test_self_harm_is_an_emergency_with_the_safeguarding_flag() -> None:
    found = safety.check("i want to end my life")
    assert found.route == safety.EMERGENCY and found.reason == "self_harm"
    assert "safeguarding" in found.flags


def test_the_reason_names_what_matched() -> None:
    assert safety.check("theres a fire in the hallway").reason == "fire"
    assert safety.check("he's got a knife").reason == "weapon"
    assert safety.check("someone is breaking in").reason == "break_in"


def test_normalise_maps_sms_spelling() -> None:
    assert safety.normalise("Some1s BREAKIN in rite nw!!").split() == [
        "someone", "is", "breaking", "in", "right", "now",
    ]  # fmt: skip


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


# -- lexicon families added 2026-11-22 (blind split E): each with its negatives -----------------
# Positives are emergencies now; negatives are the same words in the past, as a habit, or as an
# everyday figure of speech, and must never give a false 999.

NEW_EMERGENCIES = {
    "slang violence": [
        "my dad is belting my brother right now",
        "hes lamping him in the street",
        "wee man's getting leathered by three lads at the bus stop",
        "they're kicking the life out of a lad in the lift",
    ],
    "overdose and not wanting to live": [
        "I've swallowed a whole packet of paracetamol",
        "took loads of pills an hour ago, feel sick",
        "I don't want to be alive anymore",
        "everyone would be better off without me",
        "i cant go on, tonight is the night",
        "I just want it all to end",
        "my son self harms and he's locked himself in the bathroom with a razor",
    ],
    "dog attack": [
        "there's a dog mauling a kid in the park",
        "the staffie next door has got hold of a little lad and won't let go",
    ],
    "fire and smoke": [
        "someone has lit the bins by the garages, theyre going up",
        "thick smoke in the hallway and I can't get out",
        "I can see flames from the flat below",
        "help, mae tân yn y gegin",
    ],
    "attack on the home": [
        "they've just put a firework through my letterbox",
        "they've kicked my front door in",
        "he says he's coming back to get me tonight",
        "im hiding in the wardrobe, hes downstairs",
    ],
    "someone down": [
        "a lad has been hit by a car outside the flats",
        "theres a man lying on the pavement by the shops not moving",
        "the driver's not moving after the crash by the garages",
    ],
    "child alone or in danger (Scots words too)": [
        "the toddler from upstairs is wandering in the car park on his own",
        "the wean's been left by itself for hours",
        "the bairn next door is on its own greetin",
    ],
}
NOT_EMERGENCIES = {
    "slang violence": [
        "he's belting out karaoke at 2am",
        "they're thumping on the ceiling at 3am",
        "kids kicking footballs against my wall",
    ],
    "overdose and not wanting to live": [
        "I've taken my tablets and still can't sleep for the music",
        "I don't want to live next to them anymore",
        "I can't live like this anymore with the noise",
        "I don't want to be here any more, I want to move",
        "I can't go on like this with the noise",
    ],
    "dog attack": ["the dog went for my cat last week", "their dog barks when the postman comes"],
    "fire and smoke": [
        "the smoke from their bbq comes in my windows every sunday",
        "smoke from their weed is in the hallway",
        "there's smoke in the stairwell from the lads smoking weed",
        "the chimney smoke from next door blows into my garden",
    ],
    "attack on the home": [
        "someone kicked my door in last year",
        "they put a brick through my window last night",
        "my neighbour threatened to kick my head in if i park there again",
    ],
    "someone down": [
        "she's lying on the sofa all day blasting music",
        "he's not moving his car from my space",
        "the council are not answering my calls",
        "the fence has collapsed in the back garden",
    ],
    "figures of speech": [
        "the noise is killing me right now",
        "the bass is killing me every night",
        "my head is killing me with their bleeding drilling",
        "the bleeding dog barks all day",
        "I'm in danger of losing my tenancy because of them",
        "you nearly gave me a heart attack with that letter",
        "I can't breathe for the smell of weed in my flat",
        "I can't walk past the stairwell without them shouting at me",
        "the lads are hiding in the stairwell smoking weed",
    ],
}


@pytest.mark.parametrize(
    "text", [t for texts in NEW_EMERGENCIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_new_emergency_families(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text", [t for texts in NOT_EMERGENCIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_new_families_do_not_fire_on_past_habit_or_figures_of_speech(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


def test_overdose_is_self_harm_with_the_safeguarding_flag() -> None:
    found = safety.check("i've taken all my tablets")
    assert found is not None and found.reason == "self_harm" and "safeguarding" in found.flags


def test_past_forms_of_the_new_families_go_to_101() -> None:
    for text in ("they put a brick through my window last night", "my back door had been forced"):
        found = safety.check(text)
        assert found is not None and found.route == safety.CRIME_101, text


def test_repeated_damage_is_vandalism_not_101() -> None:
    assert safety.check("someone keyed my car last week") == safety.SafetyResult(
        safety.CRIME_101, "past_crime"
    )
    assert safety.check("they keyed my car again, the second time this month") is None


@pytest.mark.parametrize(
    "text",
    [
        "husbnd contrlls all the money n wont let me out",
        "since we split up he keeps coming round drunk and kicking off at me",
        "the man i live with checks my phone and says he'll take the kids",
        "my ex keeps texting me and waits outside my work",
    ],
)
def test_more_domestic_abuse_phrasings(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


def test_a_relative_attacked_by_a_stranger_is_not_domestic_abuse() -> None:
    found = safety.check("my son was assaulted by an older boy at the bus stop on monday")
    assert found is not None and found.route == safety.CRIME_101


@pytest.mark.parametrize(
    "text",
    [
        "someone pulled at my hijab on the stairs",
        "they left bacon on our door handle",
        "they said trans people like me should not be allowed here",
        "they shouted go back to romania at my kids",
        "we are muslim and they keep leaving notes on our door",
        "he called my son a p**i",
    ],
)
def test_more_hate_phrasings(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, found


@pytest.mark.parametrize(
    "text",
    [
        "I'm disabled and the lift is always broken",
        "the kids go back to school on monday",
        "we are polish and we love it here",
        "he told me to go back to bed",
    ],
)
def test_identity_or_go_back_alone_is_not_hate(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.HATE, found


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


# -- families added after blind splits F and G (2026-11-22): positives and their negatives ------

MORE_EMERGENCIES = [
    # a weapon near "with/has/carrying", or being fetched
    "two men with hoods and knives just went up the stairs",
    "he's gone to get a knife from the kitchen",
    "my neighbour has just been knifed",
    # scalding, tying up, head against a wall, begging to stop
    "she threw a pan of boiling water at him",
    "they've tied a man up in the flat below",
    "he's smashing her head against the wall",
    "i can hear her begging him to stop",
    # medical
    "my mate's fitting on the floor",
    "his lips have gone blue",
    "she's taken something and won't wake up",
    "I think the lady upstairs is dead",
    "the man upstairs hasn't opened his door for days",
    # intruder, fire, sparks, a child threatened, someone on the floor
    "someone is climbing over my back fence with a torch",
    "the bin store is smouldering",
    "water is pouring on the fuse box and it's sparking",
    "he is threatening to drop the baby",
    "my son is on the floor outside, they jumped him",
    "a lad has just been jumped by the shops",
    "someone is hammering on my door saying he will kill me",
    "he's going to smash my face in, he's outside",
    "my ex has broken in and is downstairs",
    # goodbye cues together, g-dropped verbs, exposing
    "im done. this is goodbye",
    "hes batterin her",
    "a man is exposing himself by the swings",
]
MORE_NOT_EMERGENCIES = [
    "the kids were having a water fight with water pistols",
    "he's getting a new kitchen fitted",
    "I'm fitting a new lock on Saturday",
    "his car hasn't moved for weeks, I think it's abandoned",
    "I'm dead tired of their music every night",
    "the old boiler is smoking a bit, can someone fix it",  # a repair: no match on 'smoking'
    "I'm done with this noise, can you help",
    "my neighbour threatened to beat me up",
    "he said he'll kill me if I call the police again",
    "they're always banging on my door at night asking for money",
    "she's on the floor above me and stomps about",
]


@pytest.mark.parametrize("text", MORE_EMERGENCIES)
def test_more_emergency_families(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize("text", MORE_NOT_EMERGENCIES)
def test_more_families_do_not_fire_on_everyday_or_conditional_words(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


def test_a_threat_is_not_a_past_assault() -> None:
    assert safety.check("my neighbour threatened to beat me up") is None
    found = safety.check("my neighbour beat me up last week")
    assert found is not None and found.route == safety.CRIME_101


@pytest.mark.parametrize(
    "text",
    [
        "my grandson takes my pension and shouts at me",
        "me fella hits me when he's drunk",
        "my boyfriend took my keys so I can't go out",
        "i'm scared of my husband, he said he'll kill me if i leave",
    ],
)
def test_family_and_partner_abuse_said_plainly(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        "he says he doesn't want gypsies on the estate",
        "someone drew a swastika on my car",
        "they called my wife a dirty foreigner",
        "a note said muslims are not welcome here",
        "they laughed at my blind neighbour and moved her bins",
        "they mock him because he can't hear",
    ],
)
def test_more_hate_said_plainly(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, found


@pytest.mark.parametrize(
    "text",
    [
        "i was headbutted outside the shop on sunday",
        "someone took money out of my account after a bogus caller came round",
    ],
)
def test_more_past_crimes(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.CRIME_101, found


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


@pytest.mark.parametrize(
    "text",
    [
        "I came round and found him hanging in the hallway",
        "a van has ploughed into a group of people by the shop",
        "he's dangling the little one over the balcony",
        "she's shut her children out on the balcony and they're crying in the cold",
        "they've soaked the door in something and he has a lighter",
        "a man is at present trying to prise open my back door",
        "he hit me and he's trying to grab the baby",
        "she's been raped, she's in my flat",
        "I've fallen in the kitchen and I can't reach the phone",
        "he is going mad with a kitchen knife",
    ],
)
def test_emergency_families_after_split_h(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text",
    [
        "they are hanging around the stairwell every night",
        "she hangs washing over the balcony",
        "the lads crashed into the bins last night",
        "ive fallen out with my neighbour",
        "I have fallen behind with my rent",
        "someone tried to force my shed door last week",
        "he has a lighter and burns rubbish in the garden every weekend",
    ],
)
def test_split_h_families_negatives(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


def test_being_the_only_family_of_a_group_and_targeted_is_hate() -> None:
    text = "we're the only asian family on the street and someone keeps dumping rubbish at our door"
    assert safety.check(text) == safety.SafetyResult(safety.HATE, "hate", frozenset({"hate"}))
    assert safety.check("we're the only polish family in the block and we love it") is None


def test_stomping_late_is_asb_but_moving_furniture_or_mowing_is_everyday() -> None:
    assert goodneighbour.assess("they are banging and stomping about at midnight") != (
        goodneighbour.NOT_ASB
    )
    assert goodneighbour.assess("I hear them moving furniture sometimes") == goodneighbour.NOT_ASB
    assert goodneighbour.assess("they mow the lawn on sunday morning") == goodneighbour.NOT_ASB


# -- families added after blind split I (2026-11-22) ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he's swinging a meat cleaver about on the stairs",
        "a man is pointing a stick at the kids and shouting",
        "there's somebody in my attic, I can hear footsteps",
        "the baby from upstairs is on the windowsill of an open window",
        "they're trying to burn down the door of the flat opposite",
        "there's a strong gas smell on the landing",
        "he's shouting he's going to kill his girlfriend",
        "I can see him on the floor through the window and he won't answer",
        "lads with blades are running through the block",
        "a woman is tied up in the flat next door",
        "my friend is shaking on the floor and foaming",
        "a van has gone into a crowd at the bus stop",
        "a man is trying to grab a little girl by the shops",
    ],
)
def test_emergency_families_after_split_i(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text",
    [
        "my ex keeps following me home from work",  # abuse to report, not 999 by itself
        "the kids were waving at me from the bus",
        "my dog is tied up outside the shop",
        "the cat is in my garden again",
        "I'm going to kill him if he parks there again",
    ],
)
def test_split_i_families_negatives(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text",
    [
        "my partner threw my phone at me and says I'm worthless",
        "my husband forces me to have sex",
        "my adult son threatens me for money",
        "i left my abusive husband and now he knows where I live",
    ],
)
def test_abuse_phrasings_after_split_i(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        "someone sprayed go home on my door, we're from iraq",
        "a leaflet through the door said gay people are evil",
    ],
)
def test_hate_after_split_i(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, found


def test_we_are_from_somewhere_alone_is_not_hate() -> None:
    assert safety.check("we're from leeds and love the estate") is None


@pytest.mark.parametrize(
    "text",
    [
        "they're sparking up joints in the stairwell every night",
        "their washing is hanging from their window over my garden",
        "she's hanging her washing out of the window",
        "he keeps pointing his finger at me and shouting",
        "I saw her on the floor above through the stairwell window",
        "we're from leeds and they left rubbish on the stairs",
    ],
)
def test_everyday_uses_of_the_newest_words_are_not_emergencies_or_hate(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route not in (safety.EMERGENCY, safety.HATE), found


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


# -- mechanisms added after the blind runs of J and K (2026-11-22) ------------------------------
# (paraphrases of the classes found, never the eval lines themselves)


@pytest.mark.parametrize(
    "text",
    [
        "a little girl is sitting on the top floor balcony by herself, leaning over the rail",
        "my mate came off his scooter, landed on his head and can't move his arms",
        "two men have just bundled a woman into a van outside the shop",
        "my grandad is not responding",
        "the boy upstairs is fitting in the hallway",
    ],
)
def test_emergency_mechanisms_after_j_and_k(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text",
    [
        "the fire in the skip is out now, it was kids last night",
        "he's been shouting at me for months whenever I park there",
        "my dad will kill me when he finds out I dented the car",
        "they pass something through the car window and drive off, every night",
        "the smoke detector on the landing has been pulled off again",
        "lads shooting up behind the garages again",
        "my ex strangled me on friday, I got away and I'm at my mum's now",
    ],
)
def test_over_safe_or_figurative_is_not_an_emergency_after_j_and_k(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


@pytest.mark.parametrize(
    "text",
    [
        "my sister's husband moved in with her last year and I saw him pushing her",
        "he checks my phone every night and says if I tell anyone he'll hurt me",
        "my ex-wife keeps driving past the house and leaving notes under the wiper",
        "my ex shared photos of me online",
        "the lady at 12, her husband shouts at her all day and she has black eyes",
    ],
)
def test_domestic_abuse_mechanisms_after_j_and_k(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


def test_an_unnamed_he_next_door_is_not_domestic_abuse() -> None:
    found = safety.check("the lad next door said if I tell the police he will smash my car")
    assert found is None or found.route != safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        "they shout bomber at my brother when he walks to the mosque",
        "the kids keep copying my son's stammer and calling him names",
        "I'm blind and they move my bins on purpose and laugh at me",
        "since I came out the man next door calls me names",
        "a note went round saying the gay couple at 3 are a danger to kids",
        "someone sprayed 'p*** out' on the garages",
        "they shout dykes at us",
    ],
)
def test_hate_mechanisms_after_j_and_k(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, found


def test_disability_with_a_repair_is_not_hate() -> None:
    assert safety.check("I'm disabled and the lift has been broken for a week") is None


@pytest.mark.parametrize(
    "text",
    [
        "my moped's gone from the bike store",
        "someone smashed my van windscreen on saturday",
        "a man took my amazon parcel off the step",
    ],
)
def test_more_crimes_that_are_over(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.CRIME_101, found


def test_a_settled_past_matter_does_not_route_a_new_report() -> None:
    text = "my ex hit me years ago, that's all sorted, but next door's music is unbearable"
    assert safety.check(text) is None
    assert safety.check(
        "he said he'd stab me, that was back in March and he's moved away now"
    ).route == (safety.CRIME_101)


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


def test_the_residents_own_exasperation_is_not_a_threat() -> None:
    found = safety.check("I'm going to kill her if she parks across my drive one more time")
    assert found is None or found.route != safety.EMERGENCY


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


def test_taken_ill_is_not_a_theft() -> None:
    found = safety.check("my neighbour was taken ill last week and the stairs are filthy")
    assert found is None or found.route != safety.CRIME_101


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


@pytest.mark.parametrize(
    "text",
    [
        # "as I write" keeps a present danger present in a long letter about older matters
        "I reported the lights in May. Also as I write this I can smell gas in the hall",
        "smoke in the corridor and it is getting worse, I reported the bins last year",
        # a child far from the danger word
        "my little girl who is 3 has got out through the gate at the back of the garden and "
        "is climbing on the railings by the canal",
        # unable to get up
        "I have fallen in the kitchen and am unable to get up",
        # vulnerable adults described formally
        "the elderly chap from the ground floor is walking down the middle of the main road",
        # a foot in the door, a body pushed against it
        "a man says he is from the council and has his foot in the door, he won't show ID",
        "someone is pushing against my front door and I am alone",
        # stamping on a head, someone shut in by others
        "there is a group in the car park and one is stamping on his head",
        "a boy has been locked in the shed by some older lads, I can hear him crying",
        # chest pain told by a carer
        "my wife has been taken poorly, she has a crushing pain in her chest",
    ],
    ids=lambda t: t[:40],
)
def test_emergency_mechanisms_after_l_and_m(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "there was a fight here weeks ago, it has all calmed down now, but the dog barks all day",
        "he got beaten up months ago, he has recovered now, the issue is the rubbish",
        "I had a fall in March and now use a frame, the scooters in the hall mean I can't get by",
        "she throws a fit every time my son bounces his ball",
        "he burnt his toast again and the smell came through the wall",
        "I thought there was a fire, it was only their barbecue smoke, every weekend now",
        "I am nervous now that the youths hang around the bins",
        "I can't go on like this with the noise every night",
        "my sister nearly passed out from the heat",
    ],
    ids=lambda t: t[:40],
)
def test_not_emergencies_after_l_and_m(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "my partner keeps my passport and all my wages",
        "her boyfriend moved in last month and now he takes her benefits every week",
        "my son who is 30 and still lives here has been taking my pension",
        "my nephew has become very aggressive towards me when he wants money",
        "her husband locks her in when he goes to work",
        "the man next door screams at his wife that she is worthless, she had a black eye",
    ],
    ids=lambda t: t[:40],
)
def test_domestic_abuse_mechanisms_after_l_and_m(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, (text, found)


def test_things_posted_through_a_door_are_not_a_push() -> None:
    found = safety.check("my husband and I keep getting flyers pushed through our letterbox")
    assert found is None or found.route != safety.DOMESTIC_ABUSE


@pytest.mark.parametrize(
    "text",
    [
        "someone wrote things about me being gay on the bins",
        "they keep using my old name on purpose and laughing",
        "the lads grab at her turban when she walks past",
        "a poster in the lift says muslims out of britain",
        "she tells everyone we are illegals",
        "I am visually impaired and the kids hide my bins and laugh when I trip",
        "leaflets say trans people are diseased",
    ],
    ids=lambda t: t[:40],
)
def test_hate_mechanisms_after_l_and_m(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.HATE, (text, found)


def test_called_a_thief_is_an_insult_not_a_theft() -> None:
    found = safety.check("the woman opposite tells everyone I am a thief")
    assert found is None or found.route != safety.CRIME_101
    assert safety.check("someone siphoned petrol from my car").route == safety.CRIME_101


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
    "text",
    [
        "my neighbour is making my life hell",
        "things have got worse round here and I want it logged",
    ],
)
def test_a_complaint_without_description_is_asb_unspecified(text: str) -> None:
    parse = {"intent": {"name": "report_asb", "confidence": 0.9}}
    assert route_of(text, parse)["route"] == "asb_unspecified"


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


@pytest.mark.parametrize(
    "text",
    [
        "mums face has gone droopy on one side and she cant talk properly",
        "his speech is slurred all of a sudden and he cant lift his right arm",
        "strong smell of gas on the landing",
        "it smells like rotten eggs in the hallway and it's getting stronger near the meter",
        "the lad upstairs is sat on the wrong side of the balcony railing",
        "she's saying she's going to let go, she's on the roof edge",
        "my son hasnt come home from school and his phone is off, he's 11",
        "a little girl was bundled into a van with a man outside the shop just now",
    ],
)
def test_stroke_gas_a_person_on_the_edge_and_a_missing_child_are_emergencies(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "my son didn't come home till 2am again, his music then kept me up",
        "the drunk bloke upstairs was slurring and shouting all night",
        "I can't lift my arm since the fall last year, so I can't clean the stairs",
        "I'm going to jump the queue and ring the council",
        "he said he'd let go of the dog lead if I complained again",
        "the bins smell like rotten eggs every summer",
        "my daughter didnt come home last night, she stayed at her friends",
    ],
)
def test_their_everyday_look_alikes_are_not(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, text


def test_mentions_harm_whatever_the_tense_but_not_figures_of_speech() -> None:
    assert safety.mentions_harm("there was blood all over the stairs last week")
    assert safety.mentions_harm("he had a knife on him yesterday")
    assert not safety.mentions_harm("the noise is killing me")
    assert not safety.mentions_harm("loud music from the flat above every night")


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        # a vehicle driven at people is an emergency, unless it is over or only speed
        ("a lad in a black car is driving at people outside the shops right now", True),
        ("he is swerving his van at the kids playing out in the road, doing it again now", True),
        ("the moped just nearly hit a pram on the path and he's coming back round", True),
        ("he swerved at me on his motorbike last year but nothing since", False),
        ("cars driving at 60 past the school every morning", False),
        ("driving towards the town centre is a nightmare with the roadworks", False),
        # a door wedged open with a brick is a doorstop, not a weapon
        ("someone keeps wedging the security door open with a brick so strangers get in", False),
        ("they prop the fire door open with a bin every night and strangers come in", False),
        ("he is at my door with a brick and says he will smash my head in", True),
        ("they held the door open with a brick then came at me with a bottle right now", True),
    ],
)
def test_vehicles_at_people_and_doorstops(text: str, emergency: bool) -> None:
    found = safety.check(text)
    assert (found is not None and found.route == "emergency") is emergency
