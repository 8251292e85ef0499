"""Fixtures for the webhook tests: the partner's system (a real local aiohttp server) and an
HTTP client session for the worker."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.backend.webhooks.helpers import PartnerSystem


@pytest.fixture
async def partner() -> AsyncIterator[PartnerSystem]:
    system = PartnerSystem()
    server = TestServer(system.app(), host="127.0.0.1")
    await server.start_server()
    system.base = str(server.make_url("")).rstrip("/")
    try:
        yield system
    finally:
        await server.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session
