"""What every web chat handler shares: the session cookie, the origin check, JSON errors,
headers, the quick exit address and the plain words residents read when something ends."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from typing import Any
from urllib.parse import urlsplit

import jinja2
from aiohttp import web
from babel import Locale, UnknownLocaleError

from backend.webchat.session_cases import SessionCases
from backend.webchat.transcripts import Transcripts
from core.i18n import _
from core.languages import is_supported
from core.languages import text_direction as language_direction
from core.settings import Settings

COOKIE_NAME = "asb_chat"
# When the conversation in COOKIE_NAME was last used, signed with the ingest secret: lets a
# backend that does not know the conversation (it was restarted, and no Redis is shared) tell a
# live one from one left idle too long, without keeping anything itself.
SEEN_COOKIE_NAME = "asb_chat_seen"
# The language the resident chose from the page's menu, kept for the browser session (no
# expiry date); "Exit this page" clears it with the conversation.
LANGUAGE_COOKIE = "asb_lang"
wall_clock = time.time  # seconds since the epoch (tests move it)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Where "Exit this page" goes: a neutral, everyday site (GOV.UK's pattern uses BBC weather).
DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"

WEBCHAT_TRANSCRIPTS = web.AppKey("webchat_transcripts", Transcripts)
WEBCHAT_CASES = web.AppKey("webchat_cases", SessionCases)
WEBCHAT_JINJA = web.AppKey("webchat_jinja", jinja2.Environment)
STATIC_ROUTE_NAME = "webchat-static"


def quick_exit_url() -> str:
    """ASB_QUICK_EXIT_URL when it is an http(s) address, else the default."""
    value = os.environ.get("ASB_QUICK_EXIT_URL", "").strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    return DEFAULT_QUICK_EXIT_URL


def json_error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def read_sender(request: web.Request) -> str | None:
    """The conversation id from the cookie, if it is one we could have made."""
    value = request.cookies.get(COOKIE_NAME, "")
    return value if UUID_RE.match(value) else None


def set_sender_cookie(response: web.StreamResponse, settings: Settings, sender: str) -> None:
    """A session cookie (no Max-Age or Expires): it goes when the browser closes."""
    response.set_cookie(
        COOKIE_NAME,
        sender,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=settings.public_url.startswith("https://"),
    )


def _seen_signature(settings: Settings, sender: str, seen_at: int) -> str:
    key = settings.ingest_secret.encode()
    return hmac.new(key, f"{sender}.{seen_at}".encode(), hashlib.sha256).hexdigest()[:32]


def set_seen_cookie(response: web.StreamResponse, settings: Settings, sender: str) -> None:
    """Record (signed, in the browser) that `sender`'s conversation was used just now."""
    if not settings.ingest_secret:
        return
    seen_at = int(wall_clock())
    response.set_cookie(
        SEEN_COOKIE_NAME,
        f"{seen_at}.{_seen_signature(settings, sender, seen_at)}",
        path="/",
        httponly=True,
        samesite="Strict",
        secure=settings.public_url.startswith("https://"),
    )


def seen_within(request: web.Request, settings: Settings, sender: str, seconds: float) -> bool:
    """The signed cookie says `sender`'s conversation was used within `seconds`."""
    value = request.cookies.get(SEEN_COOKIE_NAME, "")
    stamp, _, signature = value.partition(".")
    if not settings.ingest_secret or not stamp.isdigit() or len(stamp) > 12:
        return False
    expected = _seen_signature(settings, sender, int(stamp))
    if not hmac.compare_digest(signature, expected):
        return False
    return 0 <= wall_clock() - int(stamp) <= seconds


def set_language_cookie(response: web.StreamResponse, settings: Settings, language: str) -> None:
    """Keep the menu's choice for the session (a session cookie, like the conversation's)."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        path="/",
        httponly=True,
        samesite="Lax",  # the menu's links are plain navigations
        secure=settings.public_url.startswith("https://"),
    )


def clear_sender_cookie(
    response: web.StreamResponse, settings: Settings, *, language_too: bool = False
) -> None:
    """Forget the conversation in the browser: its id and when it was last used (and, when
    the resident leaves with "Exit this page", the language they chose)."""
    names = (COOKIE_NAME, SEEN_COOKIE_NAME, *((LANGUAGE_COOKIE,) if language_too else ()))
    for name in names:
        response.set_cookie(
            name,
            "",
            path="/",
            max_age=0,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            httponly=True,
            samesite="Strict",
            secure=settings.public_url.startswith("https://"),
        )


def origin_allowed(request: web.Request, settings: Settings) -> bool:
    """Browsers send Origin on POST; refuse other sites (the cookie is SameSite=Strict too)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    public = urlsplit(settings.public_url)
    allowed = {f"{public.scheme}://{public.netloc}", f"{request.scheme}://{request.host}"}
    return origin.rstrip("/") in allowed


def add_security_headers(response: web.StreamResponse) -> None:
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")


def unavailable_message(settings: Settings, language: str) -> str:
    """What a resident reads when the assistant is down: 999 first, then the phone number."""
    return _(
        "If anyone is in danger call 999. Our chat is not available right now; please try "
        "again in a few minutes or call {landlord_phone} during office hours.",
        language,
        landlord_phone=settings.landlord_phone,
    )


def expired_message(language: str | None) -> str:
    """What a resident reads when their conversation has ended without them ending it."""
    return _(
        "This conversation has ended because it was left for a while, so it cannot be shown "
        "again. A report you finished and sent is not affected. Please start again.",
        language,
    )


def text_direction(language: str) -> str:
    """ "rtl" for right-to-left languages (Urdu), else "ltr" (core/languages.py; Babel's
    character order for a language outside the supported list)."""
    if is_supported(language):
        return language_direction(language)
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
