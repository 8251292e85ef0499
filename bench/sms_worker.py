"""Outbound SMS throughput: the worker against the Twilio stand-in, unpaced and paced.

Usage: .venv/bin/python bench/sms_worker.py [--texts 500] [--rate 5] [--database-url URL]
Queues texts in a fresh SQLite database (or the given one, which must be empty and migrated),
runs the worker's `process_due_messages` (the real `twilio` library, over loopback HTTP, to the
stand-in) until the outbox is empty, and reports texts per second. Then the same with
`sms_rate_per_second` set, and checks the stand-in never saw two texts closer together than
the configured rate allows. The stand-in's delivery callbacks are held back so only sending is
measured.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web  # noqa: E402

from backend.db import make_engine, make_session_factory, transaction, utcnow  # noqa: E402
from backend.migrate import upgrade  # noqa: E402
from backend.sms_outbound.sending import SendPacer, process_due_messages  # noqa: E402
from backend.sms_outbound.service import enqueue_sms  # noqa: E402
from backend.sms_outbound.twilio_client import make_twilio_client  # noqa: E402
from core.settings import Settings  # noqa: E402
from ops.twilio_standin.server import create_standin_app  # noqa: E402
from ops.twilio_standin.state import STANDIN_STATE  # noqa: E402

FROM = "+447700900000"


class Standin:
    """The stand-in on a loopback port, served from its own thread and event loop."""

    def __init__(self, account_sid: str, auth_token: str) -> None:
        self.app = create_standin_app(account_sid, auth_token)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.url = ""
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        runner = web.AppRunner(self.app, access_log=None)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self.app[STANDIN_STATE].faults.callback_delay = 3600  # measure sending only
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(runner.cleanup())

    def __enter__(self) -> Standin:
        self.thread.start()
        self.ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def sent_times(self) -> list[float]:
        state = self.app[STANDIN_STATE]
        return sorted(m.date_created.timestamp() for m in list(state.messages.values()))

    def reset(self) -> None:
        state = self.app[STANDIN_STATE]
        self.loop.call_soon_threadsafe(state.messages.clear)


def queue_texts(factory, count: int, tag: str) -> None:
    with transaction(factory) as session:
        for n in range(count):
            enqueue_sms(
                session,
                case_id=None,
                to_number=f"+447700900{n % 1000:03d}",
                body=f"Bench text {n}: your case has an update. Reply to this text to add to it.",
                kind="status",
                dedupe_key=f"bench:{tag}:{n}",
            )


def drain(factory, client, settings: Settings, pacer: SendPacer | None) -> float:
    started = time.perf_counter()
    while process_due_messages(factory, client, settings, utcnow(), pacer=pacer):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=500)
    parser.add_argument("--rate", type=float, default=5.0, help="paced run: texts per second")
    parser.add_argument("--paced-texts", type=int, default=25)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    account_sid, auth_token = "AC" + secrets.token_hex(16), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as tmp, Standin(account_sid, auth_token) as standin:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        settings = Settings(
            var_dir=Path(tmp),
            database_url=url,
            public_url="http://127.0.0.1:9",  # callbacks are held back anyway
            twilio_account_sid=account_sid,
            twilio_auth_token=auth_token,
            twilio_from=FROM,
            twilio_api_base=standin.url,
        )
        client = make_twilio_client(settings)
        tag = uuid.uuid4().hex[:8]

        queue_texts(factory, args.texts, tag + "u")
        elapsed = drain(factory, client, settings, None)
        sent = len(standin.sent_times())
        print(f"database: {engine.dialect.name}")
        print(f"unpaced: {sent} texts in {elapsed:.2f} s = {sent / elapsed:.0f} texts/s")

        standin.reset()
        time.sleep(0.2)
        queue_texts(factory, args.paced_texts, tag + "p")
        elapsed = drain(factory, client, settings, SendPacer(args.rate))
        times = standin.sent_times()
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        observed = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
        print(
            f"paced at {args.rate:g}/s: {len(times)} texts in {elapsed:.2f} s, observed "
            f"{observed:.2f} texts/s, smallest gap {min(gaps) * 1000:.0f} ms "
            f"(limit {1000 / args.rate:.0f} ms)"
        )
        engine.dispose()
        # Allow a few ms of clock jitter between the worker's pacing and the stand-in's clock.
        if gaps and min(gaps) < 1 / args.rate - 0.02:
            print("FAILED: two texts closer together than the configured rate allows")
            sys.exit(1)


if __name__ == "__main__":
    main()
