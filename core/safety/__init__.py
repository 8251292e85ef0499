"""The deterministic safety layer: which messages must override the normal report.

`check(text)` returns a `SafetyResult` (route, reason, flags) or None. It runs on every resident
message (the NLU component `bot.nlu.SafetyOverride`, and `asb classify`), before and regardless of
the ML classifier, which only backs it up. Routes, most urgent first (docs/domain.md section 4):

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

The package: `text` normalises a message and defuses figures of speech; `emergency` holds the
reviewed lexicon of emergencies (and the markers of past, habit and now); `abuse_hate_crime` the
lexicon of domestic abuse, hate and past crime; `broad_families` the broad families; `check`
the result, the routes and the decision. Add phrasings to the lexicon and a test under
tests/core/safety/.

Other languages: `check(text, language=...)` (or the language detected) also reads the message
with that language's lexicon in `languages` (Welsh, Polish, Romanian, Panjabi, Urdu,
Portuguese; see core/safety/languages/__init__.py).
"""

from core.language_detect import ENGLISH, detect
from core.safety.check import (
    CRIME_101,
    DOMESTIC_ABUSE,
    EMERGENCY,
    HATE,
    INTENT_ROUTES,
    ROUTES,
    SAFETY_INTENTS,
    SafetyResult,
)
from core.safety.check import check as check_english
from core.safety.check import mentions_harm as mentions_harm_english
from core.safety.languages import (
    LANGUAGE_CODES,
    check_language,
    english_reading,
    mentions_danger,
)
from core.safety.text import defuse, normalise

# Most urgent first: which of two results stands when both the English layer and a language's
# lexicon find something in one message.
_URGENCY = (EMERGENCY, DOMESTIC_ABUSE, HATE, CRIME_101)


def _language_code(text: str, language: str | None) -> str:
    """`language`'s base code ("pl-PL" -> "pl"), or the detected language when None."""
    return (language or detect(text or "")).replace("_", "-").split("-")[0].lower()


def mentions_harm(text: str, language: str | None = None) -> bool:
    """Words of harm or danger whatever the tense (`core.safety.check.mentions_harm`), and in a
    message in another supported language (given, or detected when None) that language's words
    of danger or self-harm too."""
    if mentions_harm_english(text):
        return True
    code = _language_code(text, language)
    return code != ENGLISH and mentions_danger(text or "", code)


def check(text: str, language: str | None = None) -> SafetyResult | None:
    """The route a message calls for, or None (see the package docstring).

    English words are always read (residents mix them in: "knife", "help"). A message in Welsh,
    Polish, Romanian, Panjabi, Urdu or Portuguese, by `language` or detected when it is None
    (core/language_detect.py), is read with that language's lexicon too
    (core/safety/languages/), and the more urgent route stands; the English layer then reads it
    without the language's false friends (Welsh "gas", nasty). English messages get the English
    layer's answer alone."""
    code = _language_code(text, language)
    if code == ENGLISH or code not in LANGUAGE_CODES:
        return check_english(text)
    # the language's words that are English words of danger ("gas" is "nasty" in Welsh) aside
    english = check_english(english_reading(text, code))
    found = check_language(text, code)
    if found is None or english is None:
        return found or english
    return min((found, english), key=lambda result: _URGENCY.index(result.route))


__all__ = [
    "CRIME_101",
    "DOMESTIC_ABUSE",
    "EMERGENCY",
    "HATE",
    "INTENT_ROUTES",
    "ROUTES",
    "SAFETY_INTENTS",
    "SafetyResult",
    "check",
    "check_english",
    "check_language",
    "mentions_danger",
    "defuse",
    "mentions_harm",
    "mentions_harm_english",
    "normalise",
]
