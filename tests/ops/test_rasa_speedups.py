"""The Rasa server's schema check built once (ops/rasa_speedups.py) still refuses what Rasa
refuses: a malformed answer from the action server is an error, a good one passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


async def test_calls_to_an_endpoint_reuse_one_connection_with_its_headers(monkeypatch):
    """Each call to the action server used to open a new session and TCP connection; now the
    calls share one, and still carry the endpoint's token and get the answer back."""
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    seen = []

    async def webhook(request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername")
        seen.append((peer, request.headers["Authorization"]))
        return web.json_response({"events": [], "responses": [await request.json()]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)  # undone afterwards
    rasa_speedups.share_endpoint_sessions()
    endpoint = EndpointConfig(
        f"http://127.0.0.1:{port}/webhook", headers={"Authorization": "Bearer fictional"}
    )
    try:
        body = {"text": 'Głośna muzyka / "bass" 🎸', "confidence": 0.987654321123, "n": None}
        answers = [await endpoint.request(json=body) for _ in range(3)]
    finally:
        await rasa_speedups.close_endpoint_sessions()
        await runner.cleanup()
    assert answers == [{"events": [], "responses": [body]}] * 3  # the same JSON both ways
    assert [token for _, token in seen] == ["Bearer fictional"] * 3
    assert len({peer for peer, _ in seen}) == 1  # one connection for the three calls


def _answers_good_and_bad() -> list:
    from rasa.shared.core.events import (
        ActionExecuted,
        ActiveLoop,
        AllSlotsReset,
        BotUttered,
        FollowupAction,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUttered,
    )

    events = [
        event.as_dict()
        for event in (
            SlotSet("location", "Example Road"),
            SlotSet("people", ["a neighbour", "a visitor"]),
            ActionExecuted("action_listen"),
            UserUttered("loud music", {"name": "asb_noise", "confidence": 0.9}),
            BotUttered("Where does it happen?", {"buttons": []}),
            ActiveLoop("report_form"),
            ActiveLoop(None),
            FollowupAction("action_submit_report"),
            AllSlotsReset(),
            Restarted(),
            SessionStarted(),
        )
    ]
    good = [{"events": [event], "responses": []} for event in events]
    good += [{"events": events, "responses": [{"response": "utter_ask_time"}]}, {}, {"events": []}]
    bad = [
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"name": "location", "value": "x"}]},  # no event type
        {"events": [{"event": 7}]},
        {"events": [{"event": "user", "text": 5}]},
        {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},
        {"events": [events[0], "not an event"]},
        {"events": {"event": "slot"}},
        {"events": [], "responses": "hello"},
        {"events": [{"event": "action", "name": "action_listen", "policy": 3}]},
        [],
    ]
    return good + bad


@pytest.mark.parametrize("answer", _answers_good_and_bad())
def test_each_answer_gets_the_verdict_of_the_full_schema_check(answer):
    """The quicker path (each event checked against its own type's part of the schema) accepts
    exactly what jsonschema's full check accepts, and rejects with its error."""
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    full = jsonschema.validators.validator_for(schema)(schema)
    expected = jsonschema.exceptions.best_match(full.iter_errors(answer))
    if expected is None:
        rasa_speedups.cached_validate(answer, schema)
    else:
        with pytest.raises(jsonschema.ValidationError) as raised:
            rasa_speedups.cached_validate(answer, schema)
        assert raised.value.message == expected.message


def test_trackers_copy_slots_as_copy_copy_does(monkeypatch):
    """A tracker copies every slot of the domain when it is made; the direct copy gives what
    `copy.copy` gives, and the copies stay apart from the domain's slots."""
    import copy

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    for slot in domain.slots:
        if slot.name == "location":
            slot.value = "Example Road"
    generic = {slot.name: copy.copy(slot) for slot in domain.slots}

    monkeypatch.setattr(Slot, "__copy__", rasa_speedups._copy_slot, raising=False)
    for slot in domain.slots:
        twin = copy.copy(slot)
        assert twin is not slot
        assert type(twin) is type(slot)
        assert twin.__dict__ == generic[slot.name].__dict__
    events = [
        UserUttered("loud music", {"name": "report_asb", "confidence": 1.0}),
        SlotSet("location", "Flat 2, Example Court"),
    ]
    tracker = DialogueStateTracker.from_events("resident", events, domain.slots)
    assert tracker.get_slot("location") == "Flat 2, Example Court"
    assert next(s for s in domain.slots if s.name == "location").value == "Example Road"
    assert tracker.copy().current_state() == tracker.current_state()


def _conversation(domain):
    from rasa.shared.core.events import (
        ActionExecuted,
        ActiveLoop,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    def said(intent: str, text: str) -> list:
        return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent})]

    events = [ActionExecuted("action_session_start"), SessionStarted()]
    events += said("asb_noise", "loud music from the flat above every night")
    events += [ActionExecuted("action_start_report"), ActionExecuted("report_form")]
    events += [ActiveLoop("report_form"), SlotSet("requested_slot", "location")]
    events += said("affirm", "yes")
    events += [UserUtteranceReverted()]  # an answer taken back
    events += said("inform", "Flat 2, Example Court")
    events += [ActionExecuted("report_form"), SlotSet("location", "Flat 2, Example Court")]
    return DialogueStateTracker.from_events("resident", events, domain.slots)


def test_remembered_states_and_events_are_rasas_and_follow_new_events(monkeypatch):
    """The policies' states and the applied events of a conversation are the ones Rasa computes,
    the same after a caller changed its copy, and new again once the conversation moves on."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    tracker = _conversation(domain)
    questions = [
        {},
        {"ignore_rule_only_turns": True, "rule_only_data": {"slots": [], "loops": []}},
    ]
    rasas = [domain.states_for_tracker_history(tracker, **question) for question in questions]
    rasas_events = tracker.applied_events()

    monkeypatch.setattr(Domain, "states_for_tracker_history", Domain.states_for_tracker_history)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    rasa_speedups.remember_replays()
    for question, expected in zip(questions, rasas, strict=True):
        first = domain.states_for_tracker_history(tracker, **question)
        assert first == expected
        first[-1].clear()  # a featurizer deletes parts of its copy
        for state in first[:-1]:
            state.get("user", {}).clear()
        assert domain.states_for_tracker_history(tracker, **question) == expected
    events = tracker.applied_events()
    assert events == rasas_events
    events.clear()
    assert tracker.applied_events() == rasas_events

    tracker.update(ActionExecuted("action_listen"))  # the conversation moves on
    moved = domain.states_for_tracker_history(tracker)
    assert len(moved) == len(rasas[0]) + 1
    assert tracker.applied_events()[-1] == ActionExecuted("action_listen")


def test_states_carried_on_from_the_last_replay_are_rasas_at_every_step(monkeypatch):
    """A conversation growing an event at a time (the same tracker, as between a turn's
    predictions), taken back, restarted and read again from new objects: the policies' states
    are Rasa's after every event, for each way the policies ask."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    from core.settings import PROJECT_ROOT

    domain = Domain.load(PROJECT_ROOT / "bot" / "domain.yml")
    events = list(_conversation(domain).events)
    events += [ActionExecuted("action_show_summary", hide_rule_turn=True)]
    events += [ActionExecuted("action_listen"), UserUttered("no", {"name": "deny"})]
    events += [ActionExecuted("report_form"), ActionReverted()]  # an action taken back
    events += [ActionExecuted("report_form"), ActiveLoop(None), SlotSet("requested_slot", None)]
    events += [ActionExecuted("action_listen"), Restarted(), ActionExecuted("action_listen")]
    events += [UserUttered("hello", {"name": "greet"}), ActionExecuted("utter_greet")]
    questions = [
        {},
        {"omit_unset_slots": True},
        {
            "ignore_rule_only_turns": True,
            "rule_only_data": {"slots": ["requested_slot"], "loops": ["report_form"]},
        },
    ]

    def fresh(count: int) -> DialogueStateTracker:
        return DialogueStateTracker.from_events("resident", events[:count], domain.slots)

    expected = [
        [domain.states_for_tracker_history(fresh(count), **q) for q in questions]
        for count in range(1, len(events) + 1)
    ]
    monkeypatch.setattr(Domain, "states_for_tracker_history", Domain.states_for_tracker_history)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    rasa_speedups.remember_replays()
    replays_started = []
    start_replay = rasa_speedups._Replay.__init__
    monkeypatch.setattr(
        rasa_speedups._Replay,
        "__init__",
        lambda replay, tracker: (
            replays_started.append(len(tracker.events)) or start_replay(replay, tracker)
        ),
    )
    growing = DialogueStateTracker.from_events("resident", [], domain.slots)
    for count, event in enumerate(events, start=1):
        growing.update(event)
        for question, rasas in zip(questions, expected[count - 1], strict=True):
            assert domain.states_for_tracker_history(growing, **question) == rasas, count
    # carried on: each way of asking replayed from the start only where the applied events
    # are no longer a continuation: the first event, the session start, the answer taken back,
    # the form's own undo of its earlier runs (twice), the action taken back, the restart
    restarts = [1, 2, 11, 14, 19, 20, 25]
    assert replays_started == [count for count in restarts for _question in questions]
    for count in range(1, len(events) + 1):
        for question, rasas in zip(questions, expected[count - 1], strict=True):
            assert domain.states_for_tracker_history(fresh(count), **question) == rasas, count


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

    with_step = load_diet(rasa_speedups._load_with_training_step)
    training_steps = []
    monkeypatch.setattr(
        rasa_speedups,
        "_load_with_training_step",
        lambda *args, **kwargs: training_steps.append(args) or with_step,
    )
    without_step = load_diet(rasa_speedups.load_without_tracing)

    assert training_steps == []  # the graph alone restored every weight
    assert without_step is not with_step and without_step.optimizer is None
    expected = {weight.name: weight.numpy() for weight in with_step.weights}
    loaded = {weight.name: weight.numpy() for weight in without_step.weights}
    assert sorted(loaded) == sorted(expected) and len(loaded) > 50
    for name, value in expected.items():
        np.testing.assert_array_equal(loaded[name], value, err_msg=name)


def test_memory_freed_in_scattered_blocks_goes_back_to_the_system_once_quiet():
    """glibc keeps freed memory that lies between blocks still in use; the server's trimming
    thread returns it once the process is quiet, not while it is busy (a process of its own,
    so nothing else shares its heap)."""
    import subprocess
    import sys

    program = """
import sys, time
from ops import rasa_speedups
def resident_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
blocks = [bytearray(4000) for _ in range(50_000)]  # 200 MB in small blocks
kept = blocks[::50]  # one block in fifty stays in use
del blocks
before = resident_mib()
rasa_speedups.give_memory_back(every=0.1)
busy_until = time.monotonic() + 1.0
while time.monotonic() < busy_until:  # a busy server: no trimming
    pass
busy = resident_mib()
time.sleep(1.0)
print(before, busy, resident_mib())
"""
    project = Path(rasa_speedups.__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=project, capture_output=True, text=True, check=True
    )
    before, busy, after = (int(figure) for figure in result.stdout.split())
    assert before > 150  # glibc kept the freed blocks ...
    assert busy > before - 20  # ... while the process was busy ...
    assert after < before - 100  # ... until the thread gave them back


def test_diet_called_through_its_concrete_graph_predicts_as_rasas_call(monkeypatch):
    """DIET's predictions through its one concrete graph (item 9) are Rasa's, to the bit."""
    from rasa.utils.tensorflow.models import RasaModel

    from ops.classify import Classifier

    classifier = Classifier.load()  # installs the speed-ups
    assert RasaModel._rasa_predict is rasa_speedups.predict_directly
    texts = [
        "the people upstairs play loud music every night until 3am",
        "yes",
        "someone has sprayed graffiti all over the bin store",
        "my neighbour is threatening me with a knife right now",
        "what is the weather tomorrow",
    ]
    calls = []
    original = rasa_speedups._rasas_predict
    monkeypatch.setattr(
        rasa_speedups, "_rasas_predict", lambda *args: calls.append(1) or original(*args)
    )
    direct = [classifier._loop.run_until_complete(classifier._parse(t, None)) for t in texts]
    assert calls == []  # every prediction went through the concrete graph
    monkeypatch.setattr(RasaModel, "_rasa_predict", original)
    rasas = [classifier._loop.run_until_complete(classifier._parse(t, None)) for t in texts]
    classifier.close()
    for ours, theirs in zip(direct, rasas, strict=True):
        assert ours["intent"] == theirs["intent"]
        assert ours["intent_ranking"] == theirs["intent_ranking"]
