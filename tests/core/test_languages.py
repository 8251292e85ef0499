"""Issue 16: the supported languages, choosing one from Accept-Language, named days in each
language through Babel, and how a text in each language is carried by SMS."""

from __future__ import annotations

from datetime import date

import pytest

from core.i18n import day_name
from core.languages import (
    SUPPORTED,
    fold,
    needs_interpreter,
    negotiate,
    staff_name,
    text_direction,
)
from core.sms_encoding import encoding, segments, sms_size

MONDAY = date(2026, 12, 7)


def test_the_seven_languages_in_their_own_script() -> None:
    assert SUPPORTED == ("en", "cy", "pl", "ro", "pa", "ur", "pt")
    assert [staff_name(code) for code in SUPPORTED] == [
        "English",
        "Welsh (Cymraeg)",
        "Polish (Polski)",
        "Romanian (Română)",
        "Panjabi (ਪੰਜਾਬੀ)",
        "Urdu (اردو)",
        "Portuguese (Português)",
    ]


def test_urdu_alone_is_right_to_left() -> None:
    assert [code for code in SUPPORTED if text_direction(code) == "rtl"] == ["ur"]
    assert text_direction("ur-PK") == "rtl"
    assert text_direction("xx") == "ltr"


def test_only_english_needs_no_interpreter() -> None:
    assert not needs_interpreter("en")
    assert not needs_interpreter(None)
    assert needs_interpreter("cy")
    assert needs_interpreter("pa")


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("cy-GB,cy;q=0.9,en;q=0.8", "cy"),
        ("en-GB,en;q=0.9", "en"),
        ("pl-PL", "pl"),
        ("pt-BR,pt;q=0.9", "pt"),
        ("de-DE,ur;q=0.5", "ur"),
        ("en;q=0.2, ro;q=0.9", "ro"),
        ("pa-Guru-IN", "pa"),
        ("de-DE, fr;q=0.8", None),
        ("", None),
        ("*", None),
        ("cy;q=0, pl;q=0.1", "pl"),
        ("garbage;;;q=x, ,", None),
    ],
)
def test_accept_language_negotiated_with_babel(header: str, chosen: str | None) -> None:
    assert negotiate(header) == chosen


@pytest.mark.parametrize(
    ("language", "named"),
    [
        ("en", "Monday 7 December"),
        ("cy", "dydd Llun 7 Rhagfyr"),
        ("pl", "poniedziałek, 7 grudnia"),
        ("ro", "luni, 7 decembrie"),
        ("pa", "ਸੋਮਵਾਰ, 7 ਦਸੰਬਰ"),
        ("ur", "پیر، 7 دسمبر"),
        ("pt", "segunda-feira, 7 de dezembro"),
        ("de", "Monday 7 December"),  # not supported: English
    ],
)
def test_named_working_days_in_every_language(language: str, named: str) -> None:
    assert day_name(MONDAY, language) == named


def test_names_are_folded_for_matching() -> None:
    assert fold("  Română ") == "romana"
    assert fold("PORTUGUÊS") == "portugues"
    assert fold("ਪੰਜਾਬੀ") == "ਪੰਜਾਬੀ"  # Gurmukhi vowel signs are letters, not accents
    assert fold("اردو") == "اردو"


def test_plain_english_is_gsm7_in_160_then_153() -> None:
    assert encoding("Your report ASB-2026-000123 is with the team.") == "GSM-7"
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3


def test_welsh_circumflex_letters_need_ucs2() -> None:
    welsh = "Byddwn yn cysylltu â chi erbyn dydd Llun. Mae'r tŷ yn ŵyl"
    assert "ŵ" in welsh and "ŷ" in welsh
    size = sms_size(welsh)
    assert size.encoding == "UCS-2"
    assert size.units == len(welsh)
    assert segments("ŵ" * 70) == 1
    assert segments("ŷ" * 71) == 2
    assert segments("ŵ" * 134) == 2
    assert segments("ŵ" * 135) == 3


def test_polish_l_with_stroke_needs_ucs2() -> None:
    assert encoding("Dziękujemy, zgłoszenie przyjęte") == "UCS-2"
    assert encoding("l") == "GSM-7"
    assert encoding("ł") == "UCS-2"


def test_panjabi_and_urdu_are_ucs2() -> None:
    assert encoding("ਤੁਹਾਡੀ ਰਿਪੋਰਟ") == "UCS-2"
    assert encoding("آپ کی رپورٹ") == "UCS-2"


def test_the_euro_sign_counts_two_septets_and_is_never_split() -> None:
    assert sms_size("€").units == 2
    assert sms_size("€").encoding == "GSM-7"
    assert segments("a" * 159 + "€") == 2  # 161 septets
    assert segments("a" * 158 + "€") == 1  # exactly 160
    # 152 septets then a euro sign: the pair goes whole into the second part.
    assert segments("a" * 152 + "€" + "a" * 151) == 2
    assert segments("a" * 152 + "€" + "a" * 152) == 3
