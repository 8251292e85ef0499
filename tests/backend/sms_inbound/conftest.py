"""The `world` fixture of the two-way SMS tests (see two_way_world.py).

`database_url` and `session_factory` come from tests/conftest.py: a migrated, empty database,
once on SQLite and once on PostgreSQL.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from sqlalchemy.orm import sessionmaker

from channels.sms import SmsInput
from core.settings import Settings
from ops.twilio_standin.server import create_standin_app
from ops.twilio_standin.state import STANDIN_STATE
from tests.backend.sms_inbound.two_way_world import (
    CHANNEL_PATH,
    FROM,
    StubBot,
    World,
    loopback_socket,
)


@pytest.fixture
async def world(database_url: str, session_factory: sessionmaker, tmp_path) -> AsyncIterator[World]:
    from backend.app import init_app

    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    socks = [loopback_socket() for _ in range(3)]
    standin_url, backend_url, channel_base = (
        f"http://127.0.0.1:{s.getsockname()[1]}" for s in socks
    )
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
        landlord_name="Example Homes",
        landlord_phone="0300 123 4567",
    )
    channel_url = channel_base + CHANNEL_PATH
    channel = SmsInput(
        public_url=channel_url,
        auth_token=auth_token,
        backend_url=backend_url,
        ingest_secret=settings.ingest_secret,
        retry_delays=(0.05, 0.1),
    )
    bot = StubBot()
    holder: dict[str, World] = {}

    async def webhook(request: web.Request) -> web.Response:
        # What the Sanic route in channels/sms.py does, served by aiohttp for the test.
        status, body = await channel.handle_webhook(
            await request.post(),
            request.query_string,
            request.headers.get("X-Twilio-Signature", ""),
            holder["world"].channel_bot or bot,
        )
        content_type = "text/xml" if status == 200 else "text/plain"
        return web.Response(status=status, text=body, content_type=content_type)

    channel_app = web.Application()
    channel_app.router.add_post(CHANNEL_PATH, webhook)
    standin_app = create_standin_app(account_sid, auth_token)
    runners = [web.AppRunner(a) for a in (standin_app, init_app(settings), channel_app)]
    for runner, sock in zip(runners, socks, strict=True):
        await runner.setup()
        await web.SockSite(runner, sock).start()
    try:
        holder["world"] = World(
            settings=settings,
            session_factory=session_factory,
            standin=standin_app[STANDIN_STATE],
            channel=channel,
            bot=bot,
            channel_url=channel_url,
            backend_url=backend_url,
            standin_url=standin_url,
        )
        yield holder["world"]
    finally:
        await channel.drain()
        for runner in reversed(runners):
            await runner.cleanup()
