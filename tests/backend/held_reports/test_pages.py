"""The held reports' staff pages: who sees them, the list and the menu's count, the page of one
held report, and filing it (retry, corrections) or resolving it, audited and CSRF-protected.
All data is fictional."""

from __future__ import annotations

from sqlalchemy import select

from backend.alerts.models import Alert
from backend.cases.models import Case, CaseEvent
from backend.db import transaction
from backend.sms_outbound.models import OutboxMessage
from tests.backend.held_reports.helpers import (
    DESCRIPTION,
    DUTY_PHONE,
    MONDAY,
    hand_over,
    held_events,
    held_rows,
    refused_report,
)


async def held_client(make_api_client, ingest_headers, make_report, **report_overrides):
    """A backend (clock pinned to Monday) holding one refused report; (client, held id)."""
    client = await make_api_client(now=MONDAY, duty_officer_phone=DUTY_PHONE)
    response = await hand_over(
        client, ingest_headers, refused_report(make_report, **report_overrides)
    )
    assert response.status == 201
    return client, (await response.json())["held_report_id"]


def cases(session_factory) -> list[Case]:
    with transaction(session_factory) as session:
        return list(session.execute(select(Case).order_by(Case.id)).scalars())


async def test_held_report_pages_need_a_login(api_client):
    for path in ("/staff/held-reports", "/staff/held-reports/1"):
        response = await api_client.get(path, allow_redirects=False)
        assert response.status == 303
        assert response.headers["Location"].startswith("/staff/login")
    response = await api_client.post("/staff/held-reports/1/retry", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


async def test_managers_see_the_count_the_list_and_what_the_resident_said(
    make_api_client, ingest_headers, make_report, make_staff, login_as
):
    client, held_id = await held_client(
        make_api_client, ingest_headers, make_report, equality={"age_band": "25_34"}
    )
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")

    queue = await (await client.get("/staff")).text()
    assert 'href="/staff/held-reports">Held reports (1<' in queue
    # The duty officer's alert is on the queue, leading to the held report, without its words.
    assert f'<a href="/staff/held-reports/{held_id}">Held report {held_id}</a>' in queue
    assert "A report could not be filed and is held for review" in queue
    assert DESCRIPTION not in queue

    listing = await client.get("/staff/held-reports")
    assert listing.status == 200
    html = await listing.text()
    assert f'href="/staff/held-reports/{held_id}"' in html
    assert "Category" in html and "1 waiting for review" in html
    assert DESCRIPTION not in html and "+447700900123" not in html  # the list names no one

    page = await client.get(f"/staff/held-reports/{held_id}")
    assert page.status == 200
    assert page.headers["Cache-Control"] == "no-store"
    html = await page.text()
    assert DESCRIPTION in html and "+447700900123" in html and "Alex Example" in html
    assert "Refused: must be one of" in html  # the refused answer, marked where it is
    assert "Equality monitoring" in html and "25 to 34" in html  # managers only
    assert f'action="/staff/held-reports/{held_id}/retry"' in html


async def test_agents_may_look_but_not_act_and_officers_do_not_see_them(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(
        make_api_client, ingest_headers, make_report, equality={"age_band": "25_34"}
    )
    make_staff("alex.agent", "agent")
    csrf = await login_as(client, "alex.agent")
    page = await (await client.get(f"/staff/held-reports/{held_id}")).text()
    assert DESCRIPTION in page
    assert "Equality monitoring" not in page and "25 to 34" not in page
    assert "/retry" not in page and "A manager can file or resolve" in page
    refused = await client.post(
        f"/staff/held-reports/{held_id}/resolve",
        data={"csrf_token": csrf, "reason": "test"},
        allow_redirects=False,
    )
    assert refused.status == 403
    assert held_rows(session_factory)[0].status == "held"

    make_staff("sam.officer", "officer", team="CHM")
    await login_as(client, "sam.officer")
    assert "/staff/held-reports" not in await (await client.get("/staff")).text()
    assert (await client.get("/staff/held-reports")).status == 403
    assert (await client.get(f"/staff/held-reports/{held_id}")).status == 403


async def test_a_retry_the_contract_still_refuses_is_recorded_and_explained(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(make_api_client, ingest_headers, make_report)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    response = await client.post(
        f"/staff/held-reports/{held_id}/retry", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert response.status == 400
    assert "still refuses it (Category must be one of" in await response.text()
    [held] = held_rows(session_factory)
    assert (held.status, held.retries, held.case_id) == ("held", 1, None)
    last = held_events(session_factory, held_id)[-1]
    assert (last.kind, last.actor) == ("retry_refused", "mia.manager")
    assert cases(session_factory) == []


async def test_a_retry_after_the_contract_was_fixed_files_the_case_once(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    # Refused by an older contract that did not accept this email address; valid today.
    client = await make_api_client(now=MONDAY, duty_officer_phone=DUTY_PHONE)
    report = make_report(
        route="domestic_abuse", category="domestic_abuse", reporter={"email": "a@example.org"}
    )
    old_refusal = {
        "status": 400,
        "error": "the report is not valid",
        "fields": {"reporter.email": "is not an email address"},
    }
    held_id = (await (await hand_over(client, ingest_headers, report, old_refusal)).json())[
        "held_report_id"
    ]
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    response = await client.post(
        f"/staff/held-reports/{held_id}/retry", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert response.status == 303
    assert response.headers["Location"] == f"/staff/held-reports/{held_id}?done=filed"
    [case] = cases(session_factory)
    assert case.report_id == report["report_id"] and case.description == report["description"]
    assert case.reporter_email == "a@example.org"
    [held] = held_rows(session_factory)
    assert (held.status, held.case_id, held.resolution, held.resolved_by) == (
        "filed",
        case.id,
        "filed_on_retry",
        "mia.manager",
    )
    page = await (await client.get(response.headers["Location"])).text()
    assert f'href="/staff/cases/{case.reference}"' in page and "has been filed as a case" in page
    with transaction(session_factory) as session:
        kinds = [
            e.kind
            for e in session.execute(
                select(CaseEvent).where(CaseEvent.case_id == case.id)
            ).scalars()
        ]
        alerts = list(session.execute(select(Alert).order_by(Alert.id)).scalars())
        texts = list(session.execute(select(OutboxMessage)).scalars())
    assert kinds[:2] == ["created", "held_report_filed"]
    # The held report's alert is settled; the new domestic abuse case raises its own.
    assert [(a.reason, a.acknowledged_by) for a in alerts] == [
        ("held_report", "mia.manager"),
        ("new_domestic_abuse", None),
    ]
    assert any(t.kind == "ack" and t.to_number == "+447700900123" for t in texts)
    # Done is done: a second retry changes nothing and makes no second case.
    again = await client.post(
        f"/staff/held-reports/{held_id}/retry", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert again.status == 400
    assert "already been filed" in await again.text()
    assert len(cases(session_factory)) == 1


async def test_correcting_the_refused_answer_files_a_case_and_keeps_what_was_sent(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(make_api_client, ingest_headers, make_report)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    page = await (await client.get(f"/staff/held-reports/{held_id}")).text()
    assert 'name="value:category"' in page and 'name="leave_out:category"' in page

    bad = await client.post(
        f"/staff/held-reports/{held_id}/correct",
        data={"csrf_token": csrf, "value:category": "not-a-category"},
        allow_redirects=False,
    )
    assert bad.status == 400  # not one of the answers offered: nothing is filed
    assert "Choose one of the answers listed for Category" in await bad.text()
    other = await client.post(
        f"/staff/held-reports/{held_id}/correct",
        data={"csrf_token": csrf, "value:description": ""},
        allow_redirects=False,
    )
    assert other.status == 400  # only refused answers are corrected: the rest stays as sent
    assert "Correct or leave out at least one refused answer" in await other.text()
    assert cases(session_factory) == []
    response = await client.post(
        f"/staff/held-reports/{held_id}/correct",
        data={"csrf_token": csrf, "value:category": "groups_communal"},
        allow_redirects=False,
    )
    assert response.status == 303
    [case] = cases(session_factory)
    assert case.category == "groups_communal" and case.description == DESCRIPTION
    [held] = held_rows(session_factory)
    assert held.status == "filed" and held.resolution == "filed_corrected"
    assert held.payload["category"] == "fireworks"  # the report as the resident sent it
    filed = held_events(session_factory, held_id)[-1]
    assert filed.kind == "filed" and filed.actor == "mia.manager"
    assert filed.data["corrections"] == {
        "category": {"before": "fireworks", "after": "groups_communal"}
    }
    assert filed.data["before"]["status"] == "held" and filed.data["after"]["status"] == "filed"


async def test_resolving_needs_a_reason_and_is_audited(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(make_api_client, ingest_headers, make_report)
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    url = f"/staff/held-reports/{held_id}/resolve"
    no_reason = await client.post(url, data={"csrf_token": csrf}, allow_redirects=False)
    assert no_reason.status == 400 and "Choose why no case is needed" in await no_reason.text()
    other = await client.post(url, data={"csrf_token": csrf, "reason": "other"})
    assert other.status == 400 and "Say why" in await other.text()
    done = await client.post(
        url,
        data={"csrf_token": csrf, "reason": "contacted_resident", "note": "Called them back"},
        allow_redirects=False,
    )
    assert done.status == 303
    [held] = held_rows(session_factory)
    assert (held.status, held.resolution, held.resolution_note) == (
        "resolved",
        "contacted_resident",
        "Called them back",
    )
    resolved = held_events(session_factory, held_id)[-1]
    assert (resolved.kind, resolved.actor) == ("resolved", "mia.manager")
    assert resolved.data["after"] == {"status": "resolved", "resolution": "contacted_resident"}
    assert cases(session_factory) == []
    listing = await (await client.get("/staff/held-reports?status=resolved")).text()
    assert f'href="/staff/held-reports/{held_id}"' in listing
    assert '<span class="tag">Category</span>' in listing  # why it was held, still shown
    assert "Held reports (0<" in listing  # nothing waiting any more
    assert "No held reports are waiting" in await (await client.get("/staff/held-reports")).text()


async def test_forms_without_the_sessions_csrf_token_change_nothing(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(make_api_client, ingest_headers, make_report)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    for verb, data in (
        ("retry", {}),
        ("correct", {"value:category": "noise"}),
        ("resolve", {"reason": "test"}),
    ):
        for token in (None, "forged-token"):
            form = {**data, **({"csrf_token": token} if token else {})}
            response = await client.post(f"/staff/held-reports/{held_id}/{verb}", data=form)
            assert response.status == 403
    [held] = held_rows(session_factory)
    assert held.status == "held" and held.retries == 0
    assert [e.kind for e in held_events(session_factory, held_id)] == ["held", "alert"]


async def test_the_held_report_alert_can_be_acknowledged_by_a_manager_only(
    make_api_client, ingest_headers, make_report, make_staff, login_as, session_factory
):
    client, held_id = await held_client(make_api_client, ingest_headers, make_report)
    with transaction(session_factory) as session:
        alert_id = session.execute(select(Alert.id)).scalar_one()
    make_staff("sam.officer", "officer", team="TEM")
    csrf = await login_as(client, "sam.officer")
    response = await client.post(f"/staff/alerts/{alert_id}/acknowledge", data={"csrf_token": csrf})
    assert response.status == 404  # not for a team: the manager's
    make_staff("mia.manager", "manager")
    csrf = await login_as(client, "mia.manager")
    board = await (await client.get("/staff/dashboard")).text()
    assert f'href="/staff/held-reports/{held_id}"' in board
    response = await client.post(
        f"/staff/alerts/{alert_id}/acknowledge", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert response.status == 303
    with transaction(session_factory) as session:
        alert = session.get(Alert, alert_id)
        assert alert.acknowledged_by == "mia.manager"
    page = await (await client.get(f"/staff/held-reports/{held_id}")).text()
    assert "acknowledged by mia.manager" in page
    assert f'href="/staff/held-reports/{held_id}"' not in await (await client.get("/staff")).text()
