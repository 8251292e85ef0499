"""How many SMS segments a text costs: GSM-7 when every character fits, otherwise UCS-2.

One GSM-7 message holds 160 septets (153 per part when split); characters of the extension
table (such as the euro sign and square brackets) take two septets and are never split across
parts. UCS-2 holds 70 UTF-16 code units (67 per part); an emoji takes two units and is never
split either. This is what staff see next to a text before they send it.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


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


def is_gsm7(text: str) -> bool:
    """Can every character be sent in the GSM 03.38 alphabet (with its extension table)?"""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


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


def sms_size(text: str) -> SmsSize:
    """The encoding, length and segment count of `text` as a mobile network sends it."""
    if is_gsm7(text):
        sizes = [2 if ch in GSM7_EXTENSION else 1 for ch in text]
        return SmsSize("GSM-7", sum(sizes), _pack(sizes, GSM7_SINGLE, GSM7_PART))
    sizes = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    return SmsSize("UCS-2", sum(sizes), _pack(sizes, UCS2_SINGLE, UCS2_PART))
