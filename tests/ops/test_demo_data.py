"""`asb demo-data` fills the report fields a real report has, so the staff pages and the
dashboard show them: contact preference, best time, consent to share, people involved,
witnesses, evidence, RAM answers (some declined) with a matching score, and equality answers
for a few. Everything goes through the real database; all data is fictional."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import select

from backend.cases.models import (
    EQUALITY_CODES,
    EVIDENCE_CODES,
    EVIDENCE_LABELS,
    PREFERRED_CONTACT_LABELS,
    PREFERRED_CONTACTS,
    Case,
)
from backend.db import transaction
from core.ram import DECLINED, is_declined, score_answers
from ops.demo_data import load_demo_data


def demo_cases(session_factory) -> list[Case]:
    with transaction(session_factory) as session:
        query = select(Case).order_by(Case.id)
        cases = list(session.execute(query).scalars())
        for case in cases:
            _ = case.events  # loaded before the session closes
        return cases


@pytest.fixture
def cases(settings, session_factory) -> list[Case]:
    assert load_demo_data(settings, cases=150, days=90, seed=11) == 150
    return demo_cases(session_factory)


def test_demo_cases_have_the_contact_fields_of_a_real_report(cases):
    preferences = Counter(case.preferred_contact for case in cases)
    assert set(preferences) <= {*PREFERRED_CONTACTS, None}
    assert {"text", "call", "email"} <= set(preferences)
    assert preferences["text"] > preferences["call"] > preferences["email"]  # texts are usual
    for case in cases:
        # An email address only when they asked for email, always at a reserved domain.
        if case.preferred_contact == "email":
            assert re.fullmatch(r"[a-z0-9.]+@example\.(org|com)", case.reporter_email)
        else:
            assert case.reporter_email is None
        assert re.fullmatch(r"\+447700900\d{3}", case.reporter_phone)
    assert sum(1 for case in cases if case.best_time) > len(cases) // 3
    assert {True, False, None} == {case.consent_to_share for case in cases}
    anonymous = [case for case in cases if case.anonymous]
    assert 0 < len(anonymous) < len(cases) // 4
    assert all(case.reporter_name is None and case.reporter_email is None for case in anonymous)
    assert any(case.reporter_name for case in cases)


def test_demo_cases_have_people_witnesses_and_evidence(cases):
    details = [case.details for case in cases]
    assert sum(1 for d in details if d.get("people_involved")) > len(cases) // 2
    assert sum(1 for d in details if d.get("witnesses")) > len(cases) // 2
    held = [d["evidence_held"] for d in details if "evidence_held" in d]
    assert len(held) > len(cases) // 2
    assert all(codes and set(codes) <= set(EVIDENCE_CODES) for codes in held)
    assert any(codes == ["none"] for codes in held) and any("photos" in c for c in held)
    assert all("evidence" not in d for d in details)  # that key is for attached photos


def test_demo_cases_carry_what_a_case_officer_needs(cases):
    """When it started, the resident's own address, a visit or a call, communication needs,
    the police reference and the answer to the court notice (docs/domain.md section 8)."""
    assert sum(1 for case in cases if case.started_when) > len(cases) // 3
    assert {"visit", "call", "neither"} <= {case.visit_or_call for case in cases}
    needs = [case.communication_needs for case in cases if case.communication_needs]
    assert any("interpreter" in n["needs"] and n["language"] for n in needs)
    details = [case.details for case in cases]
    assert any(d.get("reporter_postcode", "").startswith("ZZ99") for d in details)
    assert any(d.get("police_reference") for d in details)
    assert {"agreed", "objected"} <= {d.get("evidence_consent") for d in details}
    for case in cases:
        if case.anonymous:  # an anonymous report keeps nothing of theirs
            assert case.visit_or_call is None and "reporter_address" not in case.details


def test_equality_answers_are_given_by_a_few_and_kept_apart(cases):
    answered = [case.equality for case in cases if case.equality is not None]
    assert 0 < len(answered) < len(cases) // 3  # most residents skip them
    for answers in answered:
        assert answers and set(answers) <= set(EQUALITY_CODES)
        assert all(value in EQUALITY_CODES[name] for name, value in answers.items())
    assert any(DECLINED in answers.values() for answers in answered)
    # Never copied into the details, the timeline or the texts.
    for case in cases:
        assert "age_band" not in str(case.details)
        assert all("age_band" not in str(event.data) for event in case.events)


def test_demo_risk_scores_match_the_answers(cases):
    full = [case for case in cases if len(case.ram_answers) >= 10]
    assert len(full) > len(cases) // 5  # many answered the 11 optional questions
    declined = [case for case in cases if any(is_declined(v) for v in case.ram_answers.values())]
    assert declined, "some residents preferred not to answer a risk question"
    for case in cases:
        expected = score_answers(case.ram_answers, case.frequency)
        assert (case.risk_score, case.risk_band) == (expected.score, expected.band), case.reference
        # The assistant's provisional score, sent with the report, says the same.
        assert case.details["assistant_risk"] == {"score": expected.score, "band": expected.band}
        [created] = [event for event in case.events if event.kind == "created"]
        assert sorted(created.data["ram_declined"]) == sorted(expected.declined)
        assert created.data["ram_unscored"] == []
    assert {"LOW", "MEDIUM", "HIGH"} <= {case.risk_band for case in cases}

    # Higher-risk categories score higher on average than noise.
    def average(category: str) -> float:
        scores = [case.risk_score for case in cases if case.category == category]
        return sum(scores) / len(scores)

    assert average("harassment") > average("noise")


def row(html: str, label: str) -> str:
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert match, f"no row {label!r} on the page"
    return " ".join(match.group(1).split())


async def test_staff_see_the_demo_fields_on_the_case_page(
    settings, session_factory, make_api_client, make_staff, login_as
):
    assert load_demo_data(settings, cases=80, days=90, seed=5) == 80
    cases = demo_cases(session_factory)
    client = await make_api_client()
    make_staff("mia.manager", "manager")
    make_staff("ash.agent", "agent")
    await login_as(client, "mia.manager")

    caller = next(c for c in cases if c.preferred_contact == "call" and c.best_time)
    html = await (await client.get(f"/staff/cases/{caller.reference}")).text()
    assert f"Prefers a phone call, best time: {caller.best_time}" in html
    assert row(html, "Preferred contact") == "Phone call"

    emailer = next(c for c in cases if c.preferred_contact == "email")
    html = await (await client.get(f"/staff/cases/{emailer.reference}")).text()
    assert f"Prefers email: {emailer.reporter_email}" in html

    declined = next(
        c
        for c in cases
        if c.equality is not None and any(is_declined(v) for v in c.ram_answers.values())
    )
    html = await (await client.get(f"/staff/cases/{declined.reference}")).text()
    assert '<option value="prefer_not_to_say" selected>' in html or (
        'value="prefer_not_to_say" checked' in html
    )
    assert "Equality monitoring" in html
    held = declined.details.get("evidence_held")
    expected = ", ".join(EVIDENCE_LABELS[code] for code in held) if held else "Not asked"
    assert row(html, "Evidence they have") == expected

    # The equality answers are for managers only; agents see the rest of the report.
    await login_as(client, "ash.agent")
    html = await (await client.get(f"/staff/cases/{declined.reference}")).text()
    assert "Equality monitoring" not in html
    assert "Age band" not in html
    preference = PREFERRED_CONTACT_LABELS.get(declined.preferred_contact or "", "Not given")
    assert row(html, "Preferred contact") == preference
