"""The `world` fixture of the outbox tests (see outbox_world.py).

`database_url` and `session_factory` come from tests/conftest.py: a migrated, empty database,
once on SQLite and once on PostgreSQL.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from sqlalchemy.orm import sessionmaker

from backend.sms_outbound.twilio_client import make_twilio_client
from core.settings import Settings
from ops.twilio_standin.server import create_standin_app
from ops.twilio_standin.state import STANDIN_STATE
from tests.backend.sms_outbound.outbox_world import FROM, World, loopback_socket


@pytest.fixture
async def world(database_url: str, session_factory: sessionmaker, tmp_path) -> AsyncIterator[World]:
    from backend.app import init_app

    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    standin_sock, backend_sock = loopback_socket(), loopback_socket()
    standin_url = f"http://127.0.0.1:{standin_sock.getsockname()[1]}"
    backend_url = f"http://127.0.0.1:{backend_sock.getsockname()[1]}"
    settings = Settings(
        var_dir=tmp_path,
        database_url=database_url,
        backend_url=backend_url,
        public_url=backend_url,
        ingest_secret=secrets.token_hex(16),
        api_token=secrets.token_hex(16),
        twilio_account_sid=account_sid,
        twilio_auth_token=auth_token,
        twilio_from=FROM,
        twilio_api_base=standin_url,
    )
    standin_app = create_standin_app(account_sid, auth_token)
    runners = [web.AppRunner(standin_app), web.AppRunner(init_app(settings))]
    for runner, sock in zip(runners, (standin_sock, backend_sock), strict=True):
        await runner.setup()
        await web.SockSite(runner, sock).start()
    try:
        yield World(
            settings=settings,
            session_factory=session_factory,
            client=make_twilio_client(settings),
            standin=standin_app[STANDIN_STATE],
            standin_url=standin_url,
            backend_url=backend_url,
        )
    finally:
        for runner in reversed(runners):
            await runner.cleanup()
