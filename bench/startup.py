"""Cold start to first reply, and memory of each process, for the whole system.

Usage: .venv/bin/python bench/startup.py
Starts every process on free loopback ports with a fresh SQLite database (the same supervisor as
`asb run`), times start-up until every health check passes, then one resident message through the
Rasa REST channel, and reads each process tree's resident memory (VmRSS) from /proc.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ops.training import ensure_model  # noqa: E402
from tests.system import start_system  # noqa: E402


def rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pending += [int(c) for c in children]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def main() -> None:
    model = ensure_model(log=lambda m: print(m, file=sys.stderr))
    with tempfile.TemporaryDirectory(prefix="asb-bench-") as tmp:
        started = time.monotonic()
        system = start_system(Path(tmp), model)
        ready = time.monotonic()
        try:
            sender = str(uuid.uuid4())
            reply_started = time.monotonic()
            replies = system.say(sender, "hello")
            first_reply = time.monotonic()
            assert replies, "no reply from the assistant"
            system.say(sender, "my neighbour plays loud music every night")
            print(f"all processes ready: {ready - started:.1f} s")
            print(f"first reply after ready: {first_reply - reply_started:.2f} s")
            print(f"cold start to first reply: {first_reply - started:.1f} s")
            print("resident memory after a short conversation (process tree, MiB):")
            for service in system.supervisor.services:
                print(f"  {service.name:<15} {rss_kib(service.process.pid) / 1024:8.0f}")
        finally:
            system.supervisor.stop()


if __name__ == "__main__":
    main()
