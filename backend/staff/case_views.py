"""The case page: everything staff see about one case (GET /staff/cases/{reference}).

The changes staff make from it are in `backend.staff.case_actions`, which shows this page
again, with the reason, when a change cannot be made.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.alerts import service as alerts
from backend.appkeys import CALENDAR, SETTINGS
from backend.case_review import service as case_review
from backend.cases.models import (
    CATEGORIES,
    COMMUNICATION_NEED_LABELS,
    EQUALITY_LABELS,
    EQUALITY_QUESTIONS,
    EVIDENCE_CONSENT_LABELS,
    EVIDENCE_LABELS,
    PREFERRED_CONTACT_LABELS,
    RISK_BANDS,
    TEAMS,
    VISIT_OR_CALL_LABELS,
    Case,
)
from backend.cases.queries import REFERENCE_PATTERN, related_cases
from backend.cases.serialize import case_to_dict
from backend.casework.action_plan import LANDLORD_ACTIONS, RESIDENT_ACTIONS, action_plan_text
from backend.casework.promises import current_promise
from backend.casework.status import CLOSURE_REASONS, STATUS_LABELS
from backend.casework.updates import (
    UPDATE_TEMPLATES,
    Landlord,
    contact_preference,
    next_update_day,
    render_update,
)
from backend.deadlines.limits import deadline_states
from backend.email_outbound.compose import email_body, email_subject
from backend.email_outbound.smtp import SmtpServer
from backend.evidence.service import list_for_case as evidence_files
from backend.request_helpers import now, run_db
from backend.sms_outbound.contact_route import ContactRoute, contact_route
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.regular_contact import contact_schedule
from backend.sms_outbound.sms_format import sms_size
from backend.staff import permissions, service
from backend.staff.auth import require_staff
from backend.staff.service import StaffIdentity
from backend.staff.ui import age, forbidden, render, setup_ui
from backend.triage.decision import PRIORITIES
from core import ram as risk
from core.languages import base_code, needs_interpreter, staff_name, text_direction
from core.workdays import WorkingCalendar

# ?done= codes shown as a confirmation after a change (never anything personal in the URL).
DONE_MESSAGES = {
    "triage": "Triage decision saved.",
    "assign": "Assignment saved.",
    "status": "Status changed.",
    "note": "Note added.",
    "ram": "Risk assessment saved and the score recalculated.",
    "update": "Text queued to the resident.",
    "update-email": "Email queued to the resident.",
    "call": "Call recorded.",
    "promise": "New date saved.",
    "plan": "Action plan saved.",
    "duplicate": "Case closed as a duplicate.",
}


# Whether ASB_SMTP_URL is set, so the page can say when emails cannot go (setup_routes).
EMAIL_CONFIGURED = web.AppKey("resident_email_configured", bool)


def landlord(request: web.Request) -> Landlord:
    """Who the texts and the page say the landlord is (from the settings)."""
    settings = request.config_dict[SETTINGS]
    return Landlord(settings.landlord_name, settings.landlord_phone)


def load_case(session: Session, reference: str, lock: bool = False) -> Case | None:
    """The case with this reference (None for a malformed or unknown one), locked if asked."""
    reference = reference.strip().upper()
    if not REFERENCE_PATTERN.match(reference):
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
        "police_reference",
        "evidence_consent",
        "reporter_postcode",
        "reporter_address",
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
        "police_reference": details.get("police_reference"),
        "evidence_consent": details.get("evidence_consent"),
        "evidence_consent_label": EVIDENCE_CONSENT_LABELS.get(str(details.get("evidence_consent"))),
        "reporter_address": ", ".join(
            str(details[key])
            for key in ("reporter_address", "reporter_postcode")
            if details.get(key)
        ),
        "other": {k: v for k, v in details.items() if k not in _DETAILS_SHOWN},
    }


def resident_language(code: str | None) -> dict[str, Any]:
    """The language the resident wrote in (issue 16), named for staff in English with its own
    name ("Welsh (Cymraeg)"); any language but English may need an interpreter or a
    translation of what they wrote (their words are shown as they wrote them)."""
    return {
        "code": base_code(code) or "en",
        "name": staff_name(code),
        "dir": text_direction(code),
        "needs_interpreter": needs_interpreter(code),
    }


def communication_needs(case: Case) -> dict[str, Any] | None:
    """The resident's communication needs in words (None: not asked). For the case page only:
    they can reveal a disability, so never in case_to_dict, exports or logs."""
    answer = case.communication_needs
    if not isinstance(answer, dict):
        return None
    needs = [str(code) for code in answer.get("needs") or []]
    return {
        "needs": [COMMUNICATION_NEED_LABELS.get(code, code) for code in needs],
        "language": answer.get("language"),
        "other": answer.get("other"),
        # Something staff must act on when they contact them.
        "to_act_on": any(code not in ("none", "prefer_not_to_say") for code in needs),
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
    landlord: Landlord,
) -> dict[str, Any]:
    """Everything the case page shows (plain data; the session closes afterwards)."""
    today = calendar.today(moment)
    data = case_to_dict(case, today)
    data.update(
        age=age(case.received_at, moment),
        promised_date=case.promised_date,
        current_promise=current_promise(case),
        action_plan=case.action_plan,
        ram_confirmed_at=case.ram_confirmed_at,
        ram_confirmed_by=case.ram_confirmed_by,
        ram_form=_ram_form(case),
        related=related_cases(session, case),
    )
    data["report_details"] = _report_details(case)
    data["evidence_files"] = evidence_files(session, case.id)  # residents' uploads (issue 15)
    data["preferred_contact_label"] = PREFERRED_CONTACT_LABELS.get(case.preferred_contact or "")
    data["visit_or_call_label"] = VISIT_OR_CALL_LABELS.get(case.visit_or_call or "")
    data["communication_needs"] = communication_needs(case)  # page only (see the function)
    data["resident_language"] = resident_language(case.language)
    # Special-category data: only managers and admins get it at all (never in case_to_dict).
    data["equality"] = equality_rows(case) if permissions.can_see_equality(identity) else None
    route = contact_route(session, case)
    data["texts"] = _messages(session, case)
    data["contact_route"] = {
        "channel": route.channel,
        "written": route.written,
        "noun": route.noun,
        "explanation": route.explanation,
    }
    data["contact"] = _contact(session, case, moment, calendar)
    # How they asked to be contacted (with the email address: page only, never logged).
    data["contact_preference"] = contact_preference(case)
    previews = []
    for key, (label, _source) in UPDATE_TEMPLATES.items():
        text = render_update(case, key, landlord, calendar, today)
        previews.append(
            {"key": key, "label": label, **_preview(case, route, "update", text, landlord)}
        )
    data["update_previews"] = previews
    data["plan_preview"] = None
    if case.action_plan:
        plan_text = action_plan_text(case, case.action_plan, landlord)
        data["plan_preview"] = _preview(case, route, "action_plan", plan_text, landlord)
    data["suggested_promise"] = next_update_day(case, calendar, today)
    # Issue 17: initial contact, RAM and plan limits; the plan drafted when the case opened
    # (only while no plan is saved: the officer confirms it through the plan form).
    data["deadlines"] = deadline_states(case, calendar, today)
    data["plan_draft"] = None if case.action_plan else case.action_plan_draft
    data["alerts"] = alerts.open_alerts(session, case_id=case.id)
    scope = permissions.team_scope(identity)
    data["officers"] = service.list_officers(session, scope)
    return data


def _messages(session: Session, case: Case) -> list[dict[str, Any]]:
    """Every text and email about the case, oldest first, with its delivery state."""
    rows = session.execute(
        select(OutboxMessage).where(OutboxMessage.case_id == case.id).order_by(OutboxMessage.id)
    ).scalars()
    return [
        {
            "kind": t.kind,
            "channel": t.channel,
            "state": t.state,
            "delivery_status": t.delivery_status,
            "error_code": t.error_code,
            "created_at": t.created_at,
            "sent_at": t.sent_at,
            "subject": t.subject,
            "body": t.body,
            "to_resident": (
                t.to_email == case.reporter_email
                if t.channel == "email"
                else t.to_number == case.reporter_phone
            ),
            "size": sms_size(t.body).label if t.channel == "sms" else "Email",
        }
        for t in rows
    ]


def _contact(
    session: Session, case: Case, moment: datetime, calendar: WorkingCalendar
) -> dict[str, Any]:
    """Regular contact: how often, the last contact and the day the next is due (or overdue)."""
    schedule = contact_schedule(session, case)
    due = schedule.next_due
    return {
        "every_days": schedule.every_days,
        "basis": schedule.basis,
        "last_contact": schedule.last_contact,
        "next_due": calendar.local(due).date() if due is not None else None,
        "overdue": due is not None and due <= moment,
    }


def _preview(
    case: Case, route: ContactRoute, kind: str, text: str, landlord: Landlord
) -> dict[str, Any]:
    """Exactly what the resident would get: the text (with its size), or the email."""
    if route.channel == "email":
        return {
            "subject": email_subject(case, kind, landlord.name),
            "text": email_body(text, case, landlord.phone),
            "size": "Email",
        }
    return {"subject": None, "text": text, "size": sms_size(text).label}


async def render_case_page(
    request: web.Request,
    identity: StaffIdentity,
    reference: str,
    *,
    error: str = "",
    status: int = 200,
) -> web.Response:
    """The case page for `reference` (or not found, or forbidden), with `error` if given."""
    calendar: WorkingCalendar = request.config_dict[CALENDAR]
    moment = now(request)
    who = landlord(request)
    settings = request.config_dict[SETTINGS]

    def load(session: Session) -> dict[str, Any] | str | None:
        case = load_case(session, reference)
        if case is None:
            return None
        if not permissions.can_view_case(identity, case.owner_team):
            return "forbidden"
        data = case_page_data(session, case, identity, calendar, moment, who)
        # The ASB Case Review counters and applications (backend/case_review/, the one counter).
        data["case_review"] = case_review.case_counters(session, case, moment, settings, calendar)
        return data

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
            "email_configured": request.config_dict.get(EMAIL_CONFIGURED, False),
            "is_manager": permissions.is_manager(identity),
            "nonce": secrets.token_urlsafe(16),
            "categories": CATEGORIES,
            "teams": TEAMS if permissions.is_manager(identity) else [identity.team],
            "bands": RISK_BANDS,
            "priorities": PRIORITIES,
            "statuses": [s for s in STATUS_LABELS if s != "new"],
            "status_labels": STATUS_LABELS,
            "closure_reasons": CLOSURE_REASONS,
            "resident_actions": RESIDENT_ACTIONS,
            "landlord_actions": LANDLORD_ACTIONS,
            "today": calendar.today(moment),
        },
        status=status,
    )


async def case_page(request: web.Request) -> web.Response:
    """GET /staff/cases/{reference}."""
    identity = await require_staff(request)
    return await render_case_page(request, identity, request.match_info["reference"])


def setup_routes(app: web.Application) -> None:
    """Add GET /staff/cases/{reference} to `app` (needs appkeys.CALENDAR set)."""
    setup_ui(app)
    try:
        app[EMAIL_CONFIGURED] = SmtpServer.from_env() is not None
    except ValueError:  # malformed: the worker refuses to start and says why
        app[EMAIL_CONFIGURED] = False
    app.router.add_get("/staff/cases/{reference}", case_page, name="staff-case")
