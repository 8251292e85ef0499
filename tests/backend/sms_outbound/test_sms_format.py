"""Pure SMS shaping and quiet hours: no database, no network."""

from __future__ import annotations

from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from backend.sms_inbound.survey_answers import parse_survey_answer
from backend.sms_outbound.quiet_hours import QuietHours
from backend.sms_outbound.sms_format import (
    format_options,
    gsm_safe,
    is_gsm7,
    keyword,
    last_buttons,
    match_option,
    shape_replies,
    shape_reply,
    split_sms,
)
from backend.sms_outbound.survey_questions import SURVEY
from ops.twilio_standin.state import num_segments

LONDON = ZoneInfo("Europe/London")
YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def test_gsm_safe_replaces_typography_and_stays_one_segment() -> None:
    web = "We\u2019ll call you \u2014 \u201csoon\u201d\u2026 it\u2019s\u00a0fine \u2013 ok"
    safe = gsm_safe(web)
    assert safe == "We'll call you - \"soon\"... it's fine - ok"
    assert is_gsm7(safe) and not is_gsm7(web)
    assert num_segments(safe) == 1


def test_gsm_safe_leaves_other_letters_alone() -> None:
    assert gsm_safe("café Łódź") == "café Łódź"


@pytest.mark.parametrize("limit", [20, 50, 160, 306])
def test_split_never_cuts_a_word(limit: int) -> None:
    text = (
        "Thank you. We have your report about the noise from the flat above, and our team "
        "will look at it on Monday 23 November. If anyone is in danger call 999. "
    ) * 4
    parts = split_sms(text, limit)
    assert all(len(p) <= limit for p in parts)
    assert " ".join(parts).split() == text.split()
    assert all(p == p.strip() for p in parts)


def test_split_short_text_is_one_part_and_long_word_stands_alone() -> None:
    assert split_sms("  Hello there  ") == ["Hello there"]
    assert split_sms("") == []
    link = "https://example.org/" + "a" * 40
    assert split_sms(f"see {link} now", 20) == ["see", link, "now"]


def test_split_keeps_line_breaks_inside_a_part() -> None:
    assert split_sms("Line one\nLine two", 100) == ["Line one\nLine two"]


def test_buttons_become_numbered_options_without_payloads() -> None:
    assert format_options(YES_NO) == "Reply 1 for Yes, 2 for No."
    parts = shape_reply({"text": "Is it happening now?", "buttons": YES_NO})
    assert parts == ["Is it happening now?\nReply 1 for Yes, 2 for No."]
    assert "/affirm" not in parts[0] and "/deny" not in parts[0]


def test_shape_replies_keeps_order_and_makes_curly_text_safe() -> None:
    messages = [
        {"recipient_id": "x", "text": "Thanks \u2014 that\u2019s noted."},
        {"recipient_id": "x", "text": "What\u2019s happening?", "buttons": YES_NO},
        {"recipient_id": "x", "custom": {"ignored": True}},
    ]
    assert shape_replies(messages) == [
        "Thanks - that's noted.",
        "What's happening?\nReply 1 for Yes, 2 for No.",
    ]
    assert last_buttons(messages) == YES_NO
    assert last_buttons([{"text": "no options"}]) == []


@pytest.mark.parametrize(
    ("reply", "payload"),
    [
        ("1", "/affirm"),
        (" 2. ", "/deny"),
        ("yes", "/affirm"),
        ("No!", "/deny"),
        ("Option 2", "/deny"),
        ("3", None),
        ("0", None),
        ("maybe", None),
        ("yes it is loud", None),
        ("", None),
    ],
)
def test_digit_or_words_map_back_to_the_payload(reply: str, payload: str | None) -> None:
    assert match_option(reply, YES_NO) == payload


def test_no_buttons_no_match() -> None:
    assert match_option("1", []) is None


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("stop", "STOP"),
        (" Stop. ", "STOP"),
        ("STOP ALL", "STOPALL"),
        ("please stop texting me now", ""),
    ],
)
def test_keyword(body: str, word: str) -> None:
    assert keyword(body) == word


def test_survey_answers() -> None:
    scale, yes_no = SURVEY[0], SURVEY[-1]
    assert [parse_survey_answer(scale, r) for r in ("4", " 5.", "6", "four", "")] == [
        4,
        5,
        None,
        None,
        None,
    ]
    assert [parse_survey_answer(yes_no, r) for r in ("Yes", "no thanks", "1", "what")] == [
        1,
        0,
        None,
        None,
    ]


# -- quiet hours ------------------------------------------------------------------------------


def _london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_quiet_hours_overnight_window() -> None:
    quiet = QuietHours.parse("21:00-08:00", "Europe/London")
    assert quiet is not None
    assert quiet.held_until(_london(2026, 11, 20, 22, 30)) == _london(2026, 11, 21, 8, 0)
    assert quiet.held_until(_london(2026, 11, 21, 7, 59)) == _london(2026, 11, 21, 8, 0)
    assert quiet.held_until(_london(2026, 11, 21, 21, 0)) == _london(2026, 11, 22, 8, 0)
    assert quiet.held_until(_london(2026, 11, 21, 8, 0)) is None
    assert quiet.held_until(_london(2026, 11, 21, 20, 59)) is None
    until = quiet.held_until(_london(2026, 11, 20, 23, 0))
    assert until is not None and until.tzinfo == timezone.utc


def test_quiet_hours_follow_summer_time() -> None:
    quiet = QuietHours.parse("21:00-08:00", "Europe/London")
    # The clocks go forward on 29 March 2026: 08:00 local is 07:00 UTC.
    until = quiet.held_until(_london(2026, 3, 28, 23, 0))
    assert until == datetime(2026, 3, 29, 7, 0, tzinfo=timezone.utc)


def test_quiet_hours_daytime_window_and_off() -> None:
    quiet = QuietHours.parse("12:00-14:00", "Europe/London")
    assert quiet.start == time(12, 0)
    assert quiet.held_until(_london(2026, 11, 20, 13, 0)) == _london(2026, 11, 20, 14, 0)
    assert quiet.held_until(_london(2026, 11, 20, 15, 0)) is None
    assert QuietHours.parse("") is None
    assert QuietHours.parse("off") is None
    with pytest.raises(ValueError):
        QuietHours.parse("9pm to 8am")


# -- send pacing ------------------------------------------------------------------------------


def test_send_pacer_spaces_sends_without_real_sleeping() -> None:
    from backend.sms_outbound.sending import SendPacer

    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    pacer = SendPacer(2.0, clock=lambda: clock[0], sleep=sleep)
    for _ in range(5):
        pacer.wait()
    assert slept == [0.5, 0.5, 0.5, 0.5]
    clock[0] += 10  # idle for a while: the next send goes at once
    pacer.wait()
    assert len(slept) == 4
    unlimited = SendPacer(0, clock=lambda: clock[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert len(slept) == 4


def test_split_prefers_line_breaks_so_a_question_is_not_cut() -> None:
    summary = "Your report:\n" + "\n".join(f"Line {n}: " + "x" * 30 for n in range(8))
    text = summary + "\nSend it to the team?\nReply 1 for Yes, send it, 2 for No, change something."
    parts = split_sms(text)
    assert len(parts) == 2
    assert "\nSend it to the team?\nReply 1 for Yes" in parts[1]
    lines = text.split("\n")
    assert all(line in lines for part in parts for line in part.split("\n"))  # none cut
    assert all(len(p) <= 306 for p in parts)
    assert " ".join(parts).split() == text.split()
