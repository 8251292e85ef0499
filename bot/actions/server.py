"""The action server process: rasa_sdk's app plus `POST /nlg` and the report relay.

Routes: `POST /webhook` (custom actions, from rasa_sdk), `GET /health`, `GET /actions`,
`POST /nlg` (Rasa's NLG endpoint, rendered from bot/messages/). The relay loop that
re-delivers spooled reports starts after the server starts and stops before it stops.
Run with `python -m bot.actions.server` (settings from the environment) or `asb action-server`.

Only the Rasa server may call it: every route but `GET /health` needs
`Authorization: Bearer $ASB_ACTION_SERVER_TOKEN` (Rasa sends it: endpoints.yml), else 401. The
process refuses to start without the token; `build_app(settings)` without one (in-process
tests) checks nothing. Libraries' log records are redacted (core/log_redaction.py).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import sys

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.actions.relay import relay_forever
from bot.actions.safeguarding import note_activity_in_background
from bot.actions.server_settings import configure
from bot.nlg import render_request
from core import log_redaction
from core.settings import Settings

logger = logging.getLogger(__name__)

RELAY_STOP_TIMEOUT = 10.0
TOKEN_VARIABLE = "ASB_ACTION_SERVER_TOKEN"
OPEN_PATHS = frozenset({"/health"})


def build_app(settings: Settings, token: str | None = None) -> Sanic:
    """The Sanic app with every route and listener (not started); with `token`, every route
    but /health needs `Authorization: Bearer <token>`."""
    configure(settings)
    app = create_app("bot.actions", cors_origins=None)

    if token is not None:
        expected = f"Bearer {token}".encode()

        @app.middleware("request")
        async def require_token(request: Request) -> HTTPResponse | None:
            if request.path in OPEN_PATHS:
                return None
            given = (request.headers.get("Authorization") or "").strip().encode()
            if token and hmac.compare_digest(given, expected):
                return None
            return response.json(
                {"error": f"Send 'Authorization: Bearer <{TOKEN_VARIABLE}>'."}, 401
            )

    @app.post("/nlg")
    async def nlg(request: Request) -> HTTPResponse:
        body = request.json
        if not isinstance(body, dict):
            return response.json({"error": "Send Rasa's NLG request as a JSON object."}, 400)
        # A conversation given safety advice: its record's last activity (safeguarding.py).
        note_activity_in_background(body.get("tracker"), settings)
        return response.json(render_request(body, settings))

    # Replaces rasa_sdk's handler, which echoes the request body (the whole tracker, with
    # residents' answers) back to Rasa, where it ends up in Rasa's log.
    @app.exception(Exception)
    async def on_error(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, SanicException):
            return response.json({"error": str(exception)}, status=exception.status_code)
        logger.error(
            "error handling %s %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exc_info=exception,
        )
        return response.json({"error": "internal error"}, status=500)

    @app.listener("after_server_start")
    async def start_relay(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
        app.ctx.relay_stop = asyncio.Event()
        app.ctx.relay_task = asyncio.create_task(relay_forever(settings, app.ctx.relay_stop))

    @app.listener("before_server_stop")
    async def stop_relay(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
        stop = getattr(app.ctx, "relay_stop", None)
        task = getattr(app.ctx, "relay_task", None)
        if stop is None or task is None:
            return
        stop.set()
        try:
            await asyncio.wait_for(task, timeout=RELAY_STOP_TIMEOUT)
        except asyncio.TimeoutError:
            task.cancel()

    return app


def main(settings: Settings | None = None) -> None:
    """Start the action server on `settings.bind_host:settings.actions_port` (blocks)."""
    settings = settings or Settings.from_env()
    log_redaction.install()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        logger.error("%s is not set: the action server will not start without it", TOKEN_VARIABLE)
        sys.exit(2)
    app = build_app(settings, token=token)
    logger.info("action server on http://%s:%d", settings.bind_host, settings.actions_port)
    app.run(host=settings.bind_host, port=settings.actions_port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
