"""The case page and everything staff do on it (thin handlers over backend.cases.work).

Every POST checks the session's CSRF token and the role (403 otherwise), changes the case in
one transaction with its audit event (and any text), then redirects back to the case page.
A change that cannot be made shows the case page again with the reason (400).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.appkeys import CALENDAR, SETTINGS
from backend.cases import service as cases
from backend.cases import work
from backend.cases.models import (
    CATEGORIES,
    EQUALITY_LABELS,
    EQUALITY_QUESTIONS,
    EVIDENCE_LABELS,
    PREFERRED_CONTACT_LABELS,
    RISK_BANDS,
    TEAMS,
    Case,
)
from backend.request_helpers import now, run_db
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.sms_format import sms_size
from backend.staff import permissions, service
from backend.staff.auth import require_staff
from backend.staff.service import StaffError, StaffIdentity
from core import ram as risk
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

# ?done= codes shown as a confirmation after a change (never anything personal in the URL).
DONE_MESSAGES = {
    "triage": "Triage decision saved.",
    "assign": "Assignment saved.",
    "status": "Status changed.",
    "note": "Note added.",
    "ram": "Risk assessment saved and the score recalculated.",
    "update": "Text queued to the resident.",
    "promise": "New date saved.",
    "plan": "Action plan saved.",
    "duplicate": "Case closed as a duplicate.",
}


class Refused(Exception):
    """The role may not do this to this case (403)."""


class NotFound(Exception):
    pass


def landlord(request: web.Request) -> work.Landlord:
    settings = request.config_dict[SETTINGS]
    return work.Landlord(settings.landlord_name, settings.landlord_phone)


def render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    from backend.staff.views import STAFF_JINJA

    return aiohttp_jinja2.render_template(
        template, request, context, status=status, app_key=STAFF_JINJA
    )


def forbidden(request: web.Request, identity: StaffIdentity, what: str) -> web.Response:
    """A 403 page saying what the role may not do."""
    return render(request, "staff/forbidden.html", {"staff": identity, "what": what}, 403)


def _load_case(session: Session, reference: str, lock: bool = False) -> Case | None:
    reference = reference.strip().upper()
    if not cases.REFERENCE_PATTERN.match(reference):
        return None
    query = select(Case).where(Case.reference == reference)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


# -- the page ------------------------------------------------------------------------------


def _ram_form(case: Case) -> list[dict[str, Any]]:
    """Each RAM question with its answer options and the answers now recorded."""
    answers = dict(case.ram_answers or {})
    by_number = {}
    for key, value in answers.items():
        question = risk.question_for_key(key)
        if question:
            by_number[question.number] = value
    if 1 not in by_number and case.frequency:
        by_number[1] = case.frequency
    assessment = risk.score_answers(answers, case.frequency)
    rows = []
    for question in risk.QUESTIONS:
        value = by_number.get(question.number)
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        if isinstance(value, bool):
            chosen = {"yes" if value else "no"}
        declined = value is not None and risk.is_declined(value)
        points = next(
            (p for k, p in assessment.scored.items() if risk.question_for_key(k) is question),
            0 if declined else None,  # "prefer not to say" scores nothing
        )
        rows.append(
            {
                "key": question.key,
                "number": question.number,
                "text": question.text,
                "multiple": question.multiple,
                "options": [
                    {"code": code, "points": pts, "checked": code in chosen}
                    for code, pts in question.answers.items()
                ],
                "answered": value is not None,
                "declined": declined,  # the resident preferred not to say
                "points": points,
            }
        )
    return rows


# details keys the case page shows in their own rows (the rest are listed as they are).
_DETAILS_SHOWN = frozenset(
    {
        "people_involved",
        "witnesses",
        "evidence_held",
        "category_confirmed",
        "corrections",
        "assistant_risk",
    }
)


def _report_details(case: Case) -> dict[str, Any]:
    """The extra things the resident told the assistant, in words for the page."""
    details = dict(case.details or {})
    held = details.get("evidence_held")
    assistant_risk = details.get("assistant_risk")
    return {
        "people_involved": details.get("people_involved"),
        "witnesses": details.get("witnesses"),
        "evidence_held": (
            [EVIDENCE_LABELS.get(str(code), str(code)) for code in held]
            if isinstance(held, list)
            else None
        ),
        "category_confirmed": details.get("category_confirmed"),
        "corrections": details.get("corrections"),
        "assistant_risk": assistant_risk if isinstance(assistant_risk, dict) else None,
        "other": {k: v for k, v in details.items() if k not in _DETAILS_SHOWN},
    }


def equality_rows(case: Case) -> list[dict[str, str]]:
    """The equality monitoring answers in words (call only for managers and admins)."""
    answers = case.equality or {}
    return [
        {
            "label": label,
            "answer": EQUALITY_LABELS[name].get(str(answers[name]), str(answers[name]))
            if answers.get(name)
            else "Not answered",
        }
        for name, label in EQUALITY_QUESTIONS.items()
    ]


def case_page_data(
    session: Session,
    case: Case,
    identity: StaffIdentity,
    calendar: WorkingCalendar,
    moment: datetime,
    landlord: work.Landlord,
) -> dict[str, Any]:
    """Everything the case page shows (plain data; the session closes afterwards)."""
    today = calendar.today(moment)
    data = cases.case_to_dict(case, today)
    data.update(
        age=_age(case.received_at, moment),
        promised_date=case.promised_date,
        current_promise=work.current_promise(case),
        action_plan=case.action_plan,
        ram_confirmed_at=case.ram_confirmed_at,
        ram_confirmed_by=case.ram_confirmed_by,
        ram_form=_ram_form(case),
        related=cases.related_cases(session, case),
        reports_in_6_months=cases.reports_in_window(session, case),
    )
    data["case_review"] = data["reports_in_6_months"] >= cases.CASE_REVIEW_REPORTS
    data["report_details"] = _report_details(case)
    data["preferred_contact_label"] = PREFERRED_CONTACT_LABELS.get(case.preferred_contact or "")
    # Special-category data: only managers and admins get it at all (never in case_to_dict).
    data["equality"] = equality_rows(case) if permissions.can_see_equality(identity) else None
    data["texts"] = [
        {
            "kind": t.kind,
            "state": t.state,
            "delivery_status": t.delivery_status,
            "error_code": t.error_code,
            "created_at": t.created_at,
            "sent_at": t.sent_at,
            "body": t.body,
            "to_resident": t.to_number == case.reporter_phone,
            "size": sms_size(t.body).label,
        }
        for t in session.execute(
            select(OutboxMessage).where(OutboxMessage.case_id == case.id).order_by(OutboxMessage.id)
        ).scalars()
    ]
    data["no_text_reason"] = work.why_no_text(case)
    # How they asked to be contacted when not by text (with the email address: page only).
    data["contact_preference"] = work.contact_preference(case)
    previews = []
    for key, (label, _source) in work.UPDATE_TEMPLATES.items():
        text = work.render_update(case, key, landlord, calendar, today)
        previews.append({"key": key, "label": label, "text": text, "size": sms_size(text).label})
    data["update_previews"] = previews
    if case.action_plan:
        plan_text = work.action_plan_text(case, case.action_plan, landlord)
        data["plan_preview"] = {"text": plan_text, "size": sms_size(plan_text).label}
    else:
        data["plan_preview"] = None
    data["suggested_promise"] = work.next_update_day(case, calendar, today)
    data["alerts"] = alerts.open_alerts(session, case_id=case.id)
    scope = permissions.team_scope(identity)
    data["officers"] = service.list_officers(session, scope)
    return data


def _age(since: datetime, moment: datetime) -> str:
    minutes = max(int((moment - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


async def render_case_page(
    request: web.Request,
    identity: StaffIdentity,
    reference: str,
    *,
    error: str = "",
    status: int = 200,
) -> web.Response:
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def load(session: Session) -> dict[str, Any] | str | None:
        case = _load_case(session, reference)
        if case is None:
            return None
        if not permissions.can_view_case(identity, case.owner_team):
            return "forbidden"
        return case_page_data(session, case, identity, calendar, moment, who)

    data = await run_db(request, load)
    if data is None:
        return render(
            request, "staff/not_found.html", {"staff": identity, "reference": reference}, 404
        )
    if data == "forbidden":
        return forbidden(request, identity, "open cases owned by another team")
    assert isinstance(data, dict)
    return render(
        request,
        "staff/case.html",
        {
            "staff": identity,
            "case": data,
            "error": error,
            "done": DONE_MESSAGES.get(request.query.get("done", ""), ""),
            "can_work": permissions.can_work_case(identity, data["owner_team"]),
            "can_note": permissions.can_add_note(identity, data["owner_team"]),
            "is_manager": permissions.is_manager(identity),
            "nonce": secrets.token_urlsafe(16),
            "categories": CATEGORIES,
            "teams": TEAMS if permissions.is_manager(identity) else [identity.team],
            "bands": RISK_BANDS,
            "priorities": work.PRIORITIES,
            "statuses": [s for s in work.STATUS_LABELS if s != "new"],
            "status_labels": work.STATUS_LABELS,
            "closure_reasons": work.CLOSURE_REASONS,
            "resident_actions": work.RESIDENT_ACTIONS,
            "landlord_actions": work.LANDLORD_ACTIONS,
            "today": calendar.today(moment),
        },
        status=status,
    )


async def case_page(request: web.Request) -> web.Response:
    """GET /staff/cases/{reference}."""
    identity = await require_staff(request)
    return await render_case_page(request, identity, request.match_info["reference"])


# -- actions -------------------------------------------------------------------------------

Action = Callable[[Session, Case, StaffIdentity, Any], None]


async def _act(
    request: web.Request, done: str, action: Action, *, note_only: bool = False
) -> web.Response:
    """Check CSRF and role, run `action` on the locked case, redirect or explain."""
    from backend.staff.views import checked_form

    identity, form = await checked_form(request)
    reference = request.match_info["reference"]
    allowed = permissions.can_add_note if note_only else permissions.can_work_case

    def run(session: Session) -> None:
        case = _load_case(session, reference, lock=True)
        if case is None:
            raise NotFound
        if not allowed(identity, case.owner_team):
            raise Refused
        action(session, case, identity, form)

    try:
        await run_db(request, run)
    except NotFound:
        return render(
            request, "staff/not_found.html", {"staff": identity, "reference": reference}, 404
        )
    except Refused:
        log.info("refused: %s (%s) %s on %s", identity.username, identity.role, done, reference)
        return forbidden(request, identity, "change this case")
    except (work.CaseWorkError, StaffError) as exc:
        return await render_case_page(request, identity, reference, error=str(exc), status=400)
    log.info("case %s: %s by %s", reference, done, identity.username)
    raise web.HTTPSeeOther(f"/staff/cases/{reference}?done={done}#{done}")


def _date(form: Any, name: str, what: str) -> date:
    try:
        return date.fromisoformat(str(form.get(name, "")).strip())
    except ValueError as exc:
        raise work.CaseWorkError(f"Give {what} as a date.") from exc


def _int(form: Any, name: str, what: str) -> int:
    try:
        return int(str(form.get(name, "")))
    except ValueError as exc:
        raise work.CaseWorkError(f"Choose {what}.") from exc


def _check_assignment(
    session: Session, identity: StaffIdentity, team: str, officer: str | None
) -> None:
    if not permissions.can_assign_to(identity, team):
        raise work.CaseWorkError(f"You can only assign cases to your own team ({identity.team}).")
    if officer and service.officer_team(session, officer) != team:
        raise work.CaseWorkError(f"{officer} is not an officer in team {team}.")


async def triage(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/triage."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        category = str(form.get("category", ""))
        team = str(form.get("team", "")) or None
        officer = str(form.get("assigned_to", "")).strip() or None
        decision = work.TriageDecision(
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
                from backend.cases import teams

                resulting = teams.owner_team(
                    category,
                    case.route,
                    {"domestic_abuse": case.domestic_abuse, "hate": case.hate},
                    case.details,
                )
            _check_assignment(session, identity, resulting, officer)
        work.triage_case(
            session, case, decision, actor=identity.username, calendar=calendar, now=moment
        )

    return await _act(request, "triage", action)


async def assign(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/assign."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        team = str(form.get("team", ""))
        officer = str(form.get("assigned_to", "")).strip() or None
        _check_assignment(session, identity, team, officer)
        work.assign_case(
            session,
            case,
            team=team,
            officer=officer,
            actor=identity.username,
            now=moment,
            reason=str(form.get("reason", "")).strip()[: work.MAX_REASON],
        )

    return await _act(request, "assign", action)


async def change_status(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/status (closing texts the closure and the survey)."""
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        work.set_status(
            session,
            case,
            str(form.get("status", "")),
            actor=identity.username,
            now=moment,
            closure_reason=str(form.get("closure_reason", "")),
            note=str(form.get("note", ""))[: work.MAX_NOTE],
            landlord=who,
        )

    return await _act(request, "status", action)


async def add_note(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/note (agents may add notes too)."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        work.add_note(session, case, str(form.get("text", "")), actor=identity.username, now=moment)

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
        work.update_ram(
            session, case, answers, actor=identity.username, now=moment, calendar=calendar
        )

    return await _act(request, "ram", action)


async def send_update(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/update: queue the chosen template (text shown beforehand)."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        work.send_update(
            session,
            case,
            str(form.get("template", "")),
            nonce=str(form.get("nonce", ""))[:64] or secrets.token_urlsafe(16),
            actor=identity.username,
            now=moment,
            landlord=who,
            calendar=calendar,
        )

    return await _act(request, "update", action)


async def change_promise(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/promise: a new date, the resident told if it slipped."""
    calendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        work.change_promised_date(
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
        plan = work.clean_action_plan(
            [str(v) for v in form.getall("resident", [])],
            [str(v) for v in form.getall("landlord", [])],
            review_by,
        )
        work.save_action_plan(
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


async def close_as_duplicate(request: web.Request) -> web.Response:
    """POST /staff/cases/{reference}/duplicate: close it as a duplicate of an open case."""
    moment = now(request)

    def action(session: Session, case: Case, identity: StaffIdentity, form: Any) -> None:
        original = _load_case(session, str(form.get("original", "")), lock=True)
        if original is None:
            raise work.CaseWorkError("There is no case with that reference.")
        if not permissions.can_work_case(identity, original.owner_team):
            raise Refused
        work.close_as_duplicate(session, case, original, actor=identity.username, now=moment)

    return await _act(request, "duplicate", action)


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/staff/cases/{reference}", case_page, name="staff-case")
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
    ):
        app.router.add_post(
            f"/staff/cases/{{reference}}/{path}", handler, name=f"staff-case-{path}"
        )
