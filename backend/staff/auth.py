"""Who is asking: the logged-in staff member (cookie) or a script with the staff API token."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from backend.appkeys import SETTINGS
from backend.request_helpers import bearer_token, now, run_db, secret_matches
from backend.staff import service
from backend.staff.service import SESSION_COOKIE, StaffIdentity

_REQUEST_KEY = "asb_staff_identity"


async def current_staff(request: web.Request) -> StaffIdentity | None:
    """The staff member whose session cookie came with the request (looked up once)."""
    if _REQUEST_KEY not in request:
        token = request.cookies.get(SESSION_COOKIE)
        identity = None
        if token:
            moment = now(request)
            identity = await run_db(
                request, lambda session: service.identity_for_token(session, token, moment)
            )
        request[_REQUEST_KEY] = identity
    return request[_REQUEST_KEY]


def login_redirect(request: web.Request) -> web.HTTPSeeOther:
    """Send the browser to the login page, coming back here afterwards."""
    query = urlencode({"next": request.path}) if request.method == "GET" else ""
    return web.HTTPSeeOther("/staff/login" + (f"?{query}" if query else ""))


async def require_staff(request: web.Request) -> StaffIdentity:
    """The logged-in staff member; otherwise raise a redirect to the login page."""
    identity = await current_staff(request)
    if identity is None:
        raise login_redirect(request)
    return identity


async def staff_api_allowed(request: web.Request) -> bool:
    """True for `Authorization: Bearer $ASB_API_TOKEN` or a logged-in staff session.

    A bearer header that does not match is refused even when a cookie is present.
    """
    token = bearer_token(request)
    if token is not None:
        return secret_matches(token, request.config_dict[SETTINGS].api_token)
    return await current_staff(request) is not None


def cookie_is_secure(request: web.Request) -> bool:
    """Secure cookies whenever the public address is https."""
    return request.config_dict[SETTINGS].public_url.startswith("https://")
