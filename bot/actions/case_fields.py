"""The report form's answers a case officer needs beyond what happened (docs/domain.md section 8):
when it started as well as when it last happened, a police reference, the resident's own address,
a visit or a call, communication needs, and the court notice for evidence.

Every one is optional ("skip" works as everywhere) and asked only where it applies
(`case_field_skips`): the start is not asked twice when the resident said it already or when it
happened just once; the police reference only when the police may know (the resident said they
told someone, the assistant gave police advice, the problem is one the police deal with, or the
resident's words mention the police); the address, a visit or call and communication needs only
when the resident gives their details; the court notice only when they have evidence.

`CaseFieldsValidation` is a mixin of `ValidateReportForm` (bot/actions/forms.py).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answers
from bot.actions.form_answers import (
    Slots,
    answered,
    invalid_answer,
    is_fresh,
    text_or_skip,
)
from bot.actions.timing import split_when
from bot.constants import (
    COMMUNICATION_SLOTS,
    MAX_ADDRESS_LENGTH,
    MAX_LANGUAGE_LENGTH,
    MAX_NEEDS_TEXT_LENGTH,
    MAX_POLICE_REFERENCE_LENGTH,
    MAX_TEXT_LENGTH,
    SKIPPED,
)
from bot.questions import CHOICE_QUESTIONS, LANGUAGES, PREFER_NOT_TO_SAY, WITNESS, parse_choice
from core import command_words

# Problems the police deal with: their reference is worth asking for.
POLICE_MATTERS = frozenset(
    {"violence", "drug_dealing", "hate", "domestic_abuse", "harassment", "vandalism"}
)
POLICE_WORDS = re.compile(
    r"\b(police|999|101|officers?|cops?|coppers|crime (?:number|reference|ref)|"
    r"incident number)\b",
    re.IGNORECASE,
)
# Answers in the resident's words that may mention the police.
WORDS_SLOTS = (
    "description",
    "location",
    "happened_when",
    "started_when",
    "people_involved",
    "witnesses",
)
# A UK postcode anywhere in an answer (outward code, inward code), as the backend reads it.
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
SAME_ADDRESS = re.compile(
    r"^\W*(the )?same( (as|address|place|one|as (above|before|where it happens|that)))*\W*$|"
    r"\b(it'?s|that'?s|is) (my|our) (address|home|flat|house)\b|\bwhere i live\b",
    re.IGNORECASE,
)
# An address line: a number and a word ("1 Example Road"), or two words ("Rose Cottage").
ADDRESS_LIKE = re.compile(r"\d.*[A-Za-z]|[A-Za-z].*\d|[A-Za-z]{2,}\W+[A-Za-z]{2,}")
NOT_KNOWN = re.compile(
    r"\b(don'?t|do not) know\b|\bnot sure\b|\bno idea\b|\b(can'?t|cannot) remember\b",
    re.IGNORECASE,
)
# Characters a police reference may have (the backend's contract allows the same).
NOT_IN_REFERENCE = re.compile(r"[^A-Za-z0-9 /\-.:#]+")
REFERENCE_LEAD_IN = re.compile(
    r"^\W*(yes|yeah|yep|yup|i have|i did)?\W*((it'?s|it is|it was|its|the|my|our)\s+)?"
    r"((police|crime|incident|log)\s+)?((ref(erence)?|number|no\.?|num)\s*)?"
    r"((number|no\.?)\s*)?((is|was)\b)?[\s:#-]*",
    re.IGNORECASE,
)
# In a sentence: a reference after "number", "reference", "is"... (an all-capitals prefix
# such as CAD, then words with digits, "of" between them: "CAD 1234 of 21/11").
_REF_WORD = r"[A-Za-z0-9/.:#-]*\d[A-Za-z0-9/.:#-]*"
_REF_PART = rf"(?:[A-Z]{{2,5}}\s+)?{_REF_WORD}(?:\s+(?:of\s+)?{_REF_WORD})*"
REFERENCE_IN_WORDS = re.compile(
    rf"(?:\b(?:number|no|reference|ref|is|was)\s+)({_REF_PART})(?!\S)|({_REF_PART})\s*$",
)
NO_POLICE = re.compile(
    r"^\W*(no|nope|nah|not yet|haven'?t|have not|didn'?t|did not|never|not told|no reference|"
    r"none|n/?a)\b",
    re.IGNORECASE,
)
NO_NUMBER_TO_HAND = re.compile(
    r"\b(don'?t|do not|didn'?t|did not) (have|know|get|remember)|\b(can'?t|cannot) (remember|"
    r"find)|\bnot sure\b|\bforgot|\blost it\b|\bno (number|reference)\b",
    re.IGNORECASE,
)
# Communication needs in the resident's own words: two words or more, not a question.
OWN_WORDS = re.compile(r"(?=(?:.*?[A-Za-z]{2,}){2})[^?]*")
# Digits that are the police's phone numbers, not a reference ("I rang 101").
POLICE_NUMBERS = re.compile(r"\b(999|101|112)\b")
MAX_REFERENCE_WORDS = 6


def has_evidence(value: Any) -> bool:
    """The resident said they hold something (photos, a diary...), not "nothing yet" or only
    that someone else saw it."""
    return isinstance(value, list) and any(code not in ("none", SKIPPED, WITNESS) for code in value)


def _witness_named(evidence: Any) -> bool:
    """The evidence answer is not given yet, or says someone else saw or heard it."""
    return evidence is None or (isinstance(evidence, list) and WITNESS in evidence)


def police_may_know(tracker: Tracker) -> bool:
    """Whether to ask for a police reference (see the module docstring)."""
    slot = tracker.get_slot
    told = slot("ram_other_agencies")
    if told == "no":
        return False  # they have told no one
    if told == "yes" or slot("safety_route") or slot("category") in POLICE_MATTERS:
        return True
    words = " ".join(str(slot(name)) for name in WORDS_SLOTS if isinstance(slot(name), str))
    return POLICE_WORDS.search(words) is not None


def case_field_skips(tracker: Tracker) -> set[str]:
    """The questions of this module that do not apply to this report."""
    slot = tracker.get_slot
    skipped: set[str] = set()
    if slot("happening_now") is True:
        skipped.add("happened_when")  # it is happening now: that is the last time
    elif slot("frequency") == "occasionally":
        skipped.add("started_when")  # once, or now and then: the last time says enough
    if not has_evidence(slot("evidence")):
        skipped.add("evidence_consent")
    if slot("witnesses") is None and not _witness_named(slot("evidence")):
        skipped.add("witnesses")  # "who else saw it?" only when someone did
    if not police_may_know(tracker):
        skipped.add("police_reference")
    if slot("consent_to_contact") is False:
        skipped.update(("visit_or_call", *COMMUNICATION_SLOTS))  # no contact wanted
    needs = slot("communication_needs")
    needs = needs if isinstance(needs, list) else []
    if "interpreter" not in needs:
        skipped.add("communication_language")
    if "other" not in needs:
        skipped.add("communication_other")
    return skipped


def in_asking_order(names: list[str], tracker: Tracker) -> list[str]:
    """Happening now: "when did it start?" comes straight after "is it happening now?". Who is
    doing it comes before whether the resident knows them: "my neighbour at number 4" answers
    both."""
    if "witnesses" in names and "evidence" in names:  # "someone else saw it" comes first
        names = [name for name in names if name != "witnesses"]
        after = "evidence_consent" if "evidence_consent" in names else "evidence"
        names.insert(names.index(after) + 1, "witnesses")
    if "people_involved" in names and "people_known" in names:
        names = [name for name in names if name != "people_involved"]
        names.insert(names.index("people_known"), "people_involved")
    if tracker.get_slot("happening_now") is True and "started_when" in names:
        names = [name for name in names if name != "started_when"]
        at = names.index("happening_now") + 1 if "happening_now" in names else 0
        names.insert(at, "started_when")
    return names


def normalise_postcode(match: re.Match[str]) -> str:
    return f"{match.group(1).upper()} {match.group(2).upper()}"


def police_reference(text: str) -> str | None:
    """The reference in an answer such as "yes, it's CAD 1234/21NOV", or None if the answer
    holds no reference number (no digits but the police's own phone numbers). In a sentence
    ("they smashed my window, the crime number is 43/12345/26") the numbers after "number",
    "reference", "is" or at the end are, the longest of them."""
    candidate = REFERENCE_LEAD_IN.sub("", " ".join(text.split()), count=1)
    candidate = " ".join(NOT_IN_REFERENCE.sub(" ", candidate).split()).strip(" -.:/#")
    if not re.search(r"\d", POLICE_NUMBERS.sub("", candidate)):
        return None
    if usable_reference(candidate):
        return candidate
    found = [m.group(1) or m.group(2) for m in REFERENCE_IN_WORDS.finditer(candidate)]
    found = [f for f in found if re.search(r"\d", POLICE_NUMBERS.sub("", f))]
    # The one with the most digits ("at number 5 ... the reference is 998877").
    return max(reversed(found), key=lambda f: len(re.findall(r"\d", f))) if found else candidate


def language_in(text: str) -> str | None:
    """A language named in the answer ("a Polish interpreter" -> "Polish")."""
    for language in LANGUAGES:
        if re.search(rf"\b{language}\b", text, re.IGNORECASE):
            return language
    return None


def kept_answer(slot: str, text: str, tracker: Tracker) -> Slots:
    """The slots for an answer another action keeps for the open question (the safety advice
    action, when the answer called for no advice), read as the form reads it: when it last
    happened split from when it started; a police reference without the words around it ({}
    when there is none to keep: the question is asked again)."""
    if slot == "happened_when" and tracker.get_slot("started_when") is None:
        when = split_when(text)
        if when.started:
            return {"happened_when": when.last, "started_when": when.started}
    if slot == "police_reference":
        reference = police_reference(text)
        if reference is not None and usable_reference(reference):
            return {slot: reference}
        if reference is None and (NO_POLICE.match(text) or NO_NUMBER_TO_HAND.search(text)):
            return {slot: SKIPPED}
        return {}
    return {slot: text}


def usable_reference(reference: str) -> bool:
    """Short enough to be a reference and not a sentence."""
    return (
        len(reference) <= MAX_POLICE_REFERENCE_LENGTH
        and len(reference.split()) <= MAX_REFERENCE_WORDS
    )


class CaseFieldsValidation:
    """`validate_<slot>` for this module's free-text questions and communication needs (the
    other multiple-choice questions use forms.choice_validator)."""

    # -- when ---------------------------------------------------------------------------------

    @answered
    def validate_happened_when(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """When it last happened; words about when it started go to `started_when` (with only
        those, "And when did it last happen?" follows)."""
        text = " ".join(str(value).split())
        fresh = is_fresh(value, tracker) and not answers.is_skip(value, tracker.latest_message)
        if fresh and tracker.get_slot("started_when") is None and len(text) <= MAX_TEXT_LENGTH:
            when = split_when(text)
            if when.started:
                return {"happened_when": when.last, "started_when": when.started}
        return text_or_skip("happened_when", value, dispatcher, tracker)

    @answered
    def validate_started_when(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return text_or_skip("started_when", value, dispatcher, tracker)

    # -- the police -----------------------------------------------------------------------------

    @answered
    def validate_police_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """A short reference with a digit; "no", "skip" or "I don't have it" carry on."""
        text = " ".join(str(value).split())
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"police_reference": SKIPPED}
        reference = police_reference(text)
        if reference is None:
            if NO_POLICE.match(text) or NO_NUMBER_TO_HAND.search(text):
                return {"police_reference": SKIPPED}
            # "yes" or "I rang 101": they told the police, the number itself is missing.
            return invalid_answer(
                "police_reference", dispatcher, tracker, "utter_police_reference_number"
            )
        if not usable_reference(reference):
            return invalid_answer(
                "police_reference",
                dispatcher,
                tracker,
                "utter_police_reference_invalid",
                max_length=MAX_POLICE_REFERENCE_LENGTH,
            )
        return {"police_reference": reference}

    # -- the resident's own address -----------------------------------------------------------

    @answered
    def validate_reporter_postcode(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """Their postcode, and the address line typed with it ("same" as where it happens
        takes that address); an address without a postcode asks for the postcode."""
        text = " ".join(str(value).split())
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"reporter_postcode": SKIPPED}
        fresh = is_fresh(value, tracker)
        found = POSTCODE.search(text)
        if not fresh:
            return {"reporter_postcode": normalise_postcode(found) if found else SKIPPED}
        if not found and NOT_KNOWN.search(text):
            return {"reporter_postcode": SKIPPED}  # "I don't know my postcode"
        same = command_words.english_for(text) or text  # "yr un fath", "ten sam", "o mesmo"
        if not found and SAME_ADDRESS.search(same):  # "same": where the problem is
            location = tracker.get_slot("location")
            text = " ".join(location.split()) if isinstance(location, str) else ""
            found = POSTCODE.search(text)
        address = (text[: found.start()] + text[found.end() :]) if found else text
        address = " ".join(address.split()).strip(" ,.;-") or None
        result: Slots = {}
        if address and len(address) <= MAX_ADDRESS_LENGTH and ADDRESS_LIKE.search(address):
            result["reporter_address"] = address
        elif address and len(address) > MAX_ADDRESS_LENGTH:
            return invalid_answer(
                "reporter_postcode",
                dispatcher,
                tracker,
                "utter_text_too_long",
                max_length=MAX_ADDRESS_LENGTH,
            )
        if found:
            return {**result, "reporter_postcode": normalise_postcode(found)}
        return {
            **result,
            **invalid_answer("reporter_postcode", dispatcher, tracker, "utter_postcode_needed"),
        }

    # -- communication needs ------------------------------------------------------------------

    @answered
    def validate_communication_needs(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """Codes from the options (numbers, labels or words); a language named with them is
        kept, other words are "something else" in the resident's words."""
        question = CHOICE_QUESTIONS["communication_needs"]
        if value == SKIPPED:
            return {"communication_needs": SKIPPED}
        codes = parse_choice(question, value)
        text = " ".join(str(value).split())
        fresh = is_fresh(value, tracker) and not text.startswith("/")
        language = language_in(text) if fresh else None
        other_words: str | None = None
        if codes is None and answers.is_skip(value, tracker.latest_message):
            codes = [PREFER_NOT_TO_SAY]
        elif codes is None and language:
            codes = ["interpreter"]
        elif codes is None and fresh and OWN_WORDS.fullmatch(text):
            codes, other_words = ["other"], text
        if codes is None:
            return invalid_answer("communication_needs", dispatcher, tracker, "utter_choose_option")
        codes = codes if isinstance(codes, list) else [codes]
        result: Slots = {"communication_needs": codes}
        if not fresh:
            return result
        if "interpreter" in codes and language:
            result["communication_language"] = language
        if "other" in codes and other_words and len(other_words) <= MAX_NEEDS_TEXT_LENGTH:
            result["communication_other"] = other_words
        if "call_not_text" in codes and tracker.get_slot("preferred_contact") == "text":
            dispatcher.utter_message(response="utter_call_not_text_noted")
            result["preferred_contact"] = "call"
        return result

    @answered
    def validate_communication_language(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return text_or_skip(
            "communication_language", value, dispatcher, tracker, MAX_LANGUAGE_LENGTH
        )

    @answered
    def validate_communication_other(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return text_or_skip(
            "communication_other", value, dispatcher, tracker, MAX_NEEDS_TEXT_LENGTH
        )


def _given(value: Any) -> bool:
    return value not in (None, "", SKIPPED)


class ActionAskHappenedWhen(Action):
    """ "When did it last happen?"; "And when did it last happen?" after an answer that said
    only when it started."""

    def name(self) -> str:
        return "action_ask_happened_when"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if _given(tracker.get_slot("started_when")):
            dispatcher.utter_message(response="utter_ask_happened_when_last")
        else:
            dispatcher.utter_message(response="utter_ask_happened_when")
        return []


class ActionAskStartedWhen(Action):
    """ "When did it start?" while it is happening, else "When did it first start?"."""

    def name(self) -> str:
        return "action_ask_started_when"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("happening_now") is True:
            dispatcher.utter_message(response="utter_ask_happened_when_started")
        else:
            dispatcher.utter_message(response="utter_ask_started_when")
        return []


def with_case_fields(payload: dict[str, Any], tracker: Tracker) -> dict[str, Any]:
    """`payload` (bot/actions/submit.py) with this module's answers, each only when given, so a
    report without them has the shape it always had (docs/CONTRACTS.md): `started_when`;
    `reporter.postcode`, `.address`, `.visit_or_call`, `.communication_needs` (not when
    anonymous; a visit or call only with a phone number); `details.police_reference` and
    `details.evidence_consent` (only with evidence)."""
    slot = tracker.get_slot
    if _given(slot("started_when")):
        payload["started_when"] = slot("started_when")
    reporter = payload["reporter"]
    if not reporter.get("anonymous"):
        if _given(slot("reporter_postcode")):
            reporter["postcode"] = slot("reporter_postcode")
        if _given(slot("reporter_address")):
            reporter["address"] = slot("reporter_address")
        if reporter.get("phone") and slot("visit_or_call") in ("visit", "call", "neither"):
            reporter["visit_or_call"] = slot("visit_or_call")
        needs = slot("communication_needs")
        if isinstance(needs, list) and needs:
            reporter["communication_needs"] = {
                "needs": needs,
                "language": slot("communication_language")
                if "interpreter" in needs and _given(slot("communication_language"))
                else None,
                "other": slot("communication_other")
                if "other" in needs and _given(slot("communication_other"))
                else None,
            }
    details = payload["details"]
    if _given(slot("police_reference")):
        details["police_reference"] = slot("police_reference")
    if has_evidence(slot("evidence")) and slot("evidence_consent") in ("agreed", "objected"):
        details["evidence_consent"] = slot("evidence_consent")
    return payload
