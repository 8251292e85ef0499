"""The conversation's tracker: events read back, slots copied, replays (issue 14).

3. Reading events back. `Event.resolve_by_type` looks an event's class up by walking every
Event subclass, for every event of the conversation on every turn: each name is resolved once.

5. Copying slots. Every new tracker copies each of the domain's slots (69 here) with
`copy.copy`, and Rasa makes trackers all the time: replaying the conversation for the policies'
states, for each action's temporary tracker, for forms (7% of the server's time at c=20,
py-spy). A slot is a plain object, so `copy.copy` takes its generic path (`__reduce_ex__`, then
rebuilding the object from its `__dict__`); `Slot.__copy__` does the same in one step.

6. Replaying the conversation. For every prediction, each policy asks for the states of the
whole conversation (`Domain.states_for_tracker_history`), which replays every event into a new
tracker, and several parts of a turn ask for the events that still apply
(`DialogueStateTracker.applied_events`), which scans them all again: together 15% of the
server's time at c=20 (py-spy). Both depend only on the tracker's events (and the domain and the
arguments), so each answer is remembered for the tracker while its events are the same ones
(`_Remembered`: the same tracker object, the same number of events, the same last event).
Callers change what they get (the featurizers delete parts of states), so each gets a copy.
"""

from __future__ import annotations

import copy
import operator
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


def cache_event_types() -> None:
    """`Event.resolve_by_type` walks every Event subclass for each event read back from the
    tracker store (7-8% of the server's time under load); remember what each name resolved to.
    Only names that resolved to a class are remembered, so unknown ones behave as before."""
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        event_class = found.get(type_name)
        if event_class is None:
            event_class = original(type_name, default)
            if event_class is not None and event_class is not default:
                found[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _copy_slot(slot: Any) -> Any:
    """What `copy.copy` gives for a slot (a new object of its class with the same attributes),
    without its generic path."""
    twin = slot.__class__.__new__(slot.__class__)
    twin.__dict__.update(slot.__dict__)
    return twin


def copy_slots_directly() -> None:
    from rasa.shared.core.slots import Slot

    Slot.__copy__ = _copy_slot


# Answers remembered per process: a conversation's latest states and applied events.
REMEMBERED_ANSWERS = 64


class _Remembered:
    """Answers that depend only on a tracker's events, kept while its events are the same."""

    def __init__(self) -> None:
        self._answers: OrderedDict[tuple, tuple] = OrderedDict()

    def get(self, tracker: Any, question: tuple, compute: Callable[[], Any]) -> Any:
        events = tracker.events
        length, last = len(events), (events[-1] if events else None)
        key = (id(tracker), *question)
        kept = self._answers.get(key)
        if kept is not None and kept[0]() is tracker and kept[1] == length and kept[2] is last:
            self._answers.move_to_end(key)
            return kept[3]
        answer = compute()
        self._answers[key] = (weakref.ref(tracker), length, last, answer)
        while len(self._answers) > REMEMBERED_ANSWERS:
            self._answers.popitem(last=False)
        return answer


def _copy_states(states: list) -> list:
    """A copy of a list of states deep enough for their users: a state is a dict of dicts whose
    values are strings, numbers and tuples."""
    return [
        {name: dict(part) if isinstance(part, dict) else part for name, part in state.items()}
        for state in states
    ]


class _Replay:
    """How far a conversation's replay for the policies' states got: the applied events
    replayed (the objects), the replay tracker after them, the state before each action, and
    the loop's two variables (`Domain.states_for_tracker_history`)."""

    def __init__(self, tracker: Any) -> None:
        self.events: list = []
        self.tracker = tracker.init_copy()
        self.states: list = []
        self.last_ml_action: Any = None
        self.turn_was_hidden = False


REMEMBERED_REPLAYS = 256


class _Replays:
    """`Domain.states_for_tracker_history` carried on from the conversation's last replay when
    the events it replayed are the start of the events now (the same objects, in order), as
    they are between the predictions of a turn; replayed from the start otherwise."""

    def __init__(self) -> None:
        self._replays: OrderedDict[tuple, _Replay] = OrderedDict()

    def states(
        self, domain: Any, tracker: Any, omit: bool, ignore: bool, rule_only: Any, rule_key: str
    ) -> list:
        from rasa.shared.core.events import ActionExecuted

        key = (id(domain), tracker.sender_id, tracker.is_rule_tracker, omit, ignore, rule_key)
        key += (tracker._max_event_history,)
        applied = tracker.applied_events()
        replay = self._replays.pop(key, None)
        if (
            replay is None
            or len(replay.events) > len(applied)
            or any(
                old is not new
                for old, new in zip(replay.events, applied[: len(replay.events)], strict=True)
            )
        ):
            replay = _Replay(tracker)
        for event in applied[len(replay.events) :]:
            if isinstance(event, ActionExecuted):
                _add_state(
                    domain, replay, replay.tracker, event.hide_rule_turn, omit, ignore, rule_only
                )
            replay.tracker.update(event)
            replay.events.append(event)
        self._replays[key] = replay
        while len(self._replays) > REMEMBERED_REPLAYS:
            self._replays.popitem(last=False)
        last = copy.copy(replay)  # the state after the last event, kept out of `replay`
        last.states = list(replay.states)
        _add_state(domain, last, replay.tracker, False, omit, ignore, rule_only)
        return last.states


def _add_state(
    domain: Any, replay: _Replay, tracker: Any, hide: bool, omit: bool, ignore: bool, rule_only: Any
) -> None:
    """One step of the loop of `Domain.states_for_tracker_history` (Rasa 3.6.21), as it is."""
    from rasa.shared.core.constants import PREVIOUS_ACTION

    if ignore:
        if not replay.turn_was_hidden:
            replay.last_ml_action = domain._get_prev_action_sub_state(tracker)
        if (
            not tracker.followup_action
            and not tracker.latest_action_name == tracker.active_loop_name
        ):
            replay.turn_was_hidden = hide
        if replay.turn_was_hidden:
            return
    state = domain.get_active_state(tracker, omit_unset_slots=omit)
    if ignore:
        domain._remove_rule_only_features(state, rule_only)
        if replay.states:
            domain._substitute_rule_only_user_input(state, replay.states[-1])
        if replay.last_ml_action:
            state[PREVIOUS_ACTION] = replay.last_ml_action
    replay.states.append(domain._clean_state(state))


class _Applied:
    """How far a conversation's `applied_events` got: the events gone through (the objects),
    the events that apply after them, and the loop names Rasa's loop saw."""

    def __init__(self, loop_names: set) -> None:
        self.events: list = []
        self.applied: list = []
        self.loop_names = loop_names


class _AppliedEvents:
    """`DialogueStateTracker.applied_events` carried on from the conversation's last answer when
    the events it went through are the start of the events now (the same objects, in order)
    and no new loop has been named since; gone through from the start otherwise."""

    def __init__(self) -> None:
        from rasa.shared.core import events

        self._kept: OrderedDict[tuple, _Applied] = OrderedDict()
        self._events = events

    def _loop_names(self, events: list) -> set:
        active_loop = self._events.ActiveLoop
        return {event.name for event in events if isinstance(event, active_loop) and event.name}

    def of(self, tracker: Any) -> list:
        events = list(tracker.events)
        key = (tracker.sender_id, type(tracker))
        kept = self._kept.pop(key, None)
        if kept is not None and (
            len(kept.events) > len(events)
            or not self._loop_names(events[len(kept.events) :]) <= kept.loop_names
            or not all(map(operator.is_, kept.events, events))
        ):
            kept = None
        if kept is None:
            kept = _Applied(self._loop_names(events))
        for event in events[len(kept.events) :]:
            kept.applied = self._apply(tracker, event, kept.applied, kept.loop_names)
        kept.events = events
        self._kept[key] = kept
        while len(self._kept) > REMEMBERED_REPLAYS:
            self._kept.popitem(last=False)
        return list(kept.applied)  # kept.applied changes with the next events

    def _apply(self, tracker: Any, event: Any, applied: list, loop_names: set) -> list:
        """One step of the loop of `DialogueStateTracker.applied_events` (Rasa 3.6.21), as it
        is: the events that apply after `event` (`applied` itself, changed, or a new list)."""
        kinds = self._events
        if isinstance(event, (kinds.Restarted, kinds.SessionStarted)):
            return []
        if isinstance(event, kinds.ActionReverted):
            tracker._undo_till_previous(kinds.ActionExecuted, applied)
        elif isinstance(event, kinds.UserUtteranceReverted):
            tracker._undo_till_previous(kinds.UserUttered, applied)
            tracker._undo_till_previous(kinds.ActionExecuted, applied)
        elif (
            isinstance(event, kinds.ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
        return applied


def remember_replays() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    remembered = _Remembered()
    replays = _Replays()
    applied = _AppliedEvents()

    def states_for_tracker_history(
        self: Any,
        tracker: Any,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: dict | None = None,
    ) -> list:
        rule_key = repr(rule_only_data)
        question = ("states", id(self), omit_unset_slots, ignore_rule_only_turns, rule_key)
        states = remembered.get(
            tracker,
            question,
            lambda: replays.states(
                self, tracker, omit_unset_slots, ignore_rule_only_turns, rule_only_data, rule_key
            ),
        )
        return _copy_states(states)

    def applied_events(self: Any) -> list:
        return list(remembered.get(self, ("applied",), lambda: applied.of(self)))

    Domain.states_for_tracker_history = states_for_tracker_history
    DialogueStateTracker.applied_events = applied_events


def install() -> None:
    """Items 3, 5 and 6."""
    cache_event_types()
    copy_slots_directly()
    remember_replays()
