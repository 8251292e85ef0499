"""Safety advice for an answer to a report question: what the answer itself calls for.

Residents answering "where", "is it happening now", "when", "who" or "witnesses" use danger words
in ordinary ways: "no one is hurt, it's just the noise", "there are no weapons, just music", "by
the old fire station", "the man who got done for GBH years back, now he's just noisy". The
classifiers read such words as an emergency or a past crime, and the report used to answer with
999 or 101 advice: a false alarm that scares people who are not in danger.

For an answer, the advice depends on the question being answered, negation and tense:
- a real danger now ("he's outside my door right now with a knife", "a toddler's gone in the
  water") still gets the 999 advice first, whatever the question, and so does any answer a
  classifier reads as an emergency unless the answer itself says no one is in danger;
- danger words that are negated or reassured ("nobody hurt", "no weapons", "I'm fine") or over
  ("they all left", "the police came") are kept as the answer, with no advice;
- a crime that has already happened gets no 101 advice in the middle of the report (the answer
  is kept; the description is where that advice belongs);
- domestic abuse and hate found by the deterministic safety layer keep their advice (it changes
  who deals with the case), but not when only a classifier guessed them.
"""

from __future__ import annotations

import re

from core import safety
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
    {"harassment", "hate", "domestic_abuse", "violence", "drug_dealing", "groups_communal",
     "vandalism", "other_asb"}
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
    r" harmless\b| no harm\b| no trouble\b| no real danger\b| not in any danger\b",
    r" (?:i am|im|we are|were|she is|shes|he is|hes|they are|theyre|everyone is|everybody is|"
    r"all) (?:all )?(?:fine|safe|ok|okay|alright|all right|not hurt|not scared)\b",
    r" (?:dont|do not|no need to) send (?:anyone|anybody|the police|police)\b",
    r" (?:it|this) (?:is|isnt|is not) (?:not )?(?:an )?emergency\b",
    r" on (?:the )?(?:telly|tv|television|xbox|playstation|film|radio)\b| a (?:film|movie|game)\b",
    r" (?:was|were|it was) (?:just|only) (?:fireworks|a film|the telly|the tv|music|noise|"
    r"a game|kids)\b| no actual (?:fire|danger|violence)\b| out of control\b",
)
# The danger is over: they left, it was earlier, the police came.
OVER = _any(
    r" (?:they|he|she|everyone|everybody) (?:have |has |had )?(?:all )?(?:gone|left|moved on)\b",
    r" (?:its|it is|that is|thats) (?:all )?(?:over|done|cleaned up|sorted)\b",
    r" (?:police|ambulance|fire brigade|fire engine) (?:came|took|has been|have been|sorted)\b",
    r" (?:been|it has been|its been|it is been) quiet since\b| nothing since\b",
    r" (?:is|are|was) out within\b| (?:is|are) ok now\b| (?:is|are) fine now\b",
)
# Words that place the answer in the present ("right now", "as we speak"), not negated.
PRESENT = _any(
    r"(?<! not)(?<! no)(?<! not right) (?:right )?now\b(?! (?:anyway|though|probably))",
    r" as we speak| as i (?:type|write|am typing)| this minute| at the moment\b",
    r" (?:is|are|s|re) (?:still )?(?:here|outside|on the landing|in the (?:hallway|corridor))\b",
)
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
    r"(?: now| right now| is| are| s| re) (?:\w+ )?(?:smashing|wrecking|trashing|kicking)"
    r" (?:up |in )?(?:the|my|our|his|her) (?:flat|house|place|home|door)\b",
    # someone held or taken against their will, a child above all
    r" (?:will not|wont|would not|wouldnt) let (?:him|her|me|us|them|my \w+) (?:out|go|leave)\b",
    r" (?:locked|locking) (?:him|her|me|us|them|my \w+) (?:in|up)\b",
    r" (?:grabbed|snatched|dragged|bundled|abducted|kidnapped) (?:my|our|a|the|his|her)"
    r" (?:little |young |\d+ year old )?(?:son|daughter|girl|boy|kid|child|baby|toddler)\b",
    r" (?:is|has|have) got (?:my|our) (?:little |young |\d+ year old )?(?:son|daughter|girl|boy|"
    r"kid|child|baby|toddler)\b(?! (?:to|at|from|for|on|in|with me|this))",
    r" (?:taken|took|dragged|pulled|bundled|forced) (?:him|her|them) (?:into|in) (?:that|their|"
    r"his|a strangers|a stranger s|the back of) (?:car|van|flat|house|room|their car)\b",
    r" never see (?:him|her|them|you|us) again\b",
    # a vehicle used against people
    r" (?:driving|going|drove|aiming|aimed|swerving|revving) (?:it |the car |his car |their car )?"
    r"(?:at|towards|into) (?:people|kids|children|pedestrians|us|me|them|the kids)\b",
)


def _words(text: str) -> str:
    return defuse(normalise(text))


def reassured(text: str) -> bool:
    """The answer says no one is in danger, or that the danger is over."""
    norm = normalise(text)
    return bool(REASSURED.search(norm) or OVER.search(norm))


def danger_now(text: str) -> bool:
    """The answer itself describes danger happening now: harm words in the present, or a
    danger that speaks for itself (someone not moving, an overdose, a child taken)."""
    if DANGER_NOW.search(_words(text)):
        return True
    return present(text) and safety.mentions_harm(text)


def present(text: str) -> bool:
    """The answer is about now ("right now", "as we speak"), not negated."""
    return bool(PRESENT.search(normalise(text)))


def answer_advice(text: str, intent: str | None) -> str | None:
    """The safety route whose advice an answer to a report question gets, or None (the answer
    is kept with no advice). `intent` is the NLU's final intent for the message."""
    found = safety.check(text)
    guessed = safety.INTENT_ROUTES.get(str(intent or ""))
    if found is not None and found.route in (safety.DOMESTIC_ABUSE, safety.HATE):
        return found.route
    if found is not None and found.route == safety.EMERGENCY:
        if danger_now(text) or not reassured(text):
            return safety.EMERGENCY
        return None
    if guessed == safety.EMERGENCY and (found is None or found.route == safety.CRIME_101):
        # Only a classifier's reading: it stands unless the answer says no one is in danger or
        # that it is over (a danger told in the same answer outweighs the reassurance).
        if danger_now(text) or not reassured(text):
            return safety.EMERGENCY
    return None


def harm_line_due(text: str) -> bool:
    """An answer not routed to a safety route: the form's "if anyone is hurt or in danger right
    now, call 999" line is due only when the answer shows danger may be happening now."""
    return danger_now(text) and not reassured(text)
