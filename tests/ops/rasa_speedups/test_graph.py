"""The model's graph run without dask's scheduler (ops/rasa_speedups/graph.py): the same parses,
the same predictions and the same errors as Rasa's own runner."""

from __future__ import annotations

import pytest

from ops.rasa_speedups import graph

TEXTS = [
    "the people upstairs play loud music every night until 3am",
    "yes",
    "someone has sprayed graffiti all over the bin store",
    "my neighbour is threatening me with a knife right now",
    "mae'r cymdogion yn gweiddi bob nos",  # Welsh: the multilingual classifier's way
    "what is the weather tomorrow",
]


def _conversation(parse: dict) -> list:
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered(parse["text"], parse["intent"], parse["entities"], parse_data=parse),
    ]


def _parses_and_predictions(classifier) -> list:
    from rasa.shared.core.trackers import DialogueStateTracker

    processor = classifier._agent.processor
    results = []
    for text in TEXTS:
        parse = classifier._loop.run_until_complete(classifier._parse(text, None))
        tracker = DialogueStateTracker.from_events("resident", _conversation(parse))
        prediction = processor._predict_next_with_tracker(tracker)
        results.append((parse, prediction.probabilities, prediction.policy_name, prediction.events))
    return results


def test_parses_and_predictions_are_rasas(monkeypatch, classifier):
    from rasa.engine.runner.dask import DaskGraphRunner

    assert DaskGraphRunner.run is graph.run_planned
    planned = _parses_and_predictions(classifier)
    monkeypatch.setattr(DaskGraphRunner, "run", graph._rasas_run)
    rasas = _parses_and_predictions(classifier)
    assert planned == rasas
    assert {parse["intent"]["name"] for parse, *_rest in planned} >= {"emergency"}


def test_a_failing_component_fails_the_run_as_under_rasas_runner(
    monkeypatch, classifier, diet_node
):
    from rasa.engine.exceptions import GraphComponentException
    from rasa.engine.runner.dask import DaskGraphRunner

    def broken(self, messages):
        raise ValueError("a broken component")

    monkeypatch.setattr(diet_node, "_fn", broken)
    for runner in (graph.run_planned, graph._rasas_run):
        monkeypatch.setattr(DaskGraphRunner, "run", runner)
        with pytest.raises(GraphComponentException, match="DIETClassifier") as raised:
            classifier._loop.run_until_complete(classifier._parse("loud music", None))
        assert str(raised.value.__cause__) == "a broken component"
