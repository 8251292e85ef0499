"""N residents at once: our assistant against a stock `rasa init` bot, same machine (issue 14).

Usage: .venv/bin/python bench/load.py [--concurrency 1,20,50] [--duration 60 | --reports-per-user N]
           [--url URL] [--skip-stock] [--instances N] [--rasa-turns-at-once N] [--json FILE]

For each concurrency level, N simulated residents talk at once through Rasa's REST channel
(`/webhooks/rest/webhook`, `Authorization: Bearer $ASB_REST_TOKEN`, channels/rest.py). Each makes
complete anonymous reports, one after another, answering whichever question it is asked (the
helpers of tests/e2e/conversation.py, the opening and answers of bench/conversation.py's shortest
path); each report has its own sender id, made of the resident's id and the report's number.
The data is fictional. A turn is one resident message and the assistant's reply.

The same run builds the stock moodbot (`rasa init --no-prompt`, the venv's Rasa; the trained
project is cached in $ASB_BENCH_CACHE, default ~/.cache/asb-bench, keyed on the Rasa version),
serves it with `rasa run --enable-api` on a free port, and drives it with the same number of
simulated users having moodbot conversations (greet, mood, affirm/deny, goodbye; one POST a turn).
Both servers run side by side and each level is run on ours, then on stock, so both see the
same background load. The load average at the start of each level is printed with its figures.

Per level and system: turns/s, reply time per turn (p50, p95, max), conversations completed,
errors, and the servers' CPU time per turn (from /proc: unlike wall time, hardly changed by other
work on the machine). Then the ratios ours/stock. Once per run: our Rasa server's cold start
(process start to the first successful reply) and the resident memory (VmRSS, process tree) of
both Rasa servers after the run.

Our system is started as the end-to-end tests start it (tests/system.py `start_system`: every
process on free ports, a fresh SQLite database in a temporary folder) with the trained model,
which must already exist (`bin/asb train`; this bench never trains it). With --url it drives a
running system instead (ASB_REST_TOKEN from the environment; no cold start, CPU or memory).
Everything this bench starts is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.conversation import OPENING, SHORTEST, percentile  # noqa: E402
from bench.startup import rss_kib  # noqa: E402
from bench.stock_rasa import quiet_rasa_env, rasa_command, stock_project  # noqa: E402
from tests.e2e.conversation import REFERENCE, Answers, pick, question_key  # noqa: E402

RASA_VERSION = version("rasa")
REST_PATH = "/webhooks/rest/webhook"
MAX_QUESTIONS = 60  # a report that asks more than this is stuck (tests/e2e/conversation.py)
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=300)
# Moodbot conversations (its intents: greet, mood_great, mood_unhappy, affirm, deny, goodbye,
# bot_challenge); the users take them in turn.
MOOD_SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("hello", "I am feeling great", "bye"),
    ("hi", "I am very sad", "yes", "goodbye"),
    ("hey there", "I am sad", "no", "bye"),
    ("good morning", "are you a bot?", "great", "see you later"),
)

Turn = Callable[[str], Awaitable[list[dict]]]


class TimeUp(Exception):
    """The level's time is over: the conversation stops before its next turn."""


class TurnFailed(Exception):
    """A turn got no usable answer (HTTP error, time-out, refused connection)."""


@dataclass
class Target:
    """A Rasa server to drive: its REST webhook, headers, and the processes to measure."""

    name: str
    webhook: str
    headers: dict[str, str]
    conversation: Callable[[Turn, int], Awaitable[str]]
    pids: list[int] = field(default_factory=list)
    rasa_pid: int | None = None
    # With several Rasa servers (--instances): every webhook; each conversation sticks to one.
    webhooks: list[str] = field(default_factory=list)
    rasa_pids: list[int] = field(default_factory=list)

    def webhook_for(self, sender: str) -> str:
        if not self.webhooks:
            return self.webhook
        return self.webhooks[zlib.crc32(sender.encode()) % len(self.webhooks)]


@dataclass
class LevelResult:
    system: str
    concurrency: int
    load_average: tuple[float, float, float]
    seconds: float
    turns: int
    turns_per_second: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    completed: int
    outcomes: dict[str, int]
    errors: int
    cpu_ms_per_turn: float | None  # every process of the system
    rasa_cpu_ms_per_turn: float | None  # the Rasa server alone


# --- conversations -----------------------------------------------------------------------


async def asb_report(turn: Turn, number: int) -> str:
    """One complete anonymous report (bench/conversation.py's shortest path): 'completed' when
    a reference was given, 'stuck' when the assistant asked something that is not a question
    of the report form."""
    plan = Answers(SHORTEST)
    replies: list[dict] = []
    for message in OPENING:
        replies = await turn(message)
    for _ in range(MAX_QUESTIONS):
        if REFERENCE.search("\n".join(str(r.get("text", "")) for r in replies)):
            return "completed"
        key = question_key(str(replies[-1].get("text", ""))) if replies else None
        if key is None:
            return "stuck"
        buttons = replies[-1].get("buttons", [])
        replies = await turn(pick(buttons, plan.next(key)))
    return "stuck"


async def mood_conversation(turn: Turn, number: int) -> str:
    """One moodbot conversation; 'completed' when every message got a reply."""
    for message in MOOD_SCRIPTS[number % len(MOOD_SCRIPTS)]:
        if not await turn(message):
            return "no reply"
    return "completed"


async def post_turn(
    session: aiohttp.ClientSession, target: Target, sender: str, text: str
) -> list[dict]:
    try:
        async with session.post(
            target.webhook_for(sender),
            json={"sender": sender, "message": text},
            headers=target.headers,
        ) as response:
            if response.status != 200:
                raise TurnFailed(f"HTTP {response.status}")
            return await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        raise TurnFailed(type(exc).__name__) from exc


@dataclass
class Tally:
    timings: list[float] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


async def simulated_user(
    session: aiohttp.ClientSession,
    target: Target,
    user: int,
    deadline: float,
    conversations: int | None,
    tally: Tally,
) -> None:
    """Conversations one after another until the deadline (or `conversations` are done)."""
    user_id = f"load-{uuid.uuid4().hex[:12]}-{user}"
    number = 0
    while conversations is None or number < conversations:
        if time.monotonic() >= deadline:
            return
        sender = f"{user_id}-{number}"

        async def turn(text: str, sender: str = sender) -> list[dict]:
            if time.monotonic() >= deadline:
                raise TimeUp
            started = time.perf_counter()
            replies = await post_turn(session, target, sender, text)
            tally.timings.append(time.perf_counter() - started)
            return replies

        try:
            tally.count(await target.conversation(turn, user + number))
        except TimeUp:
            tally.count("cut at the end")
            return
        except TurnFailed as exc:
            tally.count("failed")
            tally.errors.append(str(exc))
            await asyncio.sleep(1.0)  # do not hammer a server that is failing
        number += 1


async def run_level(
    target: Target, concurrency: int, duration: float | None, conversations: int | None
) -> LevelResult:
    load_average = os.getloadavg()
    tally = Tally()
    rasa_pids = target.rasa_pids or ([target.rasa_pid] if target.rasa_pid else [])
    cpu_before, rasa_cpu_before = cpu_seconds(target.pids), cpu_seconds(rasa_pids)
    started = time.monotonic()
    deadline = started + duration if duration else float("inf")
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=REQUEST_TIMEOUT) as session:
        await asyncio.gather(
            *(
                simulated_user(session, target, user, deadline, conversations, tally)
                for user in range(concurrency)
            )
        )
    seconds = time.monotonic() - started
    cpu_used = cpu_seconds(target.pids) - cpu_before
    rasa_cpu_used = cpu_seconds(rasa_pids) - rasa_cpu_before
    timings = tally.timings or [float("nan")]
    turns = len(tally.timings)
    return LevelResult(
        system=target.name,
        concurrency=concurrency,
        load_average=tuple(round(x, 2) for x in load_average),
        seconds=round(seconds, 1),
        turns=turns,
        turns_per_second=round(turns / seconds, 2),
        p50_ms=round(statistics.median(timings) * 1000, 1),
        p95_ms=round(percentile(timings, 0.95) * 1000, 1),
        max_ms=round(max(timings) * 1000, 1),
        completed=tally.outcomes.get("completed", 0),
        outcomes=tally.outcomes,
        errors=len(tally.errors),
        cpu_ms_per_turn=round(cpu_used * 1000 / turns, 1) if cpu_used and turns else None,
        rasa_cpu_ms_per_turn=round(rasa_cpu_used * 1000 / turns, 1)
        if rasa_cpu_used and turns
        else None,
    )


# --- processes: CPU time, ports, the stock bot ----------------------------------------------


def process_tree(pid: int) -> Iterator[int]:
    pending = [pid]
    while pending:
        current = pending.pop()
        yield current
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        pending += [int(c) for c in children]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes and their descendants, from /proc."""
    ticks = 0
    for pid in pids:
        for member in process_tree(pid):
            try:
                stat = Path(f"/proc/{member}/stat").read_text()
            except (FileNotFoundError, ProcessLookupError):
                continue
            fields = stat.rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def stock_server(project: Path) -> Iterator[tuple[Target, float]]:
    """The moodbot served by `rasa run --enable-api`: (its target, seconds to first reply)."""
    port = free_port()
    model = max((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    argv = [
        rasa_command(), "run", "--enable-api", "--model", str(model),
        "--credentials", str(project / "credentials.yml"),
        "--endpoints", str(project / "endpoints.yml"),
        "--interface", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    with open(project / "run.log", "w") as output:
        started = time.monotonic()
        process = subprocess.Popen(
            argv,
            cwd=project,
            env=quiet_rasa_env(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    target = Target(
        "stock", f"http://127.0.0.1:{port}{REST_PATH}", {}, mood_conversation, [process.pid]
    )
    target.rasa_pid = process.pid
    try:
        cold_start = asyncio.run(first_reply(target, started, lambda: process.poll() is None))
        yield target, cold_start
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen, timeout: float = 15.0) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


async def first_reply(
    target: Target, started: float, alive: Callable[[], bool], limit: float = 300.0
) -> float:
    """Seconds from `started` (process start) to the first successful reply to "hello"."""
    sender = f"load-warmup-{uuid.uuid4().hex[:12]}"
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        while True:
            if not alive():
                raise SystemExit(f"{target.name}: the Rasa server stopped while starting")
            if time.monotonic() - started > limit:
                raise SystemExit(f"{target.name}: no reply within {limit:.0f} s of starting")
            try:
                if await post_turn(session, target, sender, "hello"):
                    return time.monotonic() - started
            except TurnFailed as exc:
                if str(exc) in ("HTTP 401", "HTTP 404"):  # a wrong token, or the channel is off
                    raise SystemExit(f"{target.name}: {exc} from {target.webhook}") from exc
            await asyncio.sleep(0.25)


# --- our system ----------------------------------------------------------------------------


@contextmanager
def our_system(
    url: str | None, instances: int = 1, turns_at_once: int | None = None
) -> Iterator[tuple[Target, float | None]]:
    """Our whole system started as the tests start it (or the running one at `url`):
    (its target, seconds from the Rasa process's start to its first reply). With `instances`
    above 1, that many of each process on a new database of the local PostgreSQL and Redis;
    `turns_at_once`, when given, is each Rasa server's ASB_RASA_TURNS_AT_ONCE."""
    if url:
        token = os.environ.get("ASB_REST_TOKEN", "")
        if not token:
            raise SystemExit("--url needs ASB_REST_TOKEN in the environment")
        headers = {"Authorization": f"Bearer {token}"}
        target = Target("ours", url.rstrip("/") + REST_PATH, headers, asb_report)
        asyncio.run(first_reply(target, time.monotonic(), lambda: True, limit=60.0))  # warm-up
        yield target, None
        return
    from ops.training import model_path
    from tests.system import start_system

    model = model_path()
    if not model.exists():
        raise SystemExit(f"no trained model at {model}: run `bin/asb train` first")
    with (
        tempfile.TemporaryDirectory(prefix="asb-load-") as tmp,
        shared_services(instances) as (
            database_url,
            redis_url,
        ),
    ):
        settings_env = {}
        if turns_at_once is not None:
            settings_env["ASB_RASA_TURNS_AT_ONCE"] = str(turns_at_once)
        system = start_system(
            Path(tmp),
            model,
            database_url,
            instances=instances,
            redis_url=redis_url,
            settings_env=settings_env,
        )
        try:
            headers = {"Authorization": f"Bearer {system.env['ASB_REST_TOKEN']}"}
            target = Target("ours", system.rasa_url + REST_PATH, headers, asb_report)
            target.pids = [s.process.pid for s in system.supervisor.services if s.process]
            servers = [s for s in system.supervisor.services if s.name.startswith("rasa")]
            target.rasa_pid = servers[0].process.pid
            target.rasa_pids = [s.process.pid for s in servers]
            target.webhooks = [f"http://127.0.0.1:{s.port}{REST_PATH}" for s in servers]
            cold_start = asyncio.run(first_reply(target, servers[0].started_at, lambda: True))
            yield target, cold_start
        finally:
            system.stop()


@contextmanager
def shared_services(instances: int) -> Iterator[tuple[str | None, str | None]]:
    """(DATABASE_URL, REDIS_URL) for `instances` of each process; (None, None) for one."""
    if instances == 1:
        yield None, None
        return
    from tests.system import LOCAL_REDIS_URL, new_postgres_database

    with new_postgres_database("asb_load") as database_url:
        yield database_url, LOCAL_REDIS_URL


# --- the run -------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def milliseconds(value: float | None) -> str:
    return f"{value:.0f} ms" if value is not None else "-"


def describe(result: LevelResult) -> str:
    outcomes = ", ".join(f"{n} {k}" for k, n in sorted(result.outcomes.items()))
    return (
        f"{result.system:5} c={result.concurrency:<3} load {result.load_average[0]:.2f}: "
        f"{result.turns} turns in {result.seconds:.0f} s = {result.turns_per_second:.2f} "
        f"turns/s; reply p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms, max "
        f"{result.max_ms:.0f} ms; CPU a turn {milliseconds(result.cpu_ms_per_turn)} "
        f"(Rasa {milliseconds(result.rasa_cpu_ms_per_turn)}); {outcomes}; "
        f"{result.errors} errors"
    )


def markdown_tables(results: list[LevelResult]) -> str:
    lines = [
        "| system | users at once | load average at start (1/5/15 min) | turns/s | reply p50 "
        "| p95 | max | turns | conversations completed | errors | CPU a turn: all processes "
        "| Rasa server |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        load = "/".join(f"{x:.2f}" for x in r.load_average)
        lines.append(
            f"| {r.system} | {r.concurrency} | {load} | {r.turns_per_second:.2f} | "
            f"{r.p50_ms:.0f} ms | {r.p95_ms:.0f} ms | {r.max_ms:.0f} ms | {r.turns} | "
            f"{r.completed} | {r.errors} | {milliseconds(r.cpu_ms_per_turn)} | "
            f"{milliseconds(r.rasa_cpu_ms_per_turn)} |"
        )
    ratios = ratio_rows(results)
    if ratios:
        lines += [
            "",
            "| users at once | turns/s ours/stock | p95 ours/stock | CPU a turn ours/stock "
            "(all processes) | (Rasa servers) |",
            "|---|---|---|---|---|",
            *ratios,
        ]
    return "\n".join(lines)


def ratio(ours: float | None, stock: float | None, digits: int = 1) -> str:
    return f"{ours / stock:.{digits}f}" if ours and stock else "-"


def ratio_rows(results: list[LevelResult]) -> list[str]:
    rows = []
    for ours in (r for r in results if r.system == "ours"):
        stock = next(
            (r for r in results if r.system == "stock" and r.concurrency == ours.concurrency),
            None,
        )
        if stock is None:
            continue
        rows.append(
            f"| {ours.concurrency} | {ratio(ours.turns_per_second, stock.turns_per_second, 2)} | "
            f"{ratio(ours.p95_ms, stock.p95_ms)} | "
            f"{ratio(ours.cpu_ms_per_turn, stock.cpu_ms_per_turn)} | "
            f"{ratio(ours.rasa_cpu_ms_per_turn, stock.rasa_cpu_ms_per_turn)} |"
        )
    return rows


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--concurrency", default="1,20,50", help="simulated users at once, a list (1,20,50)"
    )
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--duration", type=float, help="seconds per level and system (60)")
    amount.add_argument(
        "--reports-per-user", type=int, help="conversations per user instead of a duration"
    )
    parser.add_argument("--url", help="drive our system running here (ASB_REST_TOKEN from env)")
    parser.add_argument("--skip-stock", action="store_true", help="do not run the stock bot")
    parser.add_argument(
        "--instances",
        type=int,
        default=1,
        help="run N of each of our processes on the local PostgreSQL and Redis (issue 14)",
    )
    parser.add_argument(
        "--rasa-turns-at-once",
        type=int,
        help="ASB_RASA_TURNS_AT_ONCE of our Rasa servers (default: the setting's own, 4; 0: none)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    args.levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    if not args.levels or min(args.levels) < 1:
        parser.error("--concurrency: a list of whole numbers of at least 1")
    if args.duration is None and args.reports_per_user is None:
        args.duration = 60.0
    return args


def run(args: argparse.Namespace) -> dict:
    figures: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "rasa": RASA_VERSION,
        "load_average_at_start": os.getloadavg(),
    }
    with ExitStack() as stack:
        project = None if args.skip_stock else stock_project()
        ours, cold_start = stack.enter_context(
            our_system(args.url, args.instances, args.rasa_turns_at_once)
        )
        targets = [ours]
        if cold_start is not None:
            figures["ours_cold_start_to_first_reply_s"] = round(cold_start, 1)
            log(f"our Rasa server: {cold_start:.1f} s from process start to its first reply")
        if project is not None:
            stock, stock_start = stack.enter_context(stock_server(project))
            figures["stock_cold_start_to_first_reply_s"] = round(stock_start, 1)
            log(f"stock Rasa server: {stock_start:.1f} s from process start to its first reply")
            targets.append(stock)
        results: list[LevelResult] = []
        for concurrency in args.levels:
            for target in targets:
                result = asyncio.run(
                    run_level(target, concurrency, args.duration, args.reports_per_user)
                )
                log(describe(result))
                results.append(result)
        for target in targets:
            if target.rasa_pid:
                rss = rss_kib(target.rasa_pid) / 1024
                figures[f"{target.name}_rasa_rss_after_mib"] = round(rss)
                log(f"{target.name} Rasa server resident memory after the run: {rss:.0f} MiB")
    figures["levels"] = [asdict(r) for r in results]
    figures["tables"] = markdown_tables(results)
    return figures


def stop_on_sigterm(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # unwinds the context managers: every process started is stopped


def main() -> None:
    args = parse_arguments()
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    figures = run(args)
    print(f"\n{figures['date']}, {figures['cpus']} CPUs, Rasa {figures['rasa']}")
    for key in (
        "ours_cold_start_to_first_reply_s",
        "stock_cold_start_to_first_reply_s",
        "ours_rasa_rss_after_mib",
        "stock_rasa_rss_after_mib",
    ):
        if key in figures:
            print(f"{key}: {figures[key]}")
    print("\n" + figures["tables"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
