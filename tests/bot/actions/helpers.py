"""Shared by the action tests: the domain, a filled-in report, a rasa_sdk Tracker after one user
message, the form validation run, a fake backend (POST /api/reports) on a loopback port, and the
action code's settings. All data is fictional.

The `settings` fixture here is the action server's (backend on the fake's port). It is not in
conftest.py because tests/conftest.py has a database `settings` fixture of the same name, which
test_report_questions.py uses: modules that want this one import it (with `backend_port` and
`backend`, from conftest.py, it needs nothing else).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import server_settings
from bot.actions.forms import ValidateReportForm
from bot.actions.submit import ActionSubmitReport
from core.settings import Settings
from tests.system import LoopbackServer

ROOT = Path(__file__).resolve().parents[3]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text())
PHONE = "+447700900123"
LOCATION = "Flat 3, 1 Example Road"
DESCRIPTION = "Loud music from the flat above every night"
SECRET = "test-ingest-secret"
CASE_PIN = "482913"  # the fake backend's case PIN

FILLED = {
    "description": DESCRIPTION,
    "location": LOCATION,
    "happening_now": False,
    "happened_when": "last night about 11pm",
    "frequency": "daily",
    "reporter_name": "Sam Example",
    "phone": PHONE,
    "safe_to_text": True,
    "consent_to_contact": True,
    "category": "noise",
    "people_known": "known",
    "people_involved": "The person in the flat above",
    "witnesses": "none",
    "evidence": ["diary"],
    "hate_related": "no",
    "ram_start": "no",
    "anonymous": "no",
    "preferred_contact": "text",
    "best_time": "weekday evenings",
    "consent_to_share": "yes",
    "equality_start": "no",
    # The answers a case officer needs beyond what happened (bot/actions/case_fields.py).
    "started_when": "about three months ago",
    "evidence_consent": "agreed",
    "reporter_postcode": "ZZ99 1AA",
    "visit_or_call": "call",
    "communication_needs": ["none"],
}


# -- helpers --------------------------------------------------------------------------------


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str | None = None,
    confidence: float = 0.95,
    entities: list[dict[str, Any]] | None = None,
    slot_candidates: dict[str, Any] | None = None,
    input_channel: str = "rest",
    active_loop: str | None = None,
    requested_slot: str | None = None,
) -> Tracker:
    """A rasa_sdk Tracker after one user message; `slot_candidates` are the slots Rasa asks
    the form validation action to validate (trailing slot events)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "entities": entities or [],
        "metadata": {},
    }
    all_slots = {"requested_slot": requested_slot, **(slots or {})}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest, "input_channel": input_channel},
    ]
    for name, value in (slot_candidates or {}).items():
        all_slots[name] = value
        events.append({"event": "slot", "name": name, "value": value})
    return Tracker(
        sender_id="test-sender",
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def validate(
    candidates: dict[str, Any], slots: dict[str, Any] | None = None, **message: Any
) -> tuple[dict[str, Any], list[str], CollectingDispatcher]:
    """Run validate_report_form; returns (slot values set, response names, dispatcher)."""
    tracker = make_tracker(
        slots=slots,
        slot_candidates=candidates,
        active_loop="report_form",
        requested_slot=next(iter(candidates)),
        **message,
    )
    dispatcher = CollectingDispatcher()
    events = await ValidateReportForm().run(dispatcher, tracker, DOMAIN)
    values = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return values, [m["response"] for m in dispatcher.messages], dispatcher


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


class FakeBackend(LoopbackServer):
    """Plays the backend's POST /api/reports (docs/CONTRACTS.md), idempotent on report_id
    (the case PIN only in the first answer)."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.posts: list[dict[str, Any]] = []
        self.cases: dict[str, dict[str, Any]] = {}
        self.status: int | None = None  # force a status (e.g. 400, 503)
        self.delay = 0.0
        self.refuse_equality = False  # answer 400 naming equality.ethnicity when it is sent

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SECRET}":
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.json()
        self.posts.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status == 400:
            return web.json_response(
                {"error": "invalid", "fields": {"location": "required"}}, status=400
            )
        if self.refuse_equality and body.get("equality"):
            return web.json_response(
                {"error": "invalid", "fields": {"equality.ethnicity": "must be one of"}}, status=400
            )
        if self.status:
            return web.json_response({"error": "unavailable"}, status=self.status)
        if body["report_id"] in self.cases:
            return web.json_response(self.cases[body["report_id"]], status=200)
        number = len(self.cases) + 1
        case = {
            "reference": f"ASB-2026-{number:06d}",
            "case_id": number,
            "status": "new",
            "category": body["category"],
            "owner_team": "CHM",
            "risk_score": 5,
            "risk_band": "LOW",
            "triage_priority_days": 5,
            "queue_date": "2026-11-23",
            "triage_due": "2026-11-27",
            "pin": None,  # the case PIN is answered once, in the 201 below
        }
        self.cases[body["report_id"]] = case
        return web.json_response({**case, "pin": CASE_PIN}, status=201)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/reports", self.handle)


@contextmanager
def bot_settings(tmp_path: Path, port: int) -> Iterator[Settings]:
    """Settings for the action code, with the backend on 127.0.0.1:`port`."""
    value = Settings(
        var_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        backend_url=f"http://127.0.0.1:{port}",
        ingest_secret=SECRET,
        landlord_name="Example Homes",
        landlord_phone="0300 000 0000",
        report_spool_path=tmp_path / "spool" / "reports.sqlite3",
    )
    previous = server_settings._settings
    server_settings.configure(value)
    try:
        yield value
    finally:
        server_settings._settings = previous


@pytest.fixture
def settings(tmp_path: Path, backend_port: int) -> Iterator[Settings]:
    with bot_settings(tmp_path, backend_port) as value:
        yield value


def confirmed_tracker(**extra_slots: Any) -> Tracker:
    slots = {**FILLED, "report_id": "5d0c7a64-0a7e-4a8e-9a57-3c4a1f6f0b01", "stage": "confirm"}
    slots.update(extra_slots)
    return make_tracker(slots=slots, text="/affirm", intent="affirm", input_channel="webchat")


async def submit(tracker: Tracker) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitReport().run(dispatcher, tracker, DOMAIN)
    return events, dispatcher
