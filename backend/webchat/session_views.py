"""The web chat session's own routes (issue 15): the transcript after a reload, "Exit this page"
and "Start again".

GET  /chat/history  -> {"state": "new" | "active" | "expired", "turns": [...]}: this session's
                       turns, oldest first, each {"from": "resident" | "assistant", "text",
                       "buttons"?} (buttons only on the question still open).
POST /chat/exit     -> the conversation is forgotten server side and the cookie cleared; a later
                       message with the old cookie starts a fresh conversation.
GET  /chat/leave    -> the same without JavaScript, then 303 to the neutral site.
POST /chat/restart  -> the same, then a new conversation id in a new session cookie.
The transcripts are in this backend's memory or, with REDIS_URL, in Redis shared by every
backend (transcripts.py): a conversation can go on through any backend. When Redis cannot be
reached these answer 503 (the page says the chat is not available). Nothing here logs a turn's
text.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from aiohttp import web

from backend.appkeys import SETTINGS
from backend.webchat.common import (
    WEBCHAT_CASES,
    WEBCHAT_TRANSCRIPTS,
    add_security_headers,
    clear_sender_cookie,
    json_error,
    origin_allowed,
    quick_exit_url,
    read_sender,
    seen_within,
    set_sender_cookie,
    unavailable_message,
)
from backend.webchat.transcripts import State, StoreUnavailable, Transcripts, TranscriptStore
from core.i18n import _

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def store_errors_as_503(handler: Handler) -> Handler:
    """The shared memory (Redis) unreachable: a plain 503, never a traceback page."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except StoreUnavailable as exc:
            logger.error("web chat: the shared memory is not available (%s)", exc)
            settings = request.config_dict[SETTINGS]
            language = settings.default_language
            response = json_error(503, unavailable_message(settings, language))
            add_security_headers(response)
            return response

    return guarded


async def end_session(request: web.Request) -> None:
    """Forget this session's conversation and the case its report made."""
    sender = read_sender(request)
    await request.config_dict[WEBCHAT_TRANSCRIPTS].end(sender)
    if WEBCHAT_CASES in request.config_dict:
        await request.config_dict[WEBCHAT_CASES].forget(sender)


@store_errors_as_503
async def history(request: web.Request) -> web.StreamResponse:
    """GET /chat/history: what this session said so far, to show again after a reload."""
    settings = request.config_dict[SETTINGS]
    store = request.config_dict[WEBCHAT_TRANSCRIPTS]
    sender = read_sender(request)
    state = await store.state(sender)
    idle = store.idle_seconds
    if state is State.EXPIRED and sender and seen_within(request, settings, sender, idle):
        state = State.ACTIVE  # live, but this backend was restarted: nothing to show again
        await store.open(sender)
    if state is State.ACTIVE and sender is not None:
        response = web.json_response({"state": "active", "turns": await store.turns(sender)})
    elif state is State.EXPIRED:
        response = web.json_response({"state": "expired", "turns": []})
    else:
        response = web.json_response({"state": "new", "turns": []})
        if state is State.ENDED:
            clear_sender_cookie(response, settings)
    add_security_headers(response)
    return response


async def quick_exit(request: web.Request) -> web.StreamResponse:
    """POST /chat/exit: "Exit this page". Forget the conversation and clear the cookie."""
    settings = request.config_dict[SETTINGS]
    if not origin_allowed(request, settings):
        return json_error(403, _("This request came from another website.", None))
    try:
        await end_session(request)
    except StoreUnavailable as exc:  # the cookie goes all the same; Redis forgets by its TTL
        logger.error("web chat: quick exit not recorded, shared memory not available (%s)", exc)
    response = web.json_response({"ok": True})
    clear_sender_cookie(response, settings, language_too=True)
    add_security_headers(response)
    return response


@store_errors_as_503
async def restart(request: web.Request) -> web.StreamResponse:
    """POST /chat/restart: forget the conversation; the next message starts afresh."""
    settings = request.config_dict[SETTINGS]
    if not origin_allowed(request, settings):
        return json_error(403, _("This request came from another website.", None))
    await end_session(request)
    sender = str(uuid.uuid4())
    await request.config_dict[WEBCHAT_TRANSCRIPTS].open(sender)
    response = web.json_response({"ok": True})
    set_sender_cookie(response, settings, sender)
    add_security_headers(response)
    return response


async def leave(request: web.Request) -> web.StreamResponse:
    """GET /chat/leave: "Exit this page" without JavaScript (the script uses POST /chat/exit and
    location.replace). SameSite=Strict: another site's link cannot end a conversation. The
    resident is sent to the neutral site even when the shared memory cannot be reached."""
    settings = request.config_dict[SETTINGS]
    try:
        await end_session(request)
    except StoreUnavailable as exc:
        logger.error("web chat: quick exit not recorded, shared memory not available (%s)", exc)
    response = web.HTTPSeeOther(quick_exit_url())
    clear_sender_cookie(response, settings, language_too=True)
    add_security_headers(response)
    return response


def setup_session_routes(app: web.Application, store: Transcripts | None = None) -> None:
    """Add GET /chat/history, POST /chat/exit and POST /chat/restart to `app`."""
    app[WEBCHAT_TRANSCRIPTS] = store or TranscriptStore()
    app.router.add_get("/chat/history", history, name="webchat-history")
    app.router.add_post("/chat/exit", quick_exit, name="webchat-exit")
    app.router.add_get("/chat/leave", leave, name="webchat-leave")
    app.router.add_post("/chat/restart", restart, name="webchat-restart")
