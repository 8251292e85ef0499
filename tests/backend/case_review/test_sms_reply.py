"""By SMS, asking for an ASB Case Review right after a text about a case reaches the assistant
(which checks the threshold and applies), instead of becoming a note on the case. Runs on SQLite
and PostgreSQL through the two-way SMS world (tests/backend/sms_inbound/two_way_world.py)."""

from __future__ import annotations

from backend.sms_inbound.service import FOR_THE_ASSISTANT
from tests.backend.sms_inbound.conftest import world  # noqa: F401 - the fixture
from tests.backend.sms_inbound.two_way_world import World, make_case, update


async def test_a_case_review_request_in_reply_to_an_update_reaches_the_assistant(
    world: World,  # noqa: F811
) -> None:
    case_id = make_case(world.session_factory)
    update(world, case_id, "status", status="in_progress")
    await world.send_all()
    await world.text("I want a case review")
    await world.text("community trigger please")
    assert world.bot.texts == ["I want a case review", "community trigger please"]
    assert world.events(case_id, "resident_reply") == []
    # "Has it been reviewed?" is not a request for a review: a reply about the case as before.
    assert FOR_THE_ASSISTANT.search("has my case been reviewed yet") is None
