"""Look-alikes that must never give a false 999 (core/safety/): the same words in the past, as a
habit, as an everyday figure of speech (core.safety.text.defuse) or in an ordinary message.
All examples are fictional."""

from __future__ import annotations

import pytest

from core import safety

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


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_messages_are_not_routed(text: str) -> None:
    assert safety.check(text) is None


# -- lexicon families added 2026-11-22 (blind split E) -----------------------------------------

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
    "text", [t for texts in NOT_EMERGENCIES.values() for t in texts], ids=lambda t: t[:40]
)
def test_new_families_do_not_fire_on_past_habit_or_figures_of_speech(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


# -- families added after blind splits F and G (2026-11-22) ------------------------------------

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
    # a break-in told in the past or as a habit
    "the lads were trying to get in through the bin store last week",
    "he has been trying to get in through the window every night since last week",
]


@pytest.mark.parametrize("text", MORE_NOT_EMERGENCIES)
def test_more_families_do_not_fire_on_everyday_or_conditional_words(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, found


# -- families added after blind split H (2026-11-22) ------------------------------------------


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


# -- families added after blind split I (2026-11-22) ------------------------------------------


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


# -- mechanisms added after the blind runs of J and K (2026-11-22) ------------------------------
# (paraphrases of the classes found, never the eval lines themselves)


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


def test_the_residents_own_exasperation_is_not_a_threat() -> None:
    found = safety.check("I'm going to kill her if she parks across my drive one more time")
    assert found is None or found.route != safety.EMERGENCY


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


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


@pytest.mark.parametrize(
    "text",
    [
        "the stairwell is full of smoke from their spliffs every evening",
        "the bonfire's still going in their garden, the smoke is all over my washing",
        "smoke from the barbecues on the green comes in my window every weekend",
    ],
)
def test_smoke_from_a_nuisance_named_in_the_plural_or_possessive_is_not_a_fire(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, text


def test_a_fire_from_a_bonfire_is_still_one() -> None:
    assert safety.check("their bonfire has set the fence alight and it's spreading") is not None
    found = safety.check("the bonfires have spread to the shed, flames everywhere")
    assert found is not None and found.route == safety.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        # blind split G (session 8): blocked stairs, drug kit, damage, fumes from a trade
        "constant gatherings outside flat 3 with people sitting on the stairs so we cant get up",
        "found foil and burnt spoons on our landing again someone is using up there at night",
        "they leave burnt bits of foil and pipes behind in the doorway",
        "theyve been writing on the lift walls in marker pen and burning holes in the buttons",
        "lads burning the lift buttons with lighters again, all melted",
        "a guy spray paints cars on the street for cash, the fumes come in my windows",
        "kids are throwing stones at the windows of the empty flat and theres glass on the path",
        # split Z (seen): street furniture damaged, engines that sound like shots
        "my garden fence keeps getting kicked down by kids taking a shortcut, three times now",
        "someone keeps kicking in the glass panels of the bus shelter outside the flats",
        "cars racing round the estate at night with exhausts popping like gunshots",
        "the bass from number 4 sounds like a bomb going off every night",
        "their door slamming sounds like gunshots at all hours",
        # a threat or harm that is over, the person away or out of hospital
        "yesterday the man downstairs threatened to stab me if i reported him. hes not here now",
        "someone hit my husband with a bat outside the shops last week. hes out of hospital now",
        # splits V and S10 (session 10): past threats, fire kit misused, tinted cars, a feeling
        "he said he would stab me, that was on thursday, im not in danger right now",
        "there was a fight in the bin store Friday night, one of them hit the other with a bottle",
        "the lad at 9 went for my dad with a hammer a couple of weeks back",
        "she says shes going to burn my car out, said it again when she was drunk",
        "youths throwing rocks at the community centre windows, 3 smashed this month alone",
        "kids keep letting off the fire extinguisher on the landing",
        "someone unrolled the fire hose reel and flooded the corridor",
        "kids smashed the call point glass and set the alarm off, there was no fire,"
        " the box is hanging off the wall",
        "a van with blacked out windows parks by the garages and people queue up to it",
        "my partner checks my phone and takes my wages, i feel like i cant breathe",
        "the door closer is broken and its hanging off again",
        "dirty nappies being thrown out of the window onto the path",
        "someone put a brick through the window of the estate office",
        "the girls from the next block keep saying theyre going to jump her after school",
        "a quad bike nearly ran over my dog on the field",
        "he threw a cup at me over the fence on sunday and cut my arm, its healed now",
        "hes on nights so im messaging now, he grabbed me by the throat last month",
        "the lad at 40 pulled a knife on my son at the weekend, hes calm now",
        # split S10b (session 10, after its first run)
        "they burn their garden waste in a barrel twice a week and the smoke comes in",
        "my ex strangled me in march. im staying with my mum now and safe",
        "lads using the bin store as a hangout, smoking and drinking till 2am",
        "music so loud since midnight the walls are shaking, this is every weekend",
        "the door entry panel has been ripped off so anyone can walk in",
        "he runs a petrol generator in the yard every night, its been weeks now",
        "the way they speed round the close someone will get killed",
        "he waved a knife at me on monday, its not happening now but im scared",
        "a fight by the shops friday night, one of them had a bottle, this is most weekends now",
        "they keep wedging the back door of the block wide open with a brick",
        # split S10c (session 10, after its first run)
        "someone has bent the post boxes in the lobby, the little doors are all hanging",
        "he runs a scrap business from his front garden, fridges and metal everywhere",
        "big fight in the car park last night, one of them was bleeding, police came",
        "a man passed out in the stairwell last week after injecting, its every weekend",
        "my son has been hitting me for months when he doesnt get his way. he is at school now",
        "my girlfriend wont let me go out with my mates and checks my phone",
        "a lad threw a bottle at me as i walked home tuesday, he said hed be back",
        "my sisters husband has been hitting her for a year, she has bruises",
        "someones kicked the bike store door off its hinges",
        "racist graffiti on the bus shelter, its aimed at us",
        "there are kids outside my door right now being loud",
        "he was outside my flat last week threatening me",
        # split S10e (session 11, after its first run): counts ("four nights running now"),
        # threats told as over, a group's habits, parents who keep children away, parties
        "lads smashing the windows of the boarded up house, four nights running now",
        "a gang told my son hes dead, that was yesterday after school",
        "she threw a stone at my van and said my head is next. happened saturday",
        "the man at 14 threatened to knife me on the landing this morning, hes gone now",
        "he has on several occasions raised a hammer at me over the fence",
        "people who dont live here use the roof garden, they get in through the fire door",
        "dealers hang about by the swings so parents have stopped taking their kids there",
        "kids keep kicking in the glass of the entrance door and now anyone can walk in",
        "house parties every weekend, people passed out on the stairs and bottles everywhere",
        "the boys go up on the roof of the garages at night and sit on the edge",
        "my car window was smashed with a brick at 3am, whoever did it ran off, nobody hurt",
        "my daughters partner has cut her off from all her friends",
        # split S11 (session 11, after its first run)
        "the bin store was set on fire again last night, the fire brigade came and put it out,"
        " its all black now",
        "the lads keep kicking the lift doors and now the lift is broken again",
        "its 1am and theyre dragging furniture about upstairs, nobody in danger, i just cant sleep",
        "a crowd of teenagers on the play park at night screaming and swinging off the frames",
        "someone has been getting up onto the roof through the hatch, we hear them at night",
        "squatters in the empty flat below, people climbing in through the back window at night",
        "people climbing over my fence to cut through my garden",
        "someone is injecting in the stairwell, blood and needles left on the steps",
        # split S11b (session 11, after its first run)
        "weve had four fights by the chippy this month and one lad got glassed",
        "on behalf of my dad, the people in the flat above him play music day and night",
        "a big fight on the field on friday night, bottles thrown, it kicks off every weekend now",
        "street drinkers on the benches, cans and broken bottles everywhere",
        "he resprays cars on the drive and the fumes come into my kitchen",
        "gangs of kids in the park after dark every night screaming and climbing on the shelter",
        "teenagers getting into the empty flat on the top floor to hang out at night",
        # split S11c (session 11, after its first run)
        "a man grabbed me by the arm and slapped me on the stairs 2 days ago, nobody is hurt now",
        "two families were fighting on the landing last night, blood on the floor this morning,"
        " all calm now",
        "people smoke in the lift and leave their ends on the floor",
        "she has about 15 cats and they keep getting into the other flats",
        "regular fights on the green on saturday nights, nothing going on at the moment",
        "a fight by the takeaway at the weekend and a lad got glassed, it happens every few weeks",
        "visitors to flat 8 at all hours, they buzz every flat to get in",
        "my ex sits outside my house for hours in his car, last month he pushed me on the doorstep",
        "me and my partner had a row last week and he shoved me, hes sorry now",
        # split S11d (session 11, after its first run)
        "a crowd hangs round the entrance to the block smoking and spitting",
        "kids throwing stones at the empty houses and now our window is cracked as well",
        "the kids next door shout im gonna kill you playing tag in the garden",
        "since i reported them they knock my door late at night and laugh",
        "the lift buttons have been melted with a lighter again",
        "fight outside the pub last night, one lad had blood all over his face, its most weekends",
    ],
)
def test_look_alikes_of_blind_split_g_are_not(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "my mum has fallen on the stairs and she cant get up",
        "the bin store is on fire and the smoke is coming up the stairs",
        "he hit me with a bat last week and now hes outside my door with it",
        "someone is throwing stones at my windows right now and my kids are inside",
        "my door is getting kicked in right now",
        "he is kicking down my door",
        "the fire alarm is going off and there is smoke on the landing, theres a fire in flat 4",
        "he said it again and now he is outside with a can of petrol",
        "they are throwing rocks at us at the community centre right now",
        "i cant breathe, the smoke from the flat below is coming in",
        "a man is hanging from the balcony railings on the 5th floor",
        "my neighbour was thrown out of the window by her boyfriend, shes on the ground",
        "he cut my arm with a knife and hes still here",
        "im being followed home right now by the man from number 3",
        "the man who threatened me is right behind me on the stairs",
        "the bin store is on fire, the smoke is coming up the stairs, someone will die",
        "he stabbed my son last night and hes still bleeding, hes outside the flat",
        "my dad passed out last week and now hes collapsed again and wont wake up",
        "he wont let me go, hes got hold of my arm and wont let go",
        "someone is kicked on the floor by three lads right now",
        # split S10d (session 10): a missed emergency after its first run
        "a gang is outside my door this minute shouting theyll get us, theyve smashed the glass",
        "theyre at our front door right now threatening to kick the door in",
        # the same words as split S10e's look-alikes, with the danger still there
        "my neighbour has been stabbed and is lying on the path, they ran off",
        "he threatened me this morning and now hes outside my door with a knife",
        "someone at the party next door has passed out and is not breathing",
        "my girlfriend says she will kill herself right now, she has the pills in her hand",
        "someone is climbing in through the window of the empty flat next door right now",
        "the bins are on fire and the fire brigade have not come yet",
        "a car keeps driving at people on the field and its just clipped a man",
        "the van has just knocked over a child outside the school",
        "men are breaking into the empty flat next door right now",
        "theres a little girl crying outside flat 4 in the cold, her dad locked her out",
        "a boy of about 8 has been shut out of number 12 in the rain for an hour, crying",
        "some lads have cornered my son by the bins and wont let him leave, please send someone",
    ],
)
def test_the_same_words_in_real_danger_still_are(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.EMERGENCY, text
