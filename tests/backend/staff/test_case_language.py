"""Issue 16: the case page names the resident's language in English with its own name, marks
"needs interpreter / translation" for any language but English, and shows the resident's own
words as they wrote them (marked with their language for screen readers). Fictional data."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from tests.backend.staff.test_staff import log_in
from tests.backend.staff.test_staff import staff_user as staff_user  # noqa: F401 - fixture

WELSH_WORDS = "Mae cerddoriaeth uchel o'r fflat uwchben bob nos tan 3yb, mae'n ŵyl bob nos"
URDU_WORDS = "اوپر والے فلیٹ سے ہر رات تین بجے تک اونچی موسیقی"


async def case_page(make_api_client, ingest_headers, make_report, staff_user, **report) -> str:
    client = await make_api_client(now=datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    created = await client.post(
        "/api/reports", json=make_report(category="harassment", **report), headers=ingest_headers
    )
    assert created.status in (200, 201), await created.text()
    reference = (await created.json())["reference"]
    assert (await log_in(client, staff_user)).status == 303
    page = await client.get(f"/staff/cases/{reference}")
    assert page.status == 200
    return await page.text()


async def test_a_welsh_case_needs_an_interpreter_and_keeps_its_words(
    make_api_client, ingest_headers, make_report, staff_user
) -> None:
    html = await case_page(
        make_api_client, ingest_headers, make_report, staff_user,
        language="cy", description=WELSH_WORDS,
    )  # fmt: skip
    assert "Needs interpreter / translation: Welsh (Cymraeg)" in html
    assert re.search(r"Resident's language</dt><dd>Welsh \(Cymraeg\): <strong>needs interp", html)
    escaped = WELSH_WORDS.replace("'", "&#39;")
    assert f'<dd class="resident-words" lang="cy" dir="auto">{escaped}</dd>' in html


async def test_an_urdu_case_shows_its_words_right_to_left(
    make_api_client, ingest_headers, make_report, staff_user
) -> None:
    html = await case_page(
        make_api_client, ingest_headers, make_report, staff_user,
        language="ur", description=URDU_WORDS,
    )  # fmt: skip
    assert "Needs interpreter / translation: Urdu (اردو)" in html
    assert f'lang="ur" dir="auto">{URDU_WORDS}</dd>' in html


async def test_an_english_case_has_no_interpreter_mark(
    make_api_client, ingest_headers, make_report, staff_user
) -> None:
    html = await case_page(make_api_client, ingest_headers, make_report, staff_user)
    assert "Resident's language</dt><dd>English</dd>" in html
    assert "interpreter / translation" not in html
