"""Running the model's graph in the Rasa server (issue 14).

10. Running the graph. Rasa runs its model's graph (the NLU pipeline for each message, the
policies for each prediction: several runs a turn) with dask's local scheduler: on every run it
rebuilds the graph's smallest part for the targets, has dask order the tasks (`dask.order`)
and walks dask's scheduling state machine, 9% of the server's time at c=20 (py-spy), for a
graph of a dozen nodes run one after another on the calling thread. Here the plan (the nodes
in dask's order, each with the names it needs) is made once for each set of targets and input
names, and each run calls the same nodes in that order with the same arguments: each node gets
the `(name, output)` pairs of the nodes it needs, an input is `(name, value)`, and the run
returns the targets' outputs by name, as `DaskGraphRunner.run` does. A node's error comes out
as it does from dask, and a `RuntimeError` becomes Rasa's `GraphRunError`, as before. Rasa's
debug line listing the run's inputs (the resident's message among them) is not written.
"""

from __future__ import annotations

import heapq
import weakref
from typing import Any

# Per runner: (targets, input names) -> ([(name, node or None for an input, needs)], node names).
_plans: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_rasas_run: Any = None
MAX_PLANS = 32  # per runner; Rasa's runs use two or three


def _plan(runner: Any, targets: list[str], input_names: list[str]) -> tuple[list, dict]:
    """The nodes of a run in the order dask's local scheduler would run them, and the names of
    the graph's nodes (for Rasa's check of the inputs)."""
    from dask.order import order

    graph = runner._build_dask_graph(runner._graph_schema.minimal_graph_schema(targets))
    for name in input_names:
        graph[name] = (name, None)  # the placeholder the run's value takes
    needs = {
        name: [need for need in task[1:] if need in graph] if name not in input_names else []
        for name, task in graph.items()
    }
    priority = order(graph)
    waiting = {name: len(set(names)) for name, names in needs.items()}
    dependents: dict[str, list[str]] = {name: [] for name in graph}
    for name, names in needs.items():
        for need in set(names):
            dependents[need].append(name)
    ready = [(priority[name], name) for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    plan = []
    while ready:
        _, name = heapq.heappop(ready)
        task = graph[name]
        node = None if name in input_names else task[0]
        plan.append((name, node, task[1:] if node is not None else ()))
        for dependent in dependents[name]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, (priority[dependent], dependent))
    if len(plan) != len(graph):
        raise RuntimeError("the graph has a cycle")  # Rasa's schemas never do
    nodes = {name: None for name, node, _needs in plan if node is not None}
    return plan, nodes


def run_planned(
    self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """`DaskGraphRunner.run`, with the run's plan made once."""
    from rasa.engine.exceptions import GraphRunError

    run_targets = targets if targets else self._graph_schema.target_names
    inputs = inputs or {}
    key = (tuple(run_targets), tuple(inputs))
    plans = _plans.setdefault(self, {})
    planned = plans.get(key)
    if planned is None:
        planned = _plan(self, run_targets, list(inputs))
        if len(plans) < MAX_PLANS:
            plans[key] = planned
    plan, nodes = planned
    self._add_inputs_to_graph(inputs, dict(nodes))  # Rasa's check: no input value names a node
    results: dict[str, Any] = {}
    try:
        for name, node, needs in plan:
            if node is None:
                results[name] = (name, inputs[name])
            else:
                results[name] = node(*[results.get(need, need) for need in needs])
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(results[target] for target in run_targets)


def install() -> None:
    """Item 10."""
    global _rasas_run
    from rasa.engine.runner.dask import DaskGraphRunner

    if _rasas_run is None:
        _rasas_run = DaskGraphRunner.run
        DaskGraphRunner.run = run_planned
