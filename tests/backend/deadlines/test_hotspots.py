"""Hotspots on the dashboard: reports in the period and open cases now, by estate or postcode
district and category, week by week, as a chart with the same figures in tables."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import update

from backend.cases.models import Case
from backend.db import transaction

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=timezone.utc)


def _row(html: str, caption: str, area: str) -> list[str]:
    table = html[html.index(caption) :]
    table = table[: table.index("</table>")]
    match = re.search(rf'<th scope="row">{re.escape(area)}</th>(.*?)</tr>', table, re.S)
    assert match, f"no row for {area}"
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", match.group(1))
    ]


async def test_the_dashboard_shows_hotspots_by_area_category_and_week(
    make_api_client, make_staff, login_as, open_case, session_factory
):
    schemes = ("Example Court",)
    for day in (10, 17, 18):  # three noise reports in ZZ11 over two weeks
        open_case(_at(day), reporter={"postcode": "ZZ11 1AA"}, category="noise")
    open_case(_at(18, 11), reporter={"postcode": "ZZ11 2BB"}, category="vandalism")
    open_case(_at(19), schemes, location="Flat 1, Example Court")  # the estate, not a district
    closed = open_case(_at(19, 12), reporter={"postcode": "ZZ22 1AA"})
    open_case(datetime(2026, 9, 1, 10, tzinfo=timezone.utc), reporter={"postcode": "ZZ22 3CC"})
    open_case(_at(20), reporter={"postcode": None}, location="the park")  # area not known
    with transaction(session_factory) as session:
        session.execute(update(Case).where(Case.reference == closed).values(status="closed"))
    client = await make_api_client(now=NOW)
    make_staff("mia.manager", "manager")
    await login_as(client, "mia.manager")
    html = await (await client.get("/staff/dashboard?from=2026-11-09&to=2026-11-22")).text()
    section = html[html.index('id="hotspots"') :]
    assert '<svg class="chart"' in section and "Reports by estate or postcode district" in section
    caption = "Reports and open cases by area"
    # reports in the period, open now, main categories
    assert _row(section, caption, "ZZ11") == ["4", "4", "Noise 3, Vandalism and graffiti 1"]
    assert _row(section, caption, "Example Court") == ["1", "1", "Noise 1"]
    assert _row(section, caption, "ZZ22")[:2] == ["1", "1"]  # the old case is open, this closed
    assert _row(section, caption, "Area not known")[:2] == ["1", "1"]
    assert section.index(">ZZ11<") < section.index(">Example Court<")  # busiest first
    weekly = "Reports by week in the busiest areas"
    assert _row(section, weekly, "ZZ11") == ["1", "3"]  # weeks of 9 and 16 November
    # Another period: only that period's reports.
    html = await (await client.get("/staff/dashboard?from=2026-11-16&to=2026-11-22")).text()
    section = html[html.index('id="hotspots"') :]
    assert _row(section, caption, "ZZ11")[:2] == ["3", "4"]
