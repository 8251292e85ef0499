"""Case references are total: every reference intake can make opens its case (core/codes.py,
backend/cases/queries.py), however large the case number or odd the year. Data is fictional."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from backend.cases.models import Case
from backend.cases.queries import REFERENCE_PATTERN, get_case_by_reference, search_cases
from backend.db import transaction
from core.codes import MAX_CASE_NUMBER, make_reference

NUMBERS = (1, 999_999, 1_000_000, 12_345_678, MAX_CASE_NUMBER)


def test_every_reference_made_matches_what_the_case_page_accepts():
    for year in range(1, 10_000):
        for number in NUMBERS:
            reference = make_reference(number, year)
            assert REFERENCE_PATTERN.match(reference), reference
            assert len(reference) <= Case.reference.type.length


@pytest.mark.parametrize("number, year", [(0, 2026), (MAX_CASE_NUMBER + 1, 2026), (1, 0)])
def test_a_reference_the_format_cannot_hold_is_never_made(number, year):
    with pytest.raises(ValueError):
        make_reference(number, year)


def test_references_look_as_residents_know_them():
    assert make_reference(123, 2026) == "ASB-2026-000123"
    assert make_reference(1_234_567, 2027) == "ASB-2027-1234567"
    assert make_reference(140, 3) == "ASB-0003-000140"  # never "ASB-3-000140"
    assert not REFERENCE_PATTERN.match("ASB-3-000140")
    assert not REFERENCE_PATTERN.match("ASB-2026-\u0661\u0662\u0663\u0664\u0665\u0666")


@pytest.mark.parametrize("number, year", [(1_234_567, 2026), (MAX_CASE_NUMBER, 9999), (7, 3)])
async def test_a_case_with_a_long_reference_opens_and_is_found(
    api_client, add_case, make_staff, login_as, session_factory, number, year
):
    reference = make_reference(number, year)
    with transaction(session_factory) as session:
        session.execute(
            update(Case).where(Case.reference == add_case()).values(reference=reference)
        )
    with transaction(session_factory) as session:
        assert get_case_by_reference(session, reference.lower()) is not None
        assert [c.reference for c in search_cases(session, reference)] == [reference]
        if number <= 999_999_999:  # longer numbers are taken for phone numbers
            assert [c.reference for c in search_cases(session, str(number))] == [reference]
    await login_as(api_client, make_staff("sam.manager", "manager"))
    page = await api_client.get(f"/staff/cases/{reference}")
    assert page.status == 200
    assert re.search(rf"\b{reference}\b", await page.text())
