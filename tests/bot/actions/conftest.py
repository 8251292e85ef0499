"""Fixtures of the action tests: a free loopback port for the fake backend, and the fake backend
listening on it (tests/bot/actions/helpers.py). test_returning.py has its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.bot.actions.helpers import FakeBackend
from tests.system import free_port


@pytest.fixture
def backend_port() -> int:
    return free_port()


@pytest.fixture
async def backend(backend_port: int) -> AsyncIterator[FakeBackend]:
    fake = FakeBackend(backend_port)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture(autouse=True)
async def _own_action_settings(tmp_path) -> AsyncIterator[None]:
    """Every action test gets its own action-server settings (spool files under `tmp_path`, no
    backend listening) unless it asks for `settings` (helpers.py): the safety action's
    safeguarding record (bot/actions/safeguarding.py) must never land in the project's var/.
    Background relays it started are awaited before the test's event loop closes."""
    from bot.actions import safeguarding, server_settings
    from core.settings import Settings

    previous = server_settings._settings
    server_settings.configure(
        Settings(
            var_dir=tmp_path,
            database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            backend_url="http://127.0.0.1:9",
            report_spool_path=tmp_path / "own-spool" / "reports.sqlite3",
        )
    )
    yield
    while safeguarding._background:
        await asyncio.gather(*list(safeguarding._background), return_exceptions=True)
    server_settings._settings = previous
