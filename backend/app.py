"""The backend web application: report intake, staff pages and API, and plug-in routes.

`init_app(settings)` builds the application the way aiohttp's own examples do: everything it
needs lives on the app under `backend.appkeys`, and the database engine is created and disposed
by a cleanup context, so nothing holds a connection at import time.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator

from aiohttp import web
from sqlalchemy import text

from backend import appkeys
from backend.cases import views as case_views
from backend.db import make_engine, make_session_factory, utcnow
from backend.openapi import base_spec
from backend.staff import views as staff_views
from core.settings import Settings
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

# Packages that add their own routes when present: module -> called with the app.
PLUGIN_MODULES = (
    "backend.sms_outbound.views",
    "backend.webchat.views",
    "backend.dashboard.views",
    "backend.alerts.views",
    "backend.residents.views",
)
# Personal data may be on these pages: never cache them, never frame them.
PRIVATE_PREFIXES = ("/staff", "/api")


async def _database(app: web.Application) -> AsyncIterator[None]:
    """Create the engine when the app starts and dispose of it when it stops."""
    engine = make_engine(app[appkeys.SETTINGS].database_url)
    app[appkeys.ENGINE] = engine
    app[appkeys.SESSION_FACTORY] = make_session_factory(engine)
    try:
        yield
    finally:
        engine.dispose()


async def _private_headers(request: web.Request, response: web.StreamResponse) -> None:
    if request.path.startswith(PRIVATE_PREFIXES):
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
        )


async def healthz(request: web.Request) -> web.Response:
    """GET /healthz: {"status": "ok"} when the database answers."""
    engine = request.config_dict[appkeys.ENGINE]

    def ping() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    try:
        await asyncio.to_thread(ping)
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        log.exception("health check: database unavailable")
        return web.json_response({"status": "error", "error": "database unavailable"}, status=503)
    return web.json_response({"status": "ok"})


async def openapi_document(request: web.Request) -> web.Response:
    """GET /api/openapi.json."""
    return web.json_response(request.config_dict[appkeys.OPENAPI])


def _plug_in(app: web.Application, module_name: str) -> bool:
    """Call `module_name.setup_routes(app)` if that module exists; errors inside it propagate."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if module_name == missing or module_name.startswith(missing + "."):
            log.info("optional routes not installed: %s", module_name)
            return False
        raise
    module.setup_routes(app)
    return True


def init_app(settings: Settings | None = None) -> web.Application:
    """Build the backend application (the database is opened when it starts)."""
    settings = settings or Settings.from_env()
    app = web.Application(client_max_size=1024**2)
    app[appkeys.SETTINGS] = settings
    app[appkeys.CALENDAR] = WorkingCalendar.from_settings(settings)
    app[appkeys.CLOCK] = utcnow
    app[appkeys.OPENAPI] = base_spec()
    app.cleanup_ctx.append(_database)
    app.on_response_prepare.append(_private_headers)

    app.router.add_get("/healthz", healthz, name="healthz")
    app.router.add_get("/api/openapi.json", openapi_document, name="api-openapi")
    case_views.setup_routes(app)
    staff_views.setup_routes(app)
    for module_name in PLUGIN_MODULES:
        _plug_in(app, module_name)
    return app


def main() -> None:
    """Run the backend on settings.bind_host:settings.backend_port."""
    settings = Settings.from_env()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    web.run_app(init_app(settings), host=settings.bind_host, port=settings.backend_port)


if __name__ == "__main__":
    main()
