"""Infer a docs/domain.md section 5 category code from the resident's description (first version).

Signals, in order:
1. keywords for the high-risk categories (hate, domestic abuse, violence, drug dealing) win,
   because recording a hate report as noise is worse than the other way round;
2. the NLU intent of the message (`asb_<category>`), when it is confident enough;
3. keywords for the other categories;
4. `other_asb`.
The later "not ASB" filter and safety layer sit in front of this; they do not change it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.codes import CATEGORIES

UNKNOWN = "other_asb"
INTENT_PREFIX = "asb_"
MIN_INTENT_CONFIDENCE = 0.5

# fmt: off
HIGH_RISK_KEYWORDS: dict[str, tuple[str, ...]] = {
    "hate": (
        "racis*", "racial*", "homophob*", "transphob*", "islamophob*", "antisemit*",
        "anti-semit*", "because i'm gay", "because i am gay", "because of my religion",
        "because of my race", "because of my colour", "because of my disability",
        "because i'm disabled", "because i am disabled", "hate crime", "hate incident",
        "go back to your country", "go back to where you came from", "swastika*",
        "foreigners out", "terrorist*",
    ),
    "domestic_abuse": (
        "domestic abuse", "domestic violence", "my partner hit*", "my husband hit*",
        "my wife hit*", "my boyfriend hit*", "my girlfriend hit*", "my ex", "controlling partner",
        "coercive",
    ),
    "violence": (
        "assault*", "attacked", "punched", "stabbed", "stabbing", "knife", "knives", "gun",
        "guns", "weapon*", "beat me", "beaten up", "threatened to kill", "threatening to kill",
        "threatened to hurt", "fighting", "fights", "violent", "violence", "smash my face",
        "smash his face", "do me in", "batter me", "kill me", "hurt me", "beat me up",
        "kick my head in", "kick his head in", "kick your head in", "head kicked in",
        "break my legs", "knock me out", "brawl*", "punch-up*", "punch up", "fist fight*",
        "threatened to batter", "threatened to punch", "threatened to beat", "going to batter",
        "going to hit", "going to punch", "glassed", "headbutt*", "stab me", "stab you",
        "stab him", "stab her", "kill you", "kill him", "knife me", "glass me", "do you in",
        # added after blind J/K: threats to a head or face, fights described plainly
        "head in", "face in", "teeth in", "threaten* to stab", "threaten* to knock",
        "threaten* to smash", "knock him out", "knock you out", "knock her out", "squares up",
        "squared up", "squaring up", "fight each other", "fighting each other", "punching",
        "fist fights", "scrap*", "stab my",
    ),
    "drug_dealing": (
        "dealing drugs", "drug dealing", "drug dealer*", "dealers", "dealing", "selling drugs",
        "county lines", "cuckooing", "trap house", "dealin", "deal drugs", "packages",
        "sells drugs", "selling weed", "drug den", "crack house", "little bags", "small bags",
        "small packets", "little packets", "packets change hands", "wraps",
        "supply drugs", "supplying drugs", "supplying", "foot traffic", "shottin*", "shotting",
        "baggies", "bags for cash", "drug runners", "stash*", "selling to",
    ),
}
OTHER_KEYWORDS: dict[str, tuple[str, ...]] = {
    "harassment": (
        "harass*", "intimidat*", "threaten*", "abusive", "abusing", "stalking", "following me",
        "verbal abuse", "swearing at me", "bully*", "spitting at", "abuse", "rumours",
        "lies about me", "nasty notes", "filming me", "filmed me", "photos of me",
        "pictures of me", "calls me names", "calling me names", "staring at me", "have a go",
        "having a go", "picks on me", "picking on me", "film me", "films me", "recording me",
        "records me", "laugh at me", "laughs at me", "laughing at me", "mocking me", "mocks me",
        "glares", "glaring", "watching me", "watches me", "spying", "follows me",
        "false complaints", "complaints about me", "reporting me", "liar", "name calling",
        "insults", "insulting", "shouts names", "shout names", "nasty messages",
        "nasty things about me", "about me online", "on facebook", "social media",
        "knocking on my door", "knocks on my door", "banging on my door", "bangs on my door",
        "won't leave me alone", "wont leave me alone", "hassl*", "pester*", "victimis*",
        "stare in", "staring in", "stand outside my",
        "standing outside my", "since i complained", "since i reported", "telling people",
        "telling everyone", "spreading", "paedo", "pedo", "a grass", "grassing", "snitch",
        "won't go away", "wont go away", "asking for money", "turning up at my door",
        "turns up at my door",
        # added after blind J/K: abuse shouted at the resident, doorbells, cameras on the home
        "abuse at me", "screams abuse", "shouts abuse", "shouting abuse", "whenever i walk past",
        "every time i walk past", "when i walk past", "doorbell", "rings my bell",
        "ringing my bell", "knock and run", "runs off", "cctv", "camera into", "camera at my",
        "pointed her camera", "pointed his camera", "pointing his camera", "pointing her camera",
    ),
    "drug_dealing": (
        "coming and going", "in and out all", "visitors at all hours", "minute stays",
        "minute visits", "short visits", "short stays", "cars pulling up", "cars pull up",
        "selling", "sells", "for cash", "handing over", "hand over", "handovers", "deals",
        "pulls up", "pull up", "runs out to", "run out to", "every hour", "to buy",
    ),
    "drugs_alcohol": (
        "drugs", "drug", "cannabis", "weed", "drunk*", "drinking", "needles", "nitrous",
        "laughing gas", "canisters", "drug waste", "cans", "skunk", "crack pipe*", "inject*",
        "smoking crack", "foil", "smoking", "syringe*", "needle", "heroin", "cocaine", "coke",
        "ketamine", "spliff*", "stoned", "off their face", "off his face", "off her face",
        "booze", "boozing", "alcohol*", "lager", "cider", "vodka", "empties", "pissed",
        "steaming",
    ),
    "vandalism": (
        "graffiti", "vandal*", "smashed", "broken window*", "damage*", "kicked in", "scratched",
        "broke the", "kicked down", "kicking down", "sprayed", "tagging", "taggin",
        "broken on purpose", "smashing", "smash", "smashes", "keyed", "scratching",
        "breaking the", "breaks the", "wrecked", "wrecking", "trashed", "trashing",
        "ripped off", "ripped out", "pulled off", "snapped", "snapping", "spray paint*",
        "tags", "tagged", "tyres down", "slashed", "kicking in", "kicking the fence",
        "pulling the plants", "pulled up the", "pulling up the", "uproot*", "destroy*", "ruined",
        "jamming", "jammed", "kicking the doors", "kicking doors", "kicks the doors", "swear words",
    ),
    "vehicle_nuisance": (
        "motorbike*", "quad bike*", "moped*", "scooter*", "e-scooter*", "revving",
        "dangerous driving", "joyriding", "repairing cars", "car repairs", "fixing cars",
        "wheelies", "car repair*", "scramblers", "off-road bikes", "doughnuts", "off road",
        "handbrake turns", "fixes cars", "fixing cars", "dirt bikes", "speeding", "revs",
        "rev their", "rev his", "engines", "engine running", "quads", "racing", "boy racers",
        "screeching", "rat run", "speed through", "joyrid*", "burnouts", "electric bike*",
        "e-bike*", "ebike*", "bikes on the path*", "riding on the pavement", "flying along",
        "flying up and down", "washing cars", "car wash", "valet*", "cycling on",
    ),
    "groups_communal": (
        "gang*", "group of", "groups of", "youths", "teenagers", "hanging around", "loitering",
        "stairwell", "communal", "hallway", "lift", "congregat*", "sleeping in the",
        "fire door", "propping", "propped", "lobby", "entrance", "hanging about", "hang about",
        "hang around", "hangs about", "hangs around", "gather*", "crowd*", "foyer", "bin room",
        "bike store", "rough sleep*", "lads", "teens", "benches", "playground", "play area",
        "shared garden", "shared area", "shared hallway", "don't even live here",
        "dont even live here", "don't live here", "dont live here", "do not live here",
        "non-residents", "non residents", "dozens of people", "strangers",
    ),
    "pets_animals": (
        "dog", "dogs", "barking", "cat", "cats", "animal*", "pet", "pets", "fouling", "dog mess",
        "dog poo", "off the lead", "barks", "howl*", "yapping", "pigeon*", "droppings",
        "feeding the", "feeds the", "cockerel", "chickens", "puppies", "kennel", "snake*",
        "reptile*", "rabbit*", "parrot*", "ferret*", "huskies", "husky",
    ),
    "environmental": (
        "rubbish", "fly-tipping", "fly tipping", "flytipping", "dumping", "dumped", "litter",
        "overgrown", "garden", "bins", "mess", "fly tip*", "bin bags", "black bags",
        "mattress*", "fridge*", "sofa*", "junk", "waste", "burn* rubbish", "bonfire*",
        "rats", "vermin", "food out of the window", "throws rubbish", "throw rubbish",
        "throwing rubbish", "ashtray*", "cigarette butts", "cigarette ends", "fag ends",
        "furniture", "bags of rubbish", "a jungle",
    ),
    "noise": (
        "noise", "noisy", "loud*", "music", "party", "parties", "shouting", "screaming",
        "banging", "bass", "drilling", "stereo", "racket", "tv", "telly", "karaoke",
        "screams", "bangs", "stomping", "speakers", "sound system", "singing", "blasting",
        "blaring", "booming", "thumping", "slamming", "hammering", "can't sleep", "cant sleep",
        "keeping me awake", "keeps me awake", "kept awake", "woken up", "wakes me", "generator*",
        "power tools", "machinery", "drums", "drumming", "volume", "slam*", "full blast",
        "firework*", "like a bomb", "bang", "weights",
    ),
}
# fmt: on


# Objects that carry a category's keyword but not its meaning ("an old knife block" dumped).
NEUTRAL = re.compile(r"\bknife (?:block|blocks|set|sets|drawer|rack)\b", re.IGNORECASE)
# Selling sex has no category of its own: other_asb, not drug dealing.
SEX_WORK = re.compile(
    r"\b(?:brothel|selling sex|sex work\w*|prostitut\w*|punters)\b", re.IGNORECASE
)
# A settled past matter before the report ("my ex hit me years ago, that's all sorted, but..."):
# only the words after it are the description.
SETTLED = re.compile(
    r"\b(?:(?:that'?s|that is|it'?s|it is|all|been) (?:all )?"
    r"(?:sorted|dealt with|over with|behind (?:me|us))"
    r"|(?:has|have|it'?s|that'?s|all) (?:all )?calmed down|(?:was|were|got) evicted"
    r"|(?:been|is|was) no (?:trouble|bother)|(?:been|it'?s been|it has been) quiet since)\b"
    r".*?\b(?:but|i'?m messaging|i am messaging|i'?m writing|i am writing"
    r"|what i (?:actually )?want to report)\b",
    re.IGNORECASE,
)


REPORT_PIVOT = re.compile(
    r"\b(?:i'?m |i am )?(?:only |just |actually )?"
    r"(?:messaging|writing|contacting you) (?:because|about)\b",
    re.IGNORECASE,
)


def _compile(table: Mapping[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    """Whole words or phrases; a trailing `*` matches any ending ("harass*" -> "harassing")."""
    compiled = {}
    for category, words in table.items():
        parts = []
        for word in words:
            body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
            parts.append(rf"\b{body}" + ("" if word.endswith("*") else r"\b"))
        compiled[category] = re.compile("|".join(parts), re.IGNORECASE)
    return compiled


_HIGH_RISK = _compile(HIGH_RISK_KEYWORDS)
_OTHER = _compile(OTHER_KEYWORDS)


def _keyword_hits(text: str, table: Mapping[str, re.Pattern[str]]) -> dict[str, int]:
    """Keyword hits per category (categories without hits left out), in table order."""
    hits = {category: len(pattern.findall(text)) for category, pattern in table.items()}
    return {category: n for category, n in hits.items() if n}


def _keyword_category(text: str, table: Mapping[str, re.Pattern[str]]) -> str | None:
    """The category with most keyword hits (ties: the first listed)."""
    best: tuple[int, str] | None = None
    for category, hits in _keyword_hits(text, table).items():
        if best is None or hits > best[0]:
            best = (hits, category)
    return best[1] if best else None


# The classifier's category gives way to the keywords only when they clearly say something else:
# at least this many hits for one other category and none for the classifier's.
KEYWORDS_OVERRULE_INTENT = 2


def intent_category(intent: Mapping[str, Any] | None) -> str | None:
    """`asb_noise` -> `noise`, when the intent is one of ours and confident enough."""
    if not intent:
        return None
    name = str(intent.get("name") or "")
    confidence = float(intent.get("confidence") or 0.0)
    if not name.startswith(INTENT_PREFIX) or confidence < MIN_INTENT_CONFIDENCE:
        return None
    category = name[len(INTENT_PREFIX) :]
    return category if category in CATEGORIES else None


def infer_category(text: str | None, intent: Mapping[str, Any] | None = None) -> str:
    """The category code for a description (see the module docstring for the order)."""
    text = NEUTRAL.sub(" ", text or "")
    settled = SETTLED.search(text)
    if settled:
        text = text[settled.end() :]
    pivot = REPORT_PIVOT.search(text)
    if pivot:
        text = text[pivot.end() :]  # "I'm only messaging because ...": the report follows
    if SEX_WORK.search(text) and not _keyword_hits(text, _HIGH_RISK):
        return UNKNOWN
    high_risk = _keyword_category(text, _HIGH_RISK)
    if high_risk:
        return high_risk
    from_intent = intent_category(intent)
    from_words = _keyword_category(text, _OTHER)
    if from_intent and from_words and from_words != from_intent:
        hits = _keyword_hits(text, _OTHER)
        if hits[from_words] >= KEYWORDS_OVERRULE_INTENT and from_intent not in hits:
            return from_words
    return from_intent or from_words or UNKNOWN


@dataclass(frozen=True)
class CategoryGuess:
    """The inferred category, whether it is clear enough to use without asking, and the likely
    categories to offer when it is not (best first, at most three, never `other_asb`)."""

    category: str
    clear: bool
    candidates: tuple[str, ...] = ()


CLEAR_INTENT_CONFIDENCE = 0.8
# Without a confident intent, the top keyword category is clear when it has at least this many
# times the hits of the next one (one category alone is always clear).
CLEAR_KEYWORD_RATIO = 2


def _keyword_ranking(text: str) -> list[str]:
    """Categories with keyword hits, most hits first (high-risk tables first on ties)."""
    return [category for category, _hits in _ranked_hits(text)]


def _ranked_hits(text: str) -> list[tuple[str, int]]:
    """(category, hits) for every category with keyword hits, most hits first; the two tables
    are merged (drug dealing has strong and weak words), high-risk first on ties."""
    merged: dict[str, int] = {}
    order: dict[str, int] = {}
    for position, (category, pattern) in enumerate((*_HIGH_RISK.items(), *_OTHER.items())):
        count = len(pattern.findall(text))
        if count:
            merged[category] = merged.get(category, 0) + count
            order.setdefault(category, position)
    return sorted(merged.items(), key=lambda item: (-item[1], order[item[0]]))


def category_guess(text: str | None, intent: Mapping[str, Any] | None = None) -> CategoryGuess:
    """`infer_category` plus how sure it is, and up to three candidates to offer when it is not.

    Clear when: one high-risk category's words decide (and no other high-risk category is
    named too); or a confident intent (>= 0.8) is not contradicted by the words (they are
    silent or agree); or, without such an intent, the words point at one category only or
    clearly more at one (CLEAR_KEYWORD_RATIO). Unclear when nothing points anywhere
    (`other_asb`), when the intent and the words disagree, or when the words are mixed."""
    text = text or ""
    category = infer_category(text, intent)
    ranked = _ranked_hits(text)
    ranking = [name for name, _hits in ranked]
    from_intent = intent_category(intent)
    confidence = float((intent or {}).get("confidence") or 0.0)
    high_risk = _keyword_hits(text, _HIGH_RISK)
    if category == UNKNOWN:
        clear = False
    elif high_risk:
        clear = len(high_risk) == 1 and category in high_risk
    elif from_intent and confidence >= CLEAR_INTENT_CONFIDENCE:
        clear = from_intent == category and (not ranking or ranking[0] == category)
    elif ranked and ranked[0][0] == category:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        clear = ranked[0][1] >= CLEAR_KEYWORD_RATIO * runner_up
    else:
        clear = False
    candidates: list[str] = []
    for option in (category, from_intent, *ranking):
        if option and option != UNKNOWN and option not in candidates:
            candidates.append(option)
    return CategoryGuess(category, clear, tuple(candidates[:3]))
