"""The `asb run` supervisor: refuses taken ports, notices a dead process, stops everything."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time

import pytest

from ops.supervisor import Service, Supervisor, SupervisorError, run_supervised

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)"]


def make_supervisor(tmp_path, services: list[Service], lines: list[str]) -> Supervisor:
    return Supervisor(services, dict(os.environ), tmp_path / "logs", out=lines.append)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_taken_port_is_refused_with_a_clear_message_and_nothing_started(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        lines: list[str] = []
        service = Service("backend", SLEEPER, port, "")
        supervisor = make_supervisor(tmp_path, [service], lines)
        with pytest.raises(SupervisorError) as error:
            supervisor.start()
    assert f"backend needs 127.0.0.1:{port}" in str(error.value)
    assert "ASB_BACKEND_PORT" in str(error.value)
    assert service.process is None


def test_a_process_that_dies_stops_the_others_and_exits_non_zero(tmp_path):
    lines: list[str] = []
    steady = Service("steady", SLEEPER, 0, "")
    crashing = Service(
        "crashing",
        [sys.executable, "-c", "import sys, time; time.sleep(1); print('boom'); sys.exit(3)"],
        0,
        "",
    )
    supervisor = make_supervisor(tmp_path, [steady, crashing], lines)
    ready: list[bool] = []
    code = run_supervised(supervisor, lambda: ready.append(True))
    said = "\n".join(lines)
    assert code == 1
    assert ready == [True]
    assert "crashing stopped unexpectedly with exit code 3" in said
    assert "boom" in said  # the last lines of its log are shown
    assert not alive(steady.process.pid)


def test_stop_ends_every_child_even_one_that_ignores_sigterm(tmp_path):
    stubborn = Service(
        "stubborn",
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)",
        ],
        0,
        "",
    )
    polite = Service("polite", SLEEPER, 0, "")
    lines: list[str] = []
    supervisor = make_supervisor(tmp_path, [polite, stubborn], lines)
    supervisor.start()
    time.sleep(0.5)
    supervisor.stop(timeout=2)
    assert not alive(polite.process.pid)
    assert not alive(stubborn.process.pid)
    assert lines.count("  stubborn        stopped") == 1


def test_a_service_that_never_becomes_healthy_is_reported(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lines: list[str] = []
    mute = Service("mute", SLEEPER, 0, f"http://127.0.0.1:{port}/health", ready_timeout=1.5)
    supervisor = make_supervisor(tmp_path, [mute], lines)
    supervisor.start()
    try:
        with pytest.raises(SupervisorError, match="mute did not become ready within 2 s"):
            supervisor.wait_until_ready()
    finally:
        supervisor.stop()


def test_sigterm_stops_everything_cleanly(tmp_path):
    lines: list[str] = []
    service = Service("steady", SLEEPER, 0, "")
    supervisor = make_supervisor(tmp_path, [service], lines)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), 15))
    timer.start()
    try:
        code = run_supervised(supervisor, lambda: None)
    finally:
        timer.cancel()
    assert code == 0
    assert "all stopped." in lines
    assert not alive(service.process.pid)
