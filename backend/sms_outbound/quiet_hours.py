"""Quiet hours: routine texts wait until morning; urgent ones go at once.

`ASB_QUIET_HOURS="21:00-08:00"` is read in the landlord's time zone (`ASB_TIMEZONE`), so the
window follows the clocks through summer time. A window may cross midnight or not
("12:00-14:00"); an empty value or "off" turns quiet hours off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    """A daily window in local time during which routine texts are held."""

    start: time
    end: time
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, zone_name: str = "Europe/London") -> QuietHours | None:
        """'21:00-08:00' -> QuietHours; '' or 'off' -> None; ValueError when malformed."""
        spec = (spec or "").strip()
        if not spec or spec.lower() in ("off", "none", "0"):
            return None
        try:
            start_raw, end_raw = spec.split("-")
            start, end = (_hhmm(start_raw), _hhmm(end_raw))
        except ValueError as exc:
            raise ValueError(f"ASB_QUIET_HOURS must look like 21:00-08:00, got {spec!r}") from exc
        if start == end:
            return None
        return cls(start, end, ZoneInfo(zone_name))

    def _contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def held_until(self, now: datetime) -> datetime | None:
        """When a routine text due at `now` (aware) may go: the window's end in UTC, or None
        when `now` is outside quiet hours."""
        local = now.astimezone(self.zone)
        if not self._contains(local.time().replace(tzinfo=None)):
            return None
        end_day = local.date()
        if local.time().replace(tzinfo=None) >= self.end:
            end_day += timedelta(days=1)
        # Built from the wall clock, so a summer-time change overnight is respected.
        end_local = datetime.combine(end_day, self.end, tzinfo=self.zone)
        return end_local.astimezone(timezone.utc)


def _hhmm(raw: str) -> time:
    hours, minutes = raw.strip().split(":")
    return time(int(hours), int(minutes))
