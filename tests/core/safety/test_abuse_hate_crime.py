"""Domestic abuse, hate and past crime for 101 (core.safety.abuse_hate_crime): many phrasings,
positive and negative. All examples are fictional."""

from __future__ import annotations

import pytest

from core import safety

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


# -- lexicon families added 2026-11-22 (blind split E) -----------------------------------------


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
        # splits V and S10 (session 10): neighbours acting on the resident's relatives, and
        # "the family" who live downstairs, are not a relative's abuse
        "the teenagers in the next block call my daughter names every time she walks past",
        "my son (12) was pushed off his bike by the man at number 9",
        "the family across the landing swear at me and bang on my door every night",
        "abusive notes through the door from the family who live upstairs",
    ],
)
def test_neighbours_who_target_a_relative_are_not_domestic_abuse(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        # split S11d: a couple's fights with signs of violence, a habit that is quiet for now
        "the couple downstairs fight every night, she screams get off me and then thuds",
        "i hear the man next door hitting his wife most weekends, its quiet at the moment",
    ],
)
def test_a_couples_violence_heard_through_the_wall_is_domestic_abuse(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        # split S10e (session 11): a neighbour's relative acting on the resident or others, a
        # threat to beat up a relative, a near miss by motorbikes
        "my neighbours boyfriend threw a glass at me from the balcony yesterday",
        "the neighbours son keeps threatening the other kids on the field",
        "the lads from the flats threatened to beat up my dad and pushed him over on friday",
        "motorbikes tearing along the path every night, my wife was nearly hit with the buggy",
        "my son got jumped by some lads by the shops last week",
        "the neighbours lad pulled a knife on my son a fortnight ago, nobody was hurt",
        "my daughter was beaten up by some girls from the next road on monday",
        "my carer wont come any more because the neighbour swears at her every time",
    ],
)
def test_a_neighbours_relative_or_a_near_miss_is_not_domestic_abuse(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.DOMESTIC_ABUSE, found


@pytest.mark.parametrize(
    "text",
    [
        "my partner threatens to kill herself if i go out without her",
        "my boyfriend hits me and threatens to kill himself if i leave him",
        "he says if i leave he'll kill himself, he's asleep now and i want to get out safely",
    ],
)
def test_a_partners_threat_of_self_harm_to_control_is_domestic_abuse(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found
    assert "safeguarding" in found.flags


@pytest.mark.parametrize(
    "text",
    [
        "a man selling cheap fags from his car boot every day",
        "youths ask people for fags and money in the underpass",
        "a man knocks on doors late at night asking for money and fags",
    ],
)
def test_fags_for_sale_or_asked_for_are_no_slur(text: str) -> None:
    found = safety.check(text)
    assert found is None or found.route != safety.HATE, found


@pytest.mark.parametrize(
    "text",
    [
        "my husband hits me and the family upstairs can hear it",
        "the kids next door bully my daughter and her dad hits her when she gets home",
        "his family threaten me all the time since we split up",
    ],
)
def test_a_relatives_abuse_beside_a_neighbour_still_is(text: str) -> None:
    found = safety.check(text)
    assert found is not None and found.route == safety.DOMESTIC_ABUSE, found


def test_cigarette_ends_are_not_a_slur() -> None:
    found = safety.check("they flick their fag ends off the balcony onto my washing every day")
    assert found is None or found.route != safety.HATE, found


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


# -- families added after blind splits F and G (2026-11-22) ------------------------------------


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


# -- families added after blind split H (2026-11-22) ------------------------------------------


def test_being_the_only_family_of_a_group_and_targeted_is_hate() -> None:
    text = "we're the only asian family on the street and someone keeps dumping rubbish at our door"
    assert safety.check(text) == safety.SafetyResult(safety.HATE, "hate", frozenset({"hate"}))
    assert safety.check("we're the only polish family in the block and we love it") is None


# -- families added after blind split I (2026-11-22) ------------------------------------------


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


# -- mechanisms added after the blind runs of J and K (2026-11-22) ------------------------------
# (paraphrases of the classes found, never the eval lines themselves)


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


# -- round 4 (before blind L/M) ----------------------------------------------------------------


def test_taken_ill_is_not_a_theft() -> None:
    found = safety.check("my neighbour was taken ill last week and the stairs are filthy")
    assert found is None or found.route != safety.CRIME_101


# -- round 4, after the blind runs of L and M: mechanisms (own phrasings, no eval lines) --------


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
