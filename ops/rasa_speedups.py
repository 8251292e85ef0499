"""Costs of Rasa 3.6 that buy us nothing, taken out of our Rasa server (issue 14).

1. Answers' schema check. Rasa 3.6 validates every answer of the action server and of the NLG
endpoint with `jsonschema.validate`, which checks the schema itself again on every call (about
24 ms an answer here, a third of the Rasa server's time under load: bench/load.py). Rasa
imports `validate` from `jsonschema` inside each call, so replacing the module's function
reaches both checks: each schema's validator is built (and the schema checked) once, and each
event of an answer is checked against its own event type's part of the schema (`_Check`).
Answers are validated exactly as before: a bad one still raises `jsonschema.ValidationError`.

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

3. Reading events back. `Event.resolve_by_type` looks an event's class up by walking every
Event subclass, for every event of the conversation on every turn: each name is resolved once.

4. Calling the action server. `EndpointConfig.request` opens a new aiohttp session, and so a new
TCP connection, for every call (several a turn): 6% of the server's time at c=20 (py-spy). Here
each endpoint keeps one session per event loop, with the same headers, authentication and
timeout, and its connections are reused. They are dropped after `KEEPALIVE_SECONDS` idle, well
before the action server (Sanic) drops them after 5 s, so a call never goes out on a connection
the server is closing. Request bodies (the whole conversation, on every call) are written with
ujson, which gives the same JSON in half the time of the standard library.

5. Copying slots. Every new tracker copies each of the domain's slots (69 here) with
`copy.copy`, and Rasa makes trackers all the time: replaying the conversation for the policies'
states, for each action's temporary tracker, for forms (7% of the server's time at c=20,
py-spy). A slot is a plain object, so `copy.copy` takes its generic path (`__reduce_ex__`, then
rebuilding the object from its `__dict__`); `Slot.__copy__` does the same in one step.

6. Replaying the conversation. For every prediction, each policy asks for the states of the
whole conversation (`Domain.states_for_tracker_history`), which replays every event into a new
tracker, and several parts of a turn ask for the events that still apply
(`DialogueStateTracker.applied_events`), which scans them all again: together 15% of the
server's time at c=20 (py-spy). Both depend only on the tracker's events (and the domain and the
arguments), so each answer is remembered for the tracker while its events are the same ones
(`_Remembered`: the same tracker object, the same number of events, the same last event).
Callers change what they get (the featurizers delete parts of states), so each gets a copy.

7. JAX left out. TensorFlow 2.12 requires JAX, and its TensorFlow Lite converter imports it on
`import tensorflow` when it is installed, only to convert JAX models: 84 MiB of the server's
memory and half a second of its start for nothing here. `leave_jax_out` makes that import fail
as if JAX were not installed, which TensorFlow expects; it must run before TensorFlow is
imported (`install` does it first).

8. Memory given back. glibc keeps the memory a process frees for its next allocations, and
what a turn's many short-lived arrays and trackers free is scattered: the server's resident
memory grows with traffic it no longer needs. `give_memory_back` starts a thread that asks
glibc to return free pages to the system (`malloc_trim`, about 3 ms on this server's heap, 50
MiB back after 300 messages) once the server has gone quiet after being busy (under
`IDLE_SHARE` of a core for `TRIM_SECONDS`): a server under steady load is never held up by it
and an idle one is not woken for nothing. Elsewhere than glibc it does nothing.

9. Calling DIET's prediction graph. Rasa calls DIET's traced prediction function with the
message's arrays, and TensorFlow matches them against the function's signature on every call
(canonicalising and typing each input: 6% of the server's time at c=20, as much as the graph's
own work). The function has one fixed signature (Rasa gives it one), so its one concrete graph
is taken once and called with the arrays as tensors, in the signature's order
(`predict_directly`); arrays that do not fit the signature go Rasa's way, which raises as
before. The outputs are the same tensors (tests/ops/test_rasa_speedups.py).
"""

from __future__ import annotations

import asyncio
import copy
import ctypes
import json
import sys
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import jsonschema
import numpy as np
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_validators: dict[str, Any] = {}
MAX_SCHEMAS = 256  # Rasa has a handful; a bound all the same


class _Check:
    """A schema's validator, and for Rasa's answer schema a quicker equivalent path.

    Rasa's answer schema allows each event through a `oneOf` of one branch per event type, each
    branch fixing `event` to its own constant; jsonschema tries every branch for every event (a
    tenth of the Rasa server's time under load, py-spy). Since `event` is required and the
    constants differ, an event matches the oneOf exactly when it matches the branch named by its
    `event`: that branch alone is checked. Anything that does not pass that way (an unknown
    event type, a malformed answer) is checked by the full validator, which raises the same
    error as before."""

    def __init__(self, schema: Any, cls: Any, *args: Any, **kwargs: Any) -> None:
        cls = cls or validator_for(schema)
        cls.check_schema(schema)
        self.full = cls(schema, *args, **kwargs)
        self.outer: Any = None
        self.by_event: dict[str, Any] = {}
        items = _discriminated_events(schema)
        if items is not None:
            base = {key: value for key, value in items.items() if key != "oneOf"}
            events = {**schema["properties"]["events"], "items": {}}
            outer = {**schema, "properties": {**schema["properties"], "events": events}}
            self.outer = cls(outer, *args, **kwargs)
            self.by_event = {
                branch["properties"]["event"]["const"]: cls(
                    {"allOf": [base, branch]}, *args, **kwargs
                )
                for branch in items["oneOf"]
            }

    def passes_quickly(self, instance: Any) -> bool:
        if self.outer is None or not isinstance(instance, dict):
            return False
        events = instance.get("events", [])
        if not isinstance(events, list) or not self.outer.is_valid(instance):
            return False
        for event in events:
            name = event.get("event") if isinstance(event, dict) else None
            branch = self.by_event.get(name) if isinstance(name, str) else None
            if branch is None or not branch.is_valid(event):
                return False
        return True


def _discriminated_events(schema: Any) -> dict | None:
    """The items schema of `properties.events` when it is a oneOf whose every branch fixes
    `event` to a distinct constant and `event` is required; else None."""
    try:
        items = schema["properties"]["events"]["items"]
        branches = items["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if "event" not in items.get("required", []) or len(set(names)) != len(names):
        return None
    if not all(isinstance(name, str) for name in names):
        return None
    return items


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate`, with the validator for each distinct schema built once."""
    key = json.dumps(schema, sort_keys=True, default=str)
    check = _validators.get(key)
    if check is None:
        check = _Check(schema, cls, *args, **kwargs)
        if len(_validators) < MAX_SCHEMAS:
            _validators[key] = check
    if check.passes_quickly(instance):
        return
    error = best_match(check.full.iter_errors(instance))
    if error is not None:
        raise error


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


def cache_event_types() -> None:
    """`Event.resolve_by_type` walks every Event subclass for each event read back from the
    tracker store (7-8% of the server's time under load); remember what each name resolved to.
    Only names that resolved to a class are remembered, so unknown ones behave as before."""
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        event_class = found.get(type_name)
        if event_class is None:
            event_class = original(type_name, default)
            if event_class is not None and event_class is not default:
                found[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _copy_slot(slot: Any) -> Any:
    """What `copy.copy` gives for a slot (a new object of its class with the same attributes),
    without its generic path."""
    twin = slot.__class__.__new__(slot.__class__)
    twin.__dict__.update(slot.__dict__)
    return twin


def copy_slots_directly() -> None:
    from rasa.shared.core.slots import Slot

    Slot.__copy__ = _copy_slot


# Answers remembered per process: a conversation's latest states and applied events.
REMEMBERED_ANSWERS = 64


class _Remembered:
    """Answers that depend only on a tracker's events, kept while its events are the same."""

    def __init__(self) -> None:
        self._answers: OrderedDict[tuple, tuple] = OrderedDict()

    def get(self, tracker: Any, question: tuple, compute: Callable[[], Any]) -> Any:
        events = tracker.events
        length, last = len(events), (events[-1] if events else None)
        key = (id(tracker), *question)
        kept = self._answers.get(key)
        if kept is not None and kept[0]() is tracker and kept[1] == length and kept[2] is last:
            self._answers.move_to_end(key)
            return kept[3]
        answer = compute()
        self._answers[key] = (weakref.ref(tracker), length, last, answer)
        while len(self._answers) > REMEMBERED_ANSWERS:
            self._answers.popitem(last=False)
        return answer


def _copy_states(states: list) -> list:
    """A copy of a list of states deep enough for their users: a state is a dict of dicts whose
    values are strings, numbers and tuples."""
    return [
        {name: dict(part) if isinstance(part, dict) else part for name, part in state.items()}
        for state in states
    ]


class _Replay:
    """How far a conversation's replay for the policies' states got: the applied events
    replayed (the objects), the replay tracker after them, the state before each action, and
    the loop's two variables (`Domain.states_for_tracker_history`)."""

    def __init__(self, tracker: Any) -> None:
        self.events: list = []
        self.tracker = tracker.init_copy()
        self.states: list = []
        self.last_ml_action: Any = None
        self.turn_was_hidden = False


REMEMBERED_REPLAYS = 256


class _Replays:
    """`Domain.states_for_tracker_history` carried on from the conversation's last replay when
    the events it replayed are the start of the events now (the same objects, in order), as
    they are between the predictions of a turn; replayed from the start otherwise."""

    def __init__(self) -> None:
        self._replays: OrderedDict[tuple, _Replay] = OrderedDict()

    def states(
        self, domain: Any, tracker: Any, omit: bool, ignore: bool, rule_only: Any, rule_key: str
    ) -> list:
        from rasa.shared.core.events import ActionExecuted

        key = (id(domain), tracker.sender_id, tracker.is_rule_tracker, omit, ignore, rule_key)
        key += (tracker._max_event_history,)
        applied = tracker.applied_events()
        replay = self._replays.pop(key, None)
        if (
            replay is None
            or len(replay.events) > len(applied)
            or any(
                old is not new
                for old, new in zip(replay.events, applied[: len(replay.events)], strict=True)
            )
        ):
            replay = _Replay(tracker)
        for event in applied[len(replay.events) :]:
            if isinstance(event, ActionExecuted):
                _add_state(
                    domain, replay, replay.tracker, event.hide_rule_turn, omit, ignore, rule_only
                )
            replay.tracker.update(event)
            replay.events.append(event)
        self._replays[key] = replay
        while len(self._replays) > REMEMBERED_REPLAYS:
            self._replays.popitem(last=False)
        last = copy.copy(replay)  # the state after the last event, kept out of `replay`
        last.states = list(replay.states)
        _add_state(domain, last, replay.tracker, False, omit, ignore, rule_only)
        return last.states


def _add_state(
    domain: Any, replay: _Replay, tracker: Any, hide: bool, omit: bool, ignore: bool, rule_only: Any
) -> None:
    """One step of the loop of `Domain.states_for_tracker_history` (Rasa 3.6.21), as it is."""
    from rasa.shared.core.constants import PREVIOUS_ACTION

    if ignore:
        if not replay.turn_was_hidden:
            replay.last_ml_action = domain._get_prev_action_sub_state(tracker)
        if (
            not tracker.followup_action
            and not tracker.latest_action_name == tracker.active_loop_name
        ):
            replay.turn_was_hidden = hide
        if replay.turn_was_hidden:
            return
    state = domain.get_active_state(tracker, omit_unset_slots=omit)
    if ignore:
        domain._remove_rule_only_features(state, rule_only)
        if replay.states:
            domain._substitute_rule_only_user_input(state, replay.states[-1])
        if replay.last_ml_action:
            state[PREVIOUS_ACTION] = replay.last_ml_action
    replay.states.append(domain._clean_state(state))


def remember_replays() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    remembered = _Remembered()
    replays = _Replays()
    events_of = DialogueStateTracker.applied_events

    def states_for_tracker_history(
        self: Any,
        tracker: Any,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: dict | None = None,
    ) -> list:
        rule_key = repr(rule_only_data)
        question = ("states", id(self), omit_unset_slots, ignore_rule_only_turns, rule_key)
        states = remembered.get(
            tracker,
            question,
            lambda: replays.states(
                self, tracker, omit_unset_slots, ignore_rule_only_turns, rule_only_data, rule_key
            ),
        )
        return _copy_states(states)

    def applied_events(self: Any) -> list:
        return list(remembered.get(self, ("applied",), lambda: events_of(self)))

    Domain.states_for_tracker_history = states_for_tracker_history
    DialogueStateTracker.applied_events = applied_events


# Idle connections to an endpoint are closed after this long (Sanic's keep-alive is 5 s).
KEEPALIVE_SECONDS = 2.0
_sessions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> {endpoint: session}


class _SharedSession:
    """What `EndpointConfig.session()` returns once installed: `async with` gives the endpoint's
    session for the running loop (made on first use) and leaves it open for the next call."""

    def __init__(self, endpoint: Any) -> None:
        self._endpoint = endpoint

    async def __aenter__(self) -> Any:
        import aiohttp
        import ujson

        endpoint = self._endpoint
        key = (
            endpoint.url,
            json.dumps(endpoint.headers, sort_keys=True, default=str),
            json.dumps(endpoint.basic_auth, sort_keys=True, default=str),
        )
        by_endpoint = _sessions.setdefault(asyncio.get_running_loop(), {})
        session = by_endpoint.get(key)
        if session is None or session.closed:
            auth = None
            if endpoint.basic_auth:
                auth = aiohttp.BasicAuth(
                    endpoint.basic_auth["username"], endpoint.basic_auth["password"]
                )
            from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

            session = aiohttp.ClientSession(
                headers=endpoint.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
                json_serialize=ujson.dumps,  # the same JSON, in half the time of json.dumps
            )
            by_endpoint[key] = session
        return session

    async def __aexit__(self, *exc_info: Any) -> bool:
        return False


def share_endpoint_sessions() -> None:
    """Every `EndpointConfig` reuses one aiohttp session per event loop (see point 4)."""
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.session = lambda self: _SharedSession(self)


async def close_endpoint_sessions() -> None:
    """Close the running loop's shared sessions (a server stopping, a test ending)."""
    for session in _sessions.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


TRIM_SECONDS = 10.0
IDLE_SHARE = 0.05  # of one core: a server this quiet is between conversations


def give_memory_back(every: float = TRIM_SECONDS) -> threading.Thread | None:
    """Start the thread that returns free memory to the system when the server goes quiet
    after being busy (glibc only); None elsewhere."""
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None

    def trim_when_quiet() -> None:
        busy_since_trim = True
        used_before = time.process_time()
        while True:
            time.sleep(every)
            used = time.process_time() - used_before
            if used > every * IDLE_SHARE:
                busy_since_trim = True
            elif busy_since_trim:
                trim(0)
                busy_since_trim = False
            used_before = time.process_time()

    thread = threading.Thread(target=trim_when_quiet, name="malloc-trim", daemon=True)
    thread.start()
    return thread


def leave_jax_out() -> None:
    """Make `import jax` fail in this process, unless TensorFlow or JAX is already imported."""
    if "tensorflow" not in sys.modules:
        sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # None: ImportError


_rasas_predict: Callable | None = None
# Each model's concrete prediction graph and its inputs' specs (kept off the Keras model,
# which tracks attributes).
_concrete_predictions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def predict_directly(self: Any, batch_in: tuple) -> Any:
    """`RasaModel._rasa_predict` through the prediction function's one concrete graph."""
    function = self._tf_predict_step
    if self._run_eagerly or function is None or not self.prepared_for_prediction:
        return _rasas_predict(self, batch_in)  # the first call traces, as Rasa does
    known = _concrete_predictions.get(self)
    if known is None:
        concrete = function.get_concrete_function()
        known = _concrete_predictions[self] = (concrete, concrete.structured_input_signature[0][0])
    concrete, specs = known
    if len(batch_in) != len(specs) or not all(
        isinstance(array, np.ndarray)
        and array.dtype == spec.dtype.as_numpy_dtype and array.ndim == spec.shape.rank
        and (array.ndim < 2 or array.shape[-1] == spec.shape[-1])
        for array, spec in zip(batch_in, specs, strict=True)
    ):  # fmt: skip
        return _rasas_predict(self, batch_in)
    import tensorflow as tf
    from keras.utils import tf_utils
    from rasa.shared.constants import DIAGNOSTIC_DATA

    self._training = False
    tensors = [tf.convert_to_tensor(array) for array in batch_in]
    outputs = tf_utils.sync_to_numpy_or_python_type(
        concrete._call_flat(tensors, concrete.captured_inputs)
    )
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs


def install() -> None:
    global _rasas_predict
    leave_jax_out()
    from rasa.utils.tensorflow.models import RasaModel

    jsonschema.validate = cached_validate
    RasaModel.load = classmethod(load_without_tracing)
    if _rasas_predict is None:
        _rasas_predict = RasaModel._rasa_predict
        RasaModel._rasa_predict = predict_directly
    cache_event_types()
    share_endpoint_sessions()
    copy_slots_directly()
    remember_replays()


if __name__ == "__main__":
    # `python -m ops.rasa_speedups test core --model ...`: Rasa's own command line with the
    # speed-ups installed (the stories test loads the model this way).
    import sys

    from rasa.__main__ import main

    install()
    sys.argv = ["rasa", *sys.argv[1:]]
    main()
