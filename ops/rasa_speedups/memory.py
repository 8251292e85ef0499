"""The Rasa server's memory given back to the system (issue 14).

8. Memory given back. glibc keeps the memory a process frees for its next allocations, and
what a turn's many short-lived arrays and trackers free is scattered: the server's resident
memory grows with traffic it no longer needs. `give_memory_back` starts a thread that asks
glibc to return free pages to the system (`malloc_trim`, about 3 ms on this server's heap, 50
MiB back after 300 messages) once the server has gone quiet after being busy (under
`IDLE_SHARE` of a core for `TRIM_SECONDS`): a server under steady load is never held up by it
and an idle one is not woken for nothing. Elsewhere than glibc it does nothing.

glibc also gives each new thread that allocates a heap of its own (an arena), which keeps what
its thread freed apart from the others'. Since a message's NLU runs on a thread of its own
(item 15), the server held 20-30 MiB more right after a load than before. `one_malloc_arena`
makes every thread allocate from the main heap (`mallopt(M_ARENA_MAX, 1)`): right after 40 s at
c=20, 748-749 MiB against 776-783 MiB without it, at the same turns/s (alternating runs,
docs/benchmarks.md, issue 14, session 22). `asb rasa` and `asb rasa-server` call it first thing
(ops/cli.py `cmd_rasa`), before another thread starts.
"""

from __future__ import annotations

import ctypes
import threading
import time

TRIM_SECONDS = 10.0
IDLE_SHARE = 0.05  # of one core: a server this quiet is between conversations
M_ARENA_MAX = -8  # glibc's mallopt parameter for the most arenas (malloc.h)


def one_malloc_arena() -> bool:
    """Threads started from now on allocate from the main arena (glibc only). True if set."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(M_ARENA_MAX, 1) == 1


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
