"""End to end, the backend alone (no Rasa needed): a partner key made with `asb partner-key
create` makes a report with POST /open311/v2/requests.json, an officer triages the case through
the staff pages, and the partner reads its status, notes and updates. Fictional data."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import PROJECT_ROOT
from tests.system import free_port

pytestmark = pytest.mark.e2e

PASSWORD = "a long enough password for jo"


class Backend:
    """The backend process on a free port, with its own database and secrets."""

    def __init__(self, var_dir: Path) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("ASB_", "TWILIO_"))}
        self.env.update(
            ASB_VAR_DIR=str(var_dir),
            DATABASE_URL=f"sqlite:///{var_dir / 'asb.sqlite3'}",
            ASB_BACKEND_PORT=str(port),
            ASB_INGEST_SECRET=secrets.token_urlsafe(24),
            ASB_API_TOKEN=secrets.token_urlsafe(24),
            ASB_LANDLORD_NAME="Example Homes",
            ASB_RETENTION_RUN_AT="off",
            PYTHONUNBUFFERED="1",
        )
        self.process: subprocess.Popen | None = None

    def asb(self, *args: str, **env: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "ops.cli", *args],
            cwd=PROJECT_ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self, log: Path) -> None:
        self.asb("migrate")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ops.cli", "backend"],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/livez", timeout=2):
                    return
            except OSError:
                assert self.process.poll() is None, log.read_text()
                time.sleep(0.3)
        raise AssertionError("the backend did not start: " + log.read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    running = Backend(tmp_path / "var")
    running.start(tmp_path / "backend.log")
    yield running
    running.stop()


def _call(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _triage_in_staff_pages(backend: Backend, reference: str) -> None:
    """An officer of the owning team signs in and triages the case on its page."""
    backend.asb(
        "create-user",
        "jo.officer",
        "--role",
        "officer",
        "--team",
        "CHM",
        ASB_NEW_USER_PASSWORD=PASSWORD,
    )
    staff = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    _status, page = _call(staff, f"{backend.url}/staff/login")
    status, page = _call(
        staff,
        f"{backend.url}/staff/login",
        {
            "username": "jo.officer",
            "password": PASSWORD,
            "csrf_token": _csrf(page),
            "next": "/staff",
        },
    )
    assert status == 200 and "Sign out" in page
    status, page = _call(
        staff,
        f"{backend.url}/staff/cases/{reference}/triage",
        {
            "csrf_token": _csrf(page),
            "category": "vandalism",
            "risk_band": "MEDIUM",
            "priority": "3",
            "is_asb": "yes",
            "reason": "Repeated damage, Sam Constable's report",
        },
    )
    assert status == 200 and "Triaged" in page


def test_a_partner_report_is_triaged_and_the_partner_sees_it(backend: Backend) -> None:
    made = backend.asb(
        "partner-key", "create", "Example Police", "--kind", "police", "--scope", "read",
        "--scope", "create",
    )  # fmt: skip
    key = re.search(r"(asbp_\S+)", made).group(1)
    partner = urllib.request.build_opener()
    status, body = _call(
        partner,
        f"{backend.url}/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "vandalism",
            "description": "Paint sprayed over the bin store doors again last night",
            "address_string": "Bin store, 4 Example Court, ZZ99 3CC",
            "first_name": "Sam",
            "last_name": "Constable",
            "attribute[frequency]": "most_weeks",
        },
    )
    assert status == 200, body
    [created] = json.loads(body)
    reference = created["service_request_id"]
    assert re.fullmatch(r"ASB-[0-9]{4}-[0-9]{6}", reference)
    status, body = _call(
        partner, f"{backend.url}/open311/v2/requests/{reference}.json?api_key={key}"
    )
    [before] = json.loads(body)
    assert before["status"] == "open" and before["status_notes"].startswith("Report received")
    assert before["address"] == "Bin store, Example Court, ZZ99" and "Sam" not in body

    _triage_in_staff_pages(backend, reference)

    status, body = _call(
        partner, f"{backend.url}/open311/v2/requests/{reference}.xml?api_key={key}"
    )
    assert status == 200 and "<status>open</status>" in body
    assert "<status_notes>Triaged; next step due by" in body and "Sam" not in body
    status, body = _call(
        partner, f"{backend.url}/open311/v2/servicerequestupdates.json?api_key={key}"
    )
    updates = [u for u in json.loads(body) if u["service_request_id"] == reference]
    assert [u["status"] for u in updates] == ["OPEN", "INVESTIGATING"]
    assert "Constable" not in body

    # The admin's audit names each call; the CLI lists the key without showing it.
    listing = backend.asb("partner-key", "list")
    assert "Example Police" in listing and key not in listing
