"""Loading the model into the Rasa server (issue 14).

2. Loading DIET. To give its layers their shapes, Rasa trains the empty model on one example
before loading the trained weights over it (`RasaModel.load`), and that one step is traced into
a TensorFlow graph, CRF entity loss and all: about 80% of the server's start (py-spy). It also
leaves the training step's machinery and the optimizer's slots in memory (190 MiB). Here no
training step runs: the model file's weights are restored as TensorFlow creates each layer's
variables while it traces the prediction graph (a checkpoint's deferred restoration), then
every variable the model made is checked to have come from the file
(`assert_existing_objects_matched`); if any did not, the model is loaded Rasa's way instead
(with the step run eagerly). Answers are the same (bench/rasa_speedups_check.py compares them).
Fine-tuning, which needs the optimizer, keeps Rasa's way.

7. JAX left out. TensorFlow 2.12 requires JAX, and its TensorFlow Lite converter imports it on
`import tensorflow` when it is installed, only to convert JAX models: 84 MiB of the server's
memory and half a second of its start for nothing here. `leave_jax_out` makes that import fail
as if JAX were not installed, which TensorFlow expects; it must run before TensorFlow is
imported (`install` does it first).
"""

from __future__ import annotations

import sys
from typing import Any


def load_without_tracing(
    cls: Any,
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """`RasaModel.load` without its shape-giving training step where the prediction graph alone
    restores every weight; with the step run eagerly otherwise."""
    from rasa.utils.tensorflow.constants import RUN_EAGERLY

    config = kwargs.get("config", {})
    if not finetune_mode and predict_data_example:
        model = cls(*args, **kwargs)
        model._run_eagerly = config.get(RUN_EAGERLY)
        restored = model.load_weights(model_file_name)  # restored as the variables are made
        model.run_inference(predict_data_example)  # makes them, and traces predictions
        try:
            restored.expect_partial()  # the training-only parts stay in the file
            restored.assert_existing_objects_matched()  # every variable made came from it
            return model
        except AssertionError:
            pass
    return _load_with_training_step(
        cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
        *args, **kwargs,
    )  # fmt: skip


def _load_with_training_step(
    cls: Any,
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """Rasa's `RasaModel.load`, with the shape-giving training step run eagerly."""
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True
    )
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    model._run_eagerly = config.get(RUN_EAGERLY)  # predictions traced, as Rasa does
    model.load_weights(model_file_name)
    if not finetune_mode and predict_data_example:
        model.run_inference(predict_data_example)
    return model


def leave_jax_out() -> None:
    """Make `import jax` fail in this process, unless TensorFlow or JAX is already imported."""
    if "tensorflow" not in sys.modules:
        sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # None: ImportError


def install() -> None:
    """Items 2 and 7 (JAX first: nothing may have imported TensorFlow yet)."""
    leave_jax_out()
    from rasa.utils.tensorflow.models import RasaModel

    RasaModel.load = classmethod(load_without_tracing)
