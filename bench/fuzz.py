"""Fuzz run (issue 13): no generated input gets a 5xx, resets a connection or stops a process.

Usage:
    .venv/bin/python bench/fuzz.py [--examples 2500] [--seed 0] [--targets webchat,rest,...]
                                   [--schemathesis /tmp/st/bin/schemathesis] [--st-examples 100]

Starts every process on free loopback ports with a fresh SQLite database (tests/system.py, as
bench/startup.py does), then:

1. hypothesis (tests/fuzz/fuzzer.py) sends `--examples` generated requests to each of four
   endpoints: the web chat `POST /chat/message`, the Rasa REST channel, the Rasa web chat
   channel and the signed SMS webhook. Bodies: arbitrary JSON (deep nesting, huge numbers,
   NaN, lone surrogates, wrong types, empty, non-objects, oversized), arbitrary messages
   (control characters, long, unicode, `/intent{...}`), arbitrary Twilio form fields
   (NumMedia, Body, From, ...), wrong content types, wrong tokens and signatures.
2. With `--schemathesis`, schemathesis runs on `/api/openapi.json` twice: with the ingest
   secret as the bearer token (the assistant's endpoints) and with ASB_API_TOKEN (the staff
   JSON API); its requests are counted from its HAR report. Staff pages behind a login are not
   covered. schemathesis is not a dependency of the project (its pins clash with Rasa's): put
   it in a throwaway virtual environment (any Python 3.10+), e.g.

       python3 -m venv /tmp/st && /tmp/st/bin/pip install schemathesis
       .venv/bin/python bench/fuzz.py --schemathesis /tmp/st/bin/schemathesis

   or run it yourself against a running backend:

       /tmp/st/bin/schemathesis run http://127.0.0.1:8080/api/openapi.json \\
           -H "Authorization: Bearer $ASB_INGEST_SECRET" --checks not_a_server_error

3. Checks every process is still running and counts tracebacks in var/logs.

Prints the answers per endpoint by status, every failing input (generated: no personal data),
and exits 1 when any answer was a 5xx, a connection error or a timeout, or a process stopped.
The model is not retrained: the current one is used, or the newest in models/ (`--model`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ops.training import MODELS_DIR, model_path  # noqa: E402
from tests.fuzz.fuzzer import Tally, fuzz, is_failure, targets  # noqa: E402
from tests.system import RunningSystem, start_system  # noqa: E402

# A traceback in a log: the line before it (what was being done) and its last line (the error).
TRACEBACK_RE = re.compile(
    r"^([^\n]*)\nTraceback \(most recent call last\):\n(?:[ \t][^\n]*\n)*([^\n]*)", re.M
)


def choose_model(given: str | None) -> Path:
    if given:
        return Path(given)
    current = model_path()
    if current.exists():
        return current
    models = sorted(MODELS_DIR.glob("asb-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        sys.exit("no trained model in models/: run `bin/asb train` first")
    print(f"note: using {models[-1].name} (the training inputs changed since)", file=sys.stderr)
    return models[-1]


def print_tally(name: str, tally: Tally, seconds: float) -> None:
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items(), key=str))
    print(f"{name:<16} {tally.total:>6} inputs in {seconds:6.0f} s; 5xx/errors "
          f"{tally.server_errors}; {statuses}")  # fmt: skip
    for status, probe in tally.failures[:20]:
        print(f"  FAILED {status}: {probe.describe()}")


def run_hypothesis(system: RunningSystem, names: list[str], examples: int, seed: int) -> int:
    failures = 0
    total = 0
    for target in targets(system):
        if target.name not in names:
            continue
        started = time.monotonic()
        tally = fuzz(target, examples, seed_value=seed)
        print_tally(target.name, tally, time.monotonic() - started)
        shapes = ", ".join(f"{s}: {n}" for s, n in tally.shapes.most_common())
        print(f"  {'':<14} shapes: {shapes}")
        failures += tally.server_errors
        total += tally.total
    print(f"hypothesis: {total} inputs, {failures} answered 5xx or failed")
    return failures


def har_statuses(path: Path) -> Counter:
    entries = json.loads(path.read_text())["log"]["entries"]
    return Counter(entry["response"]["status"] for entry in entries)


def run_schemathesis(system: RunningSystem, binary: str, examples: int, seed: int) -> int:
    failures = 0
    tokens = {
        "ingest secret": system.settings.ingest_secret,
        "API token": system.settings.api_token,
    }
    for label, token in tokens.items():
        with tempfile.TemporaryDirectory(prefix="asb-st-") as tmp:
            har = Path(tmp) / "run.har"
            command = [
                binary, "run", f"{system.backend_url}/api/openapi.json",
                "-H", f"Authorization: Bearer {token}",
                "--checks", "not_a_server_error", "--max-examples", str(examples),
                "--seed", str(seed), "--workers", "1", "--no-color",
                "--phases", "examples,coverage,fuzzing,stateful",
                "--report", "har", "--report-har-path", str(har),
            ]  # fmt: skip
            started = time.monotonic()
            result = subprocess.run(command, capture_output=True, text=True)
            seconds = time.monotonic() - started
            statuses = har_statuses(har) if har.exists() else Counter()
        summary = [line for line in result.stdout.splitlines() if line.strip()][-12:]
        bad = sum(n for status, n in statuses.items() if is_failure(status))
        listed = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
        print(f"schemathesis ({label}): {sum(statuses.values())} requests in {seconds:.0f} s; "
              f"5xx {bad}; exit {result.returncode}; {listed}")  # fmt: skip
        print("  " + "\n  ".join(summary))
        failures += bad + (1 if result.returncode not in (0,) and not statuses else 0)
    return failures


def check_processes(system: RunningSystem, var_dir: Path) -> int:
    """Every process still running? Tracebacks in the logs (printed by exception type)."""
    stopped = 0
    for service in system.supervisor.services:
        alive = service.process is not None and service.process.poll() is None
        stopped += not alive
        print(f"  {service.name:<15} {'running' if alive else 'STOPPED'}")
    for log in sorted((var_dir / "logs").glob("*.log")):
        text = log.read_text(errors="replace")
        kinds = Counter(
            f"{error.split(':')[0][:60]} after {before.strip()[-70:]!r}"
            for before, error in TRACEBACK_RE.findall(text)
        )
        for kind, count in kinds.most_common():
            print(f"  {log.name}: {count} x {kind}")
    return stopped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2500, help="inputs per endpoint")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--targets", default="webchat,rest,webchat-channel,sms")
    parser.add_argument("--schemathesis", help="the schemathesis command (its own venv)")
    parser.add_argument("--st-examples", type=int, default=100, help="per API operation")
    parser.add_argument("--model", help="a trained model (default: the current one)")
    parser.add_argument("--logs", help="copy the processes' logs here at the end")
    args = parser.parse_args()
    model = choose_model(args.model)
    with tempfile.TemporaryDirectory(prefix="asb-fuzz-") as tmp:
        var_dir = Path(tmp)
        system = start_system(var_dir, model)
        try:
            failures = run_hypothesis(system, args.targets.split(","), args.examples, args.seed)
            if args.schemathesis:
                failures += run_schemathesis(system, args.schemathesis, args.st_examples, args.seed)
            time.sleep(10)  # SMS turns still running in the background finish
            print("processes after the run:")
            stopped = check_processes(system, var_dir)
        finally:
            system.supervisor.stop()
            if args.logs:
                shutil.copytree(var_dir / "logs", args.logs, dirs_exist_ok=True)
    print(f"5xx or failed: {failures}; processes stopped: {stopped}")
    sys.exit(1 if failures or stopped else 0)


if __name__ == "__main__":
    main()
