"""A whole running system on free loopback ports, for end-to-end tests.

Uses the same supervisor as `asb run`, so these tests also prove the supervisor works. Start
it once per test session: a Rasa server needs ~45 s and ~1.3 GB to start.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from core.settings import Settings
from ops.supervisor import Service, Supervisor, SupervisorError, port_is_free
from ops.topology import build_services

# The duty officer's mobile in the running system (ASB_DUTY_OFFICER_PHONE): fictional.
DUTY_OFFICER_PHONE = "+447700900999"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackServer:
    """Base for a fake of another service on 127.0.0.1:`port`; subclasses add `routes()`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._runner = None

    def routes(self, app) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        from aiohttp import web

        app = web.Application()
        self.routes(app)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()


@dataclass
class RunningSystem:
    settings: Settings
    env: dict[str, str]
    supervisor: Supervisor
    standin_url: str
    _watcher: threading.Thread | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)

    def keep_running(self) -> None:
        """Watch the processes in the background as `asb run` does: restart any that dies."""

        def watch() -> None:
            while not self._stopping.wait(0.5):
                try:
                    self.supervisor.poll()
                except SupervisorError as error:
                    print(f"supervisor gave up: {error}", file=sys.stderr)
                    return

        self._watcher = threading.Thread(target=watch, name="supervisor", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        self.supervisor.stop()

    def restart_counts(self) -> dict[str, int]:
        """How many times the supervisor has started each process again."""
        return {s.name: s.restarts for s in self.supervisor.services}

    def service(self, name: str) -> Service:
        return next(s for s in self.supervisor.services if s.name == name)

    def wait_until_all_ready(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while any(s.state != "ready" for s in self.supervisor.services):
            if time.monotonic() > deadline:
                states = {s.name: s.state for s in self.supervisor.services}
                raise TimeoutError(f"not every process came back: {states}")
            time.sleep(0.5)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.backend_port}"

    def say(self, sender: str, text: str) -> list[dict]:
        """Send one resident message through the REST channel (turned on here with
        ASB_REST_TOKEN, channels/rest.py); return the bot's replies."""
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.rasa_url}/webhooks/rest/webhook",
            data=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.env['ASB_REST_TOKEN']}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def api_get(self, path: str) -> dict:
        request = urllib.request.Request(
            f"{self.backend_url}{path}",
            headers={"Authorization": f"Bearer {self.settings.api_token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def texts_sent(self) -> list[dict]:
        with urllib.request.urlopen(f"{self.standin_url}/_standin/messages", timeout=10) as r:
            data = json.loads(r.read())
        return data["messages"] if isinstance(data, dict) else data

    @property
    def sms_webhook_url(self) -> str:
        """The Rasa SMS channel's webhook, as configured at "Twilio" (ASB_SMS_PUBLIC_URL)."""
        return self.env["ASB_SMS_PUBLIC_URL"]

    def sms(
        self,
        sender: str,
        body: str | None,
        media_urls: list[str] | None = None,
        message_sid: str | None = None,
    ) -> dict:
        """The resident texts us: the stand-in posts a signed inbound webhook to the SMS channel.

        Returns the stand-in's answer: {"message_sid", "status", "body"} (the channel answers at
        once; the assistant's replies arrive later as texts, see `texts_to`).
        """
        spec: dict = {"url": self.sms_webhook_url, "from": sender, "body": body}
        if media_urls:
            spec["media_urls"] = media_urls
        if message_sid:
            spec["message_sid"] = message_sid
        request = urllib.request.Request(
            f"{self.standin_url}/_standin/inbound",
            data=json.dumps(spec).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def texts_to(self, number: str) -> list[dict]:
        """Every text the stand-in accepted for `number`, oldest first."""
        return [t for t in self.texts_sent() if t["to"] == number]

    def wait_for_texts(self, predicate, timeout: float = 60.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            texts = [t for t in self.texts_sent() if predicate(t)]
            if texts or time.monotonic() > deadline:
                return texts
            time.sleep(0.5)


def start_system(
    var_dir: Path,
    model: Path,
    database_url: str | None = None,
    *,
    instances: int = 1,
    redis_url: str | None = None,
    settings_env: dict[str, str] | None = None,
) -> RunningSystem:
    """Migrate a fresh database and start every process on free ports (`instances` of each),
    kept running by the supervisor as `asb run` does; `settings_env` adds or overrides settings."""
    from backend.migrate import upgrade

    ports = {name: free_port() for name in ("backend", "rasa", "actions", "standin")}
    if instances > 1:  # consecutive ports for the extra Rasa and action servers
        ports["rasa"], ports["actions"] = free_port_run(instances), free_port_run(instances)
    standin_url = f"http://127.0.0.1:{ports['standin']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASB_", "TWILIO_"))}
    env.update(
        ASB_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url or f"sqlite:///{var_dir / 'asb.sqlite3'}",
        ASB_BACKEND_PORT=str(ports["backend"]),
        ASB_RASA_PORT=str(ports["rasa"]),
        ASB_ACTIONS_PORT=str(ports["actions"]),
        ASB_TWILIO_STANDIN_PORT=str(ports["standin"]),
        # Twilio posts to one address: the Rasa server, or with several the backends, which
        # forward each text to one of them (backend/sms_inbound/forward.py).
        ASB_SMS_PUBLIC_URL=(
            f"http://127.0.0.1:{ports['rasa']}/webhooks/sms/webhook"
            if instances == 1
            else f"http://127.0.0.1:{ports['backend']}/webhooks/sms/webhook"
        ),
        ASB_INGEST_SECRET=secrets.token_urlsafe(24),
        # The REST channel is off unless this is set (channels/rest.py); `say` uses it.
        ASB_REST_TOKEN=secrets.token_urlsafe(24),
        ASB_ACTION_SERVER_TOKEN=secrets.token_urlsafe(24),
        ASB_API_TOKEN=secrets.token_urlsafe(24),
        ASB_LANDLORD_NAME="Example Homes",
        TWILIO_ACCOUNT_SID="AC" + secrets.token_hex(16),
        TWILIO_AUTH_TOKEN=secrets.token_hex(16),
        TWILIO_FROM="+447700900000",
        TWILIO_API_BASE=standin_url,
        ASB_ACTION_SERVER_URL=f"http://127.0.0.1:{ports['actions']}/webhook",
        ASB_NLG_URL=f"http://127.0.0.1:{ports['actions']}/nlg",
        ASB_TRACKER_DB=str(var_dir / "tracker.sqlite3"),
        PYTHONUNBUFFERED="1",
        # Alerts reach the duty officer's phone (texts to this number only: other tests look at
        # the residents' numbers). A conversation given safety advice and then left for 45 s
        # becomes an incomplete-report case (tests/e2e/test_safeguarding.py); a live one is
        # kept alive well within that (updates every 11 s at most).
        ASB_DUTY_OFFICER_PHONE=DUTY_OFFICER_PHONE,
        ASB_ABANDONED_AFTER_MINUTES="0.75",
        ASB_SAFEGUARDING_SWEEP_SECONDS="2",
        ASB_OUTBOX_POLL_SECONDS="0.2",  # texts go sooner: the SMS tests wait less for each answer
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(settings_env or {})
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        settings = Settings.from_env()
        upgrade(settings.database_url)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    services = build_services(settings, model, with_twilio_standin=True, instances=instances)
    supervisor = Supervisor(
        services, env, var_dir / "logs", out=lambda m: print(m, file=sys.stderr)
    )
    supervisor.start()
    try:
        supervisor.wait_until_ready()
    except Exception:
        supervisor.stop()
        raise
    running = RunningSystem(settings, env, supervisor, standin_url)
    running.keep_running()
    return running


LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432"
LOCAL_REDIS_URL = "redis://127.0.0.1:6379/0"


@contextmanager
def new_postgres_database(prefix: str) -> Iterator[str]:
    """A new, empty database on the local PostgreSQL (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{LOCAL_POSTGRES}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"{LOCAL_POSTGRES}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port_run(count: int) -> int:
    """The first of `count` consecutive free loopback ports."""
    for _ in range(50):
        first = free_port()
        if all(port_is_free("127.0.0.1", first + i) for i in range(count)):
            return first
    raise RuntimeError("no run of free ports")
