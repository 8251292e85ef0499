"""Typed keys for what `backend.app.init_app` puts on the aiohttp application.

Views in any package read them with `request.config_dict[KEY]` (works in sub-applications too);
this module imports nothing of ours, so it never causes an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from core.settings import Settings
from core.workdays import WorkingCalendar

SETTINGS = web.AppKey("settings", Settings)
# Set by the database cleanup context while the application runs.
ENGINE = web.AppKey("engine", Engine)
SESSION_FACTORY = web.AppKey("session_factory", sessionmaker)
CALENDAR = web.AppKey("calendar", WorkingCalendar)
# The current time (timezone-aware UTC); tests replace it to pin "now".
CLOCK = web.AppKey("clock", Callable[[], datetime])
# The OpenAPI document served at /api/openapi.json; setup_routes functions may add paths.
OPENAPI = web.AppKey("openapi", dict[str, Any])
