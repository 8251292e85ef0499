"""SMS segment counting shown to staff before a text is sent (GSM-7 vs UCS-2)."""

from __future__ import annotations

from backend.sms_outbound.sms_format import sms_size


def test_plain_english_fits_160_characters_in_one_text():
    assert sms_size("a" * 160) == sms_size("a" * 160)
    size = sms_size("a" * 160)
    assert (size.encoding, size.units, size.segments) == ("GSM-7", 160, 1)
    assert sms_size("a" * 161).segments == 2  # split texts carry 153 characters each
    assert sms_size("a" * 306).segments == 2
    assert sms_size("a" * 307).segments == 3
    assert sms_size("").segments == 0


def test_extension_characters_cost_two_and_are_not_split():
    size = sms_size("€" * 80)
    assert (size.encoding, size.units, size.segments) == ("GSM-7", 160, 1)
    assert sms_size("€" * 81).segments == 2
    # 152 plain characters then a euro sign: the euro does not fit in part one's last septet.
    assert sms_size("a" * 152 + "€" + "a" * 152).segments == 3
    assert sms_size("Costs £5 [about €6]").encoding == "GSM-7"


def test_any_other_character_switches_the_whole_text_to_ucs2():
    size = sms_size("It’s " + "a" * 60)  # a curly apostrophe
    assert size.encoding == "UCS-2"
    assert sms_size("ł" * 70).segments == 1
    assert sms_size("ł" * 71).segments == 2  # 67 per part
    assert sms_size("ł" * 134).segments == 2
    assert sms_size("ł" * 135).segments == 3


def test_emoji_take_two_units():
    size = sms_size("🙂" * 35)
    assert (size.encoding, size.units, size.segments) == ("UCS-2", 70, 1)
    assert sms_size("🙂" * 36).segments == 2
    assert "2 text messages" in sms_size("🙂" * 36).label
