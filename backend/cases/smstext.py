"""How many SMS segments a text costs (what staff see next to a text before they send it).

The counter lives in `backend.notifications.smstext`; this module re-exports it for the staff
pages, so there is one implementation.
"""

from __future__ import annotations

from backend.notifications.smstext import GSM7_BASIC, SmsSize, is_gsm7, sms_size
from backend.notifications.smstext import GSM7_EXTENDED as GSM7_EXTENSION

__all__ = ["GSM7_BASIC", "GSM7_EXTENSION", "SmsSize", "is_gsm7", "sms_size"]
