"""The safety layer in Welsh, Polish, Romanian, Panjabi, Urdu and Portuguese (issue 16).

One module per language (`cy.py`, `pl.py`, ...) holds a `LEXICON`: declarative tables of
patterns, reviewed like the English lexicon (core/safety/emergency.py). `check_language(text,
code)` reads a message with its language's lexicon and gives the same `SafetyResult` routes as
the English layer:

- `danger` (by reason: weapon, violence_now, fire, taken, threat_to_life, intruder, injured):
  an emergency, unless the words are negated ("nie ma noża": there is no knife; a negation word
  just before the match, or just after it in Urdu and Panjabi, whose verbs come last) or the
  message says it is over (`past`: "wczoraj", "last week" forms) and nothing says now (`now`,
  unless `safe` says the resident is safe now).
- `self_harm`: an emergency with the safeguarding flag, whatever the tense (as in English);
  so is `injured` (a fall from a window, someone unconscious).
- `domestic`: abuse by a partner, ex or family member; `family` words with `abuse` words in
  the same message count too. An emergency still wins when the abuse is happening now: a
  weapon, fire or threat to life, or violence with a word of now (the plain present, "mnie
  bije", is also the habit: domestic abuse, as "he hits me" is in English).
- `left`: the danger has gone ("już poszedł"): over, even with a "now" word.
- `urgent` with `harm`: a call for help now ("ratunku", "socorro", "call the police") and any
  word of harm is an emergency (reason `urgent_harm`), a broad net for wordings the danger
  table lacks.
- `hate`: said to be because of race, religion, nationality, disability, sexuality or gender
  identity (`hate`), or an `identity` word with a `hostile` act.
- `crime`: a crime that is over (stolen, broken into, robbed): 101; so is a break-in that is
  over. A fight, a threat or a fire that is over is no safety route: the topic tables and the
  classifiers give it its ASB category (violence, vandalism).
- `safe`: the resident says they are safe now: a word of now is then no urgency.
- `present`: the one who harms is there and will not leave, or the resident is locked in or
  hiding: an emergency (reason `trapped`), abuse by a partner included.

Matching is on folded text (`fold`): lower case, Latin accents removed ("ł" -> "l", "ş"/"ș" ->
"s"), Urdu letter variants unified (Arabic "ي"/"ك"/"ه" -> Urdu "ی"/"ک"/"ہ", short vowels and
tatweel removed), Gurmukhi nukta, tippi, bindi and addak removed, punctuation (apostrophes and
hyphens too: Welsh "mae'r" -> "mae r", "bate-me" -> "bate me") as spaces; the
patterns are folded the same way, so a table is written with its accents and a resident may
type without them. Patterns start with a space (word start) and may end in a stem.

Adding a language: a module here with a `LEXICON`, its code in `LEXICONS`, tests in
tests/core/safety/test_languages.py, and its function words in core/language_detect.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from core.safety.check import CRIME_101, DOMESTIC_ABUSE, EMERGENCY, HATE, SafetyResult

LANGUAGE_CODES = ("cy", "pl", "ro", "pa", "ur", "pt")
# Danger that lasts whatever the tense ("a child fell from the window"), as in English.
LASTING = frozenset({"injured", "taken"})
# Danger that is over and is a crime to report on 101 by itself: a break-in. A fight, a threat
# or a fire that is over is left to the topic tables and the classifiers (ASB violence or
# vandalism, as every blind writer chose), unless the `crime` table says what was taken.
OVER_IS_CRIME = frozenset({"intruder"})
# Danger words that are also the habit of abuse by a partner or relative ("mnie bije": he hits
# me; "não me deixa sair": he doesn't let me go out; an ex who keeps banging on the door):
# domestic abuse unless a word says now.
HABITUAL_WHEN_DOMESTIC = frozenset({"violence_now", "held", "intruder"})
# How many words before (or after) a danger match a negation word cancels it: two, so that
# "nie ma noża" (no knife) is negated and "nie wiem, on ma nóż" (I don't know, he has a knife)
# is not.
NEGATION_WINDOW = 2

# English words residents mix into every language: fittings named with a word of danger, and
# hate said in English ("speak English", "go back to your country").
COMMON = {
    "not_danger": (r" (?:fire|smoke) (?:alarm|door|exit|detector|extinguisher)[^ ]*",),
    "hate": (
        r" speak english| go back to (?:your|ur) (?:own )?country| paki\b| racist",
        r" go home (?:paki|polish|foreigner)| taliban| terrorist",
    ),
}

_URDU_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ة": "ہ", "ۀ": "ہ", "ـ": ""})
_DROPPED_MARKS = frozenset("\u0a70\u0a02\u0a71\u0a3c\u0a01")  # Gurmukhi tippi, bindi, addak, nukta


@dataclass(frozen=True)
class SafetyLexicon:
    """One language's tables (see the package docstring)."""

    code: str
    danger: dict[str, tuple[str, ...]]
    self_harm: tuple[str, ...]
    domestic: tuple[str, ...]
    family: tuple[str, ...]
    abuse: tuple[str, ...]
    hate: tuple[str, ...]
    identity: tuple[str, ...]
    hostile: tuple[str, ...]
    crime: tuple[str, ...]
    past: tuple[str, ...]
    now: tuple[str, ...]
    negation: tuple[str, ...]
    # Urdu and Panjabi put the negation after what it negates ("chaku nahi hai").
    negation_after: bool = False
    # The danger has left ("już poszedł", "já foi embora"): over even with a "now" word ("now
    # he has gone").
    left: tuple[str, ...] = ()
    # A call for help now ("ratunku", "socorro", "call the police") with any word of `harm`
    # (blood, hit, knife, fire, threat...) is an emergency, for wordings the danger table lacks.
    urgent: tuple[str, ...] = ()
    harm: tuple[str, ...] = ()
    # Smoke that comes from smoking, a barbecue or a bonfire (`smoking`) is a nuisance: the
    # words of `smoke` alone are then not a fire (as in English).
    smoke: tuple[str, ...] = ()
    smoking: tuple[str, ...] = ()
    # Words of the language that are English words of danger ("gas" is "nasty" in Welsh, "tan"
    # "until", "fire" "threads" in Romanian): set aside before the English layer reads the
    # message (`english_reading`).
    false_friends: tuple[str, ...] = ()
    # Fittings and drills named with a word of danger ("fire alarm", "fire door", "fire
    # extinguisher"): set aside before the danger and harm tables read the message.
    not_danger: tuple[str, ...] = ()
    # The danger is over or only threatened for later ("it is quiet now", "next time"): not an
    # emergency even with a word of now, nor a crime by itself (a fight that is over, a threat
    # for "next time": ASB violence or harassment by the topic tables).
    calm: tuple[str, ...] = ()
    # The resident says they are safe now ("sunt bine", "dwi'n saff rŵan", "he is at work",
    # "I am at my sister's"): a word of now then tells no urgency, as the English layer's SAFE.
    # Danger said in the present tense is still an emergency ("he has a knife, I'm fine").
    safe: tuple[str, ...] = ()
    # The one who harms is there now and will not leave or lets nobody leave, or the resident
    # is locked in or hiding ("nu vrea să plece", "não a deixa sair", "am încuiat ușa"): danger
    # now (reason `trapped`), and a word of now for the rest of the message.
    present: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Lower case, Latin accents removed, Urdu and Gurmukhi variants unified, punctuation as
    spaces, one space between words and one at each end (so patterns can start with " ")."""
    text = (text or "").casefold().replace("ł", "l").translate(_URDU_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for ch in decomposed:
        if ch in _DROPPED_MARKS or (unicodedata.combining(ch) and not "\u0a00" <= ch <= "\u0a7f"):
            continue
        category = unicodedata.category(ch)
        kept.append(" " if category[0] in "PSZC" else ch)
    words = unicodedata.normalize("NFC", "".join(kept)).split()
    return " " + " ".join(words) + " "


def _fold_pattern(pattern: str) -> str:
    """A pattern folded like the text (accents and letter variants); regex syntax is kept."""
    text = pattern.replace("ł", "l").translate(_URDU_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if ch not in _DROPPED_MARKS
        and not (unicodedata.combining(ch) and not "\u0a00" <= ch <= "\u0a7f")
    )
    return unicodedata.normalize("NFC", kept)


def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_fold_pattern(p)})" for p in patterns))


@dataclass(frozen=True)
class _Compiled:
    lexicon: SafetyLexicon
    danger: tuple[tuple[str, re.Pattern[str]], ...]
    self_harm: re.Pattern[str] | None
    domestic: re.Pattern[str] | None
    family: re.Pattern[str] | None
    abuse: re.Pattern[str] | None
    hate: re.Pattern[str] | None
    identity: re.Pattern[str] | None
    hostile: re.Pattern[str] | None
    crime: re.Pattern[str] | None
    past: re.Pattern[str] | None
    now: re.Pattern[str] | None
    left: re.Pattern[str] | None
    urgent: re.Pattern[str] | None
    harm: re.Pattern[str] | None
    smoke: re.Pattern[str] | None
    smoking: re.Pattern[str] | None
    not_danger: re.Pattern[str] | None
    calm: re.Pattern[str] | None
    safe: re.Pattern[str] | None
    present: re.Pattern[str] | None
    negation: frozenset[str]


@cache
def compiled(code: str) -> _Compiled | None:
    """The compiled tables of a supported language, or None (English and unknown codes)."""
    if code not in LANGUAGE_CODES:
        return None
    lexicon: SafetyLexicon = import_module(f"core.safety.languages.{code}").LEXICON
    tables = {
        name: compile_patterns((*getattr(lexicon, name), *COMMON.get(name, ())))
        for name in (
            "self_harm",
            "domestic",
            "family",
            "abuse",
            "hate",
            "identity",
            "hostile",
            "crime",
            "past",
            "now",
            "left",
            "urgent",
            "harm",
            "smoke",
            "smoking",
            "not_danger",
            "calm",
            "safe",
            "present",
        )
    }
    danger = tuple(
        (reason, pattern)
        for reason, patterns in lexicon.danger.items()
        if (pattern := compile_patterns(patterns)) is not None
    )
    negation = frozenset(fold(word).strip() for word in lexicon.negation)
    return _Compiled(lexicon=lexicon, danger=danger, negation=negation, **tables)


def _found(pattern: re.Pattern[str] | None, norm: str) -> bool:
    return bool(pattern and pattern.search(norm))


def _negated(tables: _Compiled, norm: str, match: re.Match[str]) -> bool:
    """A negation word within NEGATION_WINDOW words before the match (after it in Urdu and
    Panjabi)."""
    if tables.lexicon.negation_after:
        window = norm[match.end() :].split()[:NEGATION_WINDOW]
    else:
        window = norm[: match.start() + 1].split()[-NEGATION_WINDOW:]
    return any(word in tables.negation for word in window)


def danger_now(tables: _Compiled, norm: str) -> str | None:
    """The reason of the first danger the message says and does not negate, or None. Smoke
    from smoking, a barbecue or a bonfire is left out of the fire reason."""
    without_smoke = norm
    if tables.smoke is not None and _found(tables.smoking, norm):
        without_smoke = tables.smoke.sub(" ", norm)
    for reason, pattern in tables.danger:
        text = without_smoke if reason == "fire" else norm
        for match in pattern.finditer(text):
            if not _negated(tables, text, match):
                return reason
    return None


def english_reading(text: str, code: str) -> str:
    """The message as the English layer should read it: the language's false friends (words
    that are English words of danger) replaced by a space."""
    tables = compiled(code)
    if tables is None or not tables.lexicon.false_friends:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(tables.lexicon.false_friends) + r")\b", re.IGNORECASE)
    return pattern.sub(" ", text or "")


def mentions_danger(text: str, code: str) -> bool:
    """Words of danger or self-harm in language `code` whatever the tense or negation ("miał
    nóż": he had a knife), like the English `mentions_harm`; False for English and unknown
    codes."""
    tables = compiled(code)
    if tables is None:
        return False
    norm = fold(text)
    return _found(tables.self_harm, norm) or any(
        pattern.search(norm) for _reason, pattern in tables.danger
    )


def check_language(text: str, code: str) -> SafetyResult | None:
    """The route a message in language `code` calls for by its lexicon, or None (also for
    English and unsupported codes: the English layer is `core.safety.check`)."""
    tables = compiled(code)
    if tables is None:
        return None
    norm = fold(text)
    if not norm.strip():
        return None
    flags: set[str] = set()
    domestic = _found(tables.domestic, norm) or (
        _found(tables.family, norm) and _found(tables.abuse, norm)
    )
    hate = _found(tables.hate, norm) or (
        _found(tables.identity, norm) and _found(tables.hostile, norm)
    )
    if domestic:
        flags.add("domestic_abuse")
    if hate:
        flags.add("hate")
    if _found(tables.self_harm, norm):
        return SafetyResult(EMERGENCY, "self_harm", frozenset(flags | {"safeguarding"}))
    plain = tables.not_danger.sub(" ", norm) if tables.not_danger is not None else norm
    reason = danger_now(tables, plain)
    if reason is None and _found(tables.urgent, plain) and _found(tables.harm, plain):
        reason = "urgent_harm"  # a call for help now, with words of harm
    trapped = _found(tables.present, plain)
    if reason is None and trapped:
        reason = "trapped"  # the one who harms will not leave; locked in, hiding
    now = (
        (_found(tables.now, norm) and not _found(tables.safe, norm))
        or reason == "urgent_harm"
        or trapped
    )
    if reason not in LASTING and _found(tables.calm, norm):
        reason = None
    over = reason not in LASTING and (
        _found(tables.left, norm) or (_found(tables.past, norm) and not now)
    )
    if reason in HABITUAL_WHEN_DOMESTIC and domestic and not now:
        # "mój mąż mnie bije" (my husband hits me): the present tense of these languages is also
        # the habit, so without a word of now it is domestic abuse (as "he hits me" is in
        # English); "... teraz" (now) is an emergency.
        reason = None
    if reason is not None and not over:
        return SafetyResult(EMERGENCY, reason, frozenset(flags))
    if domestic:
        return SafetyResult(DOMESTIC_ABUSE, "domestic_abuse", frozenset(flags))
    if hate:
        return SafetyResult(HATE, "hate", frozenset(flags))
    if _found(tables.crime, norm) or (reason in OVER_IS_CRIME and over):
        return SafetyResult(CRIME_101, "past_crime", frozenset(flags))
    return None
