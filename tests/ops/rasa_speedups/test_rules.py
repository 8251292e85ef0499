"""Item 14 (ops/rasa_speedups/rules.py): the trained RulePolicy's matching rules, searched only
as far back as a rule kept is long, are Rasa's (the same rules, in the same order) for every
prediction of a conversation, and so are the predictions."""

from __future__ import annotations

import json
from typing import Any

from ops.rasa_speedups import rules
from tests.ops.rasa_speedups.test_copies import _events


def _conversation_trackers(domain: Any, events: list) -> list:
    """New trackers of the conversation, one after each event (a prediction changes its
    tracker: it takes a follow-up action off)."""
    from rasa.shared.core.trackers import DialogueStateTracker

    return [
        DialogueStateTracker.from_events("resident", events[:count], domain.slots)
        for count in range(1, len(events) + 1)
    ]


def test_matching_rules_are_rasas_in_rasas_order(classifier, monkeypatch) -> None:
    from rasa.core.policies.rule_policy import RulePolicy

    rasas = rules.rasas_possible_keys or RulePolicy._get_possible_keys  # installed or not
    assert rasas is not rules.possible_keys
    searches: list[tuple[Any, dict, list]] = []

    def recording(self, lookup, states):
        searches.append((self, lookup, states))
        return rasas(self, lookup, states)

    processor = classifier._agent.processor
    monkeypatch.setattr(RulePolicy, "_get_possible_keys", recording)
    events = _events()  # a form with its loop interrupted and ended, a new session, a restart
    trackers = _conversation_trackers(processor.domain, events)
    rasa_predictions = [processor.predict_next_with_tracker(tracker) for tracker in trackers]
    assert len(searches) > len(rasa_predictions)  # the rules and the loops' unhappy paths
    assert any(len(states) > 6 for _, _, states in searches)  # longer than any rule
    for policy, lookup, states in searches:
        ours = rules.possible_keys(policy, lookup, states)
        expected = rasas(policy, lookup, states)
        assert ours == expected
        assert list(ours) == list(expected)  # Rasa picks the longest key by this order

    # a rule dropped only at its oldest state, and conversations shorter and longer than it
    policy = searches[0][0]
    listen = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    greeted = {"prev_action": {"action_name": "utter_greet"}, "user": {"intent": "greet"}}
    started = {"prev_action": {"action_name": "action_start_report"}}
    lookup = {json.dumps([greeted, listen]): "utter_two", json.dumps([listen]): "utter_one"}
    for states in ([listen], [started, listen], [greeted, listen], [started] * 5 + [listen]):
        expected = rasas(policy, lookup, states)
        assert rules.possible_keys(policy, lookup, states) == expected
    assert rasas(policy, lookup, [started, listen]) == {json.dumps([listen])}

    monkeypatch.setattr(RulePolicy, "_get_possible_keys", rules.possible_keys)
    trackers = _conversation_trackers(processor.domain, events)
    our_predictions = [processor.predict_next_with_tracker(tracker) for tracker in trackers]
    assert our_predictions == rasa_predictions
