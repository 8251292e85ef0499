"""Staff see a case's evidence with who and when on the case page and download it only with a
staff login, as an attachment; residents and strangers are never served a file."""

from __future__ import annotations

import hashlib

from tests.backend.evidence.conftest import form, photo_with_exif


async def upload(client, reference: str, pin: str) -> None:
    response = await client.post(
        "/chat/evidence", data=form(photo_with_exif(), reference=reference, pin=pin)
    )
    assert response.status == 201, await response.text()


async def test_the_case_page_lists_the_files_and_staff_download_them(
    client, report_case, make_staff, login_as, settings
) -> None:
    reference, pin = await report_case()  # a noise case: the CHM team's
    await upload(client, reference, pin)
    make_staff("tam.officer", "officer", "CHM")
    await login_as(client, "tam.officer")
    page = await (await client.get(f"/staff/cases/{reference}")).text()
    assert "Evidence files from the resident" in page
    assert "Resident (web chat, with the reference)" in page
    link = f"/staff/cases/{reference}/evidence/"
    assert link in page
    start = page.index(link) + len(link)
    evidence_id = page[start : page.index('"', start)]

    response = await client.get(f"{link}{evidence_id}")
    assert response.status == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{reference}-evidence-{evidence_id}.jpg"'
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["Cache-Control"] == "no-store"
    body = await response.read()
    assert hashlib.sha256(body).hexdigest() in page  # the checksum shown is the file's


async def test_no_file_without_a_staff_login(client, report_case) -> None:
    reference, pin = await report_case()
    await upload(client, reference, pin)
    response = await client.get(f"/staff/cases/{reference}/evidence/1", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"].startswith("/staff/login")
    # Nothing under the chat's own paths serves files either.
    for path in ("/evidence/1", "/chat/evidence", "/static/webchat/../evidence/1"):
        answer = await client.get(path, allow_redirects=False)
        assert answer.status in (404, 405)


async def test_another_teams_officer_cannot_download(
    client, report_case, make_staff, login_as
) -> None:
    reference, pin = await report_case()
    await upload(client, reference, pin)
    make_staff("lee.officer", "officer", "TEM")
    await login_as(client, "lee.officer")
    response = await client.get(f"/staff/cases/{reference}/evidence/1")
    assert response.status == 403


async def test_a_file_of_another_case_or_a_silly_id_is_not_found(
    client, report_case, make_staff, login_as
) -> None:
    first, pin = await report_case()
    await upload(client, first, pin)
    second, _ = await report_case()
    make_staff("sam.manager", "manager")
    await login_as(client, "sam.manager")
    for path in (
        f"/staff/cases/{second}/evidence/1",
        f"/staff/cases/{first}/evidence/99999999999999999999",
        f"/staff/cases/{first}/evidence/abc",
    ):
        assert (await client.get(path)).status == 404


async def test_anonymising_a_closed_case_deletes_its_files(
    client, report_case, session_factory, settings
) -> None:
    """Retention and erasure (backend/retention/anonymise.py): the resident's files go with
    the rest of their words."""
    from datetime import datetime, timezone

    from backend.cases.models import Case
    from backend.db import transaction
    from backend.evidence.models import EvidenceFile
    from backend.evidence.service import store_for
    from backend.retention.anonymise import anonymise_case

    reference, pin = await report_case()
    await upload(client, reference, pin)
    store = store_for(settings)
    with transaction(session_factory) as session:
        case = session.query(Case).filter_by(reference=reference).one()
        [row] = session.query(EvidenceFile).filter_by(case_id=case.id).all()
        kept = store.folder() / row.stored_name
        assert kept.exists()
        case.status = "closed"
        cleared = anonymise_case(
            session, case, datetime.now(timezone.utc), "erasure request", store
        )
    assert cleared["evidence_files"] == 1 and not kept.exists()
    with transaction(session_factory) as session:
        assert session.query(EvidenceFile).count() == 0
