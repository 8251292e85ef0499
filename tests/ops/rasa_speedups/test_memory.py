"""Memory given back once the Rasa server is quiet (ops/rasa_speedups/memory.py)."""

from __future__ import annotations

from pathlib import Path

from ops.rasa_speedups import memory


def test_memory_freed_in_scattered_blocks_goes_back_to_the_system_once_quiet():
    """glibc keeps freed memory that lies between blocks still in use; the server's trimming
    thread returns it once the process is quiet, not while it is busy (a process of its own,
    so nothing else shares its heap)."""
    import subprocess
    import sys

    program = """
import sys, time
from ops.rasa_speedups import memory
def resident_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
blocks = [bytearray(4000) for _ in range(50_000)]  # 200 MB in small blocks
kept = blocks[::50]  # one block in fifty stays in use
del blocks
before = resident_mib()
memory.give_memory_back(every=0.1)
busy_until = time.monotonic() + 1.0
while time.monotonic() < busy_until:  # a busy server: no trimming
    pass
busy = resident_mib()
time.sleep(1.0)
print(before, busy, resident_mib())
"""
    project = Path(memory.__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=project, capture_output=True, text=True, check=True
    )
    before, busy, after = (int(figure) for figure in result.stdout.split())
    assert before > 150  # glibc kept the freed blocks ...
    assert busy > before - 20  # ... while the process was busy ...
    assert after < before - 100  # ... until the thread gave them back


def test_the_servers_threads_allocate_from_one_arena():
    """A thread that allocates gets a glibc heap (arena) of its own, which keeps what it freed
    apart; after `one_malloc_arena` every new thread allocates from the main one (glibc's
    malloc_stats, one "Arena" section per heap). Processes of their own: the setting is
    process-wide."""
    import subprocess
    import sys

    program = """
import ctypes, sys, threading
from ops.rasa_speedups import memory
if sys.argv[1] == "one":
    assert memory.one_malloc_arena()
def allocate():
    kept = [bytearray(1000) for _ in range(10_000)]
threads = [threading.Thread(target=allocate) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL("libc.so.6").malloc_stats()
"""
    project = Path(memory.__file__).resolve().parent.parent

    def arenas(setting: str) -> int:
        result = subprocess.run(
            [sys.executable, "-c", program, setting],
            cwd=project, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stderr.count("Arena ")

    assert arenas("default") > 1
    assert arenas("one") == 1
