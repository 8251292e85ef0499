"""Fixtures for the evidence tests: pictures and files made here (fictional, no personal data),
a stand-in for Rasa's web chat channel that answers with the report receipt, and a backend on
the test database (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import pytest
from aiohttp import FormData, web
from aiohttp.test_utils import TestClient, TestServer
from PIL import Image

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
POSTCODE = "EX1 2AB"
DEVICE = "ExamplePhone 9"


def photo_with_exif(fmt: str = "JPEG") -> bytes:
    """A 40x20 photo whose EXIF says: turn it 90 degrees, taken by DEVICE, at a GPS position."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 clockwise to show it upright
    exif[0x010F] = DEVICE  # Make
    exif[0x0110] = DEVICE  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 40.0)
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


def mp4_bytes(size: int = 4096) -> bytes:
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * (size - 24)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def form(data: bytes, name: str = "evidence.jpg", ctype: str = "image/jpeg", **fields: str):
    body = FormData()
    for key, value in fields.items():
        body.add_field(key, value)
    body.add_field("file", data, filename=name, content_type=ctype)
    return body


@dataclass
class ReceiptRasa:
    """Rasa's web chat channel as the backend sees it: answers every message with `reply`."""

    reply: str = "What is happening?"
    port: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)

    async def webhook(self, request: web.Request) -> web.Response:
        data = await request.json()
        self.received.append(data)
        return web.json_response([{"recipient_id": data["sender"], "text": self.reply}])


@pytest.fixture
async def rasa() -> AsyncIterator[ReceiptRasa]:
    fake = ReceiptRasa()
    app = web.Application()
    app.router.add_post("/webhooks/webchat/webhook", fake.webhook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    assert server.port is not None
    fake.port = server.port
    try:
        yield fake
    finally:
        await server.close()


@pytest.fixture
async def client(make_api_client, rasa: ReceiptRasa) -> TestClient:
    return await make_api_client(now=NOW, rasa_port=rasa.port)


@pytest.fixture
def report_case(client, ingest_headers, make_report):
    """`await report_case(**overrides) -> (reference, pin)`: a web report with a postcode."""

    async def report(**overrides: Any) -> tuple[str, str]:
        body = make_report(location=f"Flat 3, 1 Example Road, {POSTCODE}", **overrides)
        response = await client.post("/api/reports", json=body, headers=ingest_headers)
        assert response.status == 201, await response.text()
        receipt = await response.json()
        return receipt["reference"], receipt["pin"]

    return report
