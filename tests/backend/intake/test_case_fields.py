"""What a case officer needs beyond what happened (docs/domain.md section 8): when it started and
when it last happened, a police reference, the resident's own address, a visit or a call, their
communication needs and the answer to the court notice for evidence; from POST /api/reports to
the case, the case page, the queue and the staff API, on SQLite and PostgreSQL. All data is
fictional."""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from backend.cases.models import Case, CaseEvent
from backend.dashboard.service import build_dashboard
from backend.db import transaction
from backend.intake.contract import ReportValidationError, parse_report
from core.workdays import WorkingCalendar

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
NEEDS = {"needs": ["interpreter", "large_print"], "language": "Tigrinya", "other": None}


def case_fields_report(make_report, **overrides):
    """A report with every case field answered (fictional resident)."""
    report = make_report(
        started_when="it started in March",
        reporter={
            "postcode": "zz99 1aa",
            "address": "Flat 2, 5 Example Street",
            "visit_or_call": "visit",
            "communication_needs": NEEDS,
        },
        details={
            "evidence": ["photos", "diary"],
            "evidence_consent": "objected",
            "police_reference": "  CAD 1234  21/11 ",
        },
    )
    report.update(overrides)
    return report


async def post(client, headers, report):
    response = await client.post("/api/reports", json=report, headers=headers)
    return response.status, await response.json()


def row(html: str, label: str) -> str:
    """The text of the <dd> after the <dt> with this label (the page's labelled rows)."""
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert match, f"no row {label!r} on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def section(html: str, element_id: str) -> str:
    start = html.index(f'<div id="{element_id}">')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start : html.index("</div>", start)]).split())


# -- round trip ----------------------------------------------------------------------------


async def test_the_case_fields_reach_the_case_the_api_and_the_case_page(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, db_engine
):
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, case_fields_report(make_report))
    assert status == 201, receipt
    reference = receipt["reference"]

    case = await (await client.get(f"/api/cases/{reference}", headers=api_headers)).json()
    assert case["happened_when"] == "last night about 11pm"
    assert case["started_when"] == "it started in March"
    assert case["visit_or_call"] == "visit"
    details = case["details"]
    assert details["police_reference"] == "CAD 1234 21/11"  # spacing tidied
    assert details["reporter_postcode"] == "ZZ99 1AA"
    assert details["reporter_address"] == "Flat 2, 5 Example Street"
    assert details["evidence_consent"] == "objected"
    # Communication needs can reveal a disability: never in the staff API.
    text = json.dumps(case)
    assert "communication" not in text and "Tigrinya" not in text and "large_print" not in text
    with db_engine.connect() as connection:
        stored = connection.execute(
            select(Case.communication_needs).where(Case.reference == reference)
        ).scalar_one()
    assert stored == NEEDS

    # Every role that can open the case sees them: whoever contacts the resident needs them.
    make_staff("ali.agent", "agent")
    await login_as(client, "ali.agent")
    html = await (await client.get(f"/staff/cases/{reference}")).text()
    assert row(html, "When it last happened") == "last night about 11pm"
    assert row(html, "When it started") == "it started in March"
    assert row(html, "Police reference") == "CAD 1234 21/11"
    assert row(html, "Evidence used in court").startswith("Objects to their evidence being used")
    assert "talk to them before using it" in row(html, "Evidence used in court")
    assert row(html, "Their own address") == "Flat 2, 5 Example Street, ZZ99 1AA"
    assert row(html, "Visit or call offered") == "Would like a visit"
    needs = section(html, "communication")
    assert "Interpreter" in needs and "Large print" in needs
    assert "Interpreter language: Tigrinya" in needs
    assert '<span class="tag" id="offer-tag">Wants a visit</span>' in html
    assert 'href="#communication" class="tag">Communication needs</a>' in html


async def test_the_queue_shows_a_visit_or_a_call_and_never_the_communication_needs(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, caplog
):
    caplog.set_level(logging.DEBUG)
    client = await make_api_client(now=MONDAY)
    _, visit = await post(client, ingest_headers, case_fields_report(make_report))
    call = case_fields_report(make_report)
    call["reporter"]["visit_or_call"] = "call"
    _, call = await post(client, ingest_headers, call)
    _, plain = await post(client, ingest_headers, make_report())

    queue = await (await client.get("/api/triage-queue", headers=api_headers)).json()
    offers = {item["reference"]: item["visit_or_call"] for item in queue["items"]}
    assert offers == {
        visit["reference"]: "visit",
        call["reference"]: "call",
        plain["reference"]: None,
    }

    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    page = await (await client.get("/staff")).text()
    assert page.count("Wants a visit") == 1 and page.count("Wants a call") == 1
    export = await client.get("/staff/dashboard/export.csv?from=2026-11-01&to=2026-11-30")
    body = (await export.read()).decode("utf-8-sig")
    assert visit["reference"] in body
    for private in ("Tigrinya", "interpreter", "large_print", "communication"):
        assert private not in page and private not in body and private not in caplog.text
    assert "Tigrinya" not in json.dumps(queue)


async def test_the_timeline_never_holds_communication_needs(
    make_api_client, ingest_headers, make_report, session_factory
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    status, _ = await post(api_client, ingest_headers, case_fields_report(make_report))
    assert status == 201
    with transaction(session_factory) as session:
        events = session.execute(select(CaseEvent)).scalars().all()
        text = json.dumps([e.data for e in events]) + " ".join(e.summary for e in events)
    assert "Tigrinya" not in text and "interpreter" not in text


async def test_agreeing_to_court_use_and_no_needs_read_plainly(
    make_api_client, ingest_headers, make_report, make_staff, login_as
):
    report = case_fields_report(make_report)
    report["details"]["evidence_consent"] = "agreed"
    report["reporter"]["communication_needs"] = {"needs": ["none"]}
    report["reporter"]["visit_or_call"] = "neither"
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, report)
    assert status == 201, receipt
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{receipt['reference']}")).text()
    assert row(html, "Evidence used in court") == (
        "Agreed that their evidence may be used, including in court"
    )
    assert row(html, "Visit or call offered") == "Neither a visit nor a call"
    assert "None" in section(html, "communication")
    assert 'class="tag">Communication needs' not in html  # nothing to act on
    assert 'id="offer-tag"' not in html


async def test_an_old_payload_still_works_and_reads_not_given(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, db_engine
):
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, make_report())
    assert status == 201, receipt
    case = await (
        await client.get(f"/api/cases/{receipt['reference']}", headers=api_headers)
    ).json()
    assert case["started_when"] is None and case["visit_or_call"] is None
    assert case["details"] == {}
    with db_engine.connect() as connection:  # SQL NULL, not a JSON null
        count = connection.execute(
            select(func.count()).select_from(Case).where(Case.communication_needs.is_(None))
        ).scalar_one()
    assert count == 1
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{receipt['reference']}")).text()
    assert row(html, "When it started") == "Not given"
    assert row(html, "Police reference") == "Not given"
    assert row(html, "Their own address") == "Not given"
    assert row(html, "Visit or call offered") == "Not asked"
    assert "Not asked." in section(html, "communication")
    assert "Evidence used in court" not in html


async def test_happening_now_is_when_it_last_happened(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    # The assistant does not ask "when did it last happen?" of something happening now.
    report = make_report(happened_when=None, happening_now=True, started_when="about 10pm")
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, report)
    assert status == 201, receipt
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{receipt['reference']}")).text()
    assert row(html, "When it last happened") == "Happening at the time of the report"
    assert row(html, "When it started") == "about 10pm"
    # The dashboard counts "when" as recorded.
    blank = make_report(happened_when=None, happening_now=False)
    assert (await post(client, ingest_headers, blank))[0] == 201
    with transaction(session_factory) as session:
        board = build_dashboard(
            session,
            WorkingCalendar("ENG"),
            MONDAY,
            date(2026, 11, 16),
            date(2026, 11, 22),
        )
    assert (board.not_recorded["When"].part, board.not_recorded["When"].whole) == (1, 2)


# -- refusing bad input --------------------------------------------------------------------

BAD_FIELDS = [
    ({"started_when": "x" * 1001}, "started_when"),
    ({"started_when": ["March"]}, "started_when"),
    ({"reporter": {"address": "x" * 201}}, "reporter.address"),
    ({"reporter": {"address": 12}}, "reporter.address"),
    ({"reporter": {"visit_or_call": "maybe"}}, "reporter.visit_or_call"),
    ({"reporter": {"visit_or_call": True}}, "reporter.visit_or_call"),
    ({"reporter": {"communication_needs": "interpreter"}}, "reporter.communication_needs"),
    (
        {"reporter": {"communication_needs": {"needs": ["telepathy"]}}},
        "reporter.communication_needs.needs",
    ),
    ({"reporter": {"communication_needs": {"needs": []}}}, "reporter.communication_needs.needs"),
    ({"reporter": {"communication_needs": {"needs": "bsl"}}}, "reporter.communication_needs.needs"),
    (
        {"reporter": {"communication_needs": {"needs": ["none", "bsl"]}}},
        "reporter.communication_needs.needs",
    ),
    (
        {"reporter": {"communication_needs": {"needs": ["interpreter"], "language": "x" * 61}}},
        "reporter.communication_needs.language",
    ),
    (
        {"reporter": {"communication_needs": {"needs": ["other"], "other": "x" * 501}}},
        "reporter.communication_needs.other",
    ),
    (
        {"reporter": {"communication_needs": {"needs": ["bsl"], "colour": "blue"}}},
        "reporter.communication_needs.colour",
    ),
    ({"details": {"police_reference": "none given"}}, "details.police_reference"),
    ({"details": {"police_reference": "1" * 51}}, "details.police_reference"),
    ({"details": {"police_reference": "<b>1234</b>"}}, "details.police_reference"),
    ({"details": {"police_reference": 1234}}, "details.police_reference"),
    ({"details": {"evidence_consent": "maybe"}}, "details.evidence_consent"),
    ({"details": {"evidence_consent": True}}, "details.evidence_consent"),
    ({"details": {"reporter_address": "Flat 2"}}, "details.reporter_address"),
    ({"details": {"communication_needs": {"needs": ["bsl"]}}}, "details.communication_needs"),
    ({"details": {"visit_or_call": "visit"}}, "details.visit_or_call"),
    ({"details": {"started_when": "March"}}, "details.started_when"),
]


@pytest.mark.parametrize("changes, field", BAD_FIELDS)
def test_each_bad_case_field_is_named(make_report, changes, field):
    with pytest.raises(ReportValidationError) as error:
        parse_report(make_report(**changes), now=MONDAY)
    assert set(error.value.fields) == {field}


def test_nulls_and_blanks_for_the_case_fields_are_not_answers(make_report):
    report = parse_report(
        make_report(
            started_when="  ",
            reporter={"address": None, "visit_or_call": None, "communication_needs": None},
            details={"police_reference": None, "evidence_consent": None},
        ),
        now=MONDAY,
    )
    assert report.started_when is None and report.reporter.visit_or_call is None
    assert report.reporter.address is None and report.reporter.communication_needs is None
    assert report.details == {}


def test_references_and_needs_as_residents_give_them_are_accepted(make_report):
    for reference in ("43210012345", "CAD 1234/21NOV26", "MPS-2026-1121-77", "crime 43/12/26"):
        parsed = parse_report(make_report(details={"police_reference": reference}), now=MONDAY)
        assert parsed.details["police_reference"] == reference
    parsed = parse_report(
        make_report(reporter={"communication_needs": {"needs": ["bsl", "bsl", "easy_read"]}}),
        now=MONDAY,
    )
    assert parsed.reporter.communication_needs == {
        "needs": ["bsl", "easy_read"],  # repeats dropped
        "language": None,
        "other": None,
    }


async def test_bad_case_fields_get_one_400_naming_each_and_echoing_none(
    make_api_client, ingest_headers, make_report, db_engine
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    report = make_report(
        started_when=42,
        reporter={"visit_or_call": "pigeon", "communication_needs": {"needs": ["telepathy"]}},
        details={"police_reference": "no number", "evidence_consent": "perhaps"},
    )
    status, body = await post(api_client, ingest_headers, report)
    assert status == 400
    assert set(body["fields"]) == {
        "started_when",
        "reporter.visit_or_call",
        "reporter.communication_needs.needs",
        "details.police_reference",
        "details.evidence_consent",
    }
    text = json.dumps(body)
    assert "telepathy" not in text and "pigeon" not in text and "perhaps" not in text
    with db_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Case)).scalar_one() == 0


async def test_openapi_documents_the_case_fields(api_client):
    spec = await (await api_client.get("/api/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    assert "started_when" in schemas["Report"]["properties"]
    reporter = schemas["Reporter"]["properties"]
    assert reporter["visit_or_call"]["enum"] == ["visit", "call", "neither"]
    assert reporter["communication_needs"] == {"$ref": "#/components/schemas/CommunicationNeeds"}
    assert (
        "prefer_not_to_say" in schemas["CommunicationNeeds"]["properties"]["needs"]["items"]["enum"]
    )
    details = schemas["ReportDetails"]["properties"]
    assert details["evidence_consent"]["enum"] == ["agreed", "objected"]
    assert details["police_reference"]["maxLength"] == 50
    assert "visit_or_call" in schemas["QueueItem"]["properties"]
