"""Notes on the timeline."""

from __future__ import annotations

from tests.backend.case_helpers import MONDAY


async def test_notes_by_any_staff_member_appear_on_the_timeline(
    make_api_client, make_staff, login_as, add_case
):
    reference = add_case()
    client = await make_api_client(now=MONDAY)
    make_staff("ann.agent", "agent")
    csrf = await login_as(client, "ann.agent")
    response = await client.post(
        f"/staff/cases/{reference}/note",
        data={"csrf_token": csrf, "text": "Resident rang back: music again on Sunday"},
    )
    assert response.status == 200
    assert "Resident rang back: music again on Sunday" in await response.text()
