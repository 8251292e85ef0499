"""Safeguarding records: "I have marked your report as urgent" is true the moment it is said.

When `action_safety_advice` gives emergency, self-harm or domestic abuse advice (the replies that
promise urgency or passing on), `note_safety_advice` keeps a record of what is known: route,
reasons, flags, channel, language, the resident's words so far in this conversation, any contact
detail given (on SMS the sender id is the phone number) and when it started. It is written to
the action server's spool first (bot/actions/safeguarding_spool.py, fsync'd), then relayed to
the backend (POST /api/safeguarding/records) in the background and by the relay loop
(`relay_records`, called from bot/actions/relay.py), so it survives a crash of any one process.
One record per conversation's safety episode: a second safety message updates it and keeps the
most urgent route.

While the conversation goes on, every reply the assistant renders (`POST /nlg`, see
bot/actions/server.py) updates the record's last activity, words and contact details
(`note_activity_in_background`; relayed at most once a minute per record), so the backend can
tell a live conversation from an abandoned one even if the action server dies. If the report is
finished, it carries the record id (`record_for_report`, `with_record`) and the backend joins
the two; the record is then closed here. If not, the backend turns it into an urgent
incomplete-report case (backend/safeguarding/).

Logs carry record ids and HTTP statuses only, never what the resident said or their details.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from collections.abc import Coroutine, Mapping
from datetime import datetime, timezone
from typing import Any

import aiohttp
from rasa_sdk import Tracker

from bot.actions.safeguarding_spool import THROTTLE_SECONDS, RecordRow, SafeguardingSpool, Saved
from bot.actions.sms_contact import sms_phone
from bot.constants import REPORT_CHANNELS, SKIPPED
from core import safety
from core.i18n import normalise_language
from core.logs import log_unexpected
from core.settings import Settings

logger = logging.getLogger(__name__)

# Routes whose advice promises urgency or passing on; most urgent first.
RECORD_ROUTES = (safety.EMERGENCY, safety.DOMESTIC_ABUSE)
# A report's route order for merging a record into it (bot/actions/safety_advice.py).
REPORT_ROUTE_ORDER = (safety.EMERGENCY, safety.DOMESTIC_ABUSE, safety.HATE, safety.CRIME_101)
FLAG_NAMES = ("urgent", "domestic_abuse", "hate", "safeguarding")
# What a record keeps of the resident's words (the backend accepts a little more).
MAX_MESSAGE_CHARS = 2000
MAX_WORDS_CHARS = 18_000
MAX_MESSAGES = 150
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=5)
RETRY_FIRST = 5.0  # seconds before the first retry, doubled each time ...
RETRY_MAX = 60.0  # ... up to once a minute: the backend must hear of it before the idle limit.
BATCH_SIZE = 50
REFUSED_STATUSES = frozenset({400, 422})

# Background work (relays, activity notes) kept referenced until it finishes.
_background: set[asyncio.Task] = set()
_spools: dict[str, SafeguardingSpool] = {}


def _spool(settings: Settings) -> SafeguardingSpool:
    """The spool at `settings.report_spool_path` (one object per file: it is prepared once)."""
    path = str(settings.report_spool_path)
    if path not in _spools:
        _spools[path] = SafeguardingSpool(path)
    return _spools[path]


def conversation_key(sender_id: str, settings: Settings) -> str:
    """The spool's key for a conversation: a keyed hash, not the sender id (a phone number on
    SMS)."""
    key = ("asb-safeguarding:" + settings.ingest_secret).encode()
    return hmac.new(key, sender_id.encode(), hashlib.sha256).hexdigest()


def session_marker(tracker: Tracker) -> str | None:
    """Which Rasa session the tracker is in (the timestamp of its latest session start)."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "session_started":
            return repr(event.get("timestamp"))
    return None


def _episode(tracker: Tracker) -> list[dict[str, Any]]:
    """The events since the session started or the last report was sent."""
    events = list(tracker.events or [])
    start = 0
    for index, event in enumerate(events):
        kind = event.get("event")
        sent = kind == "slot" and event.get("name") == "stage" and event.get("value") == "sent"
        if kind == "session_started" or sent:
            start = index + 1
    return events[start:]


def _fit(messages: list[str]) -> list[str]:
    """Messages within the record's limits: all of them, or the first and the latest."""
    trimmed = [message[:MAX_MESSAGE_CHARS] for message in messages]
    if len(trimmed) <= MAX_MESSAGES and sum(map(len, trimmed)) <= MAX_WORDS_CHARS:
        return trimmed
    first, budget, kept = trimmed[0], MAX_WORDS_CHARS - len(trimmed[0]), []
    for message in reversed(trimmed[1:]):
        if len(kept) + 2 > MAX_MESSAGES or len(message) > budget:
            break
        kept.append(message)
        budget -= len(message)
    return [first, *reversed(kept)]


def resident_words(tracker: Tracker) -> tuple[list[str], int, float]:
    """(the resident's messages in this episode, as many as fit; how many there were; the
    time of their latest message). Button payloads ("/affirm") are not their words."""
    messages: list[str] = []
    latest = 0.0
    for event in _episode(tracker):
        if event.get("event") != "user":
            continue
        latest = max(latest, float(event.get("timestamp") or 0.0))
        text = " ".join(str(event.get("text") or "").split())
        if text and not text.startswith("/"):
            messages.append(text)
    return (_fit(messages) if messages else []), len(messages), (latest or time.time())


def _channel(tracker: Tracker) -> str:
    return REPORT_CHANNELS.get(str(tracker.get_latest_input_channel() or ""), "rest")


def _language(tracker: Tracker, default: str) -> str:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    for candidate in (tracker.get_slot("language"), metadata.get("language"), default):
        if isinstance(candidate, str) and candidate.strip():
            return normalise_language(candidate)
    return normalise_language(None)


def _given(value: Any) -> Any:
    return None if value in (None, "", SKIPPED) else value


def contact_details(tracker: Tracker) -> dict[str, Any]:
    """What the resident told us about how to reach them (nothing of who they are when they
    chose to stay anonymous). On SMS their number comes with each text (sms_contact.py)."""
    slot = tracker.get_slot
    anonymous = slot("anonymous") == "yes"
    phone = _given(slot("phone"))
    if phone is None and _channel(tracker) == "sms":
        phone = sms_phone(tracker)
    location = _given(slot("location"))
    return {
        "name": None if anonymous else _given(slot("reporter_name")),
        "phone": None if anonymous or not isinstance(phone, str) else phone,
        "location": location if isinstance(location, str) else None,
        # Only a "yes" lets the backend ever text them (domestic abuse above all).
        "safe_to_text": slot("safe_to_text") if isinstance(slot("safe_to_text"), bool) else None,
        "consent_to_contact": slot("consent_to_contact")
        if isinstance(slot("consent_to_contact"), bool)
        else None,
    }


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="seconds")


def snapshot(
    tracker: Tracker,
    settings: Settings,
    route: str | None,
    reasons: tuple[str, ...] = (),
    flags: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The record as the tracker shows it now (the route only when this message calls for
    one)."""
    words, count, latest = resident_words(tracker)
    slot_flags = set(tracker.get_slot("safety_flags") or [])
    all_flags = set(flags) | slot_flags
    if route == safety.EMERGENCY or tracker.get_slot("urgent") is True:
        all_flags.add("urgent")
    return {
        "route": route if route in RECORD_ROUTES else None,
        "reasons": [reason for reason in reasons if reason],
        "flags": {name: name in all_flags for name in FLAG_NAMES},
        "channel": _channel(tracker),
        "language": _language(tracker, settings.default_language),
        "started_at": _iso(latest),
        "last_activity_at": _iso(latest),
        "message_count": count,
        "words": words,
        "contact": contact_details(tracker),
    }


def _rank(route: str | None) -> int:
    return RECORD_ROUTES.index(route) if route in RECORD_ROUTES else len(RECORD_ROUTES)


def merge(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The stored record brought up to date: most urgent route, every reason and flag, the
    first start, the latest activity, the words so far and every contact detail given."""
    if old is None:
        return new
    contact = dict(old.get("contact") or {})
    contact.update({k: v for k, v in (new.get("contact") or {}).items() if v is not None})
    old_flags, new_flags = old.get("flags") or {}, new.get("flags") or {}
    more_urgent = _rank(new.get("route")) < _rank(old.get("route"))
    return {
        **old,
        "route": new["route"] if more_urgent else old["route"],
        "reasons": list(dict.fromkeys([*old.get("reasons", []), *new.get("reasons", [])])),
        "flags": {name: bool(old_flags.get(name) or new_flags.get(name)) for name in FLAG_NAMES},
        "channel": new["channel"],
        "language": new["language"],
        "last_activity_at": max(old["last_activity_at"], new["last_activity_at"]),
        "message_count": max(old.get("message_count", 0), new["message_count"]),
        "words": new["words"] or old.get("words", []),
        "contact": contact,
    }


def _urgent(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """A new record, or a more urgent route, goes to the backend at once."""
    return old is None or _rank(new.get("route")) < _rank(old.get("route"))


def throttle(settings: Settings) -> float:
    """Seconds between activity updates of a record: a minute, or less when the backend's idle
    limit is short (tests), so a live conversation never looks abandoned."""
    return min(THROTTLE_SECONDS, settings.abandoned_after_minutes * 60 / 4)


def _in_background(work: Coroutine[Any, Any, Any]) -> None:
    task = asyncio.get_running_loop().create_task(work)
    _background.add(task)
    task.add_done_callback(_background.discard)


async def note_safety_advice(
    tracker: Tracker,
    settings: Settings,
    route: str,
    reason: str,
    flags: set[str] | frozenset[str],
) -> None:
    """Record the safety advice just given (opens the conversation's record for an emergency,
    self-harm or domestic abuse route; any safety route updates an open one). Never raises:
    the advice matters more than the record, and the failure is logged."""
    try:
        fresh = snapshot(tracker, settings, route, (reason,), flags)
        saved = await asyncio.to_thread(
            _spool(settings).open_or_update,
            conversation_key(tracker.sender_id, settings),
            session_marker(tracker),
            fresh,
            merge,
            create=route in RECORD_ROUTES,
            urgent=_urgent,
            throttle=throttle(settings),
        )
    except Exception as exc:  # noqa: BLE001 - logged; the advice still goes out
        log_unexpected(logger, f"saving the safeguarding record (route {route})", exc)
        return
    if saved is not None and saved.changed:
        if saved.created:
            logger.info("safeguarding record %s opened (route %s)", saved.row.record_id, route)
        _relay_soon(settings, saved)


def _relay_soon(settings: Settings, saved: Saved) -> None:
    if saved.row.next_attempt_at <= time.time():
        _in_background(relay_records(settings, record_id=saved.row.record_id))


def _note_activity(state: Mapping[str, Any], settings: Settings) -> Saved | None:
    tracker = Tracker.from_dict(dict(state))
    spool = _spool(settings)
    key = conversation_key(tracker.sender_id, settings)
    if spool.open_record(key) is None:
        return None  # the usual case: no safety advice in this conversation
    route = tracker.get_slot("safety_route")
    fresh = snapshot(tracker, settings, route if route in RECORD_ROUTES else None)
    return spool.open_or_update(
        key,
        session_marker(tracker),
        fresh,
        merge,
        create=False,
        urgent=_urgent,
        throttle=throttle(settings),
    )


def note_activity_in_background(state: object, settings: Settings) -> None:
    """Bring the conversation's open record up to date from the tracker Rasa sent with an NLG
    request (without holding up the reply). Never raises."""
    if not isinstance(state, Mapping) or not isinstance(state.get("sender_id"), str):
        return

    async def work() -> None:
        try:
            saved = await asyncio.to_thread(_note_activity, state, settings)
        except Exception as exc:  # noqa: BLE001 - logged; the conversation goes on
            log_unexpected(logger, "saving safeguarding activity", exc)
            return
        if saved is not None and saved.changed:
            _relay_soon(settings, saved)

    _in_background(work())


async def record_for_report(tracker: Tracker, settings: Settings) -> dict[str, Any] | None:
    """The conversation's open record (its snapshot) for the report about to be sent, or None."""
    try:
        row = await asyncio.to_thread(
            _spool(settings).open_record, conversation_key(tracker.sender_id, settings)
        )
    except Exception as exc:  # noqa: BLE001 - the report matters more; logged
        log_unexpected(logger, "reading the safeguarding spool (report sent without it)", exc)
        return None
    if row is None or row.snapshot is None or row.session_marker != session_marker(tracker):
        return None
    return row.snapshot


def with_record(payload: dict[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """The report payload carrying its record: `safeguarding_id`, and the record's route and
    flags when they are more urgent than the report's (e.g. the report was started again)."""
    payload = {**payload, "safeguarding_id": record["record_id"]}
    order = {route: rank for rank, route in enumerate(REPORT_ROUTE_ORDER)}
    route = record.get("route")
    if order.get(route, len(order)) < order.get(payload.get("route"), len(order)):
        payload["route"] = route
        payload["details"] = {
            **(payload.get("details") or {}),
            "safety_route": route,
            "police_advice": "999" if route == safety.EMERGENCY else "101",
        }
    record_flags = record.get("flags") or {}
    flags = dict(payload.get("flags") or {})
    for name in FLAG_NAMES:
        flags[name] = bool(flags.get(name) or record_flags.get(name))
    flags["urgent"] = flags["urgent"] or payload.get("route") == safety.EMERGENCY
    payload["flags"] = flags
    return payload


async def close_record(settings: Settings, record_id: str) -> None:
    """The report carrying this record is on its way: no more activity updates."""
    try:
        await asyncio.to_thread(_spool(settings).close, record_id)
    except Exception as exc:  # noqa: BLE001 - logged; the backend joins it with the report anyway
        log_unexpected(logger, f"closing safeguarding record {record_id}", exc)


# -- relaying to the backend -------------------------------------------------------------------


def records_url(settings: Settings) -> str:
    return f"{settings.backend_url}/api/safeguarding/records"


async def _post(
    session: aiohttp.ClientSession, settings: Settings, body: dict[str, Any]
) -> tuple[int | None, dict[str, Any]]:
    """(HTTP status or None when unreachable, JSON answer)."""
    headers = {"Authorization": f"Bearer {settings.ingest_secret}"}
    try:
        async with session.post(records_url(settings), json=body, headers=headers) as resp:
            try:
                answer = await resp.json(content_type=None)
            except ValueError:
                answer = None
            return resp.status, answer if isinstance(answer, dict) else {}
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return None, {}


def _without_contact(body: dict[str, Any], refused: list[str]) -> dict[str, Any] | None:
    """The record without the contact details the backend refused, or None when it refused
    more than contact details (a record lost over a phone number would be far worse)."""
    if not refused or not all(field.startswith("contact.") for field in refused):
        return None
    contact = dict(body.get("contact") or {})
    for field in refused:
        contact.pop(field.split(".", 1)[1], None)
    return {**body, "contact": contact}


async def relay_one(
    spool: SafeguardingSpool,
    settings: Settings,
    row: RecordRow,
    session: aiohttp.ClientSession,
) -> bool:
    """POST the row's latest snapshot once and record the outcome; True when delivered."""
    if row.snapshot is None:
        return False
    status, answer = await _post(session, settings, row.snapshot)
    if status in REFUSED_STATUSES:
        reduced = _without_contact(row.snapshot, sorted(answer.get("fields") or {}))
        if reduced is not None:
            logger.warning("safeguarding record %s: contact details refused", row.record_id)
            status, answer = await _post(session, settings, reduced)
    if status in (200, 201):
        state = answer.get("state") if isinstance(answer.get("state"), str) else None
        await asyncio.to_thread(spool.mark_relayed, row.record_id, row.version, state)
        logger.info("safeguarding record %s v%d relayed (%s)", row.record_id, row.version, state)
        return True
    if status in REFUSED_STATUSES:
        fields = ",".join(sorted(answer.get("fields") or {}))
        await asyncio.to_thread(
            spool.mark_refused, row.record_id, row.version, f"HTTP {status} fields={fields}"
        )
        logger.error("safeguarding record %s refused by the backend (%s)", row.record_id, fields)
        return False
    error = f"HTTP {status}" if status else "unreachable"
    delay = min(RETRY_FIRST * 2 ** max(row.attempts, 0), RETRY_MAX)
    await asyncio.to_thread(
        spool.mark_failed, row.record_id, row.version, error, time.time() + delay
    )
    logger.warning(
        "safeguarding record %s not relayed (%s); next try in %.0f s", row.record_id, error, delay
    )
    return False


async def relay_records(
    settings: Settings, *, now: float | None = None, record_id: str | None = None
) -> int:
    """One pass: relay every due record (or just `record_id`) once; returns how many were
    delivered. Closes records whose conversation has long ended. Never raises (the relay loop
    and background tasks call it), except when cancelled."""
    spool = _spool(settings)
    try:
        if record_id is None:
            await asyncio.to_thread(spool.close_stale)
        rows = await asyncio.to_thread(spool.due, time.time() if now is None else now, BATCH_SIZE)
        if record_id is not None:
            rows = [row for row in rows if row.record_id == record_id]
        delivered = 0
        if rows:
            async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
                for row in rows:
                    delivered += await relay_one(spool, settings, row, session)
        return delivered
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - the next pass tries again
        log_unexpected(logger, "safeguarding relay pass (will try again)", exc)
        return 0
