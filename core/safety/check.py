"""The decision: `check(text)` gives the route a message calls for (a `SafetyResult`) or None;
`mentions_harm(text)` says whether it has words of harm whatever the tense. The routes and the
intents the conversation rules react to are defined here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.safety.abuse_hate_crime import (
    CENSORED_SLUR,
    CRIME_PAST,
    DAMAGE_ONLY,
    DOMESTIC,
    GROUP_DANGER,
    HATE_RE,
    IDENTITY,
    IDENTITY_PERSONAL,
    NOT_ABUSE,
    PERSONAL_ACT,
    REPEATED,
    RESOLVED,
    TARGETED_ACT,
    VICTIM_OF_OTHER,
)
from core.safety.broad_families import (
    BODILY,
    BROAD_PAST,
    CHILD_DANGER,
    HARM,
    SAFE,
    WEAPON_USE,
    broad_emergency,
    drunk_at_parties,
    injury_is_over,
)
from core.safety.emergency import (
    EMERGENCY_NOW,
    HABITUAL,
    IN_PROGRESS,
    NOW,
    PAST,
    PEOPLE_SMOKING,
    SMOKE_NUISANCE,
    STRONG,
    emergency_reason,
)
from core.safety.text import defuse, normalise

EMERGENCY = "emergency"
DOMESTIC_ABUSE = "domestic_abuse"
HATE = "hate"
CRIME_101 = "crime_101"
ROUTES = (EMERGENCY, DOMESTIC_ABUSE, HATE, CRIME_101)
# Emergency reasons that put someone at risk who needs safeguarding (a child, an adult at risk,
# someone threatening self-harm): the result carries the safeguarding flag.
SAFEGUARDING_REASONS = frozenset({"self_harm", "child_at_risk", "welfare"})
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


# "... last week, and now ...": the story moves from the past to the present. What follows "now"
# is judged on its own (an emergency there is one); otherwise "and now" is not an urgency cue.
NARRATIVE_NOW = re.compile(r" (?:and|but|so) (?:right )?now ")


def mentions_harm(text: str) -> bool:
    """Words of harm or danger whatever the tense ("he had a knife", "there was blood"), after
    figures of speech are set aside: the form adds a 999 line when such a message was not
    routed as an emergency, in case it is one after all."""
    norm = defuse(normalise(text))
    return any(pattern.search(norm) for pattern in (HARM, BODILY, CHILD_DANGER, WEAPON_USE))


@lru_cache(maxsize=1024)  # a message is checked by its NLU components and by the routing
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
    while found and drunk_at_parties(norm, found.group(0)):
        found = EMERGENCY_NOW.search(norm, found.end())  # passed out at the weekly parties
    emergency = found.group(0) if found else None
    if emergency:
        reason = emergency_reason(emergency)
        if reason in SAFEGUARDING_REASONS:
            flags.add("safeguarding")
        if reason == "self_harm" and _coercive_threat(norm, bool(domestic)):
            flags.add("domestic_abuse")
            return SafetyResult(DOMESTIC_ABUSE, "domestic_abuse", frozenset(flags))
        past = PAST.search(norm)
        over = past or HABITUAL.search(norm)
        lasting = reason in ("self_harm", "child_at_risk", "injured")
        if reason == "injured" and injury_is_over(norm, emergency):
            lasting = False
        now = (NOW.search(norm) or STRONG.search(norm) or _going_on(norm, found)) and not (
            over and SAFE.search(norm)
        )
        if not over or lasting or now:
            return SafetyResult(EMERGENCY, reason, frozenset(flags))
        if not past:
            emergency = None  # a habit ("always fighting"): ASB unless more is said below
    broad = broad_emergency(norm)
    if broad:  # the broad families weigh past and habit markers themselves
        if broad[1] in SAFEGUARDING_REASONS:
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


# A break-in told in the present progressive, whatever else is past ("the lads who threatened me
# last week are downstairs trying to get through the main door": blind split S16): "is", "are",
# "am" (or "'s", "'re", "'m") and at most two words before the break-in's words.
GOING_ON = re.compile(r" (?:is|are|am|s|re|m)(?: (?!been\b|was\b|were\b)\w+){0,2} $")
BREAKING_IN = re.compile(
    r" ?(?:breaking|kicking|forcing|smashing|climbing|trying to (?:break|get|kick|force|smash))"
    r" (?:in|into|through|down)\b"
)


def _going_on(norm: str, found: re.Match[str]) -> bool:
    """The emergency match `found` is a break-in said as going on now."""
    return bool(BREAKING_IN.match(found.group(0)) and GOING_ON.search(norm[: found.start() + 1]))


# A partner's threat of self-harm used to control ("threatens to kill herself if I go out"):
# domestic abuse (coercive control), with the safeguarding flag, unless it is happening now.
COERCIVE_SELF_HARM = re.compile(
    r" threat\w* to (?:kill|hurt|harm|top|end) "
    r"(?:himself|herself|themselves|his (?:own )?life|her (?:own )?life)"
    r"(?: and (?:me|us|the kids|the children))?(?: \w+){0,3} "
    r"(?:if|when|unless|every time) (?:i|we) "
)


# The same threat said the other way round, on leaving: "if I leave he'll kill himself".
LEAVING_SELF_HARM = re.compile(
    r" if (?:i|we) (?:ever )?(?:leave|left|go|split up|break up|end it|move out)\b(?: \w+){0,4} "
    r"(?:he|she|they) (?:will|would|is going to|says he will|says she will) "
    r"(?:kill|hurt|harm|top) (?:himself|herself|themselves)\b"
)


def _coercive_threat(norm: str, domestic: bool) -> bool:
    """A partner's threat of self-harm used to control, not said to be happening now."""
    threat = (domestic and COERCIVE_SELF_HARM.search(norm)) or LEAVING_SELF_HARM.search(norm)
    return bool(threat) and (bool(SAFE.search(norm)) or not NOW.search(norm))


def _emergency_match(norm: str) -> re.Match[str] | None:
    """The first emergency pattern that matches, ignoring smoke that comes from smoking,
    cannabis, barbecues or bonfires when nothing else says fire."""
    match = EMERGENCY_NOW.search(norm)
    nuisance = SMOKE_NUISANCE.search(norm) or PEOPLE_SMOKING.search(norm)
    if match and nuisance and re.search(r"smok", match.group(0)):
        if not re.search(r" fire\b| flames| alight| ablaze| burning| on fire", norm):
            rest = EMERGENCY_NOW.search(norm, match.end())
            while rest and re.search(r"smoke", rest.group(0)):
                rest = EMERGENCY_NOW.search(norm, rest.end())
            return rest
    return match
