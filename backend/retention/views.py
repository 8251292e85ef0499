"""The data protection pages (admins only) and the daily retention run in the backend.

GET /staff/retention: the periods, recent retention runs, recent export and erasure requests,
and the two forms. POST /staff/retention/export: a subject-access export for a phone number or
a reference, as a readable page or a JSON download. POST /staff/retention/erase: erasure where
the law allows (closed cases anonymised, open ones refused and recorded). Both forms check the
session's CSRF token (`checked_form`), are POSTed so no number ever sits in a URL or an access
log, and are audited (backend/retention/models.DataRequest). The scheduled run: schedule.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import jinja2
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.appkeys import CLOCK, SESSION_FACTORY, SETTINGS
from backend.evidence.service import store_for
from backend.request_helpers import now, run_db
from backend.retention import erasure, export, schedule
from backend.retention.models import DataRequest, RetentionRun
from backend.retention.purge import KIND_LABELS, KINDS, periods
from backend.retention.subjects import Subject, SubjectError, parse_subject
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import checked_form, forbidden, render, setup_ui
from core.logs import log_unexpected

log = logging.getLogger(__name__)

PAGE = "/staff/retention"
RECENT = 20
ADMIN_ONLY = "see or act on residents' data requests (admins only)"
OUTCOME_LABELS = {
    "exported": "Exported",
    "erased": "Erased",
    "partly_erased": "Closed cases erased, open cases refused",
    "refused": "Refused: the case is open",
    "nothing_found": "Nothing held",
}


def readable(value: Any) -> str:
    """An answer in an export page: yes/no, codes and lists in words."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {readable(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(readable(v) for v in value)
    return "" if value is None else str(value)


def is_admin(identity: StaffIdentity) -> bool:
    """Subject-access exports and erasure: admins only (they see every case and its data)."""
    return identity.role == "admin"


def _history(session: Session) -> dict[str, Any]:
    runs = session.execute(
        select(RetentionRun).order_by(RetentionRun.id.desc()).limit(RECENT)
    ).scalars()
    requests = session.execute(
        select(DataRequest).order_by(DataRequest.id.desc()).limit(RECENT)
    ).scalars()
    return {
        "runs": [
            {
                "started_at": r.started_at,
                "actor": r.actor,
                "dry_run": r.dry_run,
                "status": r.status,
                "counts": r.counts or {},
                "references": r.case_references or [],
            }
            for r in runs
        ],
        "requests": [
            {
                "at": r.at,
                "actor": r.actor,
                "kind": r.kind,
                "subject_type": r.subject_type,
                "outcome": OUTCOME_LABELS.get(r.outcome, r.outcome),
                "references": r.case_references or [],
                "refused": r.refused or [],
                "counts": r.counts or {},
            }
            for r in requests
        ],
    }


async def _page(
    request: web.Request,
    identity: StaffIdentity,
    *,
    error: str = "",
    status: int = 200,
    erased: erasure.Erasure | None = None,
) -> web.Response:
    settings = request.config_dict[SETTINGS]
    history = await run_db(request, _history)
    context = {
        "staff": identity,
        "periods": periods(settings),
        "run_at": schedule.run_at(settings),
        "kinds": KINDS,
        "kind_labels": KIND_LABELS,
        "error": error,
        "erased": erased,
        "outcome_labels": OUTCOME_LABELS,
        **history,
    }
    return render(request, "retention/index.html", context, status=status)


async def index(request: web.Request) -> web.Response:
    """GET /staff/retention."""
    identity = await require_staff(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    raw = request.query.get("erasure", "")
    erased = None
    if re.fullmatch(r"[0-9]{1,15}", raw):  # never a number the database cannot hold

        def load(session: Session) -> erasure.Erasure | None:
            row = session.get(DataRequest, int(raw))
            if row is None or row.kind != "erasure":
                return None
            return erasure.Erasure(
                row.id, list(row.case_references), list(row.refused), dict(row.counts)
            )

        erased = await run_db(request, load)
    return await _page(request, identity, erased=erased)


async def _admin_subject(request: web.Request) -> tuple[StaffIdentity, Any, Subject | str]:
    identity, form = await checked_form(request)
    try:
        return identity, form, parse_subject(str(form.get("subject", ""))[:100])
    except SubjectError as exc:
        return identity, form, str(exc)


async def export_view(request: web.Request) -> web.Response:
    """POST /staff/retention/export: subject, format=html|json."""
    identity, form, subject = await _admin_subject(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    if isinstance(subject, str):
        return await _page(request, identity, error=subject, status=400)
    settings = request.config_dict[SETTINGS]
    moment = now(request)

    def work(session: Session) -> tuple[dict[str, Any], int]:
        data = export.collect(
            session,
            subject,
            now=moment,
            tracker_url=settings.tracker_store_url,
            secret=settings.ingest_secret,
        )
        references = [case["reference"] for case in data["cases"]]
        audit = DataRequest(
            at=moment,
            actor=identity.username,
            kind="export",
            subject_type=subject.kind,
            outcome="exported" if any(export.counts(data).values()) else "nothing_found",
            case_references=references,
            counts=export.counts(data),
            refused=[],
        )
        session.add(audit)
        session.flush()
        return data, audit.id

    data, request_id = await run_db(request, work)
    log.info("subject-access export %s by %s", request_id, identity.username)
    if form.get("format") == "json":
        name = f"subject-access-{request_id}.json"
        return web.Response(
            text=json.dumps(data, indent=2, ensure_ascii=False, default=str),
            content_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return render(request, "retention/export.html", {"staff": identity, "data": data})


async def erase_view(request: web.Request) -> web.Response:
    """POST /staff/retention/erase: subject, confirm=yes."""
    identity, form, subject = await _admin_subject(request)
    if not is_admin(identity):
        return forbidden(request, identity, ADMIN_ONLY)
    if isinstance(subject, str):
        return await _page(request, identity, error=subject, status=400)
    if form.get("confirm") != "yes":
        message = "Tick the box to confirm no legal claim depends on these cases before erasing."
        return await _page(request, identity, error=message, status=400)
    settings = request.config_dict[SETTINGS]
    moment = now(request)
    result = await run_db(
        request,
        lambda session: erasure.erase(
            session,
            subject,
            actor=identity.username,
            now=moment,
            evidence=store_for(settings),
        ),
    )
    if subject.kind == "phone":
        events = await asyncio.to_thread(
            erasure.erase_conversation,
            settings.tracker_store_url,
            subject.value,
            settings.ingest_secret,
        )
        result.counts["conversation_events"] = events

        def note(session: Session) -> None:
            row = session.get(DataRequest, result.request_id)
            if row is not None:
                row.counts = dict(result.counts)

        await run_db(request, note)
    log.info("erasure request %s by %s: %s", result.request_id, identity.username, result.outcome)
    raise web.HTTPSeeOther(f"{PAGE}?erasure={result.request_id}")


def _scheduled_once(app: web.Application) -> None:
    result = schedule.scheduled_run(app[SESSION_FACTORY], app[SETTINGS], app[CLOCK]())
    if result is not None:
        log.info("scheduled retention run %s done", result.run_id)


async def _scheduler(app: web.Application) -> AsyncIterator[None]:
    """Check every `schedule.CHECK_SECONDS` whether today's retention run is due (not at all
    when ASB_RETENTION_RUN_AT is off)."""
    if schedule.run_at(app[SETTINGS]) is None:
        yield
        return

    async def loop() -> None:
        while True:
            await asyncio.sleep(schedule.CHECK_SECONDS)
            try:
                await asyncio.to_thread(_scheduled_once, app)
            except Exception as exc:  # noqa: BLE001 - recorded as failed; tomorrow retries
                log_unexpected(log, "scheduled retention run", exc)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def setup_routes(app: web.Application) -> None:
    """The data protection pages, their templates, and the daily retention run."""
    env = setup_ui(app)  # the staff pages' Jinja2 environment, once per app
    own = jinja2.PackageLoader("backend.retention", "templates")
    env.loader = jinja2.ChoiceLoader([env.loader, own]) if env.loader else own
    env.filters["answer"] = readable
    app.router.add_get(PAGE, index, name="staff-retention")
    app.router.add_post(f"{PAGE}/export", export_view, name="staff-retention-export")
    app.router.add_post(f"{PAGE}/erase", erase_view, name="staff-retention-erase")
    app.cleanup_ctx.append(_scheduler)
