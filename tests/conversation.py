"""Answering the assistant's report questions in end-to-end tests, whatever order it asks them.

The report form asks only the questions that apply (the risk and equality sections are opt-in,
the contact questions depend on earlier answers), so an end-to-end test says what a resident
would answer to each kind of question and `question_key()` recognises which one is being asked
from the assistant's words, on the web (full text) and by SMS (shorter texts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# (question key, words that identify it) -- the first match wins, most specific first.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("summary", r"send it to the team"),
    ("log_anyway", r"log it with the team anyway"),
    ("category_choice", r"which of these is it mostly about"),
    ("best_time", r"best time to contact"),
    ("preferred_contact", r"how would you like the team to contact"),
    ("email", r"what is your email address"),
    ("consent_to_share", r"can we share"),
    ("equality_start", r"3 optional questions"),
    ("ram_start", r"11 short questions"),
    ("anonymous", r"stay anonymous"),
    ("safe_to_text", r"safe for us to send text"),
    ("consent_to_contact", r"contact you about this report"),
    ("phone", r"what phone number"),
    ("reporter_name", r"what is your name"),
    ("hate_related", r"because of who you"),
    ("ram_linked", r"linked to things that have happened before"),
    ("ram_worse", r"more often, or getting worse"),
    ("ram_history", r"harassed or frightened anyone before"),
    ("ram_other_agencies", r"told anyone else about this"),
    ("ram_targeted", r"picked on on purpose"),
    ("ram_circumstances", r"harder or riskier|riskier for your household"),
    ("ram_affected", r"how much is this affecting you"),
    ("ram_health", r"affected your health"),
    ("ram_professional_support", r"help from a (professional|social worker)"),
    ("ram_support", r"friends or family you can turn to"),
    ("ram_others_affected", r"is anyone else affected"),
    ("age_band", r"what is your age"),
    ("ethnicity", r"what is your ethnic group"),
    ("disability", r"have a disability"),
    ("evidence", r"sound recordings"),
    ("witnesses", r"did anyone else see or hear"),
    ("people_involved", r"who is doing it"),
    ("people_known", r"do you know the person or people"),
    ("frequency", r"how often does this happen"),
    ("happened_when", r"when did it (start|last happen)"),
    ("happening_now", r"happening right now"),
    ("location", r"where is this happening"),
    ("description", r"what has been happening|in your own words"),
)
# What a resident answers when a test does not say otherwise (a button title, or words).
DEFAULT_ANSWERS: dict[str, str] = {
    "summary": "Yes, send it",
    "log_anyway": "Yes, log it",
    "category_choice": "Something else",
    "location": "Flat 3, 1 Example Road",
    "happening_now": "No",
    "happened_when": "last night about 11pm",
    "frequency": "Every day",
    "people_known": "I know who they are",
    "people_involved": "the people next door",
    "witnesses": "No one",
    "evidence": "Nothing yet",
    "hate_related": "No",
    "ram_start": "Skip these",
    "anonymous": "Give my details",
    "reporter_name": "skip",
    "phone": "07700 900123",
    "safe_to_text": "Yes",
    "preferred_contact": "Text message",
    "best_time": "Any time",
    "consent_to_contact": "Yes",
    "consent_to_share": "Yes",
    "equality_start": "No, thanks",
}
for _key in (
    "ram_linked", "ram_worse", "ram_history", "ram_other_agencies", "ram_targeted",
    "ram_circumstances", "ram_affected", "ram_health", "ram_professional_support", "ram_support",
    "ram_others_affected", "age_band", "ethnicity", "disability",
):  # fmt: skip
    DEFAULT_ANSWERS[_key] = "Prefer not to say"  # the opt-in sections, when a test opens them


def question_key(text: str) -> str | None:
    """Which report question `text` (the assistant's last message or two) asks, or None."""
    said = " ".join(text.split()).lower()
    for key, pattern in QUESTIONS:
        if re.search(pattern, said):
            return key
    return None


class Answers:
    """A resident's answers: `{key: answer}` or `{key: [first, then, ...]}` (the last repeats)."""

    def __init__(self, overrides: Mapping[str, str | list[str]] | None = None) -> None:
        self._answers: dict[str, list[str]] = {k: [v] for k, v in DEFAULT_ANSWERS.items()}
        for key, value in (overrides or {}).items():
            self._answers[key] = list(value) if isinstance(value, list) else [value]

    def next(self, key: str) -> str:
        queue = self._answers[key]
        return queue.pop(0) if len(queue) > 1 else queue[0]


def pick(buttons: list[dict], answer: str) -> str:
    """The payload of the button whose title starts with `answer` (as a tap), else `answer`."""
    for button in buttons:
        if str(button.get("title", "")).lower().startswith(answer.lower()):
            return str(button["payload"])
    return answer
