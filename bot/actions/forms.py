"""The report form: slot validation (`validate_report_form`) and which questions apply.

The answers a case officer needs beyond what happened (when it started, a police reference, the
resident's address, a visit or a call, communication needs, the court notice) and the two "when"
questions are in bot/actions/case_fields.py; the shared answer readers in form_answers.py.

Validators are idempotent: Rasa validates every already-filled slot again when the form is
re-opened (after "change something" or "carry on"), so a value that is already normalised
(a bool, a frequency code, an E.164 number, SKIPPED) is accepted silently, and side messages
(the 999 line, "try again") are only sent for a fresh answer. A None candidate (a slot cleared by
`action_start_report` just before the form opens) is simply "not answered yet".
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import routing
from bot.actions import answer_safety, answers, listening
from bot.actions.case_fields import CaseFieldsValidation, case_field_skips, in_asking_order
from bot.actions.corrections import find_correction, wants_to_start_again
from bot.actions.form_answers import (
    Slots,
    Validator,
    answered,
    clean_text,
    invalid_answer,
    is_fresh,
    text_or_skip,
)
from bot.actions.report import new_report_events
from bot.constants import (
    CONTACT_SLOTS,
    EQUALITY_SLOTS,
    FORM_SLOTS,
    GOOD_NEIGHBOUR_DECLINED,
    GOOD_NEIGHBOUR_OFFERED,
    MAX_BEST_TIME_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_INVALID_ANSWERS,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    NO_WITNESSES,
    PHONE_DEPENDENT_SLOTS,
    RAM_SLOTS,
    SKIPPED,
)
from bot.messages import CATEGORY_LABELS
from bot.questions import (
    CHOICE_QUESTIONS,
    PREFER_NOT_TO_SAY,
    WITNESS,
    ChoiceQuestion,
    parse_choice,
)
from core import safety
from core.categories import (
    CLEAR_INTENT_CONFIDENCE,
    INTENT_PREFIX,
    UNKNOWN,
    CategoryGuess,
    category_guess,
    infer_category,
)
from core.safety import SAFETY_INTENTS

# Offered when a description gives no clue (with "Something else" last).
COMMON_CATEGORIES = (
    "noise",
    "harassment",
    "groups_communal",
    "vandalism",
    "drugs_alcohol",
    "vehicle_nuisance",
    "pets_animals",
    "environmental",
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Questions whose "skip" has its own meaning (it is one of the options).
OWN_SKIP_OPTION = ("ram_start", "equality_start")


def choice_validator(question: ChoiceQuestion) -> Validator:
    """`validate_<slot>` for a multiple-choice question of bot/questions.py."""
    slot = question.slot

    @answered
    def validate(
        self: ValidateReportForm,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Slots:
        if value == SKIPPED:
            return {slot: SKIPPED}
        code = parse_choice(question, value)
        if code is None and slot not in OWN_SKIP_OPTION and answers.is_skip(value):
            code = PREFER_NOT_TO_SAY if question.declinable else SKIPPED
        if code is None:
            return invalid_answer(slot, dispatcher, tracker, "utter_choose_option")
        result: Slots = {slot: code}
        if is_fresh(value, tracker):
            result.update(self.after_choice(slot, code, dispatcher, tracker))
        return result

    validate.__name__ = f"validate_{slot}"
    return validate


class ValidateReportForm(CaseFieldsValidation, FormValidationAction):
    """Checks and normalises each answer of `report_form`; handles "start again" and
    corrections of earlier answers (bot/actions/corrections.py). The answers a case officer
    needs beyond what happened are checked in bot/actions/case_fields.py."""

    def name(self) -> str:
        return "validate_report_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        digression = self.digression(dispatcher, tracker, domain)
        if digression is not None:
            return digression
        if self.harm_not_routed(tracker):
            dispatcher.utter_message(response="utter_danger_check")
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def harm_not_routed(tracker: Tracker) -> bool:
        """The latest message speaks of harm but the safety layer did not call it an emergency
        (a past event, or a phrasing it does not know): a 999 line costs little."""
        message = tracker.latest_message or {}
        text = str(message.get("text") or "")
        intent = str((message.get("intent") or {}).get("name") or "")
        if not text or text.startswith("/") or intent in SAFETY_INTENTS.values():
            return False  # a payload, or action_safety_advice has already given the advice
        if tracker.get_slot("requested_slot") in answer_safety.ANSWER_SLOTS:
            # An answer: negation, tense and the question count (bot/actions/answer_safety.py).
            return answer_safety.harm_line_due(text)
        return safety.mentions_harm(text)

    def digression(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType] | None:
        """Events for "start again" or a correction in the latest message, else None."""
        requested = tracker.get_slot("requested_slot")
        text = " ".join(str((tracker.latest_message or {}).get("text") or "").split())
        if not requested or not text or text.startswith("/"):
            return None
        if wants_to_start_again(text):
            dispatcher.utter_message(response="utter_start_again")
            return [*new_report_events(tracker), SlotSet("requested_slot", "description")]
        if requested == "description":
            return None
        correction = find_correction(text)
        if correction is None or correction.slot == requested:
            return None
        validate = getattr(self, f"validate_{correction.slot}")
        checked = validate(correction.value, CollectingDispatcher(), tracker, domain)
        if checked.get(correction.slot) in (None, SKIPPED):
            return None  # not a usable value: take the words as the answer to the question
        dispatcher.utter_message(response="utter_correction_made", field=correction.slot)
        count = int(tracker.get_slot("corrections") or 0) + 1
        return [
            *(SlotSet(name, value) for name, value in checked.items()),
            SlotSet("corrections", count),
            # The open question is asked again (set here: Rasa would otherwise pick the first
            # empty slot of the domain's list, which may be one that does not apply).
            SlotSet(requested, None),
            SlotSet("requested_slot", requested),
        ]

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Only the questions that apply to this report (see bot/constants.py FORM_SLOTS)."""
        slot = tracker.get_slot
        if slot("good_neighbour") == GOOD_NEIGHBOUR_DECLINED:
            return []  # nothing to report after all: the form ends, nothing is sent
        skipped: set[str] = set()
        if slot("good_neighbour") != GOOD_NEIGHBOUR_OFFERED:
            skipped.add("log_anyway")
        if not slot("category_candidates"):
            skipped.add("category_choice")
        if "hate" in (slot("safety_flags") or []) or slot("category") == "hate":
            skipped.add("hate_related")  # already known: the resident's own words said so
        if slot("ram_start") != "yes":
            skipped.update(RAM_SLOTS)
        if slot("anonymous") == "yes":
            # Nothing of theirs is kept, so there is nothing of theirs to share, and the
            # equality questions describe a reporter the report does not record.
            skipped.update((*CONTACT_SLOTS, "consent_to_share", "equality_start"))
        if slot("phone") == SKIPPED:
            skipped.update(PHONE_DEPENDENT_SLOTS)
        if slot("preferred_contact") != "email":
            skipped.add("email")
        if slot("equality_start") != "yes":
            skipped.update(EQUALITY_SLOTS)
        skipped.update(case_field_skips(tracker))
        return in_asking_order([name for name in domain_slots if name not in skipped], tracker)

    # -- what happened -----------------------------------------------------------------------

    @answered
    def validate_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        text = " ".join(str(value).split())
        if len(text) > MAX_TEXT_LENGTH:
            counts = dict(tracker.get_slot("invalid_answers") or {})
            counts["description"] = int(counts.get("description") or 0) + 1
            if counts["description"] < MAX_INVALID_ANSWERS - 1:
                dispatcher.utter_message(response="utter_text_too_long", max_length=MAX_TEXT_LENGTH)
                return {"description": None, "invalid_answers": counts}
            # Never a loop: keep the start of it (more detail can follow later).
            dispatcher.utter_message(response="utter_text_kept_short", max_length=MAX_TEXT_LENGTH)
            value = text[:MAX_TEXT_LENGTH]
        result = clean_text("description", value, dispatcher)
        if result["description"] and self._everyday(value, tracker):
            # Asked to report, then described everyday living: say which way it is handled;
            # the next question asks whether to log it anyway (`log_anyway`).
            dispatcher.utter_message(response="utter_good_neighbour")
            result["good_neighbour"] = GOOD_NEIGHBOUR_OFFERED
        if result["description"] and is_fresh(value, tracker):
            result.update(self.details_heard(result["description"], dispatcher, tracker))
        if result["description"] and tracker.get_slot("category") is None:
            # The safety layer and "not ASB" filter already ran on this message (bot/nlu.py);
            # safety routes never reach here (not_intent in the domain), action_safety_advice
            # records them.
            guess = _category_guess(result["description"], tracker.latest_message or {})
            result["category"] = guess.category
            # Unclear: the resident picks from the likely ones (buttons, numbers on SMS), or
            # from the common ones when nothing points anywhere.
            if guess.clear:
                result["category_candidates"] = None
            else:
                result["category_candidates"] = list(guess.candidates) or list(COMMON_CATEGORIES)
        return result

    def details_heard(
        self, description: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Slots:
        """The questions the description already answers (bot/actions/listening.py), for the
        ones not answered yet: they are not asked, and the summary shows them."""
        heard = {
            slot: value
            for slot, value in listening.heard_in(description).items()
            if tracker.get_slot(slot) is None
        }
        if heard.get("happening_now") is True and self.danger_reminder_due(description, tracker):
            dispatcher.utter_message(response="utter_danger_call_999")
        return heard

    @staticmethod
    def _everyday(value: Any, tracker: Tracker) -> bool:
        """A fresh description the good-neighbour filter (bot/nlu.py) marked as everyday living."""
        if not is_fresh(value, tracker):
            return False  # re-validation of an earlier answer
        if tracker.get_slot("good_neighbour") in (True, GOOD_NEIGHBOUR_OFFERED):
            return False
        return ((tracker.latest_message or {}).get("intent") or {}).get("name") == "not_asb"

    @answered
    def validate_log_anyway(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """ "Log it anyway?" after an everyday matter: yes carries on as a good-neighbour
        report; no ends the report with nothing sent."""
        if isinstance(value, bool):
            return {"log_anyway": value}
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            return invalid_answer("log_anyway", dispatcher, tracker, "utter_please_yes_no")
        if answer:
            dispatcher.utter_message(response="utter_good_neighbour_logging")
            return {"log_anyway": True, "good_neighbour": True}
        dispatcher.utter_message(response="utter_good_neighbour_declined")
        cleared: Slots = {slot: None for slot in FORM_SLOTS}
        return {**cleared, "category": None, "good_neighbour": GOOD_NEIGHBOUR_DECLINED}

    @answered
    def validate_category_choice(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        """A number from the offered buttons, a category code or name, or words about it."""
        offered = [c for c in tracker.get_slot("category_candidates") or [] if c != UNKNOWN]
        offered.append(UNKNOWN)
        text = " ".join(str(value).lower().split())
        code: str | None = None
        if text.isdigit() and 1 <= int(text) <= len(offered):
            code = offered[int(text) - 1]
        elif text in CATEGORY_LABELS:
            code = text
        else:
            by_label = [c for c, label in CATEGORY_LABELS.items() if label.lower() == text]
            code = by_label[0] if by_label else None
            if code is None and (words := infer_category(text)) != UNKNOWN:
                code = words
        if code is None:
            return invalid_answer("category_choice", dispatcher, tracker, "utter_choose_option")
        return {"category_choice": code, "category": code}

    @answered
    def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._text_or_skip("location", value, dispatcher, tracker)

    @answered
    def validate_happening_now(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if isinstance(value, bool) or value == SKIPPED:
            return {"happening_now": value}
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            if answers.is_skip(value) or "not sure" in str(value).lower():
                return {"happening_now": SKIPPED}
            if listening.last_time_in(str(value)) and is_fresh(value, tracker):
                # "Last night about 11pm": the question asks when it last happened if not now.
                when = self.validate_happened_when(value, dispatcher, tracker, domain)
                return {"happening_now": False, **when}
            return invalid_answer("happening_now", dispatcher, tracker, "utter_please_yes_no")
        if answer and self.danger_reminder_due(str(value), tracker):
            # Dangerous words are caught earlier (bot/nlu.py -> action_safety_advice, 999 first).
            dispatcher.utter_message(response="utter_danger_call_999")
        result: Slots = {"happening_now": answer}
        last_time = listening.last_time_in(str(value)) if answer is False else None
        if last_time and tracker.get_slot("happened_when") is None and is_fresh(value, tracker):
            result["happened_when"] = last_time  # "no, it was last night at 11": not asked again
        return result

    @staticmethod
    def danger_reminder_due(answer: str, tracker: Tracker) -> bool:
        """ "Yes, it is happening now": a 999 reminder when the problem could put someone in
        danger (a safety route, or a category such as violence or harassment, or not known yet)
        and the resident did not just say no one is in danger."""
        if answer_safety.reassured(answer):
            return False
        category = tracker.get_slot("category")
        return bool(
            tracker.get_slot("safety_route")
            or category is None
            or category in answer_safety.CATEGORIES_WHERE_DANGER_MAY_BE_NOW
        )

    @answered
    def validate_frequency(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED:
            return {"frequency": SKIPPED}
        code = answers.parse_frequency(value)
        if code is None:
            if answers.is_skip(value, tracker.latest_message):
                return {"frequency": SKIPPED}
            return invalid_answer(
                "frequency", dispatcher, tracker, "utter_frequency_not_understood"
            )
        return {"frequency": code}

    # -- who and what else -------------------------------------------------------------------

    @answered
    def validate_people_involved(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        result: Slots
        if re.search(r"\b(don'?t know|no idea|not sure|unknown)\b", str(value).lower()):
            result = {"people_involved": SKIPPED}
        else:
            result = self._text_or_skip("people_involved", value, dispatcher, tracker)
        known = listening.known_from(str(value)) if is_fresh(value, tracker) else None
        if known and tracker.get_slot("people_known") is None:
            result["people_known"] = known  # "my neighbour at number 4": not asked again
        return result

    @answered
    def validate_witnesses(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value in (NO_WITNESSES, SKIPPED):
            return {"witnesses": value}
        words = " ".join(str(value).lower().strip(" .!").split())
        if words in ("no one", "nobody", "no-one", "none", "just me", "only me", "/deny") or (
            answers.parse_yes_no(value, tracker.latest_message) is False
        ):
            return {"witnesses": NO_WITNESSES}
        return self._text_or_skip("witnesses", value, dispatcher, tracker)

    def after_choice(
        self, slot: str, code: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Slots:
        """What a fresh multiple-choice answer changes beyond its own slot."""
        if slot == "hate_related" and code == "yes":
            dispatcher.utter_message(response="utter_hate_noted")
        elif slot == "anonymous" and code == "yes":
            dispatcher.utter_message(response="utter_anonymous_noted")
        elif slot == "evidence" and WITNESS not in code and tracker.get_slot("witnesses") is None:
            return {"witnesses": NO_WITNESSES}  # no one else saw or heard it: not asked
        elif slot == "evidence_consent" and code == "objected":
            dispatcher.utter_message(response="utter_evidence_objection_noted")
        elif slot == "preferred_contact" and code == "text":
            if tracker.get_slot("safe_to_text") is False:
                dispatcher.utter_message(response="utter_texts_not_safe_call")
                return {"preferred_contact": "call"}
        return {}

    # -- contact -----------------------------------------------------------------------------

    @answered
    def validate_reporter_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"reporter_name": SKIPPED}
        return clean_text("reporter_name", value, dispatcher, MAX_NAME_LENGTH)

    @answered
    def validate_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"phone": SKIPPED}
        phone = answers.parse_uk_phone(value)
        if phone is None:
            return invalid_answer(
                "phone",
                dispatcher,
                tracker,
                "utter_phone_invalid",
                offer_skip="utter_phone_invalid_offer_skip",
                moving_on="utter_phone_given_up",
            )
        result: Slots = {"phone": phone.e164}
        if not phone.is_mobile:
            result["safe_to_text"] = False  # landlines cannot receive our texts
        return result

    def _yes_no(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Slots:
        if isinstance(value, bool) or value == SKIPPED:
            return {slot: value}
        answer = answers.parse_yes_no(value, tracker.latest_message)
        if answer is None:
            if answers.is_skip(value):
                return {slot: SKIPPED}
            return invalid_answer(slot, dispatcher, tracker, "utter_please_yes_no")
        return {slot: answer}

    @answered
    def validate_safe_to_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._yes_no("safe_to_text", value, dispatcher, tracker)

    @answered
    def validate_consent_to_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._yes_no("consent_to_contact", value, dispatcher, tracker)

    @answered
    def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        if value == SKIPPED or answers.is_skip(value, tracker.latest_message):
            return {"email": SKIPPED}
        found = re.search(r"[^@\s<>(),;:]+@[^@\s<>(),;:]+\.[A-Za-z]{2,}", str(value))
        email = found.group(0).rstrip(".") if found else ""
        if not EMAIL.match(email) or len(email) > MAX_EMAIL_LENGTH:
            return invalid_answer("email", dispatcher, tracker, "utter_email_invalid")
        return {"email": email}

    @answered
    def validate_best_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return self._text_or_skip("best_time", value, dispatcher, tracker, MAX_BEST_TIME_LENGTH)

    def _text_or_skip(
        self,
        slot: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        max_length: int = MAX_TEXT_LENGTH,
    ) -> Slots:
        """Free text, or "skip" / "don't know"; an unusable answer counts towards moving on."""
        return text_or_skip(slot, value, dispatcher, tracker, max_length)


for _question in CHOICE_QUESTIONS.values():
    if f"validate_{_question.slot}" not in vars(CaseFieldsValidation):  # its own validator
        setattr(ValidateReportForm, f"validate_{_question.slot}", choice_validator(_question))


def _category_guess(description: str, parse: dict[str, Any]) -> CategoryGuess:
    """The category of a fresh description: the description classifier's when it chose the
    intent (clear when it is sure, otherwise offered first with its runners-up), else the
    words and the intent (`category_guess`)."""
    decided = routing.described_route(parse)
    if decided is None or decided[0] != "asb" or decided[1] is None:
        return category_guess(description, parse.get("intent"))
    category = decided[1]
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    ranked = [str(row.get("name") or "") for row in parse.get("description_ranking") or []]
    candidates = [category] if category != UNKNOWN else []
    for name in ranked:
        other = name[len(INTENT_PREFIX) :] if name.startswith(INTENT_PREFIX) else ""
        if other in CATEGORY_LABELS and other not in candidates and other != UNKNOWN:
            candidates.append(other)
    clear = category != UNKNOWN and confidence >= CLEAR_INTENT_CONFIDENCE
    return CategoryGuess(category, clear, tuple(candidates[:3]))
