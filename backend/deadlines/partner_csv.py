"""The partners' CSV: cases a police-council ASB case system can import (docs/partners-csv.md
documents every column, its meaning and the field it comes from).

Data minimised for sharing: no names, phone numbers, emails, addresses, full postcodes, the
resident's words, equality answers, communication needs or personal circumstances (the
vulnerable flag); the place is the postcode district and estate only. Cells are formula-safe
(`csv_safe`). Dates are the landlord's local dates (YYYY-MM-DD), times local HH:MM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.casework.status import CLOSURE_REASONS
from backend.dashboard.service import csv_safe, period_bounds
from backend.deadlines.limits import deadline_states
from backend.deadlines.long_running import LONG_RUNNING, weeks_open
from core.workdays import WorkingCalendar

# The Home Office's three types of anti-social behaviour, for partner systems that use them.
ASB_TYPES = {
    "harassment": "Personal",
    "hate": "Personal",
    "domestic_abuse": "Personal",
    "violence": "Personal",
    "noise": "Nuisance",
    "drugs_alcohol": "Nuisance",
    "drug_dealing": "Nuisance",
    "vehicle_nuisance": "Nuisance",
    "groups_communal": "Nuisance",
    "pets_animals": "Nuisance",
    "other_asb": "Nuisance",
    "vandalism": "Environmental",
    "environmental": "Environmental",
}
RISK_LEVELS = {"LOW": "Low", "MEDIUM": "Medium", "HIGH": "High"}
RESULTS = {"met": "Met", "late": "Missed", "missed": "Missed", "due": "Due", "not_tracked": ""}

COLUMNS = (
    "case_reference",
    "date_reported",
    "time_reported",
    "reporting_channel",
    "asb_type",
    "incident_category",
    "owner_team",
    "risk_level",
    "risk_score",
    "hate_related",
    "domestic_abuse",
    "case_status",
    "status_detail",
    "triage_due_date",
    "date_triaged",
    "next_update_due",
    "initial_contact_due",
    "initial_contact_date",
    "initial_contact_result",
    "risk_assessment_due",
    "risk_assessment_date",
    "risk_assessment_result",
    "action_plan_due",
    "action_plan_date",
    "action_plan_result",
    "weeks_open",
    "open_over_12_weeks",
    "date_closed",
    "closure_reason",
    "postcode_district",
    "estate",
)


def _local_day(calendar: WorkingCalendar, moment: datetime | None) -> date | None:
    return calendar.today(moment) if moment is not None else None


def case_row(case: Case, calendar: WorkingCalendar, now: datetime) -> list[Any]:
    """One case as the CSV's cells, in COLUMNS order."""
    today = calendar.today(now)
    received = calendar.local(case.received_at)
    limits = []
    for state in deadline_states(case, calendar, today):
        limits += [state.due, state.met_on, RESULTS[state.state]]
    is_open = case.status != "closed"
    end = case.closed_at if case.closed_at is not None and not is_open else now
    reason = case.closure_reason if case.closure_reason in CLOSURE_REASONS else None
    return [
        case.reference,
        received.date(),
        received.strftime("%H:%M"),
        case.channel,
        ASB_TYPES.get(case.category or "", "Not recorded"),
        case.category or "not_recorded",
        case.owner_team,
        RISK_LEVELS.get(case.risk_band, case.risk_band),
        case.risk_score,
        bool(case.hate),
        bool(case.domestic_abuse),
        "Open" if is_open else "Closed",
        case.status,
        case.triage_due,
        _local_day(calendar, case.triaged_at),
        case.promised_date,
        *limits,
        weeks_open(case.received_at, end),
        is_open and case.received_at < now - LONG_RUNNING,
        _local_day(calendar, case.closed_at),
        reason if reason else ("Other" if case.closure_reason else None),
        case.postcode_district,
        case.estate,
    ]


def export_rows(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> Iterator[str]:
    """The CSV text, a line at a time: the header, then one row per case received from `start`
    to `end` (oldest first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    begin, finish = period_bounds(calendar, start, end)
    query = (
        select(Case)
        .where(Case.received_at >= begin, Case.received_at < finish)
        .order_by(Case.received_at, Case.id)
        .execution_options(yield_per=500)
    )
    for case in session.execute(query).scalars():
        writer.writerow([csv_safe(cell) for cell in case_row(case, calendar, now)])
        yield flush()
