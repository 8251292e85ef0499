"""Working days of the landlord: weekdays that are not bank holidays of its nation or closures.

Time limits in the ASB procedure are counted in working days (docs/domain.md section 7), and a
report made out of hours joins the queue of the next working day's morning triage. Everything here
works on `datetime.date` values in the landlord's own timezone; `queue_date()` converts from UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays

if TYPE_CHECKING:  # pragma: no cover
    from core.settings import Settings

NATIONS = ("ENG", "WLS", "SCT", "NIR")  # holidays' GB subdivisions


class WorkingCalendar:
    """Bank holidays of one UK nation, weekends, extra closure days and office hours."""

    def __init__(
        self,
        nation: str = "ENG",
        timezone: str = "Europe/London",
        office_opens: time = time(8, 0),
        office_closes: time = time(18, 0),
        extra_closures: Iterable[date] = (),
    ) -> None:
        nation = nation.upper()
        if nation not in NATIONS:
            raise ValueError(f"nation must be one of {', '.join(NATIONS)}, got {nation!r}")
        if office_opens >= office_closes:
            raise ValueError("office_opens must be earlier than office_closes")
        self.nation = nation
        self.tz = ZoneInfo(timezone)
        self.office_opens = office_opens
        self.office_closes = office_closes
        self.extra_closures = frozenset(extra_closures)
        # Never holidays.UK() without a subdivision: Scotland and Northern Ireland differ.
        self._bank_holidays = holidays.country_holidays("GB", subdiv=nation)

    @classmethod
    def from_settings(
        cls, settings: Settings, extra_closures: Iterable[date] | None = None
    ) -> WorkingCalendar:
        """The calendar the settings describe (closures from `settings.closure_dates` if set)."""
        if extra_closures is None:
            extra_closures = getattr(settings, "closure_dates", ())
        return cls(
            nation=settings.nation,
            timezone=settings.timezone,
            office_opens=settings.office_opens,
            office_closes=settings.office_closes,
            extra_closures=extra_closures,
        )

    def __repr__(self) -> str:
        return f"WorkingCalendar(nation={self.nation!r}, timezone={self.tz.key!r})"

    # -- days -----------------------------------------------------------------------------
    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name, "Office closed" for an extra closure, else None."""
        if day in self.extra_closures:
            return "Office closed"
        return self._bank_holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a bank holiday of the nation and not an extra closure."""
        return (
            day.weekday() < 5 and day not in self._bank_holidays and day not in self.extra_closures
        )

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """Count `n` working days on from `day`, starting the day after (Fri + 1 = Mon).

        `n == 0` returns `day` itself, even when it is not a working day.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # -- instants -------------------------------------------------------------------------
    def local(self, moment: datetime) -> datetime:
        """`moment` (timezone-aware) in the landlord's timezone."""
        if moment.tzinfo is None:
            raise ValueError("a timezone-aware datetime is needed")
        return moment.astimezone(self.tz)

    def today(self, now: datetime) -> date:
        """The landlord's calendar date at `now`."""
        return self.local(now).date()

    def queue_date(self, received_at: datetime) -> date:
        """The working day whose morning triage sees a report received at `received_at`.

        On a working day before office close it joins that day's queue; evenings, weekends,
        bank holidays and closures go to the next working day.
        """
        local = self.local(received_at)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.office_closes:
            return day
        return self.next_working_day(day)

    def due_date(self, queue_date: date, working_days: int) -> date:
        """The last day of a `working_days` limit whose first day is `queue_date`.

        A 1-day limit is due on the queue date itself; 5 days from a Monday is the Friday.
        """
        return self.add_working_days(queue_date, max(working_days, 1) - 1)


@lru_cache(maxsize=1)
def _england() -> WorkingCalendar:
    return WorkingCalendar()


def is_working_day(day: date, calendar: WorkingCalendar | None = None) -> bool:
    """Shortcut for `calendar.is_working_day` (England defaults when no calendar given)."""
    return (calendar or _england()).is_working_day(day)


def next_working_day(day: date, calendar: WorkingCalendar | None = None) -> date:
    """Shortcut for `calendar.next_working_day` (England defaults when no calendar given)."""
    return (calendar or _england()).next_working_day(day)


def add_working_days(day: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """Shortcut for `calendar.add_working_days` (England defaults when no calendar given)."""
    return (calendar or _england()).add_working_days(day, n)


def queue_date(received_at_utc: datetime, calendar: WorkingCalendar | None = None) -> date:
    """Shortcut for `calendar.queue_date` (England, Europe/London when no calendar given)."""
    return (calendar or _england()).queue_date(received_at_utc)
