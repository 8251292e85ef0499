"""Finding a case and showing it to staff: by reference, by search, related cases, the ASB
Case Review indicator and the case JSON API."""

from __future__ import annotations

from datetime import date

from backend.cases.queries import get_case_by_reference
from backend.cases.serialize import case_to_dict
from backend.db import transaction
from tests.backend.case_helpers import MONDAY, create, references_in


def test_case_dict_has_everything_the_resident_told_us(session_factory, make_report):
    case, _ = create(session_factory, make_report())
    with transaction(session_factory) as session:
        found = get_case_by_reference(session, case.reference.lower())
        data = case_to_dict(found, date(2026, 11, 23))
        assert get_case_by_reference(session, "ASB-1999-999999") is None
        assert get_case_by_reference(session, "not a reference") is None
    assert data["reference"] == case.reference
    assert data["description"].startswith("Loud music")
    assert data["location"] == "Flat 3, 1 Example Road"
    assert data["reporter"]["phone"] == "+447700900123"
    assert data["events"][0]["kind"] == "created"


async def test_search_by_phone_postcode_and_reference_is_a_post(
    make_api_client, make_staff, login_as, add_case
):
    mine = add_case(location="Flat 3, 1 Example Road, LS6 2AB")
    other = add_case(reporter={"phone": "+447700900456"}, location="2 Sample Street, LS7 1XY")
    client = await make_api_client(now=MONDAY)
    make_staff("ann.agent", "agent")
    csrf = await login_as(client, "ann.agent")

    async def search(term: str):
        return await client.post("/staff/search", data={"q": term, "csrf_token": csrf})

    html = await (await search("07700 900123")).text()  # the way residents write it
    assert mine in html and other not in html
    html = await (await search("ls62ab")).text()
    assert mine in html and other not in html
    html = await (await search("LS7")).text()
    assert other in html and mine not in html
    html = await (await search(other.lower())).text()
    assert references_in(html) == [other]
    refused = await search("loud music")
    assert refused.status == 400
    assert "reference, a phone number or a postcode" in await refused.text()
    assert (await client.post("/staff/search", data={"q": "LS7"})).status == 403  # no CSRF
    assert (await client.get("/staff/search?q=07700900123")).status == 405


async def test_case_page_shows_related_cases_and_the_case_review_indicator(
    make_api_client, make_staff, login_as, add_case
):
    first = add_case(received_at="2026-09-01T10:00:00+00:00")
    second = add_case(received_at="2026-10-01T10:00:00+00:00")
    neighbour = add_case(reporter={"phone": "+447700900999"}, location="flat 3 - 1 example road")
    third = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{third}")).text()
    assert first in html and second in html and neighbour in html
    assert "same phone" in html and "same address" in html
    assert "possible duplicate" in html
    # The ASB Case Review counters (backend/case_review/counting.py, the one counter).
    assert "ASB Case Review" in html and "<strong>3 by this resident</strong>" in html
    assert "Threshold 3: <strong>met</strong>" in html
    # The neighbour has reported once: the threshold is not met for them.
    html = await (await client.get(f"/staff/cases/{neighbour}")).text()
    assert "<strong>1 by this resident</strong>" in html
    assert "Threshold 3: <strong>not met</strong>" in html


async def test_the_json_api_keeps_officers_to_their_team(
    make_api_client, make_staff, login_as, add_case, api_headers
):
    chm_case = add_case()
    tem_case = add_case(category="hate")
    client = await make_api_client(now=MONDAY)
    make_staff("cat.chm", "officer", "CHM")
    await login_as(client, "cat.chm")
    queue = await (await client.get("/api/triage-queue")).json()
    assert [item["reference"] for item in queue["items"]] == [chm_case]
    assert (await client.get("/api/triage-queue?team=TEM")).status == 403
    assert (await client.get(f"/api/cases/{tem_case}")).status == 403
    assert (await client.get(f"/api/cases/{chm_case}")).status == 200
    # A script with the API token sees everything.
    everything = await client.get("/api/triage-queue?status=all", headers=api_headers)
    assert (await everything.json())["total"] == 2
