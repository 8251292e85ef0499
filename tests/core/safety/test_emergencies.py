"""Emergencies the safety layer (core/safety/) must never miss, said in many ways: the phrases of
the lexicon (core.safety.emergency), with the reason and flags they give. The negatives are in
test_not_emergencies.py, the broad families in test_broad_families.py. All examples are
fictional."""

from __future__ import annotations

import pytest

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
    # a break-in going on now, whatever came before (blind split S16)
    "the lads who threatened me last week are downstairs trying to get through the main door, "
    "theyve got baseball bats",
    "the man who smashed my window on monday is kicking in the back door",
    # gunshots heard, their source not named (blind split S20; the bass "sounds like a bomb"
    # is a figure of speech: tests/core/safety/test_not_emergencies.py)
    "Sounds like gunshots outside Cedar House, people are running",
    "heard what sounded like gunshots and screaming in the car park just now",
    # still on the move, not gone (blind split S21)
    "Group of lads chasing a boy through the estate with a knife, they've gone towards the park",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_are_never_missed(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, (text, found)


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


# -- lexicon families added 2026-11-22 (blind split E) -----------------------------------------

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


@pytest.mark.parametrize(
    "text", [t for texts in NEW_EMERGENCIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_new_emergency_families(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


def test_overdose_is_self_harm_with_the_safeguarding_flag() -> None:
    found = safety.check("i've taken all my tablets")
    assert found is not None and found.reason == "self_harm" and "safeguarding" in found.flags


# -- families added after blind splits F and G (2026-11-22) ------------------------------------

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


@pytest.mark.parametrize("text", MORE_EMERGENCIES)
def test_more_emergency_families(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, found


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


# added after blind set R (issue 12): forced or lured into a vehicle, someone lying at the foot
# of the stairs, a driver trying to run people over
VEHICLE_AND_FALL_EMERGENCIES = [
    "theres a man trying to pull a little girl into his van",
    "a man is trying to drag her into a car, she's screaming",
    "someone trying to lure kids into his van by the park",
    "my grandad is lying at the bottom of the stairs and wont answer",
    "a lad in a hatchback is trying to run people over in the car park",
]


@pytest.mark.parametrize("text", VEHICLE_AND_FALL_EMERGENCIES)
def test_forced_into_a_vehicle_fallen_or_run_over_is_an_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "trying to get the kids into the car for school every morning is a nightmare with them",
        "she is trying to push the pram into the car",
    ],
)
def test_ones_own_children_or_things_put_in_a_car_are_no_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "my dads neighbour is 90 and nobody has seen him since last weekend. milk bottles outside, "
        "curtains shut, and theres a horrible smell on the landing",
        "Haven't seen Mrs Example at no 12 since Thursday. Curtains still shut, post piling up",
        "the old man at 7 lives alone and hasnt been seen since tuesday, no answer at the door",
    ],
)
def test_a_neighbour_not_seen_for_days_with_signs_is_a_welfare_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, text
    assert "safeguarding" in found.flags


@pytest.mark.parametrize(
    "text",
    [
        "i have not seen the lads who deal for weeks, the curtains are always shut at 14 though",
        "havent seen my neighbour for a week, she is on holiday i think",
    ],
)
def test_not_seen_without_a_sign_of_harm_is_no_emergency(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, text
