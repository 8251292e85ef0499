"""The action plan drafted when a case opens (docs/domain.md section 10), for the officer to
confirm.

`DRAFT_PLANS` is the whole rule: for each category and risk band, what the resident is asked to
do and what the landlord will do (codes of RESIDENT_ACTIONS and LANDLORD_ACTIONS in
backend/casework/action_plan.py). The reasoning behind the defaults:

- every plan asks the resident to report further incidents (except where the safest first step
  is support or the police), and names one regular-contact interval: fortnightly for low and
  medium nuisance, weekly for HIGH risk and for the high-risk categories (TEM), whose residents
  need closer contact;
- noise and other nuisance from a neighbour builds evidence: a diary, Environmental Health for
  noise, pets and rubbish (statutory nuisance), the evidence app from MEDIUM;
- crime (drug dealing, violence, hate, vandalism at HIGH) goes to the police: the resident
  reports on 101 (999 in danger, said elsewhere) and we ask the police for information;
- where someone is targeted (harassment, hate, violence, domestic abuse) the resident is told
  to avoid contact and ask for support, and we add target hardening and a support referral;
- domestic abuse never asks for a diary or the evidence app (a diary found at home can put
  the resident at risk): support, the police and target hardening come first;
- the landlord's enforcement steps grow with the band: door-knocking and an interview at LOW
  and MEDIUM, a warning letter or an Acceptable Behaviour Agreement at HIGH.

The draft is stored on the case (`Case.action_plan_draft`) and shown on the case page with its
boxes ticked; nothing is sent. The officer agrees it with the resident, changes what is needed
and saves it through the usual plan form (`save_action_plan`), which sets the promised date and
the contact interval and sends it only if asked. A triage or RAM review that changes the
category or band drafts it again while no plan has been saved. A good-neighbour matter (not
treated as ASB) gets no draft.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.cases.models import CATEGORIES, Case

Plan = tuple[tuple[str, ...], tuple[str, ...]]  # (resident actions, landlord actions)

# (category, risk band) -> (what the resident will do, what we will do)
DRAFT_PLANS: dict[tuple[str, str], Plan] = {
    ("noise", "LOW"): (
        ("keep_diary", "report_incidents", "environmental_health"),
        ("contact_fortnightly",),
    ),
    ("noise", "MEDIUM"): (
        ("keep_diary", "report_incidents", "environmental_health", "evidence_app"),
        ("interview", "contact_fortnightly"),
    ),
    ("noise", "HIGH"): (
        ("keep_diary", "report_incidents", "environmental_health", "evidence_app"),
        ("interview", "warning_letter", "contact_weekly"),
    ),
    ("drugs_alcohol", "LOW"): (
        ("report_incidents", "keep_diary"),
        ("door_knock", "contact_fortnightly"),
    ),
    ("drugs_alcohol", "MEDIUM"): (
        ("report_incidents", "keep_diary", "report_crime_101"),
        ("police_information", "door_knock", "contact_fortnightly"),
    ),
    ("drugs_alcohol", "HIGH"): (
        ("report_incidents", "report_crime_101", "evidence_app"),
        ("police_information", "interview", "warning_letter", "contact_weekly"),
    ),
    ("vandalism", "LOW"): (("report_incidents",), ("door_knock", "contact_fortnightly")),
    ("vandalism", "MEDIUM"): (
        ("report_incidents", "report_crime_101"),
        ("door_knock", "police_information", "contact_fortnightly"),
    ),
    ("vandalism", "HIGH"): (
        ("report_incidents", "report_crime_101", "evidence_app"),
        ("police_information", "target_hardening", "contact_weekly"),
    ),
    ("vehicle_nuisance", "LOW"): (("report_incidents",), ("door_knock", "contact_fortnightly")),
    ("vehicle_nuisance", "MEDIUM"): (
        ("report_incidents", "report_crime_101"),
        ("police_information", "contact_fortnightly"),
    ),
    ("vehicle_nuisance", "HIGH"): (
        ("report_incidents", "report_crime_101", "evidence_app"),
        ("police_information", "interview", "contact_weekly"),
    ),
    ("groups_communal", "LOW"): (
        ("report_incidents", "keep_diary"),
        ("door_knock", "contact_fortnightly"),
    ),
    ("groups_communal", "MEDIUM"): (
        ("report_incidents", "keep_diary", "evidence_app"),
        ("door_knock", "interview", "contact_fortnightly"),
    ),
    ("groups_communal", "HIGH"): (
        ("report_incidents", "report_crime_101", "evidence_app"),
        ("police_information", "abc", "contact_weekly"),
    ),
    ("pets_animals", "LOW"): (
        ("keep_diary", "report_incidents"),
        ("interview", "contact_fortnightly"),
    ),
    ("pets_animals", "MEDIUM"): (
        ("keep_diary", "report_incidents", "environmental_health"),
        ("interview", "warning_letter", "contact_fortnightly"),
    ),
    ("pets_animals", "HIGH"): (
        ("report_incidents", "avoid_contact", "report_crime_101"),
        ("police_information", "warning_letter", "contact_weekly"),
    ),
    ("environmental", "LOW"): (
        ("report_incidents", "environmental_health"),
        ("door_knock", "contact_fortnightly"),
    ),
    ("environmental", "MEDIUM"): (
        ("report_incidents", "environmental_health", "evidence_app"),
        ("interview", "warning_letter", "contact_fortnightly"),
    ),
    ("environmental", "HIGH"): (
        ("report_incidents", "environmental_health", "evidence_app"),
        ("interview", "warning_letter", "contact_weekly"),
    ),
    ("other_asb", "LOW"): (("report_incidents", "keep_diary"), ("contact_fortnightly",)),
    ("other_asb", "MEDIUM"): (
        ("report_incidents", "keep_diary"),
        ("interview", "contact_fortnightly"),
    ),
    ("other_asb", "HIGH"): (
        ("report_incidents", "keep_diary", "ask_support"),
        ("interview", "support_referral", "contact_weekly"),
    ),
    ("harassment", "LOW"): (
        ("keep_diary", "report_incidents", "avoid_contact"),
        ("interview", "contact_weekly"),
    ),
    ("harassment", "MEDIUM"): (
        ("keep_diary", "report_incidents", "avoid_contact", "evidence_app"),
        ("interview", "warning_letter", "contact_weekly"),
    ),
    ("harassment", "HIGH"): (
        ("report_incidents", "avoid_contact", "report_crime_101", "ask_support"),
        (
            "police_information",
            "warning_letter",
            "target_hardening",
            "support_referral",
            "contact_weekly",
        ),
    ),
    ("hate", "LOW"): (
        ("report_incidents", "report_crime_101", "ask_support"),
        ("police_information", "interview", "contact_weekly"),
    ),
    ("hate", "MEDIUM"): (
        ("report_incidents", "report_crime_101", "evidence_app", "ask_support"),
        ("police_information", "interview", "support_referral", "contact_weekly"),
    ),
    ("hate", "HIGH"): (
        ("report_incidents", "report_crime_101", "avoid_contact", "ask_support"),
        ("police_information", "target_hardening", "support_referral", "contact_weekly"),
    ),
    ("domestic_abuse", "LOW"): (
        ("ask_support", "report_incidents"),
        ("support_referral", "contact_weekly"),
    ),
    ("domestic_abuse", "MEDIUM"): (
        ("ask_support", "report_crime_101"),
        ("support_referral", "police_information", "contact_weekly"),
    ),
    ("domestic_abuse", "HIGH"): (
        ("ask_support", "report_crime_101"),
        ("support_referral", "police_information", "target_hardening", "contact_weekly"),
    ),
    ("violence", "LOW"): (
        ("report_incidents", "report_crime_101", "avoid_contact"),
        ("police_information", "interview", "contact_weekly"),
    ),
    ("violence", "MEDIUM"): (
        ("report_incidents", "report_crime_101", "avoid_contact"),
        ("police_information", "warning_letter", "contact_weekly"),
    ),
    ("violence", "HIGH"): (
        ("report_crime_101", "avoid_contact", "ask_support"),
        ("police_information", "target_hardening", "support_referral", "contact_weekly"),
    ),
    ("drug_dealing", "LOW"): (
        ("report_incidents", "report_crime_101"),
        ("police_information", "contact_fortnightly"),
    ),
    ("drug_dealing", "MEDIUM"): (
        ("report_incidents", "report_crime_101", "evidence_app"),
        ("police_information", "door_knock", "contact_weekly"),
    ),
    ("drug_dealing", "HIGH"): (
        ("report_crime_101", "avoid_contact", "evidence_app"),
        ("police_information", "target_hardening", "contact_weekly"),
    ),
}


def plan_basis(case: Case) -> tuple[str, str] | None:
    """The (category, band) row a case's draft comes from; None for a good-neighbour matter.
    The domestic abuse and hate flags choose their own rows whatever the category; a case with
    no category uses "other_asb"."""
    if not case.is_asb:
        return None
    if case.domestic_abuse:
        category = "domestic_abuse"
    elif case.hate:
        category = "hate"
    else:
        category = case.category if case.category in CATEGORIES else "other_asb"
    band = case.risk_band if case.risk_band in ("LOW", "MEDIUM", "HIGH") else "LOW"
    return category, band


def draft_for(case: Case, now: datetime) -> dict[str, Any] | None:
    """The draft plan for the case as it is now (None when it gets none)."""
    basis = plan_basis(case)
    if basis is None:
        return None
    resident, landlord = DRAFT_PLANS[basis]
    return {
        "resident": list(resident),
        "landlord": list(landlord),
        "category": basis[0],
        "risk_band": basis[1],
        "drafted_at": now.isoformat(),
    }


def refresh_draft(case: Case, now: datetime) -> None:
    """Draft the plan again for the case's category and band, while no plan has been saved (a
    saved plan is the officer's: it is never replaced)."""
    if case.action_plan:
        return
    draft = draft_for(case, now)
    current = case.action_plan_draft or {}
    if draft is None:
        case.action_plan_draft = None
    elif (current.get("category"), current.get("risk_band")) != (
        draft["category"],
        draft["risk_band"],
    ):
        case.action_plan_draft = draft
