"""Fixtures of the action tests: a free loopback port for the fake backend, and the fake backend
listening on it (tests/bot/actions/helpers.py). test_returning.py has its own."""

from __future__ import annotations

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
