"""Liveness, readiness and the component report an operator reads at 2am (issue 14)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer

from backend.health.models import WorkerHeartbeat
from backend.health.service import SMS_WORKER, beat, is_fresh
from core.settings import Settings
from ops.status import EXIT_DEGRADED, EXIT_DOWN, EXIT_OK, render
from tests.system import free_port

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=timezone.utc)
# What `asb status` is run with (only the backend's address is used).
OPERATOR_SETTINGS = Settings(var_dir=Path("/nonexistent"), database_url="sqlite://")


async def fake_service(path: str) -> TestServer:
    """A stand-in for a Rasa server (GET /) or an action server (GET /health)."""

    async def answer(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_get(path, answer)
    server = TestServer(app)
    await server.start_server()
    return server


async def test_liveness_needs_nothing_but_the_process(api_client):
    response = await api_client.get("/livez")
    assert response.status == 200


async def test_every_component_is_reported_and_a_dead_one_is_named(
    make_api_client, session_factory
):
    rasa = await fake_service("/")
    actions = await fake_service("/health")
    beat(session_factory, SMS_WORKER, "worker-a", NOW - timedelta(seconds=5))
    client = await make_api_client(
        now=NOW,
        rasa_urls=(str(rasa.make_url("")).rstrip("/"),),
        action_server_urls=(str(actions.make_url("")).rstrip("/"),),
        redis_url="redis://127.0.0.1:6379/0",
    )
    response = await client.get("/healthz")
    report = await response.json()
    assert response.status == 200
    assert report["status"] == "ok", report
    components = report["components"]
    assert set(components) == {"database", "sms_worker", "rasa", "action_server", "redis"}
    assert components["sms_worker"]["instances"]["worker-a"]["status"] == "ok"

    await rasa.close()
    response = await client.get("/healthz")
    report = await response.json()
    assert response.status == 200  # the backend still takes reports and serves staff
    assert report["status"] == "degraded"
    assert report["components"]["rasa"]["status"] == "down"
    assert report["components"]["action_server"]["status"] == "ok"
    await actions.close()


async def test_a_silent_worker_and_an_unreachable_redis_are_down(make_api_client, session_factory):
    beat(session_factory, SMS_WORKER, "worker-b", NOW - timedelta(minutes=5))
    client = await make_api_client(
        now=NOW,
        rasa_urls=(f"http://127.0.0.1:{free_port()}",),
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
    )
    report = await (await client.get("/healthz")).json()
    assert report["status"] == "degraded"
    workers = report["components"]["sms_worker"]
    assert workers["status"] == "down"
    assert workers["instances"]["worker-b"] == {"status": "down", "seconds_since_beat": 300}
    assert report["components"]["redis"]["status"] == "down"
    code, text = render(OPERATOR_SETTINGS, 200, report)
    assert code == EXIT_DEGRADED
    assert "worker-b down (300 s ago)" in text


def test_heartbeats_say_which_worker_is_alive(session_factory):
    beat(session_factory, SMS_WORKER, "1", NOW)
    beat(session_factory, SMS_WORKER, "2", NOW - timedelta(minutes=2))
    beat(session_factory, SMS_WORKER, "1", NOW + timedelta(seconds=10))  # the same row again
    with session_factory() as session:
        assert is_fresh(session, SMS_WORKER, "1", NOW + timedelta(seconds=30))
        assert not is_fresh(session, SMS_WORKER, "2", NOW)
        assert not is_fresh(session, SMS_WORKER, "never-started", NOW)
    # A worker gone for a week is forgotten the next time any worker beats.
    beat(session_factory, SMS_WORKER, "1", NOW + timedelta(days=8))
    with session_factory() as session:
        assert session.get(WorkerHeartbeat, (SMS_WORKER, "2")) is None


def test_status_exit_codes_follow_the_report():
    settings = OPERATOR_SETTINGS
    assert render(settings, 200, {"status": "ok", "components": {}})[0] == EXIT_OK
    code, text = render(settings, 0, {})
    assert code == EXIT_DOWN and "does not answer" in text
    down = {
        "status": "down",
        "components": {"database": {"status": "down", "error": "database unavailable"}},
    }
    code, text = render(settings, 503, down)
    assert code == EXIT_DOWN and "database unavailable" in text
