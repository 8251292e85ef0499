"""Asking for an ASB Case Review (formerly the Community Trigger), read from the words alone.

"I want a case review", "can I ask for a case review", "community trigger", "ASB case review",
"how do I use the community trigger?": the `ask_case_review` intent, decided deterministically
(`case_review_intent`, applied by `bot.routing.decide` after the safety layer and the
conversation commands) so it never depends on how the trained classifier reads these rare
words. It works on every channel, SMS included, and at any point outside the safety routes: a
message the safety layer routes (danger, domestic abuse, hate) gets its advice first.

Only a message of at most MAX_LENGTH characters that names the review counts; a long
description that happens to mention it is read as usual. "Has my case been reviewed?" is not a
request for a review (the case status flow answers it).

The translations the catalogs ask residents to type ("przegląd sprawy", "adolygiad achos",
"کیس کا جائزہ"...: `core.command_words`) count the same way, as whole words in a short message.
"""

from __future__ import annotations

import re

from core import command_words

CASE_REVIEW_INTENT = "ask_case_review"
MAX_LENGTH = 160

CASE_REVIEW = re.compile(
    r"\b(?:(?:asb|anti[- ]?social(?: behaviou?r)?)\s+)?case[- ]?review\b(?!ed)"
    r"|\bcommunity\s+trigger\b"
    r"|\basb\s+review\b"
    r"|\breview\s+of\s+(?:my|our|the)\s+(?:asb\s+)?(?:case|complaints?|reports?)\s+handling\b",
    re.IGNORECASE,
)


def case_review_intent(text: str) -> str | None:
    """`ask_case_review` when the message asks for an ASB Case Review, else None."""
    text = " ".join(str(text or "").split())
    if not text or text.startswith("/") or len(text) > MAX_LENGTH:
        return None
    if CASE_REVIEW.search(text) or command_words.mentions(text, command_words.CASE_REVIEW):
        return CASE_REVIEW_INTENT
    return None
