"""`action_choose_language`: the resident chose a language, or asked for the menu (issue 16).

Reached by the `choose_language` intent: a menu button (`/choose_language{"language": "cy"}`;
by SMS the number the backend maps to it), a language's name or the word "language" alone
(bot/language_choice.py, applied by bot/routing.py). A choice sets the `language` slot, which
every later reply follows (bot/nlg.py), which the report carries to the backend (the case's
`language`: every text and email about the case), and which by SMS the backend also keeps for
the number (backend/sms_inbound). The rules (bot/data/rules.yml) then re-open a form in
progress, which asks its question again in the new language.

On the web chat the page's language is the conversation's: the action tells the page to follow
(a custom message `{"language": "cy"}` the backend turns into the page's language) instead of
setting the slot, so the page's own menu keeps working afterwards.

A language's name typed as the answer to "which language should the interpreter speak?" is
that answer, not a switch: the resident may be writing for someone else.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.language_choice import chosen_language
from core.languages import language

# Questions whose answer is a language for someone else (an interpreter), never a switch.
INTERPRETER_LANGUAGE_SLOTS = frozenset({"communication_language"})
WEB_CHANNEL = "webchat"


class ActionChooseLanguage(Action):
    def name(self) -> str:
        return "action_choose_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        code = chosen_language(message.get("entities"), str(message.get("text") or ""))
        in_form = tracker.active_loop_name is not None
        requested = tracker.get_slot("requested_slot") if in_form else None
        if code is not None and requested in INTERPRETER_LANGUAGE_SLOTS:
            return [SlotSet(requested, language(code).english_name)]
        if code is None:
            dispatcher.utter_message(response="utter_choose_language")
            return []
        dispatcher.utter_message(
            response="utter_language_chosen" if in_form else "utter_language_chosen_tell",
            language_name=language(code).own_name,
            reply_language=code,
        )
        if tracker.get_latest_input_channel() == WEB_CHANNEL:
            # On the web the page's language is the conversation's (sent with every message):
            # the page is told to follow (backend/webchat), so page and replies never differ,
            # and a later choice from the page's own menu is followed too.
            dispatcher.utter_message(json_message={"language": code})
            return []
        return [SlotSet("language", code)]
