"""One decision for every resident message, shared by the live assistant and `asb classify`.

Order (docs/domain.md sections 3-5): the deterministic safety layer (core/safety/) first; then the
conversation commands ("cancel report", "start again": bot/commands.py), a language's name or
"language" alone (bot/language_choice.py) and a request for
an ASB Case Review (bot/case_review_command.py); then, for
a description, the description classifier (bot/descriptions.py: route and category learned from
labelled resident messages, `description_intent`), with its emergency net; for other messages
(and when that classifier is not in the model) the embedding nets (`EMBEDDING_NETS`: the
sentence classifier's likelihood of an emergency, domestic abuse or hate, for words the layer
does not know); then the good-neighbour / out-of-scope filter (bot/goodneighbour.py); then the
trained classifier's intent. `route_of()` reads the description classifier's route and category
straight from its ranking when it chose the intent (`described_route`).
`override_intent()` is what the NLU component (bot/nlu.py) applies to Rasa's parse;
`route_of()` turns a (final) parse into the route and category codes of docs/domain.md section 5.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot import case_review_command, commands, goodneighbour, language_choice
from core import language_detect, safety
from core.categories import CATEGORIES, INTENT_PREFIX, infer_category
from core.codes import ROUTES  # noqa: F401 - re-exported for bench/classify_eval.py
from core.language_detect import ENGLISH
from core.safety.abuse_hate_crime import RESOLVED
from core.safety.emergency import HABITUAL, NOW, PAST

SAFETY_INTENTS = safety.SAFETY_INTENTS
INTENT_ROUTES = safety.INTENT_ROUTES
NOT_ASB_INTENT = "not_asb"
OUT_OF_SCOPE_INTENT = "out_of_scope"
GENERAL_REPORT_INTENT = "report_asb"
OTHER_ASB_INTENT = "asb_other_asb"  # the description classifier's label for uncategorised ASB
FORM_ANSWER = "form_answer"  # its label for an answer to a report question (bot/descriptions.py)
# From this probability of `form_answer`, DIET's or a net's safety route alone does not stand.
MIN_ANSWER = 0.5
FALLBACK_INTENT = "nlu_fallback"
REPEAT_INTENT = "report_repeat_incident"  # returning residents (bot/actions/returning.py)
# Intents of a message that describes a problem (where the filter may overrule the classifier).
DESCRIPTIVE = frozenset(
    {
        GENERAL_REPORT_INTENT,
        NOT_ASB_INTENT,
        OUT_OF_SCOPE_INTENT,
        "nlu_fallback",
        "crime_not_in_progress",
    }
    | {f"{INTENT_PREFIX}{c}" for c in CATEGORIES}
)
# A classifier-only safety intent below this confidence is not acted on (short form answers such
# as an address must not trigger safety advice by chance); the deterministic layer always is.
MIN_CLASSIFIER_SAFETY_CONFIDENCE = 0.6
# The classifier alone calls an emergency only when quite sure and nothing says it is a habit or
# over ("there are fights every friday night"); the deterministic layer catches the rest.
MIN_CLASSIFIER_EMERGENCY_CONFIDENCE = 0.8
# On a short message (under MIN_NET_WORDS) the classifier's emergency also needs this much of the
# sentence classifier's likelihood: DIET can be sure of an emergency for an answer it has never
# seen, such as an address.
MIN_SENTENCE_AGREEMENT = 0.1
# Words that make a message a sentence describing something (not a short answer).
MIN_DESCRIPTION_WORDS = 4
# Nets under the deterministic safety layer: the sentence-embedding classifier's intent when its
# likelihood reaches the threshold and the message is a description (not a short answer), not
# everyday living or a repair, and (for an emergency) not over or a habit. The thresholds were
# chosen on blind splits J-P (docs/benchmarks.md): each net finds most of what the layer missed
# for a few false alarms, and a false 999 line costs less than a missed one.
EMBEDDING_NETS: tuple[tuple[str, float], ...] = (
    ("emergency", 0.2),
    ("asb_domestic_abuse", 0.15),
    ("asb_hate", 0.15),
)
# Words from which a message counts for the nets: a description, not an answer to a question of
# the report ("outside flat 12 on the third floor landing" must not get the 999 line).
MIN_NET_WORDS = 10
# Small-talk intents the filter may overrule, only for a real sentence ("she gives me dirty
# looks when I pass" is not a "skip"); never bot_challenge, cancel or change_field.
OVERRULABLE_SMALL_TALK = frozenset({"affirm", "deny", "skip", "greet", "thank", "goodbye"})
MIN_SMALL_TALK_WORDS = 6


def decide(
    text: str,
    intent: str | None,
    confidence: float,
    ranking: Sequence[Mapping[str, Any]] = (),
    sentence_ranking: Sequence[Mapping[str, Any]] = (),
    description_ranking: Sequence[Mapping[str, Any]] = (),
) -> tuple[str | None, float]:
    """(intent to use instead of the classifier's or None, its confidence).

    The safety layer's and the filter's decisions have confidence 1.0; an intent from the
    description classifier keeps its probability; an intent taken from the ranking keeps the
    classifier's confidence, and an intent from an embedding net keeps the sentence classifier's
    likelihood."""
    found = safety.check(text)
    if _layer_emergency_doubted(text, found, description_ranking):
        found = None  # the description classifier's reading decides (below)
    command = commands.command_intent(text)
    if found is None and command is not None:
        # "cancel report", "start again": always the command (bot/commands.py).
        return command, 1.0
    chosen = language_choice.choice_intent(text) if found is None else None
    if chosen is not None:
        # "Cymraeg", "urdu", "language", "iaith": bot/language_choice.py.
        return chosen, 1.0
    review = case_review_command.case_review_intent(text) if found is None else None
    if review is not None:
        # "I want a case review", "community trigger": bot/case_review_command.py.
        return review, 1.0
    if found is None or found.route not in LAYER_OVERRULES_DESCRIPTION:
        described = description_intent(text, intent, description_ranking)
        if described is not None:
            if described == intent:
                return None, confidence
            return described, likelihood(description_ranking, described) or likelihood(
                description_ranking, OTHER_ASB_INTENT
            )
    new, new_confidence = _older_chain(text, intent, confidence, ranking, sentence_ranking, found)
    if found is None and (new or intent) in SAFETY_ROUTE_INTENTS and _answer(description_ranking):
        # An answer to a report question by the description classifier's reading: DIET's or a
        # net's safety route alone does not stand (inside the form the words are still taken).
        return FALLBACK_INTENT, likelihood(description_ranking, FORM_ANSWER)
    return new, new_confidence


# The layer's emergency reasons whose words also tell of harm that is over or of harmless things
# ("knives and all" dumped on the grass, "blood up the walls this morning", the glass "kicked in"
# again, "bricks" pulled off a wall). For a description of MIN_NET_WORDS or more in English, with
# no word of now, that the description classifier reads as something else with at least
# MIN_DOUBTING_READING and as an emergency with less than MAX_DOUBTED_EMERGENCY, the
# classifier's reading stands. Chosen on 1,450 blind lines the classifier never learned from
# (splits X, Z, S11e, S12, S13b): the lowest emergency likelihood of the 159 emergencies the layer
# caught there was 0.19; 12 of its 20 false 999s fall below 0.05. Self-harm, a child or an adult
# at risk, a break-in, gas and the other reasons always stand.
DOUBTED_LAYER_REASONS = frozenset({"weapon", "injured", "violence_now", "fire"})
MAX_DOUBTED_EMERGENCY = 0.05
MIN_DOUBTING_READING = 0.75
# Words that always say "now" (the layer's NOW also takes "this is their patch now", "every day
# now"): with one of them the layer's emergency stands.
PLAIN_NOW = re.compile(
    r" (?:right now|at the moment|as we speak|as i type|this minute|happening now|just now"
    r"|help me|help us|please help|send (?:the )?police|please come|come quick)\b"
)


def _layer_emergency_doubted(
    text: str,
    found: safety.SafetyResult | None,
    description_ranking: Sequence[Mapping[str, Any]],
) -> bool:
    """The layer's emergency is a false alarm by the rule above."""
    if (
        found is None
        or found.route != safety.EMERGENCY
        or found.reason not in DOUBTED_LAYER_REASONS
    ):
        return False
    if len(text.split()) < MIN_NET_WORDS or not description_ranking:
        return False
    best = description_ranking[0]
    name, confidence = str(best.get("name") or ""), float(best.get("confidence") or 0.0)
    if name in ("", "emergency", FORM_ANSWER) or confidence < MIN_DOUBTING_READING:
        return False
    if likelihood(description_ranking, "emergency") >= MAX_DOUBTED_EMERGENCY:
        return False
    if PLAIN_NOW.search(safety.normalise(text)):
        return False
    return language_detect.detect(text) == ENGLISH


def _answer(description_ranking: Sequence[Mapping[str, Any]]) -> bool:
    """The description classifier is fairly sure the message answers a report question."""
    best = description_ranking[0] if description_ranking else {}
    return best.get("name") == FORM_ANSWER and float(best.get("confidence") or 0) >= MIN_ANSWER


def _older_chain(
    text: str,
    intent: str | None,
    confidence: float,
    ranking: Sequence[Mapping[str, Any]],
    sentence_ranking: Sequence[Mapping[str, Any]],
    found: safety.SafetyResult | None,
) -> tuple[str | None, float]:
    """The embedding nets, the good-neighbour filter and DIET (see `override_intent`)."""
    new = override_intent(text, intent, confidence, ranking, sentence_ranking)
    if new is None:
        return None, confidence
    found_by_layer = found is not None
    if not found_by_layer and new == embedding_net(text, intent, confidence, sentence_ranking):
        return new, likelihood(sentence_ranking, new)
    for row in ranking:
        if row.get("name") == new and new != intent:
            decided_by_rules = found_by_layer or goodneighbour.assess(text)
            if not decided_by_rules:
                return new, float(row.get("confidence") or 0.0)
    return new, 1.0


def override_intent(
    text: str,
    intent: str | None,
    confidence: float,
    ranking: Sequence[Mapping[str, Any]] = (),
    sentence_ranking: Sequence[Mapping[str, Any]] = (),
) -> str | None:
    """The intent that must replace the classifier's, or None to keep it.

    `ranking` is the classifier's intent ranking (best first), used to pick the next intent when
    an unconfirmed safety intent is set aside; `sentence_ranking` is the sentence-embedding
    classifier's (bot/nlu.py)."""
    text = text or ""
    if not text.strip() or text.startswith("/"):
        return None
    found = safety.check(text)
    if found is not None:
        return SAFETY_INTENTS[found.route]
    net = embedding_net(text, intent, confidence, sentence_ranking)
    if net is not None:
        return net
    intent = intent or ""
    if intent in INTENT_ROUTES and not _classifier_safety_stands(
        text, intent, confidence, sentence_ranking
    ):
        # Not confirmed by the layer and unsure: the next intent that is not a safety route.
        # (not "not_asb" either: words that sounded like a safety matter are rarely everyday)
        intent = next(
            (
                str(r["name"])
                for r in ranking
                if r.get("name") and r["name"] not in INTENT_ROUTES and r["name"] != NOT_ASB_INTENT
            ),
            GENERAL_REPORT_INTENT,
        )
        if intent not in DESCRIPTIVE and len(text.split()) >= MIN_DESCRIPTION_WORDS:
            intent = GENERAL_REPORT_INTENT
        return _filtered(text, intent) or intent
    if intent not in DESCRIPTIVE and not (
        intent in OVERRULABLE_SMALL_TALK and len(text.split()) >= MIN_SMALL_TALK_WORDS
    ):
        return None
    return _filtered(text, intent)


# The description classifier's emergency net: a description of MIN_NET_WORDS or more whose
# emergency probability reaches this is an emergency even when another route ranks first (unless
# it is over, settled or a habit). Chosen by leaving one labelled file out at a time
# (bench/route_cv.py): emergency recall 100% for a few more false 999 lines. (Session 13 tried
# 0.35, which 1,450 blind lines of X, Z, S11e, S12 and S13b allowed; the next blind splits, S15
# and S16, then had three emergencies at 0.27-0.29 that only this net caught: "a woman screamed
# and now it's gone very quiet", "trying to get through the main door, theyve got baseball bats".)
DESCRIPTION_EMERGENCY_NET = 0.2
# The safety routes the description classifier may give on its own only to a description of
# MIN_NET_WORDS or more (a short answer in the report form must not get safety advice by chance).
SAFETY_ROUTE_INTENTS = frozenset({"emergency", "asb_domestic_abuse", "asb_hate"})
# The safety layer's routes that stand before the description classifier: its crime-not-in-
# progress (101) verdict does not, since a past assault or damage is often ASB still, which the
# classifier tells apart better (bench/route_cv.py).
LAYER_OVERRULES_DESCRIPTION = frozenset({"emergency", "domestic_abuse", "hate"})


def description_intent(
    text: str, intent: str | None, description_ranking: Sequence[Mapping[str, Any]]
) -> str | None:
    """The description classifier's intent for a message that describes a problem, or None.

    A message describes a problem when the trained classifier's intent says so (a report, a
    route, a category, everyday living, out of scope, a fallback) or when it is a long sentence
    read as small talk. `asb_other_asb` (ASB of no listed category) becomes `report_asb`;
    `route_of` reads the category from the ranking."""
    if not description_ranking or not (text or "").strip() or text.startswith("/"):
        return None
    intent = intent or ""
    words = len(text.split())
    describes = intent in DESCRIPTIVE or intent in INTENT_ROUTES or intent == REPEAT_INTENT
    if intent in OVERRULABLE_SMALL_TALK and words >= MIN_SMALL_TALK_WORDS:
        describes = True
    if not describes or intent == REPEAT_INTENT:
        return None  # "it happened again" stays a repeat incident (bot/actions/returning.py)
    best = str(description_ranking[0].get("name") or "")
    if best == FORM_ANSWER:
        return None  # an answer to a report question: the other nets and their guards decide
    if words >= MIN_NET_WORDS and best != "emergency" and not _over(text):
        if likelihood(description_ranking, "emergency") >= DESCRIPTION_EMERGENCY_NET:
            return "emergency"
    if best in SAFETY_ROUTE_INTENTS and words < MIN_NET_WORDS:
        return None  # a short message: the other nets and their guards decide
    if best == "emergency" and _told_as_past(text, description_ranking):
        best = next_reading(description_ranking, "emergency")
    if best == OTHER_ASB_INTENT:
        return GENERAL_REPORT_INTENT
    return best or None


def _told_as_past(text: str, description_ranking: Sequence[Mapping[str, Any]]) -> bool:
    """An emergency reading to set aside: the message tells of something that happened ("last
    week", "yesterday"; not a habit, which can be a danger going on: "the alarm keeps going
    off"), nothing says it is happening now, the safety layer (which weighs fire, weapons and
    injury whatever the tense) found no emergency, and the next reading is ASB to report ("he
    pushed my dad down the stairs last week, he's ok but bruised"), not a welfare worry or a
    repair the classifier would rather call an emergency."""
    norm = safety.normalise(text)
    if not PAST.search(norm) or NOW.search(norm):
        return False
    return next_reading(description_ranking, "emergency").startswith(INTENT_PREFIX)


def next_reading(description_ranking: Sequence[Mapping[str, Any]], skipped: str) -> str:
    """The description classifier's best label other than `skipped` ("" when none)."""
    for row in description_ranking:
        name = str(row.get("name") or "")
        if name and name != skipped:
            return name
    return ""


def _over(text: str) -> bool:
    """Settled, over or a habit (not an emergency now)."""
    norm = safety.normalise(text)
    return bool(
        RESOLVED.search(norm)
        or ((PAST.search(norm) or HABITUAL.search(norm)) and not NOW.search(norm))
    )


def described_route(
    parse: Mapping[str, Any], key: str = "description_ranking"
) -> tuple[str, str | None] | None:
    """(route, category) of a parse whose intent the description classifier chose (or, with
    `key=MULTILINGUAL_RANKING_KEY`, the multilingual one: bot/language_model.py), or None."""
    name = str((parse.get("intent") or {}).get("name") or "")
    ranking = parse.get(key) or []
    if not ranking or not name:
        return None
    best = str(ranking[0].get("name") or "")
    if best == "emergency" and name != best:
        best = next_reading(ranking, "emergency")  # an emergency set aside (_told_as_past)
    if best == OTHER_ASB_INTENT and name == GENERAL_REPORT_INTENT:
        return "asb", "other_asb"
    if best != name:
        return None
    if name in INTENT_ROUTES:
        return INTENT_ROUTES[name], None
    if name.startswith(INTENT_PREFIX) and name[len(INTENT_PREFIX) :] in CATEGORIES:
        return "asb", name[len(INTENT_PREFIX) :]
    return DESCRIPTION_ROUTES.get(name)


# A message in another language: the multilingual classifier's ranking (bot/language_model.py).
MULTILINGUAL_RANKING_KEY = "multilingual_ranking"
# The description classifier's other labels (bot/descriptions.py) as routes.
DESCRIPTION_ROUTES: dict[str, tuple[str, str | None]] = {
    NOT_ASB_INTENT: ("not_asb", None),
    OUT_OF_SCOPE_INTENT: ("out_of_scope", None),
    GENERAL_REPORT_INTENT: ("asb_unspecified", None),
}


def likelihood(sentence_ranking: Sequence[Mapping[str, Any]], intent: str) -> float:
    """The sentence-embedding classifier's likelihood of `intent` (0 when not ranked)."""
    for row in sentence_ranking:
        if row.get("name") == intent:
            return float(row.get("confidence") or 0.0)
    return 0.0


def embedding_net(
    text: str,
    intent: str | None,
    confidence: float,
    sentence_ranking: Sequence[Mapping[str, Any]],
) -> str | None:
    """The safety intent one of the EMBEDDING_NETS catches in this message, or None."""
    if len(text.split()) < MIN_NET_WORDS:
        return None
    caught = [
        net for net, threshold in EMBEDDING_NETS if likelihood(sentence_ranking, net) >= threshold
    ]
    if not caught:
        return None
    if goodneighbour.assess(text) in (goodneighbour.OUT_OF_SCOPE, goodneighbour.NOT_ASB):
        return None  # a repair or everyday matter the filter recognises
    # Settled, over or a habit: not an emergency (abuse or hate in the past still counts).
    over = _over(text)
    for net in caught:
        if net == "emergency" and over:
            continue
        if net != "emergency" and intent in ("emergency", "asb_domestic_abuse", "asb_hate"):
            if _classifier_safety_stands(text, intent, confidence, sentence_ranking):
                return None  # the classifier already chose a route at least as careful
        return net
    return None


def _classifier_safety_stands(
    text: str,
    intent: str,
    confidence: float,
    sentence_ranking: Sequence[Mapping[str, Any]] = (),
) -> bool:
    if goodneighbour.assess(text) in (goodneighbour.OUT_OF_SCOPE, goodneighbour.NOT_ASB):
        return False  # a repair or everyday matter the filter recognises
    if RESOLVED.search(safety.normalise(text)):
        return False  # a settled past matter, then something else ("...all sorted, but the dog")
    if intent != "emergency":
        return confidence >= MIN_CLASSIFIER_SAFETY_CONFIDENCE
    if (
        sentence_ranking
        and len(text.split()) < MIN_NET_WORDS
        and likelihood(sentence_ranking, "emergency") < MIN_SENTENCE_AGREEMENT
    ):
        return False  # DIET alone, sure of a short answer it has never seen ("Flat 3, 1 ...")
    norm = safety.normalise(text)
    over = PAST.search(norm) or HABITUAL.search(norm)
    return confidence >= MIN_CLASSIFIER_EMERGENCY_CONFIDENCE and not (over and not NOW.search(norm))


def _filtered(text: str, intent: str) -> str | None:
    """The good-neighbour / out-of-scope filter's intent for a description, or None."""
    verdict = goodneighbour.assess(text)
    if verdict == goodneighbour.NOT_ASB:
        return NOT_ASB_INTENT
    if verdict == goodneighbour.OUT_OF_SCOPE and (
        intent in (GENERAL_REPORT_INTENT, NOT_ASB_INTENT, OUT_OF_SCOPE_INTENT, "nlu_fallback")
        or goodneighbour.is_admin(text)
    ):
        # A repair may still be damage done by someone (asb_vandalism keeps it); rent, damp, a
        # transfer, a permit or a key fob is out of scope whatever the classifier says.
        return OUT_OF_SCOPE_INTENT
    if verdict == goodneighbour.ASB and intent in (
        NOT_ASB_INTENT,
        OUT_OF_SCOPE_INTENT,
        "nlu_fallback",
    ):
        category = infer_category(text)
        return f"{INTENT_PREFIX}{category}" if category != "other_asb" else GENERAL_REPORT_INTENT
    if verdict is None and intent == NOT_ASB_INTENT and len(text.split()) >= MIN_DESCRIPTION_WORDS:
        # The classifier's "not ASB" is only trusted when the filter recognises everyday living;
        # a description with clear ASB words and no everyday topic ("a drug den next door",
        # "quad bikes on the playing field") is a report.
        category = infer_category(text)
        if category != "other_asb":
            return f"{INTENT_PREFIX}{category}"
    return None


# A complaint without any description ("my neighbour is making my life a misery", "things have
# got worse and I want it logged", "people are being annoying, can I report it"): ask what happens.
VAGUE = re.compile(
    r"\b(?:making (?:my|our) li(?:fe|ves) (?:a )?(?:misery|hell|a nightmare|unbearable)"
    r"|(?:things|it) (?:have|has|ha?s) got(?:ten)? worse"
    r"|(?:being|bein) (?:well |really |so |very )?(?:annoying|annoyin|a nuisance|a pain)"
    r"|want (?:it|this) (?:logged|on record|recorded)"
    r"|going on for (?:months|weeks|years) and nobody)",
    re.IGNORECASE,
)


def route_of(text: str, parse: Mapping[str, Any]) -> dict[str, Any]:
    """`{"text", "route", "category", "confidence"}` for a message parsed by the live pipeline."""
    intent = parse.get("intent") or {}
    name = str(intent.get("name") or "")
    confidence = float(intent.get("confidence") or 0.0)
    category: str | None = None
    decided = described_route(parse, MULTILINGUAL_RANKING_KEY) or described_route(parse)
    if decided is not None:
        route, category = decided
    elif name in INTENT_ROUTES:
        route = INTENT_ROUTES[name]
    elif name == NOT_ASB_INTENT:
        route = "not_asb"
    elif name.startswith(INTENT_PREFIX):
        route = "asb"
        category = infer_category(text, intent)
        if category == "domestic_abuse":
            route = "domestic_abuse"
        elif category == "hate":
            route = "hate"
    elif name in (GENERAL_REPORT_INTENT, "nlu_fallback", OUT_OF_SCOPE_INTENT, REPEAT_INTENT):
        # A sentence with clear ASB words is a description we can place after all ("it
        # happened again" is a report too, added to the open case by the assistant).
        category = infer_category(text, None)
        described = len(text.split()) >= MIN_DESCRIPTION_WORDS and category != "other_asb"
        if described and goodneighbour.assess(text) != goodneighbour.OUT_OF_SCOPE:
            route = "asb"
        elif name == OUT_OF_SCOPE_INTENT:
            route = "out_of_scope"
        else:
            route = "asb_unspecified"
    else:
        route = "out_of_scope"
    if (
        decided is None
        and route in ("asb", "out_of_scope")
        and VAGUE.search(text or "")
        and (infer_category(text, None) == "other_asb")
    ):
        route = "asb_unspecified"  # a complaint that says nothing of what happens
    if decided is None and route == "asb" and category in ("domestic_abuse", "hate"):
        route = category  # a description whose words say abuse or hate has that route
    if route != "asb":
        category = None
    return {
        "text": text,
        "route": route,
        "category": category,
        "confidence": round(confidence, 4),
    }
