"""Texts that keep a complainant informed: the wording of each update, and queueing it.

`queue_case_update(session, case, kind, ...)` is what case work calls (triage outcome, status
change, delay notice, closure, regular contact). It builds the text from the templates below
(Babel catalogs via `core.i18n._`, the resident's language, named dates as docs/domain.md section 9
asks), checks the resident may be texted, and queues it in the caller's transaction with a
dedupe key so the same update is never queued twice. The worker checks opt-out and
safe_to_text again just before sending. The closure text asks the first survey question
(`survey_questions`); the answers come back through `backend.sms_inbound.survey_answers`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.db import utcnow
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.opt_outs import is_opted_out
from backend.sms_outbound.service import enqueue_sms
from backend.sms_outbound.survey_questions import SURVEY, survey_question_text
from core.i18n import N_, _, day_name

log = logging.getLogger(__name__)

UPDATE_KINDS = ("triage", "status", "delay", "closure", "contact")

TEAM_NAMES = {
    "TEM": N_("our Tenancy Enforcement team"),
    "CHM": N_("your Community Housing Manager"),
    "LPC": N_("your supported housing team"),
}
STATUS_WORDS = {
    "new": N_("it is waiting to be reviewed"),
    "triaged": N_("it has been reviewed"),
    "in_progress": N_("we are working on it"),
    "awaiting_resident": N_("we are waiting to hear from you"),
    "closed": N_("it is closed"),
}


class UpdateError(ValueError):
    """An update cannot be built (unknown kind or a value missing)."""


# -- templates --------------------------------------------------------------------------------


def _day(value: Any, language: str) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return day_name(value, language)
    if isinstance(value, str) and value:
        return day_name(date.fromisoformat(value), language)
    raise UpdateError("a date is required")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _need(values: dict[str, Any], *names: str) -> None:
    missing = [name for name in names if not values.get(name)]
    if missing:
        raise UpdateError("missing: " + ", ".join(missing))


def _triage_text(
    case: Case, values: dict[str, Any], lang: str, common: dict[str, str], landlord_phone: str
) -> str:
    _need(values, "next_step", "by")
    team = values.get("team") or case.owner_team
    return _(
        "{landlord}: we have looked at your report {reference}. {team} is dealing with it. "
        "Next: {next_step}, by {day}. Reply to this text to add anything.",
        language=lang,
        team=_upper_first(_(TEAM_NAMES.get(team, N_("our team")), language=lang)),
        next_step=values["next_step"],
        day=_day(values["by"], lang),
        **common,
    )


def _status_text(
    case: Case, values: dict[str, Any], lang: str, common: dict[str, str], landlord_phone: str
) -> str:
    _need(values, "status")
    words = STATUS_WORDS.get(values["status"])
    if words is None:
        raise UpdateError(f"unknown status {values['status']!r}")
    text = _(
        "{landlord}: an update on your case {reference}: {status}.",
        language=lang,
        status=_(words, language=lang),
        **common,
    )
    if values.get("action"):
        text += " " + _("What we are doing: {action}.", language=lang, action=values["action"])
    return text


def _delay_text(
    case: Case, values: dict[str, Any], lang: str, common: dict[str, str], landlord_phone: str
) -> str:
    _need(values, "what", "old", "new")
    text = _(
        "{landlord}: sorry, {what} for your case {reference} will now be by {new_day}, "
        "not {old_day}.",
        language=lang,
        what=values["what"],
        new_day=_day(values["new"], lang),
        old_day=_day(values["old"], lang),
        **common,
    )
    if values.get("reason"):
        text += " " + _("This is because {reason}.", language=lang, reason=values["reason"])
    return text


def _closure_text(
    case: Case, values: dict[str, Any], lang: str, common: dict[str, str], landlord_phone: str
) -> str:
    _need(values, "reason")
    text = _(
        "{landlord}: we have closed your case {reference}. Why: {reason}. If it happens "
        "again, text us or call {phone}. Please answer {total} short questions by reply.",
        language=lang,
        reason=values["reason"],
        phone=landlord_phone or common["landlord"],
        total=len(SURVEY),
        **common,
    )
    return text + "\n" + survey_question_text(1, lang)


def _contact_text(
    case: Case, values: dict[str, Any], lang: str, common: dict[str, str], landlord_phone: str
) -> str:
    text = _(
        "{landlord}: we are still working on your case {reference}.",
        language=lang,
        **common,
    )
    if values.get("summary"):
        text += " " + str(values["summary"]).strip().rstrip(".") + "."
    if values.get("next_by"):
        text += " " + _(
            "You will hear from us by {day}.", language=lang, day=_day(values["next_by"], lang)
        )
    return text + " " + _("Reply to this text to tell us anything new.", language=lang)


# (case, values, language, {landlord, reference}, landlord_phone) -> the text
UpdateTemplate = Callable[[Case, dict[str, Any], str, dict[str, str], str], str]

# declarative table: each update kind and the function that words it.
TEMPLATES: dict[str, UpdateTemplate] = {
    "triage": _triage_text,
    "status": _status_text,
    "delay": _delay_text,
    "closure": _closure_text,
    "contact": _contact_text,
}


def update_text(
    case: Case,
    kind: str,
    *,
    landlord_name: str = "your landlord",
    landlord_phone: str = "",
    **values: Any,
) -> str:
    """The text for one update `kind` about `case` (in the case's language).

    triage: next_step, by (date), optional team (code; defaults to the case's owner team)
    status: status (code), optional action (what we are doing, in plain words)
    delay: what, old (date), new (date), optional reason
    closure: reason; the text ends with the first survey question
    contact: optional summary, optional next_by (date)
    """
    template = TEMPLATES.get(kind)
    if template is None:
        raise UpdateError(f"unknown update kind {kind!r}")
    lang = case.language or "en"
    common = {"landlord": landlord_name, "reference": case.reference or ""}
    return template(case, values, lang, common, landlord_phone)


# -- queueing ---------------------------------------------------------------------------------


def may_text(session: Session, case: Case) -> str | None:
    """Why the complainant of `case` must not get texts (None when they may)."""
    if not case.reporter_phone:
        return "no phone number"
    if not case.consent_to_contact:
        return "no consent to contact"
    if case.safe_to_text is not True:
        return "not safe to text"
    if is_opted_out(session, case.reporter_phone):
        return "opted out"
    return None


def default_dedupe_key(case: Case, kind: str, body: str, now: datetime) -> str:
    """Same text about the same case only once; regular contact at most once a day."""
    if kind == "contact":
        return f"contact:{case.id}:{now.date().isoformat()}"
    if kind == "closure":
        return f"closure:{case.id}"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    return f"{kind}:{case.id}:{digest}"


def queue_case_update(
    session: Session,
    case: Case,
    kind: str,
    *,
    landlord_name: str = "your landlord",
    landlord_phone: str = "",
    dedupe_key: str | None = None,
    urgent: bool = False,
    now: datetime | None = None,
    **values: Any,
) -> OutboxMessage | None:
    """Queue update `kind` for the complainant of `case` in the caller's transaction.

    Returns the outbox row (an existing one when this update was already queued), or None when
    the resident must not be texted (no number, no consent, not safe, opted out). Routine
    updates wait for the end of quiet hours; pass urgent=True only when it cannot wait.
    Raises UpdateError when `kind` or a value is wrong. See `update_text` for `values`.
    """
    body = update_text(
        case, kind, landlord_name=landlord_name, landlord_phone=landlord_phone, **values
    )
    refusal = may_text(session, case)
    if refusal is not None:
        log.info("case update not texted: case=%s kind=%s (%s)", case.id, kind, refusal)
        return None
    key = dedupe_key or default_dedupe_key(case, kind, body, now or utcnow())
    return enqueue_sms(
        session,
        case_id=case.id,
        to_number=case.reporter_phone,
        body=body,
        kind=kind,
        dedupe_key=key,
        urgent=urgent,
    )


# -- regular contact while a case is open ---------------------------------------------------

OPEN_STATUSES = ("triaged", "in_progress", "awaiting_resident")
# Days between "we are still working on it" texts: weekly, more often when risk is high
# (docs/domain.md section 9). A case may carry its own agreement in details["contact_every_days"].
CONTACT_EVERY_DAYS = {"LOW": 7, "MEDIUM": 7, "HIGH": 3}


def contact_interval(case: Case) -> timedelta:
    """How often the complainant of `case` hears from us while it is open."""
    agreed = (case.details or {}).get("contact_every_days")
    if isinstance(agreed, int) and 1 <= agreed <= 60:
        return timedelta(days=agreed)
    return timedelta(days=CONTACT_EVERY_DAYS.get(case.risk_band, 7))


def queue_regular_contact(
    session: Session,
    now: datetime,
    *,
    landlord_name: str = "your landlord",
    landlord_phone: str = "",
    limit: int = 500,
) -> int:
    """Queue a "still working on it" text for each open case whose complainant has had no
    text about it for its contact interval; returns how many were queued.

    Safe to run often (the worker does, hourly): the interval and a daily dedupe key keep it
    from texting twice. Routine, so quiet hours apply.
    """
    last_text = (
        select(
            OutboxMessage.case_id.label("case_id"),
            func.max(OutboxMessage.created_at).label("last_at"),
        )
        .where(
            OutboxMessage.case_id.is_not(None),
            OutboxMessage.kind.in_(("ack", *UPDATE_KINDS)),
            OutboxMessage.state != "cancelled",
        )
        .group_by(OutboxMessage.case_id)
        .subquery()
    )
    rows = session.execute(
        select(Case, last_text.c.last_at)
        .outerjoin(last_text, last_text.c.case_id == Case.id)
        .where(
            Case.status.in_(OPEN_STATUSES),
            Case.reporter_phone.is_not(None),
            Case.consent_to_contact.is_(True),
            Case.safe_to_text.is_(True),
            # Nothing texted within a day; each case's own interval is checked below.
            or_(
                last_text.c.last_at.is_(None),
                last_text.c.last_at <= now - timedelta(days=1),
            ),
        )
        .order_by(Case.id)
        .limit(limit)
    ).all()
    queued = 0
    for case, last_at in rows:
        since = last_at or case.triaged_at or case.received_at
        if since is not None and now - since < contact_interval(case):
            continue
        promised = getattr(case, "promised_date", None)
        next_by = promised if isinstance(promised, date) and promised >= now.date() else None
        row = queue_case_update(
            session,
            case,
            "contact",
            landlord_name=landlord_name,
            landlord_phone=landlord_phone,
            now=now,
            next_by=next_by,
        )
        if row is not None:
            queued += 1
    if queued:
        log.info("regular contact queued for %s case(s)", queued)
    return queued
