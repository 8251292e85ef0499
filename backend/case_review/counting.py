"""The ASB Case Review threshold: the one place reports are counted (docs/domain.md section 9).

A report is a case (its report, on the day it was received) or a repeat incident a returning
resident added to a case (on the day it was added). The threshold (`Threshold`, from the
settings: ASB_CASE_REVIEW_REPORTS reports in ASB_CASE_REVIEW_MONTHS months, each made within
ASB_CASE_REVIEW_REPORT_WITHIN_DAYS days of the incident it describes) is counted two ways from one
case, the application's "anchor":

- per resident: reports from the anchor's reporter, known by the phone number or the email
  address on the case (as backend/residents identifies them), and the anchor itself;
- per address: reports whose reporter gave the same home address, the normalised postcode plus
  the first address line (`address_key`), whoever in the household made them.

The threshold is met when either count reaches it. A report counts only when it was made within
the month of its incident (`backend.case_review.incident_dates`); one whose date is not clear is
listed as such (`timely` None) and not counted. Every function works in the caller's transaction
and never writes.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from backend.case_review.incident_dates import incident_date
from backend.cases.models import Case, CaseEvent
from backend.intake.contract import normalise_postcode
from core.settings import Settings
from core.workdays import WorkingCalendar

# Street words written short, so "1 Example Rd" and "1 example road" are one address.
_STREET_WORDS = {
    "rd": "road",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "dr": "drive",
    "cres": "crescent",
    "ct": "court",
    "pl": "place",
    "sq": "square",
    "gdns": "gardens",
    "tce": "terrace",
    "terr": "terrace",
    "cl": "close",
    "apt": "flat",
    "apartment": "flat",
}


@dataclass(frozen=True)
class Threshold:
    """The local threshold (defaults: the statutory maximum, three reports in six months, each
    within a month of the incident)."""

    reports: int = 3
    months: int = 6
    within_days: int = 31

    @classmethod
    def from_settings(cls, settings: Settings) -> Threshold:
        return cls(
            settings.case_review_reports,
            settings.case_review_months,
            settings.case_review_report_within_days,
        )

    def as_dict(self) -> dict[str, int]:
        return {"reports": self.reports, "months": self.months, "within_days": self.within_days}


@dataclass(frozen=True)
class CountedReport:
    """One report in the window: whose it is, when it was made, and whether it was timely."""

    case_id: int
    reference: str
    kind: str  # "report" (the case itself) or "repeat incident"
    made_at: datetime
    incident_on: date | None  # None: the words give no date
    timely: bool | None  # made within the month of the incident; None: date not clear
    by_resident: bool
    at_address: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "reference": self.reference,
            "kind": self.kind,
            "made_at": self.made_at.isoformat(),
            "incident_on": self.incident_on.isoformat() if self.incident_on else None,
            "timely": self.timely,
            "by_resident": self.by_resident,
            "at_address": self.at_address,
        }


@dataclass(frozen=True)
class ReviewCount:
    """The threshold counted for one anchor case at one moment."""

    threshold: Threshold
    since: datetime
    reports: list[CountedReport] = field(default_factory=list)
    address_known: bool = False

    @property
    def by_resident(self) -> int:
        return sum(1 for r in self.reports if r.by_resident and r.timely)

    @property
    def at_address(self) -> int | None:
        """Timely reports from the home address (None: the anchor gave no address)."""
        if not self.address_known:
            return None
        return sum(1 for r in self.reports if r.at_address and r.timely)

    @property
    def unclear(self) -> int:
        """Reports in the window whose incident date is not clear (not counted)."""
        return sum(1 for r in self.reports if r.timely is None)

    @property
    def late(self) -> int:
        """Reports in the window made more than a month after their incident (not counted)."""
        return sum(1 for r in self.reports if r.timely is False)

    @property
    def met(self) -> bool:
        return max(self.by_resident, self.at_address or 0) >= self.threshold.reports

    def summary(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold.as_dict(),
            "since": self.since.isoformat(),
            "reports_by_resident": self.by_resident,
            "reports_at_address": self.at_address,
            "reports_unclear": self.unclear,
            "reports_late": self.late,
            "threshold_met": self.met,
        }


def months_before(moment: datetime, months: int) -> datetime:
    """The same time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def address_key(case: Case) -> str | None:
    """The reporter's home as "<postcode>|<first address line>", lower-cased, punctuation
    squeezed and street words written out ("Flat 3, 1 Example Rd, Leeds" -> "zz99 1aa|flat 3 1
    example road"); parts after the street with no number (a town) are left out. None without
    both a postcode and an address line."""
    details = case.details or {}
    raw_postcode, line = details.get("reporter_postcode"), details.get("reporter_address")
    if not isinstance(raw_postcode, str) or not isinstance(line, str):
        return None
    try:
        postcode = normalise_postcode(raw_postcode)
    except ValueError:
        return None
    kept: list[str] = []
    for part in line.split(","):
        if kept and any(char.isdigit() for char in " ".join(kept)) and not re.search(r"\d", part):
            break  # a town or county after the street
        kept.append(part)
    words = re.sub(r"[^a-z0-9]+", " ", " ".join(kept).lower()).split()
    first_line = " ".join(_STREET_WORDS.get(word, word) for word in words)
    return f"{postcode.lower()}|{first_line}" if first_line else None


def _same_resident(case_id: int, phones: set[str], emails: set[str]) -> Any:
    """SQL condition: the case, or cases from any of these phone numbers or email addresses."""
    matches: list[Any] = [Case.id == case_id]
    if phones:
        matches.append(Case.reporter_phone.in_(sorted(phones)))
    if emails:
        matches.append(func.lower(Case.reporter_email).in_(sorted(emails)))
    return or_(*matches)


def _resident_cases(session: Session, anchor: Case) -> list[Case]:
    """The anchor's reporter's cases: by its phone or email, then once more by the other
    numbers and addresses those cases give (a resident who reported by text, then by web with
    their email and the same number, is one resident)."""
    phones = {anchor.reporter_phone} if anchor.reporter_phone else set()
    emails = {anchor.reporter_email.lower()} if anchor.reporter_email else set()
    for _round in range(2):  # the anchor's own details, then the ones its cases add
        query = select(Case).where(_same_resident(anchor.id, phones, emails))
        cases = list(session.execute(query).scalars())
        more_phones = phones | {c.reporter_phone for c in cases if c.reporter_phone}
        more_emails = emails | {c.reporter_email.lower() for c in cases if c.reporter_email}
        if (more_phones, more_emails) == (phones, emails):
            return cases
        phones, emails = more_phones, more_emails
    query = select(Case).where(_same_resident(anchor.id, phones, emails))
    return list(session.execute(query).scalars())


def _candidates(
    session: Session, anchor: Case, home: str | None, since: datetime
) -> dict[int, tuple[Case, bool]]:
    """Cases of the resident or (with `home`) from their address with a report in the window
    (received, or a repeat incident added, after `since`): {id: (case, by_resident)}."""
    found: dict[int, tuple[Case, bool]] = {}
    for case in _resident_cases(session, anchor):
        found[case.id] = (case, True)
    if home is not None:
        postcode = home.split("|", 1)[0].upper()  # letters, digits and a space only
        text = cast(Case.details, String)
        incidents = select(CaseEvent.case_id).where(
            CaseEvent.kind == "incident", CaseEvent.at > since
        )
        in_window = or_(Case.received_at > since, Case.id.in_(incidents))
        query = select(Case).where(in_window, text.like(f"%{postcode}%"))
        for case in session.execute(query).scalars():
            if case.id not in found and address_key(case) == home:
                found[case.id] = (case, False)
    return found


def _timely(made: date, on: date | None, within_days: int) -> bool | None:
    if on is None:
        return None
    return 0 <= (made - on).days <= within_days


def count_reports(
    session: Session,
    anchor: Case,
    now: datetime,
    threshold: Threshold,
    calendar: WorkingCalendar,
) -> ReviewCount:
    """Every report by the anchor's resident or from their home in the `threshold.months` up
    to `now`, each with its incident date and whether it counts (see the module docstring)."""
    since = months_before(now, threshold.months)
    home = address_key(anchor)
    cases = _candidates(session, anchor, home, since)
    reports: list[CountedReport] = []

    def add(case: Case, by_resident: bool, kind: str, made_at: datetime, on: date | None) -> None:
        made = calendar.today(made_at)
        reports.append(
            CountedReport(
                case_id=case.id,
                reference=case.reference or "",
                kind=kind,
                made_at=made_at,
                incident_on=on,
                timely=_timely(made, on, threshold.within_days),
                by_resident=by_resident,
                at_address=home is not None and address_key(case) == home,
            )
        )

    for case, by_resident in cases.values():
        if since < case.received_at <= now:
            made = calendar.today(case.received_at)
            on = incident_date(case.happened_when, made, case.happening_now)
            add(case, by_resident, "report", case.received_at, on)
    if cases:
        query = select(CaseEvent).where(
            CaseEvent.case_id.in_(list(cases)),
            CaseEvent.kind == "incident",
            CaseEvent.at > since,
            CaseEvent.at <= now,
        )
        for event in session.execute(query).scalars():
            case, by_resident = cases[event.case_id]
            data = event.data or {}
            made = calendar.today(event.at)
            # A repeat incident is "what happened this time": its own when, else its words.
            on = incident_date(data.get("happened_when"), made, data.get("happening_now"))
            if on is None and not data.get("happened_when"):
                on = incident_date(str(data.get("description") or ""), made)
            add(case, by_resident, "repeat incident", event.at, on)
    reports.sort(key=lambda r: r.made_at)
    return ReviewCount(threshold, since, reports, address_known=home is not None)
