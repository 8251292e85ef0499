"""The model loaded into the Rasa server (ops/rasa_speedups/loading.py): every trained weight,
no training step, no JAX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ops.rasa_speedups import loading


def test_the_running_rasa_server_leaves_jax_out(e2e_system):
    """TensorFlow's import pulls JAX in when it is installed (84 MiB the server never uses):
    the deployed Rasa server runs TensorFlow without it."""
    pid = e2e_system.service("rasa").process.pid
    libraries = Path(f"/proc/{pid}/maps").read_text()
    assert "libtensorflow_framework" in libraries  # TensorFlow is loaded ...
    assert "jaxlib" not in libraries  # ... and JAX's 50 MiB library is not


def test_diet_loads_every_trained_weight_without_a_training_step(monkeypatch, tmp_path):
    """The trained DIET loaded without Rasa's shape-giving training step has exactly the
    weights it has when loaded with that step, and no optimizer."""
    import numpy as np
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.utils.tensorflow.models import RasaModel

    from ops.training import ensure_model

    storage, metadata = LocalModelStorage.from_model_archive(tmp_path / "model", ensure_model())
    node = next(n for n in metadata.predict_schema.nodes.values() if n.uses is DIETClassifier)
    context = ExecutionContext(metadata.predict_schema, metadata.model_id)

    def load_diet(loader: Callable) -> Any:
        monkeypatch.setattr(RasaModel, "load", classmethod(loader))
        config = {**DIETClassifier.get_default_config(), **node.config}
        return DIETClassifier.load(config, storage, node.resource, context).model

    with_step = load_diet(loading._load_with_training_step)
    training_steps = []
    monkeypatch.setattr(
        loading,
        "_load_with_training_step",
        lambda *args, **kwargs: training_steps.append(args) or with_step,
    )
    without_step = load_diet(loading.load_without_tracing)

    assert training_steps == []  # the graph alone restored every weight
    assert without_step is not with_step and without_step.optimizer is None
    expected = {weight.name: weight.numpy() for weight in with_step.weights}
    loaded = {weight.name: weight.numpy() for weight in without_step.weights}
    assert sorted(loaded) == sorted(expected) and len(loaded) > 50
    for name, value in expected.items():
        np.testing.assert_array_equal(loaded[name], value, err_msg=name)
