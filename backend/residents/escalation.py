"""A repeat incident that reports danger raises the open case's risk, as a new report would.

"It happened again and he had a knife" must not be just another line on the timeline. The
incident's words go through the deterministic safety layer (`core.safety.check`, and
`mentions_harm` for harm or a weapon told in the past tense), together with the route the
assistant gave the resident's messages (`route` in the incident body). Danger then (docs/domain.md
sections 4, 5 and 7):

- sets the flags: `urgent` for an emergency or words of harm, `domestic_abuse`, `hate`, and
  `safeguarding` when the safety layer says so;
- re-derives the owner team as the triage of a new report would (`backend/cases/teams.py`: TEM
  for domestic abuse, hate or a high-risk category the words point to), unless staff have already
  triaged or assigned the case: then the assignment stays and the timeline asks the officer to
  review it;
- tightens the triage priority (1 working day for these flags) and, while the case is waiting
  for triage, its due date, counted from the day a report made now would be queued;
- adds an "escalation" timeline event saying what changed and why (never the resident's words);
- and the view raises a duty-officer alert (backend/alerts/service.py).

A repeat incident without danger changes nothing here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from backend.cases import teams
from backend.cases.models import Case
from backend.casework.audit import audit, snapshot
from backend.intake.contract import FLAG_NAMES
from core import safety
from core.categories import infer_category
from core.workdays import WorkingCalendar

log = logging.getLogger(__name__)

HARM = "harm"  # words of harm or a weapon the safety layer does not call an emergency now
# Most urgent first; a repeat incident keeps the most urgent of what it was given.
DANGER_ROUTES = (safety.EMERGENCY, safety.DOMESTIC_ABUSE, safety.HATE, HARM)
ROUTE_LABELS = {
    safety.EMERGENCY: "emergency",
    safety.DOMESTIC_ABUSE: "domestic abuse",
    safety.HATE: "hate",
    HARM: "harm or a weapon mentioned",
}
ROUTE_FLAGS = {
    safety.EMERGENCY: "urgent",
    safety.DOMESTIC_ABUSE: "domestic_abuse",
    safety.HATE: "hate",
    HARM: "urgent",
}
# Flags that mean danger (vulnerable alone is not: it only shortens the triage, as before).
DANGER_FLAGS = ("urgent", "domestic_abuse", "hate", "safeguarding")
# The route a danger flag stands for when nothing else names one.
FLAG_ROUTES = {
    "urgent": safety.EMERGENCY,
    "safeguarding": safety.EMERGENCY,
    "domestic_abuse": safety.DOMESTIC_ABUSE,
    "hate": safety.HATE,
}
AUDITED = (*FLAG_NAMES, "owner_team", "triage_priority_days", "triage_due")


@dataclass(frozen=True)
class Danger:
    """What a repeat incident says about danger: its route, the flags it calls for, why (plain
    words for staff, never the resident's), and a high-risk category its words point to."""

    route: str
    flags: frozenset[str]
    reasons: tuple[str, ...]
    category: str | None = None

    @property
    def label(self) -> str:
        return ROUTE_LABELS[self.route]


def _most_urgent(routes: Iterable[str]) -> str | None:
    ranked = sorted(set(routes), key=DANGER_ROUTES.index)
    return ranked[0] if ranked else None


def assess(
    description: str, assistant_route: str | None, flags: Mapping[str, bool]
) -> Danger | None:
    """The danger in a repeat incident, or None when there is none (see the module docstring).

    `assistant_route` is the route the assistant gave the resident's messages (any route code);
    `flags` the flags it sent.
    """
    found = safety.check(description)
    routes: list[str] = []
    reasons: list[str] = []
    wanted = {name for name, on in flags.items() if on and name in DANGER_FLAGS}
    if found is not None:
        wanted |= found.flags
        if found.route in DANGER_ROUTES:
            routes.append(found.route)
            why = found.reason.replace("_", " ")
            label = ROUTE_LABELS[found.route]
            reasons.append(
                f"the safety check found {label}" + (f" ({why})" if why != label else "")
            )
        for flag in sorted(found.flags & set(FLAG_ROUTES)):  # e.g. domestic abuse in a 101 crime
            if FLAG_ROUTES[flag] not in routes:
                routes.append(FLAG_ROUTES[flag])
                reasons.append(f"the safety check found {flag.replace('_', ' ')}")
    if assistant_route in DANGER_ROUTES:
        routes.append(assistant_route)  # type: ignore[arg-type]
        reasons.append(f"the assistant routed it as {ROUTE_LABELS[assistant_route]}")
    flagged = {name for name, on in flags.items() if on and name in DANGER_FLAGS}
    flagged -= {ROUTE_FLAGS[name] for name in routes}
    if flagged:
        routes += [FLAG_ROUTES[name] for name in flagged]
        reasons.append("the assistant flagged it: " + ", ".join(sorted(flagged)).replace("_", " "))
    if safety.mentions_harm(description):
        wanted.add("urgent")
        if not routes:
            reasons.append("the words speak of harm or a weapon")
        routes.append(HARM)
    route = _most_urgent(routes)
    if route is None:
        return None
    wanted |= {ROUTE_FLAGS[name] for name in routes}
    category = infer_category(description, None)
    return Danger(
        route=route,
        flags=frozenset(wanted & set(FLAG_NAMES)),
        reasons=tuple(dict.fromkeys(reasons)),
        category=category if category in teams.TEM_CATEGORIES else None,
    )


def raise_flags(case: Case, wanted: Iterable[str]) -> list[str]:
    """Set the `wanted` flags the case does not have yet; return them in FLAG_NAMES order."""
    wanted = set(wanted)
    raised = [name for name in FLAG_NAMES if name in wanted and not getattr(case, name)]
    for name in raised:
        setattr(case, name, True)
    return raised


def tighten_triage(case: Case, calendar: WorkingCalendar, now: datetime) -> None:
    """A shorter triage priority when the case's team, band and flags call for one; while the
    case waits for triage, its due date moves up to that priority counted from the day a report
    made now would be queued (never later than it was)."""
    flags = {name: bool(getattr(case, name)) for name in FLAG_NAMES}
    priority = teams.triage_priority_days(case.owner_team, case.risk_band, flags)
    if priority >= case.triage_priority_days:
        return
    case.triage_priority_days = priority
    if case.status == "new":
        due = calendar.due_date(calendar.queue_date(now), priority)
        case.triage_due = min(case.triage_due, due)


def staff_decided(case: Case) -> bool:
    """Staff have triaged or assigned the case: its team and officer are theirs to change."""
    return case.status != "new" or bool(case.assigned_to)


def rules_team(case: Case, danger: Danger) -> str:
    """The team the ownership rules give the case with this danger (docs/domain.md section 5):
    the case's category or the incident's high-risk category, the danger's route, the flags."""
    flags = {name: bool(getattr(case, name)) for name in FLAG_NAMES}
    route = danger.route if danger.route in teams.TEM_ROUTES else case.route
    for category in (case.category, danger.category):
        if teams.owner_team(category, route, flags, case.details) == "TEM":
            return "TEM"
    return case.owner_team


@dataclass(frozen=True)
class Escalation:
    """What an escalating repeat incident changed on the case (for the alert and the tests)."""

    danger: Danger
    raised_flags: tuple[str, ...]
    owner_team: str
    suggested_team: str | None  # the rules' team when staff's assignment was kept


def _day(value: date | None) -> str:
    return f"{value:%a %d %b}" if value else "-"


def _summary(
    case: Case, danger: Danger, before: Mapping[str, object], raised: list[str], kept: str | None
) -> str:
    """The timeline line: what changed and why, without the resident's words."""
    parts = [f"Repeat incident reports danger ({danger.label}): " + "; ".join(danger.reasons)]
    if raised:
        parts.append("flags raised: " + ", ".join(name.replace("_", " ") for name in raised))
    if before["owner_team"] != case.owner_team:
        parts.append(f"owner {before['owner_team']} -> {case.owner_team}")
    if kept:
        who = f"{case.assigned_to} ({case.owner_team})" if case.assigned_to else case.owner_team
        parts.append(
            f"assignment kept: staff gave this case to {who}; the rules would give it to "
            f"{kept}, please review"
        )
    elif case.assigned_to:
        parts.append(f"assigned officer {case.assigned_to}: please review")
    if before["triage_priority_days"] != case.triage_priority_days:
        parts.append(
            f"priority {before['triage_priority_days']} -> {case.triage_priority_days} "
            "working day" + ("s" if case.triage_priority_days != 1 else "")
        )
    if before["triage_due"] != case.triage_due.isoformat():
        old = date.fromisoformat(str(before["triage_due"]))
        parts.append(f"triage due {_day(old)} -> {_day(case.triage_due)}")
    return ". ".join(part[0].upper() + part[1:] for part in parts) + "."


def escalate(
    session: Session,
    case: Case,
    danger: Danger,
    *,
    report_id: str,
    calendar: WorkingCalendar,
    now: datetime,
    wanted: Iterable[str] = (),
) -> Escalation:
    """Apply `danger` (and any other `wanted` flags) to the case and audit it on the timeline as
    an "escalation" event with the values before and after."""
    before = snapshot(case, AUDITED)
    raised = raise_flags(case, set(wanted) | danger.flags)
    team = rules_team(case, danger)
    kept = None
    if team != case.owner_team and team == "TEM":
        if staff_decided(case):
            kept = team
        else:
            case.owner_team = team
    tighten_triage(case, calendar, now)
    audit(
        session,
        case,
        "assistant",
        "escalation",
        _summary(case, danger, before, raised, kept),
        now,
        before,
        snapshot(case, AUDITED),
        incident_report_id=report_id,
        route=danger.route,
        reasons=list(danger.reasons),
        raised_flags=raised,
        incident_category=danger.category,
        assigned_to=case.assigned_to,
        suggested_team=kept,
    )
    session.flush()
    log.info(
        "repeat incident escalated: case=%s route=%s raised=%s team=%s priority=%s",
        case.reference,
        danger.route,
        ",".join(raised) or "-",
        case.owner_team,
        case.triage_priority_days,
    )
    return Escalation(
        danger=danger, raised_flags=tuple(raised), owner_team=case.owner_team, suggested_team=kept
    )
