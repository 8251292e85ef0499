"""Who may do what in the staff pages (roles from backend.staff.models.ROLES).

- agent (contact centre): sees the queue and cases, adds notes; no case decisions.
- officer (team CHM, LPC or TEM): sees and works the cases their team owns, assigns within it.
- manager: works every case, sees the dashboard and exports, assigns to any team.
- admin: everything a manager can.

Equality monitoring answers (special-category data) are for managers and admins only.
"""

from __future__ import annotations

from backend.staff.service import StaffIdentity

MANAGERS = frozenset({"manager", "admin"})


def is_manager(identity: StaffIdentity) -> bool:
    return identity.role in MANAGERS


def team_scope(identity: StaffIdentity) -> str | None:
    """The only team an officer may see; None for everyone else (no limit)."""
    return identity.team if identity.role == "officer" else None


def can_view_case(identity: StaffIdentity, owner_team: str) -> bool:
    scope = team_scope(identity)
    if identity.role == "officer" and scope is None:
        return False  # an officer with no team sees nothing until one is set
    return scope is None or scope == owner_team


def can_work_case(identity: StaffIdentity, owner_team: str) -> bool:
    """Triage, status, RAM, texts, dates and plans."""
    if identity.role == "agent":
        return False
    return can_view_case(identity, owner_team)


def can_add_note(identity: StaffIdentity, owner_team: str) -> bool:
    return can_view_case(identity, owner_team)


def can_assign_to(identity: StaffIdentity, team: str) -> bool:
    return is_manager(identity) or (identity.role == "officer" and identity.team == team)


def can_see_dashboard(identity: StaffIdentity) -> bool:
    return is_manager(identity)


def can_see_equality(identity: StaffIdentity) -> bool:
    """Equality monitoring answers on a case page (special-category personal data)."""
    return is_manager(identity)


def can_handle_alerts(identity: StaffIdentity) -> bool:
    return identity.role != "agent"


def can_see_held_reports(identity: StaffIdentity) -> bool:
    """Reports the backend refused (backend/held_reports): managers, admins and agents (who
    may take the resident's call). They have no team yet, so officers do not see them."""
    return identity.role in ("agent", "manager", "admin")


def can_act_on_held_reports(identity: StaffIdentity) -> bool:
    """Retry, correct and file, or resolve a held report."""
    return is_manager(identity)
