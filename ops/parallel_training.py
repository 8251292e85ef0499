"""`python -m ops.parallel_training train <rasa train arguments>`: Rasa's `rasa train` with the
model graph's independent parts trained side by side (issue 14: the CI time).

Rasa 3.6 trains the model's graph with dask's synchronous scheduler: one node after another on
one thread. Most of our training time is in nodes that need only the featurised training data
or the stories, not each other: DIET (a third of it), the description classifier (the English
sentence encoder over ten thousand labelled messages, then a logistic regression), the
multilingual description classifier (the multilingual encoder, then its regression), the
sentence-embedding classifier and the dialogue policies. The regressions run on one core for
minutes while the other core waits.

Here the same graph is run by dask's threaded scheduler with a worker a core (at most
`MAX_WORKERS`): a node still starts only once the nodes it needs have finished, and each node's
work is the one Rasa gives it, so the trained model is the same (docs/benchmarks.md compares
the classifications of every text of bot/eval/ by a model trained each way). TensorFlow and
the multilingual encoder's C engine do their work outside Python's lock, so a regression's
single core works beside them: 980 s instead of 1,151 s on a 2-core AVX2 machine; DIET and the
English encoder together gain nothing, as each keeps both cores busy on its own.

A node's error ends the run as it does under Rasa's runner: the component's exception, and a
`RuntimeError` as Rasa's `GraphRunError`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

# More workers than this buy nothing: the graph has five big independent nodes at most.
MAX_WORKERS = 4


def workers() -> int:
    """One a core this process may use, at least one and at most MAX_WORKERS."""
    return max(1, min(MAX_WORKERS, _usable_cores()))


def _usable_cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_side_by_side(
    self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """`DaskGraphRunner.run` with dask's threaded scheduler in place of its synchronous one."""
    import dask.threaded
    from rasa.engine.exceptions import GraphRunError

    run_targets = targets if targets else self._graph_schema.target_names
    run_graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)
    try:
        return dict(dask.threaded.get(run_graph, run_targets, num_workers=workers()))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


def install() -> None:
    """Every graph run of this process (a training process only) uses the threaded scheduler."""
    from rasa.engine.runner.dask import DaskGraphRunner

    DaskGraphRunner.run = run_side_by_side


def main(arguments: list[str]) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
