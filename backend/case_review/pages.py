"""The staff pages of ASB Case Review applications.

GET /staff/case-reviews lists them (waiting ones first, overdue first, with their decision
days); GET /staff/case-reviews/{id} shows one with what was counted; POST
/staff/case-reviews/{id}/decision records the decision (CSRF checked, officers of the case's
team, managers and admins; audited on the case's timeline) and redirects back. Officers see
their own team's applications only. Pages carry ids and references only in their URLs.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from backend.appkeys import CALENDAR
from backend.case_review import service
from backend.case_review.models import OUTCOME_LABELS, STATUS_LABELS
from backend.casework.audit import CaseWorkError
from backend.request_helpers import now, run_db
from backend.staff import permissions
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import checked_form, forbidden, render, setup_ui

log = logging.getLogger(__name__)

KIND_LABELS = {"report": "Report", "repeat incident": "Repeat incident"}


def _application_id(request: web.Request) -> int:
    raw = request.match_info["application_id"]
    if not re.fullmatch(r"[0-9]{1,15}", raw):  # never a number the database cannot hold
        raise web.HTTPNotFound(text="There is no application with that number.")
    return int(raw)


def _context(identity: StaffIdentity, **values: Any) -> dict[str, Any]:
    return {
        "staff": identity,
        "status_labels": STATUS_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "kind_labels": KIND_LABELS,
        **values,
    }


async def list_page(request: web.Request) -> web.Response:
    """GET /staff/case-reviews."""
    identity = await require_staff(request)
    if identity.role == "officer" and not identity.team:
        return forbidden(request, identity, "see applications before a team is set")
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def load(session: Session) -> tuple[list[dict[str, Any]], dict[str, int]]:
        team = permissions.team_scope(identity)
        items = service.list_applications(session, calendar, moment, team)
        return items, service.deadline_figures(session, calendar, moment)

    items, figures = await run_db(request, load)
    return render(
        request,
        "staff/case_reviews.html",
        _context(identity, items=items, figures=figures, today=calendar.today(moment)),
    )


async def _show(
    request: web.Request, identity: StaffIdentity, error: str = "", status: int = 200
) -> web.Response:
    application_id = _application_id(request)
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def load(session: Session) -> dict[str, Any] | None:
        return service.get_application(session, application_id, calendar, moment)

    item = await run_db(request, load)
    if item is None:
        raise web.HTTPNotFound(text="There is no application with that number.")
    if not permissions.can_view_case(identity, item["owner_team"]):
        return forbidden(request, identity, "see applications about another team's cases")
    return render(
        request,
        "staff/case_review.html",
        _context(
            identity,
            item=item,
            error=error,
            done="Decision recorded." if request.query.get("done") == "decision" else "",
            can_decide=permissions.can_work_case(identity, item["owner_team"])
            and item["status"] != "decided",
        ),
        status=status,
    )


async def detail_page(request: web.Request) -> web.Response:
    """GET /staff/case-reviews/{application_id}."""
    return await _show(request, await require_staff(request))


class _Refused(Exception):
    pass


async def record_decision(request: web.Request) -> web.Response:
    """POST /staff/case-reviews/{application_id}/decision (outcome, decision, csrf_token)."""
    identity, form = await checked_form(request)
    application_id = _application_id(request)
    moment = now(request)

    def decide(session: Session) -> bool:
        found = service.get_application(
            session, application_id, request.config_dict[CALENDAR], moment
        )
        if found is None:
            return False
        if not permissions.can_work_case(identity, found["owner_team"]):
            raise _Refused
        recorded = service.record_decision(
            session,
            application_id,
            outcome=str(form.get("outcome", "")),
            decision=str(form.get("decision", "")),
            actor=identity.username,
            now=moment,
        )
        return recorded is not None

    try:
        if not await run_db(request, decide):
            raise web.HTTPNotFound(text="There is no application with that number.")
    except _Refused:
        log.info("refused: %s (%s) case review decision", identity.username, identity.role)
        return forbidden(request, identity, "decide applications about this case")
    except CaseWorkError as exc:
        return await _show(request, identity, error=str(exc), status=400)
    log.info("case review application %s decided by %s", application_id, identity.username)
    raise web.HTTPSeeOther(f"/staff/case-reviews/{application_id}?done=decision")


def setup_routes(app: web.Application) -> None:
    """Add the applications pages to `app` (needs appkeys.CALENDAR set)."""
    setup_ui(app)
    app.router.add_get("/staff/case-reviews", list_page, name="staff-case-reviews")
    app.router.add_get(
        "/staff/case-reviews/{application_id}", detail_page, name="staff-case-review"
    )
    app.router.add_post(
        "/staff/case-reviews/{application_id}/decision",
        record_decision,
        name="staff-case-review-decision",
    )
