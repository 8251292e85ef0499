"""The conversation's tracker with the speed-ups (ops/rasa_speedups/tracker.py): the same event
classes, slots, states and applied events as Rasa's own code."""

from __future__ import annotations

import pytest

from ops.rasa_speedups import tracker as speedups


def test_event_names_resolve_to_the_same_classes_and_unknown_ones_as_before(monkeypatch):
    from rasa.shared.core.events import ActionExecuted, Event, UserUttered

    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)  # undone afterwards
    speedups.cache_event_types()
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("user") is UserUttered  # remembered
    assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    assert Event.resolve_by_type("topic") is None  # Rasa's old name, as before
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_trackers_copy_slots_as_copy_copy_does(monkeypatch):
    """A tracker copies every slot of the domain when it is made; the direct copy gives what
    `copy.copy` gives, and the copies stay apart from the domain's slots."""
    import copy

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    for slot in domain.slots:
        if slot.name == "location":
            slot.value = "Example Road"
    generic = {slot.name: copy.copy(slot) for slot in domain.slots}

    monkeypatch.setattr(Slot, "__copy__", speedups._copy_slot, raising=False)
    for slot in domain.slots:
        twin = copy.copy(slot)
        assert twin is not slot
        assert type(twin) is type(slot)
        assert twin.__dict__ == generic[slot.name].__dict__
    events = [
        UserUttered("loud music", {"name": "report_asb", "confidence": 1.0}),
        SlotSet("location", "Flat 2, Example Court"),
    ]
    tracker = DialogueStateTracker.from_events("resident", events, domain.slots)
    assert tracker.get_slot("location") == "Flat 2, Example Court"
    assert next(s for s in domain.slots if s.name == "location").value == "Example Road"
    assert tracker.copy().current_state() == tracker.current_state()


def _conversation(domain):
    from rasa.shared.core.events import (
        ActionExecuted,
        ActiveLoop,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    def said(intent: str, text: str) -> list:
        return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent})]

    events = [ActionExecuted("action_session_start"), SessionStarted()]
    events += said("asb_noise", "loud music from the flat above every night")
    events += [ActionExecuted("action_start_report"), ActionExecuted("report_form")]
    events += [ActiveLoop("report_form"), SlotSet("requested_slot", "location")]
    events += said("affirm", "yes")
    events += [UserUtteranceReverted()]  # an answer taken back
    events += said("inform", "Flat 2, Example Court")
    events += [ActionExecuted("report_form"), SlotSet("location", "Flat 2, Example Court")]
    return DialogueStateTracker.from_events("resident", events, domain.slots)


def test_remembered_states_and_events_are_rasas_and_follow_new_events(monkeypatch):
    """The policies' states and the applied events of a conversation are the ones Rasa computes,
    the same after a caller changed its copy, and new again once the conversation moves on."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    tracker = _conversation(domain)
    questions = [
        {},
        {"ignore_rule_only_turns": True, "rule_only_data": {"slots": [], "loops": []}},
    ]
    rasas = [domain.states_for_tracker_history(tracker, **question) for question in questions]
    rasas_events = tracker.applied_events()

    monkeypatch.setattr(Domain, "states_for_tracker_history", Domain.states_for_tracker_history)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    speedups.remember_replays()
    for question, expected in zip(questions, rasas, strict=True):
        first = domain.states_for_tracker_history(tracker, **question)
        assert first == expected
        first[-1].clear()  # a featurizer deletes parts of its copy
        for state in first[:-1]:
            state.get("user", {}).clear()
        assert domain.states_for_tracker_history(tracker, **question) == expected
    events = tracker.applied_events()
    assert events == rasas_events
    events.clear()
    assert tracker.applied_events() == rasas_events

    tracker.update(ActionExecuted("action_listen"))  # the conversation moves on
    moved = domain.states_for_tracker_history(tracker)
    assert len(moved) == len(rasas[0]) + 1
    assert tracker.applied_events()[-1] == ActionExecuted("action_listen")


def test_states_carried_on_from_the_last_replay_are_rasas_at_every_step(monkeypatch):
    """A conversation growing an event at a time (the same tracker, as between a turn's
    predictions), taken back, restarted and read again from new objects: the policies' states
    are Rasa's after every event, for each way the policies ask."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    events = list(_conversation(domain).events)
    events += [ActionExecuted("action_show_summary", hide_rule_turn=True)]
    events += [ActionExecuted("action_listen"), UserUttered("no", {"name": "deny"})]
    events += [ActionExecuted("report_form"), ActionReverted()]  # an action taken back
    events += [ActionExecuted("report_form"), ActiveLoop(None), SlotSet("requested_slot", None)]
    events += [ActionExecuted("action_listen"), Restarted(), ActionExecuted("action_listen")]
    events += [UserUttered("hello", {"name": "greet"}), ActionExecuted("utter_greet")]
    questions = [
        {},
        {"omit_unset_slots": True},
        {
            "ignore_rule_only_turns": True,
            "rule_only_data": {"slots": ["requested_slot"], "loops": ["report_form"]},
        },
    ]

    def fresh(count: int) -> DialogueStateTracker:
        return DialogueStateTracker.from_events("resident", events[:count], domain.slots)

    expected = [
        [domain.states_for_tracker_history(fresh(count), **q) for q in questions]
        for count in range(1, len(events) + 1)
    ]
    monkeypatch.setattr(Domain, "states_for_tracker_history", Domain.states_for_tracker_history)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    speedups.remember_replays()
    replays_started = []
    start_replay = speedups._Replay.__init__
    monkeypatch.setattr(
        speedups._Replay,
        "__init__",
        lambda replay, tracker: (
            replays_started.append(len(tracker.events)) or start_replay(replay, tracker)
        ),
    )
    growing = DialogueStateTracker.from_events("resident", [], domain.slots)
    for count, event in enumerate(events, start=1):
        growing.update(event)
        for question, rasas in zip(questions, expected[count - 1], strict=True):
            assert domain.states_for_tracker_history(growing, **question) == rasas, count
    # carried on: each way of asking replayed from the start only where the applied events
    # are no longer a continuation: the first event, the session start, the answer taken back,
    # the form's own undo of its earlier runs (twice), the action taken back, the restart
    restarts = [1, 2, 11, 14, 19, 20, 25]
    assert replays_started == [count for count in restarts for _question in questions]
    for count in range(1, len(events) + 1):
        for question, rasas in zip(questions, expected[count - 1], strict=True):
            assert domain.states_for_tracker_history(fresh(count), **question) == rasas, count


def test_applied_events_carried_on_are_rasas_at_every_step(monkeypatch):
    """A conversation's applied events, carried on from the last answer: Rasa's after every
    event, with answers and actions taken back, a restart, a loop named only after its earlier
    runs, and another tracker of the same conversation that went a different way."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    events = list(_conversation(domain).events)
    events += [ActionExecuted("action_listen"), UserUttered("no", {"name": "deny"})]
    events += [ActionExecuted("report_form"), ActionReverted()]  # an action taken back
    events += [ActionExecuted("contact_form"), ActionExecuted("action_listen")]
    events += [UserUttered("by text", {"name": "inform"}), ActionExecuted("contact_form")]
    events += [ActiveLoop("contact_form")]  # a loop named only now: its runs above are undone
    events += [Restarted(), ActionExecuted("action_listen")]

    def fresh(count: int) -> DialogueStateTracker:
        return DialogueStateTracker.from_events("resident", events[:count], domain.slots)

    expected = [fresh(count).applied_events() for count in range(len(events) + 1)]
    assert expected[-3] != expected[-4] + [events[-3]]  # the new loop changed earlier events
    branch = fresh(14)
    branch.update(UserUttered("hello", {"name": "greet"}))
    branch.update(ActionExecuted("utter_greet"))
    branch_expected = branch.applied_events()
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    speedups.remember_replays()
    growing = DialogueStateTracker.from_events("resident", [], domain.slots)
    for count, event in enumerate(events, start=1):
        growing.update(event)
        assert growing.applied_events() == expected[count], count
    # trackers of the same conversation read in turn: one that went another way, one that
    # is a step behind, and one read again after another went on from where it stopped
    assert fresh(16).applied_events() == expected[16]
    assert branch.applied_events() == branch_expected
    assert fresh(16).applied_events() == expected[16]
    ahead, behind = fresh(14), fresh(12)
    assert behind.applied_events() == expected[12]
    assert ahead.applied_events() == expected[14]  # goes on from where `behind` stopped
    assert behind.applied_events() == expected[12]
    behind.applied_events().clear()  # a caller changes its copy
    assert behind.applied_events() == expected[12]
