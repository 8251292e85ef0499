"""GET /livez, GET /readyz and GET /healthz (issue 14).

- /livez: the backend process answers (a liveness probe: restart it if not).
- /readyz: it can take reports: the database answers (a readiness probe: send it traffic).
- /healthz: every component, for operators, monitoring and `bin/asb status`: 200 with status
  "ok" (all well) or "degraded" (something other than the database is down: which one is
  named), 503 with "down" when the database does not answer. No URLs, no personal data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from aiohttp import web

from backend import appkeys
from backend.health import service
from core.logs import log_unexpected

log = logging.getLogger(__name__)

HEALTH_HTTP = web.AppKey("health_http", aiohttp.ClientSession)


async def livez(_request: web.Request) -> web.Response:
    """GET /livez."""
    return web.json_response({"status": service.OK})


async def _database(request: web.Request) -> dict[str, Any]:
    try:
        return await asyncio.to_thread(service.database_report, request.config_dict[appkeys.ENGINE])
    except Exception as exc:  # noqa: BLE001 - any failure means the database is down
        log_unexpected(log, "health check (database unavailable)", exc)
        return {"status": service.DOWN, "error": "database unavailable"}


async def readyz(request: web.Request) -> web.Response:
    """GET /readyz."""
    database = await _database(request)
    status = 200 if database["status"] == service.OK else 503
    return web.json_response({"status": database["status"], "database": database}, status=status)


def _workers(request: web.Request) -> dict[str, Any]:
    factory = request.config_dict[appkeys.SESSION_FACTORY]
    now = request.config_dict[appkeys.CLOCK]()
    with factory() as session:
        return service.workers_report(session, service.SMS_WORKER, now)


async def healthz(request: web.Request) -> web.Response:
    """GET /healthz: {"status", "instance", "components": {name: {"status", ...}}}."""
    settings = request.config_dict[appkeys.SETTINGS]
    components: dict[str, Any] = {"database": await _database(request)}
    if components["database"]["status"] == service.OK:
        try:
            components["sms_worker"] = await asyncio.to_thread(_workers, request)
        except Exception as exc:  # noqa: BLE001 - reported, never a 500
            log_unexpected(log, "health check (worker heartbeats)", exc)
            components["sms_worker"] = {"status": service.DOWN, "error": "not readable"}
    components.update(await service.services_report(settings, request.config_dict[HEALTH_HTTP]))
    if components["database"]["status"] != service.OK:
        overall, status = "down", 503
    elif all(item["status"] == service.OK for item in components.values()):
        overall, status = service.OK, 200
    else:
        overall, status = "degraded", 200
    body = {"status": overall, "instance": settings.instance, "components": components}
    return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    async with aiohttp.ClientSession() as client:
        app[HEALTH_HTTP] = client
        yield


def setup_routes(app: web.Application) -> None:
    """GET /livez, GET /readyz, GET /healthz."""
    app.cleanup_ctx.append(_http_client)
    app.router.add_get("/livez", livez, name="livez")
    app.router.add_get("/readyz", readyz, name="readyz")
    app.router.add_get("/healthz", healthz, name="healthz")
