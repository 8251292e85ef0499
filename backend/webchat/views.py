"""Resident web chat: the page at `/` and a small JSON proxy to Rasa's web chat channel.

The browser never talks to Rasa and never chooses its conversation id. It posts
`{"message": "...", "language": "en"}` to `/chat/message`; the backend keeps a random UUID in
the HttpOnly, SameSite=Strict cookie `asb_chat`, forwards
`{"sender": <uuid>, "message": ..., "metadata": {"language": ...}}` to
`settings.rasa_webchat_url` (channels/webchat.py) and returns `{"messages": [...]}`, each
message with `text`, optional `buttons` (`title`, `payload`) and optional `custom`.
Message text is never logged. Each exchange is kept in the backend's memory for the session
(transcripts.py) so a reload shows it again; GET /chat/history, POST /chat/exit ("Exit this
page") and POST /chat/restart are in session_views.py. An idle or unknown conversation gets a
409 saying it has ended, rather than the answer landing in a new conversation.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import aiohttp_jinja2
import jinja2
from aiohttp import web

from backend.appkeys import SETTINGS
from backend.request_body import BodyError, read_json
from backend.webchat.common import (
    COOKIE_NAME,
    STATIC_ROUTE_NAME,
    UUID_RE,
    WEBCHAT_JINJA,
    WEBCHAT_TRANSCRIPTS,
    add_security_headers,
    expired_message,
    json_error,
    origin_allowed,
    quick_exit_url,
    read_sender,
    set_sender_cookie,
    text_direction,
)
from backend.webchat.link_page import setup_link_routes
from backend.webchat.session_views import setup_session_routes
from backend.webchat.strings import script_strings
from backend.webchat.transcripts import State, TranscriptStore
from backend.webchat.uploads import chat_evidence_context, note_receipt, setup_upload_routes
from core.i18n import _, available_languages, normalise_language
from core.settings import Settings

logger = logging.getLogger(__name__)

__all__ = ["COOKIE_NAME", "UUID_RE", "WebChatConfig", "setup_routes"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATE = "webchat/index.html"


@dataclass(frozen=True)
class WebChatConfig:
    """Limits of the web chat proxy (defaults suit production; tests shorten the timeout)."""

    rasa_timeout: float = 30.0
    max_message_length: int = 2000
    max_body_bytes: int = 16 * 1024
    # Rasa starts a new session after an hour idle (bot/domain.yml session_config): so do we.
    session_idle_seconds: float = 3600.0


WEBCHAT_CONFIG = web.AppKey("webchat_config", WebChatConfig)
WEBCHAT_HTTP = web.AppKey("webchat_http", aiohttp.ClientSession)


class ChatUnavailable(Exception):
    """Rasa could not be reached or did not answer properly (becomes a 503)."""


class MessageRefused(Exception):
    """The web chat channel refused the message itself (nothing left once cleaned, or too
    long for it): the resident is asked to type it again, a 400, never "not available"."""


# -- helpers ---------------------------------------------------------------------------------


def unavailable_message(settings: Settings, language: str) -> str:
    """What a resident reads when the assistant is down: 999 first, then the phone number."""
    return _(
        "If anyone is in danger call 999. Our chat is not available right now; please try "
        "again in a few minutes or call {landlord_phone} during office hours.",
        language,
        landlord_phone=settings.landlord_phone,
    )


def too_long_message(config: WebChatConfig, language: str) -> str:
    return _(
        "Your message is too long. Please keep it under {max_length} characters.",
        language,
        max_length=config.max_message_length,
    )


def choose_language(request: web.Request, settings: Settings) -> str:
    """`?lang=xx` if we have it, else the best Accept-Language match, else the default."""
    available = set(available_languages())
    asked = request.query.get("lang", "").replace("-", "_").split("_")[0].lower()
    if asked in available:
        return asked
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().replace("-", "_").split("_")[0].lower()
        if code and code != "*" and quality > 0:
            weighted.append((-quality, index, code))
    for _quality, _index, code in sorted(weighted):
        if code in available:
            return code
    return normalise_language(settings.default_language)


def clean_bot_messages(raw: Any) -> list[dict[str, Any]]:
    """Keep only what the page shows from Rasa's answer (text, buttons, custom)."""
    if not isinstance(raw, list):
        raise ChatUnavailable("Rasa answered with something other than a list")
    messages: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        message: dict[str, Any] = {}
        if isinstance(item.get("text"), str) and item["text"].strip():
            message["text"] = item["text"]
        buttons = [
            {"title": button["title"], "payload": button["payload"]}
            for button in item.get("buttons") or []
            if isinstance(button, dict)
            and isinstance(button.get("title"), str)
            and isinstance(button.get("payload"), str)
        ]
        if buttons:
            message["buttons"] = buttons
        if isinstance(item.get("custom"), dict):
            message["custom"] = item["custom"]
        if message:
            messages.append(message)
    return messages


async def ask_rasa(
    request: web.Request, settings: Settings, sender: str, text: str, language: str
) -> list[dict[str, Any]]:
    """Send one message to the Rasa web chat channel and return the bot's messages."""
    config = request.config_dict[WEBCHAT_CONFIG]
    session = request.config_dict[WEBCHAT_HTTP]
    payload = {"sender": sender, "message": text, "metadata": {"language": language}}
    # The web chat channel answers only the backend (channels/webchat.py).
    headers = (
        {"Authorization": f"Bearer {settings.ingest_secret}"} if settings.ingest_secret else {}
    )
    # UTF-8 as typed: escaped, each emoji would take 12 bytes of the channel's body limit.
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace")
    try:
        async with session.post(
            settings.rasa_webchat_url,
            data=body,
            headers={**headers, "Content-Type": "application/json"},
            timeout=aiohttp.ClientTimeout(total=config.rasa_timeout),
        ) as response:
            if response.status in (400, 413):
                logger.info("web chat: the channel refused the message (HTTP %s)", response.status)
                raise MessageRefused(str(response.status))
            if response.status != 200:
                logger.warning("web chat: Rasa answered HTTP %s", response.status)
                raise ChatUnavailable(f"Rasa answered HTTP {response.status}")
            raw = await response.json(content_type=None)
    except asyncio.TimeoutError as exc:
        logger.warning("web chat: Rasa did not answer within %ss", config.rasa_timeout)
        raise ChatUnavailable("timeout") from exc
    except (aiohttp.ClientError, ValueError) as exc:
        logger.warning("web chat: could not reach Rasa (%s)", type(exc).__name__)
        raise ChatUnavailable(type(exc).__name__) from exc
    return clean_bot_messages(raw)


# -- handlers --------------------------------------------------------------------------------


async def chat_page(request: web.Request) -> web.Response:
    """GET /: the web chat page."""
    settings = request.config_dict[SETTINGS]
    config = request.config_dict[WEBCHAT_CONFIG]
    language = choose_language(request, settings)

    def translate(message: str, **values: object) -> str:
        """`_()` for the template, bound to the page language."""
        return _(message, language, **values)

    # Strings the script shows; passed as a JSON block so they are translated here.
    strings = script_strings(
        language,
        unavailable=unavailable_message(settings, language),
        too_long=too_long_message(config, language),
        expired=expired_message(language),
    )
    static = request.app.router[STATIC_ROUTE_NAME]
    context = {
        "_": translate,
        "lang": language,
        "dir": text_direction(language),
        "landlord_name": settings.landlord_name,
        "landlord_phone": settings.landlord_phone,
        "max_length": config.max_message_length,
        "strings": strings,
        "quick_exit_url": quick_exit_url(),
        "css_url": str(static.url_for(filename="chat.css")),
        "js_url": str(static.url_for(filename="chat.js")),
        "evidence_js_url": str(static.url_for(filename="evidence.js")),
        "evidence": chat_evidence_context(settings, language),
    }
    response = aiohttp_jinja2.render_template(TEMPLATE, request, context, app_key=WEBCHAT_JINJA)
    add_security_headers(response)
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def post_message(request: web.Request) -> web.Response:
    """POST /chat/message: {"message": "...", "language": "en"} -> {"messages": [...]}."""
    settings = request.config_dict[SETTINGS]
    config = request.config_dict[WEBCHAT_CONFIG]
    language = normalise_language(settings.default_language)
    if not origin_allowed(request, settings):
        return json_error(403, _("This request came from another website.", language))
    if request.content_type != "application/json":
        return json_error(400, _("Please send the message as JSON.", language))
    try:
        # Text that is not valid Unicode becomes U+FFFD: the resident's message still goes.
        data = await read_json(request, config.max_body_bytes)
    except BodyError as exc:
        if exc.status == 413:
            return json_error(413, _("Your message is too long.", language))
        return json_error(400, _("Please send the message as JSON.", language))

    if isinstance(data.get("language"), str) and data["language"]:
        language = normalise_language(data["language"])
    text = data.get("message")
    if not isinstance(text, str) or not text.replace("\x00", "").strip():
        return json_error(400, _("Please type a message.", language), field="message")
    text = text.replace("\x00", "").strip()
    if len(text) > config.max_message_length:
        return json_error(
            400,
            too_long_message(config, language),
            field="message",
        )

    store = request.config_dict[WEBCHAT_TRANSCRIPTS]
    sender = read_sender(request)
    state = store.state(sender)
    if state is State.EXPIRED:
        # Idle too long (or unknown here): say so rather than answer the wrong question.
        response = json_error(409, expired_message(language), expired=True)
        add_security_headers(response)
        return response
    new_sender = sender is None or state is State.ENDED
    if sender is None or new_sender:  # (both: so the type checker knows `sender` is a str)
        sender = str(uuid.uuid4())
        store.open(sender)
    try:
        messages = await ask_rasa(request, settings, sender, text, language)
        store.record(sender, store.shown_as(sender, text), messages)
        await note_receipt(request, sender, messages)  # files held for the report join its case
        response = web.json_response({"messages": messages})
    except MessageRefused:
        store.touch(sender)
        response = json_error(400, _("Please type your message again.", language), field="message")
    except ChatUnavailable:
        store.touch(sender)
        response = json_error(503, unavailable_message(settings, language))
    if new_sender:
        set_sender_cookie(response, settings, sender)
    add_security_headers(response)
    return response


# -- wiring ----------------------------------------------------------------------------------


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    """One HTTP client for talking to Rasa, for the life of the app."""
    async with aiohttp.ClientSession() as session:
        app[WEBCHAT_HTTP] = session
        yield


def setup_templates(app: web.Application) -> jinja2.Environment:
    """Our own Jinja2 environment under WEBCHAT_JINJA, so it never clashes with staff templates.

    Idempotent: a second call returns the environment already set up.
    """
    if WEBCHAT_JINJA in app:
        return app[WEBCHAT_JINJA]
    return aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("backend.webchat", "templates"),
        app_key=WEBCHAT_JINJA,
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


async def embed_script(request: web.Request) -> web.Response:
    """GET /chat/embed.js: the one script tag a landlord puts on their own site (a button that
    opens the chat in a new tab; see the file). Cached for an hour; loadable from any site."""
    response = web.FileResponse(STATIC_DIR / "embed.js")
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def setup_routes(app: web.Application, config: WebChatConfig | None = None) -> None:
    """Add GET /, GET /chat/embed.js, POST /chat/message, GET /chat/history, POST /chat/exit,
    POST /chat/restart and /static/webchat/ to `app`."""
    config = config or WebChatConfig()
    app[WEBCHAT_CONFIG] = config
    setup_templates(app)
    app.cleanup_ctx.append(_http_client)
    app.router.add_get("/", chat_page, name="webchat-page")
    app.router.add_get("/chat/embed.js", embed_script, name="webchat-embed")
    app.router.add_post("/chat/message", post_message, name="webchat-message")
    setup_session_routes(app, TranscriptStore(idle_seconds=config.session_idle_seconds))
    setup_upload_routes(app)  # POST /chat/evidence
    setup_link_routes(app)  # GET/POST /evidence/{token}: the texted upload link's page
    app.router.add_static(
        "/static/webchat/", STATIC_DIR, name=STATIC_ROUTE_NAME, append_version=True
    )
