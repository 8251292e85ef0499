"""The case PIN in the resident's final message (bot/actions/submit.py, bot/nlg.py): shown once
with the reference on the web, never on SMS, never kept in the spool. Fictional data only."""

from __future__ import annotations

from typing import Any

from bot import nlg
from bot.actions.spool import DELIVERED, ReportSpool
from core.settings import Settings
from tests.bot.actions.helpers import (
    CASE_PIN,
    FILLED,
    FakeBackend,
    confirmed_tracker,
    make_tracker,
    responses,
    settings,  # noqa: F401 - the action server's settings fixture
    slot_events,
    submit,
)


def sent_line(dispatcher) -> dict[str, Any]:
    [line] = [m for m in dispatcher.messages if m["response"] == "utter_report_sent"]
    return line


async def test_the_pin_is_shown_once_with_the_reference(
    settings: Settings,  # noqa: F811
    backend: FakeBackend,
) -> None:
    events, first = await submit(confirmed_tracker())
    line = sent_line(first)
    assert (line["reference"], line["pin"]) == ("ASB-2026-000001", CASE_PIN)
    text = nlg.render(
        "utter_report_sent",
        {key: line[key] for key in ("reference", "review_day", "pin")},
        {"slots": {}, "latest_input_channel": "webchat"},
        "collector",
        settings,
    )["text"]
    assert text == (
        "Thank you. Your report has been sent. Your reference is ASB-2026-000001 and your PIN "
        f"is {CASE_PIN}. Keep both to check on your report. Our team will review it on "
        "Monday 23 November."
    )
    # The spool keeps the backend's answer without the PIN ...
    row = ReportSpool(settings.report_spool_path).get(slot_events(events)["report_id"])
    assert row is not None and row.state == DELIVERED and row.reference == "ASB-2026-000001"
    assert "pin" not in (row.response or {}) and CASE_PIN not in str(row.response)
    # ... so a repeated "send it" shows the reference again, but not the PIN.
    _, again = await submit(confirmed_tracker())
    assert "pin" not in sent_line(again) and len(backend.posts) == 1


async def test_a_repeat_the_backend_already_had_shows_no_pin(
    settings: Settings,  # noqa: F811
    backend: FakeBackend,
) -> None:
    await submit(confirmed_tracker())
    settings.report_spool_path.unlink()  # the spool lost: the backend answers 200, pin null
    _, again = await submit(confirmed_tracker())
    assert responses(again)[0] == "utter_report_sent"
    assert "pin" not in sent_line(again)


async def test_no_pin_on_sms(
    settings: Settings,  # noqa: F811
    backend: FakeBackend,
) -> None:
    slots = {**FILLED, "report_id": "5d0c7a64-0a7e-4a8e-9a57-3c4a1f6f0b02", "stage": "confirm"}
    tracker = make_tracker(slots=slots, text="yes", intent="affirm", input_channel="sms")
    _, dispatcher = await submit(tracker)
    assert "pin" not in sent_line(dispatcher)  # the sender's number proves it is theirs


def test_without_a_pin_the_message_is_as_before(settings: Settings) -> None:  # noqa: F811
    arguments = {"reference": "ASB-2026-000123", "review_day": "Monday 23 November", "pin": None}
    text = nlg.render("utter_report_sent", arguments, {"slots": {}}, "collector", settings)["text"]
    assert text == (
        "Thank you. Your report has been sent. Your reference is ASB-2026-000123. "
        "Our team will review it on Monday 23 November."
    )
