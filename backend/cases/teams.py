"""Who owns a new case and how quickly it must be triaged (docs/domain.md sections 5 and 7)."""

from __future__ import annotations

from collections.abc import Mapping

# High-risk categories owned by the Tenancy Enforcement Managers.
TEM_CATEGORIES = frozenset({"harassment", "hate", "domestic_abuse", "violence", "drug_dealing"})
# Routes that make a report high-risk whatever category it ended up with.
TEM_ROUTES = frozenset({"domestic_abuse", "hate"})

# Triage targets in working days.
PRIORITY_HIGH = 1
PRIORITY_MEDIUM = 3
PRIORITY_LOW = 5


def owner_team(
    category: str | None,
    route: str = "asb",
    flags: Mapping[str, bool] | None = None,
    details: Mapping[str, object] | None = None,
) -> str:
    """TEM for high-risk reports, LPC for supported housing, CHM for everything else."""
    flags = flags or {}
    if (
        category in TEM_CATEGORIES
        or route in TEM_ROUTES
        or flags.get("domestic_abuse")
        or flags.get("hate")
    ):
        return "TEM"
    if details and details.get("supported_housing") is True:
        return "LPC"
    return "CHM"


def triage_priority_days(team: str, risk_band: str, flags: Mapping[str, bool]) -> int:
    """1, 3 or 5 working days: 1 for anything high-risk or a vulnerable resident."""
    if team == "TEM" or risk_band == "HIGH":
        return PRIORITY_HIGH
    if any(
        flags.get(name)
        for name in ("urgent", "hate", "domestic_abuse", "safeguarding", "vulnerable")
    ):
        return PRIORITY_HIGH
    if risk_band == "MEDIUM":
        return PRIORITY_MEDIUM
    return PRIORITY_LOW
