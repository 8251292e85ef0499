"""Rasa's NLG in the Rasa server's own process (endpoints.yml `nlg: type:`), issue 14.

Rasa 3.6 asks its NLG endpoint for every `utter_*` with an HTTP call carrying the whole
conversation (`tracker.current_state(EventVerbosity.ALL)`), which costs the Rasa server about a
tenth of a turn's time, and the action server as much again. `CatalogNaturalLanguageGenerator`
renders the reply here instead, with the same function the endpoint uses (bot/nlg.py `render`,
from the same catalog and settings), from the few parts of the conversation it reads.

One exception keeps the endpoint: a conversation given safety advice in this session. The
action server's `POST /nlg` also brings that conversation's safeguarding record up to date
(its last activity and the words so far: bot/actions/safeguarding.py), so those conversations'
replies still go through it, exactly as before.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator
from rasa.shared.core.events import BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import render
from core.settings import Settings

SAFETY_ROUTE_SLOT = "safety_route"  # set by action_safety_advice (bot/actions/safety_advice.py)
# The events bot/nlg.py reads (the first reply of a session, a language chosen this turn).
READ_EVENTS = (UserUttered, BotUttered, SessionStarted)


def given_safety_advice(tracker: DialogueStateTracker) -> bool:
    """Whether this session of the conversation has had safety advice (a safety route set)."""
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, SlotSet) and event.key == SAFETY_ROUTE_SLOT and event.value:
            return True
    return False


def nlg_state(tracker: DialogueStateTracker) -> dict[str, Any]:
    """The parts of Rasa's tracker state that bot/nlg.py `render` reads."""
    latest = tracker.latest_message
    return {
        "sender_id": tracker.sender_id,
        "slots": tracker.current_slot_values(),
        "latest_message": dict(latest.parse_data) if latest else None,
        "latest_input_channel": tracker.get_latest_input_channel(),
        "events": [
            {"event": event.type_name, "data": getattr(event, "data", None)}
            for event in tracker.events
            if isinstance(event, READ_EVENTS)
        ],
    }


class CatalogNaturalLanguageGenerator(CallbackNaturalLanguageGenerator):
    """Replies rendered in process; the endpoint (`nlg: url:`) for conversations given safety
    advice."""

    def __init__(self, endpoint_config: Any, domain: Any = None) -> None:
        super().__init__(endpoint_config)
        self._settings = Settings.from_env()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        if given_safety_advice(tracker):
            return await super().generate(utter_action, tracker, output_channel, **kwargs)
        kwargs.pop("domain_responses", None)  # Rasa's; the catalog is bot/messages/
        kwargs.pop("response_id", None)
        return render(utter_action, kwargs, nlg_state(tracker), output_channel, self._settings)
