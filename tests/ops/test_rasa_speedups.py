"""The Rasa server's schema check built once (ops/rasa_speedups.py) still refuses what Rasa
refuses: a malformed answer from the action server is an error, a good one passes."""

from __future__ import annotations

import jsonschema
import pytest

from ops import rasa_speedups


def test_action_answers_are_checked_as_rasa_checks_them(monkeypatch):
    from rasa.core.actions.action import RemoteAction

    monkeypatch.setattr(jsonschema, "validate", rasa_speedups.cached_validate)
    action = RemoteAction("action_submit_report", None)
    good = {
        "events": [{"event": "slot", "name": "location", "value": "Example Road"}],
        "responses": [],
    }
    action._validate_action_result(good)
    twice = action._validate_action_result(good)  # the cached validator, again
    assert twice is True
    bad = {"events": [{"event": "no_such_event"}], "responses": []}
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result(bad)


def test_event_names_resolve_to_the_same_classes_and_unknown_ones_as_before(monkeypatch):
    from rasa.shared.core.events import ActionExecuted, Event, UserUttered

    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)  # undone afterwards
    rasa_speedups.cache_event_types()
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("user") is UserUttered  # remembered
    assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    assert Event.resolve_by_type("topic") is None  # Rasa's old name, as before
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
