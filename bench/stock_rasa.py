"""The stock `rasa init --no-prompt` bot bench/load.py compares us with: built and trained once
per Rasa version in a cache folder (ASB_BENCH_CACHE, else ~/.cache/asb-bench)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

RASA_VERSION = version("rasa")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rasa_command() -> str:
    return str(Path(sys.executable).parent / "rasa")


def quiet_rasa_env() -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONUNBUFFERED": "1"}


def cache_root() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "asb-bench"
    return Path(os.environ.get("ASB_BENCH_CACHE", default))


def stock_project() -> Path:
    """The `rasa init --no-prompt` project with its trained model, built once per Rasa version."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    project = root / f"rasa-init-{RASA_VERSION}"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if any((project / "models").glob("*.tar.gz")):
            return project
        building = Path(tempfile.mkdtemp(prefix=f"rasa-init-{RASA_VERSION}-", dir=root))
        log(f"stock bot: `rasa init --no-prompt` with Rasa {RASA_VERSION} (trains the moodbot)")
        started = time.monotonic()
        with open(building / "init.log", "w") as output:
            done = subprocess.run(
                [rasa_command(), "init", "--no-prompt", "--init-dir", str(building)],
                cwd=building,
                env=quiet_rasa_env(),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        if done.returncode != 0 or not any((building / "models").glob("*.tar.gz")):
            raise SystemExit(f"rasa init failed; see {building / 'init.log'}")
        log(f"stock bot trained in {time.monotonic() - started:.0f} s (cached in {project})")
        shutil.rmtree(project, ignore_errors=True)
        building.rename(project)
    return project
