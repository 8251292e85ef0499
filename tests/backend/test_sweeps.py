"""The backend's repeated sweeps (backend/sweeps.py): a sweep that fails is run again next
time, and the sweep stops with the app."""

from __future__ import annotations

import asyncio

from aiohttp import web

from backend.sweeps import sweep_every


async def test_a_failed_sweep_is_tried_again_and_the_sweep_stops_with_the_app() -> None:
    runs: list[int] = []

    def sweep(_app: web.Application) -> int:
        runs.append(1)
        if len(runs) == 1:
            raise RuntimeError("the database went away")
        return 1

    app = web.Application()
    app.cleanup_ctx.append(sweep_every(lambda _app: 0.01, sweep, name="test sweep"))
    runner = web.AppRunner(app)
    await runner.setup()
    for _ in range(200):
        if len(runs) >= 3:
            break
        await asyncio.sleep(0.01)
    await runner.cleanup()
    assert len(runs) >= 3  # the failure did not end the sweep
    after = len(runs)
    await asyncio.sleep(0.05)
    assert len(runs) == after  # stopped with the app
