"""Issue 15, evidence: the upload control beside the web chat and the texted link's page, in a
real browser. Zero axe-core violations at 320 and 1280 px (empty, sent, refused), a keyboard
user sends a photo, a file that is not what it claims gets a plain message, the court notice is
shown, and "Exit this page" works on the link page too.

Runs the backend alone (no Rasa: uploads do not need the assistant) on a fresh SQLite database.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from backend.app import init_app
from backend.db import make_engine, make_session_factory, transaction
from backend.evidence import service as evidence_service
from backend.evidence.models import EvidenceFile
from backend.migrate import upgrade
from core.settings import Settings
from tests.backend.evidence.conftest import DEVICE, photo_with_exif
from tests.browser.webchat_driver import (
    WEATHER,
    WIDE,
    check_state,
    chromium,
    new_page,
    wait_until_ready,
)
from tests.system import free_port

pytestmark = [pytest.mark.browser]

SECRET = "browser-evidence-secret-0123456789"


@dataclass
class Backend:
    url: str
    settings: Settings

    def sessions(self) -> Any:
        return make_session_factory(make_engine(self.settings.database_url))

    def report(self) -> dict[str, Any]:
        body = {
            "report_id": str(uuid.uuid4()),
            "channel": "web",
            "language": "en",
            "received_at": "2026-11-20T23:00:00+00:00",
            "route": "asb",
            "category": "noise",
            "description": "Loud music from the flat above every night until 3am",
            "location": "Flat 3, 1 Example Road, EX1 2AB",
            "reporter": {"name": "Alex Example", "consent_to_contact": False, "anonymous": False},
        }
        request = urllib.request.Request(
            f"{self.url}/api/reports",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {SECRET}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    port = free_port()
    url = f"sqlite:///{tmp_path / 'asb.sqlite3'}"
    upgrade(url)
    settings = Settings(
        var_dir=tmp_path / "var",
        database_url=url,
        ingest_secret=SECRET,
        api_token="browser-api-token-0123456789",
        backend_port=port,
        public_url=f"http://127.0.0.1:{port}",
        rasa_port=free_port(),  # nothing listens: uploads never need the assistant
        twilio_api_base="http://127.0.0.1:9",
    )
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(init_app(settings))
    loop.run_until_complete(runner.setup())
    loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield Backend(f"http://127.0.0.1:{port}", settings)
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


def choose(page: Any, data: bytes, name: str, mime: str) -> None:
    page.set_input_files("#evidence-file", {"name": name, "mimeType": mime, "buffer": data})


def send_with_keyboard(page: Any) -> None:
    page.focus("#evidence-file")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "evidence-send":
            page.keyboard.press("Enter")
            return
    raise AssertionError("the Send file button was not reached with the keyboard")


def test_the_chat_pages_upload_control(backend: Backend) -> None:
    with chromium() as browser:
        page = new_page(browser, WIDE)
        page.goto(backend.url + "/")
        wait_until_ready(page)
        assert "may be used as evidence, including in court" in page.inner_text("#evidence-court")
        check_state(page, "upload control, empty", shot="evidence")

        choose(page, photo_with_exif(), "IMG_0001.jpg", "image/jpeg")
        send_with_keyboard(page)
        page.wait_for_function(
            "() => document.querySelector('#evidence-status').textContent.includes('Thank you')"
        )
        assert "added to your report when you send it" in page.inner_text("#evidence-status")
        check_state(page, "upload control, photo sent")

        choose(page, b"<html>not a photo</html>", "photo.jpg", "image/jpeg")
        send_with_keyboard(page)
        page.wait_for_function(
            "() => document.querySelector('#evidence-error').textContent.length > 0"
        )
        assert "We cannot take this kind of file" in page.inner_text("#evidence-error")
        check_state(page, "upload control, refused")

    with transaction(backend.sessions()) as session:
        [row] = session.execute(select(EvidenceFile)).scalars()
        assert row.case_id is None and row.kind == "photo"  # held for the report being made
        stored = backend.settings.evidence_path / row.stored_name
    assert DEVICE.encode() not in stored.read_bytes()


def test_the_texted_links_page(backend: Backend) -> None:
    reference = backend.report()["reference"]
    with transaction(backend.sessions()) as session:
        from backend.cases.queries import get_case_by_reference
        from backend.db import utcnow

        case = get_case_by_reference(session, reference)
        assert case is not None
        token = evidence_service.issue_link(session, case.id, utcnow())
    with chromium() as browser:
        page = new_page(browser, WIDE)
        page.goto(f"{backend.url}/evidence/{token}")
        check_state(page, "link page, empty", shot="evidence-link")
        choose(page, photo_with_exif(), "IMG_0002.jpg", "image/jpeg")
        with page.expect_navigation():
            send_with_keyboard(page)
        page.wait_for_selector("#evidence-status p")
        assert "Your photo has been added to your report" in page.inner_text("main")
        check_state(page, "link page, photo sent")

        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        with page.expect_navigation():
            page.keyboard.press("Shift")
        assert page.url.startswith(WEATHER)
    with transaction(backend.sessions()) as session:
        [row] = session.execute(select(EvidenceFile)).scalars()
        assert row.case_id == case.id and row.source == "sms_link"
