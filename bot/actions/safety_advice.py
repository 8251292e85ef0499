"""Actions for the safety routes and good-neighbour matters.

`action_safety_advice` runs when the NLU component (bot/nlu.py) or the classifier routed a message
to `emergency`, `asb_domestic_abuse`, `asb_hate` or `crime_not_in_progress`, at any point of the
conversation. It LEADS with the advice (999 first for an emergency), records the route and flags
for the report, keeps the resident's words where they answer the open question, and lets the
report carry on: the rules re-run `report_form` straight after it, which asks the next question
(or shows the summary again when every answer is in). The advice that promises urgency or passing
on (emergency, self-harm, domestic abuse) opens the conversation's safeguarding record
(bot/actions/safeguarding.py), so staff hear of it even if the resident stops there.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import answer_safety, answers
from bot.actions.case_fields import kept_answer
from bot.actions.report import reask_for_stage, report_in_progress
from bot.actions.safeguarding import note_safety_advice
from bot.actions.server_settings import get_settings
from bot.constants import (
    FORM_NAME,
    REPORT_SLOTS,
    STAGE_CANCEL,
    STAGE_CHANGE,
    STAGE_CONFIRM,
    STAGE_GOOD_NEIGHBOUR,
    STAGE_SENT,
)
from core import safety
from core.categories import infer_category

Events = list[dict[str, Any]]

# Most urgent first: a report keeps the most urgent route it was given.
ROUTE_PRIORITY = (safety.EMERGENCY, safety.DOMESTIC_ABUSE, safety.HATE, safety.CRIME_101)
ADVICE = {
    safety.EMERGENCY: "utter_safety_emergency",
    safety.DOMESTIC_ABUSE: "utter_safety_domestic_abuse",
    safety.HATE: "utter_safety_hate",
    safety.CRIME_101: "utter_safety_crime_101",
}
ROUTE_FLAGS = {safety.DOMESTIC_ABUSE: "domestic_abuse", safety.HATE: "hate"}
# Form answers that free text may fill when it comes with a safety route (not for an emergency
# the safety layer found: then only the description is kept, and "happening now" is yes).
TEXT_SLOTS = (
    "description",
    "location",
    "happened_when",
    "started_when",
    "people_involved",
    "witnesses",
)


def more_urgent(old: str | None, new: str) -> str:
    if old in ROUTE_PRIORITY and ROUTE_PRIORITY.index(old) <= ROUTE_PRIORITY.index(new):
        return str(old)
    return new


def _text(tracker: Tracker) -> str:
    return " ".join(str((tracker.latest_message or {}).get("text") or "").split())


class ActionSafetyAdvice(Action):
    def name(self) -> str:
        return "action_safety_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        text = _text(tracker)
        intent = str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")
        answering = self._answering(tracker, text)
        advice = answer_safety.answer_advice(text, intent) if answering else None
        if answering and advice is None:
            # An answer to a report question that calls for no advice: kept as the answer.
            return self._keep_answer(tracker, answering, text)
        found = safety.check(text) if not text.startswith("/") else None
        route = found.route if found else safety.INTENT_ROUTES.get(intent, safety.EMERGENCY)
        reason = found.reason if found else route
        if advice is not None and advice != route:
            route = reason = advice  # e.g. a classifier's emergency over the layer's "past crime"
        # 1. The advice, before anything else.
        if route == safety.EMERGENCY and reason == "self_harm":
            dispatcher.utter_message(response="utter_safety_self_harm")
        else:
            dispatcher.utter_message(response=ADVICE[route])

        # 2. Where the report stands.
        stage = tracker.get_slot("stage")
        in_form = (tracker.active_loop or {}).get("name") == FORM_NAME
        events: Events = []
        fresh = not in_form and (
            stage in (None, STAGE_SENT, STAGE_GOOD_NEIGHBOUR) and not self._keep(tracker, stage)
        )
        if fresh:
            events += [SlotSet(slot, None) for slot in REPORT_SLOTS]
            old_route, old_flags = None, []
        else:
            old_route = tracker.get_slot("safety_route")
            old_flags = list(tracker.get_slot("safety_flags") or [])
        flags = set(old_flags) | set(found.flags if found else ())
        if route in ROUTE_FLAGS:
            flags.add(ROUTE_FLAGS[route])
        events += [
            SlotSet("safety_route", more_urgent(old_route, route)),
            SlotSet("safety_flags", sorted(flags)),
        ]
        if route == safety.EMERGENCY:
            events.append(SlotSet("urgent", True))

        usable = bool(text) and not text.startswith("/")
        if fresh and usable:
            events += [
                SlotSet("description", text),
                SlotSet("category", infer_category(text, None)),
            ]
        elif in_form and usable:
            requested = tracker.get_slot("requested_slot")
            if requested == "description" and not tracker.get_slot("description"):
                events += [
                    SlotSet("description", text),
                    SlotSet("category", infer_category(text, None)),
                ]
            elif requested in TEXT_SLOTS and (route != safety.EMERGENCY or found is None):
                # The answer is kept (for an emergency only when the classifiers alone called it
                # one: most likely an answer misread), so the question is not asked again and
                # again with the same advice in between.
                events += [SlotSet(k, v) for k, v in kept_answer(requested, text, tracker).items()]
            elif requested == "happening_now" and route == safety.EMERGENCY:
                events.append(SlotSet("happening_now", True))
            elif requested == "hate_related" and route == safety.HATE:
                events.append(SlotSet("hate_related", "yes"))
        elif stage == STAGE_CANCEL:
            events.append(SlotSet("stage", None))  # carry on with the report

        # 3. "Marked urgent" is true now: the safeguarding record (bot/actions/safeguarding.py).
        await note_safety_advice(tracker, get_settings(), route, reason, flags)
        # 4. The report can carry on (the form asks its next question after this).
        if route == safety.EMERGENCY:
            dispatcher.utter_message(response="utter_safety_carry_on")
        return events

    @staticmethod
    def _answering(tracker: Tracker, text: str) -> str | None:
        """The report question the message answers (bot/actions/answer_safety.py), else None."""
        requested = tracker.get_slot("requested_slot")
        in_form = (tracker.active_loop or {}).get("name") == FORM_NAME
        if not in_form or requested not in answer_safety.ANSWER_SLOTS:
            return None
        if not text or text.startswith("/"):
            return None
        return str(requested)

    @staticmethod
    def _keep_answer(tracker: Tracker, requested: str, text: str) -> Events:
        """Events keeping an answer that calls for no safety advice (negated, over, a habit,
        or a past crime)."""
        if requested == "happening_now":
            said = answers.parse_yes_no(text, tracker.latest_message)
            return [] if said is None else [SlotSet("happening_now", said)]
        # "It started in March, the last time was last night": both (bot/actions/case_fields.py).
        return [SlotSet(k, v) for k, v in kept_answer(requested, text, tracker).items()]

    @staticmethod
    def _keep(tracker: Tracker, stage: str | None) -> bool:
        """A report in progress outside the form (e.g. paused) is kept, not restarted."""
        return stage is None and report_in_progress(tracker)


class ActionGoodNeighbour(Action):
    """An everyday-living matter: explain kindly, give advice, offer to log it anyway."""

    def name(self) -> str:
        return "action_good_neighbour"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        if tracker.get_slot("stage") in (STAGE_CONFIRM, STAGE_CHANGE, STAGE_CANCEL):
            # Checking a report already: not a new matter (more detail via "change").
            dispatcher.utter_message(response="utter_did_not_catch")
            reask_for_stage(dispatcher, tracker)
            return []
        text = _text(tracker)
        dispatcher.utter_message(response="utter_good_neighbour")
        dispatcher.utter_message(response="utter_ask_log_anyway")
        events: Events = [SlotSet(slot, None) for slot in REPORT_SLOTS]
        if text and not text.startswith("/"):
            events += [
                SlotSet("description", text),
                SlotSet("category", infer_category(text, None)),
            ]
        events.append(SlotSet("stage", STAGE_GOOD_NEIGHBOUR))
        return events


class ActionLogGoodNeighbour(Action):
    """ "Yes, log it anyway": the report form carries on; the report goes as route not_asb."""

    def name(self) -> str:
        return "action_log_good_neighbour"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        dispatcher.utter_message(response="utter_good_neighbour_logging")
        return [SlotSet("good_neighbour", True), SlotSet("stage", None)]


class ActionGoodNeighbourDeclined(Action):
    def name(self) -> str:
        return "action_good_neighbour_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Events:
        dispatcher.utter_message(response="utter_good_neighbour_declined")
        return [SlotSet(slot, None) for slot in REPORT_SLOTS]
