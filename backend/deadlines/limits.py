"""The landlord's own time limits on a case (docs/domain.md section 7): initial contact with
the resident, the Risk Assessment Matrix review and the written action plan, each due within
1 working day for a TEM case and 5 for a CHM or LPC case, counted from the queue date (day 1).

The due dates are stored on the case when it opens and again whenever its owner team changes
(`set_due_dates`). Each is **met** the first time the officer records the step
(`record_met`, called by the casework verb that records it):

- initial contact: a call recorded, an update sent, or an action plan sent to the resident
  (backend/casework/contact.py, updates.py, action_plan.py);
- RAM: the risk answers confirmed (backend/casework/risk_review.py);
- action plan: a plan saved (backend/casework/action_plan.py).

A step met on or before its due date (the landlord's local date) is "met", after it "met late";
one not met is "due" until its date passes, then "missed". Late and missed both count as missed
on the dashboard. Cases opened before these limits were tracked have no due dates ("not
tracked").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from backend.cases.models import Case
from core.workdays import WorkingCalendar

# Working days per owner team (the queue date is day 1).
DAYS_BY_TEAM = {"TEM": 1, "CHM": 5, "LPC": 5}
# key (the case's columns `<key>_due` and `<key>_at`) -> how staff pages name the step
DEADLINES: dict[str, str] = {
    "initial_contact": "Initial contact",
    "ram": "Risk assessment (RAM)",
    "action_plan": "Written action plan",
}
SHORT_NAMES = {"initial_contact": "contact", "ram": "RAM", "action_plan": "plan"}
STATES = ("met", "late", "due", "missed", "not_tracked")


def limit_days(team: str) -> int:
    """Working days the team has for each step (5 for a team the table does not know)."""
    return DAYS_BY_TEAM.get(team, 5)


def set_due_dates(case: Case, calendar: WorkingCalendar) -> None:
    """Store the three due dates for the case's owner team, counted from its queue date."""
    due = calendar.due_date(case.queue_date, limit_days(case.owner_team))
    for key in DEADLINES:
        setattr(case, f"{key}_due", due)


def due_values(team: str, queue_day: date, calendar: WorkingCalendar) -> dict[str, date]:
    """The due-date columns of a new case row (for an INSERT)."""
    due = calendar.due_date(queue_day, limit_days(team))
    return {f"{key}_due": due for key in DEADLINES}


def record_met(case: Case, key: str, now: datetime) -> bool:
    """Mark step `key` met at `now` unless it was met before; True when this call marked it."""
    if key not in DEADLINES:
        raise ValueError(f"unknown deadline {key!r}")
    if getattr(case, f"{key}_at") is not None:
        return False
    setattr(case, f"{key}_at", now)
    return True


@dataclass(frozen=True)
class DeadlineState:
    """One step's limit on one case, as staff see it."""

    key: str
    label: str
    due: date | None
    met_on: date | None  # the landlord's local date it was met
    state: str  # one of STATES

    @property
    def words(self) -> str:
        """E.g. "Met on Mon 23 Nov", "Missed (due Mon 23 Nov)", "Due Fri 27 Nov"."""
        if self.state == "not_tracked" or self.due is None:
            return "Not tracked (case opened before these limits were recorded)"
        due = f"{self.due:%a} {self.due.day} {self.due:%b %Y}"
        if self.state == "met":
            assert self.met_on is not None
            return f"Met on {self.met_on:%a} {self.met_on.day} {self.met_on:%b %Y}"
        if self.state == "late":
            assert self.met_on is not None
            return f"Met late on {self.met_on:%a} {self.met_on.day} {self.met_on:%b %Y} (due {due})"
        if self.state == "missed":
            return f"Missed (due {due})"
        return f"Due {due}"


def state_of(due: date | None, met_on: date | None, today: date) -> str:
    """met, late, due, missed or not_tracked (see the module docstring)."""
    if due is None:
        return "not_tracked"
    if met_on is not None:
        return "met" if met_on <= due else "late"
    return "missed" if today > due else "due"


def deadline_states(case: Case, calendar: WorkingCalendar, today: date) -> list[DeadlineState]:
    """The three steps of `case` in order, with their state today."""
    states = []
    for key, label in DEADLINES.items():
        due = getattr(case, f"{key}_due", None)
        met_at = getattr(case, f"{key}_at", None)
        met_on = calendar.today(met_at) if met_at is not None else None
        states.append(DeadlineState(key, label, due, met_on, state_of(due, met_on, today)))
    return states


QUEUE_WORDS = {
    "missed": "Missed: {what} (due {day})",
    "due": "{what} due {day}",
    "late": "{what} met late {day}",
    "met": "{what} met {day}",
}


def queue_summary(case: Case, calendar: WorkingCalendar, today: date) -> list[dict[str, str]]:
    """The three steps for a queue row, grouped by state and day, missed first: e.g.
    [{"state": "missed", "text": "Missed: plan (due Mon 23 Nov)"}, {"state": "met", "text":
    "Contact, RAM met Mon 23 Nov"}]. Only the missed ones for a closed case."""
    lines = []
    for wanted in QUEUE_WORDS:
        if case.status == "closed" and wanted != "missed":
            continue
        by_day: dict[date, list[str]] = {}
        for item in deadline_states(case, calendar, today):
            day = item.met_on if wanted in ("met", "late") else item.due
            if item.state == wanted and day is not None:
                by_day.setdefault(day, []).append(SHORT_NAMES[item.key])
        for day, names in sorted(by_day.items()):
            text = QUEUE_WORDS[wanted].format(
                what=", ".join(names), day=f"{day:%a} {day.day} {day:%b}"
            )
            lines.append({"state": wanted, "text": text[0].upper() + text[1:]})
    return lines
