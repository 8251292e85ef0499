"""`asb run`: start every process, show their state, stop them all cleanly.

Each process is a child in its own session (so Ctrl-C reaches only the supervisor, which then
stops the children in reverse order). Output of each goes to var/logs/<name>.log through the
supervisor (`RotatingLog`: at most 5 MB a file, 5 older files kept, phone numbers, emails and
postcodes hidden on every line), and the Rasa server runs with its libraries' log records
redacted (`asb rasa`, core/log_redaction.py). Children start with umask 077 and var/ is made
private (dir 0700, files 0600): conversations, databases and logs are readable by us alone.
If any process dies, the others are stopped and the supervisor exits non-zero, naming the
culprit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.log_redaction import redact_line
from core.settings import PROJECT_ROOT, Settings

LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
LINE_LIMIT = 64 * 1024
PRIVATE_UMASK = 0o077


@dataclass
class Service:
    """One supervised process."""

    name: str
    argv: list[str]
    port: int
    health_url: str
    ready_timeout: float = 60.0
    process: subprocess.Popen | None = None
    state: str = "waiting"
    log_path: Path | None = None
    started_at: float = field(default=0.0)
    log: RotatingLog | None = None
    pump: threading.Thread | None = None


class RotatingLog:
    """An append-only log file of at most `max_bytes`, rotated to `.1` ... `.<backups>`
    (like logging.handlers.RotatingFileHandler, for a child's raw output); files are 0600."""

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS):
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._lock = threading.Lock()
        self._open()

    def _open(self) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        self._file = os.fdopen(fd, "ab")
        self.size = self._file.tell()

    def _rotate(self) -> None:
        self._file.close()
        for number in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.backups > 0:
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink()
        self._open()

    def write(self, data: bytes) -> None:
        with self._lock:
            if self.size and self.size + len(data) > self.max_bytes:
                self._rotate()
            self._file.write(data)
            self._file.flush()
            self.size += len(data)

    def close(self) -> None:
        with self._lock:
            self._file.close()


def pump_output(stream, log: RotatingLog) -> None:
    """Copy a child's output into `log` line by line, hiding phone numbers and the like."""
    with stream:
        for raw in iter(lambda: stream.readline(LINE_LIMIT), b""):
            log.write(redact_line(raw.decode("utf-8", "replace")).encode("utf-8"))


def make_private(var_dir: Path) -> None:
    """var/ and var/logs 0700, the files directly in them 0600 (made by earlier versions 0644)."""
    for directory in (var_dir, var_dir / "logs"):
        if not directory.is_dir():
            continue
        os.chmod(directory, 0o700)
        for path in directory.iterdir():
            if path.is_file() and not path.is_symlink():
                os.chmod(path, 0o600)


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


def build_services(settings: Settings, model: Path, *, with_twilio_standin: bool) -> list[Service]:
    """The processes of a whole system, in start order."""
    host = settings.bind_host
    python = sys.executable
    services: list[Service] = []
    if with_twilio_standin:
        services.append(
            Service(
                "twilio-standin",
                [python, "-m", "ops.cli", "twilio-standin"],
                settings.twilio_standin_port,
                f"http://127.0.0.1:{settings.twilio_standin_port}/_standin/health",
            )
        )
    services += [
        Service(
            "backend",
            [python, "-m", "ops.cli", "backend"],
            settings.backend_port,
            f"http://127.0.0.1:{settings.backend_port}/healthz",
        ),
        Service(
            "sms-worker",
            [python, "-m", "ops.cli", "sms-worker"],
            0,
            "",
        ),
        Service(
            "action-server",
            [python, "-m", "ops.cli", "action-server"],
            settings.actions_port,
            f"http://127.0.0.1:{settings.actions_port}/health",
            ready_timeout=120.0,
        ),
        Service(
            "rasa",
            [
                python,
                "-m",
                "ops.cli",
                "rasa",
                "run",
                "--model",
                str(model),
                "--endpoints",
                str(PROJECT_ROOT / "endpoints.yml"),
                "--credentials",
                str(PROJECT_ROOT / "credentials.yml"),
                "--interface",
                host,
                "--port",
                str(settings.rasa_port),
            ],  # fmt: skip
            settings.rasa_port,
            f"http://127.0.0.1:{settings.rasa_port}/",
            ready_timeout=300.0,
        ),
    ]
    return services


class Supervisor:
    """Starts, watches and stops a list of services."""

    def __init__(
        self,
        services: list[Service],
        env: dict[str, str],
        log_dir: Path,
        host: str = "127.0.0.1",
        out: Callable[[str], None] = print,
    ) -> None:
        self.services = services
        self.env = env
        self.log_dir = log_dir
        self.host = host
        self.out = out
        self._stopping = False

    def check_ports(self) -> None:
        taken = [s for s in self.services if s.port and not port_is_free(self.host, s.port)]
        if taken:
            lines = ", ".join(f"{s.name} needs {self.host}:{s.port}" for s in taken)
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
            service.process = subprocess.Popen(
                service.argv,
                cwd=PROJECT_ROOT,
                env=self.env,
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
            service.state = "starting"
            self.out(f"  {service.name:<15} starting (pid {service.process.pid})")

    def wait_until_ready(self) -> None:
        pending = [s for s in self.services if s.state == "starting"]
        while pending:
            self.check_alive()
            for service in list(pending):
                healthy = not service.health_url or http_ok(service.health_url)
                waited = time.monotonic() - service.started_at
                if healthy:
                    service.state = "ready"
                    self.out(f"  {service.name:<15} ready after {waited:.0f} s")
                    pending.remove(service)
                elif waited > service.ready_timeout:
                    raise SupervisorError(
                        f"{service.name} did not become ready within {service.ready_timeout:.0f} s"
                        f"; see {service.log_path}"
                    )
            time.sleep(0.5)

    def check_alive(self) -> None:
        for service in self.services:
            if service.process is not None and service.process.poll() is not None:
                code = service.process.returncode
                service.state = f"exited ({code})"
                if service.pump is not None:
                    service.pump.join(timeout=2.0)  # its last words, for the tail below
                tail = ""
                if service.log_path and service.log_path.exists():
                    lines = service.log_path.read_text(errors="replace").splitlines()[-15:]
                    tail = "\n    " + "\n    ".join(lines)
                raise SupervisorError(
                    f"{service.name} stopped unexpectedly with exit code {code}; "
                    f"last lines of {service.log_path}:{tail}"
                )

    def watch(self) -> None:
        while True:
            self.check_alive()
            time.sleep(1.0)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop every running child: SIGTERM in reverse start order, SIGKILL after `timeout`."""
        running = [s for s in reversed(self.services) if s.process and s.process.poll() is None]
        for service in running:
            try:
                os.killpg(service.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + timeout
        for service in running:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                service.process.wait(remaining)
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()
            service.state = "stopped"
            self.out(f"  {service.name:<15} stopped")
        for service in self.services:
            if service.pump is not None:
                service.pump.join(timeout=2.0)
            if service.log is not None and (service.pump is None or not service.pump.is_alive()):
                service.log.close()


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
