"""Training's graph run side by side (ops/parallel_training.py): independent nodes at the same
time, a node only after what it needs, and a failing node failing the run as under Rasa's
runner."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from ops import parallel_training


def _component_classes(meeting_timeout: float = 20.0) -> tuple[type, type, type]:
    from rasa.engine.graph import GraphComponent

    class Meeting(GraphComponent):
        """A node that waits at a barrier for the other node of its kind: both get through
        only if they run at the same time."""

        barrier = threading.Barrier(2)
        finished: list[float] = []

        @classmethod
        def create(cls, config, model_storage, resource, execution_context) -> Meeting:
            return cls()

        def meet(self) -> str:
            Meeting.barrier.wait(timeout=meeting_timeout)
            Meeting.finished.append(time.monotonic())
            return threading.current_thread().name

    class Together(GraphComponent):
        """A node that needs both meetings' results."""

        started: list[float] = []

        @classmethod
        def create(cls, config, model_storage, resource, execution_context) -> Together:
            return cls()

        def join(self, first: str, second: str) -> tuple[str, str]:
            Together.started.append(time.monotonic())
            return first, second

    class Broken(GraphComponent):
        @classmethod
        def create(cls, config, model_storage, resource, execution_context) -> Broken:
            return cls()

        def fail(self) -> None:
            raise ValueError("a broken component")

    return Meeting, Together, Broken


def _runner(tmp_path, nodes: dict[str, Any]):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    schema = GraphSchema(nodes)
    return DaskGraphRunner(schema, LocalModelStorage(tmp_path), ExecutionContext(schema))


def _node(uses: type, fn: str, needs: dict[str, str] | None = None, target: bool = False):
    from rasa.engine.graph import SchemaNode

    return SchemaNode(needs or {}, uses, "create", fn, {}, is_target=target)


def _meetings_runner(tmp_path, meeting: type, together: type):
    """Two meetings side by side, and the node that needs both (the target)."""
    return _runner(
        tmp_path,
        {
            "first": _node(meeting, "meet"),
            "second": _node(meeting, "meet"),
            "both": _node(together, "join", {"first": "first", "second": "second"}, True),
        },
    )


@pytest.fixture
def side_by_side(monkeypatch):
    from rasa.engine.runner.dask import DaskGraphRunner

    monkeypatch.setattr(DaskGraphRunner, "run", DaskGraphRunner.run)  # undone after the test
    monkeypatch.setattr(parallel_training, "_usable_cores", lambda: 2)
    parallel_training.install()
    return DaskGraphRunner


def test_independent_nodes_run_at_the_same_time_and_their_dependent_after_both(
    side_by_side, tmp_path
):
    meeting, together, _broken = _component_classes()
    runner = _meetings_runner(tmp_path, meeting, together)
    first, second = runner.run(targets=["both"])["both"]
    assert first != second  # two threads
    assert len(meeting.finished) == 2 and together.started[0] >= max(meeting.finished)


def test_with_one_worker_the_same_graph_runs_one_node_at_a_time(
    side_by_side, tmp_path, monkeypatch
):
    """The check above can fail: one node after another never meets at the barrier."""
    from rasa.engine.exceptions import GraphComponentException

    monkeypatch.setattr(parallel_training, "workers", lambda: 1)
    meeting, together, _broken = _component_classes(meeting_timeout=0.5)
    runner = _meetings_runner(tmp_path, meeting, together)
    with pytest.raises(GraphComponentException) as raised:
        runner.run(targets=["both"])
    assert isinstance(raised.value.__cause__, threading.BrokenBarrierError)


def test_a_failing_node_fails_the_run_as_under_rasas_runner(tmp_path, monkeypatch):
    from rasa.engine.exceptions import GraphComponentException
    from rasa.engine.runner.dask import DaskGraphRunner

    from ops.rasa_speedups import graph

    rasas_run = graph._rasas_run or DaskGraphRunner.run  # ours may have replaced it here
    _meeting, _together, broken = _component_classes()
    errors = []
    for run in (rasas_run, parallel_training.run_side_by_side):
        monkeypatch.setattr(DaskGraphRunner, "run", run)
        runner = _runner(tmp_path, {"broken": _node(broken, "fail", target=True)})
        with pytest.raises(GraphComponentException, match="node broken") as raised:
            runner.run(targets=["broken"])
        errors.append((str(raised.value), str(raised.value.__cause__)))
    assert errors[0] == errors[1]
    assert errors[1][1] == "a broken component"


def test_one_worker_a_usable_core_at_most_four(monkeypatch):
    for cores, expected in ((0, 1), (1, 1), (2, 2), (16, 4)):
        monkeypatch.setattr(parallel_training, "_usable_cores", lambda cores=cores: cores)
        assert parallel_training.workers() == expected


def test_a_process_held_to_one_core_trains_with_one_worker():
    """A container's share of the cores counts, not the host's (os.cpu_count())."""
    import os
    import subprocess
    import sys

    from core.settings import PROJECT_ROOT

    held = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
    check = "from ops.parallel_training import workers; print(workers())"
    result = subprocess.run(
        [sys.executable, "-c", held + check],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "1"
    assert parallel_training.workers() == min(4, len(os.sched_getaffinity(0)))
