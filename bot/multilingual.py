"""Reading a resident's message in Welsh, Polish, Romanian, Panjabi, Urdu or Portuguese (issue 16).

The trained classifiers (DIET, the sentence and description classifiers: bot/nlu.py) learned
English; on a message in another language their guess is noise. After `bot.routing.decide` has
run (its safety layer already reads the detected language, core/safety/), `language_intent`
replaces the decision for a message in a supported non-English language:

1. the safety layer in that language (`core.safety.check(text, language=...)`): an emergency
   whatever the classifiers said; then, for a description the multilingual classifier reads,
   an emergency when it gives one at least EMERGENCY_LIKELIHOOD (danger now that the lexicons
   read as abuse or hate, or miss); then the layer's domestic abuse, hate or past crime (101);
2. otherwise, where the decision is about a description (a report, a category, a route, a
   fallback, small talk read into a long sentence, or a safety route only the English
   classifiers saw): for a description of MIN_NET_WORDS words or more in that language, the
   multilingual classifier's reading (bot/language_model.py: any route, an emergency included,
   or an ASB category; the topic table's ASB category when the classifier reads everyday
   living or another service), else the language's topic table (core/topics/): an ASB
   category, everyday living (`not_asb`) or not for this service (`out_of_scope`);
3. nothing recognised in a description of MIN_DESCRIPTION_WORDS words or more whose words are
   in that language (detected, not only the conversation's): a report whose kind is not known
   (`report_asb`): the report form then asks "which kind of problem?" with the category
   buttons (numbered by SMS), which work in every language;
4. a sentence of MIN_DESCRIPTION_WORDS words or more in that language is a description whatever
   the English classifiers read into it (they cannot read it); a shorter message read as a
   conversation intent the form would not take as an answer ("choose_language" for words in
   Urdu script) becomes `nlu_fallback`, so the form takes it;
5. a message made only of greetings and contact checks in that language ("Helo, oes rhywun
   yna?", "do you speak Polish?": core.topics.is_greeting) is `greet`: the welcome, which asks
   what has been happening;
6. anything else stays as decided: button payloads, numbers, commands, the language menu and a
   case review recognised by their words (bot/commands.py, bot/language_choice.py,
   bot/case_review_command.py), short answers to the form's questions.

The message's language is the one the channel gives in the message metadata ("language": the
resident's choice, or the language of the conversation so far) for a short message, and the
detected one (core/language_detect.py) for a sentence; English when neither says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot import case_review_command, commands, language_choice
from bot.descriptions import FORM_ANSWER
from bot.routing import (
    DESCRIPTIVE,
    FALLBACK_INTENT,
    GENERAL_REPORT_INTENT,
    MIN_DESCRIPTION_WORDS,
    MIN_NET_WORDS,
    MIN_SMALL_TALK_WORDS,
    NOT_ASB_INTENT,
    OTHER_ASB_INTENT,
    OUT_OF_SCOPE_INTENT,
    OVERRULABLE_SMALL_TALK,
    SAFETY_INTENTS,
    SAFETY_ROUTE_INTENTS,
)
from core import safety
from core.categories import INTENT_PREFIX
from core.language_detect import ENGLISH, SUPPORTED, detect
from core.topics import is_greeting, topic

# Decisions about what the words describe (a report, a category, a route, a fallback, a safety
# route), which the English classifiers cannot make in another language.
_REPLACEABLE = DESCRIPTIVE | SAFETY_ROUTE_INTENTS
GREET_INTENT = "greet"
# From this probability of an emergency by the multilingual classifier, a description it reads is
# an emergency whatever the lexicons say (abuse by a partner or a hate attack happening now that
# the lexicons read as domestic abuse or hate, or miss). Chosen on language sets G and H with a
# model that had not seen them (asb-affe6293eff4389a): 143 of their 144 emergencies, 3 false 999
# in 576 other messages; the lexicons with the classifier's best reading caught 129 (G 90%, H 89%).
EMERGENCY_LIKELIHOOD = 0.4
# Conversation intents the report form does not take as an answer (bot/domain.yml not_intent):
# only a rule that reads the words (a command, the language menu) gives them to a message in
# another language; the English classifier's guess of one ("choose_language" for a sentence in
# Urdu script) would stop the form from taking the answer.
_NOT_READ = frozenset(
    {"cancel", "bot_challenge", "ask_why", "ask_for_person", "start_again", "choose_language"}
)


def message_language(text: str, metadata: Mapping[str, Any] | None) -> str:
    """The language of a message: detected, or the conversation's (metadata "language") when
    the words alone do not say (see core/language_detect.py)."""
    given = (metadata or {}).get("language") if isinstance(metadata, Mapping) else None
    conversation = str(given).split("-")[0].split("_")[0].lower() if given else None
    return detect(text or "", conversation if conversation in SUPPORTED else None)


def language_intent(
    text: str,
    language: str,
    decided: str | None,
    ranking: Sequence[Mapping[str, Any]] = (),
) -> str | None:
    """The intent for a message in a non-English `language` in place of the `decided` one
    (the classifier's intent after `bot.routing.decide`), or None to keep it. `ranking` is the
    multilingual classifier's (bot/language_model.py), when it read the message. An intent equal
    to the decided one is still returned: the lexicons' verdict replaces the classifier's
    confidence (its category is then taken as given by `bot.routing.route_of`)."""
    text = text or ""
    if language == ENGLISH or language not in SUPPORTED or not text.strip():
        return None
    if text.startswith("/"):
        return None  # a button payload
    found = safety.check(text, language=language)
    if found is not None and found.route == safety.EMERGENCY:
        return SAFETY_INTENTS[found.route]
    reads = classifier_reads(text, language)
    if reads and emergency_likelihood(ranking) >= EMERGENCY_LIKELIHOOD:
        return SAFETY_INTENTS[safety.EMERGENCY]  # danger now that the lexicons read otherwise
    if found is not None:
        return SAFETY_INTENTS[found.route]
    if _by_rule(text):
        return None  # a command, the language menu, a case review: decided from the words
    if is_greeting(text, language):
        return GREET_INTENT  # "Helo, oes rhywun yna?": the welcome, not a report
    words = len(text.split())
    decided = decided or ""
    # A sentence whose own words are in that language (detected without the conversation's
    # language): an address given in a Welsh conversation ("Flat 3, 12 High Street") is not one.
    sentence = words >= MIN_DESCRIPTION_WORDS and detect(text) == language
    replaceable = (
        decided in _REPLACEABLE
        or (decided in OVERRULABLE_SMALL_TALK and words >= MIN_SMALL_TALK_WORDS)
        or sentence
    )
    if not replaceable:
        if decided in _NOT_READ and detect(text, language) == language:
            return FALLBACK_INTENT
        return None
    reading = ranked_intent(ranking) if reads else None
    table = topic_intent(text, language)
    if reading in (NOT_ASB_INTENT, OUT_OF_SCOPE_INTENT) and (table or "").startswith(INTENT_PREFIX):
        reading = table  # the reviewed table names ASB: a resident is not turned away on a guess
    intent = reading or table
    if intent is None and sentence:
        intent = GENERAL_REPORT_INTENT
    if intent is None and decided in SAFETY_ROUTE_INTENTS | {"crime_not_in_progress"}:
        intent = FALLBACK_INTENT  # a safety route only the English classifiers saw, short text
    return intent


def classifier_reads(text: str, language: str) -> bool:
    """Whether the multilingual classifier (bot/language_model.py) reads this message: a
    description of MIN_NET_WORDS words or more whose words are in that language. Shorter ones are
    answers to the report's questions as often as not ("yr un fath", the same; "neithiwr tua
    11"), which it never learned in these languages."""
    if language == ENGLISH or language not in SUPPORTED or text.startswith("/"):
        return False
    return len(text.split()) >= MIN_NET_WORDS and detect(text) == language


def emergency_likelihood(ranking: Sequence[Mapping[str, Any]]) -> float:
    """The multilingual classifier's probability that the message is an emergency (0 when it
    did not read the message, or ranks emergency below its ten best readings)."""
    for reading in ranking:
        if reading.get("name") == safety.SAFETY_INTENTS[safety.EMERGENCY]:
            return float(reading.get("confidence") or 0.0)
    return 0.0


def ranked_intent(ranking: Sequence[Mapping[str, Any]]) -> str | None:
    """The multilingual classifier's best reading as an intent, or None (no ranking, or it
    reads an answer to a question of the report, which the form takes as it is)."""
    best = str(ranking[0].get("name") or "") if ranking else ""
    if not best or best == FORM_ANSWER:
        return None
    return GENERAL_REPORT_INTENT if best == OTHER_ASB_INTENT else best


def _by_rule(text: str) -> bool:
    """A rule of bot.routing.decide that reads the words themselves recognises the message."""
    return bool(
        commands.command_intent(text)
        or language_choice.choice_intent(text)
        or case_review_command.case_review_intent(text)
    )


def topic_intent(text: str, language: str) -> str | None:
    """The intent of what the message is about by the language's topic table, or None."""
    label = topic(text, language)
    if label is None:
        return None
    if label == "not_asb":
        return NOT_ASB_INTENT
    if label == "out_of_scope":
        return OUT_OF_SCOPE_INTENT
    return f"{INTENT_PREFIX}{label}"
