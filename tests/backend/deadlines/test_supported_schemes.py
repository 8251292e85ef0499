"""Supported housing: reports from a configured scheme (ASB_SUPPORTED_SCHEMES: postcodes,
postcode districts or address fragments) are owned by LPC instead of CHM."""

from __future__ import annotations

from datetime import datetime, timezone

from backend.cases.places import matching_scheme, postcode_district
from core.settings import Settings
from tests.backend.case_helpers import case_row

FRIDAY = datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc)
SCHEMES = ("Example Court", "ZZ99 9ZZ", "ZZ98")


def test_the_setting_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASB_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ASB_SUPPORTED_SCHEMES", " Example Court, ZZ99 9ZZ ,,ZZ98 ")
    assert Settings.from_env().supported_schemes == SCHEMES
    monkeypatch.delenv("ASB_SUPPORTED_SCHEMES")
    assert Settings.from_env().supported_schemes == ()


def test_matching_by_postcode_district_and_address_words():
    assert matching_scheme(SCHEMES, ["Flat 2, Example Court, 1 Example Road"]) == "Example Court"
    assert matching_scheme(SCHEMES, ["12 Main Street", "zz999zz"]) == "ZZ99 9ZZ"
    assert matching_scheme(SCHEMES, ["4 Hill Road ZZ98 1AB"]) == "ZZ98"
    assert matching_scheme(SCHEMES, ["Example Courtyard, ZZ99 1AA"]) is None  # words, not text
    assert matching_scheme(SCHEMES, ["ZZ981 1AB"]) is None  # another district
    assert postcode_district("ZZ99 1AA", "somewhere") == "ZZ99"
    assert postcode_district(None, "by the shops, ZZ12 3AB") == "ZZ12"


def test_a_report_from_a_supported_scheme_goes_to_lpc(open_case, session_factory):
    scheme = case_row(
        session_factory,
        open_case(FRIDAY, SCHEMES, location="Outside flat 2, Example Court"),
    )
    assert scheme.owner_team == "LPC"
    assert scheme.details["supported_scheme"] == "Example Court"
    assert scheme.estate == "Example Court"
    by_postcode = case_row(
        session_factory,
        open_case(FRIDAY, SCHEMES, location="The car park", reporter={"postcode": "ZZ98 4CD"}),
    )
    assert by_postcode.owner_team == "LPC" and by_postcode.postcode_district == "ZZ98"
    elsewhere = case_row(session_factory, open_case(FRIDAY, SCHEMES, location="1 Other Road"))
    assert elsewhere.owner_team == "CHM"
    # High-risk reports stay with TEM, wherever they come from.
    harassment = case_row(
        session_factory,
        open_case(FRIDAY, SCHEMES, category="harassment", location="Example Court"),
    )
    assert harassment.owner_team == "TEM"


async def test_the_report_api_uses_the_configured_schemes(
    make_api_client, ingest_headers, make_report, session_factory
):
    client = await make_api_client(
        now=datetime(2026, 11, 20, 23, 5, tzinfo=timezone.utc), supported_schemes=SCHEMES
    )
    response = await client.post(
        "/api/reports",
        json=make_report(location="Flat 9, Example Court, Example Road"),
        headers=ingest_headers,
    )
    assert response.status == 201
    receipt = await response.json()
    assert receipt["owner_team"] == "LPC"
    case = case_row(session_factory, receipt["reference"])
    assert case.initial_contact_due.isoformat() == "2026-11-27"  # 5 working days for LPC
