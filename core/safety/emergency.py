"""The deterministic safety layer: which messages must override the normal report.

`check(text)` returns a `SafetyResult` (route, reason, flags) or None. It runs on every resident
message (the NLU component `bot.nlu.SafetyOverride`, and `asb classify`), before and regardless of
the ML classifier, which only backs it up. Routes, most urgent first (DOMAIN section 4):

- `emergency`: harm happening now or about to (violence, a break-in in progress, a weapon, fire,
  someone injured, a threat to life, a child or adult in danger, self-harm);
- `domestic_abuse`: abuse by a partner, ex or family member (not happening right now);
- `hate`: the resident says it is because of race, religion, sexuality, gender identity,
  disability or nationality (their own perception is enough);
- `crime_101`: a crime that is over (burglary, theft, robbery, an assault in the past).

Present versus past: violence verbs count as an emergency in the present progressive ("he is
hitting me", "someones breaking in"), with "just" ("he just stabbed him"), or with an immediacy
word ("now", "outside my door"); with a past marker and no immediacy ("he hit me last year",
"was stabbed in 2019") they are a past crime (101). Messages are normalised first: lower case,
apostrophes dropped, SMS spellings and common typos mapped to words ("some1s breakin in rite
nw" -> "someones breaking in right now").

Broad families (after the lexicon, see "broad families" below): classes of danger rather than
phrases, so that new wordings are caught by mechanism: present narration or urgency ("is ...ing",
"just", "there is", "now", "help", "hurry", "i am alone", "its 3am") with any word of a broad harm
lexicon (violence to a person, weapons, fire/smoke/gas, a body in danger, intruders, threats to
life, sexual violence, a vehicle into people), unless a past or habit marker says it is over;
bodily emergency states, a child or vulnerable adult in danger and self-harm intent in any form,
whatever the tense; a weapon in use, even as a habit ("keeps going for people with a screwdriver").

The lexicon below is the reviewed list: add phrasings here and a test in tests/core/test_safety.py.
"""

# ruff: noqa: E501  (the lexicon is easier to review one pattern a line)
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

EMERGENCY = "emergency"
DOMESTIC_ABUSE = "domestic_abuse"
HATE = "hate"
CRIME_101 = "crime_101"
ROUTES = (EMERGENCY, DOMESTIC_ABUSE, HATE, CRIME_101)
# Safety route -> the intent the conversation rules react to (bot/data/rules.yml).
SAFETY_INTENTS = {
    EMERGENCY: "emergency",
    DOMESTIC_ABUSE: "asb_domestic_abuse",
    HATE: "asb_hate",
    CRIME_101: "crime_not_in_progress",
}
INTENT_ROUTES = {intent: route for route, intent in SAFETY_INTENTS.items()}


@dataclass(frozen=True)
class SafetyResult:
    route: str
    reason: str  # e.g. "violence_now", "weapon", "fire", "self_harm", "partner_abuse"
    flags: frozenset[str] = field(default_factory=frozenset)  # domestic_abuse, hate, safeguarding

    def as_dict(self) -> dict[str, object]:
        return {"route": self.route, "reason": self.reason, "flags": sorted(self.flags)}


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


# -- lexicon ---------------------------------------------------------------------------------


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


BE = r"(?:is|are|am|be|being|keeps|keep|still|now|just|currently)"
PEOPLE = (
    r"(?:he|she|they|someone|somebody|some one|man|woman|men|women|people|guys?|lads?|boys?|"
    r"girls?|kids?|child|children|baby|toddler|youths|gang|group|couple|neighbours?|partner|husband|wife|boyfriend|"
    r"girlfriend|ex|dad|father|son|brother|bloke|person|somebody else|who)"
)

# Violence verbs in the present progressive (after normalisation "hes hitting" -> "he is hitting").
VIOLENCE_ING = (
    r"hitting|punching|kicking|beating|battering|attacking|assaulting|strangling|choking|"
    r"stabbing|slapping|throttling|smacking|hurting|killing|shooting|raping|dragging|"
    r"fighting|brawling|kicking off with (?:a )?(?:knife|weapon)|leathering|glassing|bottling|"
    r"slashing|headbutting|stamping on|laying into|kicking the (?:life|living daylights|shit|crap|hell) out of|"
    r"beating the (?:life|living daylights|shit|crap|hell) out of|knocking (?:the )?(?:life|living daylights|shit|crap|hell) out of"
)
# Slang verbs that are violence only with a person as the object ("belting him", not "belting
# out music"; "thumping her", not "thumping on the ceiling").
PERSON_OBJECT_VIOLENCE = (
    r" (?:thumping|belting|bashing|booting|walloping|hammering|leathering|battering|smacking|lamping|decking) "
    r"(?:me|him|her|them|us|someone|somebody|each other|my (?:son|daughter|mother|dad|father|wife|husband|partner|brother|sister|child|kid|baby|friend|mate)|"
    r"(?:a|the|this|that|some|his|her|their) (?:man|woman|lad|lads|boy|girl|kid|child|person|guy|bloke|old man|old lady|wife|husband|partner|son|daughter|girlfriend|boyfriend)s?)\b"
)
EMERGENCY_NOW = _any(
    # someone is hitting / attacking ... (present progressive, any subject)
    rf" {PEOPLE}(?: \w+){{0,2}} {BE}(?: \w+)? (?:{VIOLENCE_ING})\b(?! (?:over|about) )(?! (?:a |the |their |his |her )?(?:ball|balls|football|footballs|off|about|around|up a fuss|the wall|the walls|the door|doors|walls|the bins?|cans?|stones)\b)",
    rf" (?:{VIOLENCE_ING}) (?:me|her|him|them|us|my|someone|each other) (?:right )?now ",
    # violence against a named person, whatever the subject ("... and are hitting him")
    r" (?:is|are|am|keeps on|still) (?:hitting|punching|kicking|beating|battering|attacking|stabbing|strangling|choking|slapping|assaulting|glassing) (?:him|her|me|us|them|my|our|his|someone|somebody|a|the|people|each other)\b(?! (?:ball|balls|football|car|cars|door|doors|wall|walls|fence|bins?|cans?|bottles?|tyres?|gate|window|stones?)\b)",
    # threatening someone with anything, or to burn the home
    r" threaten(?:ing|s|ed)? (?:me|us|him|her|them|my \w+|people|everyone)(?: \w+){0,2} with (?:a|an|his|her|their|some)\b",
    r" (?:will|going to|gonna|threaten(?:ing|s|ed)? to|about to|trying to|tries to|says? he will|says? she will|says? they will) (?:burn|torch|set fire to|petrol bomb|firebomb|blow up) ",
    # a break-in in progress
    r" (?:breaking|braking|kicking|forcing|smashing|trying to break|trying to get|trying to kick|"
    r"trying to force|trying to smash|banging|climbing) (?:in|into|through|down)\b(?! the past)",
    r" (?:breaking|kicking|forcing|smashing) (?:my|the|our|his|her) (?:door|window|windows|way) (?:in|down|open)",
    r" (?:is|are) (?:in|inside) (?:my|our) (?:home|house|flat|garden) (?:right )?now",
    r" someone is in (?:my|our) (?:home|house|flat)",
    r" (?:smashed|smashing|broke|breaking|kicked|kicking|forced|forcing|got|getting|climbed|climbing) (?:through|into|in) (?:the|my|our|a) (?:\w+ )?(?:door|window|windows|house|flat|home)\b(?:.*)\b(?:is|are) (?:in|inside|upstairs|downstairs) ",
    r" (?:someone|somebody|he|she|they|man|men|people|stranger|intruder|burglar|lad|lads|guy|guys|and) (?:is|are) (?:still )?(?:in|inside) (?:the|my|our) (?:kitchen|bedroom|living room|hallway|house|flat|home|loft|garden)\b(?! every| all)",
    r" (?:someone|somebody|people|men|(?:a )?man|they|intruders?|strangers?|burglars?) (?:is |are )?(?:in|inside) (?:my|our) (?:home|house|flat|garden|bedroom|kitchen|loft|attic|shed|garage|bathroom|hallway|living room|back garden|cellar|basement|room)\b",
    r" (?:trying|tries|try|tried) to (?:force|kick|smash|break|get through|open|climb through) (?:my|the|our|her|his) (?:door|window|windows|lock|way in)",
    r" (?:screaming|shouting|crying|yelling) help\b",
    # passive violence now ("she is being attacked", "somebodys getting stabbed")
    r" (?:is|are|am|getting|being|get) (?:being )?(?:attacked|stabbed|beaten|beat up|battered|assaulted|raped|kidnapped|abducted|strangled|choked|shot|mugged|chased|jumped|glassed|dragged|bundled|leathered|bottled|knifed|slashed|kicked in|set upon|kicked(?! off| out)|punched)\b",
    r" (?:following|chasing|stalking) (?:me|us|her|him|my \w+)\b(?= .*(?:now|scared|help|still|outside))",
    # someone screaming (not children at play) or screaming for their life
    r" (?:woman|girl|lady|someone|somebody|a man|a child|a kid|the kid|the child|little one|person) (?:\w+ )?(?:is |are )?(?:screaming|shrieking|crying out)\b(?! (?:and )?(?:laughing|playing))",
    r" screaming (?:rape|murder|blue murder|for (?:her|his|their|my) li(?:fe|ves))",
    # falls, people dead or needing an ambulance
    r" (?:fell|fallen|falling|jumped|thrown|pushed) (?:off|from|out of|out|down) (?:the|a|his|her|their|my) (?:balcony|window|roof|building|block|bridge|ledge|stairs)",
    r"(?<!washing is)(?<!washing are)(?<!clothes are)(?<!laundry is)(?<! washing) (?:hanging|leaning|climbing|dangling) (?:out of|out|off|over) (?:the|a|his|her|their) (?:window|balcony|ledge|railings?)",
    r" (?:he|she|they|someone|somebody|man|woman|person|neighbour|baby|child|kid|body) (?:is|are|might be|could be|looks|may be|seems) dead\b| dead body| found (?:a )?body",
    r" (?:call|ring|get|need|needs|send|phone) (?:an |the |a )?(?:ambulance|paramedics?|fire brigade|fire service|firemen)",
    r"^ (?:please |someone |somebody )?(?:help|helpp|sos|emergency)(?: me| us)?(?: please| now| quick| urgent)?(?: help)? $",
    # violence as a bare participle or described with "there are" ("3 lads fighting in the car park")
    rf" {PEOPLE} (?:{VIOLENCE_ING})\b(?! (?:over|about) )(?! (?:a |the |their |his |her )?(?:ball|balls|football|footballs|off|about|around|up a fuss|the wall|the walls|the door|doors|walls|the bins?|cans?|stones)\b)",
    rf" (?:will not|wont|would not|does not|doesnt|is not|can not|cant) stop (?:{VIOLENCE_ING}|hitting|shouting at|screaming at|threatening)",
    # restraining someone now ("got hold of my daughter and wont let go")
    r" (?:got|has|have|grabbed|grabbing|taken) (?:a )?(?:hold of|hold on|a grip on|his hands (?:round|around|on)|her hands (?:round|around|on)|me by|her by|him by) (?:me|my|her|him|them|us|the)\b",
    r" (?:will not|wont|would not|refuses to|not letting) (?:let )?(?:go of (?:me|her|him|them|us|my \w+|the (?:child|kid|baby|boy|girl|woman|man))|go(?= \w+ (?:screaming|crying|shouting|help))|me go|her go|him go|them go|us go)\b(?! out| to| and see| shopping| anywhere| places| home| near| with| on| in| of (?:the|my) (?:money|phone|bank))",
    r" (?:holding|pinning|pinned|pinning) (?:me|her|him|them|my \w+) (?:down|against|to the)",
    r" (?:holding|grabbing|grabbed|got|has|dragging) (?:me|her|him|them|my \w+) by the (?:throat|neck|hair)\b",
    r" (?:(?:his|her|their) hands|hands) (?:round|around) (?:my|her|his|their) (?:neck|throat)",
    # hiding or barricaded from someone, someone raging at the door
    r" (?:i am|we are|am|kids are|children are|child is|she is|mother is|my \w+ (?:is|are)) (?:\w+ )?(?:hiding|barricaded|locked in|locked inside|trapped)\b(?! (?:drugs|stuff|things|it|them|weed|bikes|their|his|her)\b)",
    r" hiding (?:from (?:him|her|them|a man|the man|my|those)|under|upstairs|in (?:my|our|the) (?:bathroom|bedroom|toilet|wardrobe|cupboard|loft))\b| (?:barricaded|trapped) (?:in|inside|upstairs)\b| locked (?:myself|ourselves|themselves|herself|himself|me|us|the kids|the children) (?:in|inside)\b",
    r" (?:outside|at|on) (?:my|the|our) (?:front |back )?(?:door|window)\b(?: \w+){0,4} (?:going mad|going crazy|going mental|raging|kicking off|screaming|threatening|with a|smashing|kicking|banging)",
    r" (?:going mad|going crazy|going mental|raging|kicking off)(?: \w+){0,3} (?:outside|at) (?:my|the|our) (?:front |back )?(?:door|window)\b",
    # someone trying to get in
    r" (?:trying|rattling|testing|pulling|yanking|jiggling|forcing|picking) (?:my|the|our|her|his) (?:front |back )?(?:door|doors|door handle|handle|lock|locks|window|windows|letterbox)\b",
    r" (?:trying|tries|try) to (?:get|come|break|climb|force (?:their|his|her|the) way) (?:in|into)\b",
    r" (?:someone|somebody|a man|a stranger|strangers|people|they|he|she) (?:is |are )?(?:climbing|coming) (?:in|up|through|over) (?:my|our|the) (?:window|balcony|fence|wall|door)",
    r" throwing (?:bricks|stones|rocks|things|bottles|fireworks|glass) (?:at|through) (?:me|us|my|our|the|people)",
    r" (?:throwing|chucking|lobbing|hurling) (?:\w+ )?(?:bricks|stones|rocks|bottles|fireworks|glass|petrol bombs?|knives|furniture|paving slabs?|concrete) (?:at|through|off|from|over|into) ",
    # attempted violence ("he tried to strangle me") and weapons drawn
    r" (?:tried|tries|trying|try|attempted|attempting) to (?:strangle|stab|kill|choke|drown|suffocate|smother|hit|attack|shoot|run (?:me|him|her|us|them) over|run over|push (?:me|him|her) (?:off|down|out))\b",
    r" (?:pulled|pulls|pulling|drew|drawn|draws|got out|gets out|took out|takes out) (?:a |an |his |her |their )?(?:knife|knives|gun|weapon|pistol)\b",
    r"(?:^| )fire (?:in|at|on|inside|near|upstairs|downstairs) (?:the|my|our|a|block|flat|number|no|house|building|bins?|kitchen|stairwell|stairs|corridor|hallway|landing|lift|\d)",
    r"^ (?:fire|help fire|fire help)(?: fire| help)* $",
    r" (?:screaming|shouting|crying|calling|begging) for help",
    r" (?:burglar|burglars|intruder|intruders) (?:is|are|in|inside|downstairs|upstairs)",
    # threats to life, said to be happening now or about to
    r" (?:going to|trying to|about to|threatening to|will|would|gonna) (?:kill|stab|shoot|murder|hurt|beat) (?:me|us|her|him|them|my|someone|everyone|his|their)\b",
    r" (?:going to|will|would|gonna|threatening to|about to) slit (?:my|your|his|her|their) throat",
    r" (?:going to|will|gonna|about to|coming to) (?:smash|kick|cave|knock|punch) (?:my|your|his|her|our|their) (?:face|head|teeth) in\b",
    r" (?:banging|hammering|kicking|pounding|knocking) (?:on|at) (?:my|our|the) (?:front |back )?(?:door|window)\b(?: \w+){0,6} (?:going to|will|threatening|kill|smash|stab|hurt|batter|get (?:you|me|us))\b",
    r" (?:fear|scared|afraid|terrified|worried) for (?:my|our|her|his|their) (?:life|lives|safety)",
    # self-harm said indirectly: two or more goodbye cues ("im done. tonights the night. sorry")
    r" (?:i am done|tonight is the night|tonights the night|this is goodbye|goodbye everyone|sorry to everyone|sorry for everything|no way out|cant take (?:it|any more|anymore)|can not take (?:it|any more|anymore)|last message|letters? (?:to|for) my (?:kids|children|family|mum|mother))\b(?: \w+){0,12} (?:i am done|tonight is the night|tonights the night|this is goodbye|goodbye|sorry to everyone|sorry for everything|no way out|last message|letters? (?:to|for) my (?:kids|children|family))\b",
    r" (?:i|we|she|he|they) (?:am|are|is) in danger\b(?! of)",
    r" (?:in|immediate) danger (?:now|right now)",
    # weapons, present
    r" (?:has|have|got|with|holding|waving|carrying|pointing|brandishing|wielding) (?:a |an |his |her |their |some )?(?:knife|knives|guns?|weapons?|axes?|baseball bats?|golf clubs?|crossbows?|swords?|poker|iron bars?|metal bars?|machetes?|crowbars?|hammers?|screwdrivers?|broken bottles?|bottles?(?! of)|bats?\b(?! and ball| (?:in|flying))|sticks?(?= (?:hitting|smashing|threatening))|big sticks?|bricks?|pistols?|shotguns?|rifles?|firearms?|tasers?|pepper spray|acid|ammonia|bleach(?= at| in))\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    r" (?:swinging|brandishing) (?:a |an |his |her |their |some )?\w+",
    r" (?:acid|ammonia) (?:attack|thrown|in (?:his|her|my|their) face)| threw (?:acid|ammonia|bleach)",
    r" (?:he|she|they|someone|man|woman|men) (?:is |are )?(?:armed|tooled up|carrying)\b",
    r" (?:knife|knives|gun|guns|weapon|weapons|axe|crossbow) (?:outside|at my door|in the (?:street|stairwell|hallway|car park))",
    r" (?:been|got|getting|just) (?:stabbed|shot|glassed)",
    r" shots? fired| gunshots?| gun shots?",
    # fire
    r" (?:there is|theres|there a|a) fire\b(?! (?:alarm|drill|scene|place|pit|work|works|fighter|brigade|door|doors|exit|escape|safety|risk|hazard|extinguisher|extinguishers|in the film|on tv))",
    r" on fire\b",
    r" (?:is|are|block|flat|flats|house|building|kitchen|stairwell|car|bins?|door|hallway) (?:is )?(?:burning|alight|in flames)",
    r" (?:set|setting|putting|put|started|starting) (?:fire|a fire|light) (?:to|in|on)? ?(?:my|the|our|their)? ?(?:door|letterbox|flat|house|bins?|car|building|stairs|stairwell)? ?(?:now|right now)",
    r" (?:setting|lighting|starting) (?:a )?fire",
    r" (?:set|setting|put|putting|started|starting|lit|lighting) (?:a )?fire (?:to|in|on|at|through)\b",
    r" (?:smell|smelling|see|seeing|can smell|can see|full of|filling with) (?:of )?(?:smoke|gas)\b",
    r" flames (?:coming|everywhere|from)| smoke (?:is )?(?:coming|pouring|billowing|everywhere)",
    r" gas leak| gas smell| smell of gas| smelt gas| reeks of gas",
    r" (?:pour|pours|poured|pouring|throw|threw|throwing|splashed|splashing|sprayed|spraying|squirted|put|putting|pushing|pushed|stuffing) (?:\w+ ){0,2}(?:petrol|lighter fluid|paraffin|accelerant|fuel|diesel|white spirit|something burning|burning rags?|lit rags?|fireworks?|a lit)\b",
    r" (?:petrol|lighter fluid|paraffin|accelerant|fireworks?|burning rags?) (?:through|in|into|on|over|all over|under|at) (?:my|the|our|her|his|their) (?:letterbox|letter box|door|doorstep|flat|stairs|car|window|house)",
    r" petrol bomb| fire ?bomb| molotov| arson\b(?! last| in)",
    r" (?:fire|flames|smoke|blaze)(?: \w+){0,4} (?:spreading|getting bigger|getting worse|out of control|everywhere|filling|coming)",
    r" (?:set|setting|sets|put|putting|light|lighting|lit) (?:\w+ ){0,3}(?:alight|ablaze|on fire)\b",
    r" (?:alight|ablaze|blaze|in flames|burning down|going up in flames)\b",
    r" (?:full of|filled with|filling (?:up )?with|thick) smoke| smoke (?:alarm|alarms) (?:is |are )?(?:going off|beeping|ringing)\b(?!.* (?:cook|cooking|toast|every time|whenever|always))",
    r" (?:smell|smells|smelling|smelt) (?:of )?(?:burning|smoke|petrol|gas)\b",
    # someone injured / collapsed
    r" (?:is|are|lying|left) (?:badly )?(?:injured|bleeding|unconscious|not breathing|collapsed|hurt bad|hurt badly)",
    r" (?:not breathing|can not breathe|cant breathe|stopped breathing|unconscious|bleeding|blood everywhere|lots of blood|covered in blood)\b",
    r" (?:has|have|just) collapsed",
    r" (?:has|have|just|she|he|they) (?:fallen|fell)(?: over| down)?(?: \w+){0,6} (?:not answering|not moving|cant get up|can not get up|moaning|unresponsive|hurt|injured|can not reach|cant reach|stuck|can not get to)",
    r" (?:unresponsive|passed out|having a fit|having a seizure|seizure|heart attack|not waking up|wont wake up|will not wake up)\b",
    r" (?:he|she|they|him|her|them|man|woman|lad|baby|child|kid|person|someone|somebody|neighbour|dad|mother|son|daughter|husband|wife|partner|friend|mate|boy|girl|lady|driver|rider|cyclist|pedestrian|resident|tenant)s?(?: \w+){0,2} (?:is |are |and |but )?(?:still )?not (?:moving|responding|waking up)\b(?! (?:his|her|their|the|my|it|out|away|on|from|house|flat|home|anywhere|off|them|this|that|a|car|van|in)\b)",
    r" (?:cut|cutting|stabbed|slashed) (?:himself|herself|myself|themselves)",
    r" (?:cut|cutting|slit|slitting|slashed|slashing) (?:my|his|her|their) (?:own )?(?:wrists?|arms?|throat)",
    r" (?:hang|hanging|hanged|drown|drowning|poison|poisoning|poisoned|shoot|shooting|stab|stabbing|starve|starving|gas|gassing|strangle|strangling|set fire to|burn|burning) (?:myself|himself|herself|themselves)\b",
    r" (?:can not|cant|cannot) (?:get up|move|stand up|walk)\b(?! (?:past|for|through|around|down|into|out|in|without|anywhere|along|across|by|near|the|up the|because|due|with|on|to|from|my|our|their|his|her|it|them)\b)",
    r" just (?:been )?(?:pushed|hit|punched|kicked|attacked|stabbed|beaten|beat|assaulted|strangled|choked|slapped|thrown|shot|glassed|mugged|robbed|jumped|battered|knifed|bottled|headbutted|leathered|bitten|set on) ",
    r" (?:he|she|they|someone|somebody|man|woman|lad|boy|girl|person|son|daughter|dad|mother|neighbour)s? (?:is|are|still|now) (?:lying )?on the (?:floor|ground|pavement|path)\b(?! (?:above|below|upstairs|downstairs|of|at)\b)",
    r" (?:sparks|sparking|arcing)\b(?! (?:up|a row|an argument|off|joy)\b)",
    r" (?:threatening|threatens|threatened|going|about|says he is going|says she is going) to (?:throw|drop|push|hurt|kill|smother|shake|drown|hit|stab|starve) (?:the|my|her|his|their|a|our) (?:baby|babies|child|children|kid|kids|son|daughter|little one)\b",
    r" (?:on|onto|at the edge of) (?:the|a) (?:roof|rooftop|ledge|window ledge|edge of the balcony)\b",
    # a child or adult in danger now
    r" (?:child|children|kid|kids|baby|babies|toddler|little one|little boy|little girl|boy|girl)s?(?: \w+){0,5} (?:alone|on (?:their|his|her|its|it is) own|home alone|unattended|by (?:itself|himself|herself|themselves))\b",
    r" (?:child|children|kid|kids|baby|toddler|little one|little boy|little girl)s?(?: (?!play)\w+){0,5} (?:on (?:a|the) window ?sill|on (?:an|the) open window|on the balcony railings?|wandering|(?:in|on|near|by) the (?:main |busy )?road\b(?!.* (?:every|always|play))|on a window ?ledge|on the window ?ledge|locked in (?:a|the) car|in a hot car)\b",
    r" (?:child|children|kid|kids|baby|babies|toddler|little one)s?\b.*\b(?:nobody|no one|no adults?|noone) (?:is )?(?:home|there|in|with|looking)",
    r" (?:child|children|kid|kids|baby|toddler) (?:is |are )?(?:in danger|being (?:hit|hurt|beaten|abused)|screaming for help)",
    r" (?:on|out) (?:the|a) (?:window ?ledge|ledge|balcony edge|roof) (?:about to|going to|threatening to)",
    # self-harm or suicide
    r" (?:kill|killing|hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)",
    r" (?:end|ending|take|taking) (?:my|his|her|their) (?:own )?life",
    r" suicid(?:e|al)| (?:want|wants|going|threatening) to die\b| (?:overdose|overdosed|od d)\b",
    r" (?:threatening|going|about) to jump\b(?! (?:the queue|ship|in (?:the|a|my|his|her) (?:car|van|taxi|shower|bath)|on (?:the|a) (?:bus|train|call|bandwagon|phone)|at the chance|for joy))",
    r" (?:going to|want to|wants to|about to|will|gonna|thinking of|thinking about|talking about) (?:end|ending) (?:it all|it|things|everything|my life|his life|her life|their life)\b",
    # explicit calls for help now
    r" (?:help|helpp) (?:me|us) (?:please|now|he|she|they)\b| please help (?:me|us)? ?(?:now|quick|hes|shes)| send (?:the )?police",
    r" call (?:the )?police (?:now|right now|please)",
    # -- added 2026-11-22 (blind split E): slang violence, self-harm, dogs, fire, threats --
    PERSON_OBJECT_VIOLENCE,
    # self-harm: an overdose taken or ready, not wanting to live (not "live here", "live like this")
    r" (?:taken|took|swallowed|swallowing|take|taking|had|necked|downed) (?:all|a load of|loads of|lots of|too many|a whole|the whole|a bottle of|a box of|a packet of|handfuls? of|all of) (?:my |his |her |their |the )?(?:\w+ ){0,2}(?:tablets|pills|meds|medication|medicine|paracetamol|painkillers|sleeping pills|antidepressants|insulin)\b",
    r" (?:got|have|has|with) (?:the |my |some )?(?:pills|tablets|rope|noose)(?: \w+)? (?:ready|lined up|here)\b| (?:pills|tablets) (?:are )?(?:ready|lined up)\b",
    r" (?:do not|dont|can not|no longer|never) want to (?:be here|live|be alive|exist|wake up|go on)\b(?! (?:here|in|on|at|near|next|with|by|like|opposite|under|above|below|there|anywhere))(?!.* (?:move|moving|transfer|rehoused|swap|exchange|another flat|new flat|another home))",
    r" (?:better off|be better off) (?:dead|without me|if i (?:was not|were not|was never|wasnt) (?:here|around|alive|born)|if i (?:was|were) (?:gone|dead))| no (?:reason|point) (?:to|in) (?:live|living|being alive|going on)| wish (?:i|we) (?:was|were) dead| do something stupid| self ?harm(?:ing|s)?\b",
    r" (?:can not|cant) go on\b(?! (?:holiday|the|a|my|like this|living next|living here))| want (?:it all|everything) to (?:end|stop)| end it all\b| (?:not|wont) (?:be|going to be) (?:here|around|alive) (?:tomorrow|much longer|for long|by (?:the )?morning)",
    r" (?:jump|jumping|throw myself|throwing myself|step) (?:off (?:the|a) (?:roof|bridge|balcony|building)|in front of (?:a|the) (?:train|bus|car|lorry))",
    # a dog attacking a person now
    r" (?:is |are )?(?:mauling|savaging)\b",
    r" dogs?(?: \w+){0,2} (?:got|has|grabbed|bitten|biting|latched onto|locked onto|hanging off)(?: \w+){1,3} by the (?:arm|leg|hand|face|neck|throat|head|ankle)\b",
    r" dogs?(?: \w+){0,3} (?:is |are |has |have |just )?(?:attacking|biting|mauling|savaging|locked on|got hold of|has hold of|gone for|going for)(?: \w+){0,2} (?:a |the |my |her |his |their |this |that |an )?(?:little |small |young |old )?(?:child|kid|boy|girl|baby|toddler|woman|man|lady|person|lad|son|daughter|me|him|her|us|someone|somebody)\b",
    r" (?:got|has|have|grabbed) (?:a )?hold of (?:a|an|the|this|that) (?:little |small |young |old )?(?:child|kid|boy|girl|baby|toddler|woman|man|lady|person|lad)\b",
    # fire: something lit or torched, smoke spreading (tobacco, cannabis and barbecues excluded in check())
    r" (?:lit|torched|torching|set light to|setting light to|set alight|setting alight|lighting) (?:the|a|my|our|their|his|her|some) (?:\w+ ){0,2}(?:bins?|chute|door|doors|car|cars|flat|shed|stairs|stairwell|rubbish|building|block|letterbox|house|mattress|sofa|garage|hallway|landing|van|bike|bin store)\b",
    r" (?:black |thick |grey |white )?smoke (?:on|in|all over|through|up|down|under|out of|from|filling|coming|pouring|everywhere|billowing|pouring)\b(?! (?:their|his|her|the|a) (?:weed|cannabis|cigarettes?|fags?|bbq|barbecue|barbeque|bonfire|chimney|vape|shisha|joints?))",
    r" (?:see|seeing|saw|can see|there are|there is) (?:\w+ )?flames\b| flames (?:coming|everywhere|from|out|in|on|pouring|shooting|through|getting)\b",
    r" ar dan\b| mae tan\b| heddlu\b| ambiwlans\b| helpwch\b",
    # something thrown in, or a door forced, or a threat to come in
    r" (?:brick|bricks|stone|stones|rock|rocks|bottle|bottles|(?<!swaps )(?<!swap )(?<!passes )(?<!pass )(?<!hands )(?<!hand )(?<!posts )(?<!pushes )(?<!passing )(?<!swapping )(?<!handing )something|firework|fireworks|petrol|paving slab) (?:\w+ )?(?:through|thru) (?:my|the|our) (?:window|windows|door|letterbox|letter box)\b",
    r" (?:just|have|has|they have|he has|she has) (?:kicked|smashed|booted|forced|broke|broken|put|pushed) (?:my|our) (?:front |back )?(?:door|window) (?:in|down|open)\b",
    r" (?:will|going to|gonna|coming to|about to) (?:come|get|break|kick (?:the|my|our) door|smash (?:the|my|our) door) in\b| coming (?:back )?(?:for|to get) (?:me|us|him|her|my)\b",
    # weapons anywhere near "with/has/carrying" ("men with balaclavas and machetes"), or being readied
    r" (?:has|have|got|with|holding|waving|carrying|brandishing|wielding)(?: (?!water|toy|toys|nerf|cap|plastic|pretend|fake|foam|butter)\w+){1,3} (?:knife|knives|machetes?|guns?|firearms?|shotguns?|baseball bats?|crowbars?|axes?|hammers?|swords?|pistols?|cleavers?|meat cleavers?|sickles?|machetes?|spears?|knuckle dusters?)\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    r" (?:waving|pointing|swinging|jabbing) (?:a|an|his|her|their|the) (?!(?:hands?|fingers?|fists?|arms?|phones?|cameras?|torch|flag|sign|middle finger|camera phone)\b)(?:\w+ ){0,2}at (?:me|us|people|the kids|kids|children|them|him|her|residents|everyone)\b",
    r" (?:sharpening|getting|fetching|grabbing|picking up|went to get|gone to get) (?:a |an |his |her |their |the |some )?(?:knife|knives|blade|machete|gun|axe|hammer|bat|weapon)\b",
    r" (?:been|got|getting|just) (?:knifed|slashed|bottled)\b",
    # scalding, acid, tying up, a head against the wall, begging to stop
    r" (?:threw|thrown|throwing|poured|pouring|chucked|chucking) (?:\w+ ){0,3}(?:boiling|hot) (?:water|oil|fat|tea|coffee)| (?:scalded|scalding|blistered|blistering)\b",
    r" (?:man|woman|person|someone|somebody|child|kid|he|she|they|lad|girl|boy) (?:is |are |has been |been |who is )?(?:tied|taped) up\b| (?:shaking|convulsing|jerking|seizing) on the (?:floor|ground|bed)\b| convulsing\b",
    r" (?:tied|tying|taped|taping) (?:someone|somebody|him|her|them|me|us|a man|a woman|a person|people|a child|a kid)(?: \w+)? up\b| (?:held|holding|keeping) (?:\w+ )?hostage| kidnapp?(?:ed|ing)\b",
    r" (?:head|face) (?:against|into|off) (?:the|a) (?:wall|walls|floor|door|table|ground|radiator)",
    r" begging (?:him|her|them) to stop| (?:screaming|crying|shouting|pleading) (?:at (?:him|her) )?(?:for (?:him|her|them) )?to stop\b",
    # sexual offences against children happening now
    r" (?:exposing|flashing) (?:himself|herself|themselves)| (?:touching|grooming) (?:the |a |my |our )?(?:kids|children|child|girls|boys)\b",
    # medical: fitting, turned blue, taken something, not moved
    r" (?:she is|he is|they are|is|are|keeps|started|starts) (?:having a )?fitting\b(?! (?:a|an|the|new|his|her|their|my|out|in|up|kitchens?|carpets?|windows?|doors?|locks?)\b)",
    r" (?:lips|face|skin|he|she|they|baby|child) (?:is |are |has |have )?(?:gone|turned|turning|going) (?:blue|grey|purple)\b",
    r" fitting (?:on|in) (?:the|my|our|his|her|their) (?:floor|ground|bed|sofa|chair|kitchen|bathroom|stairs|landing)\b",
    r" (?:has|have|she has|he has|i have|just) (?:taken|had|swallowed) (?:something|too much|too many|loads)\b",
    r" (?:he|she|they|him|her|neighbour|man|woman|lady|person|dad|mother)s?(?: \w+){0,2} (?:has not|have not|not) (?:moved|been out|opened (?:the|his|her) (?:door|curtains))(?: \w+){0,2} (?:for|since|in) (?:days|two days|three days|a week|weeks|ages|yesterday)\b",
    r" (?:i think|think|worried|scared|afraid|i reckon)(?: that)?(?: \w+){0,3} (?:is |s )?dead\b(?! (?:tired|boring|quiet|loud|noisy|serious|against|set|on|end|easy|cheap|good)\b)",
    # an intruder climbing up or in
    r" climbing (?:\w+ ){0,2}(?:onto|into|in|up|over|through) (?:my|our|the) (?:balcony|window|windows|fence|wall|garden|flat|house|back)\b",
    # fire: things smoking or glowing
    r" (?:bins?|chute|bin store|roof|loft|meter cupboard|cupboard|socket|plug|oven|car|van|building|flat|house|kitchen|shed|garage|walls?|ceiling|wiring|mattress) (?:is |are |was )?(?:smoking|smouldering|glowing)\b| orange glow| smouldering| burning smell| smell of burning",
    r" (?:walls?|door|doors|ceiling|floor) (?:\w+ ){0,4}(?:is|are) (?:really |very |red )?hot\b",
    # a baby or child in distress with an adult's aggression
    r" (?:baby|child|kid|toddler|little one|son|daughter)s?(?: \w+){0,6} (?:screaming|crying|sobbing)\b(?=.* (?:shut up|thumping|hitting|slapping|smacking|belting|shaking (?:it|him|her|the baby)))",
    # added after blind split H: found hanging, vehicle into people, child held out or locked
    # out in the cold, a lighter after pouring, forcing a window open, taking a child now
    r" (?:found|find|seen|saw) (?:him|her|them|someone|somebody|a man|a woman|my \w+|the \w+|a \w+)(?: \w+){0,2} hanging\b(?! (?:around|about|out|round|off|on|up|washing|baskets?|from the balcony|over)\b)| (?:he|she|someone|somebody|man|woman|person|body|neighbour) (?:is|was|has been) hanging (?:in|from|by)\b(?! (?:the|their|his|her) (?:window|balcony|washing|bins?)\b)",
    r" (?:ploughed|ploughing|crashed|crashing|smashed|driven|drove|ran|gone|went|mounted the pavement) (?:into|over) (?:people|a (?:child|kid|man|woman|person|crowd|group)|someone|somebody|pedestrians|the crowd|kids|children)\b",
    r" (?:holding|hanging|dangling) (?:me|him|her|them|(?:the|a|my|his|her|their|our) (?:little )?(?:baby|child|kid|son|daughter|boy|girl|little one|toddler|dog|cat|puppy)) (?:out of|over|off) (?:the|a) (?:window|balcony|ledge|railings?|bridge)\b",
    r" (?:locked|left|shut|put) (?:her|his|their|the|my|a|two|three)?(?: \w+)? (?:kids|children|child|baby|toddler|son|daughter|little ones?)s? (?:out|outside|on the balcony|in the car)\b(?=.* (?:cold|freezing|crying|screaming|night|rain|hours|tiny))",
    r" (?:holding|with|flicking|has|got) (?:a |his |her )?(?:lighter|matches|zippo|lit rag)\b(?=.* (?:poured|petrol|fuel|soaked|doused|car|door|letterbox))| (?:poured|pouring|soaked|doused)(?: \w+){0,10} (?:lighter|matches|match)\b",
    r" trying to (?:force|prise|prize|jemmy|lever|break|smash|kick)(?: open| in| down)? (?:my|the|our|her|his) (?:\w+ )?(?:door|window|windows|lock|shed|garage)\b",
    r" trying to (?:take|grab|snatch) (?:the|my|our|her|his|a) (?:baby|child|kid|kids|son|daughter|children|little one|little girl|little boy|girl|boy)\b",
    r" (?:screaming|crying|shouting|saying)(?: that)? (?:she|he|they|i) (?:was|has been|had been|got|have been|is being) (?:raped|attacked|stabbed|sexually assaulted)\b",
    # someone down: lying on the ground, run over, blood
    r" (?:can see|see|saw|seen) (?:him|her|them|someone|somebody|a man|a woman|my \w+)(?: lying)? on the (?:floor|ground)\b(?! (?:above|below|upstairs|downstairs|of)\b)",
    r" (?:he|she|they|him|her|them|someone|somebody|man|woman|lad|boy|girl|person|body|child|kid|neighbour|guy|bloke|lady|people|friend|mate|dad|mother|son|daughter|husband|wife|partner|and|who|that)s?(?: is| are| was| just| still)? lying (?:on|in) (?:the|a) (?:floor|ground|path|pavement|road|street|stairs|grass|car park|stairwell|corridor|hallway|landing|lift|doorway|gutter)\b",
    r" (?:been|got|getting|just been|has been) (?:hit|knocked (?:down|over)|run over) by (?:a|the|his|her|their) (?:car|van|bike|motorbike|bus|lorry|scooter|moped)\b",
    r" blood (?:all over|pouring|gushing|coming|on the floor|on the stairs|on the walls)| (?:lots|loads|pool|pools) of blood",
    r" (?:have|has|just|is|being) been (?:raped|sexually assaulted)\b| (?:being|getting) (?:raped|sexually assaulted)\b",
    r" (?:firing|shooting|aiming|letting off|setting off) fireworks (?:at|into|through) (?:me|us|people|my|our|the|cars|kids|children)\b",
    # someone not seen for days (a welfare check: they may be lying hurt)
    r" (?:not been seen|nobody has seen (?:him|her)|no one has seen (?:him|her)|have not seen (?:him|her)|havent seen (?:him|her))(?: \w+){0,3} (?:for|in) (?:days|a week|over a week|weeks|a few days)\b",
)

# Markers that the harm is over; they downgrade a "weak" emergency match to 101.
PAST = _any(
    r" last (?:year|week|month|night|weekend|time|summer|winter|christmas|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r" (?:in|back in|since|during|last) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b| on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?! night and| every)",
    r" (?:years|months|weeks|days) ago| yesterday| the other (?:day|night|week)| in (?:19|20)\d\d\b",
    r" used to| in the past| (?:was|were) (?:hitting|punching|kicking|beating|attacking|stabbing|fighting|breaking|threatening)",
    r" (?:fire|flames|blaze|it)(?:s| is| are| has been| have been| was| were) (?:out|put out)\b| (?:has|have) (?:been )?(?:stopped|gone)(?! (?:blue|grey|purple|white|pale|quiet|floppy|limp|mad|crazy|mental|up|in|into|for)\b)| (?:has|have) left\b| no longer| not any ?more",
)
NOW = _any(
    r"(?<! away)(?<! moved)(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! out)(?<! fine)(?<! better)(?<! quiet)(?<! down)(?<! calm)(?<! recovered)(?<! okay)(?<! ok)(?<! home)(?<! safe)(?<! anxious)(?<! nervous) (?:right )?now\b| at the moment| currently| as we speak| as i type| this minute| outside (?:my|the|our) (?:door|window|flat|house)",
    r" happening (?:now|right now)| just now| tonight| please help| help me| send (?:the )?police",
    r" since (?:yesterday|last night|this morning)| still (?:there|here|outside|inside|going|happening|out there|out side)",
    r" at present| presently| at this (?:moment|minute|time)| as i speak| as i (?:write|am writing)\b| getting (?:stronger|worse|bigger|louder and louder)\b| (?:i am|we are) (?:alone|on my own|by myself|home alone|on our own)\b| it is (?:\d+|one|two|three|four|five) ?(?:am|in the morning|oclock)\b",
)
# Habits rather than something happening now ("he keeps hitting me" is abuse to report, and
# 999 if in danger, but not by itself an emergency in progress).
HABITUAL = _any(
    r" always | every (?:day|night|week|weekend|time|evening|morning|afternoon|single|other)| all the time| constantly| regularly| often| keeps? ",
    r" every (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    r" most (?:nights|days|evenings|mornings|weekends)| whenever | usually | daily\b| at weekends",
    # added after blind J/K: ongoing for months, day and night, "when I won't give him money"
    r" for (?:months|weeks|years|ages|a long time)\b| (?:all|every) day and night| day and night| when (?:i|we|she|he|they) (?:will not|wont|do not|dont|does not|doesnt|refuse|refuses|say|says|ask|asks|try|tries)\b",
    # conditional threats are about later, not now ("...if i park there again", "next time")
    r" if (?:i|you|we|he|she|they|my \w+)(?: \w+){0,5} (?:again|ever)\b| next time\b| if (?:i|we) (?:ever )?(?:complain|report|call|tell|park|leave|go to the police|speak to|move out)",
)
# Emergency patterns that hold even with a past marker in the message (fire, self-harm, injury).
STRONG = _any(
    r" (?:sharpening|fetching|gone to get|went to get|getting) (?:a |an |his |her |their |the )?(?:knife|knives|machete|gun|axe)\b",
    r"^(?!.* (?:set|sets|setting|put|puts|putting) (?:\w+ ){0,4}on fire).* on fire\b",
    r" (?:there is|theres) (?:a )?fire (?:in|at|on|outside) ",
    r" (?:kill|killing|hurt|hurting|harm|harming) (?:myself|himself|herself|themselves)",
    r" (?:end|ending|take|taking) (?:my|his|her|their) (?:own )?life| suicid",
    r" (?:not breathing|can not breathe|stopped breathing|unconscious)",
    r"(?<! away)(?<! moved)(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! out)(?<! fine)(?<! better)(?<! quiet)(?<! down)(?<! calm)(?<! recovered)(?<! okay)(?<! ok)(?<! home)(?<! safe)(?<! anxious)(?<! nervous) (?:right )?now\b",
)

RELATIONSHIP = (
    r"(?:my|her|his|their|the|neighbours|daughters|sons|sisters|brothers|mothers|mums|friends) (?:adult |grown up |teenage |older |younger |eldest |youngest |new |current )?(?:partner|husband|wife|boyfriend|girlfriend|ex|ex partner|"
    r"ex husband|ex wife|ex boyfriend|ex girlfriend|fiance|fiancee|baby father|babys father|"
    r"baby dad|baby mother|babys mother|son|daughter|dad|father|mother|stepdad|stepfather|"
    r"brother|sister|uncle|family|in laws|carer|spouse|other half|kids dad|childrens father|"
    r"(?:man|woman|person|guy) (?:i|she|he) (?:live|lives|lived|am living|is living) with|father of my (?:kids|children|child|baby)|"
    r"grandson|granddaughter|grandchild|nephew|niece|stepson|stepdaughter|stepmum|stepmother|mother in law|father in law|son in law|daughter in law|grandad|grandma|nan)"
)
ABUSE_VERB = (
    r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch|punches|punched|punching|kick|kicks|kicking|pushing|shoving|slapping|grabbing|"
    r"kicked|slap|slaps|slapped|push|pushes|pushed|shoves|shoved|strangle|strangles|strangled|"
    r"choke|chokes|choked|hurt|hurts|hurting|abuse|abuses|abused|abusing|abusive|threaten|"
    r"threatens|threatened|threatening|controls|controlling|control|rape|raped|rapes|attacked|"
    r"attacks|violent|assaulted|assaults|bruises|bruised|scares me|terrifies me|stalks|stalking|"
    r"keeps turning up|wont leave me alone|will not leave me alone|locks me|locked me|takes my money|"
    r"took my money|wont let me|will not let me|harass|harasses|harassing|harassed|checks my phone|"
    r"reads my messages|tracks me|tracking me|stops me (?:seeing|going|leaving|from)|isolates me|"
    r"scaring (?:me|her|him)|scares (?:me|her|him)|frightens|intimidates|keeps coming round|"
    r"keeps turning up|locked me out|kept my phone|took my phone|follows me|following me|followed me|sends me threats|threats|"
    r"texting me|messaging me|ringing me|calling me (?:\w+ )?(?:times|all day|all night|non stop)|bombards me|waits outside|waiting outside|"
    r"turns up|turning up|smashed my phone|broke my phone|take the kids|took the kids|threw (?:\w+ ){1,2}at me|(?:told|tells|telling) me (?:i am|im) (?:nothing|worthless|useless|stupid|ugly|pathetic)|forces? me|forced me|makes me have sex|made me have sex|throws things|"
    r"kicking off at me|kicks off at me|kicked off at me|puts me down|calls me (?:names|useless|stupid|fat|ugly|worthless)|"
    r"pushes me (?:around|about)|knocking (?:me|her|him) about|knocks (?:me|her|him) about|knocked (?:me|her|him) about|nasty when he drinks|"
    r"driv(?:es|ing) past|drove past|sits outside|sitting outside|leav(?:es|ing) notes|left notes|messag(?:es|ing) my|texting my|turned up at|"
    r"(?:put|puts|putting|posted|posting|shared|sharing|sent|sending) (?:\w+ ){0,2}(?:pictures|photos|videos|images)|"
    r"took my keys|takes my keys|hides my keys|hid my keys|no one would want me|nobody would want me|shouts at me|screams at me|"
    r"takes my (?:pension|benefits|bank card|card|money)|(?:takes|took|taking|keeps|kept|has) (?:all )?(?:my|her|his) (?:money|passport|documents|benefits|pension|bank card|wages)|"
    r"locks (?:me|her|him) (?:in|out)|locked (?:her|him) (?:in|out)|makes (?:me|her|him) (?:sleep|stay|beg|ask)|(?:very )?aggressive (?:towards|to|with) (?:me|her|him)|twist(?:s|ed|ing)? (?:my|her|his) (?:arm|wrist)|"
    r"(?:his|her) hands (?:round|around|on) (?:my|her|his) (?:neck|throat)|"
    r"(?:shout|scream|yell|swear)(?:s|ing|ed)? at (?:me|her|him|my (?:mum|mother|dad|wife|husband|partner))|calls (?:me|her|him) (?:names|useless|stupid|fat|ugly|worthless)|(?:do not|dont|does not|doesnt|wont|will not) let (?:me|her|him) (?:go out|leave|out|see)|"
    r"took my (?:pension|benefits|bank card|card)|wont let me (?:leave|go out|see|out)|will not let me (?:leave|go out|see|out))"
)
DOMESTIC = _any(
    r" domestic (?:abuse|violence|incident|dispute)| coercive| coercion| \bdv\b",
    rf"^ (?:partner|husband|wife|boyfriend|girlfriend|ex|ex partner|other half) (?:\w+ ){{0,5}}{ABUSE_VERB}\b",
    rf" my (?:man|fella|bloke|missus|lad|fiance|fiancee) (?:\w+ ){{0,5}}{ABUSE_VERB}\b",
    r" (?:abusive|violent|controlling) (?:ex|partner|husband|wife|boyfriend|girlfriend|ex partner|ex husband|ex wife|relationship|marriage|dad|father|stepdad|son|brother)\b",
    rf" (?:since|after|when|now) (?:we|i) (?:split up|broke up|separated|divorced|left (?:him|her)|ended it|finished with (?:him|her))\b(?: \w+){{0,12}} {ABUSE_VERB}\b",
    rf" {RELATIONSHIP} (?:\w+ ){{0,5}}{ABUSE_VERB}\b",
    rf"^ (?:my )?{RELATIONSHIP} (?:\w+ ){{0,10}}{ABUSE_VERB}\b",  # the message starts with who does it
    # added after blind J/K: abuse of "her"/"him" by their partner, strangulation and control by
    # an unnamed "he"/"she" when no neighbour or stranger is mentioned
    rf" {RELATIONSHIP} (?:\w+ ){{0,3}}(?:screams|shouts|swears|spits) at (?:her|him)\b| (?:her|his) (?:partner|husband|wife|boyfriend|girlfriend|fella|man|bloke) (?:\w+ ){{0,8}}(?:bruises|black eyes?|kill (?:her|him) if)",
    r"^(?!.* (?:neighbour|next door|upstairs|downstairs|lads?|kids|youths|man at|woman at|from (?:number|no|flat)|stranger|gang))(?=.* (?:he|she) )(?:.* (?:strangled|strangles|strangling|choked|chokes|choking) me\b|.* (?:broke|smashed|takes|took|checks|reads|read|kept|keeps|hides|hid) my (?:phone|keys|bank card|money|messages)\b|.* if i (?:call|ring|tell|phone) (?:anyone|anybody|the police|someone|my \w+)\b)",
    rf" {ABUSE_VERB} (?:by|from) {RELATIONSHIP}\b",
    r" (?:her|his) (?:new |current )?(?:partner|husband|wife|boyfriend|girlfriend|fella|man)\b(?: \w+){0,14} (?:takes|took|taking|keeps|kept) (?:all )?(?:her|his) (?:money|benefits|pension|bank card|card|passport|phone|wages)\b| makes (?:her|him|me) (?:sleep|stay) (?:on the floor|outside|in the)",
    r" my (?:adult |grown up |teenage |older )?(?:son|daughter|grandson|granddaughter|husband|wife|partner|boyfriend|girlfriend|brother|sister|nephew|stepson|ex)\b(?: \w+){0,14} (?:hit|hits|hitting|pushed|pushes|pushing|punched|kicked|slapped|strangled|choked|twisted|shouting at|shouts at|screams at|screaming at|taking|takes|took|(?:very )?aggressive (?:towards|to|with)|violent (?:towards|to|with)) (?:me|my (?:pension|money|benefits|bank card|card|passport|wrist|arm))\b",
    r" (?:screaming|shouting|yelling|swearing) at (?:his|her) (?:wife|girlfriend|partner|husband|boyfriend|missus)\b(?=.* (?:worthless|useless|split lip|black eye|bruis|never see|kill|hurt|scared|afraid))",
    rf" (?:scared|afraid|frightened|terrified) of {RELATIONSHIP}\b",
    r" (?:man|he|bloke|husband|boyfriend|partner) (?:next door|upstairs|downstairs|below|above) (?:\w+ ){0,3}(?:beating|hitting|hurting|abusing|attacking|strangling) (?:his|her) (?:wife|girlfriend|partner|missus)",
    r" (?:beating|hitting|hurting|abusing|strangling) (?:his|her) (?:wife|girlfriend|partner|husband|boyfriend|missus|kids|children)",
    r" (?:he|she) (?:beats|hits|punches|kicks|hurts|strangles|chokes|slaps|abuses|batters) (?:her|him)\b",
)

# "my son was assaulted by an older boy": the relative is the victim of someone outside the family.
VICTIM_OF_OTHER = re.compile(
    rf" {RELATIONSHIP} (?:was|were|has been|have been|got|is being|was being|is) (?:\w+ )?"
    r"(?:assaulted|attacked|beaten|beat up|hit|punched|mugged|robbed|threatened|harassed|abused|bullied|stabbed|kicked|bitten) "
    r"(?:by|at|outside|on|in) (?!(?:his|her|my|their) (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mother|stepdad|brother|sister|son|daughter))"
)

# Things pushed or posted through a door are not a push of a person.
NOT_ABUSE = re.compile(
    r" (?:pushed|pushing|pushes|shoved|shoving|put|posted|posting) (?:\w+ )?(?:through|under|in) (?:the|our|my|his|her|their) (?:door|letterbox|letter box)\b"
)

PROTECTED = (
    r"(?:black|white|asian|brown|muslim|jewish|jew|sikh|hindu|christian|catholic|gay|lesbian|bi|"
    r"bisexual|trans|transgender|queer|disabled|deaf|blind|autistic|foreign|polish|romanian|"
    r"immigrant|an immigrant|a refugee|refugee|gypsy|traveller|irish|african|somali|pakistani|"
    r"indian|chinese|arab|kurdish|eastern european|in a wheelchair|mixed race|a woman wearing)"
)
HATE_RE = _any(
    r" hate (?:crime|incident|crimes|incidents|speech)",
    r" racis[mt]| racial(?:ly)?| homophob| transphob| biphob| islamophob| antisemit| anti semit| xenophob",
    r" disablist| ableist| bigot| nazi| swastika| white power| kkk",
    rf" (?:because|cos|coz|cause|as|since) (?:i am|we are|he is|she is|they are|my \w+ is|my \w+ are|im|were) {PROTECTED}\b",
    rf" (?:for being|for being a|for being an) {PROTECTED}",
    r" (?:because|cos|coz|cause) of (?:my|our|his|her|their) (?:race|religion|faith|colour|color|skin|"
    r"ethnicity|nationality|accent|sexuality|disability|disabilities|wheelchair|headscarf|hijab|"
    r"turban|gender|culture|country|background|beliefs)",
    r" (?:go|get|fuck off|f off|piss off) back (?:to|home to) (?:your|ur|where) ",
    r" back to (?:your|ur|my|our|his|her|their) (?:own )?(?:country|countries)\b",
    r" anti (?:muslim|islam|islamic|jewish|jew|black|gay|lgbt|lgbtq|trans|immigrant|immigration|polish|asian|semitic|catholic|sikh|hindu|foreigner|foreign)",
    rf" (?:harass|abus|attack|bull|target|pick|insult|threaten|shout|spit|mock|taunt|tormen)\w* (?:at |on )?(?:my|our|his|her|their|the|a|an) (?:\w+ )?{PROTECTED} (?:son|daughter|child|kid|kids|neighbour|neighbours|friend|wife|husband|partner|family|man|woman|lady|people|couple|boy|girl|brother|sister|mum|dad|mother|father|lad|teenager)",
    r" (?:because|cos|coz|cause|as|since) (?:i|we|he|she|they|my \w+) (?:has|have|is|are|am) (?:got )?(?:a |an )?(?:down syndrome|downs syndrome|downs|autism|autistic|disabled|a disability|disabilit|learning disabilit|cerebral palsy|mental health|wheelchair|epilepsy|dementia|stammer|special needs)",
    r" (?:because|cos|coz|cause|as|since) (?:i am|we are|he is|she is|they are|my \w+ is|my \w+ are|im) from (?!the |this |that |number |flat |next |upstairs|downstairs|another block|the council)\w+",
    r" (?:mock|mocks|mocking|mocked|laughs at|laughing at|laughed at|abuse|abusing) (?:me |us |my \w+ )?(?:for|about|because of) (?:my|our|his|her) (?:disability|wheelchair|religion|race|colour|skin|accent|sexuality|headscarf|hijab)",
    r" (?:call|calls|calling|called|shout|shouts|shouting|shouted|yell|yells|yelling|yelled|scream|screams|screaming) (?:\w+ ){0,2}(?:terrorists?|suicide bomber|bombers?|isis|taliban|paedo (?:gay|queer)|illegals?)\b",
    r" (?:mimic|mimics|mimicking|mimicked|mock|mocks|mocking|mocked|copy|copies|copying|laugh at|laughs at|laughing at|laughed at|take the mick out of|takes the mick out of|taking the mick out of|make fun of|makes fun of|making fun of) (?:\w+ ){0,2}(?:disability|disabilities|wheelchair|stammer|accent|hijab|turban|headscarf|religion|skin|colour|hearing aids?|walking stick|crutches|autism|sign language|prosthetic|the way (?:he|she|i|they) (?:walks|talks|speaks))\b",
    r" (?:paki|n word|p word|the n word|slurs?|racial slurs?|retard|retarded|spastic|spaz|spacker|mong|cripple|tranny|faggot|fag|dyke|gyppo|pikey|chinky|coon|wog|kike|raghead|towelhead)s?\b",
    r" (?:gays?|blacks?|muslims?|pakis?|foreigners?|immigrants?|jews?|poles?|asians?|refugees?|trannies|queers?) out\b",
    r" monkey (?:noises|noise|chants|sounds)| bananas? at (?:me|us|him|her)| (?:ape|monkey) noises",
    r" (?:because|cos|coz|cause) (?:i|we|she|he|they|my \w+) (?:wear|wears|am wearing|is wearing) (?:a |an )?(?:hijab|headscarf|head scarf|turban|niqab|burka|burqa|kippah|yarmulke|skull cap)",
    r" call(?:s|ing|ed)? (?:me|us|him|her|my \w+) (?:a |an )?(?:terrorist|terrorists|paki|monkey|immigrant scum)",
    r" call(?:s|ing|ed)? (?:me|us|him|her|them|my \w+) (?:a |an )?(?:\w+ )?(?:immigrants?|foreigners?|terrorists?|refugees?|gypsy|gypsies|pikeys?|jews?|lesbians?|dykes?|queers?|poofs?|spastics?|retards?|cripples?|trannys?|trannies|nazis?)\b",
    r" dirty (?:immigrants?|foreigners?|jews?|muslims?|gypsy|gypsies|pakis?|refugees?|poles?|arabs?|blacks?)\b",
    r" (?:muslims|blacks|jews|gays|immigrants|foreigners|refugees|travellers|gypsies|asians|poles|lgbt|trans people|gay people|black people|disabled people) (?:are |is )?(?:not|never) (?:welcome|wanted|allowed)\b",
    r" (?:makes?|making|made) fun of (?:my|our|his|her|their) (?:disability|wheelchair|religion|race|colour|skin|accent|sexuality|headscarf|hijab|stammer|autism|learning disability)",
    r" (?:targeted|target|targeting|picking on|picked on|abused|harassed|attacked|bullied) (?:me |us |my \w+ )?(?:because|cos|for being)",
    # added 2026-11-22: a group not wanted, hate symbols, disability mocked
    r" (?:no|not want|dont want|do not want|does not want|doesnt want|hate|hates|get rid of|keep out|kick out) (?:any |the |all |more )?(?:blacks|gypsies|gipsies|travellers|muslims|immigrants|foreigners|gays|poles|asians|jews|pakis|refugees|asylum seekers|trannies|queers|darkies|coloureds|eastern europeans)\b",
    r" (?:sprayed|spray painted|painted|wrote|written|scratched|shouted|shouting|shouts|yelled|yelling|notes? saying|left a note saying) (?:\w+ ){0,2}(?:go home|go back home|foreigners out|leave our country|not your country)\b",
    r" (?:gay people|black people|muslims|jews|immigrants|foreigners|refugees|gays|lesbians|trans people|travellers|gypsies|asians|pakis) (?:are )?(?:evil|scum|vermin|disgusting|animals|sick|perverts|dirty|rats|filth|paedos|not human|diseased|a disease|unnatural|going to hell|an abomination|invaders|parasites)\b",
    # round 4: who they are said about them ("about me being trans"), deadnaming, religious dress
    # touched in any word order, "<group> out of <country>", "illegals", "foreign stink"
    rf" (?:about|for|because of|over) (?:me|him|her|us|them|my \w+) being (?:a |an )?{PROTECTED}\b| deadnam\w*| (?:using|uses|use|used|calling me by|calls me by|call me by) my (?:old|birth|dead|former) name",
    r" (?:hijab|headscarf|head scarf|turban|niqab|burka|burqa|kippah|yarmulke|skull cap|veil)s?\b(?: \w+){0,4} (?:pull|pulls|pulled|pulling|rip|rips|ripped|ripping|grab|grabs|grabbed|grabbing|tug|tugs|tugged|tugging|yank|yanks|yanked|snatch|snatched|spit|spat|laugh|laughs|laughing|mock|mocks|mocking)\b",
    r" (?:islam|muslims?|blacks?|immigrants?|foreigners?|jews?|gays?|refugees?|poles?|asians?|pakis?|migrants?) out of (?:britain|england|the uk|uk|our country|this country|scotland|wales|here|our estate|our street)\b| islam out\b",
    r" illegals\b| (?:foreign|immigrant|muslim|paki|jewish|black|polish|gypsy|asian|african) (?:stink|smell|scum|filth|rats?|vermin|invaders?)\b",
    r" star of david| (?:drew|drawn|sprayed|painted|scratched|wrote|written|carved) (?:\w+ ){0,4}(?:swastikas?|nooses?|kkk|nazi|sieg heil|white power|88)\b",
    rf" (?:laugh|laughed|laughing|laughs|hit|hits|threw|throw|throwing|call|called|calling|film|filmed|filming|mimic|copy|copying|chase|chased) (?:\w+ )?(?:at |on )?(?:my|our|his|her|their|the|a|an) (?:\w+ )?{PROTECTED} (?:son|daughter|child|kid|kids|neighbour|friend|wife|husband|partner|man|woman|lady|boy|girl|brother|sister|mum|dad|mother|father|lad)",
    r" because (?:he|she|i|they|we|my \w+) (?:can not|cant|cannot) (?:hear|see|walk|speak|talk properly|read)\b",
    # added 2026-11-22: religious dress pulled, pork left, "people like me", "go back to <place>"
    r" (?:pull|pulls|pulled|pulling|rip|rips|ripped|ripping|grab|grabs|grabbed|grabbing|tore|tug|tugs|tugged|tugging|yank|yanks|yanked|snatch|snatches|snatched) (?:at |off )?(?:my|her|his|our) (?:hijab|headscarf|head scarf|turban|niqab|burka|burqa|kippah|yarmulke|skull cap|veil)",
    r" (?:bacon|pork|pigs? heads?|pigs? head) (?:\w+ ){0,4}(?:door|letterbox|letter box|doorstep|car|window|handle|mosque|step)",
    rf" {PROTECTED} (?:people|folk|families|person) like (?:me|us|my \w+)| {PROTECTED} (?:people|folk|families) (?:should not|shouldnt|are not|arent|do not|dont) (?:be )?(?:allowed|welcome|belong|wanted)",
    r" (?:go|get|fuck off|f off|piss off|sod off|clear off) back (?:to|home to) (?!bed|sleep|work|school|the |my |his |her |their |our |them|him|normal|it |what|how|where i|where we|later|again|you|in |inside|home|your (?:flat|house|room|home))[a-z]+",
)
# Saying who they are (race, religion, sexuality...) next to something done to them: the
# resident's own perception is enough (DOMAIN section 4). Disability alone is not enough here
# ("I am disabled and the lift is broken" is common): the patterns above handle it.
IDENTITY = re.compile(
    r" (?:the )?only (?:black|asian|muslim|jewish|gay|polish|foreign|mixed race|sikh|hindu|chinese|african|eastern european|trans|lesbian) (?:family|families|person|people|woman|man|couple|household|tenant|resident)s?\b|"
    r" (?:goes|go|going|went|way) to (?:the )?(?:mosque|synagogue|gurdwara|temple|mandir)\b|"
    r" were (?:a |an )?(?:muslim|muslims|jewish|jews|sikhs?|hindus?|gay|lesbians?|trans|polish|romanian|immigrants|refugees|foreign|foreigners|travellers|a gay couple|a lesbian couple)\b|"
    r" (?:we are|i am|my (?:\w+ )?(?:is|are)|as) (?:a |an )?(?:black|asian|muslim|muslims|jewish|jew|sikh|hindu|gay|lesbian|bisexual|trans|transgender|queer|mixed race|polish|romanian|immigrants?|refugees?|foreign|foreigners|gypsy|traveller|travellers|african|somali|pakistani|indian|chinese|arab|kurdish|eastern european|a gay couple|a lesbian couple)\b"
)
# Disability, deafness, learning disabilities, transitioning: with something done to the person
# ("I'm deaf and the kids laugh at my voice"), not with a repair ("I'm disabled and the lift...").
IDENTITY_PERSONAL = re.compile(
    r" (?:started|since i|since (?:he|she|they)|after i) (?:transitioning|transitioned|came out|come out|coming out)\b|"
    r" (?:i am|we are|my \w+ (?:is|are)|who is|who are|he is|she is) (?:deaf|blind|autistic|disabled|in a wheelchair|a wheelchair user|trans|transgender|non binary|partially sighted|partially deaf|visually impaired|hearing impaired|hard of hearing|registered blind|registered disabled)\b| (?:i|he|she|we|they) (?:use|uses) (?:a )?(?:white cane|wheelchair|walking frame|hearing aids?|guide dog|mobility scooter)\b|"
    r" (?:has|have|with|who has|who have) (?:learning disabilit\w*|learning difficult\w*|autism|downs syndrome|down syndrome|dementia|a disability|cerebral palsy|a stammer)\b"
)
PERSONAL_ACT = re.compile(
    r" (?:laugh|mock|mimic|copy|copies|copying|names|call|calls|calling|called|spit|spat|abuse|abusing|target|taunt|bully|bullies|bullying|trick|tricks|tricking|pick on|picks on|picking on|stare|throw|throws|threw|notes?|sign language)\w*"
)
GROUP_DANGER = re.compile(
    rf" {PROTECTED} (?:woman|man|person|people|family|lady|bloke|couple|neighbours?|tenants?|lad|girl|boy|residents?|folk)s?(?: \w+){{0,4}} (?:is|are) (?:a |an )?(?:danger|threat|evil|scum|paedos?|perverts?|nonces?|groomers?|vermin|disgusting|disgrace|menace|freaks?|abominations?|sick)\b"
)
TARGETED_ACT = re.compile(
    r" (?:spray|sprayed|painted|wrote|written|left|leave|leaves|leaving|put|puts|putting|shout|shouts|shouting|call|calls|calling|called|abuse|spat|spit|spits|throw|threw|throws|egg|eggs|graffiti|target|laugh|laughs|laughing|mock|mocks|notes?|dumped|dumping|damage|damaged|scratched|smashed|threaten|threatened|harass|harassed|attack|attacked|names|comments|insult)\w*"
)
CENSORED_SLUR = re.compile(
    r"\b[npdr]\*{2,}\w*|\bp\*+k?i\b|\bf\*+g(?:s|got)?\b|\bf\*+t\b|\bf\*+ot\b|\b\w\*+\w* (?:out|go home)\b",
    re.IGNORECASE,
)

CRIME_PAST = _any(
    r" (?:broke|broken|got|been|was|were) (?:in|into) (?:my|our|the|his|her) (?:home|house|flat|car|van|shed|garage|storage|bike store|property)",
    r" (?:someone|somebody|they|people|burglars|thieves) (?:broke|has broken|have broken) in",
    r" (?:has|have|just|had) broken in\b| broke in\b",
    r" (?:burgled|burglary|been burgled|break in|breakin|broken into)\b",
    r" (?:stole|stolen|steal|steals|stealing|nicked|pinched|robbed|mugged|theft|thief|thieves|shoplifting|pickpocket|snatched|snatch|swiped)",
    r" (?:was|were|been|got|has been|have been) (?:taken(?! over| to hospital| into care| (?:very |really |seriously |suddenly |quite )?(?:ill|poorly|unwell|sick|bad))|nicked|pinched|robbed|stolen)",
    r" (?:took|taken|take|taking) (?:my|our) (?:\w+ )?(?:bike|bikes|car|van|parcel|parcels|purse|wallet|phone|bag|scooter|tools|money|cards?)\b",
    r" (?:slashed|punctured|let down) (?:my|our) (?:tyres|tires)",
    r" keyed (?:my|our) car| (?:car|van|tyres|tires)s? (?:was|were|been|got|have been|has been) (?:keyed|scratched|vandalised|slashed|punctured|let down)\b",
    r" catalytic converter| (?:took|taken|removed|ripped|sawed|cut) (?:\w+ ){0,3}(?:off|from|out of) (?:my|our) (?:car|van|bike|shed|garden|flat|house|door|balcony)",
    r" (?:grabbed|took|snatched|stole) (?:my|her|his|our) (?:bag|handbag|phone|purse|wallet|keys|bike|chain|necklace)",
    r"(?<!threatened to)(?<!threatening to)(?<!going to)(?<! will)(?<! wants to)(?<! would) (?:assaulted|attacked|punched|stabbed|glassed|beaten up|beat me up|hit me|mugged me)\b",
    r" (?:fraud|scammed|scam)\b| siphon(?:ed|ing|s)? (?:\w+ ){0,3}(?:fuel|petrol|diesel|gas|oil)\b",
    r" (?:had been|has been|have been|was|were|been) (?:forced|kicked in|smashed in|broken open)\b",
    r" (?:i was|we were|he was|she was|they were|son was|daughter was|i got|he got|she got|been) (?:\w+ )?(?:headbutted|kicked|slapped|hit|punched|assaulted|attacked|bitten|spat on|pushed over|knocked over|knocked out|jumped|battered|beaten|glassed|stabbed)\b",
    r" (?:took|taken|stole|withdrew|withdrawn) (?:money|cash|savings|\d+ pounds) (?:out of|from|off) (?:my|our|her|his) (?:account|bank|purse|wallet|card)| bogus (?:caller|official|workman|gas man)| distraction burglary",
    r" (?:telly|tv|laptop|jewellery|money|stuff|things|bike|car|purse|wallet|phone|parcel|tools|motorbike|motorcycle|moped|scooter|van|bicycle|handbag|bag|delivery|package|trailer|caravan)s? (?:is |was |were |had |has |have )?(?:been )?(?:gone|missing|taken|disappeared|vanished)\b",
    r" (?:smashed|broke|broken|cracked|damaged|kicked in|put through|kicked) (?:my|our) (?:(?:car|van) (?:window|windows|windscreen|wing mirrors?|mirrors?|headlights?|lights?)|windscreen|wing mirrors?)\b| (?:smashed|broke|broken|cracked|damaged) (?:my|our) (?:window|windows)\b(?=.* (?:car|van|parked))",
    r" (?:took|taken|take|taking|stole|nicked|pinched|swiped) (?:my|our) (?:\w+ )?(?:delivery|deliveries|package|packages|post|shopping|amazon)\b",
)
# The past matter is settled and the message is about something else ("my ex hit me 5 years ago,
# that's all sorted and I've moved, but the dog upstairs howls all night").
RESOLVED = re.compile(
    r" (?:that is|thats|that has been|it is|its|all|been) (?:all )?(?:sorted|dealt with|over with|behind (?:me|us))\b| (?:has|have|it has|that has|that is|all) (?:all )?calmed down\b| (?:he|she|they) (?:is|are|has been|have been) (?:no trouble|no bother)\b| (?:he|she|they) (?:is|are|has|have) (?:fully |since )?recovered\b| (?:i|we) have (?:since )?moved\b| (?:i|we) moved (?:since|away|house|out)\b"
)
# Damage to a resident's things that keeps happening is vandalism to report as ASB, not a one-off
# crime for 101 ("they keyed my car again, third time this month").
DAMAGE_ONLY = re.compile(
    r" keyed | (?:slashed|punctured|let down) (?:my|our) (?:tyres|tires)| scratched (?:my|our) car| (?:smashed|broke|broken|cracked|damaged|kicked in|kicked) (?:my|our) (?:car |van )?(?:window|windows|windscreen|wing mirrors?|mirrors?|headlights?|lights?)"
)
REPEATED = re.compile(
    r" again\b| keeps? | every | (?:second|third|fourth|fifth|2nd|3rd|4th|5th) time| times (?:this|a|now)\b| all the time| constantly| regularly"
)

# Everyday figures of speech that use emergency words: rewritten before the lexicon is applied
# ("the noise is killing me", "their bleeding music", "in danger of losing my tenancy").
FIGURATIVE = (
    (
        re.compile(
            r" (noise|music|racket|bass|barking|drilling|banging|hammering|smell|stink|it|this|that|thing|waiting|stress|back|head|neck|knees|legs|feet|stairs|heat|cold|sound|telly|tv|party|parties|dog|dogs|kids|lack of sleep|not sleeping|worry)(?: \w+)? (?:is |are |was |it is |has been )?(?:literally |honestly |actually |just |slowly |really )?(?:killing|murdering) (me|us)\b"
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
            r" (?:wedg|propp|jamm|hold|held|keep|kept|leav|left)\w*(?: \w+){0,4} open with (?:a |an |some |the )?(?:bricks?|stones?|rocks?|chairs?|bins?|bottles?|sticks?|fire extinguishers?)\b"
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
    (
        re.compile(
            r" (?:sounds?|sounded|sounding|is|it is) like (?:a )?(?:bomb|bombs|gunshot|gunshots|explosion|explosions)(?: (?:going|went|gone) off)?\b"
        ),
        " is a very loud bang",
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
)
# Smoke from these is a nuisance, not a fire.
SMOKE_NUISANCE = re.compile(
    r" (?:weed|cannabis|skunk|spliff|joints?|cigarettes?|cigs|fags?|vape|vaping|shisha|bbq|barbecue|barbeque|bonfire|chimney|log burner|incense|cooking)\b"
)


# Gunfire and screams that come from a film, a game or the television are noise, not a shooting.
FICTION = re.compile(
    r" (?:film|films|movie|movies|tv|telly|television|video games?|computer games?|xbox|playstation|ps4|ps5|gaming|call of duty|fortnite|gta|war film|horror film)\b"
)
FICTION_SOUNDS = re.compile(r" (?:shots? fired|gunshots?|gun shots?|gunfire|explosions?)\b")


def defuse(norm: str) -> str:
    """The normalised text with everyday figures of speech replaced (see FIGURATIVE)."""
    for pattern, replacement in FIGURATIVE:
        norm = pattern.sub(replacement, norm)
    if FICTION.search(norm):
        norm = FICTION_SOUNDS.sub(" sound effects", norm)
    return norm


# Words that show a crime is still going on (with a CRIME_PAST match => emergency instead).
IN_PROGRESS = _any(
    r" (?:and )?(?:is|are) (?:still )?(?:upstairs|downstairs|inside|in here|in there)\b",
    r" (?:are|is) (?:still )?(?:inside|in there|in the house|in my|in our)",
    r" (?:breaking|stealing|robbing|taking) (?:in|into|my|our|the|it|stuff|things)\b.*\b(?:now|right now)",
)


# -- broad families (2026-11-22, after blind splits D-I): classes of danger, not phrases ----------
# Every blind split found emergencies that no single phrase above covered. These families combine
# word classes instead: an urgency cue with any harm word; a bodily emergency state; a child or
# vulnerable adult with a danger; self-harm intent in any form; a weapon near a person. They run
# only when no pattern above matched, and (except bodily states, children and self-harm, which
# hold whatever the tense) they are set aside by past or habit markers without a "now" cue.

# Urgency: something is happening now or help is needed now.
URGENCY = _any(
    r"(?<! away)(?<! moved)(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! out)(?<! fine)(?<! better)(?<! quiet)(?<! down)(?<! calm)(?<! recovered)(?<! okay)(?<! ok)(?<! home)(?<! safe)(?<! anxious)(?<! nervous) (?:right )?now\b",
    r" atm\b| at the moment| at present| as we speak| as i (?:type|write|speak)| this (?:minute|second)| happening\b| going on (?:now|outside|next door|upstairs|downstairs|in)\b",
    r" hurry| quick\b| quickly| asap\b| urgent| emergency| come (?:quick|fast|now|asap|straight away)| straight away",
    r" send (?:someone|somebody|help|police|the police|an ambulance|the ambulance|officers|anyone)\b| (?:call|ring|get|phone) (?:the )?(?:police|ambulance|999|an ambulance)\b| 999\b",
    r" please help| help (?:me|us|her|him|them|please)\b|^ (?:help|sos|omg)\b| (?:help|sos) $| omg\b| oh my god",
    r"(?: i| we|^) can (?:hear|see) (?:it|them|him|her|this|someone|somebody|a man|a woman|people|the)\b| (?:hearing|listening to) (?:him|her|them|someone|somebody|a man|a woman)\b",
    r" still (?:there|here|going|happening|outside|inside|doing it|at it|in)\b",
    r" (?:i am|we are|im) (?:scared|terrified|frightened|petrified|shaking|hiding|alone|on my own)\b",
    r" just (?:now|seen|saw|heard|happened|found)\b",
)
# Present-tense narration: "is/are ...ing", "has just", "there is", "someone is", a clock time
# at night ("its 3am"). With a harm word and no past or habit marker it is happening now.
PRESENT = _any(
    URGENCY.pattern,
    r" (?:is|are|am|keeps|keep|still) (?:\w+ )?(?:\w+ing)\b",
    r" just\b| (?:there is|there are|theres) ",
    r" (?:1|2|3|4|5|one|two|three|four|five) ?am\b| middle of the night",
    # formal or elderly phrasing: "I fear he intends to harm her", "I believe he means to kill her"
    r" (?:fear|afraid|frightened|scared|terrified|worried|concerned|believe|think|sure)(?: that)? (?:he|she|they|someone|somebody|my \w+|the \w+|her \w+|his \w+) (?:\w+ )?(?:intends?|means?|is going|are going|will|may|might|could|is about|are about|plans?|wants?|is trying|is threatening|has)\b| (?:intends?|intending|means|meaning) to\b| (?:i|we) (?:fear|am afraid|are afraid|am frightened) for (?:her|his|their|my|our|the) ",
    r" (?:has|have|is|are) (?:just )?(?:got|gone|taken|dragged|bundled|snatched|driven off|grabbed|poured|lit|set|put|thrown|tied|locked|climbed|broken|smashed|pulled|fallen|collapsed|swallowed|cut)\b| \w+s got\b| (?:i am|we are) (?:alone|on my own|on our own|home alone)\b",
)
# Markers that a message is about the past, beyond PAST ("over the weekend", "overnight").
BROAD_PAST = _any(
    r" overnight| over the weekend| in the night| when (?:we|i|she|he|they) (?:was|were)\b| while (?:we|i|she|he|they) (?:was|were)\b",
    r" the police came| police (?:came|have been|were called)| already (?:reported|called|told)| crime (?:number|reference)| back in\b| ago\b| earlier (?:today|this week|this year)",
)
# The resident says they are safe now: "now" is then no urgency ("I got away and I'm staying at
# my sister's now", "he's at work now").
SAFE = _any(
    r" got away\b| (?:i am|we are|im|i have|we have) (?:safe|staying (?:at|with)|away from|moved out|left him|left her)\b| staying (?:at|with) (?:my|a|friends)\b",
    r" (?:he|she|they) (?:is|are|has|have) (?:gone|left|away|at work|in prison|been arrested|in custody)\b| (?:police|they) (?:took|have taken|arrested) (?:him|her|them)\b",
)
# Urgency that outweighs a past or habit marker in the same message.
URGENCY_STRONG = re.compile(
    r"(?<! away)(?<! moved)(?<! gone)(?<! left)(?<! over)(?<! sorted)(?<! stopped)(?<! out)(?<! and)(?<! but)(?<! so)(?<! down)(?<! calm)(?<! recovered)(?<! okay)(?<! ok)(?<! home)(?<! safe)(?<! fine)(?<! better)(?<! quiet)(?<! anxious)(?<! nervous) now\b| right now\b| atm\b| at the moment| as we speak| happening (?:now|right now)| still (?:there|here|going|happening|outside|inside|at it)\b| hurry| come quick| as i (?:write|am writing|speak|type)\b| (?:smell|smoke|fire|flames|it) (?:\w+ )?getting (?:stronger|worse|bigger)\b| (?:i am|we are) (?:alone|on my own|home alone)\b| it is (?:\d+|one|two|three|four|five) ?am\b"
)
# (body parts, things and sounds are not people: "it is hurting my ears", "kicking their bins")
NOT_PERSON = r"(?!(?:ears|head|eyes|back|neck|nerves|sleep|brain|health|feelings|car|cars|van|door|doors|window|windows|wall|walls|fence|bins?|ball|football|things|stuff|music|bass|tv|telly|floor|ceiling|drums|rubbish|cans?|bottles?|tyres|bike|gate|plants?|garden)\b)"
PERSON_OBJ = rf"(?:me|him|her|them|us|someone|somebody|each other|people|a (?:man|woman|lad|boy|girl|kid|child|guy|person|lady)|the (?:man|woman|lad|boy|girl|kid|child|guy|lady|baby)|(?:my|his|her|their|\w+s) {NOT_PERSON}\w+)"
# Harm words (the danger itself); they need PRESENT and no past or habit marker.
HARM = _any(
    # violence to a person (simple present "he hits her" is a habit: abuse to report)
    rf" (?:hitting|punching|kicking|slapping|stamping on|assaulting|striking|harming|laying into|laying in to|setting about|going for|beating|battering|bashing|thumping|belting|leathering|smacking|walloping|booting|lamping|decking|attacking|strangling|choking|stabbing|slashing|shooting|knifing|glassing|headbutting|dragging|throttling|smothering|suffocating|drowning|shaking|throwing|pushing|hurting|killing|raping|biting|mauling|jumping|mugging|robbing|kidnapping|grabbing|holding|pinning|tying up) {PERSON_OBJ}\b",
    r" (?:just|has just|have just|they just|he just|she just) (?:\w+ )?(?:hit|punched|kicked|slapped|stabbed|shot|knifed|glassed|slashed|bottled|attacked|beat|beaten|battered|jumped|mugged|robbed|raped|strangled|choked|pushed|threw|thrown|run over|knocked (?:down|over|out))\b",
    r" (?:got|has|have|grabbed|grabbing) (?:a )?(?:hold of|grip of)\b| (?:will not|wont|would not) let (?:go|me go|her go|him go)\b| (?:head|face) (?:against|into|off) (?:the|a)\b| (?:tied|taped|tying|taping) (?:someone|somebody|him|her|them|me|us|people|a (?:man|woman|person|child|kid|lad|girl|boy)) up\b| (?:someone|somebody|man|woman|person|child|kid|lad|girl|boy|he|she|they|him|her|them|me|us)(?: is| are| has been| have been| been)? (?:tied|taped) up\b| by the (?:arm|arms|leg|legs|hair|throat|neck|face|hand|ankle)\b| (?:exposing|flashing) (?:himself|herself)",
    r" (?:fight|fighting|brawl|brawling|scrap|scrapping|kicking off|punch up|stabbing|shooting|mass fight)\b(?! (?:metal|yard|yards|cars?|dealers?|merchants?|paper|wood|iron))",
    r" (?:stabbed|shot|knifed|glassed|slashed|bottled|injured|wounded|raped|strangled|choked|knocked out|run over|beaten up|bleeding|blood|blistered|scalded|burnt|burned)\b",
    # weapons
    r" (?:knife|knives|cleavers?|swords?|axes?|hatchets?|machetes?|crowbars?|guns?|pistols?|rifles?|shotguns?|crossbows?|firearms?|weapons?|baseball bats?|cricket bats?|golf clubs?|iron bars?|metal bars?|metal poles?|scissors|screwdrivers?|broken bottles?|sickles?|scythes?|spears?|tasers?|acid|balaclavas?)\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime))",
    # fire, smoke, gas, electricity
    r" fire\b(?! (?:alarm|drill|door|doors|exit|escape|safety|risk|work|works|brigade|service|extinguisher))| flames?\b| ablaze| alight| burning\b| burn (?:down|the|my|our|it|us|me)\b| smoke\b| smoking\b| petrol| lighter fluid| accelerant| lighter\b| matches\b| sparks?\b| sparking| smouldering| glow(?:ing)?\b| (?:walls?|doors?|ceiling|floor|handle) (?:\w+ ){0,4}(?:is|are) (?:really |very |red )?hot\b| (?:fire|flames|smoke|it) (?:is |are )?spreading",
    r"(?<! laughing) gas\b(?! (?:canisters?|bill|meter|safety|check|service|engineer|man|cooker|hob|fire|supplier|company))| (?:fumes|carbon monoxide)\b",
    # a body in danger
    r" (?:not |stopped |barely |struggling |can not |cant )breath(?:e|ing)\b| unconscious| unresponsive| not moving\b(?! (?:his|her|their|the|my|it|car|van|cars|out|away|house|home|in)\b)| collapsed| passed out| seizure| fitting\b| overdos| hanging\b(?! (?:around|about|out|round|washing|baskets?|basket))| (?:lying|collapsed|slumped|face down|unconscious|bleeding|not moving|motionless) (?:on|in) (?:the|her|his|their|my|our) (?:floor|ground|path|pavement|road|street|stairs|landing|kitchen floor|bathroom floor|hallway)\b| (?:he|she|they|him|her|them|someone|somebody|mother|mum|dad|man|woman|son|daughter|neighbour|friend|husband|wife|partner|nan|grandad)s? (?:is |are )?on the (?:floor|ground)\b(?! (?:above|below|upstairs|downstairs))| fallen\b| (?:all|too many|loads of|a load of|lots of|handfuls? of|a whole|the whole|packets? of|boxes of) (?:my |his |her |their |the )?(?:\w+ )?(?:tablets|pills)\b",
    # threats to life, now; someone taken
    r" (?:dragged|bundled|forced|pulled|pushed|thrown|snatched|shoved|dragging|bundling|forcing|pulling|pushing|throwing) (?:\w+ ){0,3}(?:into|in) (?:a|the|their|his|her|an) (?:car|van|motor|boot|vehicle|taxi)\b",
    r" (?:will|going to|gonna|about to|coming to|trying to) (?:come|get|break|kick|smash) (?:in|the door|my door|our door)\b| (?:brick|bricks|stone|stones|rock|rocks|bottle|bottles|something|firework|fireworks) (?:\w+ )?(?:through|thru|at) (?:my|the|our) (?:window|windows|door|letterbox|letter box)\b",
    r" (?:trying|going|about|wants?) to (?:take|grab|snatch|steal) (?:the|my|our|a|her|his|their) (?:baby|child|kid|kids|children|son|daughter|toddler|little one)\b",
    r" (?:kill|stab|shoot|murder|hurt|harm|injure|burn|torch|batter|slash|cut|glass|strangle|smash|kick|cave|knock) (?:me|him|her|them|us|you|my \w+|his \w+|her \w+|everyone|someone|the (?:baby|kids|children|child))\b(?! (?:off|up|out of (?:the|my) (?:way|space)|a favour|proud))| do (?:me|him|her|them|us|you|my \w+|his \w+|her \w+|someone) (?:in|harm|some harm|serious harm)\b",
    r" (?:throw|drop|push|hold|holding|dangling|hanging) (?:\w+ ){0,3}(?:out of|off|over) (?:the|a) (?:window|balcony|ledge|roof|bridge|railings)\b",
    # intruders, doors forced
    r" (?:break|breaking|get|getting|force|forcing|climb|climbing|smash|smashing|kick|kicking) (?:in|into|through|onto|up onto|open)\b(?! (?:trouble|touch|bed|work|the car and drove|contact|the habit|my car|the car|cars))| (?:someone|somebody|a man|men|they|he|she|stranger|strangers|people) (?:is |are )?(?:coming|climbing) (?:in|through|over|up) (?:the|my|our) (?:window|door|balcony|fence|wall)\b| (?:broken|broke|got|forced|smashed|kicked) (?:in|into)\b(?=.* (?:is|are) (?:still )?(?:upstairs|downstairs|inside|in (?:the|my|our) (?:house|flat|home|kitchen|bedroom)))| (?:door ?handle|door handles)| (?:kicking|smashing|forcing|bashing|trying|rattling) (?:\w+ )?(?:the|my|our) (?:front |back |kitchen |bedroom )?(?:door|window|lock)\b",
    r" (?:someone|somebody|a man|a stranger|strangers|men|intruders?|burglars?|they|people) (?:is |are )?(?:in|inside|upstairs in|downstairs in) (?:my|our|the) (?:flat|house|home|loft|attic|shed|garage|bedroom|kitchen|cellar|bathroom|hall|hallway)\b",
    # cries for help and sexual violence
    r" (?:(?:her|him|a woman|a man|the woman|the man|a girl|someone|somebody|she|he|she is|he is) )(?:screaming|sobbing|crying|shrieking|yelling)\b(?=.* (?:smash|thud|crash|being thrown|throwing|slap|thump|hitting|punch|stop|get off))| screaming\b(?=.* (?:raped|rape|help|stop|kill|murder|attack|pain|hurt|hitting|stabbed))| (?:crying|shouting) (?:for help|help|out in pain)| (?:begging|pleading) (?:for (?:help|mercy|her life|his life)|him|her|them)\b| rape\b| raped\b| sexual(?:ly)? assault",
    # round 4: a foot in the door or a body pushed against it; stamping on a head; someone shut in
    r" (?:foot|feet|boot) (?:in|inside) (?:the|my|our|her|his) (?:front )?door\b| (?:pushing|shoving|forcing|barging|leaning) (?:hard )?against (?:the|my|our|her|his) (?:front )?door\b| door\b(?: \w+){0,12} (?:pushing|shoving|forcing|barging) (?:hard )?against it\b| (?:push|pushing|force|forcing|barge|barging|shove|shoving) (?:his|her|their) way (?:in|into|past)\b",
    r" (?:stamping|stamped|stomping|stomped|jumping|jumped|kicking|kicked|punching|hitting|booting) (?:on |in )?(?:his|her|their|someones|the lads|the mans|a mans|a lads|the boys|the girls) (?:head|face|neck|chest|body|ribs)\b| got (?:a|the|some|this) (?:\w+ )?(?:lad|man|boy|girl|woman|kid|bloke|guy|person|lady) (?:pinned )?(?:on|against|to) the (?:floor|ground|wall)\b",
    r" (?:shut|locked|trapped|barricaded|held) (?:\w+ ){0,2}(?:in|inside) (?:the|a|their|his|her) (?:\w+ )?(?:bin store|cupboard|shed|room|garage|cellar|basement|car|boot|toilet|lift|bedroom|store|bathroom|van) by\b| holding the door (?:shut|closed)?\b(?=.* (?:crying|screaming|banging|help|let (?:him|her|them) out))| (?:will not|wont|refuse to|refusing to|not) let(?:ting)? (?:him|her|them) out\b(?=.* (?:crying|screaming|banging|help))",
    # a vehicle into people
    r" (?:ploughed|ploughing|crashed|driven|drove|ran|gone|went|mounted|mounting) (?:\w+ ){0,2}(?:into|over) (?:some |a group of |a few |a load of |two |three )?(?:people|pedestrians|a crowd|the crowd|kids|children|someone|a (?:man|woman|child|kid|person))\b",
    # a vehicle used as a weapon: driven at people, nearly hitting a pram or a child
    r" (?:driving|drives|drove|driven|swerving|swerved|aiming|aimed|speeding|revving) (?:\w+ ){0,2}(?:at|towards|straight at) (?:people|pedestrians|us|me|him|her|them|kids|children|a (?:pram|pushchair|buggy|child|kid|man|woman|person|crowd|group))\b| nearly (?:hit|hitting|ran over|run over|knocked over) (?:a|the|my|our|her|his) (?:pram|pushchair|buggy|child|kid|toddler|baby|little \w+)\b",
)
# Harm that needs no verb at all ("burning smell and the walls are hot", "bin chute smoking,
# orange glow"): only a simple past ("was", "were", "had") sets it aside.
NOMINAL_HARM = re.compile(
    r"fire|flame|ablaze|alight|burning|smok|smoulder|glow|hot\b|gas|fumes|petrol|spark|blood|bleed|foot (?:in|inside)|stabbed|shot\b|knifed|unconscious|breath|collapsed|not moving|knife|knives|machete|gun|weapon|cleaver|axe|sword"
)
SIMPLE_PAST = re.compile(r" (?:was|were|had|did|went|came|used to) ")
# A bodily emergency state: no urgency word needed, whatever the tense.
BODILY = _any(
    r" (?:not|isnt|is not|stopped|barely|hardly|struggling to|trouble|difficulty|can not|cant) (?:breathing|breathe)\b",
    r" unconscious| unresponsive| (?:passed|blacked|conked) out\b| knocked (?:out|unconscious) (?:on|in|and)\b",
    r" (?:will not|wont|can not|cant|not|does not|doesnt|isnt|is not) (?:wake|waking|woken|waken) (?:up|him|her)?\b",
    r" (?:lips|face|skin|fingers|mouth|he|she|baby|child|they) (?:\w+ )?(?:is |are |has |have |gone |going |turned |turning |looks? |looking )?(?:very |really |quite |a bit |all |completely )?(?:blue|grey|purple)\b(?! (?:badge|bin|bins|door|car|van|paint|light|lights|flashing))",
    r" (?:lying|lies|lay|is|are|gone|went|looks|seems) (?:completely |totally |very )?(?:motionless|lifeless|limp|floppy)\b| chest (?:hurts|is hurting|hurting|feels tight|pains?)\b| pains? (?:in|across) (?:his|her|my|their) chest| crushing pain| pains? (?:down|in) (?:his|her|my|their) (?:left )?arm\b| cold and clammy| (?:grey|clammy|pale) and (?:sweaty|clammy|shaking)\b",
    r" (?:found|find|came home to|walked in on) (?!(?:the|a|my|our|his|her|their) (?:\w+ )?(?:chain|lock|bike|door|post|parcel|bag|phone|keys?|car|stuff|things|glass|needles?|rubbish|mess|window)\b)(?:\w+ ){0,3}(?:hanging|dead|unconscious|collapsed|not breathing|in a pool of|lying in|on the floor|face down)\b",
    r" (?:bleeding|losing blood) (?:heavily|badly|a lot|loads|everywhere|out|all over|from (?:his|her|my|their|the) (?:head|neck|chest|stomach|face|arm|leg|wrist))| (?:pool|pools|puddle|lots|loads) of blood| blood (?:everywhere|all over|pouring|gushing|pumping|spurting)",
    r" (?:having a )?(?:fit|seizure)\b(?= .*(?:floor|ground|shaking|not|help|ambulance|now))| fitting\b(?! (?:a|an|the|new|his|her|their|my|out|up|kitchens?|carpets?|windows?|doors?|locks?|in (?:with|well|here|there|at|around))\b)| convuls| foaming (?:at|from) the mouth",
    r" (?:he|she|they|him|her|kid|child|baby|man|woman|person|lad|girl|boy|someone|somebody|my \w+|grandad|nan|gran|dad|mum|mother|father)s?(?: \w+){0,6} (?:and |is |are |but )?(?:not|isnt) (?:responding|breathing|conscious)\b| slumped\b| keeled over| collapsed\b(?! (?:fence|wall|ceiling|shed|tent))| (?:not|isnt|is not) (?:moving|responding|answering (?:the door|me)) (?:and|after|since|at all)\b",
    r" overdos| od d\b| taken (?:an|a) overdose| (?:swallowed|taken|took|drank|drunk) (?:bleach|poison|antifreeze|weedkiller|a bottle of)",
    r" (?:hit|banged|cracked|split) (?:his|her|their|my) head(?: \w+){0,8} (?:not|blood|bleeding|unconscious|wont|will not|can not|cant|sleepy|confused|sick|drowsy|fitting)",
    r" (?:can not|cant|cannot) (?:feel|move) (?:his|her|my|their) (?:legs|arms|body|feet|hands|neck)\b| (?:landed|fell|fallen) (?:\w+ )?on (?:his|her|their|my) (?:neck|head|back)\b| (?:had a|a bad|a nasty|a serious|a big) fall\b(?=.* (?:neck|back|head|can not|cant|blood|bleeding|broken|not moving|unconscious|wont|will not))",
    r" (?:no|can not find a|cant find a|can not feel a|cant feel a|no sign of a) pulse| cold and stiff| (?:drowning|drowned)\b| face down in| having a stroke| chest pains?| anaphyla| allergic reaction| (?:severe|serious|bad) (?:burns|head injury|injuries|bleeding)",
    r" (?:he|she|they|him|her|neighbour|man|woman|lady|person|mum|mother|dad|nan|grandad|friend|tenant|resident|gran)s?(?: \w+){0,2} (?:is |are )?(?:not|has not|have not|hasnt|havent) (?:moved|been seen|been out|answered|opened (?:the|his|her|their) (?:door|curtains))(?: \w+){0,5} (?:for|in|since) (?:days|two days|three days|a week|weeks|ages|yesterday|the weekend)\b| (?:think|reckon|worried|scared|afraid)(?: that)?(?: \w+){0,3} (?:is|s) dead\b(?! (?:tired|boring|quiet|loud|noisy|serious|against|set|on|end|easy|cheap|good)\b)",
    r" (?:has|have|he has|she has|just|hes|shes) (?:hanged|hung) (?:himself|herself|themselves|myself)| hanging (?:from|by) (?:a|the|his|her) (?:rope|belt|neck|banister|bannister|ceiling|door|tree)",
    # signs of a stroke (face, arm, speech), and gas (it smells of rotten eggs)
    r" (?:face|mouth|smile) (?:\w+ ){0,3}(?:dropped|drooped|drooping|droopy|lopsided|gone to one side)\b| one side of (?:his|her|their|my) (?:face|body) (?:\w+ ){0,2}(?:dropped|drooping|gone|numb|not working|wont move|will not move)\b",
    r" (?:can not|cant|cannot|unable to) (?:lift|raise|move) (?:his|her|their|my) (?:left |right )?arms?\b(?=.* (?:face|speech|slurr|talk|words|side|suddenly|confused))| (?:speech|words|talking) (?:is |are |has |have )?(?:\w+ )?(?:slurred|slurring|garbled|not making sense)\b(?=.* (?:face|arm|side|suddenly|confused|cant|can not))",
    r" (?:smell|smells|smelling|smelt|stink|stinks|stinking|reek|reeks) (?:of |like )gas\b| (?<!bins )(?<!bin )(?<!drains )(?<!drain )(?:smell|smells|smelling|smelt|stink|stinks|stinking|reek|reeks) (?:of |like )rotten eggs\b(?!.* (?:bins?|drains?|sewers?|rubbish|compost|every (?:summer|day|week)))",
)
# Children and vulnerable adults with a danger (whatever the tense: someone must check now).
CHILD = (
    r"(?:child|children|kid|kids|baby|babies|toddler|toddlers|infant|newborn|little one|little ones|"
    r"little (?:boy|girl|lad|lass)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:year|month|yr) old|(?:young|small|tiny) (?:boy|girl|child|children|kid|kids|lad)|bairn|wean|"
    r"old (?:man|lady|woman|person|fella|gent|gentleman|chap)|elderly (?:\w+ )?(?:man|lady|woman|person|neighbour|resident|tenant|mother|father|parent|gentleman|gent|chap|couple)|pensioner|(?:man|woman|lady|gentleman|neighbour|person|resident|tenant|mother|father|dad|grandad|nan) (?:\w+ ){0,3}(?:with|who has|has) (?:dementia|alzheimers|learning (?:difficulties|disabilities))|"
    r"vulnerable (?:\w+ )?(?:man|woman|person|adult|neighbour|resident|tenant)|(?:neighbour|man|woman|lady|mother|dad) (?:with|who has) dementia)s?"
)
CHILD_DANGER = _any(
    rf"\b{CHILD}(?: \w+){{0,6}} (?:is |are |was |has been |have been |been |keeps? )?(?:left |sitting |standing |climbing |hanging |leaning |dangling |crawling |playing |out |wandering )?(?:on|onto|out of|over|off|at|by|near) (?:the |a |an |their |his |her )?(?:open )?(?:window ?sill|windowsill|window ledge|ledge|roof|balcony (?:railings?|edge|wall)|railings|edge of the (?:balcony|roof)|open window|window)\b",
    rf"\b{CHILD}(?: \w+){{0,18}} (?:climbing|climbs|climbed|leaning|hanging|sitting|standing) (?:on |over |up |off |out of )?(?:the |a )?(?:railings?|balcony (?:railings?|edge|wall)|window ?sill|windowsill|window ledge|ledge|open window|roof)\b",
    rf"\b{CHILD}(?: \w+){{0,14}} (?:alone|on (?:their|his|her|its|it is) own|unattended|by (?:itself|himself|herself|themselves)|unsupervised|with no (?:adult|one|parent)|with nobody|locked (?:in|out)|shut (?:in|out)|left (?:outside|out|in the car|in a car))\b(?! (?:on (?:the|their|his|her) (?:bikes?|scooters?|phones?|tablet)|playing))",
    rf"\b{CHILD}(?: \w+){{0,10}} (?:in|on|near|by|into|onto|across|down|along|in the middle of|down the middle of|the middle of) (?:the )?(?:main |busy )?(?:road|traffic|canal|river|pond|lake|reservoir|railway|train tracks|tracks|motorway|dual carriageway)\b(?!.* (?:playing|play|football|bikes?|scooters?|every|always))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:in the |out in the )?(?:freezing|cold|snow|rain|dark)\b(?=.* (?:no coat|no shoes|crying|screaming|hours|night|locked|shut|alone|nappy|pyjamas|naked|tiny))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:crying|screaming|sobbing|wailing) (?:for|all) (?:about |over |nearly |at least |like )?(?:\d+ |a few |several |two |three |four |five |six |seven |eight )?(?:hours|ages|the whole night|all night|the night)\b(?=.* (?:no one|nobody|noone|no adult|no answer|not answering|alone|locked|empty|gone out|left|never came back|not come back|has not come back|car has gone|car has been gone|car is gone|no lights|no footsteps|no voices))",
    rf"\b{CHILD}(?: \w+){{0,8}} (?:screaming|crying|sobbing|wailing|shrieking)\b(?=.* (?:shut up|thumping|hitting|slapping|smacking|belting|shaking|punching|kicking|throwing|hurting|bang (?:it|him|her)|thud|slap))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:being|getting) (?:hit|hurt|beaten|battered|smacked|slapped|kicked|punched|thrown|shaken|dragged|burnt|burned|choked|strangled|starved|abused|touched|grabbed|taken)\b",
    rf" (?:shaking|throwing|dragging|hitting|punching|kicking|slapping|smacking|strangling|choking|hurting|burning|grabbing|snatching|taking|holding) (?:a |the |that |this |my |his |her |their |our )?{CHILD}\b(?! (?:to (?:school|the park|nursery|the shops)|for a walk|home from|out to))",
    rf"\b{CHILD}(?: \w+){{0,6}} (?:naked|no clothes|in (?:a|their|his|her) nappy|in pyjamas|barefoot) (?:in|on|out|outside|wandering)\b",
    rf"\b{CHILD}(?: \w+){{0,4}} (?:is |has |are |have )?(?:gone )?missing\b| (?:lost|cant find|can not find) (?:my|our|a|the) (?:little |young )?(?:child|kid|son|daughter|toddler|boy|girl)\b",
    r"\b(?:old|elderly|vulnerable)(?: \w+){0,5} (?:has |have |is |had )?(?:fallen|fell|fall|collapsed|on the floor|not answering|can not get up|cant get up|wandering|locked out)\b",
    # a child who should be home by now and cannot be reached
    rf"(?:\b{CHILD}| (?:my|our|her|his|their) (?:son|daughter|boy|girl|lad|kid|child|grandson|granddaughter|little \w+))(?: \w+){{0,10}} (?:should have|shouldve|should of|was meant to have|was supposed to have|was due to have) (?:been|come|got) (?:back|home|in)\b(?=.* (?:phone (?:is |goes )?(?:off|dead|straight to voicemail)|voicemail|not answering|no answer|no one has seen|nobody has seen|(?:have not|havent) seen (?:him|her)|missing|it is (?:nearly |now |gone |almost )?(?:\d|midnight|one|two|three)))",
    r" (?:my|our|her|his|their) (?:son|daughter|boy|girl|little \w+|kid|child|grandson|granddaughter)(?: \w+){0,14} (?:did not|didnt|never|has not|hasnt|have not) (?:arrive|arrived|come home|came home|come back|get there|got there|turn up|turned up|made it)\b(?! (?:till|until|til|before|on time|again))(?=.* (?:missing|car|van|police|can not find|cant find|not answering|phone is off|phones off|searched|looked everywhere|no one has seen|nobody has seen|worried|scared|panicking|should have been|is \d|s \d|aged))",
    r" (?:get|got|getting|pulled|dragged|bundled|taken|taking|put) (?:in|into) (?:a|the|some|an|his|their) (?:\w+ )?(?:car|van)(?: \w+){0,3} (?:with|by) (?:a|an|some|two|the|this) (?:man|men|stranger|strangers|guy|bloke|older man)\b",
)
# Self-harm intent in any tense or phrasing (not figures of speech about the neighbours).
SELF_HARM = _any(
    r" (?:going to|gonna|will|about to|want to|wanna|plan(?:ning)? to|ready to|decided to|i am going to|might|may|could|thinking (?:of|about)|tempted to) (?:just )?(?:end|finish) (?:it|it all|things|everything|my life|me|myself)\b(?! (?:off|with (?:him|her|them|my (?:partner|boyfriend|girlfriend)))\b)",
    r" (?:going to|gonna|will|about to|want to|wanna|ready to|decided to) (?:die|disappear (?:forever|for good)|not wake up|go to sleep (?:forever|and not wake up)|do myself in|top myself|off myself|kms)\b| top(?:ping)? myself| do(?:ing)? myself in| kms\b| unalive",
    r" no (?:point|reason|use) (?:anymore|any more|in (?:anything|living|life|going on|carrying on|being here|me being here|trying anymore)|to (?:live|go on|carry on|be here))",
    r" (?:nothing|no one|nobody) (?:left )?to live for| (?:nobody|no one|noone) (?:would|will)(?: \w+)? (?:miss me|notice (?:if i|i am gone|i was gone|when i)|care (?:if i|when i))\b| (?:world|everyone|they|my family|my kids|you) (?:would|will|d) be better (?:off )?without me",
    r" (?:this is|saying|say|said|wanted to say|time to say|just wanted to say) (?:my )?(?:goodbye|goodbyes)\b(?! to (?:the|my) (?:flat|house|area|estate|neighbours?))| goodbye (?:everyone|all|forever|cruel world)| (?:suicide|goodbye) (?:note|letter)| (?:my|a) last (?:message|goodbye|text)",
    r" (?:i am|im|i am just) (?:done with (?:life|living|it all|everything)|ready to go|finished with (?:life|everything))| (?:done|had enough) with (?:life|living)\b| (?:tired|sick) of (?:living|being alive|life)\b",
    r" (?:can not|cant) (?:go on|carry on|do this|take (?:it|this|any more|anymore)|cope)(?: \w+){0,2} (?:anymore|any more|any longer)\b(?!.* (?:noise|music|neighbours?|drilling|banging|party|parties|dogs?|barking|smell|smoke|weed|kids|parking|council|them|they|their|him|he|she))",
    r" sorry (?:to|for) (?:everyone|everything|all of you)| forgive me\b| love you all| (?:tell|give) my (?:kids|children|family|mum|mother|dad) (?:i love|i am sorry|im sorry)| look after my (?:kids|children|babies|dog|cat)\b| i am done(?: tonight| now| with (?:life|it all|everything))? $| tonight is the night| tonights the night",
    r" (?:pills|tablets|rope|noose|razor|blades?|knife) (?:are |is )?(?:ready|in front of me|on the table|in my hand)\b| (?:stockpiled|saved up|saving up|collected) (?:my |all my )?(?:pills|tablets|meds)",
    r" (?:on|at|standing on|stood on) (?:the )?(?:edge|ledge|roof|bridge|top of the (?:car park|multi storey|block|flats))\b(?=.* (?:jump|end|goodbye|done|cant|can not|die))",
    r" (?:hurt|harm|cut|cutting|burn|burning|starve|starving) (?:myself|himself|herself|themselves)\b| (?:myself|himself|herself) (?:to die|to death)\b",
    r" (?:going to|gonna|about to|wants? to|threatening to|will) let go\b(?! (?:of (?:the|a|his|her|my|their) (?:dog|lead|leash|rope|handle|bag|door)))| (?:outside|other side|wrong side) of (?:the |a |his |her |their |my )?(?:balcony )?(?:railings?|barrier|fence on the (?:roof|bridge))\b",
)
# A weapon near a person doing something with it (any weapon word, any verb of use).
WEAPON = (
    r"(?:knife|knives|cleavers?|meat cleavers?|swords?|samurai swords?|axes?|hatchets?|crowbars?|guns?|pistols?|rifles?|shotguns?|crossbows?|firearms?|weapons?|"
    r"(?:baseball |cricket |metal |wooden )?bats?|golf clubs?|hockey sticks?|(?:iron|metal|scaffold) (?:bars?|poles?)|scissors|screwdrivers?|broken (?:bottles?|glass)|"
    r"sickles?|scythes?|spears?|tasers?|stun guns?|knuckle ?dusters?|nunchucks?|chains?|pickaxes?|pitchforks?|spanners?|wrenches?|claw hammers?|hammers?|bricks?|acid|ammonia)"
)
WEAPON_USE = _any(
    rf" (?:has|have|got|with|wi|holding|waving|swinging|carrying|brandishing|pointing|wielding|flashing|showing|pulled|pulling|pulls|drew|drawn|lunging|lunged|came at|coming at|going for|went for|running at|ran at|chasing|chased|threatening|threatened|sharpening|fetching|grabbed|grabbing|picked up|picking up|armed with|going (?:mad|mental|crazy|berserk|nuts) (?:with|wi))(?: (?!water|toy|toys|nerf|cap|plastic|pretend|fake|foam|butter|bread|cake|pen|fruit)\w+){{0,4}} {WEAPON}\b(?! (?:block|blocks|drawer|set|sharpener|rack|crime|and ball|flying|in (?:the|their) (?:loft|shed|garden)|for (?:the|his|her) (?:garden|shed|diy|work|job)))",
    rf" {WEAPON} (?:in (?:his|her|their) hands?|at (?:me|him|her|them|us|people|my|the kids|kids)|to (?:my|his|her|their|your) (?:throat|neck|head|face|chest))\b",
)
# Figures of speech and everyday uses that must not make an emergency of the urgency x harm family.
BROAD_EXCLUDE = _any(
    r" (?:smoke|fire|carbon monoxide) (?:alarms?|detectors?|doors?)\b",
    r" (?:call of duty|fortnite|gta|video games?|computer games?|xbox|playstation|ps4|ps5|gaming|on the telly|on tv|films?|movies?|paintball|airsoft|nerf)\b.*",
    r" (?:hang|hangs|hanging|dangling|drying|putting|puts)(?: \w+){0,3} (?:washing|clothes|laundry|towels?|flags?|sheets|rugs?|baskets?)\b| (?:washing|clothes|laundry|towels?|flags?|sheets) (?:is |are )?(?:hanging|dangling)",
    r" (?:smoking|smoke|smokes) (?:a bit|a little|slightly)| fallen (?:out|behind|asleep|in love|through|off the (?:wall|shelf))\b",
    r" (?:and|they|to|people|lads|teenagers|teens|kids|youths|them|who|that|we|i|you|men|women) (?:smoke|smoking)\b(?! (?:is|are|coming|pouring|everywhere|billowing|filling))",
    r" (?:smoke|smoking|smokes)\b(?=.* (?:weed|cannabis|skunk|spliff|joints?|cigarettes?|cigs|fags?|vape|vaping|shisha|bbq|barbecue|bonfire|chimney|log burner))",
    r" (?:fight|fighting|fights) (?:the|this|it|over|about|for|with the council|my case|eviction)\b| (?:dog|dogs|cat|cats) fight",
    r" fire (?:alarm|drill|door|exit|escape)| (?:bon|camp)fire| fire ?works?| fire pit| firepit| log fire| fireplace| gas (?:bill|meter|safety|check|cooker|hob)",
    r" (?:playing|play|plays|game|games|film|films|movie|tv|telly|xbox|playstation|computer)\b(?=.* (?:fight|gun|guns|shoot|shooting|kill|killing|blood|fire|knife|sword))",
)
# Verbs of the urgency x harm family that only count with a person as object or alone: nothing.


def _broad_emergency(norm: str) -> tuple[str, str] | None:
    """(matched words, reason) for the broad families, or None (see the section comment)."""
    for pattern, reason in (
        (SELF_HARM, "self_harm"),
        (BODILY, "injured"),
        (CHILD_DANGER, "child_at_risk"),
    ):
        match = pattern.search(norm)
        if match and reason == "injured" and " fall" in match.group(0) and PAST.search(norm):
            match = None  # "I had a fall in January and I'm now in a wheelchair"
        if match:
            return match.group(0), reason
    past = PAST.search(norm) or BROAD_PAST.search(norm)
    strong = URGENCY_STRONG.search(norm) if not SAFE.search(norm) else None
    cleaned = BROAD_EXCLUDE.sub(" ", norm)
    weapon = WEAPON_USE.search(cleaned)
    if weapon and (strong or not past):
        return weapon.group(0), "weapon"  # a weapon in use counts even as a habit ("keeps")
    if (past or HABITUAL.search(norm)) and not strong:
        return None
    if SMOKE_NUISANCE.search(norm) and not re.search(
        r" fire\b| flames| alight| ablaze| on fire", norm
    ):
        cleaned = re.sub(r" smok\w*", " ", cleaned)  # smoke from smoking, cannabis or a barbecue
    harm = HARM.search(cleaned)
    if not harm:
        return None
    present = PRESENT.search(norm)
    if present or (NOMINAL_HARM.search(harm.group(0)) and not SIMPLE_PAST.search(norm)):
        return harm.group(0), _emergency_reason(harm.group(0))
    return None


# "... last week, and now ...": the story moves from the past to the present. What follows "now"
# is judged on its own (an emergency there is one); otherwise "and now" is not an urgency cue.
NARRATIVE_NOW = re.compile(r" (?:and|but|so) (?:right )?now ")


def mentions_harm(text: str) -> bool:
    """Words of harm or danger whatever the tense ("he had a knife", "there was blood"), after
    figures of speech are set aside: the form adds a 999 line when such a message was not
    routed as an emergency, in case it is one after all."""
    norm = defuse(normalise(text))
    return any(pattern.search(norm) for pattern in (HARM, BODILY, CHILD_DANGER, WEAPON_USE))


def check(text: str) -> SafetyResult | None:
    """The route a message calls for, or None for an ordinary message."""
    return _check(defuse(normalise(text)), text or "")


def _check(norm: str, text: str) -> SafetyResult | None:
    if not norm.strip():
        return None
    split = NARRATIVE_NOW.search(norm)
    if split and (
        PAST.search(norm[: split.start() + 1]) or BROAD_PAST.search(norm[: split.start() + 1])
    ):
        tail = _check(" " + norm[split.end() :], "")
        if tail is not None and tail.route == EMERGENCY:
            return tail
        norm = norm[: split.start()] + " and these days " + norm[split.end() :]
    flags: set[str] = set()
    domestic = DOMESTIC.search(NOT_ABUSE.sub(" ", VICTIM_OF_OTHER.sub(" ", norm)))
    hate = (
        HATE_RE.search(norm)
        or CENSORED_SLUR.search(text or "")
        or (IDENTITY.search(norm) and TARGETED_ACT.search(norm))
        or (IDENTITY_PERSONAL.search(norm) and PERSONAL_ACT.search(norm))
        or GROUP_DANGER.search(norm)
    )
    if domestic:
        flags.add("domestic_abuse")
    if hate:
        flags.add("hate")
    found = _emergency_match(norm)
    emergency = found.group(0) if found else None
    if emergency:
        reason = _emergency_reason(emergency)
        if reason in ("self_harm", "child_at_risk"):
            flags.add("safeguarding")
        past = PAST.search(norm)
        over = past or HABITUAL.search(norm)
        lasting = reason in ("self_harm", "child_at_risk", "injured")
        now = (NOW.search(norm) or STRONG.search(norm)) and not (over and SAFE.search(norm))
        if not over or lasting or now:
            return SafetyResult(EMERGENCY, reason, frozenset(flags))
        if not past:
            emergency = None  # a habit ("always fighting"): ASB unless more is said below
    broad = _broad_emergency(norm)
    if broad:  # the broad families weigh past and habit markers themselves
        if broad[1] in ("self_harm", "child_at_risk"):
            flags.add("safeguarding")
        return SafetyResult(EMERGENCY, broad[1], frozenset(flags))
    if RESOLVED.search(norm):
        return SafetyResult(HATE, "hate", frozenset(flags)) if hate else None
    if CRIME_PAST.search(norm) and IN_PROGRESS.search(norm):
        return SafetyResult(EMERGENCY, "crime_in_progress", frozenset(flags))
    if domestic:
        return SafetyResult(DOMESTIC_ABUSE, "domestic_abuse", frozenset(flags))
    if hate:
        return SafetyResult(HATE, "hate", frozenset(flags))
    crime = CRIME_PAST.search(norm)
    if crime and DAMAGE_ONLY.search(crime.group(0) + " ") and REPEATED.search(norm):
        crime = None  # repeated damage: vandalism, an ASB report
    if emergency or crime:
        return SafetyResult(CRIME_101, "past_crime", frozenset(flags))
    return None


def _emergency_match(norm: str) -> re.Match[str] | None:
    """The first emergency pattern that matches, ignoring smoke that comes from smoking,
    cannabis, barbecues or bonfires when nothing else says fire."""
    match = EMERGENCY_NOW.search(norm)
    if match and SMOKE_NUISANCE.search(norm) and re.search(r"smoke", match.group(0)):
        if not re.search(r" fire\b| flames| alight| ablaze| burning| on fire", norm):
            rest = EMERGENCY_NOW.search(norm, match.end())
            while rest and re.search(r"smoke", rest.group(0)):
                rest = EMERGENCY_NOW.search(norm, rest.end())
            return rest
    return match


def _emergency_reason(matched: str) -> str:
    """A short reason code for the matched words (for the flags and for staff)."""
    checks = (
        (
            "self_harm",
            r"myself|himself|herself|themselves|own life|life|suicid|to die|overdos|od d|jump|end it|ending it|end things|end everything|tablets|pills|meds|medication|paracetamol|painkillers|insulin|noose|be here|be alive|live\b|exist|wake up|go on\b|dead|self ?harm|stupid|to end|to stop",
        ),
        ("fire", r"fire|burning|alight|flames|smoke|gas"),
        ("weapon", r"knife|knives|gun|weapon|axe|bat\b|crossbow|hammer|stabbed|shot|glassed"),
        (
            "break_in",
            r"break|braking|kicking (?:in|down)|forcing|smashing|burglar|intruder|inside|in my|in our|get in|climbing",
        ),
        (
            "injured",
            r"injured|bleeding|unconscious|breath|collapsed|blood|blue|grey|purple|fitting|seizure|dead\b|not moved|not opened|scald|blister",
        ),
        (
            "child_at_risk",
            r"(?:child|kid|baby|babies|toddler|little one|boy|girl)\w*(?: \w+){0,5} (?:alone|on (?:their|his|her|its|it is) own|by (?:itself|himself|herself)|unattended|in danger|being|screaming for|wandering|in the road|on the road|locked in)|nobody|no one|noone|no adult",
        ),
        ("threat_to_life", r"kill|murder|fear|scared|afraid|terrified|worried|danger|shoot"),
    )
    for reason, pattern in checks:
        if re.search(pattern, matched):
            return reason
    return "violence_now"
