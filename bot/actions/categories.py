"""Infer a DOMAIN section 5 category code from the resident's description (first version).

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

from asb.codes import CATEGORIES

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
        "go back to your country", "go back to where you came from",
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
    ),
    "drug_dealing": (
        "dealing drugs", "drug dealing", "drug dealer*", "dealers", "dealing", "selling drugs",
        "county lines", "cuckooing", "trap house", "dealin", "deal drugs", "packages",
        "sells drugs", "selling weed", "drug den", "crack house",
    ),
}
OTHER_KEYWORDS: dict[str, tuple[str, ...]] = {
    "noise": (
        "noise", "noisy", "loud*", "music", "party", "parties", "shouting", "screaming",
        "banging", "bass", "drilling", "stereo", "racket", "tv", "telly", "karaoke",
        "screams", "bangs", "stomping",
    ),
    "harassment": (
        "harass*", "intimidat*", "threaten*", "abusive", "abusing", "stalking", "following me",
        "verbal abuse", "swearing at me", "bully*", "spitting at", "abuse", "rumours",
        "lies about me", "nasty notes", "filming me", "filmed me", "photos of me",
        "pictures of me", "calls me names", "calling me names", "staring at me", "have a go",
        "having a go", "picks on me", "picking on me",
    ),
    "drugs_alcohol": (
        "drugs", "drug", "cannabis", "weed", "drunk*", "drinking", "needles", "nitrous",
        "laughing gas", "canisters", "drug waste", "cans", "skunk", "crack pipe*",
        "smoking crack", "foil", "smoking",
    ),
    "vandalism": (
        "graffiti", "vandal*", "smashed", "broken window*", "damage*", "kicked in", "scratched",
        "broke the", "kicked down", "kicking down", "sprayed", "tagging",
        "broken on purpose",
    ),
    "vehicle_nuisance": (
        "motorbike*", "quad bike*", "moped*", "scooter*", "e-scooter*", "revving",
        "dangerous driving", "joyriding", "repairing cars", "car repairs", "fixing cars",
        "wheelies", "car repair*", "scramblers", "off-road bikes", "doughnuts", "off road",
        "handbrake turns", "fixes cars", "fixing cars", "dirt bikes", "speeding",
    ),
    "groups_communal": (
        "gang*", "group of", "groups of", "youths", "teenagers", "hanging around", "loitering",
        "stairwell", "communal", "hallway", "lift", "congregat*", "sleeping in the",
        "fire door", "propping", "propped", "lobby", "entrance",
    ),
    "pets_animals": (
        "dog", "dogs", "barking", "cat", "cats", "animal*", "pet", "pets", "fouling", "dog mess",
        "dog poo", "off the lead",
    ),
    "environmental": (
        "rubbish", "fly-tipping", "fly tipping", "flytipping", "dumping", "dumped", "litter",
        "overgrown", "garden", "bins", "mess",
    ),
}
# fmt: on


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


def _keyword_category(text: str, table: Mapping[str, re.Pattern[str]]) -> str | None:
    """The category with most keyword hits (ties: the first listed)."""
    best: tuple[int, str] | None = None
    for category, pattern in table.items():
        hits = len(pattern.findall(text))
        if hits and (best is None or hits > best[0]):
            best = (hits, category)
    return best[1] if best else None


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
    text = text or ""
    return (
        _keyword_category(text, _HIGH_RISK)
        or intent_category(intent)
        or _keyword_category(text, _OTHER)
        or UNKNOWN
    )


@dataclass(frozen=True)
class CategoryGuess:
    """The inferred category, whether it is clear enough to use without asking, and the likely
    categories to offer when it is not (best first, at most three, never `other_asb`)."""

    category: str
    clear: bool
    candidates: tuple[str, ...] = ()


CLEAR_INTENT_CONFIDENCE = 0.8


def _keyword_ranking(text: str) -> list[str]:
    """Categories with keyword hits, most hits first (high-risk tables first on ties)."""
    hits = []
    for order, (category, pattern) in enumerate((*_HIGH_RISK.items(), *_OTHER.items())):
        count = len(pattern.findall(text))
        if count:
            hits.append((-count, order, category))
    return [category for _, _, category in sorted(hits)]


def category_guess(text: str | None, intent: Mapping[str, Any] | None = None) -> CategoryGuess:
    """`infer_category` plus how sure it is: clear when a high-risk keyword decides, or when a
    confident intent and the keywords agree (or the keywords are silent)."""
    text = text or ""
    category = infer_category(text, intent)
    ranking = _keyword_ranking(text)
    from_intent = intent_category(intent)
    confidence = float((intent or {}).get("confidence") or 0.0)
    if _keyword_category(text, _HIGH_RISK):
        clear = True
    elif category == UNKNOWN:
        clear = False
    elif from_intent == category and confidence >= CLEAR_INTENT_CONFIDENCE:
        clear = not ranking or ranking[0] == category
    else:
        clear = len(ranking) == 1
    candidates: list[str] = []
    for option in (category, from_intent, *ranking):
        if option and option != UNKNOWN and option not in candidates:
            candidates.append(option)
    return CategoryGuess(category, clear, tuple(candidates[:3]))
