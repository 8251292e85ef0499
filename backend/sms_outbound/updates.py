"""Updates that keep a complainant informed: the wording of each update, and queueing it by
the resident's route (a text or an email: `contact_route`).

`queue_case_update(session, case, kind, ...)` is what case work calls (triage outcome, status
change, delay notice, closure, regular contact). It builds the message from the templates below
(Babel catalogs via `core.i18n._`, the resident's language, named dates as docs/domain.md section 9
asks), in the resident's channel, and queues it in the caller's transaction with a dedupe key so
the same update is never queued twice. The worker checks opt-out, safe_to_text and consent
again just before sending. The closure text asks the first survey question (`survey_questions`);
the answers come back through `backend.sms_inbound.survey_answers`. The survey is answered by
text reply only, so the closure email has no survey: it says how to report again instead.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.db import utcnow
from backend.sms_outbound.contact_route import contact_route, queue_for_resident
from backend.sms_outbound.contact_route import may_text as may_text  # re-exported (residents)
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.survey_questions import SURVEY, survey_question_text
from core.i18n import N_, _, day_name

log = logging.getLogger(__name__)

UPDATE_KINDS = ("triage", "status", "delay", "closure", "contact")
# What an emailed update says instead of "reply to this text" (replies to emails are not read).
EMAIL_TELL_US = N_("To tell us anything new, call {phone}.")

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


def _email_tell_us(lang: str, landlord_phone: str, common: dict[str, str]) -> str:
    return _(EMAIL_TELL_US, language=lang, phone=landlord_phone or common["landlord"])


def _triage_text(
    case: Case,
    values: dict[str, Any],
    lang: str,
    common: dict[str, str],
    landlord_phone: str,
    channel: str = "sms",
) -> str:
    _need(values, "next_step", "by")
    team = values.get("team") or case.owner_team
    words = {
        "team": _upper_first(_(TEAM_NAMES.get(team, N_("our team")), language=lang)),
        "next_step": values["next_step"],
        "day": _day(values["by"], lang),
        **common,
    }
    if channel == "email":
        text = _(
            "{landlord}: we have looked at your report {reference}. {team} is dealing with it. "
            "Next: {next_step}, by {day}.",
            language=lang,
            **words,
        )
        return text + " " + _email_tell_us(lang, landlord_phone, common)
    return _(
        "{landlord}: we have looked at your report {reference}. {team} is dealing with it. "
        "Next: {next_step}, by {day}. Reply to this text to add anything.",
        language=lang,
        **words,
    )


def _status_text(
    case: Case,
    values: dict[str, Any],
    lang: str,
    common: dict[str, str],
    landlord_phone: str,
    channel: str = "sms",
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
    case: Case,
    values: dict[str, Any],
    lang: str,
    common: dict[str, str],
    landlord_phone: str,
    channel: str = "sms",
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
    case: Case,
    values: dict[str, Any],
    lang: str,
    common: dict[str, str],
    landlord_phone: str,
    channel: str = "sms",
) -> str:
    _need(values, "reason")
    if channel == "email":  # no survey: it is answered by text reply only
        return _(
            "{landlord}: we have closed your case {reference}. Why: {reason}. If it happens "
            "again, report it again or call {phone}.",
            language=lang,
            reason=values["reason"],
            phone=landlord_phone or common["landlord"],
            **common,
        )
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
    case: Case,
    values: dict[str, Any],
    lang: str,
    common: dict[str, str],
    landlord_phone: str,
    channel: str = "sms",
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
    if channel == "email":
        return text + " " + _email_tell_us(lang, landlord_phone, common)
    return text + " " + _("Reply to this text to tell us anything new.", language=lang)


# (case, values, language, {landlord, reference}, landlord_phone, channel) -> the text
UpdateTemplate = Callable[[Case, dict[str, Any], str, dict[str, str], str, str], str]

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
    channel: str = "sms",
    **values: Any,
) -> str:
    """The text for one update `kind` about `case` (in the case's language), worded for
    `channel` ("sms", or "email": no "reply to this text", no survey in the closure).

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
    return template(case, values, lang, common, landlord_phone, channel)


# -- queueing ---------------------------------------------------------------------------------


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
    """Queue update `kind` for the complainant of `case` in the caller's transaction, by
    their route (`contact_route`): a text, or an email worded for email.

    Returns the outbox row (an existing one when this update was already queued), or None when
    nothing may be written to them (no consent, they asked for a phone call, no number or not
    safe to text and no email address, opted out). Routine updates wait for the end of quiet
    hours; pass urgent=True only when it cannot wait. Raises UpdateError when `kind` or a value
    is wrong. See `update_text` for `values`.
    """
    route = contact_route(session, case)
    channel = "email" if route.channel == "email" else "sms"
    body = update_text(
        case,
        kind,
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        channel=channel,
        **values,
    )
    if not route.written:
        log.info("case update not sent: case=%s kind=%s (%s)", case.id, kind, route.reason)
        return None
    return queue_for_resident(
        session,
        case,
        route,
        kind=kind,
        text=body,
        dedupe_key=dedupe_key or default_dedupe_key(case, kind, body, now or utcnow()),
        landlord_name=landlord_name,
        landlord_phone=landlord_phone,
        urgent=urgent,
    )
