"""Evidence from residents on the web chat page (issue 15): photos, videos, sound recordings
and documents, checked and kept by backend/evidence/.

POST /chat/evidence (multipart: `language`, then optionally `reference` with `postcode` or
`pin`, then `file`; answers JSON `{"message", "attached"}` or `{"error"}` with a 4xx):
- with a reference, after the identity check of backend/residents/ (postcode or case PIN;
  failures count against the same hourly limit): the file goes on that case at once;
- without one, during the report: the file goes on the case this chat session's report made
  (`SessionCases`, session_cases.py: in memory, or in Redis shared by every backend when
  REDIS_URL is set; learnt when the assistant's receipt shows the reference with its PIN, which
  the backend checks against the case) or, before that, is held against a keyed hash of the
  session's conversation id and attached when the receipt comes back (`note_receipt`, called
  by views.post_message). A report that is never sent leaves its held files unattached
  (`evidence.service.delete_unattached`).
Nothing here logs a file name, a reference typed by a resident or any personal data.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web
from sqlalchemy.orm import Session

from backend.appkeys import SETTINGS
from backend.cases.queries import get_case_by_reference
from backend.evidence import service as evidence
from backend.request_helpers import now, run_db
from backend.residents import pins
from backend.residents.service import NotFoundOrNotVerified, TooManyAttempts, verified_case
from backend.webchat import evidence_words as words
from backend.webchat.common import (
    WEBCHAT_CASES,
    WEBCHAT_TRANSCRIPTS,
    add_security_headers,
    origin_allowed,
    read_sender,
    set_sender_cookie,
)
from backend.webchat.session_cases import MemorySessionCases, SessionCases
from backend.webchat.transcripts import State, StoreUnavailable
from core.codes import REFERENCE_PATTERN
from core.i18n import normalise_language
from core.settings import Settings

log = logging.getLogger(__name__)

FIELD_LIMIT = 100  # characters of a text field (language, reference, postcode, PIN)
_RECEIPT_REFERENCE = re.compile(REFERENCE_PATTERN)
_RECEIPT_PIN = re.compile(r"(?<![\d-])(\d{6})(?!\d)")


class Refused(Exception):
    def __init__(self, code: str, status: int) -> None:
        self.code = code
        self.status = status
        super().__init__(code)


# -- the receipt: joining a chat session to its case ------------------------------------------


def receipt_in(messages: list[dict[str, Any]]) -> tuple[str, str] | None:
    """(reference, PIN) when one of the assistant's messages shows both (the report receipt)."""
    for message in messages:
        text = message.get("text") or ""
        reference = _RECEIPT_REFERENCE.search(text)
        pin = _RECEIPT_PIN.search(text)
        if reference and pin:
            return reference.group(0), pin.group(1)
    return None


async def note_receipt(request: web.Request, sender: str, messages: list[dict[str, Any]]) -> None:
    """After each answer from the assistant: if it is this session's report receipt (the
    reference and its PIN, which must match the case), join the session to the case and put
    the files held for the report on it. Never fails the chat."""
    found = receipt_in(messages)
    if found is None:
        return
    settings = request.config_dict[SETTINGS]
    reference, pin = found
    key = evidence.session_key(settings.ingest_secret, sender)
    moment = now(request)

    def join(session: Session) -> int | None:
        case = get_case_by_reference(session, reference)
        if case is None or not pins.pin_matches(session, case, pin, settings.ingest_secret):
            return None
        evidence.attach_session(session, key, case.id, moment)
        return case.id

    try:
        case_id = await run_db(request, join)
    except Exception as exc:  # noqa: BLE001 - the chat goes on; the files stay held
        log.warning("web chat evidence: receipt not joined (%s)", type(exc).__name__)
        return
    if case_id is None:
        return
    try:
        await request.config_dict[WEBCHAT_CASES].set(sender, case_id, reference)
    except StoreUnavailable as exc:  # the files held so far are on the case already
        log.warning("web chat evidence: session's case not kept (%s)", exc)


# -- reading an upload -----------------------------------------------------------------------


async def read_upload(
    request: web.Request,
    limits: evidence.Limits,
    decide: Callable[[dict[str, str]], Awaitable[None]],
) -> Path:
    """Read the multipart body: text fields first, then `file`. `decide(fields)` runs before
    the file is read (identity, room on the case) and raises Refused to stop. Returns the
    upload as a private temporary file."""
    if request.content_type != "multipart/form-data":
        raise Refused("no_file", 400)
    try:
        reader = await request.multipart()
        fields: dict[str, str] = {}
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                raise Refused("no_file", 400)
            if part.name == "file":
                await decide(fields)
                store = evidence.store_for(request.config_dict[SETTINGS])
                return await evidence.receive(part, store, limits)
            raw = await part.read_chunk(FIELD_LIMIT * 4)
            fields[str(part.name)] = raw.decode("utf-8", "replace").strip()[:FIELD_LIMIT]
    except evidence.UploadRefused as exc:
        raise Refused(exc.code, exc.status) from exc
    except (ValueError, AssertionError, asyncio.IncompleteReadError) as exc:
        raise Refused("no_file", 400) from exc
    raise Refused("no_file", 400)


async def keep_upload(
    request: web.Request,
    temp: Path,
    limits: evidence.Limits,
    save: Callable[[Session, evidence.Kept], dict[str, Any]],
) -> dict[str, Any]:
    """Check and keep the file, then `save` its row; the file is deleted if it is refused."""
    store = evidence.store_for(request.config_dict[SETTINGS])
    try:
        kept = await asyncio.to_thread(evidence.check_and_keep, store, temp, limits)
    except evidence.UploadRefused as exc:
        raise Refused(exc.code, exc.status) from exc
    try:
        return await run_db(request, lambda session: save(session, kept))
    except evidence.UploadRefused as exc:
        store.delete(kept.stored_name)
        raise Refused(exc.code, exc.status) from exc
    except BaseException:
        store.delete(kept.stored_name)
        raise


# -- POST /chat/evidence ---------------------------------------------------------------------


class ChatTarget:
    """Where a chat upload goes, decided from its fields before the file is read."""

    def __init__(self) -> None:
        self.case_id: int | None = None
        self.reference: str | None = None
        self.key: str | None = None
        self.source = "web_chat"


async def _check_reference(
    request: web.Request, fields: dict[str, str], target: ChatTarget
) -> None:
    """The identity check of backend/residents/ (postcode or PIN), committed even when it fails."""
    postcode, pin = fields.get("postcode", ""), fields.get("pin", "")
    if bool(postcode) == bool(pin):
        raise Refused("not_verified", 400)
    verification = ("postcode", postcode) if postcode else ("pin", pin)
    settings = request.config_dict[SETTINGS]
    moment = now(request)

    def check(session: Session) -> tuple[int, str, str] | str:
        try:
            case, _code = verified_case(
                session,
                fields["reference"],
                verification,
                now=moment,
                secret=settings.ingest_secret,
            )
        except TooManyAttempts:
            return "too_many_attempts"
        except NotFoundOrNotVerified:
            return "not_verified"
        if case.status == "closed":
            return "closed"
        if not evidence.room_left(session, case.id, None):
            return "too_many"
        return case.id, case.reference, case.status

    outcome = await run_db(request, check)
    if isinstance(outcome, str):
        status = {"too_many_attempts": 429, "closed": 409, "too_many": 409}.get(outcome, 404)
        raise Refused(outcome, status)
    target.case_id, target.reference, _status = outcome
    target.source = "case_check"


async def post_chat_evidence(request: web.Request) -> web.Response:
    """POST /chat/evidence: one file from the chat page (see the module docstring)."""
    settings = request.config_dict[SETTINGS]
    language = normalise_language(request.query.get("lang") or settings.default_language)
    limits = evidence.Limits.from_settings(settings)
    store = request.config_dict[WEBCHAT_TRANSCRIPTS]
    sender = read_sender(request)
    new_sender: str | None = None
    target = ChatTarget()

    async def decide(fields: dict[str, str]) -> None:
        nonlocal sender, new_sender
        if fields.get("reference"):
            await _check_reference(request, fields, target)
            return
        try:
            state = await store.state(sender)
            if state is State.EXPIRED:
                raise Refused("expired", 409)
            if sender is None or state is State.ENDED:
                sender = new_sender = str(uuid.uuid4())
                await store.open(sender)
            joined = await request.config_dict[WEBCHAT_CASES].get(sender)
        except StoreUnavailable as exc:
            log.error("web chat evidence: the shared memory is not available (%s)", exc)
            raise Refused("unavailable", 503) from None
        if joined is not None:
            target.case_id, target.reference = joined
        else:
            target.key = evidence.session_key(settings.ingest_secret, sender)
        allowed = await run_db(
            request, lambda session: evidence.room_left(session, target.case_id, target.key)
        )
        if not allowed:
            raise Refused("too_many", 409)

    try:
        if not origin_allowed(request, settings):
            raise Refused("other_site", 403)
        temp = await read_upload(request, limits, decide)
        moment = now(request)
        result = await keep_upload(
            request,
            temp,
            limits,
            lambda session, kept: evidence.record(
                session,
                kept,
                source=target.source,
                now=moment,
                case_id=target.case_id,
                key=target.key,
            ),
        )
        message = words.received(result["kind"], language, target.reference, result["attached"])
        response = web.json_response(
            {"message": message, "attached": result["attached"]}, status=201
        )
    except Refused as exc:
        text = words.refusal(exc.code, settings, language, evidence.MAX_FILES_PER_CASE)
        response = web.json_response({"error": text, "code": exc.code}, status=exc.status)
    if new_sender is not None:
        set_sender_cookie(response, settings, new_sender)
    add_security_headers(response)
    return response


def setup_upload_routes(app: web.Application, cases: SessionCases | None = None) -> None:
    """Add POST /chat/evidence (the chat page's upload control) to `app`."""
    app[WEBCHAT_CASES] = cases or MemorySessionCases()
    app.router.add_post("/chat/evidence", post_chat_evidence, name="webchat-evidence")


def chat_evidence_context(settings: Settings, language: str) -> dict[str, Any]:
    """What the chat page's upload control shows (templates/webchat/_evidence_form.html)."""
    return {
        "action": f"/chat/evidence?lang={language}",
        "court_note": words.court_note(language),
        "limits": words.limits_hint(settings, language),
        "ask_reference": True,
        "error": "",
        "done": "",
    }
