"""Answering the assistant's report questions in end-to-end tests, whatever order it asks them.

The report form asks only the questions that apply (the risk and equality sections are opt-in,
the contact questions depend on earlier answers), so an end-to-end test says what a resident
would answer to each kind of question and `question_key()` recognises which one is being asked
from the assistant's words, on the web (full text) and by SMS (shorter texts).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Protocol

REFERENCE = re.compile(r"ASB-\d{4}-\d{6}")


class Talker(Protocol):
    def say(self, sender: str, text: str) -> list[dict]: ...


# (question key, words that identify it) -- the first match wins, most specific first.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("summary", r"send it to the team"),
    ("log_anyway", r"log it with the team anyway"),
    ("category_choice", r"which of these is it mostly about"),
    ("best_time", r"best time to contact"),
    ("communication_other", r"what would help you talk to us"),
    ("communication_needs", r"anything to help you talk to us"),
    ("communication_language", r"which language"),
    ("visit_or_call", r"visit you or call you|visit or call you"),
    ("reporter_postcode", r"your own address and postcode|what is your postcode"),
    (
        "police_reference",
        r"police reference number|reference number the police gave|"
        r"what is their reference number",
    ),
    ("evidence_consent", r"may be used as evidence"),
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
    ("witnesses", r"who else saw or heard"),
    ("people_involved", r"who is doing it"),
    ("people_known", r"do you know the person or people"),
    ("frequency", r"how often does this happen"),
    # "Is it happening right now? If not, when did it last happen?" is the happening-now question.
    ("happening_now", r"happening right now"),
    ("started_when", r"when did it (first )?start"),
    ("happened_when", r"when did it last happen"),
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
    "started_when": "about three months ago",
    "people_known": "I know who they are",
    "people_involved": "the people next door",
    "witnesses": "No one",
    "evidence": "None of these",
    "evidence_consent": "Yes, that's OK",
    "police_reference": "No",
    "hate_related": "No",
    "ram_start": "Skip these",
    "anonymous": "Give my details",
    "reporter_name": "skip",
    "reporter_postcode": "Flat 3, 1 Example Road, ZZ99 1AA",
    "phone": "07700 900123",
    "safe_to_text": "Yes",
    "preferred_contact": "Text message",
    "best_time": "Any time",
    "consent_to_contact": "Yes",
    "visit_or_call": "Neither, thanks",
    "communication_needs": "No, nothing",
    "communication_language": "Polish",
    "communication_other": "skip",
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


def report(
    system: Talker,
    sender: str,
    opening: list[str],
    answers: dict[str, str | list[str]] | None = None,
    max_turns: int = 60,
    timings: list[float] | None = None,
) -> list[str]:
    """Send the opening messages, then answer each report question the assistant asks (taps a
    button when the answer is one, as the web chat does) until a reference is given or the
    assistant asks something that is not a report question. Returns the transcript; `timings`
    collects the seconds each turn took (bench/conversation.py)."""
    plan = Answers(answers)
    transcript: list[str] = []

    def send(message: str, shown: str) -> list[dict]:
        transcript.append(f"resident: {shown}")
        started = time.perf_counter()
        replies = system.say(sender, message)
        if timings is not None:
            timings.append(time.perf_counter() - started)
        for reply in replies:
            buttons = " | ".join(b["title"] for b in reply.get("buttons", []))
            line = f"bot: {reply.get('text', '')}" + (f"  [{buttons}]" if buttons else "")
            transcript.append(line)
        return replies

    replies: list[dict] = []
    for message in opening:
        replies = send(message, message)
    for _ in range(max_turns):
        said = "\n".join(r.get("text", "") for r in replies)
        if REFERENCE.search(said):
            break
        key = question_key(replies[-1].get("text", "")) if replies else None
        if key is None:
            break
        answer = plan.next(key)
        buttons = replies[-1].get("buttons", []) if replies else []
        replies = send(pick(buttons, answer), answer)
    return transcript


def converse(system: Talker, sender: str, messages: list[str]) -> list[str]:
    """Send each message in turn; return a transcript of every line said."""
    transcript: list[str] = []
    for message in messages:
        transcript.append(f"resident: {message}")
        for reply in system.say(sender, message):
            text = reply.get("text", "")
            buttons = " | ".join(b["title"] for b in reply.get("buttons", []))
            transcript.append(f"bot: {text}" + (f"  [{buttons}]" if buttons else ""))
    return transcript
