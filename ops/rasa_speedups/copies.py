"""Copies of the conversation's tracker made from its state, not by replaying it (issue 14).

13. Tracker copies. Before running each action Rasa copies the tracker (`tracker.copy()`, in
`MessageProcessor._run_action`), and a form validating a slot builds a temporary tracker from
all the conversation's events (`FormAction._temporary_tracker`). Both make a new tracker and
replay every event of the conversation into it: with a report's 150-odd events, 8% of the Rasa
server's time at c=20 (py-spy). A tracker's state is what its events made it, so the copy here
takes that state directly: the same events (the same objects, as a replay appends them), each
slot copied with its value, the latest action's dict and the active loop copied (events change
both in place), everything else shared as the replay shares it (the latest message and bot
utterance are events of the list). What a replay leaves unset is left unset here too: the
sender's source, the model and assistant ids.

Only a plain `DialogueStateTracker` whose slots are a plain dict is copied this way; anything
else (a subclass, a tracker without a domain's slots) goes through Rasa's replay as before. The
temporary tracker of a form is built this way only when the conversation has no restart (Rasa's
starts after the latest one) and the tracker's slots are the domain's (the ones Rasa's uses).
"""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from typing import Any


def copy_state(tracker: Any) -> Any | None:
    """What `tracker.copy()` gives, made from its state; None when it is not a plain tracker
    (the caller replays then)."""
    from rasa.shared.constants import DEFAULT_SENDER_ID
    from rasa.shared.core.trackers import DialogueStateTracker

    if type(tracker) is not DialogueStateTracker or type(tracker.slots) is not dict:
        return None
    twin = DialogueStateTracker.__new__(DialogueStateTracker)
    twin._max_event_history = tracker._max_event_history
    twin.events = deque(tracker.events, tracker._max_event_history)
    twin.sender_id = tracker.sender_id or DEFAULT_SENDER_ID
    twin.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    twin.sender_source = None
    twin.is_rule_tracker = tracker.is_rule_tracker
    twin._paused = tracker._paused
    twin.followup_action = tracker.followup_action
    twin.latest_action = dict(tracker.latest_action) if tracker.latest_action else {}
    twin.latest_message = tracker.latest_message
    twin.latest_bot_utterance = tracker.latest_bot_utterance
    active_loop = tracker.active_loop
    twin.active_loop = dataclasses.replace(active_loop) if active_loop is not None else None
    twin.model_id = None
    twin.assistant_id = None
    return twin


def install() -> None:
    """Item 13: `DialogueStateTracker.copy` and `FormAction._temporary_tracker`."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import ActionExecuted, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    replay_copy = getattr(DialogueStateTracker.copy, "__wrapped__", DialogueStateTracker.copy)
    replay_temporary = getattr(
        FormAction._temporary_tracker, "__wrapped__", FormAction._temporary_tracker
    )

    def copy_tracker(self: Any) -> Any:
        twin = copy_state(self)
        return twin if twin is not None else replay_copy(self)

    def temporary_tracker(
        self: Any, current_tracker: Any, additional_events: list, domain: Any
    ) -> Any:
        twin = None
        if (
            current_tracker.idx_after_latest_restart() == 0
            and current_tracker._max_event_history is None
            and _same_slots(current_tracker.slots, domain.slots)
        ):
            twin = copy_state(current_tracker)
        if twin is None:
            return replay_temporary(self, current_tracker, additional_events, domain)
        # As Rasa's: the requested slot, the form's own execution, then the new events.
        twin.update(SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)))
        twin.update(ActionExecuted(self.name()))
        for event in additional_events:
            twin.update(event)
        return twin

    copy_tracker.__wrapped__ = replay_copy  # type: ignore[attr-defined]
    temporary_tracker.__wrapped__ = replay_temporary  # type: ignore[attr-defined]
    DialogueStateTracker.copy = copy_tracker
    FormAction._temporary_tracker = temporary_tracker


def _same_slots(slots: dict, domain_slots: list) -> bool:
    """The tracker's slots are the domain's: the same names, each of the same type and
    settings (a slot's attributes other than its value and whether it was set)."""
    if len(slots) != len(domain_slots):
        return False
    for definition in domain_slots:
        slot = slots.get(definition.name)
        if slot is None or type(slot) is not type(definition):
            return False
        if _settings(slot) != _settings(definition):
            return False
    return True


def _settings(slot: Any) -> dict:
    return {
        key: value
        for key, value in vars(slot).items()
        if key not in ("_value", "_has_been_set", "value")
    }
