"""`asb run --instances N`: the production topology in miniature (ops/topology.py), and the
endpoints each Rasa server starts with (ops/rasa_endpoints.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from core.settings import Settings
from ops.rasa_endpoints import (
    RedisUrlError,
    lock_store_block,
    set_server_environment,
    write_endpoints,
)
from ops.topology import TopologyError, build_services

POSTGRES = "postgresql://postgres@127.0.0.1:5432/asb"
REDIS = "redis://127.0.0.1:6379/0"


def test_one_instance_is_the_embedded_default(tmp_path):
    settings = Settings(var_dir=tmp_path, database_url="sqlite://")
    services = build_services(settings, tmp_path / "m.tar.gz", with_twilio_standin=True)
    names = [s.name for s in services]
    assert names == ["twilio-standin", "backend", "sms-worker", "action-server", "rasa"]
    backend = services[1]
    assert "ASB_BACKEND_REUSE_PORT" not in backend.env


def test_several_instances_need_postgresql_and_redis(tmp_path):
    settings = Settings(var_dir=tmp_path, database_url="sqlite://")
    with pytest.raises(TopologyError) as error:
        build_services(settings, tmp_path / "m.tar.gz", with_twilio_standin=False, instances=2)
    assert "DATABASE_URL=postgresql://" in str(error.value)
    assert "REDIS_URL=redis://" in str(error.value)


def test_two_instances_pair_rasa_with_its_action_server_and_share_the_backend_port(tmp_path):
    settings = Settings(var_dir=tmp_path, database_url=POSTGRES, redis_url=REDIS)
    services = {
        s.name: s
        for s in build_services(
            settings, tmp_path / "m.tar.gz", with_twilio_standin=False, instances=2
        )
    }
    assert sorted(services) == sorted(
        f"{name}-{n}" for name in ("backend", "sms-worker", "action-server", "rasa") for n in (1, 2)
    )
    assert services["backend-1"].port == services["backend-2"].port == settings.backend_port
    assert services["backend-2"].env["ASB_BACKEND_REUSE_PORT"] == "1"
    assert (
        services["backend-1"].env["ASB_RASA_URLS"] == "http://127.0.0.1:5005,http://127.0.0.1:5006"
    )
    assert services["rasa-2"].port == 5006
    assert services["rasa-2"].env["ASB_ACTION_SERVER_URL"] == "http://127.0.0.1:5056/webhook"
    spools = {services[f"action-server-{n}"].env["ASB_REPORT_SPOOL"] for n in (1, 2)}
    assert len(spools) == 2  # each action server relays its own spool
    workers = {services[f"sms-worker-{n}"].env["ASB_INSTANCE"] for n in (1, 2)}
    assert workers == {"1", "2"}  # claims and heartbeats name their worker


def test_rasa_gets_its_own_lock_store_only_with_redis(tmp_path, monkeypatch):
    monkeypatch.delenv("ASB_REDIS_PASSWORD", raising=False)
    plain = write_endpoints(Settings(var_dir=tmp_path, database_url=POSTGRES, instance="a"))
    config = yaml.safe_load(plain.read_text())
    assert "lock_store" not in config  # Rasa's in-memory lock store: one Rasa server
    assert config["tracker_store"] == {
        "type": "bot.tracker_store.CachedSQLTrackerStore",
        "url": "${ASB_TRACKER_STORE_URL}",
    }

    shared = Settings(
        var_dir=tmp_path,
        database_url=POSTGRES,
        tracker_store_url=POSTGRES,
        redis_url="redis://:s3cret@cache.example:6380/2",
        instance="b",
    )
    path = write_endpoints(shared)
    text = path.read_text()
    assert "s3cret" not in text  # the password stays in the environment
    lock = yaml.safe_load(text)["lock_store"]
    assert lock["type"] == "redis" and lock["url"] == "cache.example"
    assert (lock["port"], lock["db"]) == (6380, 2)
    assert path.stat().st_mode & 0o777 == 0o600
    import os

    assert os.environ["ASB_REDIS_PASSWORD"] == "s3cret"
    assert os.environ["ASB_TRACKER_STORE_URL"] == POSTGRES


def test_a_bad_redis_url_is_refused_plainly():
    with pytest.raises(RedisUrlError, match="redis:// or rediss://"):
        lock_store_block("http://127.0.0.1:6379")
    block, _ = lock_store_block("rediss://cache.example")
    assert "use_ssl: true" in block


def test_the_tracker_store_follows_a_postgresql_database(monkeypatch, tmp_path):
    monkeypatch.delenv("ASB_TRACKER_STORE_URL", raising=False)
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", POSTGRES)
    assert Settings.from_env().tracker_store_url == POSTGRES
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/asb.sqlite3")
    monkeypatch.setenv("ASB_TRACKER_DB", str(tmp_path / "t.sqlite3"))
    assert Settings.from_env().tracker_store_url == f"sqlite:///{tmp_path}/t.sqlite3"


def test_two_rasa_servers_configured_with_redis_share_one_lock(tmp_path, monkeypatch):
    """What several Rasa servers rely on: Rasa's own RedisLockStore, built from our endpoints
    file, against the real Redis: a conversation locked by one is locked for the other."""
    import asyncio
    import uuid

    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import read_endpoint_config

    settings = Settings(var_dir=tmp_path, database_url=POSTGRES, redis_url=REDIS, instance="t")
    for name in ("ASB_ACTION_SERVER_URL", "ASB_NLG_URL", "ASB_ACTION_SERVER_TOKEN"):
        monkeypatch.setenv(name, "x")
    path = write_endpoints(settings)
    first = LockStore.create(read_endpoint_config(str(path), "lock_store"))
    second = LockStore.create(read_endpoint_config(str(path), "lock_store"))
    assert type(first).__name__ == "RedisLockStore"
    conversation = f"test-{uuid.uuid4()}"

    got: list[str] = []

    async def take_second(name: str, lifetime: float = 30) -> None:
        async with second.lock(conversation, lock_lifetime=lifetime, wait_time_in_seconds=0.01):
            got.append(name)

    async def scenario() -> None:
        async with first.lock(conversation, lock_lifetime=30, wait_time_in_seconds=0.01):
            waiting = asyncio.ensure_future(take_second("after the first"))
            await asyncio.sleep(0.5)
            assert got == []  # the other server waits its turn
        await asyncio.wait_for(waiting, 5)
        assert got == ["after the first"]
        # A server killed while holding the lock never releases it: the ticket expires.
        first.issue_ticket(conversation, lock_lifetime=1)
        await asyncio.wait_for(take_second("after expiry"), 10)
        assert got[-1] == "after expiry"

    asyncio.run(scenario())


def test_the_rasa_server_runs_tensorflow_without_onednn_unless_told_otherwise(monkeypatch):
    for name in ("TF_ENABLE_ONEDNN_OPTS", "TICKET_LOCK_LIFETIME"):
        monkeypatch.setenv(name, "")  # so that the test's end restores each as it was
        monkeypatch.delenv(name)
    set_server_environment()
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "0"  # less memory (docs/benchmarks.md)
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "1")
    set_server_environment()
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "1"  # an operator's choice wins


def test_the_rasa_servers_blas_runs_on_the_calling_thread(monkeypatch):
    """OpenBLAS's helper thread spins while it waits for work (84% of the second core under
    load): the Rasa server's NumPy and SciPy run their matrix products on the calling thread,
    unless the operator says otherwise."""
    import subprocess
    import sys

    program = (  # in the order `asb rasa-server` runs: its command line imported first
        "import ops.cli\n"
        "from ops.rasa_endpoints import set_server_environment\n"
        "set_server_environment()\n"
        "import numpy, scipy.linalg\n"
        "from threadpoolctl import threadpool_info\n"
        "print(sorted({pool['num_threads'] for pool in threadpool_info()"
        " if pool['internal_api'] == 'openblas'}))\n"
    )
    project = Path(__file__).resolve().parents[2]

    def openblas_threads() -> str:
        return subprocess.run(
            [sys.executable, "-c", program], cwd=project, capture_output=True, text=True,
            check=True,
        ).stdout.strip()  # fmt: skip

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert openblas_threads() == "[1]"  # NumPy's and SciPy's OpenBLAS alike
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    assert openblas_threads() == "[2]"  # an operator's choice wins
