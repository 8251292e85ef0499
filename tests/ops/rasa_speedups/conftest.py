"""The trained model loaded once for this folder's tests, with the speed-ups installed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def classifier() -> Iterator[Any]:
    from ops.classify import Classifier

    loaded = Classifier.load()  # installs the speed-ups
    yield loaded
    loaded.close()


@pytest.fixture
def diet_node(classifier) -> Any:
    """The loaded model's DIET node (its `_fn` is what the graph calls: a test may replace it)."""
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    nodes = classifier._agent.processor.graph_runner._instantiated_nodes.values()
    (diet,) = [node for node in nodes if node._component_class is DIETClassifier]
    return diet
