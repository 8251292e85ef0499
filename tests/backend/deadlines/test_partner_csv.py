"""The partners' CSV: the columns of docs/partners-csv.md, no personal data, managers and
admins only, every download audited."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from backend.cases.models import Case
from backend.casework import contact
from backend.db import transaction
from backend.deadlines.partner_csv import COLUMNS
from backend.staff.models import StaffAudit

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
DOC = Path(__file__).resolve().parents[3] / "docs" / "partners-csv.md"


async def _rows(client) -> list[dict[str, str]]:
    response = await client.get("/staff/dashboard/partner-export.csv?from=2026-11-01&to=2026-11-25")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    text = (await response.read()).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader), text


async def test_managers_export_cases_with_deadlines_and_no_personal_data(
    make_api_client, make_staff, login_as, add_case, session_factory
):
    reference = add_case(
        category="harassment",
        location="Flat 3, 1 Example Road, ZZ99 1AA",
        reporter={"postcode": "ZZ99 1AA", "email": "alex@example.org", "address": "1 Example Road"},
        details={"estate": "Example Estate"},
    )
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        contact.record_call(
            session, case, "", actor="tom.tem",
            now=datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc),
        )  # fmt: skip
    client = await make_api_client(now=NOW)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    rows, text = await _rows(client)
    [row] = rows
    assert row["case_reference"] == reference
    assert row["date_reported"] == "2026-11-20" and row["time_reported"] == "23:00"
    assert (row["asb_type"], row["incident_category"], row["owner_team"]) == (
        "Personal",
        "harassment",
        "TEM",
    )
    assert row["case_status"] == "Open" and row["risk_level"] == "Low"
    assert row["initial_contact_due"] == "2026-11-23"
    assert row["initial_contact_date"] == "2026-11-23"
    assert row["initial_contact_result"] == "Met"
    assert row["risk_assessment_result"] == "Missed" and row["risk_assessment_date"] == ""
    assert row["postcode_district"] == "ZZ99" and row["estate"] == "Example Estate"
    assert row["open_over_12_weeks"] == "no"
    for personal in (
        "Alex Example",
        "+447700900123",
        "7700900123",
        "alex@example.org",
        "Example Road",
        "ZZ99 1AA",
        "Loud music",
    ):
        assert personal not in text
    with transaction(session_factory) as session:
        [audit] = (
            session.execute(select(StaffAudit).where(StaffAudit.action == "partner_csv_export"))
            .scalars()
            .all()
        )
    assert audit.actor == "mia.manager"
    assert audit.data == {"from": "2026-11-01", "to": "2026-11-25", "rows": 1}


async def test_officers_and_agents_may_not_export(make_api_client, make_staff, login_as, add_case):
    add_case()
    client = await make_api_client(now=NOW)
    for name, role, team in (("tom.tem", "officer", "TEM"), ("ann.agent", "agent", None)):
        make_staff(name, role, team)
        await login_as(client, name)
        response = await client.get("/staff/dashboard/partner-export.csv")
        assert response.status == 403
    client.session.cookie_jar.clear()
    response = await client.get("/staff/dashboard/partner-export.csv", allow_redirects=False)
    assert response.status in (302, 303)  # to the login page


def test_every_column_is_documented_for_partners():
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", DOC.read_text(encoding="utf-8"), re.M)
    assert documented == list(COLUMNS)
