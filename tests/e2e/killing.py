"""A resident on the web chat while processes are killed, and what the tests check after:
shared by tests/e2e/test_restarts.py (one of each) and tests/e2e/test_instances.py (two)."""

from __future__ import annotations

import os
import signal
import time

import requests
from sqlalchemy import create_engine, text

from tests.e2e.conversation import REFERENCE
from tests.system import RunningSystem

GIVE_UP_AFTER = 180.0  # seconds a resident keeps trying one message


class WebResident:
    """A resident in a browser: one cookie (the conversation), messages sent again when the
    service does not answer, and the longest wait for an answer remembered."""

    def __init__(self, system: RunningSystem, before_each_turn=None) -> None:
        self.url = f"{system.backend_url}/chat/message"
        self.http = requests.Session()
        self.longest_wait = 0.0
        self.turns = 0
        self.before_each_turn = before_each_turn

    @property
    def conversation(self) -> str:
        return self.http.cookies.get("asb_chat", "")

    def say(self, _sender: str, message: str) -> list[dict]:
        if self.before_each_turn is not None:
            self.before_each_turn(self)
        started = time.monotonic()
        while True:
            try:
                response = self.http.post(self.url, json={"message": message}, timeout=90)
                if response.status_code == 200:
                    self.turns += 1
                    self.longest_wait = max(self.longest_wait, time.monotonic() - started)
                    return response.json()["messages"]
                assert response.status_code >= 500, f"{response.status_code}: {response.text}"
            except requests.ConnectionError:
                pass  # a backend was killed with the request open: send it again
            assert time.monotonic() - started < GIVE_UP_AFTER, "no answer: the resident gave up"
            time.sleep(1.0)


def kill(system: RunningSystem, name: str) -> None:
    service = system.service(name)
    assert service.state == "ready", f"{name} is {service.state}"
    os.kill(service.process.pid, signal.SIGKILL)


def wait_until_back(system: RunningSystem, name: str, timeout: float = 120.0) -> None:
    service = system.service(name)
    deadline = time.monotonic() + timeout
    while service.state != "ready" or service.restarts == 0:
        assert time.monotonic() < deadline, f"{name} did not come back: {service.state}"
        time.sleep(0.2)


def cases_in_database(system: RunningSystem) -> dict[str, int]:
    engine = create_engine(system.settings.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT reference, count(*) FROM cases GROUP BY 1"))
            return {reference: count for reference, count in rows}
    finally:
        engine.dispose()


def acknowledgements(system: RunningSystem, references: list[str]) -> dict[str, int]:
    """How many texts mention each reference, once every one has at least one (or 3 minutes)."""
    deadline = time.monotonic() + 180
    while True:
        bodies = [t["body"] for t in system.texts_sent()]
        counts = {ref: sum(ref in body for body in bodies) for ref in references}
        if all(counts.values()) or time.monotonic() > deadline:
            time.sleep(3)  # a duplicate would come right after the first
            bodies = [t["body"] for t in system.texts_sent()]
            return {ref: sum(ref in body for body in bodies) for ref in references}
        time.sleep(1)


def reference_in(transcript: list[str]) -> str | None:
    found = REFERENCE.findall("\n".join(transcript))
    return found[-1] if found else None
