"""The `asb run` supervisor: refuses taken ports, notices a dead process, stops everything."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time

import pytest

from ops.supervisor import RestartPolicy, Service, Supervisor, SupervisorError, run_supervised

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


def test_a_process_that_dies_is_started_again_while_the_others_keep_running(tmp_path):
    lines: list[str] = []
    steady = Service("steady", SLEEPER, 0, "")
    marker = tmp_path / "crashed-once"
    # Dies the first time (as if killed), runs the second time.
    once = (
        "import pathlib, sys, time\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "if not marker.exists():\n"
        "    marker.touch(); print('boom', flush=True); sys.exit(3)\n"
        "time.sleep(600)\n"
    )
    flaky = Service("flaky", [sys.executable, "-c", once], 0, "")
    supervisor = make_supervisor(tmp_path, [steady, flaky], lines)
    supervisor.restart = RestartPolicy(first_delay=0.2)
    supervisor.start()
    try:
        first_pid = steady.process.pid
        deadline = time.monotonic() + 20
        while flaky.state != "ready" or flaky.restarts == 0:
            supervisor.poll()
            assert time.monotonic() < deadline, lines
            time.sleep(0.1)
        said = "\n".join(lines)
        assert "flaky           stopped unexpectedly (exit code 3); starting it again" in said
        assert "the others keep running" in said
        assert "flaky           back after" in said
        assert alive(flaky.process.pid)
        assert steady.process.pid == first_pid and alive(first_pid)  # never touched
        assert "boom" in (tmp_path / "logs" / "flaky.log").read_text()
    finally:
        supervisor.stop(timeout=2)


def test_a_process_that_keeps_dying_stops_everything_naming_it(tmp_path):
    lines: list[str] = []
    steady = Service("steady", SLEEPER, 0, "")
    crashing = Service(
        "crashing",
        [sys.executable, "-c", "import sys, time; time.sleep(0.2); print('boom'); sys.exit(3)"],
        0,
        "",
    )
    supervisor = make_supervisor(tmp_path, [steady, crashing], lines)
    supervisor.restart = RestartPolicy(first_delay=0.1, crash_limit=3)
    ready: list[bool] = []
    code = run_supervised(supervisor, lambda: ready.append(True))
    said = "\n".join(lines)
    assert code == 1
    assert "crashing keeps stopping unexpectedly: 3 times in 5 minutes" in said
    assert said.count("crashing        stopped unexpectedly (exit code 3)") == 2  # 2 restarts
    assert "boom" in said  # the last lines of its log are shown
    assert not alive(steady.process.pid)


def test_restart_delays_double_up_to_a_ceiling():
    policy = RestartPolicy(first_delay=1.0, max_delay=30.0)
    assert [policy.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


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


# -- logs that rotate, stay private and hide numbers (issue 13) ------------------------------


def test_logs_rotate_at_their_size_cap_keeping_a_few_old_files(tmp_path):
    from ops.process_logs import RotatingLog

    log = RotatingLog(tmp_path / "rasa.log", max_bytes=1000, backups=3)
    for number in range(100):
        log.write(f"line {number:04d} {'x' * 40}\n".encode())
    log.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["rasa.log", "rasa.log.1", "rasa.log.2", "rasa.log.3"]
    assert all((tmp_path / n).stat().st_size <= 1000 for n in names)
    assert "line 0099" in (tmp_path / "rasa.log").read_text()
    assert "line 0000" not in "".join((tmp_path / n).read_text() for n in names)  # rotated away


def test_var_and_logs_are_private_and_numbers_never_reach_a_log(tmp_path):
    var = tmp_path / "var"
    (var / "logs").mkdir(parents=True)
    old = var / "tracker.sqlite3"
    old.write_text("made by an older version")
    os.chmod(old, 0o644)
    os.chmod(var, 0o755)
    talker = Service(
        "talker",
        [
            sys.executable,
            "-c",
            f"import sqlite3; sqlite3.connect({str(var / 'made.sqlite3')!r}).execute('create "
            "table t (x)'); print('resident +447700900461 said hi', flush=True)",
        ],
        0,
        "",
    )
    supervisor = Supervisor([talker], dict(os.environ), var / "logs", out=[].append)
    supervisor.start()
    talker.process.wait(timeout=60)
    talker.pump.join(timeout=10)
    supervisor.stop()
    log = var / "logs" / "talker.log"
    assert "resident [number] said hi" in log.read_text()
    assert "7700900461" not in log.read_text()
    assert (var.stat().st_mode & 0o777, (var / "logs").stat().st_mode & 0o777) == (0o700, 0o700)
    assert old.stat().st_mode & 0o777 == 0o600
    assert log.stat().st_mode & 0o777 == 0o600
    # What the child made itself (SQLite, like the tracker store) is private too (umask 077).
    assert (var / "made.sqlite3").stat().st_mode & 0o777 == 0o600


def test_the_rasa_server_runs_with_its_logs_redacted(tmp_path):
    from core.settings import Settings
    from ops.topology import build_services

    settings = Settings(var_dir=tmp_path, database_url="sqlite://")
    services = build_services(settings, tmp_path / "model.tar.gz", with_twilio_standin=False)
    rasa = next(s for s in services if s.name == "rasa")
    # `asb rasa-server` writes the endpoints and runs Rasa through `asb rasa` (cmd_rasa), which
    # installs the redaction before Rasa is imported.
    assert rasa.argv[1:4] == ["-m", "ops.cli", "rasa-server"]
