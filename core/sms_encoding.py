"""How a mobile network carries a text: GSM-7 or UCS-2, and how many segments it costs.

GSM-7 is the GSM 03.38 basic character set plus its extension table (an extension character,
such as the euro sign, takes two septets: an escape and the character). A text with any other
character goes as UCS-2: Welsh ŵ and ŷ, Polish ł, Romanian ș, and every letter of Gurmukhi
(Panjabi) and Urdu. One GSM-7 text holds 160 septets, 153 per part when it is split (the rest
is the header that joins the parts); one UCS-2 text holds 70 UTF-16 code units, 67 per part.
A character is never split across two parts (an extension pair, an emoji's surrogate pair).

Pure functions, used wherever the project counts segments or limits a text's length: the SMS
shaping of the assistant's replies (`backend/sms_outbound/sms_format.py`), the sizes staff see
on the case page, and the Twilio stand-in's NumSegments.
"""

from __future__ import annotations

from dataclasses import dataclass

# GSM 03.38 basic set and extension table (extension characters cost two septets).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")

# Segment sizes: one GSM-7 text holds 160 septets, 153 per part when split; UCS-2 holds 70
# UTF-16 code units, 67 per part.
GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
GSM7, UCS2 = "GSM-7", "UCS-2"


def is_gsm7(text: str) -> bool:
    """True when every character fits the GSM-7 alphabet (basic or extension table)."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def encoding(text: str) -> str:
    """The encoding: "GSM-7" when the text fits the GSM 03.38 alphabet, else "UCS-2"."""
    return GSM7 if is_gsm7(text) else UCS2


@dataclass(frozen=True)
class SmsSize:
    """The encoding a text needs, its length in that encoding's units, and its segments."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int

    @property
    def label(self) -> str:
        parts = "1 text message" if self.segments == 1 else f"{self.segments} text messages"
        return f"{parts} ({self.encoding}, {self.units} characters)"


def _pack(sizes: list[int], single: int, part: int) -> int:
    """Segments needed for characters of these sizes, none split across two parts."""
    total = sum(sizes)
    if total == 0:
        return 0
    if total <= single:
        return 1
    segments, used = 1, 0
    for size in sizes:
        if used + size > part:
            segments += 1
            used = 0
        used += size
    return segments


def unit_sizes(text: str) -> list[int]:
    """Each character's size in the text's encoding (septets, or UTF-16 code units)."""
    if is_gsm7(text):
        return [2 if ch in GSM7_EXTENDED else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def sms_size(text: str) -> SmsSize:
    """The encoding, length and segment count of `text` as a mobile network sends it.

    GSM-7 when every character fits (extension-table characters such as the euro sign take two
    septets and are never split across parts), otherwise UCS-2 (an emoji takes two code units
    and is never split either).
    """
    sizes = unit_sizes(text)
    if is_gsm7(text):
        return SmsSize(GSM7, sum(sizes), _pack(sizes, GSM7_SINGLE, GSM7_PART))
    return SmsSize(UCS2, sum(sizes), _pack(sizes, UCS2_SINGLE, UCS2_PART))


def segments(text: str) -> int:
    """How many segments `text` costs (0 for an empty text)."""
    return sms_size(text).segments


def max_units(text_encoding: str, parts: int) -> int:
    """The most units `parts` concatenated segments hold in an encoding (one part: 160 or 70)."""
    if text_encoding == GSM7:
        return GSM7_SINGLE if parts == 1 else GSM7_PART * parts
    return UCS2_SINGLE if parts == 1 else UCS2_PART * parts
