"""What a message in Welsh, Polish, Romanian, Panjabi, Urdu or Portuguese is about (issue 16).

The English classifiers (bot/nlu.py) are trained on English; for a message in another language
`topic(text, code)` reads it with that language's table (`cy.py`, `pl.py`, ...): `TOPICS`, an
ordered tuple of (label, patterns) where a label is an ASB category of core/codes.py or the
route `not_asb` (everyday living) or `out_of_scope` (repairs, rent, other landlord matters).
The labels are tried in the order of `PRECEDENCE` (not the table's order): everyday living and
repairs first ("children playing" is not noise nuisance; "a leak from upstairs" is a repair),
then the more specific categories before the broad ones (a group on the stairs smoking and
shouting is a group in a communal area; a dog barking is an animal before it is noise). A
module's optional `FIRST` rows come before all of them: ASB described with words of repairs or
fittings ("repairs cars in the car park", "needles left in the lift"). A module's `GREETINGS`
are greetings and contact checks ("Helo, oes rhywun yna?": hello, is anyone there?; "do you
speak Polish?"): a message made only of them is a greeting (`is_greeting`), which the assistant
answers with its welcome and "what has been happening?", not as a report.
Danger, abuse, hate and past crime are the safety layer's (core/safety/languages/), which runs
first. None means nothing was recognised: the assistant then asks which kind of problem it is
with the category buttons (numbered by SMS), which always work in every language.

Patterns are folded like the safety lexicon's (`core.safety.languages.fold`): lower case, no
accents, Urdu and Gurmukhi variants unified; they start with a space. Adding a language: a
module here with `TOPICS`, and its code in `TOPIC_LANGUAGES`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module

from core.safety.languages import compile_patterns, fold

TOPIC_LANGUAGES = ("cy", "pl", "ro", "pa", "ur", "pt")
ROUTE_LABELS = ("not_asb", "out_of_scope")
PRECEDENCE = (
    "out_of_scope",
    "not_asb",
    "drug_dealing",
    "groups_communal",
    "drugs_alcohol",
    "pets_animals",
    "vandalism",
    "vehicle_nuisance",
    "noise",
    "environmental",
    "harassment",
    "violence",
    "hate",
    "domestic_abuse",
    "other_asb",
)


@cache
def _compiled(code: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if code not in TOPIC_LANGUAGES:
        return ()
    module = import_module(f"core.topics.{code}")
    table = sorted(module.TOPICS, key=lambda row: PRECEDENCE.index(row[0]))
    compiled = []
    for label, patterns in (*getattr(module, "FIRST", ()), *table):
        if label not in PRECEDENCE:
            raise ValueError(f"core/topics/{code}.py: unknown label {label!r}")
        pattern = compile_patterns(patterns)
        if pattern is not None:
            compiled.append((label, pattern))
    return tuple(compiled)


def topic(text: str, code: str) -> str | None:
    """The first label (an ASB category, `not_asb` or `out_of_scope`) whose patterns match the
    message in language `code`, or None (nothing recognised, or a language without a table)."""
    norm = fold(text)
    for label, pattern in _compiled(code):
        if pattern.search(norm):
            return label
    return None


# Each pattern starts with a space and looks ahead for the next one, so that greetings can
# follow one another ("helo, oes rhywun yna?"). Words left over after a greeting that do not
# make it more than one ("ji", "please", "hi"):
GREETING_FILLER = frozenset(
    {"ji", "ਜੀ", "جی", "please", "plis", "pls", "hi", "hello", "hey", "sir", "madam"}
)


@cache
def _greetings(code: str) -> re.Pattern[str] | None:
    if code not in TOPIC_LANGUAGES:
        return None
    return compile_patterns(getattr(import_module(f"core.topics.{code}"), "GREETINGS", ()))


def is_greeting(text: str, code: str) -> bool:
    """Whether a message in language `code` is only greetings and contact checks."""
    pattern = _greetings(code)
    if pattern is None:
        return False
    norm = fold(text)
    if not pattern.search(norm):
        return False
    return all(word in GREETING_FILLER for word in pattern.sub(" ", norm).split())


def route_and_category(label: str | None) -> tuple[str, str | None] | None:
    """(route, category) of docs/domain.md section 5 for a label of `topic`."""
    if label is None:
        return None
    if label in ROUTE_LABELS:
        return label, None
    if label in ("hate", "domestic_abuse"):
        return label, None
    return "asb", label
