"""The small calls other packages make into this one, each inside the caller's transaction:

- intake, before routing: `mark_supported_housing` (ASB_SUPPORTED_SCHEMES, so LPC owns it);
- intake, once the case row exists: `case_opened` (due dates, postcode district, estate and
  the drafted action plan);
- triage, RAM review and (re)assignment: `after_triage`, `after_ram_review`, `team_changed`
  (due dates follow the owner team; the draft follows category and band).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from backend.cases.models import Case
from backend.cases.places import estate_of, postcode_district, supported_housing_details
from backend.deadlines.draft_plan import draft_for, refresh_draft
from backend.deadlines.limits import set_due_dates
from backend.intake.contract import ReportIn
from core.settings import supported_schemes_from_env
from core.workdays import WorkingCalendar


def mark_supported_housing(payload: ReportIn, schemes: Sequence[str] | None = None) -> ReportIn:
    """The report with `details["supported_housing"]` set when its address matches a supported
    scheme (`schemes`, or ASB_SUPPORTED_SCHEMES when None); the same report otherwise."""
    schemes = supported_schemes_from_env() if schemes is None else schemes
    details = supported_housing_details(
        payload.details,
        schemes,
        location=payload.location,
        postcode=payload.reporter.postcode,
        address=payload.reporter.address,
    )
    return payload if details == dict(payload.details) else replace(payload, details=details)


def case_opened(case: Case, calendar: WorkingCalendar, now: datetime) -> None:
    """A new case: its three due dates, where it is (district, estate) and its draft plan."""
    set_due_dates(case, calendar)
    details = case.details or {}
    postcode = details.get("reporter_postcode")
    case.postcode_district = postcode_district(
        postcode if isinstance(postcode, str) else None, case.location
    )
    case.estate = estate_of(details)
    case.action_plan_draft = draft_for(case, now)


def team_changed(case: Case, calendar: WorkingCalendar | None) -> None:
    """The owner team may have changed: due dates for the team it has now (a step already met
    stays met)."""
    if calendar is not None:
        set_due_dates(case, calendar)


def after_triage(case: Case, calendar: WorkingCalendar, now: datetime) -> None:
    """Triage may change team, category and band: due dates and draft follow."""
    set_due_dates(case, calendar)
    refresh_draft(case, now)


def after_ram_review(case: Case, now: datetime) -> None:
    """A confirmed RAM may change the band: the draft follows while no plan is saved."""
    refresh_draft(case, now)
