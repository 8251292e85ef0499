"""Item 13 (ops/rasa_speedups/copies.py): tracker copies made from the tracker's state are what
Rasa's replay of every event gives, at every step of a conversation, and stay apart from it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ops.rasa_speedups import copies


def _domain() -> Any:
    from rasa.shared.core.domain import Domain

    from core.settings import PROJECT_ROOT

    return Domain.load(PROJECT_ROOT / "bot" / "domain.yml")


def _events() -> list:
    """A conversation with most kinds of event: a form with its loop interrupted, rejected and
    ended, slots set and reset, answers and actions taken back, a pause, a follow-up action,
    bot messages, a new session and a restart."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionExecutionRejected,
        ActionReverted,
        ActiveLoop,
        AllSlotsReset,
        BotUttered,
        ConversationPaused,
        ConversationResumed,
        FollowupAction,
        LoopInterrupted,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )

    def said(intent: str, text: str) -> list:
        return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent})]

    events = [ActionExecuted("action_session_start"), SessionStarted()]
    events += said("asb_noise", "loud music from the flat above every night")
    events += [ActionExecuted("action_start_report"), SlotSet("description", "loud music")]
    events += [ActionExecuted("report_form"), ActiveLoop("report_form")]
    events += [SlotSet("requested_slot", "location"), BotUttered("Where?", {"buttons": []})]
    events += said("affirm", "yes") + [UserUtteranceReverted()]
    events += said("inform", "Flat 2, Example Court")
    events += [ActionExecuted("report_form"), SlotSet("location", "Flat 2, Example Court")]
    events += said("ask_question", "what happens next?")
    events += [ActionExecutionRejected("report_form"), LoopInterrupted(True)]
    events += [ActionExecuted("action_answer_question"), FollowupAction("report_form")]
    events += [ActionExecuted("report_form"), ActionReverted(), LoopInterrupted(False)]
    events += [ConversationPaused(), ConversationResumed(), SlotSet("urgent", True)]
    events += [ActionExecuted("report_form"), ActiveLoop(None), SlotSet("requested_slot", None)]
    events += [AllSlotsReset(), SlotSet("location", "Flat 3, Example Court")]
    events += [ActionExecuted("action_session_start"), SessionStarted()]
    events += said("greet", "hello") + [ActionExecuted("utter_greet")]
    events += [Restarted(), ActionExecuted("action_listen")]
    return events


def _state(tracker: Any) -> tuple:
    """Everything a tracker holds, in comparable form."""
    attributes = dict(vars(tracker))
    events = attributes.pop("events")
    slots = attributes.pop("slots")
    return (
        list(events),
        events.maxlen,
        {name: (type(slot), vars(slot)) for name, slot in slots.items()},
        attributes,
    )


def test_a_copy_is_rasas_replay_after_every_event() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    events = _events()
    tracker = DialogueStateTracker("resident", domain.slots)
    tracker.model_id = "a-model"  # a replay leaves it unset, so does the copy
    for count, event in enumerate(events, start=1):
        tracker.update(event)
        twin = copies.copy_state(tracker)
        replayed = tracker.travel_back_in_time(float("inf"))  # Rasa's own copy
        assert _state(twin) == _state(replayed), count
        assert twin.current_state() == replayed.current_state(), count
        assert all(a is b for a, b in zip(twin.events, tracker.events, strict=True))


def test_a_copy_changes_apart_from_its_original() -> None:
    from rasa.shared.core.events import ActionExecuted, LoopInterrupted, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    events = _events()[:17]  # the form running, its loop active, the location given
    tracker = DialogueStateTracker.from_events("resident", events, domain.slots)
    assert tracker.active_loop_name == "report_form"
    before = copy.deepcopy(_state(tracker))
    twin = copies.copy_state(tracker)
    twin.update(SlotSet("location", "somewhere else"))
    twin.update(LoopInterrupted(True))
    assert twin.active_loop.is_interrupted
    assert not tracker.active_loop.is_interrupted
    twin.update(ActionExecuted("action_answer_question"))
    assert _state(tracker) == before
    assert tracker.get_slot("location") == "Flat 2, Example Court"


def test_anything_but_a_plain_tracker_is_left_to_rasas_replay() -> None:
    from rasa.shared.core.trackers import AnySlotDict, DialogueStateTracker

    class Special(DialogueStateTracker):
        pass

    assert copies.copy_state(Special("resident", [])) is None
    no_domain = DialogueStateTracker("resident", None)
    assert isinstance(no_domain.slots, AnySlotDict)
    assert copies.copy_state(no_domain) is None


def test_a_forms_temporary_tracker_is_rasas_at_every_step(monkeypatch) -> None:
    """The tracker a form sends for validation (the requested slot, the form's execution and
    the new events after the conversation), built from the copy: Rasa's after every event,
    also after the restart (where Rasa's starts over) and with slots unlike the domain's."""
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = _domain()
    events = _events()
    form = FormAction("report_form", None)
    rasas = FormAction._temporary_tracker
    monkeypatch.setattr(FormAction, "_temporary_tracker", rasas)
    monkeypatch.setattr(DialogueStateTracker, "copy", DialogueStateTracker.copy)
    copies.install()
    assert FormAction._temporary_tracker is not rasas
    new_events = [SlotSet("location", "Flat 9, Example Court"), SlotSet("urgent", False)]
    tracker = DialogueStateTracker("resident", domain.slots)
    for count, event in enumerate(events, start=1):
        tracker.update(event)
        ours = form._temporary_tracker(tracker, new_events, domain)
        expected = rasas(form, tracker, new_events, domain)
        assert _state(ours) == _state(expected), count
    other_slots = DialogueStateTracker.from_events("resident", events[:13], domain.slots[:5])
    ours = form._temporary_tracker(other_slots, new_events, domain)
    assert _state(ours) == _state(rasas(form, other_slots, new_events, domain))


@pytest.mark.parametrize("installs", [1, 2])
def test_installed_copy_is_the_states_and_can_be_undone(monkeypatch, installs: int) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    replay = getattr(DialogueStateTracker.copy, "__wrapped__", DialogueStateTracker.copy)
    monkeypatch.setattr(DialogueStateTracker, "copy", replay)
    for _ in range(installs):
        copies.install()
    assert DialogueStateTracker.copy.__wrapped__ is replay  # never a copy of a copy
    domain = _domain()
    tracker = DialogueStateTracker.from_events("resident", _events()[:20], domain.slots)
    assert _state(tracker.copy()) == _state(replay(tracker))


def test_a_tracker_without_a_sender_is_copied_as_rasa_names_it() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("", _events()[:8], _domain().slots)
    replayed = tracker.travel_back_in_time(float("inf"))
    assert replayed.sender_id == "default"
    assert _state(copies.copy_state(tracker)) == _state(replayed)
