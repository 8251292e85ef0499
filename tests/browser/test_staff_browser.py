"""Issue 4 "done shows": a duty officer works the queue after a weekend, in headless Chromium.

Starts the backend, the SMS worker and the Twilio stand-in as real processes (the supervisor
`asb run` uses; no Rasa needed), posts a simulated weekend of reports through POST /api/reports,
then in the browser: logs in, opens the queue, triages a case, sends an update (the stand-in
receives it), closes a case. Screenshots of the queue, a case page and the dashboard are saved
to docs/screenshots/.

Chromium is Debian's (/usr/bin/chromium, or ASB_CHROMIUM); `bin/asb test` installs it when it
can. Without it this test FAILS, so a missing browser is never a silent pass; set
ASB_SKIP_BROWSER=1 to skip it on purpose.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from core.settings import PROJECT_ROOT, Settings
from ops.supervisor import Supervisor
from ops.topology import build_services
from tests.system import free_port

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CHROMIUM = os.environ.get("ASB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
OFFICER = "dana.duty"
PASSWORD = "weekend queue password 2026"
RESIDENT = "+447700900123"  # Ofcom drama range


@dataclass
class StaffSystem:
    settings: Settings
    standin_url: str

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.backend_port}"

    def post_report(self, report: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.backend_url}/api/reports",
            data=json.dumps(report).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.settings.ingest_secret}",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def texts_sent(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.standin_url}/_standin/messages", timeout=10) as r:
            return json.loads(r.read())["messages"]

    def drain_callbacks(self) -> None:
        """Wait until the stand-in has delivered every status callback to the backend."""
        request = urllib.request.Request(f"{self.standin_url}/_standin/drain", method="POST")
        urllib.request.urlopen(request, timeout=30).close()

    def wait_for_text(self, containing: str, timeout: float = 30.0) -> dict[str, Any]:
        """The first text the stand-in received whose body contains `containing`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for text in self.texts_sent():
                if containing in text["body"]:
                    return text
            time.sleep(0.3)
        raise AssertionError(f"the Twilio stand-in never received a text with {containing!r}")


def _chromium_or_fail() -> str:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.environ.get("ASB_SKIP_BROWSER") == "1":
        pytest.skip("ASB_SKIP_BROWSER=1")
    pytest.fail(
        f"No Chromium at {CHROMIUM}. Install Debian's chromium (apt-get install chromium; "
        "`bin/asb test` does this when run as root), point ASB_CHROMIUM at a Chromium binary, "
        "or set ASB_SKIP_BROWSER=1 to skip the browser test on purpose.",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def staff_system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaffSystem]:
    """Backend, SMS worker and Twilio stand-in on free ports, a fresh SQLite database, and a
    manager account."""
    from backend.db import make_engine, make_session_factory, transaction
    from backend.migrate import upgrade
    from backend.staff.service import create_user

    _chromium_or_fail()
    var_dir = tmp_path_factory.mktemp("browser")
    ports = {name: free_port() for name in ("backend", "standin")}
    standin_url = f"http://127.0.0.1:{ports['standin']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASB_", "TWILIO_"))}
    env.update(
        ASB_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'asb.sqlite3'}",
        ASB_BACKEND_PORT=str(ports["backend"]),
        ASB_TWILIO_STANDIN_PORT=str(ports["standin"]),
        ASB_INGEST_SECRET=secrets.token_urlsafe(24),
        ASB_API_TOKEN=secrets.token_urlsafe(24),
        ASB_LANDLORD_NAME="Example Homes",
        ASB_LANDLORD_PHONE="0300 000 0000",
        ASB_QUIET_HOURS="off",  # texts go at once whatever the time of the test run
        TWILIO_ACCOUNT_SID="AC" + secrets.token_hex(16),
        TWILIO_AUTH_TOKEN=secrets.token_hex(16),
        TWILIO_FROM="+447700900000",
        TWILIO_API_BASE=standin_url,
        PYTHONUNBUFFERED="1",
    )
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        settings = Settings.from_env()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with transaction(make_session_factory(engine)) as session:
        create_user(session, OFFICER, PASSWORD, "manager", "Dana Duty")
    engine.dispose()
    wanted = ("twilio-standin", "backend", "sms-worker")
    services = [
        s
        for s in build_services(settings, Path("no-model"), with_twilio_standin=True)
        if s.name in wanted
    ]
    supervisor = Supervisor(
        services, env, var_dir / "logs", out=lambda m: print(m, file=sys.stderr)
    )
    supervisor.start()
    try:
        supervisor.wait_until_ready()
        yield StaffSystem(settings, standin_url)
    finally:
        supervisor.stop()


def _weekend(now: datetime) -> datetime:
    """Midnight UTC starting the latest Saturday whose weekend is mostly in the past."""
    saturday = (now - timedelta(days=(now.weekday() - 5) % 7)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if now - saturday < timedelta(hours=36):
        saturday -= timedelta(days=7)
    return saturday


# (hours after Saturday 00:00 UTC, route, category, flags, description, phone)
WEEKEND = [
    (1.5, "asb", "noise", {}, "Party in the flat below with very loud music since 10pm", 1),
    (2.25, "asb", "noise", {}, "Dog barking for hours in the flat next door", 2),
    (11.0, "asb", "groups_communal", {}, "Group of young people smoking in the stairwell", 3),
    (14.5, "asb", "vandalism", {}, "Someone has smashed the glass in the main entrance door", 4),
    (20.75, "asb", "harassment", {"hate": True}, "Neighbour shouting racist abuse at me", 5),
    (23.5, "asb", "drugs_alcohol", {}, "Cannabis smell and people coming and going all night", 6),
    (27.0, "domestic_abuse", None, {"domestic_abuse": True}, "Partner threatening me", 7),
    (33.0, "asb", "environmental", {}, "Bags of rubbish dumped by the bin store again", 8),
    (35.5, "asb", "noise", {}, "Drilling and banging on a Sunday morning", 9),
    (38.0, "asb", "vehicle_nuisance", {}, "Car parked across the disabled bay for two days", 10),
    (41.25, "asb", "pets_animals", {}, "Dog off the lead jumping at children in the play area", 11),
]


# Provisional risk answers some residents gave (the rest answered only how often).
MEDIUM_RISK = {
    "q2_linked": "yes",
    "q3_worse": "yes",
    "q4_know_them": "well",
    "q10_affected": "a_lot",
}
RAM_ANSWERS = {
    1: {**MEDIUM_RISK, "q14_others_affected": ["community"]},
    5: {**MEDIUM_RISK, "q5_history": "currently", "q7_targeted": "you", "q8_identity": "yes"},
    6: {**MEDIUM_RISK, "q14_others_affected": ["community", "family"]},
}


def _report(received_at: datetime, entry: tuple) -> dict[str, Any]:
    hours, route, category, flags, description, phone = entry
    return {
        "report_id": str(uuid.uuid4()),
        "channel": "web" if phone % 3 else "sms",
        "language": "en",
        "received_at": received_at.isoformat(),
        "route": route,
        "category": category,
        "description": description,
        "location": f"Flat {phone}, {10 + phone} Example Road, ZZ99 {phone}AB",
        "happened_when": "this weekend",
        "happening_now": False,
        "frequency": "most_weeks" if phone % 2 else "daily",
        "reporter": {
            "name": f"Resident {phone}",
            "phone": RESIDENT if phone == 1 else f"+4477009001{phone:02d}",
            "safe_to_text": True,
            "consent_to_contact": True,
            "anonymous": False,
        },
        "flags": {
            "urgent": False,
            "domestic_abuse": False,
            "hate": False,
            "safeguarding": False,
            "vulnerable": phone == 5,
            **flags,
        },
        "ram_answers": {
            "q1_frequency": "most_weeks" if phone % 2 else "daily",
            **RAM_ANSWERS.get(phone, {}),
        },
        "details": {},
    }


def _shot(page: Any, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def test_duty_officer_works_the_queue_after_a_weekend(staff_system: StaffSystem) -> None:
    from playwright.sync_api import expect, sync_playwright

    now = datetime.now(timezone.utc)
    saturday = _weekend(now)
    references = []
    for entry in WEEKEND:
        received = min(saturday + timedelta(hours=entry[0]), now - timedelta(minutes=5))
        references.append(staff_system.post_report(_report(received, entry))["reference"])
    noise_reference = references[0]  # the party: texted to RESIDENT
    base = staff_system.backend_url

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium_or_fail(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(15_000)

            # Log in: every staff page sends us to the login form first.
            page.goto(f"{base}/staff")
            expect(page).to_have_url(re.compile(r"/staff/login"))
            page.fill("input[name=username]", OFFICER)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")

            # The queue after the weekend: every report, the most urgent first.
            expect(page.locator("h1")).to_have_text("Triage queue")
            expect(page.locator(".lead")).to_contain_text(f"{len(WEEKEND)} cases waiting")
            listed = page.locator("a[href^='/staff/cases/ASB-']").all_inner_texts()
            assert set(references) <= set(listed)
            assert listed[0] in (references[4], references[6])  # hate or domestic abuse
            _shot(page, "queue.png")

            # Triage the Friday-night party.
            page.click(f"a[href='/staff/cases/{noise_reference}']")
            expect(page.locator("h1")).to_contain_text(noise_reference)
            page.select_option("#t-category", "noise")
            page.select_option("#t-band", "MEDIUM")
            page.select_option("#t-priority", "3")
            page.check("input[name=is_asb][value=yes]")
            page.fill("#t-reason", "Repeated late-night parties; neighbours affected")
            page.click("text=Save triage decision")
            expect(page.locator("body")).to_contain_text("Triage decision saved.")
            expect(page.locator("h1 .status")).to_have_text("Triaged")

            # Send an update; the Twilio stand-in receives it.
            page.check("input[name=template][value=reviewed]")
            page.click("text=Send this text")
            expect(page.locator("body")).to_contain_text("Text queued to the resident.")
            update = staff_system.wait_for_text(f"we have reviewed your report {noise_reference}")
            assert update["to"] == RESIDENT
            staff_system.drain_callbacks()
            page.reload()  # the delivery state came back through the signed status callback
            expect(page.locator("#texts")).to_be_visible()
            _shot(page, "case.png")

            # Close another case: the closure text with the first survey question goes out.
            rubbish = references[7]
            page.goto(f"{base}/staff/cases/{rubbish}")
            page.select_option("#s-status", "closed")
            page.select_option("#s-reason", "Resolved")
            page.click("text=Change status")
            expect(page.locator("body")).to_contain_text("Status changed.")
            expect(page.locator("h1 .status")).to_have_text("Closed")
            expect(page.locator("body")).to_contain_text("Status: New to Closed (Resolved)")
            closure = staff_system.wait_for_text(f"we have closed your case {rubbish}")
            assert "Question 1 of 5" in closure["body"]

            # The queue no longer lists the closed or the triaged case; the dashboard shows all.
            page.goto(f"{base}/staff")
            expect(page.locator(".lead")).to_contain_text(f"{len(WEEKEND) - 2} cases waiting")
            page.goto(f"{base}/staff/dashboard")
            expect(page.locator("h1")).to_have_text("Dashboard")
            expect(page.locator("body")).to_contain_text("New reports by hour of the day")
            _shot(page, "dashboard.png")
        finally:
            browser.close()
