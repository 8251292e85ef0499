"""Stand-ins for several Rasa servers (issue 14): real local HTTP servers that record what
reached them and can be stopped (a dead server: connection refused), slowed down (a timeout
after the request arrived) or put behind a "proxy" answering 503."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from twilio.request_validator import RequestValidator


@dataclass
class Received:
    """One request as it reached a fake Rasa server, byte for byte."""

    path: str
    query_string: str
    body: bytes
    headers: dict[str, str]


@dataclass
class FakeRasaServer:
    """One fake Rasa server with the web chat and SMS channels' webhooks."""

    name: str
    mode: str = "ok"  # ok | slow | proxy_503
    sms_auth_token: str = ""
    sms_public_url: str = ""
    received: list[Received] = field(default_factory=list)
    server: TestServer | None = None
    url: str = ""

    async def _record(self, request: web.Request) -> Received:
        raw = await request.read()
        item = Received(request.path, request.query_string, raw, dict(request.headers))
        self.received.append(item)
        if self.mode == "slow":
            await asyncio.sleep(2)
        return item

    async def webchat(self, request: web.Request) -> web.StreamResponse:
        if self.mode == "proxy_503":
            return web.Response(status=503, text="Service Unavailable")
        item = await self._record(request)
        data = json.loads(item.body)
        return web.json_response(
            [
                {"recipient_id": data["sender"], "text": f"{self.name} heard: {data['message']}"},
                {
                    "recipient_id": data["sender"],
                    "text": "Is it happening now?",
                    "buttons": [
                        {"title": "Yes", "payload": "/affirm"},
                        {"title": "No", "payload": "/deny"},
                    ],
                },
            ]
        )

    async def sms(self, request: web.Request) -> web.StreamResponse:
        """Like channels/sms.py: the signature is checked against the public URL Twilio was
        given, with this request's query string, over the fields of the raw body."""
        if self.mode == "proxy_503":
            return web.Response(status=503, text="Service Unavailable")
        item = await self._record(request)
        fields = {
            key: values[0]
            for key, values in parse_qs(item.body.decode(), keep_blank_values=True).items()
        }
        signed_url = self.sms_public_url + (f"?{item.query_string}" if item.query_string else "")
        signature = request.headers.get("X-Twilio-Signature", "")
        if not RequestValidator(self.sms_auth_token).validate(signed_url, fields, signature):
            return web.Response(status=403, text="Forbidden")
        return web.Response(
            text='<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
            content_type="text/xml",
        )

    def senders(self) -> list[str]:
        return [json.loads(item.body)["sender"] for item in self.received]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhooks/webchat/webhook", self.webchat)
        app.router.add_post("/webhooks/sms/webhook", self.sms)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()
        self.url = f"http://127.0.0.1:{self.server.port}"

    async def stop(self) -> None:
        """Dead: its port now refuses connections."""
        if self.server is not None:
            await self.server.close()
            self.server = None


StartRasa = Callable[[int], Awaitable[list[FakeRasaServer]]]


@pytest.fixture
async def start_rasa() -> AsyncIterator[StartRasa]:
    """Start `n` fake Rasa servers; all are stopped at the end."""
    started: list[FakeRasaServer] = []

    async def start(n: int) -> list[FakeRasaServer]:
        servers = [FakeRasaServer(name=f"rasa-{len(started) + i + 1}") for i in range(n)]
        for server in servers:
            await server.start()
        started.extend(servers)
        return servers

    yield start
    for server in started:
        await server.stop()


def total_received(servers: list[FakeRasaServer]) -> int:
    return sum(len(server.received) for server in servers)
