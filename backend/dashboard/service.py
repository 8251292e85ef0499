"""Figures for the dashboard and the CSV export (read-only).

Dates are the landlord's local dates (the WorkingCalendar's timezone). A period runs from the
start of `start` to the end of `end`, local time.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.cases.models import CATEGORIES, ROUTES, Case
from backend.cases.service import overdue_condition
from backend.notifications.models import OutboxMessage
from backend.workdays import WorkingCalendar

LONG_RUNNING = timedelta(weeks=12)
# Fields the assistant should fill in; None counts as "not recorded".
RECORDED_FIELDS = {
    "category": "Category",
    "location": "Where",
    "happened_when": "When",
    "frequency": "How often",
    "happening_now": "Happening now",
}


@dataclass(frozen=True)
class Share:
    """`part` out of `whole`, as a percentage for display."""

    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.whole) if self.whole else None

    def __str__(self) -> str:
        if not self.whole:
            return "no cases yet"
        return f"{self.percent}% ({self.part} of {self.whole})"


@dataclass
class Dashboard:
    start: date
    end: date
    total: int = 0
    by_day: list[tuple[date, int]] = field(default_factory=list)
    by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    out_of_hours: int = 0
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_route: list[tuple[str, int]] = field(default_factory=list)
    triaged_in_target: Share = Share(0, 0)
    acknowledged_urgent: Share = Share(0, 0)  # within 1 working day
    acknowledged_other: Share = Share(0, 0)  # within 5 working days
    not_recorded: dict[str, Share] = field(default_factory=dict)
    not_recorded_overall: Share = Share(0, 0)
    open_over_12_weeks: int = 0
    overdue_now: int = 0
    overdue_cases: list[dict[str, Any]] = field(default_factory=list)


def period_bounds(calendar: WorkingCalendar, start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants from local midnight of `start` to local midnight after `end`."""
    begin = datetime.combine(start, time(0), tzinfo=calendar.tz)
    finish = datetime.combine(end + timedelta(days=1), time(0), tzinfo=calendar.tz)
    return begin, finish


def out_of_hours(calendar: WorkingCalendar, moment: datetime) -> bool:
    """Received when the office was closed (evening, night, weekend, bank holiday, closure)."""
    local = calendar.local(moment)
    if not calendar.is_working_day(local.date()):
        return True
    return not calendar.office_opens <= local.time() < calendar.office_closes


def build_dashboard(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> Dashboard:
    """Everything the dashboard shows for reports received from `start` to `end`."""
    today = calendar.today(now)
    begin, finish = period_bounds(calendar, start, end)
    board = Dashboard(start=start, end=end)
    columns = (
        Case.id,
        Case.received_at,
        Case.category,
        Case.route,
        Case.queue_date,
        Case.triage_due,
        Case.triaged_at,
        Case.triage_priority_days,
        Case.reporter_phone,
        Case.consent_to_contact,
        Case.safe_to_text,
        *(getattr(Case, name) for name in RECORDED_FIELDS),
    )
    rows = session.execute(
        select(*columns).where(Case.received_at >= begin, Case.received_at < finish)
    ).all()
    acks: dict[int, datetime] = dict(
        session.execute(
            select(OutboxMessage.case_id, func.min(OutboxMessage.sent_at))
            .join(Case, Case.id == OutboxMessage.case_id)
            .where(
                OutboxMessage.kind == "ack",
                OutboxMessage.sent_at.is_not(None),
                Case.received_at >= begin,
                Case.received_at < finish,
            )
            .group_by(OutboxMessage.case_id)
        ).all()
    )

    days: Counter[date] = Counter()
    categories: Counter[str] = Counter()
    routes: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    triage_part = triage_whole = 0
    ack = {"urgent": [0, 0], "other": [0, 0]}
    for row in rows:
        received = row.received_at
        local = calendar.local(received)
        days[local.date()] += 1
        board.by_hour[local.hour] += 1
        board.out_of_hours += out_of_hours(calendar, received)
        categories[row.category or "not_recorded"] += 1
        routes[row.route] += 1
        for name in RECORDED_FIELDS:
            if getattr(row, name) is None:
                missing[name] += 1
        if row.triaged_at is not None or row.triage_due < today:
            triage_whole += 1
            if row.triaged_at is not None and calendar.today(row.triaged_at) <= row.triage_due:
                triage_part += 1
        if row.reporter_phone and row.consent_to_contact and row.safe_to_text:
            which = "urgent" if row.triage_priority_days == 1 else "other"
            limit = calendar.due_date(row.queue_date, 1 if which == "urgent" else 5)
            sent = acks.get(row.id)
            if sent is not None or limit < today:
                ack[which][1] += 1
                if sent is not None and calendar.today(sent) <= limit:
                    ack[which][0] += 1

    board.total = len(rows)
    day = start
    while day <= end:
        board.by_day.append((day, days[day]))
        day += timedelta(days=1)
    order = {code: i for i, code in enumerate((*CATEGORIES, "not_recorded"))}
    board.by_category = sorted(categories.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    route_order = {code: i for i, code in enumerate(ROUTES)}
    board.by_route = sorted(routes.items(), key=lambda kv: (-kv[1], route_order.get(kv[0], 99)))
    board.triaged_in_target = Share(triage_part, triage_whole)
    board.acknowledged_urgent = Share(*ack["urgent"])
    board.acknowledged_other = Share(*ack["other"])
    board.not_recorded = {
        label: Share(missing[name], board.total) for name, label in RECORDED_FIELDS.items()
    }
    board.not_recorded_overall = Share(sum(missing.values()), board.total * len(RECORDED_FIELDS))

    board.open_over_12_weeks = session.execute(
        select(func.count(Case.id)).where(
            Case.status != "closed", Case.received_at < now - LONG_RUNNING
        )
    ).scalar_one()
    overdue = overdue_condition(today)
    board.overdue_now = session.execute(select(func.count(Case.id)).where(overdue)).scalar_one()
    board.overdue_cases = [
        {
            "reference": case.reference,
            "owner_team": case.owner_team,
            "status": case.status,
            "triage_due": case.triage_due,
            "promised_date": case.promised_date,
            "priority": case.triage_priority_days,
        }
        for case in session.execute(
            select(Case)
            .where(overdue)
            .order_by(Case.triage_priority_days, Case.triage_due, Case.id)
            .limit(20)
        ).scalars()
    ]
    return board


# -- CSV export ----------------------------------------------------------------------------

# No names, phone numbers, addresses or the resident's own words: the export is for figures.
EXPORT_COLUMNS = (
    "reference",
    "received_at",
    "channel",
    "language",
    "route",
    "category",
    "is_asb",
    "owner_team",
    "assigned_to",
    "status",
    "risk_band",
    "risk_score",
    "triage_priority_days",
    "queue_date",
    "triage_due",
    "triaged_at",
    "promised_date",
    "closed_at",
    "urgent",
    "domestic_abuse",
    "hate",
    "safeguarding",
    "vulnerable",
    "anonymous",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """A cell that spreadsheets will not run as a formula (OWASP CSV injection advice)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_rows(
    session: Session, calendar: WorkingCalendar, start: date, end: date
) -> Iterator[str]:
    """The CSV text, a line at a time: a header, then one row per case received in the period."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(EXPORT_COLUMNS)
    yield flush()
    begin, finish = period_bounds(calendar, start, end)
    query = (
        select(*(getattr(Case, name) for name in EXPORT_COLUMNS))
        .where(Case.received_at >= begin, Case.received_at < finish)
        .order_by(Case.received_at, Case.id)
    )
    for row in session.execute(query):
        writer.writerow([csv_safe(value) for value in row])
        yield flush()
