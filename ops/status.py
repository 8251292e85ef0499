"""`asb status`: how every component is doing, from the backend's /healthz (issue 14).

`asb status --check sms-worker` is the SMS worker's liveness probe (Kubernetes exec probe,
systemd watchdog script): exit 0 when this instance's heartbeat (ASB_INSTANCE) is fresh.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from core.settings import Settings

EXIT_OK, EXIT_DEGRADED, EXIT_DOWN = 0, 1, 2


def fetch_health(settings: Settings, timeout: float = 10.0) -> tuple[int, dict[str, Any]]:
    """(HTTP status, report) from the backend's /healthz; (0, {}) when it cannot be reached."""
    url = f"{settings.backend_url}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our URL
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read())
        except ValueError:
            return error.code, {}
    except (urllib.error.URLError, OSError, ValueError):
        return 0, {}


def describe(component: dict[str, Any]) -> str:
    if "instances" in component:
        parts = [
            f"{name} {item['status']} ({item['seconds_since_beat']} s ago)"
            for name, item in sorted(component["instances"].items())
        ]
        return ", ".join(parts) or "no instance has ever reported"
    if "milliseconds" in component:
        return f"{component['milliseconds']} ms"
    return component.get("error", "")


def render(settings: Settings, http_status: int, report: dict[str, Any]) -> tuple[int, str]:
    """The exit code and the text `asb status` prints."""
    if http_status == 0:
        return EXIT_DOWN, f"backend at {settings.backend_url} does not answer: is it running?"
    lines = [f"ASB Assistant: {report.get('status', 'unknown')} (backend {settings.backend_url})"]
    for name, component in report.get("components", {}).items():
        lines.append(f"  {name:<16} {component.get('status', '?'):<6} {describe(component)}")
    code = {"ok": EXIT_OK, "degraded": EXIT_DEGRADED}.get(report.get("status", ""), EXIT_DOWN)
    return code, "\n".join(lines)


def check_worker(settings: Settings) -> tuple[int, str]:
    """Exit code and message for `--check sms-worker`: this instance's heartbeat is fresh."""
    from backend.db import make_engine, make_session_factory, utcnow
    from backend.health.service import SMS_WORKER, is_fresh

    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            fresh = is_fresh(session, SMS_WORKER, settings.instance, utcnow())
    except Exception as exc:  # noqa: BLE001 - a probe answers, it does not crash
        return EXIT_DOWN, f"cannot read heartbeats ({type(exc).__name__})"
    finally:
        engine.dispose()
    if fresh:
        return EXIT_OK, f"sms-worker {settings.instance} is alive"
    return EXIT_DOWN, f"sms-worker {settings.instance} has not reported for over a minute"
