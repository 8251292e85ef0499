"""The backend web application and its route table.

`init_app(settings)` builds the application the way aiohttp's own examples do: everything it
needs lives on the app under `backend.appkeys`, and the database engine is created and disposed
by a cleanup context, so nothing holds a connection at import time. `ROUTE_TABLE` lists, in the
order they are added, the `setup_routes` of every package that serves requests.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from backend import appkeys
from backend.alerts import views as alert_views
from backend.case_review import views as case_review_views
from backend.cases import views as case_api_views
from backend.dashboard import views as dashboard_views
from backend.db import make_engine, make_session_factory, private_dir, utcnow
from backend.deadlines import views as deadline_views
from backend.evidence import views as evidence_views
from backend.health import views as health_views
from backend.held_reports import views as held_report_views
from backend.intake import views as intake_views
from backend.open311 import views as open311_views
from backend.openapi import base_spec
from backend.partners import views as partner_views
from backend.residents import views as resident_views
from backend.retention import views as retention_views
from backend.safeguarding import views as safeguarding_views
from backend.sms_inbound import forward as sms_forward
from backend.sms_inbound import views as sms_inbound_views
from backend.sms_outbound import views as sms_outbound_views
from backend.staff import case_actions, case_views
from backend.staff import views as staff_views
from backend.webchat import views as webchat_views
from backend.webhooks import views as webhook_views
from core.settings import Settings
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

# Personal data may be on these pages: never cache them, never frame them.
PRIVATE_PREFIXES = ("/staff", "/api")


async def _database(app: web.Application) -> AsyncIterator[None]:
    """Create the engine when the app starts and dispose of it when it stops; the folder of
    local data (SQLite file, spools, logs, secrets) is made private first (0700)."""
    await asyncio.to_thread(private_dir, app[appkeys.SETTINGS].var_dir)
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


async def openapi_document(request: web.Request) -> web.Response:
    """GET /api/openapi.json."""
    return web.json_response(request.config_dict[appkeys.OPENAPI])


def setup_routes(app: web.Application) -> None:
    """The application's own route: its OpenAPI document."""
    app.router.add_get("/api/openapi.json", openapi_document, name="api-openapi")


# Every route the backend serves, package by package, in the order they are added.
ROUTE_TABLE: tuple[Callable[[web.Application], None], ...] = (
    setup_routes,  # GET /api/openapi.json
    health_views.setup_routes,  # GET /livez, GET /readyz, GET /healthz
    intake_views.setup_routes,  # POST /api/reports
    held_report_views.setup_routes,  # POST /api/held-reports, /staff/held-reports[/{id}/...]
    case_api_views.setup_routes,  # GET /api/cases/{reference}, GET /api/triage-queue
    staff_views.setup_routes,  # /staff/login, /staff/logout, GET /staff, POST /staff/search
    case_views.setup_routes,  # GET /staff/cases/{reference}
    case_actions.setup_routes,  # POST /staff/cases/{reference}/<action>
    sms_outbound_views.setup_routes,  # POST /api/twilio/status
    sms_inbound_views.setup_routes,  # POST /api/sms/inbound, POST /api/sms/outbound
    webchat_views.setup_routes,  # GET /, POST /chat/message, POST /chat/restart
    sms_forward.setup_routes,  # POST /webhooks/sms/webhook (Twilio's texts, to a Rasa server)
    dashboard_views.setup_routes,  # GET /staff/dashboard, GET /staff/dashboard/export.csv
    deadline_views.setup_routes,  # GET /staff/dashboard/partner-export.csv, long-running sweep
    alert_views.setup_routes,  # POST /staff/alerts/{alert_id}/acknowledge
    resident_views.setup_routes,  # POST /api/residents/..., /api/cases/{reference}/incidents
    case_review_views.setup_routes,  # POST /api/case-reviews, /staff/case-reviews[/{id}]
    safeguarding_views.setup_routes,  # POST /api/safeguarding/records, abandonment sweep
    retention_views.setup_routes,  # /staff/retention[/export|/erase] (admins), daily retention
    evidence_views.setup_routes,  # GET /staff/cases/{reference}/evidence/{id} (download)
    partner_views.setup_routes,  # /staff/partners[/keys[/{key_id}/rotate|revoke]] (admins)
    open311_views.setup_routes,  # /open311/v2/ (GeoReport v2 for partners, with partner keys)
    webhook_views.setup_routes,  # /staff/partners/webhooks[/{id}/rotate|disable] (admins)
)


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

    for add_routes in ROUTE_TABLE:
        add_routes(app)
    return app


def main() -> None:
    """Run the backend on settings.bind_host:settings.backend_port."""
    settings = Settings.from_env()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Several backends may share the port (ASB_BACKEND_REUSE_PORT: the kernel spreads the
    # connections), e.g. `asb run --instances N` or several systemd units on one host.
    web.run_app(
        init_app(settings),
        host=settings.bind_host,
        port=settings.backend_port,
        reuse_port=settings.backend_reuse_port or None,
    )


if __name__ == "__main__":
    main()
