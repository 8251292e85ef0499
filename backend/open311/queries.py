"""GET requests, GET requests/{id} and GET servicerequestupdates: the filters checked, the
cases and their public timeline events read in one transaction."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case, CaseEvent
from backend.intake.contract import aware_moment
from backend.open311.catalogue import SERVICES
from backend.open311.formats import Open311Error
from backend.open311.public import PUBLIC_KINDS, public_request, public_update
from core.codes import REFERENCE_PATTERN
from core.workdays import WorkingCalendar

MAX_DAYS = 90  # the spec's widest date range
MAX_RESULTS = 1000  # the spec's largest answer
UPDATES_DEFAULT = timedelta(days=1)
_REFERENCE = re.compile(f"^{REFERENCE_PATTERN}$")
_DATE_ONLY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class RequestFilter:
    """What GET requests asks for (service_request_id overrides the rest, as the spec says)."""

    references: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None


def _moment(query: Mapping[str, str], name: str) -> datetime | None:
    raw = str(query.get(name, "") or "").strip()
    if not raw:
        return None
    if _DATE_ONLY.match(raw):
        raw += "T00:00:00+00:00"
    moment = aware_moment(raw)
    if isinstance(moment, str):
        raise Open311Error(400, f"{name} {moment} (w3 format, e.g. 2026-11-20T00:00:00Z)")
    return moment


def _list(query: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = str(query.get(name, "") or "")
    return tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))


def date_range(
    query: Mapping[str, str], now: datetime, default: timedelta
) -> tuple[datetime, datetime]:
    """start_date and end_date, checked: start before end, at most MAX_DAYS apart."""
    start, end = _moment(query, "start_date"), _moment(query, "end_date")
    if start is None and end is None:
        return now - default, now
    if start is None:
        start = end - min(default, timedelta(days=MAX_DAYS))  # type: ignore[operator]
    if end is None:
        end = min(start + timedelta(days=MAX_DAYS), max(now, start))
    if start > end:
        raise Open311Error(400, "start_date must be before end_date")
    if end - start > timedelta(days=MAX_DAYS):
        raise Open311Error(400, f"start_date and end_date may be at most {MAX_DAYS} days apart")
    return start, end


def parse_filter(query: Mapping[str, str], now: datetime) -> RequestFilter:
    """GET requests' query, checked (400 for a bad date, status or service_code)."""
    references = _list(query, "service_request_id")
    if references:
        if len(references) > MAX_RESULTS:
            raise Open311Error(400, f"at most {MAX_RESULTS} service_request_id at once")
        return RequestFilter(references=references)
    codes = _list(query, "service_code")
    unknown = [code for code in codes if code not in SERVICES]
    if unknown:
        raise Open311Error(400, f"service_code {', '.join(unknown)} is not one of our services")
    statuses = tuple(status.lower() for status in _list(query, "status"))
    if any(status not in ("open", "closed") for status in statuses):
        raise Open311Error(400, "status must be open or closed (comma separated for both)")
    start, end = date_range(query, now, timedelta(days=MAX_DAYS))
    return RequestFilter((), codes, statuses, start, end)


def _events_by_case(session: Session, case_ids: list[int]) -> dict[int, list[CaseEvent]]:
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for start in range(0, len(case_ids), 500):
        rows = session.execute(
            select(CaseEvent)
            .where(CaseEvent.case_id.in_(case_ids[start : start + 500]))
            .where(CaseEvent.kind.in_(PUBLIC_KINDS))
            .order_by(CaseEvent.id)
        ).scalars()
        for event in rows:
            events[event.case_id].append(event)
    return events


def find_requests(
    session: Session, wanted: RequestFilter, calendar: WorkingCalendar, landlord: str
) -> list[dict[str, Any]]:
    """The public shape of every case the filter selects, newest first."""
    statement = select(Case).where(Case.reference.is_not(None))
    if wanted.references:
        valid = [ref for ref in wanted.references if _REFERENCE.match(ref)]
        statement = statement.where(Case.reference.in_(valid or ["-"]))
    else:
        if wanted.service_codes:
            statement = statement.where(Case.category.in_(wanted.service_codes))
        if set(wanted.statuses) == {"open"}:
            statement = statement.where(Case.status != "closed")
        elif set(wanted.statuses) == {"closed"}:
            statement = statement.where(Case.status == "closed")
        if wanted.start is not None:
            statement = statement.where(Case.received_at >= wanted.start)
        if wanted.end is not None:
            statement = statement.where(Case.received_at <= wanted.end)
    statement = statement.order_by(Case.received_at.desc(), Case.id.desc()).limit(MAX_RESULTS)
    cases = list(session.execute(statement).scalars())
    events = _events_by_case(session, [case.id for case in cases])
    return [public_request(case, events[case.id], calendar, landlord) for case in cases]


def find_request(
    session: Session, reference: str, calendar: WorkingCalendar, landlord: str
) -> dict[str, Any] | None:
    found = find_requests(session, RequestFilter(references=(reference,)), calendar, landlord)
    return found[0] if found else None


def find_updates(
    session: Session, query: Mapping[str, str], now: datetime, landlord: str
) -> list[dict[str, Any]]:
    """servicerequestupdates: status changes and public notes made between start_date and
    end_date (default: the last day), oldest first, at most MAX_RESULTS."""
    start, end = date_range(query, now, UPDATES_DEFAULT)
    rows = session.execute(
        select(CaseEvent, Case.reference)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.kind.in_(PUBLIC_KINDS))
        .where(CaseEvent.at >= start, CaseEvent.at <= end)
        .where(Case.reference.is_not(None))
        .order_by(CaseEvent.at, CaseEvent.id)
        .limit(MAX_RESULTS)
    ).all()
    updates = [public_update(event, reference, landlord) for event, reference in rows]
    return [update for update in updates if update is not None]
