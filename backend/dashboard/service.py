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
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, and_, cast, extract, func, literal, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from backend.cases.models import (
    CATEGORIES,
    EQUALITY_CODES,
    EQUALITY_LABELS,
    EQUALITY_QUESTIONS,
    ROUTES,
    Case,
)
from backend.sms_inbound.models import SurveyResponse
from backend.sms_outbound.models import OutboxMessage
from backend.sms_outbound.survey_questions import SURVEY
from backend.triage.queue import overdue_condition
from core.workdays import WorkingCalendar

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


SURVEY_LABELS = {
    "kept_informed": "How well we kept them informed",
    "treated_fairly": "How fairly we treated them",
    "easy_to_report": "How easy it was to report",
    "outcome": "How happy they are with the outcome",
    "report_again": "Would report ASB to us again",
}


@dataclass(frozen=True)
class SurveyFigure:
    """The answers to one closure-survey question given in the period."""

    key: str
    label: str
    kind: str  # "scale" (1-5) or "yes_no" (1 yes, 0 no)
    answers: int
    counts: dict[int, int]  # score -> how many gave it

    @property
    def average(self) -> float | None:
        """Mean score (scale questions) or share answering yes, 0-1 (yes/no questions)."""
        if not self.answers:
            return None
        return sum(score * n for score, n in self.counts.items()) / self.answers

    @property
    def summary(self) -> str:
        if not self.answers:
            return "no answers yet"
        if self.kind == "yes_no":
            return f"{round(100 * (self.average or 0))}% yes"
        return f"{self.average:.1f} out of 5"


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
    survey: list[SurveyFigure] = field(default_factory=list)
    surveyed_cases: int = 0


def period_bounds(calendar: WorkingCalendar, start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants from local midnight of `start` to local midnight after `end`."""
    begin = datetime.combine(start, time(0), tzinfo=calendar.tz)
    finish = datetime.combine(end + timedelta(days=1), time(0), tzinfo=calendar.tz)
    return begin, finish


# -- local time in SQL ----------------------------------------------------------------------


def _offsets(tz: ZoneInfo, lo: datetime, hi: datetime) -> list[tuple[datetime, int]]:
    """(UTC instant from which it applies, UTC offset in minutes) from `lo` to `hi`."""

    def offset(moment: datetime) -> int:
        return int(moment.astimezone(tz).utcoffset().total_seconds() // 60)  # type: ignore[union-attr]

    lo, hi = lo.astimezone(timezone.utc), hi.astimezone(timezone.utc)  # UTC arithmetic below
    segments = [(lo, offset(lo))]
    day = lo.replace(hour=0, minute=0, second=0, microsecond=0)
    while day < hi:
        following = day + timedelta(days=1)
        if offset(following) != segments[-1][1]:
            moment = day
            while offset(moment) == segments[-1][1]:  # transitions fall on a quarter hour
                moment += timedelta(minutes=15)
            segments.append((moment, offset(moment)))
        day = following
    return segments


class LocalTime:
    """SQL for the landlord's local date, hour and HH:MM of a UTC timestamp column, the same
    on PostgreSQL (timezone()) and SQLite (an offset per daylight-saving period)."""

    def __init__(self, session: Session, calendar: WorkingCalendar, lo: datetime, hi: datetime):
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.tz = calendar.tz
        self.segments = [] if self.postgres else _offsets(calendar.tz, lo, hi)

    def _local(self, column: Any) -> Any:
        if self.postgres:
            return func.timezone(self.tz.key, column)
        first, *rest = self.segments
        modifier: Any = literal(f"{first[1]:+d} minutes")
        if rest:  # the latest period whose start the instant has reached
            modifier = sql_case(
                *((column >= begin, f"{mins:+d} minutes") for begin, mins in reversed(rest)),
                else_=f"{first[1]:+d} minutes",
            )
        return func.datetime(column, modifier)

    def date(self, column: Any) -> Any:
        local = self._local(column)
        return cast(local, Date) if self.postgres else func.date(local)

    def hour(self, column: Any) -> Any:
        local = self._local(column)
        if self.postgres:
            return cast(extract("hour", local), Integer)
        return cast(func.strftime("%H", local), Integer)

    def hhmm(self, column: Any) -> Any:
        local = self._local(column)
        return func.to_char(local, "HH24:MI") if self.postgres else func.strftime("%H:%M", local)


def _as_date(value: Any) -> date | None:
    """A date from the database (SQLite gives text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def build_dashboard(
    session: Session, calendar: WorkingCalendar, now: datetime, start: date, end: date
) -> Dashboard:
    """Everything the dashboard shows for reports received from `start` to `end`.

    Counted in SQL (GROUP BY local day and hour, category and route, queue date...), so the
    rows that come back grow with the days in the period, not with the number of cases; only
    working days and time limits are worked out here, once per distinct day."""
    today = calendar.today(now)
    begin, finish = period_bounds(calendar, start, end)
    board = Dashboard(start=start, end=end)
    period = (Case.received_at >= begin, Case.received_at < finish)
    local = LocalTime(
        session, calendar, begin - timedelta(days=1), max(finish, now) + timedelta(days=1)
    )
    _add_reports_by_day_and_hour(session, board, calendar, local, period)
    _add_categories_routes_and_gaps(session, board, period)
    board.triaged_in_target = _triaged_in_target(session, local, period, today)
    board.acknowledged_urgent, board.acknowledged_other = _acknowledged_in_time(
        session, calendar, local, period, today
    )
    _add_long_running_and_overdue(session, board, now, today)
    board.survey, board.surveyed_cases = survey_results(session, begin, finish)
    return board


def _add_reports_by_day_and_hour(
    session: Session,
    board: Dashboard,
    calendar: WorkingCalendar,
    local: LocalTime,
    period: tuple[Any, ...],
) -> None:
    """Reports by local day and hour, the total, and how many came out of office hours."""
    working_day = cache(calendar.is_working_day)
    opens = calendar.office_opens.strftime("%H:%M")
    closes = calendar.office_closes.strftime("%H:%M")
    hhmm = local.hhmm(Case.received_at)
    in_office = sql_case((and_(hhmm >= opens, hhmm < closes), 1), else_=0)
    day_col, hour_col = local.date(Case.received_at), local.hour(Case.received_at)
    days: Counter[date] = Counter()
    for day_value, hour, office, n in session.execute(
        select(day_col, hour_col, in_office, func.count())
        .where(*period)
        .group_by(day_col, hour_col, in_office)
    ):
        day = _as_date(day_value)
        assert day is not None
        days[day] += n
        board.by_hour[int(hour)] += n
        if not (office and working_day(day)):
            board.out_of_hours += n
    board.total = sum(days.values())
    day = board.start
    while day <= board.end:
        board.by_day.append((day, days[day]))
        day += timedelta(days=1)


def _blank(name: str) -> Any:
    """SQL: the answer `name` was not recorded. "When" is recorded by when it last happened,
    when it started, or "happening now" (the last time is then the report itself)."""
    if name == "happened_when":
        return and_(
            Case.happened_when.is_(None),
            Case.started_when.is_(None),
            or_(Case.happening_now.is_(None), Case.happening_now.is_(False)),
        )
    return getattr(Case, name).is_(None)


def _add_categories_routes_and_gaps(
    session: Session, board: Dashboard, period: tuple[Any, ...]
) -> None:
    """Reports by category and by route, and the "not recorded" answers (after the total)."""
    categories: Counter[str] = Counter()
    routes: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    blanks = [func.sum(sql_case((_blank(name), 1), else_=0)) for name in RECORDED_FIELDS]
    for category, route, n, *gaps in session.execute(
        select(Case.category, Case.route, func.count(), *blanks)
        .where(*period)
        .group_by(Case.category, Case.route)
    ):
        categories[category or "not_recorded"] += n
        routes[route] += n
        for name, gap in zip(RECORDED_FIELDS, gaps, strict=True):
            missing[name] += int(gap or 0)
    order = {code: i for i, code in enumerate((*CATEGORIES, "not_recorded"))}
    board.by_category = sorted(categories.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    route_order = {code: i for i, code in enumerate(ROUTES)}
    board.by_route = sorted(routes.items(), key=lambda kv: (-kv[1], route_order.get(kv[0], 99)))
    board.not_recorded = {
        label: Share(missing[name], board.total) for name, label in RECORDED_FIELDS.items()
    }
    board.not_recorded_overall = Share(sum(missing.values()), board.total * len(RECORDED_FIELDS))


def _triaged_in_target(
    session: Session, local: LocalTime, period: tuple[Any, ...], today: date
) -> Share:
    """Triaged within target: of those triaged, and those still waiting past their due date."""
    on_time = and_(Case.triaged_at.is_not(None), local.date(Case.triaged_at) <= Case.triage_due)
    counted = or_(Case.triaged_at.is_not(None), Case.triage_due < today)
    triage_whole, triage_part = session.execute(
        select(func.count(), func.sum(sql_case((on_time, 1), else_=0))).where(*period, counted)
    ).one()
    return Share(int(triage_part or 0), int(triage_whole))


def _acknowledged_in_time(
    session: Session,
    calendar: WorkingCalendar,
    local: LocalTime,
    period: tuple[Any, ...],
    today: date,
) -> tuple[Share, Share]:
    """Acknowledged within 1 (urgent) or 5 working days, of those we may text: (urgent, other)."""
    due_date = cache(calendar.due_date)
    first_ack = (
        select(func.min(OutboxMessage.sent_at))
        .where(OutboxMessage.case_id == Case.id, OutboxMessage.kind == "ack")
        .correlate(Case)
        .scalar_subquery()
    )
    textable = (
        select(
            Case.queue_date.label("queue_date"),
            (Case.triage_priority_days == 1).label("urgent"),
            first_ack.label("first_ack"),
        )
        .where(
            *period,
            Case.reporter_phone.is_not(None),
            Case.reporter_phone != "",
            Case.consent_to_contact.is_(True),
            Case.safe_to_text.is_(True),
        )
        .subquery()
    )
    ack_day = local.date(textable.c.first_ack)
    ack = {"urgent": [0, 0], "other": [0, 0]}
    for queue_value, urgent, sent_value, n in session.execute(
        select(textable.c.queue_date, textable.c.urgent, ack_day, func.count()).group_by(
            textable.c.queue_date, textable.c.urgent, ack_day
        )
    ):
        which = "urgent" if urgent else "other"
        limit = due_date(_as_date(queue_value), 1 if urgent else 5)
        sent = _as_date(sent_value)
        if sent is not None or limit < today:
            ack[which][1] += n
            if sent is not None and sent <= limit:
                ack[which][0] += n
    return Share(*ack["urgent"]), Share(*ack["other"])


def _add_long_running_and_overdue(
    session: Session, board: Dashboard, now: datetime, today: date
) -> None:
    """Open cases older than 12 weeks, and the cases overdue now (the 20 most urgent listed)."""
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


def survey_results(
    session: Session, begin: datetime, finish: datetime
) -> tuple[list[SurveyFigure], int]:
    """Closure-survey answers given from `begin` to `finish`, per question in survey order,
    and how many cases they came from (counted in SQL)."""
    period = (SurveyResponse.answered_at >= begin, SurveyResponse.answered_at < finish)
    counts: dict[str, dict[int, int]] = {}
    for question, score, n in session.execute(
        select(SurveyResponse.question, SurveyResponse.score, func.count())
        .where(*period, SurveyResponse.score.is_not(None))
        .group_by(SurveyResponse.question, SurveyResponse.score)
    ):
        counts.setdefault(question, {})[int(score)] = int(n)
    cases = session.execute(
        select(func.count(func.distinct(SurveyResponse.case_id))).where(*period)
    ).scalar_one()
    figures = [
        SurveyFigure(
            key=q.key,
            label=SURVEY_LABELS.get(q.key, q.key),
            kind=q.kind,
            answers=sum(counts.get(q.key, {}).values()),
            counts=dict(sorted(counts.get(q.key, {}).items())),
        )
        for q in SURVEY
    ]
    return figures, int(cases)


# -- equality monitoring ------------------------------------------------------------------

# Counts under this are shown as "fewer than 5", so no one can be picked out of a small group.
EQUALITY_SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class EqualityFigure:
    """How many reports in the period gave each answer to one equality question."""

    key: str
    label: str
    rows: list[tuple[str, str]]  # (answer, count shown: a number or "fewer than 5")


def shown_count(count: int) -> str:
    """A count for display, small non-zero counts suppressed."""
    if 0 < count < EQUALITY_SUPPRESS_BELOW:
        return f"fewer than {EQUALITY_SUPPRESS_BELOW}"
    return str(count)


def equality_summary(
    session: Session, calendar: WorkingCalendar, start: date, end: date
) -> list[EqualityFigure]:
    """Counts per equality-monitoring answer for reports received from `start` to `end`:
    aggregates only (no case references), counts from 1 to 4 suppressed. Special-category
    data: this is the only place outside the case page that reads `Case.equality`."""
    begin, finish = period_bounds(calendar, start, end)
    counts: dict[str, Counter[str]] = {name: Counter() for name in EQUALITY_CODES}
    query = select(Case.equality).where(
        Case.received_at >= begin, Case.received_at < finish, Case.equality.is_not(None)
    )
    for (answers,) in session.execute(query):
        if not isinstance(answers, dict):
            continue  # a JSON null
        for name, allowed in EQUALITY_CODES.items():
            if answers.get(name) in allowed:
                counts[name][answers[name]] += 1
    return [
        EqualityFigure(
            key=name,
            label=EQUALITY_QUESTIONS[name],
            rows=[
                (EQUALITY_LABELS[name][code], shown_count(counts[name][code]))
                for code in EQUALITY_CODES[name]
            ],
        )
        for name in EQUALITY_CODES
    ]


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
