"""The held reports' staff pages: the list, one held report, and what staff do with it.

GET /staff/held-reports and GET /staff/held-reports/{id} (managers, admins and agents:
`permissions.can_see_held_reports`); POST .../retry, .../correct and .../resolve (managers and
admins), each checking the session's CSRF token, changing the held report in one transaction
with its audit event, then redirecting back. A filing the report contract still refuses is
recorded, and the page shows what is still refused (400). Pages carry ids only in their URLs.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.alerts.email import email_in_background
from backend.appkeys import CALENDAR, SETTINGS
from backend.cases.models import Case
from backend.held_reports import actions, display, service
from backend.held_reports.actions import (
    BOOLEAN_FIELDS,
    CHOICE_FIELDS,
    FILED_LABELS,
    LEAVE_OUT,
    RESOLUTION_REASONS,
    HeldReportActionError,
    IntakeSettings,
)
from backend.held_reports.models import STATUSES, HeldReport
from backend.request_helpers import now, run_db
from backend.staff import permissions
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import age, checked_form, forbidden, render

log = logging.getLogger(__name__)

PAGE_SIZE = 50
MAX_PAGE = 100_000  # further pages are empty, never an offset too large for the database
MAX_CORRECTION = 5000
STATUS_LABELS = {
    "held": "Waiting for review",
    "filed": "Filed as a case",
    "resolved": "Resolved without a case",
    "all": "All held reports",
}
DONE_MESSAGES = {
    "filed": "The report has been filed as a case.",
    "resolved": "The held report has been resolved.",
}


class _NotFound(Exception):
    pass


def _held_id(request: web.Request) -> int:
    raw = request.match_info["held_id"]
    if not re.fullmatch(r"[0-9]{1,15}", raw):  # also never a number the database cannot hold
        raise web.HTTPNotFound(text="There is no held report with that number.")
    return int(raw)


def _case_references(session: Session, case_ids: set[int]) -> dict[int, str]:
    if not case_ids:
        return {}
    rows = session.execute(select(Case.id, Case.reference).where(Case.id.in_(case_ids)))
    return {case_id: reference for case_id, reference in rows}


def _list_item(held: HeldReport, references: dict[int, str], moment: Any) -> dict[str, Any]:
    return {
        "id": held.id,
        "status": held.status,
        "held_at": held.held_at,
        "waiting": age(held.held_at, moment),
        "received_at": held.received_at,
        "channel": held.channel,
        # Still refused while it waits; afterwards, why it was held in the first place.
        "refused": display.refusal_rows(
            (held.open_fields if held.status == "held" else (held.refusal or {}).get("fields"))
            or {}
        ),
        "retries": held.retries,
        "case_reference": references.get(held.case_id) if held.case_id else None,
    }


async def list_page(request: web.Request) -> web.Response:
    """GET /staff/held-reports?status=held|filed|resolved|all&page=N."""
    identity = await require_staff(request)
    if not permissions.can_see_held_reports(identity):
        return forbidden(request, identity, "see held reports")
    status = request.query.get("status", "held")
    status = status if status in (*STATUSES, "all") else "held"
    try:
        page = min(max(int(request.query.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    moment = now(request)

    def load(session: Session) -> tuple[list[dict[str, Any]], dict[str, int]]:
        rows = service.list_held_reports(
            session, None if status == "all" else status, PAGE_SIZE, (page - 1) * PAGE_SIZE
        )
        references = _case_references(session, {r.case_id for r in rows if r.case_id})
        return [_list_item(r, references, moment) for r in rows], service.count_by_status(session)

    items, counts = await run_db(request, load)
    total = sum(counts.values()) if status == "all" else counts[status]
    return render(
        request,
        "staff/held_reports.html",
        {
            "staff": identity,
            "items": items,
            "counts": counts,
            "total": total,
            "status": status,
            "status_labels": STATUS_LABELS,
            "page": page,
            "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        },
    )


def _page_data(session: Session, held: HeldReport, identity: StaffIdentity) -> dict[str, Any]:
    """Everything the held report's page shows (plain data; the session closes afterwards)."""
    show_equality = permissions.can_see_equality(identity)
    references = _case_references(session, {held.case_id} if held.case_id else set())
    refusal = held.refusal or {}
    return {
        "id": held.id,
        "report_id": held.report_id,
        "status": held.status,
        "held_at": held.held_at,
        "received_at": held.received_at,
        "channel": held.channel,
        "retries": held.retries,
        "refusal_status": refusal.get("status"),
        "refusal_error": refusal.get("error"),
        "refused": display.refusal_rows(refusal.get("fields") or {}),
        "still_refused": display.refusal_rows(held.open_fields or {}),
        "said": display.resident_words(held.payload, held.open_fields or {}, show_equality),
        "corrections": display.correction_fields(held, show_equality),
        "case_reference": references.get(held.case_id) if held.case_id else None,
        "resolution": held.resolution,
        "resolution_label": FILED_LABELS.get(held.resolution or "")
        or RESOLUTION_REASONS.get(held.resolution or ""),
        "resolution_note": held.resolution_note,
        "resolved_at": held.resolved_at,
        "resolved_by": held.resolved_by,
        "events": [
            {"at": e.at, "actor": e.actor, "kind": e.kind, "summary": e.summary}
            for e in service.events_of(session, held.id)
        ],
        "alerts": [
            {
                "raised_at": a.raised_at,
                "acknowledged_at": a.acknowledged_at,
                "acknowledged_by": a.acknowledged_by,
            }
            for a in service.alerts_of(session, held.id)
        ],
    }


async def render_held_page(
    request: web.Request,
    identity: StaffIdentity,
    held_id: int,
    *,
    error: str = "",
    status: int = 200,
) -> web.Response:
    """The page of held report `held_id` (or not found, or forbidden), with `error` if given."""
    if not permissions.can_see_held_reports(identity):
        return forbidden(request, identity, "see held reports")

    def load(session: Session) -> dict[str, Any] | None:
        held = service.load_held_report(session, held_id)
        return None if held is None else _page_data(session, held, identity)

    data = await run_db(request, load)
    if data is None:
        raise web.HTTPNotFound(text="There is no held report with that number.")
    return render(
        request,
        "staff/held_report.html",
        {
            "staff": identity,
            "held": data,
            "error": error,
            "done": DONE_MESSAGES.get(request.query.get("done", ""), ""),
            "can_act": permissions.can_act_on_held_reports(identity) and data["status"] == "held",
            "status_labels": STATUS_LABELS,
            "reasons": RESOLUTION_REASONS,
        },
        status=status,
    )


async def detail_page(request: web.Request) -> web.Response:
    """GET /staff/held-reports/{held_id}."""
    identity = await require_staff(request)
    return await render_held_page(request, identity, _held_id(request))


# -- actions --------------------------------------------------------------------------------


def _intake_settings(request: web.Request) -> IntakeSettings:
    settings = request.config_dict[SETTINGS]
    return IntakeSettings(settings.landlord_name, settings.duty_officer_phone)


def _typed(raw: str, current: Any) -> Any:
    """A corrected free-text answer: text, or (where the resident's answer was not text) a
    number, list or object typed as JSON."""
    if isinstance(current, str) or current is None:
        return raw
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, (int, float, list, dict)) else raw


def corrections_from_form(held: HeldReport, form: Any) -> dict[str, Any]:
    """The corrections a correction form asks for, for the fields still refused only (an
    answer not among those offered: HeldReportActionError)."""
    corrections: dict[str, Any] = {}
    for path in sorted(held.open_fields or {}):
        if not path:
            continue
        if form.get(f"leave_out:{path}"):
            corrections[path] = LEAVE_OUT
            continue
        key = f"value:{path}"
        if key not in form:
            continue
        raw = str(form.get(key, "")).strip()[:MAX_CORRECTION]
        allowed = ("yes", "no") if path in BOOLEAN_FIELDS else CHOICE_FIELDS.get(path)
        if allowed is not None and raw and raw not in allowed:
            label = display.refusal_rows({path: ""})[0]["label"]
            raise HeldReportActionError(f"Choose one of the answers listed for {label}.")
        if path in BOOLEAN_FIELDS:
            corrections[path] = {"yes": True, "no": False}.get(raw)
        elif path in CHOICE_FIELDS:
            corrections[path] = raw or None
        else:
            current = actions.field_value(held.payload, path)
            corrections[path] = _typed(raw, current) if raw else None
    return corrections


async def _act(request: web.Request, verb: str, work: Any) -> web.Response:
    """Check CSRF and role, run `work(session, held, identity, form)` on the locked held
    report; then redirect, or show the page with why it did not file."""
    identity, form = await checked_form(request)
    held_id = _held_id(request)
    if not permissions.can_act_on_held_reports(identity):
        log.info(
            "refused: %s (%s) %s on held report %s", identity.username, identity.role, verb, held_id
        )
        return forbidden(request, identity, "act on held reports")

    def run(session: Session) -> actions.Filing | None:
        held = service.load_held_report(session, held_id, lock=True)
        if held is None:
            raise _NotFound
        return work(session, held, identity, form)

    try:
        outcome = await run_db(request, run)
    except _NotFound as exc:
        raise web.HTTPNotFound(text="There is no held report with that number.") from exc
    except HeldReportActionError as exc:
        return await render_held_page(request, identity, held_id, error=str(exc), status=400)
    log.info("held report %s: %s by %s", held_id, verb, identity.username)
    if outcome is not None and outcome.case_reference is None:
        fields = "; ".join(
            f"{row['label']} {row['message']}" for row in display.refusal_rows(outcome.refused)
        )
        message = f"The report contract still refuses it ({fields}). No case was made."
        return await render_held_page(request, identity, held_id, error=message, status=400)
    if outcome is not None:
        email_in_background(request.app, outcome.raised)
    raise web.HTTPSeeOther(
        f"/staff/held-reports/{held_id}?done={'resolved' if outcome is None else 'filed'}"
    )


async def retry(request: web.Request) -> web.Response:
    """POST /staff/held-reports/{held_id}/retry: the report as sent, through the contract."""
    calendar = request.config_dict[CALENDAR]
    intake = _intake_settings(request)
    moment = now(request)

    def work(session: Session, held: HeldReport, identity: StaffIdentity, form: Any):
        return actions.retry(
            session, held, actor=identity.username, calendar=calendar, now=moment, intake=intake
        )

    return await _act(request, "retry", work)


async def correct(request: web.Request) -> web.Response:
    """POST /staff/held-reports/{held_id}/correct: file it with the refused answers corrected."""
    calendar = request.config_dict[CALENDAR]
    intake = _intake_settings(request)
    moment = now(request)

    def work(session: Session, held: HeldReport, identity: StaffIdentity, form: Any):
        return actions.file_corrected(
            session,
            held,
            corrections_from_form(held, form),
            actor=identity.username,
            calendar=calendar,
            now=moment,
            intake=intake,
        )

    return await _act(request, "correct", work)


async def resolve(request: web.Request) -> web.Response:
    """POST /staff/held-reports/{held_id}/resolve: no case needed, with a reason."""
    moment = now(request)

    def work(session: Session, held: HeldReport, identity: StaffIdentity, form: Any) -> None:
        actions.resolve(
            session,
            held,
            str(form.get("reason", "")),
            str(form.get("note", "")),
            actor=identity.username,
            now=moment,
        )

    return await _act(request, "resolve", work)
