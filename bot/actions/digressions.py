"""Questions in the middle of a report: "why do you need my number?", "can I talk to a person?".

`action_answer_question` answers from where the conversation is (the question being asked, the
office hours now in the landlord's time zone), then the rules re-open the report form, which asks
its question again: the resident is never left without a way on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.server_settings import get_settings
from bot.actions.submit import conversation_language
from bot.constants import EQUALITY_SLOTS, RAM_SLOTS
from core.i18n import day_name

WHY = {
    "phone": "utter_why_phone",
    "safe_to_text": "utter_why_phone",
    "consent_to_contact": "utter_why_phone",
    "reporter_name": "utter_why_name",
    "location": "utter_why_location",
    "email": "utter_why_phone",
    "preferred_contact": "utter_why_phone",
    "best_time": "utter_why_phone",
    "ram_start": "utter_why_risk",
    **{slot: "utter_why_risk" for slot in RAM_SLOTS},
    "hate_related": "utter_why_risk",
    "equality_start": "utter_why_equality",
    **{slot: "utter_why_equality" for slot in EQUALITY_SLOTS},
}


def office_state(language: str = "en", now: datetime | None = None) -> dict[str, Any]:
    """Whether the office is open now, its hours, and the day it next opens (a day name)."""
    from core.workdays import WorkingCalendar

    calendar = WorkingCalendar.from_settings(get_settings())
    local = (now or datetime.now(calendar.tz)).astimezone(calendar.tz)
    today = local.date()
    working = calendar.is_working_day(today)
    if working and local.time() < calendar.office_opens:
        next_day = today
    else:
        next_day = calendar.next_working_day(today)
    return {
        "open": working and calendar.office_opens <= local.time() < calendar.office_closes,
        "opens": calendar.office_opens.strftime("%H:%M"),
        "closes": calendar.office_closes.strftime("%H:%M"),
        "next_day": day_name(next_day, language),
    }


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        intent = str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")
        if intent == "ask_for_person":
            language = conversation_language(tracker, get_settings().default_language)
            office = office_state(language)
            if office["open"]:
                dispatcher.utter_message(
                    response="utter_person_office_open", closes=office["closes"]
                )
            else:
                dispatcher.utter_message(
                    response="utter_person_out_of_hours",
                    opens=office["opens"],
                    next_day=office["next_day"],
                )
            return []
        requested = tracker.get_slot("requested_slot")
        dispatcher.utter_message(response=WHY.get(str(requested), "utter_why_general"))
        return []
