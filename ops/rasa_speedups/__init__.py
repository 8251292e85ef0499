"""Costs of Rasa 3.6 that buy us nothing, taken out of our Rasa server (issue 14).

Each part is a numbered item, described where it is made:
- `action_calls.py`: 1. the answers' schema check built once; 4. one connection pool per
  endpoint, request bodies written with ujson.
- `loading.py`: 2. DIET loaded without Rasa's shape-giving training step; 7. JAX left out.
- `tracker.py`: 3. event types resolved once; 5. slots copied directly; 6. the conversation's
  replays carried on.
- `memory.py`: 8. memory given back to the system once the server goes quiet, and one malloc
  arena for all of its threads.
- `prediction.py`: 9. DIET's prediction graph called directly; 11. sparse features joined
  directly.
- `graph.py`: 10. the model's graph run without dask's scheduler, its plan made once.
- `turns.py`: 12. message turns taken a few at a time, in the order they arrived
  (`ASB_RASA_TURNS_AT_ONCE`).
- `copies.py`: 13. tracker copies made from the tracker's state, not by replaying its events.
- `rules.py`: 14. the rules that match the conversation searched only as far back as a rule
  is long.
- `nlu_thread.py`: 15. a message's NLU pipeline run on a thread of its own, beside the event
  loop.

Every item gives the same answers as Rasa's own code (tests/ops/rasa_speedups/;
bench/rasa_speedups_check.py compares the classifications of every text of bot/eval/ with and
without them). `install()` puts them all in place; `python -m ops.rasa_speedups <rasa args>`
runs Rasa's own command line with them (the stories test).
"""

from __future__ import annotations

from core.settings import Settings
from ops.rasa_speedups import (
    action_calls,
    copies,
    graph,
    loading,
    nlu_thread,
    prediction,
    rules,
    tracker,
    turns,
)
from ops.rasa_speedups.memory import give_memory_back, one_malloc_arena

__all__ = ["give_memory_back", "install", "one_malloc_arena"]


def install() -> None:
    loading.install()  # first: it keeps JAX out of TensorFlow's import
    action_calls.install()
    prediction.install()
    graph.install()
    tracker.install()
    copies.install()
    rules.install()
    turns.install(Settings.from_env().rasa_turns_at_once)
    nlu_thread.install()
