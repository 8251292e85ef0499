"""Safety advice for an answer to a report question: what the answer itself calls for.

Residents answering "where", "is it happening now", "when", "who" or "witnesses" use danger words
in ordinary ways: "no one is hurt, it's just the noise", "there are no weapons, just music", "by
the old fire station", "the man who got done for GBH years back, now he's just noisy". The
classifiers read such words as an emergency or a past crime, and the report used to answer with
999 or 101 advice: a false alarm that scares people who are not in danger.

For an answer, the advice depends on negation, tense and what the words name:
- a real danger now ("he's outside my door right now with a knife", "a toddler's gone in the
  water") still gets the 999 advice first, whatever the question: harm words in a part of the
  answer told in the present, or a danger that speaks for itself (DANGER_NOW) outweigh any
  reassurance; so does any answer a classifier reads as an emergency unless the answer itself
  says there is no danger now, or has no sign of harm or danger at all (see below);
- no danger now, by the answer's own words (`settled`): harm denied ("nobody got hurt", "nobody
  cut themselves", "he's never threatened anyone with them"), over ("they've all gone", "it's
  calmed down", "now it's just lads smoking"), long past in every part that speaks of harm
  ("the man who stabbed someone years ago", with nothing live: "still outside", "he's back"), a
  mistake put right with something harmless ("I thought it was a gunshot but it was a car
  backfiring"), a hypothetical ("I'd be hiding if it was"), whoever did it not back ("he's not
  been back tonight"), or harm never done when nothing else is harm ("he's never hit her"); but
  never "nobody's hurt yet", "I'm hiding" or "he's saying he'll kill us", and a reassurance about
  something else never sets self-harm aside;
- a classifier's emergency for words that only name a thing or a place ("the fire warden", "a
  knife tattoo", "toy guns", "lads smoking", "cans in the canal": `set_aside`) is no emergency;
- a classifier's emergency for an answer with no sign of harm or danger at all ("some man who
  sleeps in the bin store", "the dog is barking now") is no emergency (`harm_signal`: the safety
  layer's signals, or the wide vocabulary of bot/actions/answer_signals.py);
- names are not dangers, whoever reads them (`_aside`): a name given as one ("it's called
  Blaze"), a pub or a business ("the Knife & Fork",
  "the Crossed Swords pub", "by Arrow Fire Protection"), a home known by how it looks ("they're
  in the house with the red door"), weapons kept as a hobby or a trade ("he collects swords",
  or on show, "swords hung on his wall", or a trade's tools, "his knife bag", unless the answer
  is in the present or anything is done with them), games and trades
  named after danger ("a water fight", "shooting hoops", "the fire engine", "the gas works"),
  "fags" where the answer speaks of
  smoking; and smoke from a nuisance (spliffs, a barbecue, "having a smoke") with no word of
  fire (bot/actions/answer_names.py);
- a danger the answer says is not there ("there's no fire", "nobody's fighting": `denied`) is a
  reassurance when nothing else in the answer is an emergency;
- a "now" that is negated ("not at the moment") or mild ("it's quiet now") is not the present;
- a crime that has already happened gets no 101 advice in the middle of the report (the answer
  is kept; the description is where that advice belongs);
- domestic abuse and hate found by the deterministic safety layer keep their advice (it changes
  who deals with the case), unless the abuse is long past and over with nothing of it now ("he
  hit me once years ago, now he's just noisy"), and not when only a classifier guessed them;
  blows to things in someone else's household ("the girl in 6B and her boyfriend, he's the one
  who kicked the door in") are not abuse of the resident (the resident's own "my ex kicked the
  door in" still is).
"""

from __future__ import annotations

import re

from bot.actions.answer_names import (
    CALLED_NAME,
    DESCRIBED_HOME,
    EVERYDAY,
    MENACE,
    NAME,
    NAME_AFTER_PLACE_WORD,
    OWNED_WEAPONS,
    PLACE_NAME,
    TRADE,
    TRADE_TOOLS,
    TRADE_WEAPONS,
    VENUE_AT,
)
from bot.actions.answer_signals import NOT_A_SIGN, TAKEN_AWAY, harm_signs, things_struck_only
from core import safety
from core.safety.abuse_hate_crime import ABUSE_VERB
from core.safety.emergency import PEOPLE_SMOKING
from core.safety.text import defuse, normalise

# Report questions answered in free words (the answer is kept when no advice is due).
ANSWER_SLOTS = frozenset(
    {
        "location",
        "happening_now",
        "happened_when",
        "started_when",
        "people_involved",
        "witnesses",
        "police_reference",
    }
)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


# Problems that may put someone in danger while they happen: "yes, it is happening now" gets a 999
# reminder for these (loud music, dog fouling or parking happening now do not).
CATEGORIES_WHERE_DANGER_MAY_BE_NOW = frozenset(
    {
        "harassment",
        "hate",
        "domestic_abuse",
        "violence",
        "drug_dealing",
        "groups_communal",
        "vandalism",
        "other_asb",
    }
)
# The resident says no one is in danger (on normalised text: lower case, "it is", "no ones").
REASSURED = _any(
    r" no (?:one|ones|body|bodys|one is|body is|one was|body was|one has been|body has been)"
    r" (?:is |was |got |been |has been )?(?:hurt|injured|harmed|in danger|in any danger|"
    r"attacked|hit)\b",
    r" (?:nobody|no one|noone)(?: is| was|s)? (?:hurt|injured|harmed|in (?:any )?danger)\b",
    r" no (?:weapons?|knives|knife|guns?|violence|fighting|fights?|blood|harm done|injuries)\b",
    r" (?:not|never|isnt|is not|wasnt|was not|arent|are not) (?:\w+ )?(?:dangerous|violent|"
    r"in danger|an emergency|emergency|hurt|injured|aggressive|a threat|threatening)\b",
    r" nothing (?:violent|dangerous|medical|serious|like that|happened to)\b",
    r" (?:does not|doesnt|do not|dont|did not|didnt|never) (?:really )?mean (?:it|that|anything"
    r" by it)\b",
    r" harmless\b| no harm\b| no trouble\b| no real danger\b| not in any danger\b|"
    r" all (?:mouth|talk)\b| (?:would not|wouldnt) hurt a fly\b",
    r" (?:i am|im|we are|were|she is|shes|he is|hes|they are|theyre|everyone is|everybody is|"
    r"all) (?:all )?(?:fine|safe|ok|okay|alright|all right|not hurt|not scared)\b",
    r" (?:dont|do not|no need to) send (?:anyone|anybody|the police|police)\b",
    r" (?:it|this) (?:is|isnt|is not) (?:not )?(?:an )?emergency\b",
    r" on (?:the )?(?:telly|tv|television|xbox|playstation|film|radio)\b| a (?:film|movie|game)\b",
    r" (?:was|were|it was) (?:just|only) (?:fireworks|a film|the telly|the tv|music|noise|"
    r"a game|kids)\b| no actual (?:fire|danger|violence)\b| out of control\b",
    # harm that did not happen or will not: "nobody cut themselves", "nobody's going to fall in"
    r" (?:nobody|no one|noone|none of (?:us|them))s?(?: is| was| has| have| s)?(?: going to| gonna|"
    r" got| been| ever| actually| really)? (?:hurt|injured|harmed|cut|fall in|fell in|fallen in|"
    r"drown|drowned|in danger|attacked|hit|stabbed|shot|burnt|burned)\b",
    # a weapon or a threat never used on anyone ("he's never threatened anyone with them")
    r" (?:never|not|hasnt|has not|have not|havent|did not|didnt|does not|doesnt|wont|will not)"
    r" (?:ever |once |actually |really )?(?:threatened|threaten|used|use|pulled|waved|pointed|"
    r"gone for|went for|hurt|harmed|touched|attacked) (?:\w+ )?(?:anyone|anybody|me|us|them|"
    r"people|a soul|nobody|no one) with (?:it|them|one|those|any of them|that|the \w+)\b",
    # a hypothetical: "I'd be hiding under the bed if it was"
    r"(?: (?:i|we|you|he|she|they) would| id| wed| youd| theyd) (?:be|not|never) "
    r"(?:\w+ ){0,6}if (?:it|that|they|he|she|there|someone|somebody) (?:was|were|did)\b",
)
# Harm someone has never done ("he's never hit her as far as I know", "she's never laid a finger
# on anyone"): a reassurance only when nothing else in the answer is harm (`never_harmed`).
NEVER_HARMED = re.compile(
    r" (?:he|she|they|he is|she is|they are|he has|she has|they have|hes|shes|theyve|who)?"
    r" ?(?:has |have |had )?(?:never|not ever|never once|never ever) (?:\w+ )?(?:hit|hurt|touched|"
    r"harmed|attacked|punched|slapped|threatened|laid a (?:finger|hand) on|raised (?:a|his|her) "
    r"hand to|been violent (?:to|with|towards)) (?:her|him|them|me|us|anyone|anybody|a soul|"
    r"her kids|his kids|the kids|the children|each other|his \w+|her \w+)\b"
)
# A danger said not to be there ("the alarm's going off again, there's no fire", "no smoke or
# anything"): a reassurance only when nothing else in the answer is an emergency (`denied`).
DENIED = re.compile(
    r" (?:there is |there was |there are |there were |it is |it was |but |and )?(?:no|not (?:a|an|"
    r"any|really a|an actual|a real)) (?:actual |real |"
    r"sign of |signs of )?(?:fire|flames|smoke|fight|fighting|gas leak|smell of gas|danger|"
    r"emergency)\b(?! (?:escape|exit|door|doors|alarm|alarms|extinguisher|safety|brigade|engine|"
    r"service|blanket)\b)"
    r"| (?:nobody|nobodys|no one|no ones|noone|none of them) (?:is |was |were |are |has been )?"
    r"(?:fighting|armed|carrying anything|hitting anyone|hurting anyone|attacking anyone)\b"
)
# A mistake put right: "I thought it was a gunshot but it was a car backfiring", "the blood was
# from a nosebleed" (what follows must be harmless: `mistaken`).
MISTAKEN = _any(
    r" (?:thought|think|thinking|sounded like|looked like|seemed like|mistook)(?: \w+){0,8} but"
    r" (?:it|that|they|he|she|there) (?:was|were|is|are|turned out)\b",
    r" turned out (?:to be|it was)?",
    r" (?:it|that) (?:was|is) (?:just |only )?(?:from|off) (?:a|an|some|someone|somebody|the|"
    r"their|his|her)\b",
    # blood explained by something harmless ("blood on the stairs from someone's nosebleed")
    r" blood(?: \w+){0,6} from (?:a|an|some|someone is|somebody is|someones|the|their|his|her|my)"
    r" (?:\w+ )?(?:nosebleed|nose bleed|dog|dogs|cat|cats|fox|foxes|paw|period|shaving cut|"
    r"cut finger|tooth|meat|takeaway)\b",
)
# Danger still going on, which no "nobody is hurt" or "they've gone" outweighs.
STILL_DANGER = _any(
    r" (?:still|is|s|he is|she is) (?:got|has|holding|waving|carrying) (?:a|an|the|his|her|that)"
    r" (?:knife|gun|machete|axe|bat|hammer|weapon|blade)\b",
    r" (?:help|hurry)\b| yet\b| (?:coming back|looking) for (?:me|us|him|her|them)\b",
    r" (?:i am|we are|im|were|i have been|we have been) (?:\w+ )?hiding\b",
    # a threat to life said now ("he's saying he'll set the flat on fire")
    r" (?:is|s|are|re) (?:saying|threatening|shouting|screaming)(?: that)? (?:\w+ ){0,2}"
    r"(?:going to|gonna|will) (?:kill|stab|burn|set|shoot|hurt|torch)\b",
    r"(?<! always)(?<! keeps) (?:says|said) (?:he|she|they) (?:is going to|are going to|will)"
    r" (?:kill|stab|burn|set|"
    r"shoot|torch)\b(?!.* (?:every|always|all the time|whenever))",
)
# The danger is over: they left, it was earlier, the police came.
OVER = _any(
    r" (?:they|he|she|everyone|everybody) (?:have |has |had |is |are )?(?:all )?(?:gone|left|"
    r"moved on)\b(?! (?:round|around|to|for|back|up|upstairs|downstairs|inside|in|into|after|"
    r"get|and got|quiet|silent|the|a|his|her|it|them|me|us|my|out (?:and )?(?:left|leaving))\b)",
    # they went back indoors ("then went inside", not "went inside her flat")
    r" (?:then |and )?(?:went|gone|have gone|has gone|headed) (?:back )?(?:inside|indoors|in|home)"
    r"\b(?! (?:her|his|my|our|the|their|a|to|with)\b)",
    r" (?:has|have|had|he has|she has|they have|it has|everyone has) (?:all )?calmed down\b|"
    r" all calm now\b| (?:doing|much|a lot) better now\b",
    # what is left now is mild: "now it's just lads smoking weed", "it's just verbal now"
    r" now (?:it is|he is|she is|they are|there is|its|hes|shes|theyre) (?:just|only|mostly)\b"
    r"(?! (?:me|us|you|him|her|them|the two|the kids|my|the children)\b)|"
    r" (?:it is|he is|she is|they are) (?:just|only) (?:\w+ ){1,5}now\b",
    r" (?:its|it is|that is|thats) (?:all )?(?:over|done|cleaned up|sorted)\b",
    r" (?:police|ambulance|fire brigade|fire engine) (?:came|took|has been|have been|sorted)\b",
    r" (?:been|it has been|its been|it is been) quiet since\b| nothing since\b",
    r" (?:is|are|was) out within\b| (?:is|are) ok now\b| (?:is|are) fine now\b",
    # whoever did it has not come back ("he's not been back tonight"; not "... yet": STILL_DANGER)
    r" (?:has|have|is|are)? ?(?:not|never|hasnt|havent) (?:been|come|came) (?:back|round)\b",
)
# "not been back tonight": the "tonight" says when they stayed away, not that anything is live.
NOT_BACK = re.compile(
    r" (?:has|have|is|are)? ?(?:not|never|hasnt|havent) (?:been|come|came) (?:back|round)"
    r"(?: (?:since|tonight|today|this evening|again))*\b"
)
# Words that place the answer in the present ("right now", "as we speak"), not negated.
# (not after a word that says it is over: "it's quiet now", "he's gone now", "all calm now")
PRESENT = _any(
    r"(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! fine)(?<! better)(?<! quiet)"
    r"(?<! down)(?<! calm)(?<! ok)(?<! okay)(?<! safe)(?<! home)(?<! away)(?<! prison)(?<! jail)"
    r" (?:right )?now\b(?! (?:anyway|though|probably))",
    r" as we speak| as i (?:type|write|am typing)| this (?:very )?(?:minute|second)\b|"
    r" at the moment\b",
    r" (?:is|are|s|re) (?:still )?(?:here|outside|on the landing|in the (?:hallway|corridor))\b",
)
# A present marker is negated by one of the three words before it ("not at the moment", "no,
# nothing right now", "it isn't happening now").
NEGATIONS = frozenset({"not", "no", "nothing", "never", "nobody", "noone", "isnt", "arent"})
# Danger that speaks for itself, whatever else the answer says.
DANGER_NOW = _any(
    r" just (?:hit|grabbed|knocked|punched|stabbed|attacked|thrown|slapped|headbutted|"
    r"jumped|forced|collapsed|fell|fallen)\b",
    r" (?:is|are|s|re) (?:still )?(?:in|inside) (?:my|our) (?:kitchen|flat|house|home|"
    r"bedroom|hallway|garden)\b",
    r" not (?:moving|breathing|getting up|responding)\b| (?:out cold|unconscious)\b",
    r" (?:gone|fallen|fell) in(?:to)? the (?:water|river|canal)\b| drowning\b",
    r" (?:taken|took|swallowed|taking) (?:a lot of|loads of|all (?:my|of my|the)|too many|"
    r"lots of|an) (?:pills|tablets|overdose)\b| (?:an|taking an|taken an) overdose\b",
    r" (?:grabbed|snatched) (?:a |the |my )?(?:little |young )?(?:girl|boy|child|kid|baby|"
    r"toddler)\b",
    r"(?: now| right now| is| are| s| re) (?:\w+ ){0,2}(?:smashing|wrecking|trashing|kicking)"
    r" (?:up |in )?(?:the|my|our|his|her) (?:flat|house|place|home|door)\b",
    r"(?: now| right now| is| are| s| re) (?:\w+ ){0,2}(?:smashing|breaking|kicking in)"
    r" (?:my|our) (?:front |back |kitchen |bedroom )?(?:windows?|door)\b",
    # someone held down, hurt badly, or kept in
    r" (?:got|has|have|is holding|holding) (?:\w+ ){0,3}pinned (?:down|to|on|against)\b|"
    r" pinning (?:\w+ ){0,2}(?:down|to|on|against)\b",
    r" (?:someone|somebody|he|she|they) (?:has|have|is|s|are) (?:been )?(?:hurt|injured|stabbed|"
    r"shot|cut) (?:badly|bad|really bad|seriously|bad)\b",
    r" (?:he|she|they) (?:is |s |are )?(?:blocking|standing in) (?:the|my|our) (?:door|doorway|"
    r"way out)\b",
    # someone held or taken against their will, a child above all
    r" (?:will not|wont|would not|wouldnt) let (?:him|her|me|us|them|my \w+) (?:out|go|leave)\b",
    r" (?:locked|locking) (?:him|her|me|us|them|my \w+) (?:in|up)\b",
    r" (?:grabbed|snatched|dragged|bundled|abducted|kidnapped) (?:my|our|a|the|his|her)"
    r" (?:little |young |\d+ year old )?(?:son|daughter|girl|boy|kid|child|baby|toddler)\b",
    r" (?:is|has|have) got (?:my|our) (?:little |young |\d+ year old )?(?:son|daughter|girl|boy|"
    r"kid|child|baby|toddler)\b(?! (?:to|at|from|for|on|in|with me|this))",
    r" (?:is|has|have) got (?:my|our) (?:little |young |\d+ year old )?(?:son|daughter|girl|boy|"
    r"kid|child|baby|toddler) (?:in|into) (?:the|his|her|their|a|that) (?:car|van|boot|motor)\b|"
    r" (?:drove|driven|driving|sped|ran|gone) off with (?:my|our|a|the|his|her) (?:little |young )?"
    r"(?:son|daughter|girl|boy|kid|child|baby|toddler)\b",
    r" (?:put|taken|took|dragged|pulled|bundled|forced|pushed|shoved) (?:my|our)"
    r" (?:little |young )?(?:son|daughter|girl|boy|kid|child|baby|toddler) (?:in|into)"
    r" (?:that|their|his|her|a|the) (?:car|van|boot|motor)\b",
    r" (?:taken|took|dragged|pulled|bundled|forced) (?:him|her|them) (?:into|in) (?:that|their|"
    r"his|a strangers|a stranger s|the back of) (?:car|van|flat|house|room|their car)\b",
    r" never see (?:him|her|them|you|us) again\b",
    # a vehicle used against people, or someone under it
    r" (?:driving|drive|driven|going|drove|aiming|aimed|swerving|revving|ploughed|ploughing)"
    r" (?:it |the car |his car |their car |the van )?(?:straight |right |deliberately )?"
    r"(?:at|towards|into) (?:people|kids|children|pedestrians|us|me|them|the kids)\b",
    r" (?:someone|somebody|a (?:man|woman|child|kid|boy|girl|person|lad)|he|she)"
    r" (?:is |s )?(?:trapped |stuck |lying )?under (?:the|a|his|their|that)"
    r" (?:car|van|bus|lorry)\b",
    # things thrown or dropped onto people now
    r"(?: is| are| s| re| keeps?| still| now) (?:\w+ )?"
    r"(?:throwing|chucking|dropping|lobbing|hurling) (?:\w+ ){0,4}(?:at|onto|on to|down on|on)"
    r" (?:the )?(?:kids|children|people|us|me|them|passers by)\b",
    r" just (?:threw|dropped|lobbed|hurled|chucked) (?:a |an |some )?(?:brick|bricks|rock|rocks|"
    r"stone|stones|bottle|bottles|slab)\b",
    # a weapon out again ("he's got a knife again like the last time": a past marker, not over)
    r" (?:has|s|is|are|re|got|has got|have got) (?:got )?(?:a|an|the|his|her|their|that)"
    r" (?:knife|gun|machete|axe|blade|weapon|bat|hammer|crossbow)s? (?:out )?again\b",
    # someone just hurt, and whoever did it is still there
    r" (?:punched|hit|attacked|stabbed|beat|beaten|hurt|kicked|slashed|glassed|headbutted|"
    r"bottled) (?:\w+ ){0,5}(?:and|but) (?:he is|she is|they are|hes|shes|theyre) still (?:here|"
    r"there|outside|out there|inside|around|about|in)\b",
    # gas escaping now
    r" gas (?:is )?(?:hissing|leaking|escaping|pouring)\b| hissing gas\b|"
    r" (?:stinks|smells|reeks|stinking|reeking) (?:\w+ ){0,2}of gas\b| can smell gas\b",
    # an intruder in the home or the building now
    r" (?:someone|somebody|a man|a stranger|a woman|he|she|they) (?:is |s |are )?(?:walking|"
    r"creeping|moving|wandering|going) (?:round|around|about) (?:in )?(?:my|our) (?:flat|house|"
    r"home|kitchen|hallway|living room)\b",
    r"(?: is| are| s| re| keeps?) (?:\w+ )?trying (?:all )?(?:the|our|my|peoples|every|each)"
    r" (?:doors?|door handles|handles)\b| (?:is|are|s|re) still in the (?:building|block|house)\b",
    # a child taken, or someone face down
    r" (?:grab|snatch|take) (?:a |the |my |our )?(?:little |young )?(?:girl|boy|child|kid|baby|"
    r"toddler)\b(?! (?:to|from) (?:school|nursery|the park|football|the shops))",
    r" face down\b| (?:gone|fallen|fell) in(?:to)? the (?:pond|lake|pool|reservoir|sea|weir)\b",
)
# Markers that harm told in an answer is long past ("years ago", "last year", "back in June").
DISTANT_PAST = _any(
    r" (?:years|yrs|months|weeks) (?:ago|back)\b| (?:a|one|\d+) (?:year|month|week) (?:ago|back)\b",
    r" last (?:year|month|week|weekend|summer|winter|spring|autumn|christmas|easter)\b",
    r" back in \w+| in (?:19|20)\d\d\b| a (?:long )?(?:while|time) (?:ago|back)\b| ages ago\b",
    r" (?:in|during|since) the (?:spring|summer|autumn|winter)\b| (?:in|since|during)"
    r" (?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b| (?:at|over) the weekend\b|"
    r" (?:\d+|two|three|four|five|a few|couple of) (?:nights|days) ago\b",
)
# Markers that something is live now, whatever the past says ("he's still outside", "help").
LIVE = _any(
    STILL_DANGER.pattern,
    r" still (?:here|there|outside|out there|inside|in (?:the|my|our)|around|about|going|at it|"
    r"doing it|hanging around|after)\b| coming back\b",
    r" outside (?:my|the|our) (?:front |back )?(?:door|window|flat|house)\b| quick\b",
    r" just (?:turned up|arrived|come back|come round|got here|showed up|walked in)\b|"
    r" at (?:my|our|the) (?:front |back )?door\b| (?:is|are|s|re) (?:back|here)\b",
    r" right now\b| as we speak\b| at the moment\b| this minute\b| tonight\b| just now\b",
    # someone who did harm before has just arrived ("hes just pulled up outside again")
    r" just (?:pulled up|parked up|pulled in|rolled up|drove up|driven up|come in)\b|"
    r" (?:outside|here|back|round) again\b",
)
# A call to the police told as a past habit or a one-off ("the manager called the police on them
# once", "I've rung 999 before"): no sign of danger by itself (harm told with it still counts).
PAST_CALL = re.compile(
    r" (?:called|rang|rung|phoned|got|reported (?:them|him|her) to) (?:the )?"
    r"(?:police|cops|999|101)"
    r"(?: (?:on|about) (?:them|him|her|it|us))?(?: (?:once|before|twice|a few times|a couple of "
    r"times|loads of times|several times|in the past|the last time|last (?:week|month|year|time)|"
    r"(?:\w+ )?(?:weeks|months|years) ago|ages ago))\b"
)
FIRE_WORDS = re.compile(
    r" fire\b| flames?\b| alight| ablaze| burning\b| blaze\b| spread\w*| out of control"
)
# Smoke from these is a nuisance, not a fire (not cooking or a chimney: those may be a fire).
NUISANCE_SMOKE = re.compile(
    r" (?:weed|cannabis|skunk|spliffs?|joints?|cigarettes?|cigs|fags?|vapes?|vaping|shisha|bbqs?|"
    r"barbecues?|barbeques?|bonfires?|incense)\b"
    # a smoke break ("outside having a smoke", "out for a quick fag", "the smoking shelter")
    r"| (?:having|have|had|for|on|grab|grabbing|sneak|sneaking) a (?:quick |crafty |cheeky |sly )?"
    r"(?:smoke|fag|cig|ciggie|ciggy)\b| smoke breaks?\b| smoking (?:area|shelter|spot)\b"
)
ABUSE_WORDS = re.compile(rf" {ABUSE_VERB}\b")
# Where an answer's clauses part: punctuation, "but", "though", "now".
CLAUSE = re.compile(
    r"[.,;:!?()\n]+|\s[-\u2013\u2014]\s|\b(?:but|though|although|however|and now|now)\b", re.I
)


def _words(text: str) -> str:
    return defuse(normalise(text))


def reassured(text: str) -> bool:
    """The answer says no one is in danger, that the danger is over or was a mistake, and
    nothing says it is still going on ("nobody's hurt yet", "he's still outside")."""
    norm = normalise(text)
    if STILL_DANGER.search(norm):
        return False
    over = (OVER.search(norm) or TAKEN_AWAY.search(norm)) and not _live(norm)
    return bool(
        REASSURED.search(norm) or over or mistaken(text) or denied(text) or never_harmed(text)
    )


def _live(norm: str) -> bool:
    """Something in the normalised answer is live now (LIVE), not counting a "tonight" that says
    when someone stayed away ("he's not been back tonight")."""
    return bool(LIVE.search(NOT_BACK.sub(" ", norm)))


def never_harmed(text: str) -> bool:
    """The answer says someone never hurt anyone ("he's never hit her as far as I know"), and
    without that nothing in it is harm or danger now."""
    norm = normalise(_aside(text))
    if not NEVER_HARMED.search(norm):
        return False
    rest = NEVER_HARMED.sub(" ", norm)
    return (
        safety.check(rest) is None
        and not safety.mentions_harm(rest)
        and not DANGER_NOW.search(defuse(rest))
        and not present(rest)
        and not _live(rest)
    )


def denied(text: str) -> bool:
    """The answer says the danger its words name is not there ("there's no fire, it's kids
    pressing the alarm"), and without that denial nothing in it is an emergency."""
    norm = normalise(_aside(text))
    if not DENIED.search(norm):
        return False
    rest = DENIED.sub(" ", norm)
    found = safety.check(rest)
    return (found is None or found.route != safety.EMERGENCY) and not DANGER_NOW.search(rest)


def mistaken(text: str) -> bool:
    """The answer puts a danger right as a mistake, and what it really was is harmless."""
    norm = normalise(text)
    for match in MISTAKEN.finditer(norm):
        rest = norm[match.end() :]
        if safety.check(rest) is None and not _harm(rest) and not DANGER_NOW.search(defuse(rest)):
            return True
    return False


def _unsaid(text: str) -> str:
    """The normalised answer without what it says did not happen ("nobody got hurt")."""
    return REASSURED.sub(" ", normalise(text))


def danger_now(text: str) -> bool:
    """The answer itself describes danger happening now: harm words in the present, or a
    danger that speaks for itself (someone not moving, an overdose, a child taken) not told
    as long past ("the man who took an overdose years ago")."""
    return danger_said(text) or (present(text) and _recent_harm(text))


def _recent_harm(text: str) -> bool:
    """Words of harm, not denied ("nobody got hurt") nor long past ("blood months back")."""
    return any(
        _harm(_unsaid(clause)) and not DISTANT_PAST.search(normalise(clause))
        for clause in CLAUSE.split(text or "")
        if clause
    )


def danger_said(text: str) -> bool:
    """A danger that speaks for itself (DANGER_NOW), in a part of the answer not long past."""
    if not DANGER_NOW.search(_words(text)):
        return False
    if not DISTANT_PAST.search(normalise(text)):
        return True
    return any(
        DANGER_NOW.search(_words(clause)) and not DISTANT_PAST.search(normalise(clause))
        for clause in CLAUSE.split(text or "")
        if clause
    )


def _aside(text: str) -> str:
    """The answer with the names of places and venues ("the Gun Inn", "the Knife & Fork"), homes
    known by how they look ("the house with the blue door") and weapons kept as a hobby or a
    trade ("he collects swords") put aside: none of them is a danger by itself."""
    text = CALLED_NAME.sub(lambda m: f"{m.group(1) or m.group(2)}a name", text or "")
    text = PLACE_NAME.sub(" a place ", text)
    words = re.findall(r"[A-Za-z']+", text)
    capitalised = sum(1 for word in words if word[:1].isupper())
    if capitalised * 2 <= len(words):  # not written In Title Case or CAPITALS throughout
        text = NAME_AFTER_PLACE_WORD.sub(r"\1 a place ", NAME.sub(" a place ", text))
        text = VENUE_AT.sub(r"\1 \2 a place ", text)
    text = DESCRIBED_HOME.sub(r" a \1", " " + text)[1:]
    for pattern, replacement in EVERYDAY:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    norm = normalise(text)
    if not (present(text) or LIVE.search(norm) or DANGER_NOW.search(norm) or MENACE.search(text)):
        text = OWNED_WEAPONS.sub(" has a hobby", text)
        text = TRADE_TOOLS.sub(" work bag", text)
        if TRADE.search(text):
            text = TRADE_WEAPONS.sub(" work tools", text)
    return text


def _harm(text: str) -> bool:
    """Words of harm (core.safety.mentions_harm), with people smoking ("lads smoking"), smoke
    from a nuisance ("smoke from their spliffs", "their barbecue smoke") when nothing says fire,
    and the names of places ("the Gun Inn", "Fireside Court") set aside."""
    return safety.mentions_harm(_cleaned(text))


def _cleaned(text: str) -> str:
    """The normalised answer without names, people smoking, smoke from a nuisance and a hazard
    ruled out (answer_signals.NOT_A_SIGN)."""
    norm = NOT_A_SIGN.sub(" ", PEOPLE_SMOKING.sub(" ", normalise(_aside(text))))
    if NUISANCE_SMOKE.search(norm) and not FIRE_WORDS.search(norm):
        norm = re.sub(r" smok\w*", " ", norm)
    return norm


def harm_signal(text: str, cries: bool = True) -> bool:
    """Some sign of harm or danger in the answer: the safety layer's signals (a route, a word of
    harm, a danger that speaks for itself) or the broad vocabulary of answer_signals.py (without
    `cries`: not counting cries, fear or calls for help alone, see `set_aside`)."""
    cleaned = _cleaned(text)
    return bool(
        safety.check(_aside(text)) is not None
        or safety.mentions_harm(cleaned)
        or harm_signs(defuse(PAST_CALL.sub(" ", cleaned)), cries)
        or DANGER_NOW.search(_words(text))
        or STILL_DANGER.search(normalise(text))
    )


def present(text: str) -> bool:
    """The answer is about now ("right now", "as we speak"), not negated or over."""
    norm = normalise(text)
    # "now" where the answer says what is left is mild ("now it's just the noise") is not danger
    mild = [match.span() for match in OVER.finditer(norm)]
    for match in PRESENT.finditer(norm):
        if NEGATIONS.intersection(norm[: match.start()].split()[-3:]):
            continue
        if not any(start <= match.start() + 1 and match.end() - 1 <= end for start, end in mild):
            return True
    return False


def long_past(text: str) -> bool:
    """Every part of the answer that speaks of harm or crime is long past ("the man who stabbed
    someone years ago", "where there was a fire last year"), and nothing says it is live now."""
    if _live(normalise(text)) or danger_said(text):
        return False
    harmful = [
        clause
        for clause in CLAUSE.split(text or "")
        if clause
        and (_harm(clause) or safety.check(clause) is not None or harm_signal(clause, cries=False))
    ]
    return bool(harmful) and all(DISTANT_PAST.search(normalise(c)) for c in harmful)


def abuse_long_over(text: str) -> bool:
    """Abuse told as long past and over, and nothing else in the answer is abuse ("he hit me
    once years ago, but now he's just round making noise"; not "... now he texts me all night")."""
    if not (long_past(text) and OVER.search(normalise(text))):
        return False
    rest = [c for c in CLAUSE.split(text or "") if c and not DISTANT_PAST.search(normalise(c))]
    return not any(ABUSE_WORDS.search(normalise(clause)) for clause in rest)


def settled(text: str) -> bool:
    """No danger now by the answer's own words: reassured, over, or long past."""
    return reassured(text) or long_past(text)


def set_aside(text: str) -> bool:
    """The danger words are things or places named after danger, or figures of speech ("the
    fire warden", "a knife tattoo", "toy guns", "lads smoking"): once they are set aside
    (core/safety/text.py `defuse`) no sign of harm is left (`harm_signal`, the wide vocabulary:
    "the play area on Birch Rd, a man pulling a girl into his van" keeps the emergency)."""
    norm = normalise(text)
    named = (
        defuse(norm) != norm
        or PEOPLE_SMOKING.search(norm)
        or NUISANCE_SMOKE.search(norm)
        or _aside(text) != text
    )
    return bool(named) and not harm_signal(text, cries=False)


def answer_advice(text: str, intent: str | None) -> str | None:
    """The safety route whose advice an answer to a report question gets, or None (the answer
    is kept with no advice). `intent` is the NLU's final intent for the message."""
    found = safety.check(_aside(text))  # not "the Gun Inn", "he collects swords"
    guessed = safety.INTENT_ROUTES.get(str(intent or ""))
    if found is not None and found.route == safety.DOMESTIC_ABUSE:
        # "her boyfriend, he's the one who kicked the door in": blows to things in someone
        # else's household are not abuse of the resident (the layer reads the rest)
        rest = things_struck_only(normalise(_aside(text)))
        found = found if rest is None else safety.check(rest)
    if found is not None and found.route in (safety.DOMESTIC_ABUSE, safety.HATE):
        if found.route == safety.DOMESTIC_ABUSE and abuse_long_over(text):
            return None  # "he hit me once years ago, now he's just noisy"
        return found.route
    if danger_now(text):
        if found is not None or guessed == safety.EMERGENCY:
            return safety.EMERGENCY
    if found is not None and found.route == safety.EMERGENCY:
        if found.reason == "self_harm" and _self_harm_not_denied(text):
            # "she's never been violent but she's on the ledge saying goodbye": a reassurance
            # about something else never sets self-harm aside (only a harm long past or a
            # mistake does, or a denial of the self-harm itself: "nobody cut themselves")
            return None if long_past(text) or mistaken(text) else safety.EMERGENCY
        return None if settled(text) else safety.EMERGENCY
    if guessed == safety.EMERGENCY and (found is None or found.route == safety.CRIME_101):
        # Only a classifier's reading: it stands unless the answer says no one is in danger,
        # that it is over or long past, its danger words name a thing or a place, or it has no
        # sign of harm or danger at all ("some man who sleeps in the bin store").
        if settled(text) or (found is None and (set_aside(text) or not harm_signal(text))):
            return None
        return safety.EMERGENCY
    return None


def _self_harm_not_denied(text: str) -> bool:
    """Self-harm is still read in the answer once what it says did not happen is taken out."""
    rest = safety.check(_unsaid(_aside(text)))
    return rest is not None and rest.reason == "self_harm"


def harm_line_due(text: str) -> bool:
    """An answer not routed to a safety route: the form's "if anyone is hurt or in danger right
    now, call 999" line is due only when the answer shows danger may be happening now."""
    if danger_said(text):
        return True  # a danger that speaks for itself outweighs "she's not hurt"
    return danger_now(text) and not settled(text)
