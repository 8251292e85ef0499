"""`asb run`: start every process, keep them running, stop them all cleanly.

Each process is a child in its own session (so Ctrl-C reaches only the supervisor, which then
stops the children in reverse order). Output of each goes to var/logs/<name>.log through the
supervisor (ops/process_logs.py: rotated, phone numbers and the like hidden), and the Rasa
server runs with its libraries' log records redacted (`asb rasa`, core/log_redaction.py).
Children start with umask 077 and var/ is made private: conversations, databases and logs are
readable by us alone.

A process that dies is started again (issue 14): after 1 s, then 2, 4, 8... at most 30 s, while
the others keep running; each restart is reported. One that keeps dying (5 times within 5
minutes) is a crash loop: the supervisor then stops everything and exits non-zero, naming it and
showing the last lines of its log. A restarted process that does not become healthy in time
counts as a crash. Which processes make up the system: ops/topology.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.settings import PROJECT_ROOT
from ops.process_logs import RotatingLog, make_private, pump_output

PRIVATE_UMASK = 0o077
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class RestartPolicy:
    """When a dead process is started again, and when the supervisor gives up."""

    first_delay: float = 1.0  # seconds before the first restart; doubled each crash
    max_delay: float = 30.0
    crash_limit: int = 5  # this many crashes within `window` seconds is a crash loop
    window: float = 300.0

    def delay(self, recent_crashes: int) -> float:
        return min(self.max_delay, self.first_delay * 2 ** max(0, recent_crashes - 1))


@dataclass
class Service:
    """One supervised process."""

    name: str
    argv: list[str]
    port: int
    health_url: str
    ready_timeout: float = 60.0
    env: dict[str, str] = field(default_factory=dict)  # on top of the supervisor's environment
    process: subprocess.Popen | None = None
    state: str = "waiting"
    log_path: Path | None = None
    started_at: float = field(default=0.0)
    log: RotatingLog | None = None
    pump: threading.Thread | None = None
    crashes: list[float] = field(default_factory=list)  # monotonic times of recent crashes
    restart_at: float = 0.0
    restarts: int = 0


class SupervisorError(RuntimeError):
    """A clear, user-facing reason the system could not start or keep running."""


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


class Supervisor:
    """Starts, watches, restarts and stops a list of services."""

    def __init__(
        self,
        services: list[Service],
        env: dict[str, str],
        log_dir: Path,
        host: str = "127.0.0.1",
        out: Callable[[str], None] = print,
        restart: RestartPolicy | None = None,
    ) -> None:
        self.services = services
        self.env = env
        self.log_dir = log_dir
        self.host = host
        self.out = out
        self.restart = restart or RestartPolicy()
        self._stopping = False  # set by stop(): nothing is restarted from then on

    def check_ports(self) -> None:
        taken = [s for s in self.services if s.port and not port_is_free(self.host, s.port)]
        # Several backends may share one port on purpose (SO_REUSEPORT): check each port once.
        names = {}
        for service in taken:
            names.setdefault(service.port, service)
        if names:
            lines = ", ".join(f"{s.name} needs {self.host}:{s.port}" for s in names.values())
            raise SupervisorError(
                f"port already in use: {lines}. Stop whatever is using it (is ASB Assistant "
                "already running?) or choose other ports with ASB_BACKEND_PORT, ASB_RASA_PORT, "
                "ASB_ACTIONS_PORT, ASB_TWILIO_STANDIN_PORT."
            )

    def start(self) -> None:
        self.log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private(self.log_dir.parent)
        self.check_ports()
        for service in self.services:
            service.log_path = self.log_dir / f"{service.name}.log"
            service.log = RotatingLog(service.log_path)
            self._launch(service)
            service.state = "starting"
            self.out(f"  {service.name:<15} starting (pid {service.process.pid})")

    def _launch(self, service: Service) -> None:
        service.process = subprocess.Popen(
            service.argv,
            cwd=PROJECT_ROOT,
            env={**self.env, **service.env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            umask=PRIVATE_UMASK,
        )
        service.pump = threading.Thread(
            target=pump_output,
            args=(service.process.stdout, service.log),
            name=f"log-{service.name}",
            daemon=True,
        )
        service.pump.start()
        service.started_at = time.monotonic()

    def wait_until_ready(self) -> None:
        """Return when every service is ready (restarting the ones that die meanwhile)."""
        while any(s.state != "ready" for s in self.services):
            self.poll()
            time.sleep(POLL_SECONDS)

    def poll(self) -> None:
        """One look at every service: notice deaths, restart when due, notice readiness."""
        if self._stopping:
            return
        now = time.monotonic()
        for service in self.services:
            if service.process is None:
                continue
            if service.state == "backoff":
                if now >= service.restart_at:
                    self._launch(service)
                    service.state = "restarting"
                continue
            if service.process.poll() is not None:
                self._crashed(service, f"exit code {service.process.returncode}")
            elif service.state in ("starting", "restarting"):
                self._check_ready(service, now)

    def _check_ready(self, service: Service, now: float) -> None:
        waited = now - service.started_at
        if not service.health_url or http_ok(service.health_url):
            if service.state == "restarting":
                self.out(
                    f"  {service.name:<15} back after {waited:.0f} s (restart {service.restarts})"
                )
            else:
                self.out(f"  {service.name:<15} ready after {waited:.0f} s")
            service.state = "ready"
        elif waited > service.ready_timeout:
            if service.state == "starting":
                raise SupervisorError(
                    f"{service.name} did not become ready within {service.ready_timeout:.0f} s"
                    f"; see {service.log_path}"
                )
            _kill_group(service, signal.SIGKILL)
            service.process.wait()
            self._crashed(service, f"not ready within {service.ready_timeout:.0f} s")

    def _crashed(self, service: Service, how: str) -> None:
        """`service` died: restart it after a backoff, or give up if it keeps dying."""
        _kill_group(service, signal.SIGKILL)  # anything it left behind in its session
        if service.pump is not None:
            service.pump.join(timeout=2.0)  # its last words, for the log and the tail below
        now = time.monotonic()
        service.crashes = [t for t in service.crashes if now - t < self.restart.window] + [now]
        if len(service.crashes) >= self.restart.crash_limit:
            service.state = f"failed ({how})"
            minutes = self.restart.window / 60
            raise SupervisorError(
                f"{service.name} keeps stopping unexpectedly: {len(service.crashes)} times in "
                f"{minutes:.0f} minutes, last with {how}; last lines of {service.log_path}:"
                f"{_tail(service.log_path)}"
            )
        delay = self.restart.delay(len(service.crashes))
        service.restarts += 1
        service.restart_at = now + delay
        service.state = "backoff"
        self.out(
            f"  {service.name:<15} stopped unexpectedly ({how}); starting it again in "
            f"{delay:.0f} s (restart {service.restarts}; the others keep running)"
        )

    def watch(self) -> None:
        while True:
            self.poll()
            time.sleep(POLL_SECONDS)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop every running child: SIGTERM in reverse start order, SIGKILL after `timeout`."""
        self._stopping = True
        running = [s for s in reversed(self.services) if s.process and s.process.poll() is None]
        for service in running:
            _kill_group(service, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for service in running:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                service.process.wait(remaining)
            except subprocess.TimeoutExpired:
                _kill_group(service, signal.SIGKILL)
                service.process.wait()
            service.state = "stopped"
            self.out(f"  {service.name:<15} stopped")
        for service in self.services:
            if service.pump is not None:
                service.pump.join(timeout=2.0)
            if service.log is not None and (service.pump is None or not service.pump.is_alive()):
                service.log.close()


def _kill_group(service: Service, signum: int) -> None:
    if service.process is None:
        return
    try:
        os.killpg(service.process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _tail(log_path: Path | None, lines: int = 15) -> str:
    if not log_path or not log_path.exists():
        return ""
    last = log_path.read_text(errors="replace").splitlines()[-lines:]
    return "\n    " + "\n    ".join(last)


def run_supervised(supervisor: Supervisor, on_ready: Callable[[], None]) -> int:
    """Start everything, call `on_ready`, watch until Ctrl-C/SIGTERM or a failure."""

    def _terminate(signum, _frame):
        raise KeyboardInterrupt

    # SIGINT explicitly too: a shell that starts us in the background may have set it to "ignore".
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        supervisor.start()
        supervisor.wait_until_ready()
        on_ready()
        supervisor.watch()
    except KeyboardInterrupt:
        supervisor.out("\nstopping everything...")
        supervisor.stop()
        supervisor.out("all stopped.")
        return 0
    except SupervisorError as error:
        supervisor.out(f"\nERROR: {error}")
        supervisor.out("stopping the other processes...")
        supervisor.stop()
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
