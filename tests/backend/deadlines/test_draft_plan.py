"""The action plan drafted when a case opens: from category and band, shown ticked on the case
page for the officer to confirm or change, never sent by itself; confirming goes through the
usual plan form (promised date, contact interval)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from backend.cases.models import CATEGORIES, RISK_BANDS
from backend.casework.action_plan import LANDLORD_ACTIONS, RESIDENT_ACTIONS
from backend.db import transaction
from backend.deadlines.draft_plan import DRAFT_PLANS
from backend.sms_outbound.models import OutboxMessage
from tests.backend.case_helpers import MONDAY, case_row, texts

HIGH_RISK_ANSWERS = {
    "q1_frequency": "daily",  # 5
    "q5_history": "currently",  # 6
    "q7_targeted": "you",  # 4
    "q10_affected": "extremely",  # 5
    "q11_health": ["physical", "mental"],  # 6: 26, HIGH
}


def test_the_table_covers_every_category_and_band_with_known_codes():
    assert set(DRAFT_PLANS) == {(c, b) for c in CATEGORIES for b in RISK_BANDS}
    for (category, band), (resident, landlord) in DRAFT_PLANS.items():
        assert set(resident) <= set(RESIDENT_ACTIONS), (category, band)
        assert set(landlord) <= set(LANDLORD_ACTIONS), (category, band)
        contact = [code for code in landlord if code.startswith("contact_")]
        assert len(contact) == 1, (category, band)  # one regular-contact interval, never both
        if band == "HIGH":
            assert contact == ["contact_weekly"], (category, band)
    # Domestic abuse never asks for a diary or the evidence app.
    for band in RISK_BANDS:
        resident, _ = DRAFT_PLANS[("domestic_abuse", band)]
        assert not {"keep_diary", "evidence_app"} & set(resident)


def test_a_new_case_gets_a_draft_for_its_category_and_band(add_case, session_factory):
    noise = case_row(session_factory, add_case())  # noise, LOW
    assert noise.action_plan is None
    assert noise.action_plan_draft["resident"] == [
        "keep_diary",
        "report_incidents",
        "environmental_health",
    ]
    assert noise.action_plan_draft["landlord"] == ["contact_fortnightly"]
    violence = case_row(
        session_factory, add_case(category="violence", ram_answers=HIGH_RISK_ANSWERS)
    )
    assert violence.risk_band == "HIGH"
    assert {"police_information", "target_hardening", "contact_weekly"} <= set(
        violence.action_plan_draft["landlord"]
    )
    good_neighbour = case_row(session_factory, add_case(route="not_asb", category=None))
    assert good_neighbour.action_plan_draft is None
    # Nothing goes to the resident but the acknowledgement.
    assert texts(session_factory, "action_plan") == []


async def test_the_officer_sees_the_draft_ticked_and_confirms_it(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    csrf = await login_as(client, "cat.chm")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Draft plan, not sent:</strong> suggested for Noise at LOW risk" in page
    assert 'name="resident" value="keep_diary" checked' in page
    assert 'name="resident" value="environmental_health" checked' in page
    assert 'name="landlord" value="contact_fortnightly" checked' in page
    assert 'name="landlord" value="warning_letter" checked' not in page
    # The officer agrees it with the resident, adds a warning letter and sends it.
    response = await client.post(
        f"/staff/cases/{reference}/action-plan",
        data=[
            ("csrf_token", csrf),
            ("nonce", "plan-1"),
            ("resident", "keep_diary"),
            ("resident", "report_incidents"),
            ("resident", "environmental_health"),
            ("landlord", "warning_letter"),
            ("landlord", "contact_fortnightly"),
            ("review_by", "2026-12-04"),
            ("send", "yes"),
        ],
    )
    assert response.status == 200
    html = await response.text()
    assert "Draft plan, not sent" not in html
    case = case_row(session_factory, reference)
    assert case.action_plan["landlord"] == ["warning_letter", "contact_fortnightly"]
    assert case.promised_date == date(2026, 12, 4)
    assert case.details["contact_every_days"] == 14
    [plan] = texts(session_factory, "action_plan")
    assert "contact you every two weeks" in plan.body


async def test_triage_redrafts_until_a_plan_is_saved(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    await client.post(
        f"/staff/cases/{reference}/triage",
        data={
            "csrf_token": csrf,
            "category": "drug_dealing",
            "risk_band": "MEDIUM",
            "priority": "1",
            "is_asb": "yes",
            "reason": "Dealing from the flat",
        },
    )
    draft = case_row(session_factory, reference).action_plan_draft
    assert (draft["category"], draft["risk_band"]) == ("drug_dealing", "MEDIUM")
    assert "police_information" in draft["landlord"]
    with transaction(session_factory) as session:
        sent = (
            session.execute(select(OutboxMessage).where(OutboxMessage.kind != "ack"))
            .scalars()
            .all()
        )
    assert sent == []
