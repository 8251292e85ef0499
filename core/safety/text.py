"""Text before the lexicon: `normalise` (lower case, no apostrophes, SMS spelling and typos as
plain words) and `defuse` (everyday figures of speech rewritten, gunfire from a film set aside),
and `any_of`, the one-regex-of-many-alternatives helper the lexicon modules build patterns with.
"""

# ruff: noqa: E501  (the tables are easier to review one entry a line)
from __future__ import annotations

import re
import unicodedata


def any_of(*patterns: str) -> re.Pattern[str]:
    """One compiled pattern matching any of the given alternatives."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# -- normalisation ---------------------------------------------------------------------------

# fmt: off
# Whole-word replacements (after lower-casing and dropping apostrophes): SMS spelling and the
# typos residents make in the words that matter.
WORD_MAP: dict[str, str] = {
    "u": "you", "ur": "your", "r": "are", "im": "i am", "ive": "i have", "iam": "i am",
    "hes": "he is", "shes": "she is", "theyre": "they are", "theyve": "they have", "weve": "we have", "youve": "you have", "thyre": "they are", "its": "it is",
    "theres": "there is", "whos": "who is", "someones": "someone is", "somebodys": "somebody is",
    "sum1": "someone", "shottin": "dealing", "shotting": "dealing", "shottas": "dealers", "shotta": "dealer", "bout": "about", "every1": "everyone", "evry1": "everyone", "sumthin": "something", "some1": "someone", "sum1s": "someone is", "some1s": "someone is",
    "sumone": "someone", "somone": "someone", "someon": "someone", "some": "some",
    "ppl": "people", "ppls": "people", "b4": "before", "2day": "today", "2nite": "tonight",
    "2night": "tonight", "tonite": "tonight", "nw": "now", "noww": "now", "rn": "right now",
    "rite": "right", "ryt": "right", "rght": "right", "wiv": "with", "wid": "with", "w/": "with",
    "gonna": "going to", "gona": "going to", "gunna": "going to", "goin": "going",
    "wanna": "want to", "dont": "do not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "isnt": "is not", "aint": "is not", "wasnt": "was not",
    "plz": "please", "pls": "please", "plse": "please", "hlp": "help", "halp": "help",
    "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband", "ex's": "ex", "exs": "ex",
    "bloke": "man", "fella": "man", "geezer": "man", "mum": "mother", "mam": "mother",
    "nife": "knife", "knif": "knife", "kinfe": "knife", "knive": "knife", "blade": "knife",
    "machete": "knife", "machette": "knife", "gunn": "gun",
    "hiting": "hitting", "hittin": "hitting", "hittng": "hitting", "punchin": "punching",
    "kickin": "kicking", "beatin": "beating", "stabing": "stabbing", "stabed": "stabbed",
    "stabbin": "stabbing", "attackin": "attacking", "atacking": "attacking", "fightin": "fighting",
    "fiting": "fighting", "breakin": "breaking", "braking": "breaking", "smashin": "smashing",
    "threatnin": "threatening", "threatning": "threatening", "thretening": "threatening",
    "threating": "threatening", "chokin": "choking", "strangling": "strangling",
    "strangled": "strangled", "kil": "kill", "kll": "kill", "kilin": "killing", "killin": "killing",
    "bleedin": "bleeding", "bleding": "bleeding", "burnin": "burning", "smokin": "smoking",
    "tryin": "trying", "tryna": "trying to", "trin": "trying", "shoutin": "shouting",
    "screamin": "screaming", "hurtin": "hurting", "abusin": "abusing", "comin": "coming",
    "outsyd": "outside", "outsid": "outside", "ther": "there", "thier": "their", "thers": "there is",
    "dere": "there", "der": "there", "dat": "that", "wen": "when", "coz": "because", "cos": "because",
    "bruv": "brother", "hav": "have", "hez": "he is", "shez": "she is", "iz": "is", "r8": "right", "flames": "flames", "fier": "fire", "fyre": "fire",
    "polis": "police", "feds": "police", "cops": "police", "burgled": "burgled",
    "racist": "racist", "rasist": "racist", "racsist": "racist", "racial": "racial",
    "muslin": "muslim", "gey": "gay", "somethin": "something", "nothin": "nothing",
    "neighbor": "neighbour", "nieghbour": "neighbour", "neighbours": "neighbours",
    "naybor": "neighbour", "nabour": "neighbour", "neybor": "neighbour",
    # Scottish, Northern, Welsh and street words, and more typos (reviewed 2026-11-22)
    "wi": "with", "wae": "with", "ootside": "outside", "oot": "out", "aboot": "about",
    "noo": "now", "da": "dad", "bairn": "child", "bairns": "children", "wean": "child",
    "weans": "children", "greetin": "crying", "leatherin": "leathering", "yer": "your",
    "yous": "you", "youse": "you", "nite": "night", "thay": "they", "evry": "every",
    "shank": "knife", "shanked": "stabbed", "shanking": "stabbing", "knifes": "knives", "blades": "knives",
    "claret": "blood", "ambo": "ambulance", "wee": "little", "ambulence": "ambulance", "breathin": "breathing",
    "unconcious": "unconscious", "unconsious": "unconscious", "colapsed": "collapsed",
    "collasped": "collapsed", "smok": "smoke", "alite": "alight", "sucide": "suicide",
    "suicde": "suicide", "myslef": "myself", "meself": "myself", "mysen": "myself",
    "hisself": "himself", "theirselves": "themselves", "dyin": "dying", "tablts": "tablets",
    "pils": "pills", "hasnt": "has not", "havent": "have not", "doesnt": "does not",
    "didnt": "did not", "couldnt": "could not", "wouldnt": "would not", "husbnd": "husband", "husban": "husband", "partna": "partner",
    "partnr": "partner", "boyfrend": "boyfriend", "contrlls": "controls", "controlls": "controls",
    "contols": "controls", "n": "and", "jemmied": "forced", "jimmied": "forced",
    # misspellings and SMS forms of the harm lexicon (round 4, by class, not from eval lines)
    "stabd": "stabbed", "stabbd": "stabbed", "stabt": "stabbed", "stabn": "stabbing",
    "nyfe": "knife", "knfe": "knife", "kniff": "knife", "nives": "knives", "nifes": "knives", "knifs": "knives",
    "fiyer": "fire", "fiya": "fire", "smoak": "smoke", "smokeing": "smoking",
    "breething": "breathing", "brething": "breathing", "breathng": "breathing", "breathen": "breathing", "breeth": "breathe", "breath": "breathe",
    "unconshus": "unconscious", "unconcsious": "unconscious", "unconscous": "unconscious", "unconsius": "unconscious", "unconcius": "unconscious", "unconscience": "unconscious",
    "colapsd": "collapsed", "collapsd": "collapsed", "colapst": "collapsed", "collaped": "collapsed", "colasped": "collapsed",
    "bleedn": "bleeding", "bledding": "bleeding", "bleading": "bleeding", "bleeing": "bleeding", "blud": "blood", "bludd": "blood", "blod": "blood",
    "amblance": "ambulance", "ambulanse": "ambulance", "hepl": "help", "hlep": "help",
    "stranglin": "strangling", "stranglein": "strangling", "strangleing": "strangling", "chocking": "choking", "chokeing": "choking",
    "unresponsve": "unresponsive", "unresponsiv": "unresponsive", "overdosd": "overdosed", "ovrdose": "overdose",
    "suicidle": "suicidal", "sucidal": "suicidal", "suisidal": "suicidal", "murda": "murder",
    "burglr": "burglar", "intruda": "intruder", "gunz": "guns", "shotgunn": "shotgun",
    "falln": "fallen",
}
# fmt: on


def normalise(text: str) -> str:
    """Lower case, one space, no apostrophes, SMS spelling and common typos as plain words."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"\b(he|she|they|i|we|you|it|who|that)'ll\b", r"\1 will", text)
    text = re.sub(r"\b(he|she|they|i|we|you|who)'d\b", r"\1 would", text)
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # he's -> hes, can't -> cant
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "helppppp" -> "helpp"
    text = re.sub(r"[^a-z0-9/ ]+", " ", text)
    # SMS "2" for "to" after a verb ("tryin 2 kick"), not in "2 men".
    text = re.sub(
        r"\b(tryin|trying|tryna|going|goin|gonna|want|wants|about|need|needs|has|have|got) 2\b",
        r"\1 to",
        text,
    )
    text = re.sub(r"\b(broke|broken|break|breaking|got|get|getting) in to\b", r"\1 into", text)
    text = re.sub(r"\b(?:am|is|are|was|were|be|been) unable to\b", "can not", text)
    text = re.sub(r"\bunable to\b", "can not", text)
    text = re.sub(r"\bnow that\b", "given that", text)
    text = re.sub(
        r"(?<!\bmy )(?<!\bme )(?<!\bour )(?<!\byour )(?<!\bhis )(?<!\bher )\bda\b", "the", text
    )
    # "she's been" was "she is" + "been" after dropping the apostrophe: make it "she has been"
    text = re.sub(r"\b(he|she|it|someone|somebody|who|there|that)s been\b", r"\1 has been", text)
    text = re.sub(
        r"\bme (?=(?:fella|man|partner|husband|missus|wife|boyfriend|girlfriend|bf|gf|ex|son|daughter|mam|mum|dad|da|brother|sister)\b)",
        "my ",
        text,
    )
    words = []
    for word in text.split():
        word = WORD_MAP.get(word, word)
        if word.endswith("in") and word + "g" in G_DROPPED:
            word += "g"  # "batterin" -> "battering"
        words.append(word)
    return " " + " ".join(words) + " "


# Verbs residents often write without the final g ("hes batterin her", "its burnin").
G_DROPPED = frozenset(
    "hitting punching kicking beating battering bashing stabbing attacking choking strangling "
    "smashing breaking burning bleeding screaming shouting threatening fighting chasing following "
    "dragging leathering slapping hurting killing shooting knifing slashing smoking fitting dying "
    "climbing banging trying coming going booting thumping belting hammering glassing bottling "
    "robbing mugging screaming begging crying smouldering pouring spreading writing using being "
    "stamping swerving taking telling calling dealing selling tagging playing laughing running riding skating".split()
)


# -- figures of speech -----------------------------------------------------------------------

# What comes with fags when they are cigarettes ("asking for money and fags"), not a slur.
WITH_FAGS = r"money|cash|beer|booze|cans|drink|lighters?|food|sweets|tobacco|baccy|weed|vapes?"

# Everyday figures of speech that use emergency words: rewritten before the lexicon is applied
# ("the noise is killing me", "their bleeding music", "in danger of losing my tenancy").
# Words before "sounds like a bomb" that name no source of the sound.
UNNAMED_SOURCES = frozenset({"", "it", "that", "this", "there", "what", "just", "now"})
FIGURATIVE = (
    (
        re.compile(
            r" (noise|music|racket|bass|barking|drilling|banging|hammering|smell|stink|it|this|that|thing|waiting|stress|back|head|neck|knees|legs|feet|stairs|heat|cold|sound|telly|tv|party|parties|dog|dogs|kids|lack of sleep|not sleeping|worry)(?: \w+)? (?:is |are |was |it is |has been )?(?:literally |honestly |actually |just |slowly |really )?(?:killing|murdering) (me|us)\b"
        ),
        r" \1 bothers \2",
    ),
    # a nuisance said to be killing someone else ("she says my cooking smells are killing her")
    (
        re.compile(
            r" (noise|noises|music|racket|bass|barking|drilling|banging|hammering|smell|smells|stink|cooking|cooking smells|fumes from (?:my|the|their) cooking)(?: \w+)? (?:is |are |was |were |it is |has been )?(?:literally |honestly |actually |just |slowly |really )?(?:killing|murdering) (her|him|them|my (?:mum|mother|dad|nan|wife|husband|partner|kids|son|daughter))\b"
        ),
        r" \1 bothers \2",
    ),
    (
        re.compile(r" (?:killing|murdering) (me|us) with (?:their|the|that|his|her|this) "),
        r" bothering \1 with the ",
    ),
    (re.compile(r" (the|their|his|her|that|this|your|them|those|a|bloody) bleeding "), r" \1 "),
    # a door wedged open with a brick or a chair: a doorstop, not a weapon
    (
        re.compile(
            r" (?:wedg|propp|jamm|hold|held|keep|kept|leav|left)\w*(?: \w+){0,8} open with (?:a |an |some |the )?(?:bricks?|stones?|rocks?|chairs?|bins?|bottles?|sticks?|fire extinguishers?)\b"
        ),
        " open with a doorstop",
    ),
    (
        re.compile(
            r" bleeding (noise|music|dogs?|kids|racket|neighbours?|bins|cars?|telly|tv|party|parties|hell|nuisance|idiots?|row|thing|stuff|time|ages|lot|mess|people|bass|drilling|banging|council)\b"
        ),
        r" \1",
    ),
    (re.compile(r" in danger of "), " at risk of "),
    (re.compile(r" (siphon\w*) (?:the |some |all the )?(?:petrol|diesel)\b"), r" \1 fuel"),
    # "the bass sounds like a bomb going off" is a figure of speech; a sound with no source
    # named ("sounds like gunshots outside, people are running") is what the resident heard.
    (
        re.compile(
            r"( \w+)? (?:sounds?|sounded|sounding|is|it is) like (?:a )?(?:bomb|bombs|gunshot|gunshots|explosion|explosions)(?: (?:going|went|gone) off)?\b"
        ),
        lambda found: (
            found.group(0)
            if (found.group(1) or "").strip() in UNNAMED_SOURCES
            else f"{found.group(1) or ''} is a very loud bang"
        ),
    ),
    (
        re.compile(
            r" (?:i am|im|we are|me|us|my \w+ (?:is|are))(?: a| an)?(?: \w+ and)? (?:thief|thieves|robber|robbers|burglar|scrounger)s?\b"
        ),
        " me names",
    ),
    (
        re.compile(
            r" (?:burnt|burned|burning|burns) (?:his|her|their|the|my|our|some) (?:\w+ )?(?:dinner|food|toast|tea|pan|pans|chips|cooking|breakfast|lunch|bacon|rice|curry|pizza|meal)\b"
        ),
        " overcooked the food",
    ),
    (
        re.compile(
            r" (?:has|have|had|having|throws?|threw|throwing|goes into|gone into) (?:a |an )?(?:fit|hissy fit|wobbly|tantrum|strop)\b(?= (?:every|when|whenever|if|about|over|at|because|whenever))"
        ),
        " gets upset",
    ),
    (
        re.compile(r" thought (?:there was|there is|it was) (?:a fire|on fire|burning)\b"),
        " was alarmed",
    ),
    (
        re.compile(r" (?:nearly|almost) (passed out|blacked out|fainted)\b"),
        r" was close to fainting",
    ),
    (
        re.compile(
            r" shot (me|us|him|her|them|my \w+) (?:a |an )?(?:\w+ )?(?:look|looks|glare|glance|stare|smile)\b"
        ),
        r" gave \1 a look",
    ),
    (re.compile(r" bleeding (me|us|him|her|them|everyone) dry\b"), r" draining \1"),
    (re.compile(r" shoot(?:ing|s)? up\b"), " injecting drugs"),
    # the resident's own exasperation ("I'm going to kill him if he parks there again")
    (
        re.compile(
            r" (?:i am|i will|i) (?:going to |gonna )?(?:kill|murder|strangle) (him|her|them)(?= (?:if|when|one of these days))"
        ),
        r" i will be furious with \1",
    ),
    (
        re.compile(
            r" (?:will|going to|gonna|would|is going to) kill (me|us) (?:when|if|once) (?:he|she|they|my \w+) (?:sees|see|finds out|find out|notices|hears|gets home|comes home)"
        ),
        r" will be cross with \1 when they see",
    ),
    (
        re.compile(
            r" (fence|wall|ceiling|shed|gate|roof|shelf|shelves|bed|sofa|chair|tent|trellis|guttering|floor|market|deal|business)((?: \w+){0,2}) (?:has |have |just |is |had )*collapsed"
        ),
        r" \1\2 fell down",
    ),
    (
        re.compile(
            r" (?:gave|give|giving|gives|nearly|almost|near) (?:had |have |having |me |us |him |her )?(?:a |an )?(?:near )?heart attack"
        ),
        " startled",
    ),
    (
        re.compile(
            r" can not breathe (?:for|because of|with|from) (?:the |their )?(?:smell|stink|stench|weed|cannabis|skunk|cigarette|fag|fumes from their)"
        ),
        " hate the smell of",
    ),
    (re.compile(r" (?:nothing|not|never|no) (?:violent|violence|dangerous|serious)"), " calm"),
    # places and fittings named after fire ("by the old fire station", "the fire door"), and the
    # people whose job it is ("the fire warden"), and fire safety kit misused ("pulling out the
    # fire hose reel", "letting off the fire extinguisher")
    (
        re.compile(
            r" fire (station|exit|escape|door|doors|warden|wardens|marshal|marshals|hose reels?|hose|hoses|blankets?|extinguishers?|exting\w*)\b| fire (and rescue)\b"
        ),
        r" \1\2",
    ),
    # a place to smoke ("the pub's smoking area"), animals or trespassers getting into a place
    # ("the foxes get in", "it's boarded up and kids get in round the back")
    (re.compile(r" smoking (area|shelter|room|section|spot|bit|ban)\b"), r" outdoor \1"),
    (
        re.compile(
            r" (?:foxes|rats|mice|cats|pigeons|seagulls|gulls|birds|squirrels|vermin|animals|rodents)(?: \w+){0,2} (?:get|gets|got|getting) (?:in|into)\b"
        ),
        " animals wander in",
    ),
    (
        re.compile(
            r" (?:boarded up|empty|derelict|abandoned|disused|unused)((?: \w+){0,6}) (?:they|kids|people|lads|youths|teenagers) (?:get|got) in\b"
        ),
        r" disused\1 people wander in",
    ),
    # games named after violence ("shooting games", "a war game")
    (re.compile(r" (?:shooting|shooter|war|zombie|fighting|killing) (games?)\b"), r" video \1"),
    # toys and pictures of weapons ("kids with toy guns", "a knife tattoo on his neck")
    (
        re.compile(
            r" (?:toy|toys|water|nerf|plastic|pretend|cap|bubble|foam|cardboard) (?:guns?|pistols?|rifles?|knives|knife|swords?|weapons?|machine guns?)\b"
        ),
        " toys",
    ),
    (
        re.compile(
            r" (?:knife|knives|gun|guns|dagger|daggers|sword|swords|skull|bullet|bullets|grenade|flames?|fire) (?:tattoos?|tats?|tattooed|design|logo|print|picture|pictures|stickers?|emoji)\b"
        ),
        " tattoo",
    ),
    # blocked stairs, not a fallen person ("sitting on the stairs so we cant get up")
    (
        re.compile(
            r" (stairs|stairwell|steps|landing|corridor|hallway|lift)((?: \w+){0,6}) (?:so |and )?(?:we|i|you|people|residents|nobody|no one) (?:can not|could not|cannot|cant|couldnt) get (?:up|down|past|through|in|out)\b"
        ),
        r" \1\2 it is blocked",
    ),
    # drug kit and fumes from a trade: ASB, not fire ("burnt spoons", "spray paint fumes")
    (
        re.compile(
            r" burnt (?:out )?(?:bits of |pieces of )?(spoons?|foil|tin ?foil|bottle caps?|lighters?)\b"
        ),
        r" used \1",
    ),
    # the lift's buttons or panel burnt or melted: vandalism ("burning the lift buttons again")
    (
        re.compile(
            r" (?:burn|burns|burning|burnt|burned|melt|melts|melting|melted) (?:out )?(?:the |all the )?(?:lift|buttons|lift buttons|control panel|lift control panel|panel|call buttons?)\b"
        ),
        " damaging the lift",
    ),
    (re.compile(r" (spray ?paint\w*|respray\w*)((?: \w+){0,10}) fumes\b"), r" \1\2 smell"),
    (
        re.compile(r" (?:burn|burns|burning|burnt|burned) (?:holes?|marks?) (?:in|into|on)\b"),
        " marking",
    ),
    (
        re.compile(
            r" (?:paint|spray|spraying|spray paint|exhaust|engine|petrol|diesel|solvent|glue|varnish|resin) fumes\b"
        ),
        " a smell",
    ),
    # blows to street furniture, fences and shelters: damage, not a person hurt ("my fence keeps
    # getting kicked down", "kicking in the glass panels of the bus shelter"); doors and
    # windows are left to the layer (a door kicked in may be a break-in now)
    (
        re.compile(
            r" (fence|fences|gate|gates|panels?|wall|walls|shed|bins?|bus shelter|shelter|signs?|lamp ?posts?|benches|bench)((?: \w+){0,3}) (?:getting|got|gets|being|been) (?:kicked|smashed|punched|booted)\b"
        ),
        r" \1\2 getting damaged",
    ),
    (
        re.compile(
            r" (?:kicking|kicks|kick|smashing|booting) (?:in|down|through) (?:the |our |my |their )?(?:glass )?(?:panels?|fence|fences|gate|bus shelter|shelter|signs?|benches|bench)\b"
        ),
        " damaging street furniture",
    ),
    # engines and fireworks that sound like shots ("exhausts popping like gunshots")
    (
        re.compile(
            r" (exhausts?|engines?|cars?|bikes?|motorbikes?|mopeds?|backfir\w*|fireworks?|bangers)((?: \w+){0,4}) like (?:gun ?shots?|gunfire|gun fire|a gun|shots)\b"
        ),
        r" \1\2 like loud bangs",
    ),
    # stones at the windows of an empty building, or of a shared one nobody lives in (the
    # community room, the garages): vandalism, nobody is inside
    (
        re.compile(
            r" (?:throwing|throw|throws|chucking|lobbing) (?:stones|rocks|bricks) at (?:the )?"
            r"(?:windows of (?:the |an |that )?(?:empty|boarded up|derelict|abandoned|disused|unused|vacant)"
            r"|(?:windows of (?:the )?)?(?:community (?:room|centre|center|hall)|church hall|youth club|garages?|shops?|school|bus shelter)(?: windows)?)\b"
        ),
        " damaging the windows of the building",
    ),
    # tinted car windows, not a person who lost consciousness
    (
        re.compile(
            r" blacked out (windows|car|cars|van|vans|motor|glass|4x4|range rover|bmw|audi|merc)\b"
        ),
        r" tinted \1",
    ),
    # a feeling, not a body: "I feel like I can't breathe any more" (control by a partner)
    (
        re.compile(r" feel(?:s)? (?:like|as if|as though) (?:i|we) can not breathe\b"),
        " feel trapped",
    ),
    (
        re.compile(
            r" (?:there is|there was|there were|theres|there s) no (?:actual |real )?fire\b"
        ),
        " all clear",
    ),
    # "three times this week alone": a count, not a child left alone
    (
        re.compile(r" (this|that|last) (week|month|year|morning|weekend|night|summer) alone\b"),
        r" \1 \2",
    ),
    # fittings hanging off a wall: damage, not a person hanging ("the alarm box is hanging off")
    (
        re.compile(
            r" (box|boxes|door|doors|sign|panel|gate|light|lights|cable|cables|wires?|cover|alarm|gutter|guttering|fence|shelf|cupboard|letterbox|handle|hinges?)((?: \w+){0,3}) (?:is |are |was |were |left )?hanging(?: (?:off|from|down|loose|open|out))?\b"
        ),
        r" \1\2 loose",
    ),
    (
        re.compile(r" (?:it|its|it is|they are|theyre) (?:now )?hanging (off|down|loose|out)\b"),
        r" it is loose",
    ),
    # things (not people) thrown or dropped from a window or balcony: "nappies being thrown
    # out of a window", "rubbish bags thrown from the balcony"
    (
        re.compile(
            r" (nappies|rubbish|bags?|rubbish bags|bin bags|bottles?|cans?|food|litter|cigarettes?|cigarette ends|fag ends|eggs|water|stuff|things|bins?|mattress\w*|furniture)((?: \w+){0,2}) (?:being |getting |been |was |were |are |is )?(?:thrown|chucked|dropped|tipped|lobbed|flung) (?:out of|from|off|over)\b"
        ),
        r" \1\2 dumped from",
    ),
    # a brick through the window of a building nobody lives in
    (
        re.compile(
            r" (?:put|threw|thrown|chucked|lobbed|through) (?:a |some )?(?:bricks?|stones?|rocks?) through (?:the |a )?windows? of (?:the |an? )?(?:estate office|housing office|office|community (?:room|centre|center|hall)|church hall|youth club|shop|school|garage|empty|vacant|boarded up)\b"
        ),
        " damaged the windows of the building",
    ),
    # "threatening to jump her": to attack her, not a leap
    (
        re.compile(r" (to|gonna|going to|will|wanna) jump (him|her|me|them|us|my \w+)\b"),
        r" \1 attack \2",
    ),
    # a near miss told after it ("nearly ran over a kid")
    (
        re.compile(r" (?:nearly|almost) (?:ran|run|knocked) (?:over|down|into)\b"),
        " nearly collided with",
    ),
    # "it's not happening now": over
    (
        re.compile(
            r" (?:it is |its |it s |this is |that is )?not (?:happening|going on) (?:right )?(?:now|at the moment)\b| nothing (?:is )?(?:happening|going on) (?:right )?(?:now|at the moment)\b"
        ),
        " it is over",
    ),
    # a door that no longer locks: "anyone can now get in" (an insecure door, not a break-in)
    (
        re.compile(
            r" (?:(?:and |so |but )?now )?(?:anyone|anybody|any one|people|strangers) (?:can|could) (?:now |just )?(?:get|walk|come|wander) in\b"
        ),
        " the door is insecure",
    ),
    # petrol for machines, not arson ("a petrol generator", "his petrol mower")
    (
        re.compile(
            r" petrol (generators?|mowers?|lawn ?mowers?|strimmers?|engines?|stations?|leaf blowers?|chainsaws?)\b"
        ),
        r" \1",
    ),
    # a danger foretold ("somebody will die" of the speeding cars)
    (
        re.compile(
            r" (?:somebody|someone|some one|a kid|a child|one of the kids|one of us|people) (?:is going to|will|could|gonna|might|is gonna|will end up getting) (?:die|get killed|get hurt|be killed|be hurt|killed|hurt)\b"
        ),
        " it is dangerous",
    ),
    # "someone's kicked the door off": someone has (not "someone is kicked")
    (
        re.compile(
            r" (someone|somebody|some one) is (kicked|smashed|broken|broke|put|thrown|set|ripped|pulled|nicked|taken|dumped|left|sprayed|spray painted|snapped|bent) (the|a|an|all|our|my|his|her|their|some|it|them)\b"
        ),
        r" \1 has \2 \3",
    ),
    # words aimed at someone ("racist graffiti ... it's aimed at us"): no weapon
    (
        re.compile(
            r" (graffiti|it is|comments?|abuse|words|posters?|leaflets?|notes?|messages?|remarks?|jokes?|insults?|slurs?)((?: \w+){0,3}) aimed at\b"
        ),
        r" \1\2 directed at",
    ),
    # cigarette ends, not a slur
    (re.compile(r" fag (ends?|butts?|packets?|ash|boxes)\b"), r" cigarette \1"),
    # fags sold, bought or asked for are cigarettes (session 11: "selling knock off fags", "ask
    # people for fags and money")
    (
        re.compile(
            r" (knock off|knocked off|cheap|smuggled|fake|dodgy|illegal|selling|sells|sell|sold|buy|buying|bought|for|packets? of|packs? of|boxes of|cartons? of|smoking|smoke|cadge|cadging|cadges|bum|bumming|scrounge|scrounging|nicking) fags\b"
        ),
        r" \1 cigarettes",
    ),
    (
        re.compile(rf" ({WITH_FAGS}) and fags\b"),
        r" \1 and cigarettes",
    ),
    (
        re.compile(rf" fags and ({WITH_FAGS})\b"),
        r" cigarettes and \1",
    ),
    # session 11 (split S11): people cutting through a garden over the fence, and people getting
    # into an empty flat (squatting: ASB unless it is said to happen right now)
    (
        re.compile(
            r" (?:climbing|climb|climbs|climbed|jumping|jump|jumps|hopping|hop|hops|getting|get|gets) over (?:my|our|the) (?:\w+ )?(?:fence|wall|gate)s?(?: \w+){0,3} (?:to cut through|to cut across|as a short ?cut|to take a short ?cut|to get to the)\b"
        ),
        " cutting through",
    ),
    (
        re.compile(
            r"(?!.* (?:right now|at the moment|as we speak|this minute)\b) (empty|vacant|boarded up|void|derelict|unoccupied) (flat|house|property|maisonette|bungalow)\b(.*?) (?:climbing|getting|going|breaking|sneaking) in (through|via|by)\b"
        ),
        r" \1 \2\3 entering \4",
    ),
    (
        re.compile(
            r"(?!.* (?:right now|at the moment|as we speak|this minute)\b) (?:getting|breaking|climbing|sneaking) into (the|an|that) (empty|vacant|boarded up|void|derelict|unoccupied) (flat|house|property|maisonette|bungalow)\b"
        ),
        r" using \1 \2 \3",
    ),
    # stones thrown at empty buildings (damage, split S11d)
    (
        re.compile(
            r" (?:throwing|chucking|lobbing|throw|chuck|lob)\w* (?:stones|rocks|bricks|bottles) at (?:the )?(empty|vacant|boarded up|derelict|disused) (flats?|houses?|buildings?|garages?|windows?|shops?|pub)\b"
        ),
        r" damaging the \1 \2",
    ),
    # calm at the moment ("it's quiet at the moment"): no urgency in that moment
    (
        re.compile(
            r" (?:it is|its|all|everything is|it has been|he is|she is|they are) (?:quiet|calm|fine|ok|okay|over|settled|gone quiet) (?:right now|now|at the moment|atm|for now)\b"
        ),
        " it is over",
    ),
    # nobody hurt, whatever the tense ("nobody is hurt now": no urgency in that "now")
    (
        re.compile(r" (?:nobody|no one|noone) (?:is|was|got|has been) (?:hurt|injured)(?: now)?\b"),
        " nobody hurt",
    ),
    # drug litter, not an injury ("blood and needles left behind")
    (
        re.compile(
            r" (?:blood|bloody tissues|blood stains?)(?: and| with| all over the)? (?:needles|syringes|spoons|foil|works)\b| (?:needles|syringes)(?: \w+){0,2} (?:and|with) (?:blood|bloody tissues)\b"
        ),
        " drug litter",
    ),
    # a threat, not a death: "told him he's dead", "says I'm a dead man"
    (
        re.compile(
            r" (told|tells|telling|said|says|saying|shouted|shouting|yelled|screamed) (?:to )?(him|her|me|us|them|my \w+|everyone)(?: that)? (?:he|she|they|i|you|we) (?:is|are|am|was|were) (?:dead|a dead (?:man|woman|boy|girl|lad))\b"
        ),
        r" \1 \2 threats",
    ),
    # the resident says they are not in danger
    (
        re.compile(
            r" (?:i am|im|we are|i m|am|are) not in (?:any |immediate |any immediate )?danger(?: (?:right )?now| at the moment| atm)?\b"
        ),
        " i am safe",
    ),
    # things thrown into the water, not people ("they chuck their cans in the canal")
    (
        re.compile(
            r" (?:chuck|throw|dump|toss|drop|kick|push|tip|roll|fling|lob)\w* (?:\w+ ){0,3}?(?:cans?|bottles?|rubbish|litter|trolleys?|shopping trolleys?|bikes?|scooters?|crisp packets|packets|bags?|stuff|things|tyres?|traffic cones?|cones?|bins?|fireworks?|stones?|rocks?|bricks?) (?:in|into) (?:the|that) (?:water|river|canal|pond|lake|stream|brook|reservoir|dock)\b"
        ),
        " litter the water",
    ),
)


# Gunfire and screams that come from a film, a game or the television are noise, not a shooting.
FICTION = re.compile(
    r" (?:film|films|movie|movies|tv|telly|television|video games?|computer games?|xbox|playstation|ps4|ps5|gaming|call of duty|fortnite|gta|war film|horror film|(?:war|shooting|shooter|online|console|zombie) games?|sound effects)\b"
)
FICTION_SOUNDS = re.compile(
    r" (?:shots? fired|gunshots?|gun shots?|gunfire|explosions?|guns? (?:sounds?|noises?))\b(?: (?:sounds?|noises?|effects?))?"
)


def defuse(norm: str) -> str:
    """The normalised text with everyday figures of speech replaced (see FIGURATIVE)."""
    for pattern, replacement in FIGURATIVE:
        norm = pattern.sub(replacement, norm)
    if FICTION.search(norm):
        norm = FICTION_SOUNDS.sub(" sound effects", norm)
    return norm
