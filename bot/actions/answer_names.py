"""Names and everyday words that borrow a danger's name, set aside before an answer to a report
question is read for danger (bot/actions/answer_safety.py `_aside`): places and venues ("the Gun
Inn", "the Knife & Fork"), homes known by how they look ("the house with the blue door"), weapons
kept as a hobby, a trade or on show ("he collects swords", "swords hung on his wall"), and games,
trades and utilities named after danger ("a water fight", "the fire engine", "the gas works").
"""

from __future__ import annotations

import re

# A place's name: capitalised words before a place word ("the Gun Inn", "Blade Street").
PLACE_NAME = re.compile(
    r"\b(?:[A-Z][\w']*\s+){1,3}(?:Inn|Arms|Tavern|Road|Rd|Street|St|Lane|Close|Court|House|"
    r"Tower|Towers|Estate|Park|Green|Walk|Way|Avenue|Drive|Crescent|Place|Square|Mews|Row|Hill|"
    r"Gardens|Terrace|Yard|Wharf|Station|Centre|Center|Lodge|Point|Heights|Fields?|Depot|Club)\b"
)
# A name written as one (capitalised words, with "&", "and" or "of"): a pub or a venue ("the
# Knife & Fork", "the Crossed Swords pub", "the Fighting Cocks end of the road"). Only in an
# answer that is not written in capitals throughout (see `_aside`).
VENUE = (
    r"(?:pub|bar|inn|club|cafe|hotel|restaurant|takeaway|shop|chippy|social club|gym|"
    r"nightclub|bookies|carvery|lounge|arms|tavern|barbers?|salon|stores?|supermarket|garage|"
    r"motors|taxis|cabs|kebabs?|pizza|launderette|bakery|pharmacy|chemist|surgery|school|"
    r"academy|church|chapel|mosque|temple|nursery|studio|works|depot|unit|yard|car park)"
)
# (a word of a name: capitalised, not "My", "Now" or another word that tells where or when)
NAME_WORD = r"(?!(?:My|Our|Your|His|Her|Their|Me|Us|Him|Them|It|Now|Right|Here|Help)\b)[A-Z][a-z']+"
NAME = re.compile(
    rf"\b(?:{NAME_WORD}\s+(?:(?:&|and|n|'n'|of|of the)\s+)?){{1,3}}" + VENUE + r"\b"
    rf"|\b{NAME_WORD}\s+(?:&|and|'n'|n)\s+{NAME_WORD}\b"
    rf"|(?<=\b[Tt]he ){NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{NAME_WORD}){{0,1}}"
    rf"\s+(?:of\s+(?:the\s+)?)?{NAME_WORD}(?<!ing)\b"
)
# A name given as one ("think it's called Blaze", "a dog named Killer", "a shop called Inferno"):
# capitalised words after "called" or "named", or any word after "it's called" (not the
# services someone called: "I called Fire and Rescue", "she called Police").
SERVICES = (
    r"(?!(?:[Tt]he )?(?:[Pp]olice|POLICE|[Ff]ire|FIRE|[Aa]mbulance|[Pp]aramedics|999|101|[Hh]elp|"
    r"HELP|[Ee]mergency|[Cc]ops|an? |a$)\b)"
)
CALLED_NAME = re.compile(
    rf"\b((?:[Cc]alled|[Nn]amed|[Kk]nown as) (?:[Tt]he )?){SERVICES}{NAME_WORD}"
    rf"(?:\s+{NAME_WORD}){{0,2}}\b"
    rf"|\b((?:[Ii]t'?s|[Ii]t is|[Tt]hat'?s|[Tt]hat is) (?:called|named) (?:the )?){SERVICES}"
    rf"[A-Za-z']+(?:\s+{NAME_WORD}){{0,2}}\b"
)
# Two or more capitalised words after a word of place, in the middle of a sentence: a name ("by
# Arrow Fire Protection", "outside Blades Barbers").
NAME_AFTER_PLACE_WORD = re.compile(
    r"\b(by|at|near|outside|behind|opposite|from|of|on|in|past|off|next to|round|around) "
    rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\s+{NAME_WORD}(?<!ing)\b"
)
# A venue named by one capitalised word after its trade ("the barber at Blade", "the bar called
# Inferno" is CALLED_NAME's): a place.
VENUE_AT = re.compile(rf"\b({VENUE}) (at|in|from) {NAME_WORD}\b")
# A home known by how it looks or where it is ("the house with the blue door", "the flat over
# the road"): a place, not someone in the resident's own home.
DESCRIBED_HOME = re.compile(
    r" the (house|flat|home|bungalow|maisonette|one|place)(?= (?:with (?:the|a|an) (?:\w+ ){0,2}"
    r"(?:door|gate|fence|roof|car|van|hedge|garden|windows?|porch|extension|dish|flag|sign|"
    r"bins?|balcony|curtains|blinds|trampoline|caravan|boat|shed)|next door to|next to|"
    r"opposite|across|over the road|down the road|up the road|on the corner|at the (?:end|top|"
    r"bottom)|(?:at )?(?:number|no) \d|\d+\b|(?:two|three|four|five) doors))",
    re.IGNORECASE,
)
# Weapons kept as a hobby or a trade ("he collects swords", "she sells kitchen knives"): set
# aside only in an answer that says nothing is happening now (not "... he's waving one now").
OWNED_WEAPONS = re.compile(
    r" (?:collects?|collecting|collection of|collector of|sells?|selling|restores?|restoring|"
    r"deals? in) (?:\w+ ){0,2}(?:swords?|knives|knife|guns|axes?|crossbows?|daggers?|bayonets?|"
    r"air rifles?|rifles?|airguns?|replicas?)\b|"
    r" (?:knife|knives|sword|gun|guns|weapons?|axe|dagger|air rifle|rifle|shotgun|firearms?)"
    r" (?:collection|collector|shop|seller|stall|licence|license|permit|certificate|club|range)\b|"
    # on show at home ("he's got swords hung on his wall", "a display of knives in his hall")
    r" (?:swords?|knives|daggers?|axes?|guns|rifles?|crossbows?|bayonets?|spears?|machetes?)"
    r" (?:\w+ ){0,2}(?:hung|hanging|mounted|displayed|on display|up) (?:up )?(?:on|in|above)"
    r" (?:his|her|their|the) (?:\w+ )?(?:walls?|hall|hallway|living room|lounge|fireplace|"
    r"mantelpiece|cabinet|window)\b|"
    r" (?:display|displays|cabinet) of (?:\w+ )?(?:swords|knives|daggers|axes|guns|rifles)\b",
    re.IGNORECASE,
)
# A trade's tools carried to and from work ("comes home with his knife bag", "her knife roll",
# "he's a butcher, brings his knives home"): set aside only as OWNED_WEAPONS are, and not when
# anything in the answer is done with them (`MENACE`).
TRADE_TOOLS = re.compile(
    r" (?:knife|knives|chefs? knife|chefs knives|tool|tools) (?:bag|roll|case|wallet|kit|box|block|"
    r"set|belt)s?\b",
    re.IGNORECASE,
)
TRADE = re.compile(
    r"\b(?:butcher|chef|cook|fishmonger|carpenter|joiner|tree surgeon|woodcutter|gardener|"
    r"landscaper|builder|roofer|slaughterman|kitchen porter|line cook|sous chef|abattoir|"
    r"slaughterhouse|meat plant|meat factory|farmer|gamekeeper)s?\b",
    re.IGNORECASE,
)
TRADE_WEAPONS = re.compile(
    r" (?:his|her|their|the|a|an|some|work) (?:own |work |kitchen |chefs |butchers |sharp )?"
    r"(?:knife|knives|cleavers?|axes?|hatchets?|saws?|chainsaws?|machetes?|blood)\b",
    re.IGNORECASE,
)
# Anything done to or at someone with a weapon, or a weapon drawn: never set aside as a hobby
# or a trade ("he's a chef, he waved a knife at me").
MENACE = re.compile(
    r"\b(?:wav\w*|point\w*|swing\w*|swung|brandish\w*|wield\w*|threat\w*|lung\w*|came at|"
    r"coming at|comes at|went for|going for|goes for|chas\w*|stab\w*|slash\w*|cut|cutting|"
    r"attack\w*|pull(?:ed|s|ing)? (?:a|an|it|one|them|out|on)|drew|drawn|holding|aim\w*|"
    r"at (?:me|us|him|her|them|people|the kids|kids|anyone|everyone)|"
    r"to (?:my|his|her|their|your) (?:throat|neck|face|head))\b",
    re.IGNORECASE,
)
# Everyday words that borrow a danger's name: games and sport ("play fighting", "shooting
# hoops"), the fire service's trade ("a fire engine", "the fire fighter at 12"), and garden
# waste burnt in a garden (a nuisance bonfire, not a fire at a home).
ANIMALS = r"(?:cats|foxes|seagulls|gulls|pigeons|squirrels|birds|crows|magpies|tomcats)"
EVERYDAY = (
    (r" play(?:ing)?[ -]?(?:fight|fighting|fights)\b", " playing"),
    # fights that are games ("a water fight", "a snowball fight on the green")
    (
        r" (?:water|snowball|snow|pillow|food|foam|nerf|paintball|mud|egg|flour|pretend|"
        r"play|balloon|bubble|custard pie) ?fights?\b",
        " a game",
    ),
    # marks burnt into things ("burning holes in the carpet with cigarettes")
    (r" (?:burning|burnt|burned|burns|burn) (?:\w+ )?(?:holes|marks)\b", " marking"),
    (
        r" (?:shoot|shooting|shoots) (?:some |a few )?(?:hoops|baskets|pool|the breeze|a video|"
        r"a film|videos|films|photos|pictures|goals?|penalties)\b",
        " playing",
    ),
    # animals squabbling ("the cats keep fighting", "fighting again, the two foxes")
    (rf" (?:fighting|scrapping)\b(?=(?:\W+\w+){{0,5}}\W+{ANIMALS}\b)", " squabbling"),
    (rf"( {ANIMALS}(?: \w+){{0,3}}) (?:fighting|scrapping)\b", r"\1 squabbling"),
    # the fire service and fire safety's fittings ("a fire engine", "by the fire hose reel")
    (
        r" fire ?(engines?|fighters?|man|men|officers?|crew|crews|cadets?|hoses?|hose reels?|"
        r"blankets?|extinguishers?|points?|panels?|assembly point|safety|risk assessment|"
        r"inspections?|inspectors?|checks?|drills?|marshals?|alarms?)\b",
        r" \1",
    ),
    # "fags" as cigarettes, where the answer speaks of smoking ("fag ends", "smoke from their fags")
    (r"\bfag (ends?|butts?|packets?|smoke|ash)\b", r"cigarette \1"),
    (
        r"(\b(?:smok\w*|smell\w*|stink\w*|butts?|ashtrays?|lighters?)\b.*?)\bfags?\b",
        r"\1cigarettes",
    ),
    (r"\bfags?\b(?=.*\b(?:smok\w*|smell\w*|stink\w*|butts?|ashtrays?|lighters?)\b)", "cigarettes"),
    # utilities named after gas ("the gas works", "the gas board were digging")
    (
        r" gas (works|board|roadworks|vans?|boilers?|bottles?|heaters?|pipe works|main works)\b",
        r" utility \1",
    ),
    # pests and targets shot at ("he shoots pigeons on his allotment", "shooting tin cans")
    (
        r" (?:shoots?|shooting|shot) (?:at )?(?:the |some )?(?:pigeons|rabbits|rats|squirrels|"
        r"crows|magpies|targets|tin cans|cans|clay pigeons|clays)\b",
        " aims at pests",
    ),
    # ball games ("the kids are kicking the ball against my wall again")
    (
        r" (?:kick|kicks|kicking|kicked|bounce|bounces|bouncing|bounced|throw|throws|throwing|"
        r"hitting|booting) (?:a|the|their|his|her|that) (?:foot)?balls?\b",
        " playing ball",
    ),
    # damage to street furniture, not to a person ("smashing the bus stop"): vandalism
    (
        r" (?:smash\w*|wreck\w*|vandalis\w*|kick\w* in|break\w*|broke|broken) (?:up )?"
        r"(?:the|a|that|our|their) (?:bus stop|bus shelter|shelter|phone box|street ?lights?|"
        r"lamp ?posts?|signs?|benches|bench|play equipment|swings?|noticeboard|planters?|"
        r"bollards?|cctv)\b",
        " vandalising",
    ),
    (r" (?:pheasant|grouse|clay|clay pigeon|game|duck|deer|rabbit) shooting\b", " a country sport"),
    (
        r" (?:burning|burn|burns|burnt|burned) (?:off )?(?:\w+ )?(?:garden waste|rubbish|leaves|"
        r"wood|waste|branches|hedge cuttings|cardboard|bits of wood)\b"
        r"(?!.* (?:door|letterbox|stairs|flat|house|window|building|block|car|landing|spreading|"
        r"out of control))",
        " a bonfire",
    ),
)
