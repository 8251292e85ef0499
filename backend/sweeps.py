"""Work the backend repeats while it runs: the sweeps of overdue alerts, abandoned safety
conversations, long-running cases and evidence never sent, each an aiohttp cleanup context.

`sweep_every(...)` returns the context to append to `app.cleanup_ctx`: a task that waits,
runs one sweep on a worker thread (`sweep(app)` returns how many things it did), logs the
count, and carries on after any error (the next run retries); the task stops with the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from core.logs import log_unexpected

log = logging.getLogger(__name__)

CleanupContext = Callable[[web.Application], AsyncIterator[None]]


def sweep_every(
    seconds: Callable[[web.Application], float],
    sweep: Callable[[web.Application], int | None],
    *,
    name: str,
    did: str = "done",
) -> CleanupContext:
    """A cleanup context running `sweep(app)` every `seconds(app)` while the app runs; `name`
    names it in the log ("alert sweep"), `did` what its count means ("raised %s alert(s)")."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        interval = seconds(app)

        async def loop() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    count = await asyncio.to_thread(sweep, app)
                    if count:
                        log.info("%s %s: %s", name, did, count)
                except Exception as exc:  # noqa: BLE001 - keep sweeping; the next run retries
                    log_unexpected(log, name, exc)

        task = asyncio.create_task(loop())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return context
