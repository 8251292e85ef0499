"""Resident web chat: the page at `/` and a small JSON proxy to Rasa's web chat channel.

The browser never talks to Rasa and never chooses its conversation id. It posts
`{"message": "...", "language": "en"}` to `/chat/message`; the backend keeps a random UUID in
the HttpOnly, SameSite=Strict cookie `asb_chat`, forwards
`{"sender": <uuid>, "message": ..., "metadata": {"language": ...}}` to the web chat channel
(channels/webchat.py) of one of `settings.rasa_base_urls`, chosen per conversation and failing
over to the next when one cannot be reached (rasa_servers.py), and returns
`{"messages": [...]}`, each message with `text`, optional `buttons` (`title`, `payload`) and
optional `custom`. Message text is never logged. Each exchange is kept for the session so a
reload shows it again (transcripts.py: in the backend's memory, or in Redis when REDIS_URL is
set so that several backends share it, shared_memory.py); GET /chat/history, POST /chat/exit
("Exit this page") and POST /chat/restart are in session_views.py. An idle or unknown
conversation gets a 409 saying it has ended, rather than the answer landing in a new
conversation.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import aiohttp_jinja2
import jinja2
from aiohttp import web

from backend.appkeys import SETTINGS
from backend.request_body import BodyError, read_json
from backend.webchat import rasa_servers
from backend.webchat.common import (
    COOKIE_NAME,
    LANGUAGE_COOKIE,
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
    seen_within,
    set_language_cookie,
    set_seen_cookie,
    set_sender_cookie,
    text_direction,
    unavailable_message,
)
from backend.webchat.link_page import setup_link_routes
from backend.webchat.rasa_servers import RASA_HTTP, RASA_SERVERS, setup_rasa_servers
from backend.webchat.session_cases import MemorySessionCases, SessionCases
from backend.webchat.session_views import setup_session_routes
from backend.webchat.shared_memory import (
    DEFAULT_PREFIX,
    WEBCHAT_REDIS,
    RedisSessionCases,
    RedisTranscripts,
    SharedMemory,
)
from backend.webchat.strings import script_strings
from backend.webchat.transcripts import State, StoreUnavailable, Transcripts, TranscriptStore
from backend.webchat.uploads import chat_evidence_context, note_receipt, setup_upload_routes
from core.i18n import _, available_languages, normalise_language
from core.languages import LANGUAGES, SUPPORTED, base_code, is_supported, negotiate
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
    # Where the web chat's keys go in Redis (REDIS_URL set); tests give each run its own.
    redis_prefix: str = DEFAULT_PREFIX


WEBCHAT_CONFIG = web.AppKey("webchat_config", WebChatConfig)
WEBCHAT_PATH = "/webhooks/webchat/webhook"  # the web chat channel on each Rasa server


class ChatUnavailable(Exception):
    """Rasa could not be reached or did not answer properly (becomes a 503)."""


class MessageRefused(Exception):
    """The web chat channel refused the message itself (nothing left once cleaned, or too
    long for it): the resident is asked to type it again, a 400, never "not available"."""


# -- helpers ---------------------------------------------------------------------------------


def too_long_message(config: WebChatConfig, language: str) -> str:
    return _(
        "Your message is too long. Please keep it under {max_length} characters.",
        language,
        max_length=config.max_message_length,
    )


def choose_language(request: web.Request, settings: Settings) -> str:
    """The page's language: `?lang=xx` (the language menu) if we have it, else the choice kept
    for this session (`asb_lang` cookie), else the best Accept-Language match (Babel's
    negotiation, core/languages.py), else the default."""
    available = [code for code in SUPPORTED if code in set(available_languages())]
    for asked in (request.query.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        code = base_code(asked)
        if code in available:
            return code
    negotiated = negotiate(request.headers.get("Accept-Language"), available)
    return negotiated or normalise_language(settings.default_language)


def language_menu(current: str) -> list[dict[str, object]]:
    """The first screen's language menu: every language in its own script (never a flag)."""
    return [
        {
            "code": language.code,
            "name": language.own_name,
            "dir": language.direction,
            "href": f"/?lang={language.code}",
            "current": language.code == current,
        }
        for language in LANGUAGES
        if language.code in set(available_languages())
    ]


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


def chosen_language(messages: list[dict[str, Any]]) -> str | None:
    """The language the resident chose in the chat, when the assistant says so with a custom
    message `{"language": "cy"}` (bot/actions/language.py): the page follows it."""
    for message in messages:
        custom = message.get("custom")
        value = custom.get("language") if isinstance(custom, dict) else None
        if isinstance(value, str) and is_supported(value):
            return base_code(value)
    return None


async def ask_rasa(
    request: web.Request, settings: Settings, sender: str, text: str, language: str
) -> list[dict[str, Any]]:
    """Send one message to a Rasa web chat channel (the one chosen for this conversation, or
    the next while one cannot be reached) and return the bot's messages."""
    config = request.config_dict[WEBCHAT_CONFIG]
    payload = {"sender": sender, "message": text, "metadata": {"language": language}}
    # The web chat channel answers only the backend (channels/webchat.py).
    headers = {"Content-Type": "application/json"}
    if settings.ingest_secret:
        headers["Authorization"] = f"Bearer {settings.ingest_secret}"
    # UTF-8 as typed: escaped, each emoji would take 12 bytes of the channel's body limit.
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace")
    try:
        answer = await rasa_servers.post(
            request.config_dict[RASA_SERVERS],
            request.config_dict[RASA_HTTP],
            sender,
            WEBCHAT_PATH,
            body,
            headers,
            config.rasa_timeout,
        )
    except rasa_servers.RasaTimeout as exc:
        logger.warning("web chat: Rasa did not answer within %ss", config.rasa_timeout)
        raise ChatUnavailable("timeout") from exc
    except rasa_servers.RasaUnreachable as exc:
        logger.warning("web chat: no Rasa server could be reached")
        raise ChatUnavailable("unreachable") from exc
    except aiohttp.ClientError as exc:
        logger.warning("web chat: Rasa's answer broke off (%s)", type(exc).__name__)
        raise ChatUnavailable(type(exc).__name__) from exc
    if answer.status in (400, 413):
        logger.info("web chat: the channel refused the message (HTTP %s)", answer.status)
        raise MessageRefused(str(answer.status))
    if answer.status != 200:
        logger.warning("web chat: Rasa answered HTTP %s", answer.status)
        raise ChatUnavailable(f"Rasa answered HTTP {answer.status}")
    try:
        raw = json.loads(answer.body)
    except ValueError as exc:
        logger.warning("web chat: Rasa's answer was not JSON")
        raise ChatUnavailable("not JSON") from exc
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
        "languages": language_menu(language),
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
    if base_code(request.query.get("lang")) == language:
        set_language_cookie(response, settings, language)
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

    try:
        response = await converse(request, text, language)
    except StoreUnavailable as exc:
        logger.error("web chat: the shared memory is not available (%s)", exc)
        response = json_error(503, unavailable_message(settings, language))
    add_security_headers(response)
    return response


async def converse(request: web.Request, text: str, language: str) -> web.Response:
    """One turn of the conversation in the cookie (a new one without a live cookie)."""
    settings = request.config_dict[SETTINGS]
    store = request.config_dict[WEBCHAT_TRANSCRIPTS]
    sender = read_sender(request)
    state = await store.state(sender)
    if state is State.EXPIRED and sender is not None:
        if seen_within(request, settings, sender, store.idle_seconds):
            # Live, but this backend does not know it (restarted, no shared memory): carry on;
            # what was said before is not shown again after a reload, the conversation goes on.
            await store.open(sender)
            state = State.ACTIVE
        else:
            # Idle too long: say so rather than answer the wrong question.
            return json_error(409, expired_message(language), expired=True)
    new_sender = sender is None or state is State.ENDED
    if sender is None or new_sender:  # (both: so the type checker knows `sender` is a str)
        sender = str(uuid.uuid4())
        await store.open(sender)
    try:
        messages = await ask_rasa(request, settings, sender, text, language)
        chosen = chosen_language(messages)  # the assistant's choice by chat (issue 16)
        if chosen is not None and chosen != language:
            # The page follows: the script opens it again in that language (kept for the
            # session), and the conversation's history is shown again.
            response = web.json_response({"messages": messages, "language": chosen})
            set_language_cookie(response, settings, chosen)
        else:
            response = web.json_response({"messages": messages})
        await remember_exchange(request, store, sender, text, messages)
    except MessageRefused:
        await store.touch(sender)
        response = json_error(400, _("Please type your message again.", language), field="message")
    except ChatUnavailable:
        await store.touch(sender)
        response = json_error(503, unavailable_message(settings, language))
    if new_sender:
        set_sender_cookie(response, settings, sender)
    set_seen_cookie(response, settings, sender)
    return response


async def remember_exchange(
    request: web.Request,
    store: Transcripts,
    sender: str,
    text: str,
    messages: list[dict[str, Any]],
) -> None:
    """Keep the exchange for a reload and join a report's receipt to its case. The assistant
    has answered: a store that fails now loses the transcript, never the answer."""
    try:
        await store.record(sender, await store.shown_as(sender, text), messages)
    except StoreUnavailable as exc:
        logger.error("web chat: exchange not kept, shared memory not available (%s)", exc)
    await note_receipt(request, sender, messages)  # files held for the report join its case


# -- wiring ----------------------------------------------------------------------------------


def memory_stores(
    app: web.Application, settings: Settings, config: WebChatConfig
) -> tuple[Transcripts, SessionCases]:
    """The web chat's memory: in Redis when REDIS_URL is set (several backends share it; one
    client per app, opened and closed with it), else in this process."""
    if not settings.redis_url:
        return TranscriptStore(idle_seconds=config.session_idle_seconds), MemorySessionCases()
    shared = SharedMemory(settings.redis_url, config.redis_prefix)
    app[WEBCHAT_REDIS] = shared
    app.cleanup_ctx.append(shared.cleanup_ctx)
    return RedisTranscripts(shared, config.session_idle_seconds), RedisSessionCases(shared)


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
    settings = app[SETTINGS]
    app[WEBCHAT_CONFIG] = config
    setup_templates(app)
    setup_rasa_servers(app, settings.rasa_base_urls)
    transcripts, cases = memory_stores(app, settings, config)
    app.router.add_get("/", chat_page, name="webchat-page")
    app.router.add_get("/chat/embed.js", embed_script, name="webchat-embed")
    app.router.add_post("/chat/message", post_message, name="webchat-message")
    setup_session_routes(app, transcripts)
    setup_upload_routes(app, cases)  # POST /chat/evidence
    setup_link_routes(app)  # GET/POST /evidence/{token}: the texted upload link's page
    app.router.add_static(
        "/static/webchat/", STATIC_DIR, name=STATIC_ROUTE_NAME, append_version=True
    )
