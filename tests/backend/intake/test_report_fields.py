"""The complete report: contact preferences, consent to share, equality monitoring, the
assistant's provisional risk, "prefer not to say" RAM answers and the extra details, from
POST /api/reports to the case page, the staff API and the dashboard. All data is fictional."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from backend.cases.models import EQUALITY_CODES, Case, CaseEvent
from backend.db import transaction
from backend.intake.contract import (
    REPORTER_FIELDS,
    TOP_LEVEL_FIELDS,
    ReportValidationError,
    parse_report,
)
from core.ram import QUESTIONS, score_answers

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
PEOPLE = "A man in a red jacket from number 5 <b>and his friend</b>"
WITNESSES = "The neighbour at Flat 4 saw it too"


def full_report(make_report, **overrides):
    """A report with every new field filled in (fictional resident)."""
    report = make_report(
        reporter={
            "preferred_contact": "email",
            "email": "Alex.Example@EXAMPLE.org",
            "best_time": "weekday evenings after 6pm",
            "consent_to_share": True,
            "anonymous": True,
        },
        equality={"age_band": "35_44", "ethnicity": "asian", "disability": "prefer_not_to_say"},
        risk={"score": 9, "band": "MEDIUM"},
        ram_answers={
            "q1_frequency": "daily",
            "q3_worse": "yes",
            "q5_history": "prefer_not_to_say",
            "q11_health": ["prefer_not_to_say"],
        },
        details={
            "people_involved": PEOPLE,
            "witnesses": WITNESSES,
            "evidence": ["photos", "diary", "photos"],
            "category_confirmed": True,
            "corrections": 2,
            "good_neighbour": False,
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
    return " ".join(match.group(1).split())


# -- round trip ----------------------------------------------------------------------------


async def test_a_full_report_round_trips_to_the_case_page_and_the_api(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, db_engine
):
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, full_report(make_report))
    assert status == 201, receipt
    # The backend scores the RAM answers itself: daily 5 + worse 2; declined answers score 0.
    assert receipt["risk_score"] == 7 and receipt["risk_band"] == "LOW"
    reference = receipt["reference"]

    response = await client.get(f"/api/cases/{reference}", headers=api_headers)
    assert response.status == 200
    case = await response.json()
    assert case["reporter"] == {
        "name": "Alex Example",
        "phone": "+447700900123",
        "safe_to_text": True,
        "consent_to_contact": True,
        "anonymous": True,
        "email": "Alex.Example@example.org",
        "preferred_contact": "email",
        "best_time": "weekday evenings after 6pm",
        "consent_to_share": True,
    }
    details = case["details"]
    assert details["people_involved"] == PEOPLE
    assert details["witnesses"] == WITNESSES
    assert details["evidence_held"] == ["photos", "diary"]  # repeats dropped
    assert "evidence" not in details  # that key is for attached photos
    assert details["category_confirmed"] is True and details["corrections"] == 2
    assert details["assistant_risk"] == {"score": 9, "band": "MEDIUM"}
    assert case["ram_answers"]["q5_history"] == "prefer_not_to_say"
    # Equality answers never leave the case page, not even for the API token.
    assert "equality" not in case
    assert "age_band" not in json.dumps(case) and "35_44" not in json.dumps(case)
    [created] = [e for e in case["events"] if e["kind"] == "created"]
    assert created["data"]["assistant_risk"] == {"score": 9, "band": "MEDIUM"}
    assert sorted(created["data"]["ram_declined"]) == ["q11_health", "q5_history"]
    assert created["data"]["ram_unscored"] == []

    with db_engine.connect() as connection:
        stored = connection.execute(
            select(Case.equality).where(Case.reference == reference)
        ).scalar_one()
    assert stored == {"age_band": "35_44", "ethnicity": "asian", "disability": "prefer_not_to_say"}

    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{reference}")).text()
    # Autoescaped, in plain labelled rows.
    assert row(html, "People involved") == (
        "A man in a red jacket from number 5 &lt;b&gt;and his friend&lt;/b&gt;"
    )
    assert "<b>and his friend</b>" not in html
    assert row(html, "Witnesses") == WITNESSES
    assert row(html, "Evidence they have") == "Photos, Diary or incident log"
    assert row(html, "Email") == "Alex.Example@example.org"
    assert row(html, "Preferred contact") == "Email"
    assert row(html, "Best time") == "weekday evenings after 6pm"
    assert row(html, "Consent to share with other agencies") == "Yes"
    assert row(html, "Anonymous").startswith("Yes")
    assert row(html, "Category chosen by the resident") == "Yes"
    assert row(html, "Corrections before confirming") == "2"
    assert row(html, "Assistant's provisional risk").startswith("9 (MEDIUM)")
    assert row(html, "Good neighbour") == "False"  # other details are still listed
    assert row(html, "Age band") == "35 to 44"
    assert row(html, "Ethnicity") == "Asian or Asian British"
    assert row(html, "Disability") == "Prefer not to say"


async def test_an_old_payload_still_works(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, db_engine
):
    report = make_report()
    for name in ("equality", "risk"):
        assert name not in report
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, report)
    assert status == 201, receipt
    assert receipt["risk_score"] == 5  # q1 daily
    case = await (
        await client.get(f"/api/cases/{receipt['reference']}", headers=api_headers)
    ).json()
    assert case["reporter"]["email"] is None and case["reporter"]["consent_to_share"] is None
    assert case["reporter"]["preferred_contact"] is None and case["reporter"]["best_time"] is None
    assert case["details"] == {}
    with db_engine.connect() as connection:  # SQL NULL, not a JSON null
        assert (
            connection.execute(
                select(func.count()).select_from(Case).where(Case.equality.is_(None))
            ).scalar_one()
            == 1
        )

    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{receipt['reference']}")).text()
    assert row(html, "People involved") == "Not given"
    assert row(html, "Evidence they have") == "Not asked"
    assert row(html, "Preferred contact") == "Not given"
    assert row(html, "Consent to share with other agencies") == "Not asked"
    assert row(html, "Anonymous") == "No"
    assert row(html, "Age band") == "Not answered"


async def test_nulls_for_every_new_field_are_accepted(
    make_api_client, ingest_headers, make_report, db_engine
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    report = make_report(
        reporter={
            "preferred_contact": None,
            "email": None,
            "best_time": "  ",
            "consent_to_share": None,
        },
        equality=None,
        risk=None,
        details={"people_involved": None, "evidence": None, "corrections": None},
    )
    status, receipt = await post(api_client, ingest_headers, report)
    assert status == 201, receipt
    empty = make_report(equality={"age_band": None})
    status, receipt = await post(api_client, ingest_headers, empty)
    assert status == 201, receipt
    with db_engine.connect() as connection:
        assert (
            connection.execute(
                select(func.count()).select_from(Case).where(Case.equality.is_(None))
            ).scalar_one()
            == 2
        )


# -- refusing bad input --------------------------------------------------------------------

BAD_FIELDS = [
    ({"reporter": {"email": "alex at example dot org"}}, "reporter.email"),
    ({"reporter": {"email": "alex@example"}}, "reporter.email"),
    ({"reporter": {"email": "a" * 250 + "@example.org"}}, "reporter.email"),
    ({"reporter": {"preferred_contact": "pigeon"}}, "reporter.preferred_contact"),
    ({"reporter": {"best_time": "x" * 201}}, "reporter.best_time"),
    ({"reporter": {"consent_to_share": "yes"}}, "reporter.consent_to_share"),
    ({"equality": {"ethnicity": "martian"}}, "equality.ethnicity"),
    ({"equality": {"age_band": "40"}}, "equality.age_band"),
    ({"equality": {"disability": True}}, "equality.disability"),
    ({"equality": {"religion": "none"}}, "equality.religion"),
    ({"equality": "prefer_not_to_say"}, "equality"),
    ({"risk": {"score": 9, "band": "SEVERE"}}, "risk.band"),
    ({"risk": {"score": 9}}, "risk.band"),
    ({"risk": {"score": -1, "band": "LOW"}}, "risk.score"),
    ({"risk": {"score": True, "band": "LOW"}}, "risk.score"),
    ({"risk": {"score": "9", "band": "LOW"}}, "risk.score"),
    ({"risk": {"score": 9, "band": "LOW", "source": "bot"}}, "risk.source"),
    ({"risk": 9}, "risk"),
    ({"details": {"people_involved": "x" * 1001}}, "details.people_involved"),
    ({"details": {"witnesses": ["Flat 4"]}}, "details.witnesses"),
    ({"details": {"evidence": ["photos", "selfie"]}}, "details.evidence"),
    ({"details": {"evidence": "photos"}}, "details.evidence"),
    ({"details": {"category_confirmed": "yes"}}, "details.category_confirmed"),
    ({"details": {"corrections": -1}}, "details.corrections"),
    ({"details": {"corrections": 1.5}}, "details.corrections"),
    ({"details": {"assistant_risk": {"score": 0, "band": "LOW"}}}, "details.assistant_risk"),
    ({"details": {"evidence_held": ["photos"]}}, "details.evidence_held"),
]


@pytest.mark.parametrize("changes, field", BAD_FIELDS)
def test_each_bad_new_field_is_named(make_report, changes, field):
    with pytest.raises(ReportValidationError) as error:
        parse_report(make_report(**changes), now=MONDAY)
    assert set(error.value.fields) == {field}


@pytest.mark.parametrize(
    "email, stored",
    [
        ("Alex.Example@EXAMPLE.org", "Alex.Example@example.org"),
        (" a+asb@sub.example.co.uk ", "a+asb@sub.example.co.uk"),
        ("jose.garcía@example.es", "jose.garcía@example.es"),  # what the assistant accepts
        ("x" * 70 + "@example.org", "x" * 70 + "@example.org"),
    ],
)
def test_email_addresses_people_type_are_accepted(make_report, email, stored):
    report = parse_report(make_report(reporter={"email": email}), now=MONDAY)
    assert report.reporter.email == stored


async def test_bad_new_fields_get_a_400_naming_each_of_them(
    make_api_client, ingest_headers, make_report, db_engine
):
    # The clock just after the fixture's report was sent (inside the API's 30 days).
    api_client = await make_api_client(now=MONDAY)
    report = make_report(
        reporter={"email": "not-an-email"},
        equality={"ethnicity": "martian", "age_band": "35_44"},
        risk={"score": 3, "band": "PURPLE"},
        ram_answers={"q5_history": "prefer_not_to_say"},
    )
    status, body = await post(api_client, ingest_headers, report)
    assert status == 400
    assert set(body["fields"]) == {"reporter.email", "equality.ethnicity", "risk.band"}
    # The message lists the allowed codes, never echoes special-category values.
    assert "martian" not in json.dumps(body)
    with db_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Case)).scalar_one() == 0


# -- equality monitoring is for managers and admins only -----------------------------------


@pytest.mark.parametrize(
    "role, team, sees",
    [
        ("agent", None, False),
        ("officer", "CHM", False),
        ("manager", None, True),
        ("admin", None, True),
    ],
)
async def test_only_managers_and_admins_see_equality_answers(
    make_api_client, ingest_headers, make_report, make_staff, login_as, role, team, sees
):
    client = await make_api_client(now=MONDAY)
    _, receipt = await post(client, ingest_headers, full_report(make_report))
    make_staff(f"kim.{role}", role, team)
    await login_as(client, f"kim.{role}")
    response = await client.get(f"/staff/cases/{receipt['reference']}")
    assert response.status == 200
    html = await response.text()
    assert row(html, "People involved").startswith("A man in a red jacket")  # all roles
    for private in ("Equality monitoring", "Asian or Asian British", "35 to 44", "Age band"):
        assert (private in html) is sees, private


async def test_equality_is_not_in_the_queue_logs_or_csv(
    make_api_client, ingest_headers, api_headers, make_report, make_staff, login_as, caplog
):
    caplog.set_level(logging.DEBUG)
    client = await make_api_client(now=MONDAY)
    _, receipt = await post(client, ingest_headers, full_report(make_report))
    queue = await (await client.get("/api/triage-queue", headers=api_headers)).text()
    assert receipt["reference"] in queue
    for private in ("equality", "ethnicity", "asian", "35_44"):
        assert private not in queue
        assert private not in caplog.text
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    page = await (await client.get("/staff")).text()
    assert "Asian or Asian British" not in page
    export = await client.get("/staff/dashboard/export.csv?from=2026-11-01&to=2026-11-30")
    body = (await export.read()).decode("utf-8-sig")
    assert receipt["reference"] in body
    for private in ("equality", "ethnicity", "asian", "35_44", "age_band"):
        assert private not in body.lower()


async def test_dashboard_counts_equality_answers_and_hides_small_numbers(
    make_api_client, ingest_headers, make_report, make_staff, login_as
):
    client = await make_api_client(now=MONDAY)
    references = []
    for n in range(7):
        equality = {"ethnicity": "white" if n < 5 else "black", "disability": "no"}
        _, receipt = await post(client, ingest_headers, make_report(equality=equality))
        references.append(receipt["reference"])
    await post(client, ingest_headers, make_report())  # did not answer
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff/dashboard?from=2026-11-16&to=2026-11-22")).text()
    section = html[html.index('<h2 id="equality">') :]
    section = section[: section.index("</section>")]
    assert "<td>White</td><td>5</td>" in section
    assert "<td>Black, Black British, Caribbean or African</td><td>fewer than 5</td>" in section
    assert "<td>No</td><td>7</td>" in section
    assert "<td>Asian or Asian British</td><td>0</td>" in section
    for reference in references:  # aggregates only, no links to cases
        assert reference not in section
    assert "/staff/cases/" not in section


# -- "prefer not to say" in the risk assessment --------------------------------------------


def test_prefer_not_to_say_is_accepted_for_every_question_and_scores_nothing(make_report):
    answers = {
        q.key: ["prefer_not_to_say"] if q.multiple else "prefer_not_to_say" for q in QUESTIONS
    }
    report = parse_report(make_report(ram_answers=answers), now=MONDAY)
    assert report.ram_answers == answers
    result = score_answers(report.ram_answers, report.frequency)
    assert result.score == 0 and result.band == "LOW"
    assert sorted(result.declined) == sorted(answers) and result.unscored == ()
    # Mixed with real answers, only the real ones count.
    mixed = score_answers({"q1_frequency": "daily", "q5_history": "prefer_not_to_say"})
    assert mixed.score == 5 and mixed.declined == ("q5_history",)
    assert score_answers({"q11_health": ["mental", "prefer_not_to_say"]}).score == 3
    assert score_answers({"q10_affected": "Prefer not to say"}).declined == ("q10_affected",)


async def test_prefer_not_to_say_shows_as_such_on_the_case_page(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    answers = {
        q.key: ["prefer_not_to_say"] if q.multiple else "prefer_not_to_say" for q in QUESTIONS
    }
    client = await make_api_client(now=MONDAY)
    status, receipt = await post(client, ingest_headers, make_report(ram_answers=answers))
    assert status == 201
    assert receipt["risk_score"] == 0 and receipt["risk_band"] == "LOW"
    reference = receipt["reference"]

    # Read-only (agent): every row reads "Prefer not to say" and scores 0.
    make_staff("ali.agent", "agent")
    await login_as(client, "ali.agent")
    html = await (await client.get(f"/staff/cases/{reference}")).text()
    table = html[html.index('<table class="ram">') :]
    table = table[: table.index("</table>")]
    cells = re.findall(r"<td>\s*(.*?)\s*</td>\s*<td>(.*?)</td>", table, re.S)
    assert len(cells) == len(QUESTIONS)
    assert all(answer == "Prefer not to say" and points == "0" for answer, points in cells)
    assert "Not answered" not in table and "unscored" not in html.lower()

    # An officer sees it chosen in the form, and can confirm it.
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    html = await (await client.get(f"/staff/cases/{reference}")).text()
    assert html.count('value="prefer_not_to_say" selected') == 12
    assert html.count('value="prefer_not_to_say" checked') == 2
    form = [("csrf_token", csrf), ("q1_frequency", "daily"), ("q5_history", "prefer_not_to_say")]
    form.append(("q11_health", "prefer_not_to_say"))
    response = await client.post(f"/staff/cases/{reference}/ram", data=form, allow_redirects=False)
    assert response.status == 303, await response.text()
    with transaction(session_factory) as session:
        case = session.execute(select(Case).where(Case.reference == reference)).scalar_one()
        assert case.ram_answers == {
            "q1_frequency": "daily",
            "q5_history": "prefer_not_to_say",
            "q11_health": ["prefer_not_to_say"],
        }
        assert case.risk_score == 5
    # "Prefer not to say" cannot go with a real answer to the same question.
    form = [("csrf_token", csrf), ("q11_health", "mental"), ("q11_health", "prefer_not_to_say")]
    response = await client.post(f"/staff/cases/{reference}/ram", data=form)
    assert response.status == 400
    assert "cannot go with other answers" in await response.text()


async def test_created_event_never_holds_equality(
    api_client, ingest_headers, make_report, session_factory
):
    _, receipt = await post(api_client, ingest_headers, full_report(make_report))
    with transaction(session_factory) as session:
        events = session.execute(select(CaseEvent)).scalars().all()
        text = json.dumps([e.data for e in events]) + " ".join(e.summary for e in events)
    assert "35_44" not in text and "asian" not in text and "equality" not in text


# -- the contract documents ----------------------------------------------------------------


async def test_openapi_documents_the_new_fields(api_client):
    spec = await (await api_client.get("/api/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    assert set(schemas["Report"]["properties"]) == TOP_LEVEL_FIELDS
    assert set(schemas["Reporter"]["properties"]) == REPORTER_FIELDS
    assert {name: prop["enum"] for name, prop in schemas["Equality"]["properties"].items()} == {
        name: list(codes) for name, codes in EQUALITY_CODES.items()
    }
    assert schemas["AssistantRisk"]["required"] == ["score", "band"]
    assert {"people_involved", "witnesses", "evidence", "category_confirmed", "corrections"} <= set(
        schemas["ReportDetails"]["properties"]
    )
