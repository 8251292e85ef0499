"""What staff do on the case page: thin POST handlers over backend.casework and triage.

Every POST checks the session's CSRF token and the role (403 otherwise), changes the case in
one transaction with its audit event (and any text), then redirects back to the case page.
A change that cannot be made shows the case page again with the reason (400).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import date
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from backend.appkeys import CALENDAR
from backend.cases import teams
from backend.cases.models import CATEGORIES, Case
from backend.casework import action_plan, contact, notes, promises, risk_review, updates
from backend.casework import status as case_status
from backend.casework.audit import MAX_REASON, CaseWorkError
from backend.request_helpers import now, run_db
from backend.staff import permissions, service
from backend.staff.case_views import landlord, load_case, render_case_page
from backend.staff.service import StaffError, StaffIdentity
from backend.staff.ui import checked_form, forbidden, render, setup_ui
from backend.triage import decision as triage_decision
from backend.webhooks.service import queue_case_event
from core import ram as risk

log = logging.getLogger(__name__)


class Refused(Exception):
    """The role may not do this to this case (403)."""


class NotFound(Exception):
    """No case has that reference (404)."""


# An action may return another ?done= code (e.g. "update-email") than its handler's default.
Action = Callable[[Session, Case, StaffIdentity, Any], str | None]


async def _act(
    request: web.Request, done: str, action: Action, *, note_only: bool = False
) -> web.Response:
    """Check CSRF and role, run `action` on the locked case, redirect or explain."""
    identity, form = await checked_form(request)
    reference = request.match_info["reference"]
    allowed = permissions.can_add_note if note_only else permissions.can_work_case
    moment, who = now(request), landlord(request).name

    def run(session: Session) -> str | None:
        case = load_case(session, reference, lock=True)
        if case is None:
            raise NotFound
        if not allowed(identity, case.owner_team):
            raise Refused
        was_closed = case.status == "closed"
        result = action(session, case, identity, form)
        if case.status == "closed" and not was_closed:  # closed, or closed as a duplicate
            queue_case_event(session, case, "closed", now=moment, landlord=who)  # webhooks
        return result

    try:
        done = await run_db(request, run) or done
    except NotFound:
        return render(
            request, "staff/not_found.html", {"staff": identity, "reference": reference}, 404
        )
    except Refused:
        log.info("refused: %s (%s) %s on %s", identity.username, identity.role, done, reference)
        return forbidden(request, identity, "change this case")
    except (CaseWorkError, StaffError) as exc:
        return await render_case_page(request, identity, reference, error=str(exc), status=400)
    log.info("case %s: %s by %s", reference, done, identity.username)
    raise web.HTTPSeeOther(f"/staff/cases/{reference}?done={done}#{done}")


def _date(form: Any, name: str, what: str) -> date:
    """The form's ISO date `name`, or a CaseWorkError asking for `what`."""
    try:
        return date.fromisoformat(str(form.get(name, "")).strip())
    except ValueError as exc:
        raise CaseWorkError(f"Give {what} as a date.") from exc


def _int(form: Any, name: str, what: str) -> int:
    """The form's whole number `name`, or a CaseWorkError asking to choose `what`."""
    try:
        return int(str(form.get(name, "")))
    except ValueError as exc:
        raise CaseWorkError(f"Choose {what}.") from exc


def _check_assignment(
    session: Session, identity: StaffIdentity, team: str, officer: str | None
) -> None:
    """Refuse (CaseWorkError) an assignment the role may not make or to another team's officer."""
    if not permissions.can_assign_to(identity, team):
        raise CaseWorkError(f"You can only assign cases to your own team ({identity.team}).")
    if officer and service.officer_team(session, officer) != team:
        raise CaseWorkError(f"{officer} is not an officer in team {team}.")


async def triage(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/triage."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        category = str(form.get("category", ""))
        team = str(form.get("team", "")) or None
        officer = str(form.get("assigned_to", "")).strip() or None
        decision = triage_decision.TriageDecision(
            category=category,
            risk_band=str(form.get("risk_band", "")),
            priority_days=_int(form, "priority", "a priority"),
            is_asb=str(form.get("is_asb", "")) == "yes",
            reason=str(form.get("reason", "")),
            team=team,
            assigned_to=officer,
        )
        if team is not None or officer:
            resulting = team or case.owner_team
            if team is None and category in CATEGORIES:
                resulting = teams.owner_team(
                    category,
                    case.route,
                    {"domestic_abuse": case.domestic_abuse, "hate": case.hate},
                    case.details,
                )
            _check_assignment(session, identity, resulting, officer)
        triage_decision.triage_case(
            session, case, decision, actor=identity.username, calendar=calendar, now=moment
        )

    return await _act(request, "triage", action)


async def assign(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/assign."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        team = str(form.get("team", ""))
        officer = str(form.get("assigned_to", "")).strip() or None
        _check_assignment(session, identity, team, officer)
        triage_decision.assign_case(
            session,
            case,
            team=team,
            officer=officer,
            actor=identity.username,
            now=moment,
            reason=str(form.get("reason", "")).strip()[:MAX_REASON],
            calendar=calendar,
        )

    return await _act(request, "assign", action)


async def change_status(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/status (closing texts the closure and the survey)."""
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        case_status.set_status(
            session,
            case,
            str(form.get("status", "")),
            actor=identity.username,
            now=moment,
            closure_reason=str(form.get("closure_reason", "")),
            note=str(form.get("note", ""))[: notes.MAX_NOTE],
            landlord=who,
        )

    return await _act(request, "status", action)


async def add_note(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/note (agents may add notes too)."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        notes.add_note(
            session, case, str(form.get("text", "")), actor=identity.username, now=moment
        )

    return await _act(request, "note", action, note_only=True)


async def confirm_ram(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/ram: every question's answer(s) from the form."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        answers = {
            q.key: [str(v) for v in form.getall(q.key, [])]
            if q.multiple
            else str(form.get(q.key, ""))
            for q in risk.QUESTIONS
        }
        risk_review.update_ram(
            session, case, answers, actor=identity.username, now=moment, calendar=calendar
        )

    return await _act(request, "ram", action)


async def send_update(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/update: queue the chosen template (text shown beforehand)."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> str:
        event = updates.send_update(
            session,
            case,
            str(form.get("template", "")),
            nonce=str(form.get("nonce", ""))[:64] or secrets.token_urlsafe(16),
            actor=identity.username,
            now=moment,
            landlord=who,
            calendar=calendar,
        )
        return "update-email" if event.data.get("channel") == "email" else "update"

    return await _act(request, "update", action)


async def change_promise(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/promise: a new date, the resident told if it slipped."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        promises.change_promised_date(
            session,
            case,
            _date(form, "new_date", "the new date"),
            reason=str(form.get("reason", "")),
            actor=identity.username,
            now=moment,
            calendar=calendar,
            landlord=who,
            tell_resident=form.get("tell_resident") == "yes",
        )

    return await _act(request, "promise", action)


async def save_plan(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/action-plan."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        review_by = _date(form, "review_by", "the date we will update them by")
        plan = action_plan.clean_action_plan(
            [str(v) for v in form.getall("resident", [])],
            [str(v) for v in form.getall("landlord", [])],
            review_by,
        )
        action_plan.save_action_plan(
            session,
            case,
            plan,
            send=form.get("send") == "yes",
            nonce=str(form.get("nonce", ""))[:64] or secrets.token_urlsafe(16),
            actor=identity.username,
            now=moment,
            landlord=who,
            calendar=calendar,
        )

    return await _act(request, "plan", action)


async def record_call(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/call: staff (agents too) phoned the resident; restarts the
    regular-contact clock."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        contact.record_call(
            session, case, str(form.get("note", "")), actor=identity.username, now=moment
        )

    return await _act(request, "call", action, note_only=True)  # agents take calls too


async def close_as_duplicate(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/duplicate: close it as a duplicate of an open case."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        original = load_case(session, str(form.get("original", "")), lock=True)
        if original is None:
            raise CaseWorkError("There is no case with that reference.")
        if not permissions.can_work_case(identity, original.owner_team):
            raise Refused
        case_status.close_as_duplicate(session, case, original, actor=identity.username, now=moment)

    return await _act(request, "duplicate", action)


def setup_routes(app: web.Application) -> None:
    """Add the case page's POST actions to `app` (needs appkeys.CALENDAR set)."""
    setup_ui(app)
    for path, handler in (
        ("triage", triage),
        ("assign", assign),
        ("status", change_status),
        ("note", add_note),
        ("ram", confirm_ram),
        ("update", send_update),
        ("promise", change_promise),
        ("action-plan", save_plan),
        ("duplicate", close_as_duplicate),
        ("call", record_call),
    ):
        app.router.add_post(
            f"/staff/cases/{{reference}}/{path}", handler, name=f"staff-case-{path}"
        )
