"""What keeps the Twilio stand-in an offline tool: it says so on every page, its control API
(which lists every text "sent", with numbers and words) needs a token when one is set, and it
refuses to listen anywhere but loopback unless told to.

- `ASB_STANDIN_TOKEN`: when set, every `/_standin/...` call but `/_standin/health` needs
  `Authorization: Bearer <token>` (or `?token=<token>` to look in a browser); 401 otherwise.
- `ASB_STANDIN_HOST` (default 127.0.0.1): where it listens. Anything but a loopback address is
  refused unless `ASB_STANDIN_ALLOW_REMOTE=1`.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable

from aiohttp import web

NOTICE = (
    "This is the ASB Assistant's Twilio stand-in, for offline development and tests only. "
    "It sends no real texts: what it lists never left this machine. Never expose it to a "
    "network and never use it with real residents' numbers."
)
CONTROL_PREFIX = "/_standin/"
OPEN_PATHS = frozenset({"/_standin/health"})
CONTROL_TOKEN = web.AppKey("standin_control_token", str)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Is `host` a loopback address (127.0.0.0/8, ::1) or "localhost"?"""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_host(host: str, allow_remote: bool) -> None:
    """SystemExit with the reason when `host` is not loopback and that was not allowed."""
    if not is_loopback(host) and not allow_remote:
        raise SystemExit(
            f"twilio stand-in: refusing to listen on {host!r}: it is for offline use only and "
            "lists every text it was given. Use 127.0.0.1, or set ASB_STANDIN_ALLOW_REMOTE=1 "
            "(and ASB_STANDIN_TOKEN) if you really mean it."
        )


def _token_given(request: web.Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.query.get("token", "")


@web.middleware
async def control_token(request: web.Request, handler: Handler) -> web.StreamResponse:
    """401 for a control call without the token (when a token is set); a notice on every
    answer."""
    expected = request.app.get(CONTROL_TOKEN, "")
    path = request.path
    if expected and path.startswith(CONTROL_PREFIX) and path not in OPEN_PATHS:
        if not hmac.compare_digest(_token_given(request).encode(), expected.encode()):
            return web.json_response(
                {"error": "the stand-in's control API needs its token", "notice": NOTICE},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
    response = await handler(request)
    response.headers["X-Standin-Notice"] = "offline development and tests only"
    return response


async def notice_page(_request: web.Request) -> web.Response:
    """GET /: what this is, plainly."""
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Twilio stand-in (offline only)</title></head><body>"
        f"<h1>Twilio stand-in: offline use only</h1><p>{NOTICE}</p>"
        "<p>Texts it was given: <code>/_standin/messages</code> (with the token when "
        "<code>ASB_STANDIN_TOKEN</code> is set).</p></body></html>"
    )
    return web.Response(text=html, content_type="text/html")
