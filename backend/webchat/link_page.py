"""The page a one-time upload link opens (texted on request: backend/sms_inbound/), issue 15.

GET  /evidence/{token}  -> the upload form (a plain form: no script needed), or a plain
                           "expired or used" page (404) for a link that is not live.
POST /evidence/{token}  -> one file (multipart `file`), checked and kept by backend/evidence/
                           like the chat page's uploads, on the link's case; the page again
                           with a thank-you, or what was wrong (4xx). Each file spends one of the
                           link's files; a link works for 24 hours.
Only the token's hash is stored; nothing here logs the token or a file name.
"""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from backend.appkeys import SETTINGS
from backend.cases.models import Case
from backend.evidence import service as evidence
from backend.request_helpers import now, run_db
from backend.webchat import evidence_words as words
from backend.webchat.common import (
    STATIC_ROUTE_NAME,
    WEBCHAT_JINJA,
    add_security_headers,
    origin_allowed,
    quick_exit_url,
    text_direction,
)
from backend.webchat.uploads import Refused, keep_upload, read_upload
from core.i18n import _, normalise_language

TEMPLATE = "webchat/evidence.html"


def _link_state(session: Session, token: str, moment: Any) -> tuple[int, str, int] | None:
    link = evidence.live_link(session, token, moment)
    if link is None:
        return None
    case = session.get(Case, link.case_id)
    if case is None or case.status == "closed":
        return None
    return case.id, case.language or "en", link.files_left


def _render(
    request: web.Request,
    language: str,
    state: tuple[int, str, int] | None,
    *,
    error: str = "",
    done: str = "",
    status: int = 200,
) -> web.Response:
    settings = request.config_dict[SETTINGS]
    static = request.app.router[STATIC_ROUTE_NAME]
    context: dict[str, Any] = {
        "_": lambda message, **values: _(message, language, **values),
        "lang": language,
        "dir": text_direction(language),
        "landlord_name": settings.landlord_name,
        "landlord_phone": settings.landlord_phone,
        "quick_exit_url": quick_exit_url(),
        "css_url": str(static.url_for(filename="chat.css")),
        "exit_js_url": str(static.url_for(filename="exit.js")),
        "strings": {
            "loading": _("Loading.", language),
            "exiting": _("Exiting this page.", language),
            "shift1": _("Shift, press 2 more times to exit this page.", language),
            "shift2": _("Shift, press 1 more time to exit this page.", language),
            "shiftExpired": _("Exit this page expired.", language),
        },
        "evidence": None,
        "done": done,
        "files_left": 0,
        "link_error": words.refusal("link", settings, language, evidence.MAX_FILES_PER_CASE),
    }
    if state is not None:
        context["files_left"] = state[2]
        context["evidence"] = {
            "action": request.path,
            "court_note": words.court_note(language),
            "limits": words.limits_hint(settings, language),
            "ask_reference": False,
            "error": error,
            "done": done,
        }
    response = aiohttp_jinja2.render_template(
        TEMPLATE, request, context, status=status, app_key=WEBCHAT_JINJA
    )
    add_security_headers(response)
    # same-origin, not no-referrer: with no-referrer a browser's form POST says `Origin: null`,
    # which origin_allowed refuses; the token's URL still never goes to another site.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def link_page(request: web.Request) -> web.Response:
    """GET /evidence/{token}."""
    settings = request.config_dict[SETTINGS]
    token, moment = request.match_info["token"], now(request)
    state = await run_db(request, lambda session: _link_state(session, token, moment))
    language = normalise_language(state[1] if state else settings.default_language)
    return _render(request, language, state, status=200 if state else 404)


async def link_upload(request: web.Request) -> web.Response:
    """POST /evidence/{token}: one file on the link's case."""
    settings = request.config_dict[SETTINGS]
    token, moment = request.match_info["token"], now(request)
    state = await run_db(request, lambda session: _link_state(session, token, moment))
    language = normalise_language(state[1] if state else settings.default_language)
    if state is None:
        return _render(request, language, None, status=404)
    limits = evidence.Limits.from_settings(settings)

    async def decide(fields: dict[str, str]) -> None:
        room = await run_db(request, lambda session: evidence.room_left(session, state[0], None))
        if not room:
            raise Refused("too_many", 409)

    def save(session: Session, kept: evidence.Kept) -> dict[str, Any]:
        link = evidence.live_link(session, token, moment, lock=True)
        if link is None:
            raise evidence.UploadRefused("link", 404)
        link.files_left -= 1
        return evidence.record(session, kept, source="sms_link", now=moment, case_id=link.case_id)

    try:
        if not origin_allowed(request, settings):
            raise Refused("other_site", 403)
        temp = await read_upload(request, limits, decide)
        result = await keep_upload(request, temp, limits, save)
    except Refused as exc:
        text = words.refusal(exc.code, settings, language, evidence.MAX_FILES_PER_CASE)
        state = await run_db(request, lambda session: _link_state(session, token, moment))
        return _render(request, language, state, error=text, status=exc.status)
    state = await run_db(request, lambda session: _link_state(session, token, moment))
    done = words.received(result["kind"], language, None)
    return _render(request, language, state, done=done, status=201)


def setup_link_routes(app: web.Application) -> None:
    app.router.add_get("/evidence/{token}", link_page, name="evidence-link")
    app.router.add_post("/evidence/{token}", link_upload, name="evidence-link-upload")
