"""What each component's health is: the database, the Rasa servers, the action servers, the
SMS workers (by their heartbeats in the database) and Redis when it is configured.

Nothing here names a resident or carries a message; the report names components and states.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from sqlalchemy import delete, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from backend.db import transaction
from backend.health.models import WorkerHeartbeat
from core.settings import Settings

SMS_WORKER = "sms-worker"
HEARTBEAT_EVERY = timedelta(seconds=10)  # how often a worker says it is alive
STALE_AFTER = timedelta(seconds=60)  # a worker silent this long is reported down
SHOWN_FOR = timedelta(days=1)  # instances silent longer are no longer listed
FORGOTTEN_AFTER = timedelta(days=7)  # and their rows are deleted
PROBE_TIMEOUT = 2.0  # seconds for each HTTP or Redis probe

OK = "ok"
DOWN = "down"


def beat(session_factory: sessionmaker, kind: str, instance: str, now: datetime) -> None:
    """Record that `instance` of `kind` is alive now (and forget long-gone instances)."""
    with transaction(session_factory) as session:
        row = session.get(WorkerHeartbeat, (kind, instance))
        if row is None:
            session.add(WorkerHeartbeat(kind=kind, instance=instance, beat_at=now))
        else:
            row.beat_at = now
        session.execute(
            delete(WorkerHeartbeat).where(
                WorkerHeartbeat.kind == kind, WorkerHeartbeat.beat_at < now - FORGOTTEN_AFTER
            )
        )


def is_fresh(session: Session, kind: str, instance: str, now: datetime) -> bool:
    row = session.get(WorkerHeartbeat, (kind, instance))
    return row is not None and now - row.beat_at <= STALE_AFTER


def workers_report(session: Session, kind: str, now: datetime) -> dict[str, Any]:
    """{"status", "instances": {name: {"status", "seconds_since_beat"}}}: ok when at least one
    instance beat within STALE_AFTER."""
    rows = session.execute(
        select(WorkerHeartbeat).where(
            WorkerHeartbeat.kind == kind, WorkerHeartbeat.beat_at >= now - SHOWN_FOR
        )
    ).scalars()
    instances = {}
    for row in rows:
        age = (now - row.beat_at).total_seconds()
        fresh = age <= STALE_AFTER.total_seconds()
        instances[row.instance] = {"status": OK if fresh else DOWN, "seconds_since_beat": int(age)}
    alive = any(item["status"] == OK for item in instances.values())
    return {"status": OK if alive else DOWN, "instances": instances}


def database_report(engine: Engine) -> dict[str, Any]:
    started = time.perf_counter()
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": OK, "milliseconds": round((time.perf_counter() - started) * 1000)}


async def http_report(client: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT)
        async with client.get(url, timeout=timeout) as response:
            if response.status != 200:
                return {"status": DOWN, "error": f"HTTP {response.status}"}
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return {"status": DOWN, "error": type(exc).__name__}
    return {"status": OK, "milliseconds": round((time.perf_counter() - started) * 1000)}


async def redis_report(redis_url: str) -> dict[str, Any]:
    from redis import asyncio as redis_asyncio
    from redis.exceptions import RedisError

    client = redis_asyncio.from_url(
        redis_url, socket_timeout=PROBE_TIMEOUT, socket_connect_timeout=PROBE_TIMEOUT
    )
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        return {"status": DOWN, "error": type(exc).__name__}
    finally:
        await client.close()
    return {"status": OK}


def _numbered(name: str, reports: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    if len(reports) == 1:
        return {name: reports[0]}
    return {f"{name}-{number}": report for number, report in enumerate(reports, start=1)}


async def services_report(settings: Settings, client: aiohttp.ClientSession) -> dict[str, Any]:
    """Rasa servers, action servers and Redis, probed at once."""
    rasa_urls = [f"{url}/" for url in settings.rasa_base_urls]
    action_urls = [f"{url}/health" for url in settings.action_server_base_urls]
    probes = [http_report(client, url) for url in rasa_urls + action_urls]
    if settings.redis_url:
        probes.append(redis_report(settings.redis_url))
    results = await asyncio.gather(*probes)
    report = {
        **_numbered("rasa", list(results[: len(rasa_urls)])),
        **_numbered(
            "action_server", list(results[len(rasa_urls) : len(rasa_urls) + len(action_urls)])
        ),
    }
    if settings.redis_url:
        report["redis"] = results[-1]
    return report
