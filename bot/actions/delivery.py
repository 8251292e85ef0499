"""One attempt to hand a spooled report to the backend (`POST /api/reports`), and its outcome.

Used by the submit action (straight after the resident confirms) and by the relay loop. A
report the backend refuses is kept in the spool with the refusal and handed over to the
backend's held reports for staff (bot/actions/handover.py).
Logs carry report ids, references and HTTP statuses only, never report content.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.actions.handover import INLINE_GRACE, hand_over
from bot.actions.spool import DELIVERED, PENDING, REJECTED, ReportSpool
from core.settings import Settings

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=5)
# Statuses meaning "this report itself is wrong": retrying cannot help, staff must look.
REJECTED_STATUSES = frozenset({400, 413, 422})
MAX_REFUSAL_TEXT = 500  # characters kept of each message in a refusal
BACKOFF_FIRST = 15.0  # seconds before the first retry, doubled each time ...
BACKOFF_MAX = 15 * 60.0  # ... up to every 15 minutes, for as long as it takes.


def backoff(attempts: int) -> float:
    """Seconds to wait after `attempts` failed attempts."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


@dataclass(frozen=True)
class Outcome:
    state: str  # delivered | pending | rejected
    response: dict[str, Any] | None = None


def reports_url(settings: Settings) -> str:
    return f"{settings.backend_url}/api/reports"


def client_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=REQUEST_TIMEOUT)


# Optional parts of a report: if the backend refuses only these, the report goes without them
# (a case with less detail beats a report lost over an email address). docs/CONTRACTS.md.
OPTIONAL_FIELDS = (
    "reporter.email",
    "reporter.best_time",
    "reporter.preferred_contact",
    "reporter.consent_to_share",
    "equality",
    "risk",
    "ram_answers",
    "details",
    "safeguarding_id",  # a backend without safeguarding records (backend/safeguarding/)
    # Sent only when answered (bot/actions/case_fields.py); an older backend does not know them.
    "started_when",
    "reporter.postcode",
    "reporter.address",
    "reporter.visit_or_call",
    "reporter.communication_needs",
)
# Optional top-level parts left out altogether when refused (unknown to an older backend).
LEFT_OUT = frozenset({"safeguarding_id", "started_when"})


def _optional(field: str) -> bool:
    return any(field == name or field.startswith(name + ".") for name in OPTIONAL_FIELDS)


def without_fields(payload: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """A copy of `payload` without the optional `fields` the backend refused (noted in
    details.fields_dropped so staff know something was left out)."""
    reduced = {**payload, "reporter": dict(payload.get("reporter") or {})}
    details = dict(payload.get("details") or {})
    ram = dict(payload.get("ram_answers") or {})
    for field in fields:
        top, _, rest = field.partition(".")
        key = rest.split(".", 1)[0]
        if top in ("equality", "risk"):
            reduced[top] = None
        elif top in LEFT_OUT:  # unknown to an older backend: left out altogether
            reduced.pop(top, None)
        elif top == "reporter" and key:
            reduced["reporter"].pop(key, None)  # absent is null to the contract, and known
        elif top == "ram_answers":
            ram = {k: v for k, v in ram.items() if key and k != key}
        elif top == "details":
            details = {k: v for k, v in details.items() if key and k != key}
    reduced["ram_answers"] = ram
    reduced["details"] = {**details, "fields_dropped": sorted({f.split(".")[0] for f in fields})}
    return reduced


def _refusal(status: int, body: dict[str, Any] | None) -> dict[str, Any]:
    """The backend's refusal as `{"status", "error", "fields": {path: message}}` (its messages
    name the rule broken, never the value given)."""
    fields = (body or {}).get("fields")
    fields = fields if isinstance(fields, dict) else {}
    error = (body or {}).get("error")
    return {
        "status": status,
        "error": str(error)[:MAX_REFUSAL_TEXT] if error is not None else None,
        "fields": {str(k): str(v)[:MAX_REFUSAL_TEXT] for k, v in sorted(fields.items())},
    }


async def _post(
    session: aiohttp.ClientSession, settings: Settings, payload: dict[str, Any]
) -> tuple[str, dict[str, Any] | None, str]:
    """POST once: (state, backend answer, error summary without personal data); for a refusal
    the answer is the refusal (`_refusal`: its `fields` name the refused fields)."""
    headers = {"Authorization": f"Bearer {settings.ingest_secret}"}
    try:
        async with session.post(reports_url(settings), json=payload, headers=headers) as resp:
            try:
                body = await resp.json(content_type=None)
            except ValueError:
                body = None
            body = body if isinstance(body, dict) else None
            if resp.status in (200, 201):
                return DELIVERED, body or {}, ""
            if resp.status in REJECTED_STATUSES:
                refusal = _refusal(resp.status, body)
                error = f"HTTP {resp.status} fields={','.join(refusal['fields'])}"
                return REJECTED, refusal, error
            return PENDING, None, f"HTTP {resp.status}"
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        return PENDING, None, type(exc).__name__


async def deliver(
    spool: ReportSpool,
    settings: Settings,
    report_id: str,
    payload: dict[str, Any],
    session: aiohttp.ClientSession | None = None,
) -> Outcome:
    """POST a spooled report and record the result in the spool."""
    if session is None:
        async with client_session() as own_session:
            return await deliver(spool, settings, report_id, payload, own_session)
    state, body, error = await _post(session, settings, payload)
    refused = list((body or {}).get("fields") or []) if state == REJECTED else []
    first_refusal = body if state == REJECTED else None
    if refused and all(_optional(field) for field in refused):
        logger.warning(
            "report %s: optional fields refused (%s); sent without them", report_id, error
        )
        state, body, error = await _post(session, settings, without_fields(payload, refused))
    if state == DELIVERED:
        # The case PIN is shown to the resident once and never kept: the spool stores the
        # backend's answer without it (a repeat answers from the spool without a PIN).
        kept = {key: value for key, value in (body or {}).items() if key != "pin"}
        await asyncio.to_thread(spool.mark_delivered, report_id, kept)
        logger.info("report %s delivered as %s", report_id, (body or {}).get("reference"))
        return Outcome(DELIVERED, body)
    if state == REJECTED:
        refusal = dict(body or {})
        if first_refusal is not None and first_refusal is not body:  # both attempts' fields
            refusal["fields"] = {**first_refusal["fields"], **refusal.get("fields", {})}
        await asyncio.to_thread(
            spool.mark_rejected, report_id, error, refusal, time.time() + INLINE_GRACE
        )
        logger.error("report %s rejected by the backend (%s); kept for staff", report_id, error)
        await hand_over(spool, settings, report_id, session)
        return Outcome(REJECTED)
    row = await asyncio.to_thread(spool.get, report_id)
    delay = backoff((row.attempts if row else 0) + 1)
    attempts = await asyncio.to_thread(spool.mark_failed, report_id, error, time.time() + delay)
    logger.warning(
        "report %s not delivered (%s), attempt %d; next try in %.0f s",
        report_id,
        error,
        attempts,
        delay,
    )
    return Outcome(PENDING)
