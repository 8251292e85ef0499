"""Signs of harm or danger in an answer to a report question, in the broadest words residents use.

The trained classifier sometimes reads an ordinary answer as an emergency with no word of harm in
it at all ("some man who sleeps in the bin store", "I think the man at 9 saw but he won't want to
get involved", "the dog is barking now"). A classifier's emergency reading of an answer stands only
when the answer has some sign of harm or danger: the safety layer's own signals (core/safety/),
or one of the words below. The vocabulary is deliberately wide, since a danger told without any
of these words would be missed: weapons; fire, smoke, gas and electricity; blood, injury and a
body in trouble; violence to a person; threats to life; self-harm; a child or a vulnerable adult
in danger; someone held, shut in or taken; intruders and doors forced; cries for help and fear;
sexual violence; vehicles and water; dangerous animals; and the emergency services themselves.

It runs on normalised text (core.safety.normalise: lower case, no apostrophes, "can not", "will
not", "he is") after places, venues and people smoking have been set aside by the caller.
"""

from __future__ import annotations

import re

CHILD = (
    r"(?:child|children|kid|kids|kiddie|baby|babies|toddler|toddlers|infant|newborn|little one|"
    r"little (?:boy|girl|lad|lass|un)|son|daughter|boy|girl|bairn|(?:\d+|one|two|three|four|five|"
    r"six|seven|eight|nine|ten) (?:year|yr|month) old|old (?:man|lady|woman|boy|fella)|elderly|"
    r"pensioner|nan|gran|grandad|granny|vulnerable)"
)
PERSON = (
    r"(?:me|him|her|them|us|people|someone|somebody|anyone|anybody|my \w+|the (?:kids|children|"
    r"man|woman|lad|lads|girl|boy|postman|neighbour)|a (?:man|woman|kid|child|lad|girl|boy|person))"
)
# Cries for help, fear and calls for the emergency services: a sign of danger, but one that an
# answer also gives about play or noise ("screaming their heads off"): not counted by `set_aside`.
CRIES = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r" (?:help|helps|sos|hurry|quick|quickly|urgent\w*|emergency|999|police|cops|"
            r"scream\w*|shriek\w*|yell\w* for|crying|cried|cries|sobbing|wailing|howling in pain|"
            r"begging|pleading|terrified|terrifying|petrified|scared|scary|frightened|frightening|"
            r"afraid|panic\w*|fear|fear for|shaking|hiding|hide|danger|dangerous|unsafe|"
            r"not safe|at risk|"
            r"threat to life|life threatening|for (?:my|her|his|their) life|alarming)\b",
        )
    )
)
HARM_SIGNS = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            # weapons, and what is used as one
            r" (?:knife|knives|blade|blades|machetes?|swords?|axes?|hatchets?|cleavers?|daggers?|"
            r"guns?|gunfire|gunshots?|pistols?|rifles?|shotguns?|firearms?|crossbows?|bows? and "
            r"arrows?|weapons?|armed|tasers?|stun guns?|acid|ammonia|bleach|crowbars?|hammers?|"
            r"(?:baseball |cricket |metal |wooden )bats?|golf clubs?|iron bars?|metal bars?|"
            r"screwdrivers?|scissors|broken (?:bottle|bottles|glass)|bricks?|knuckle ?dusters?|"
            r"chains?|pitchforks?|sickles?|spears?|catapults?|air rifles?|bb guns?|pellets?|"
            r"(?:a|the|his|her|their) bats?|"
            r"fireworks? at)\b",
            # fire, smoke, gas, electricity, explosions
            r" (?:fire|fires|flames?|flaming|smok\w*|burn|burns|burning|burnt|burned|"
            r"alight|ablaze|blaze|arson|petrol|lighter fluid|accelerant|matches|lighter|sparks?|"
            r"sparking|smoulder\w*|scorch\w*|gas|fumes|carbon monoxide|explosion|explode\w*|"
            r"exploding|blew up|blown up|bomb|bombs|live wires?|exposed wires?|electrocut\w*|"
            r"electric shock|shocked|melting|molten|lit|lighting|set light)\b",
            # blood, injury, a body in trouble
            r" (?:blood|bloody|bleed\w*|bled|injur\w*|hurt|hurts|hurting|wound\w*|bruis\w*|"
            r"broken (?:arm|leg|nose|jaw|ribs?|bones?|wrist|ankle|neck)|fracture\w*|concuss\w*|"
            r"unconscious|unresponsive|collaps\w*|faint\w*|passed out|blacked out|not moving|"
            r"(?:not|stopped|barely|can not|cant|struggling to) breath\w*|breathless|choking|"
            r"choked|seizure|having a fit|fitting|convuls\w*|overdos\w*|pills|tablets|poison\w*|"
            r"drown\w*|drowned|dying|died|dead|death|body|lying (?:on|in) the|on the floor|"
            r"on the ground|fallen|fell|fall|slumped|stroke|heart attack|chest pains?|"
            r"ambulance|paramedics?|hospital|a and e|a&e|first aid|cpr|pulse|scald\w*|frostbit\w*|"
            r"hypotherm\w*|freezing cold|no heating|swallowed|"
            r"(?:turned|gone|going|lips) (?:are )?blue|"
            r"(?:not|wont|will not|can not|cant) (?:wake|waking|woken|respond\w*)|"
            r"not (?:been )?seen (?:\w+ )?(?:for|since|in)|"
            r"(?:not|never|has not|hasnt|have not|havent) (?:come|came|got|been) (?:home|back)|"
            r"(?:is|s|got|been|badly|bad|deep) cuts?|cut (?:his|her|my|their|himself|herself|open|"
            r"badly)|electrics|fuse box|snow|freezing)\b",
            # violence to a person
            r" (?:attack\w*|assault\w*|hit|hits|hitting|punch\w*|kick|kicks|kicking|kicked|"
            r"kick(?:ing|ed)? off|slap\w*|beat|beats|beating|beaten|beat up|batter\w*|thump\w*|"
            r"smack\w*|belt(?:ing|ed)|lamp(?:ing|ed)|deck(?:ing|ed)|stab\w*|slash\w*|shoot\w*|"
            r"shot|glass(?:ed|ing)|bottl(?:ed|ing)|headbutt\w*|strangl\w*|throttl\w*|smother\w*|"
            r"suffocat\w*|drag\w*|grab\w*|pinn(?:ed|ing)|pinned down|push(?:ed|ing)|shov\w*|"
            r"threw|throw\w*|chuck(?:ed|ing) (?:\w+ )?at|bite|biting|bitten|maul\w*|savag\w*|"
            r"(?<! a )(?<! the )(?<! little )(?<! wee )(?<! tiny )(?<! this )(?<! that )(?<! one )"
            r"(?<! quite )(?<! every )bit|"
            r"fight(?!ers?\b)\w*|brawl\w*|scrap(?:ping)?|punch up|violen\w*|aggressi\w*|rampage|"
            r"going mad|"
            r"going mental|going berserk|losing it|lost it|raging|rage|smash\w*|wreck\w*|"
            r"trash(?:ed|ing)|chas(?:ed|ing)|came at|coming at|lunged|run(?:ning)? at|mugg\w*|"
            r"robb\w*|jump(?:ed|ing) (?:on|him|her|me|them|someone))\b",
            rf" (?:went|going|gone|goes) for {PERSON}\b",
            # threats to life, menace
            r" (?:kill|kills|killing|killed|murder\w*|threat\w*|menac\w*|intimidat\w*|"
            r"finish (?:him|her|you|them|me)|do (?:him|her|you|them|me) in|get (?:him|her|you|them"
            r"|me)|you are dead|your dead|dead man|hurt (?:you|me|her|him|them)|revenge|hunt\w* "
            r"(?:him|her|me|us|them) down|come back for|coming back for|waiting for (?:me|us|him|"
            r"her)|looking for (?:me|us|him|her)|finish the job|(?:finish|sort) (?:\w+ )?off|"
            r"get off (?:me|her|him|them)|let (?:me|her|him|them) go|stop hurting|"
            r"set (?:\w+ ){0,2}dogs? on|pointing|waving (?:it|something|a|the|that))\b",
            # self-harm
            r" (?:suicid\w*|self harm\w*|harm (?:myself|himself|herself|themselves)|"
            r"(?:kill|cut|hurt|hang) (?:myself|himself|herself|themselves)|"
            r"end (?:it|it all|my life|things|everything)|no point|better off without|goodbye|"
            r"jump\w*|ledge|edge of|"
            r"noose|rope|hanging|hanged|razor|cutting (?:myself|himself|herself)|can not go on|"
            r"cant go on|give up|given up|wants? to die|wanna die|die|windowsill|window sill|"
            r"window ledge|roof)\b",
            # a child or a vulnerable adult in danger
            rf" {CHILD}s?\b(?:.* )?(?:missing|alone|on (?:their|his|her|its) own|by (?:himself|"
            r"herself|themselves|itself)|unattended|taken|took|grabbed|snatched|dragged|lost|"
            r"crying|screaming|sobbing|locked|shut in|window|ledge|balcony|roof|road|traffic|water|"
            r"canal|river|pond|lake|railway|tracks|stranger|strangers|van|car|naked|no clothes|"
            r"nappy|abandoned|left|wandering|not come home|not home|not answering|cold|hungry|"
            r"starving|neglect\w*|abus\w*|touch\w*|groom\w*)\b",
            rf" (?:got|has|have|took|taken|taking) (?:my|our|the|a|his|her) (?:\w+ )?{CHILD}\b|"
            r" never see (?:him|her|them|you|us|my \w+) again\b",
            r" (?:missing|abducted|kidnap\w*|abduct\w*|hostage|groom\w*|neglect\w*|abus\w*|"
            r"strangers?|strange (?:man|men|woman|person|people)|"
            r"paedo\w*|nonce|pervert\w*|predator)\b",
            # held, shut in, taken
            r" (?:locked|locking|lock) (?:\w+ ){0,2}(?:in|inside|up)\b| (?:trapped|stuck|"
            r"barricaded|tied|taped|gagged|held|holding|hold|keeping|kept) (?:\w+ ){0,3}(?:in|"
            r"inside|up|down|against|hostage|prisoner|captive)\b| (?:will not|wont|would not|"
            r"wouldnt|does not|doesnt|not) let(?:ting)? (?:\w+ ){0,2}(?:out|go|leave|in)\b|"
            r" (?:can not|cant|could not|couldnt) (?:get|go) (?:out|away|past|home)\b|"
            r" (?:can not|cant) (?:escape|leave|move|reach|find)\b| blocking (?:the|my|our|her|his)"
            r" (?:door|doorway|way|exit|path)\b| cornered\b",
            # intruders, doors forced, someone in the home
            r" (?:break|breaks|breaking|broke|broken|forc\w*|kick\w*|smash\w*|climb\w*|barg\w*|"
            r"bust\w*) (?:\w+ ){0,2}(?:in|into|open|through|down)\b| (?:burglar\w*|intruder\w*|"
            r"prowl\w*|trespass\w*)| (?:in|inside|into|upstairs in|downstairs in) (?:my|our) "
            r"(?:flat|house|home|kitchen|bedroom|bathroom|hall|hallway|room|living room|"
            r"garden|shed)\b| (?:trying|tried|rattl\w*|trying all) (?:\w+ ){0,2}(?:door|doors|"
            r"handles?|windows?|lock|locks)\b| (?:door ?handle|letterbox|letter box)\b|"
            r" (?:force|forcing|forced|kick\w*|smash\w*|bash\w*|barg\w*|try\w*|get|getting|got)"
            r" (?:\w+ ){0,3}(?:the|my|our|her|his) (?:\w+ )?(?:door|window|windows|lock)\b|"
            r" (?:get|getting|got|trying to get) (?:in|inside)\b| holding (?:the|my|our) door\b|"
            r" (?:in|inside|under) (?:the|my|our) (?:\w+ )?(?:bedroom|bathroom|loft|attic|"
            r"wardrobe)\b|"
            r" (?:followed|following|follow|stalk\w*) (?:me|us|her|him|them|my)\b",
            # sexual violence
            r" (?:rape|raped|raping|sexual\w*|indecen\w*|flash(?:ed|ing|er)|expos(?:ed|ing) "
            r"(?:himself|herself)|touch(?:ed|ing) (?:me|her|him|them|up)|molest\w*|groped?|"
            r"groping|naked)\b",
            # someone held by the body; vehicles and water
            r" (?:run over|ran over|knock\w* (?:\w+ )?(?:down|over|off|out|unconscious)|"
            r"not getting up|"
            r"got hold of|hold of (?:him|her|them|me)|by the (?:hair|throat|neck|arm|arms)|"
            r"crash\w*|collid\w*|hit by|"
            r"under (?:the|a) (?:car|van|bus|lorry|train)|(?:driv\w*|drove|swerv\w*|aim\w*|"
            r"speed\w*|sped) (?:\w+ ){0,2}(?:at|into|towards)|"
            r"mount(?:ed|ing) the (?:pavement|kerb|curb)|speeding|joyrid\w*|in the (?:water|canal|"
            r"river|pond|lake|sea|reservoir|weir|dock)|sinking|gone under|went under|swept)\b",
            # dangerous animals, falling things, collapse
            r" (?:dangerous dog|out of control|loose dog|pit ?bull|xl bully|bully xl|snake|"
            r"savag\w*|attacked by|falling|fell off|fall off|come down|came down|"
            r"coming down|collapse\w*|caved in|cave in|crumbling|hanging off|loose (?:slab|tiles|"
            r"glass|railing)|flood\w*)\b",
        )
    )
)


# Neither is a sign of harm: a hazard ruled out ("the smell was the drains not gas") and
# witnesses afraid to speak up ("nobody will say anything, they're all too scared").
NOT_A_SIGN = re.compile(
    r" not (?:gas|smoke|a fire|fire|a gun|gunshots?|a gunshot|shots|blood|a knife|a weapon)\b"
    r"| (?:all |just )?too (?:scared|afraid|frightened|frighten|worried|nervous)(?: to \w+)?\b"
)


def harm_signs(norm: str, cries: bool = True) -> bool:
    """Any sign of harm or danger in normalised text (see the module's docstring); without
    `cries`, not counting cries, fear or calls for the emergency services at all ("the kids
    are screaming" is no child in danger). Hazards ruled out (NOT_A_SIGN) are already taken out
    of the text by answer_safety's `_cleaned`."""
    if not cries:
        return bool(HARM_SIGNS.search(CRIES.sub(" ", norm)))
    return bool(HARM_SIGNS.search(norm) or CRIES.search(norm))


# Blows to things, not to a person ("he's the one who kicked the door in", "punched the wall"):
# in an answer about someone else's household, not domestic abuse of the resident.
THINGS_STRUCK = re.compile(
    r" (?:kicked|kicks|kicking|kick|punched|punches|punching|hit|hits|hitting|smashed|smashes|"
    r"smashing|booted|booting|banged|bangs|banging|thumped|thumps|thumping|slammed|slams|"
    r"slamming) (?:in |down )?(?:the|a|my|our|his|her|their|that|every|next doors|the neighbours)"
    r" (?:front |back |kitchen |bedroom |bathroom |communal |car |entrance )?(?:door|doors|window|"
    r"windows|wall|walls|fence|gate|car|cars|bins?|lift|letterbox|letter box)(?: in| down| off)?\b"
)
# The resident's own partner or family ("my ex", "my husband"): abuse of things by them is still
# domestic abuse to the resident.
OWN_RELATION = re.compile(
    r" my (?:ex|ex partner|ex husband|ex wife|ex boyfriend|ex girlfriend|partner|husband|wife|"
    r"boyfriend|girlfriend|fella|man|bloke|missus|other half|fiance|fiancee|baby father|"
    r"babys father|kids dad|son|daughter|dad|father|mum|mother|stepdad|brother|sister|family|"
    r"grandson|nephew)\b"
)


def things_struck_only(norm: str) -> str | None:
    """The normalised answer with blows to things ("kicked the door in") set aside, when the
    answer names no partner or relative of the resident's own; None when nothing changes."""
    if OWN_RELATION.search(norm) or not THINGS_STRUCK.search(norm):
        return None
    return THINGS_STRUCK.sub(" damaged things", norm)


# The danger was taken away: "No, the police have already been and taken him away" (answers Z,
# session 10). A reassurance like answer_safety.OVER.
TAKEN_AWAY = re.compile(
    r" (?:police|they|the police|officers) (?:have |had |has )?(?:already )?(?:been and |come and "
    r"|came and )?(?:took|taken|arrested|removed|led|carted) (?:him|her|them|the \w+)(?: \w+)?"
    r"(?: away| off)?\b"
)
