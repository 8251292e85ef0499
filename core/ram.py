"""Provisional Risk Assessment Matrix (RAM) score, shared by the assistant and the backend.

The questions and their scores are data (docs/domain.md section 6) so the matrix can grow without
new code.
Answers arrive as `{"q1_frequency": "daily", "q11_health": ["mental"], ...}`: a key is matched to
its question by its number (`q7_...` is question 7) and unknown answers score nothing. Any
question may be answered `"prefer_not_to_say"` (`DECLINED`): the resident chose not to answer, so
it scores nothing and is reported as declined, not as an answer we could not score. The case
officer confirms the full assessment later, so this score is only ever provisional.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Bands (configurable by the landlord; the source scale marks 24 and 16).
HIGH_THRESHOLD = 24
MEDIUM_THRESHOLD = 16
# The answer a resident may give to any question instead of one of its answers.
DECLINED = "prefer_not_to_say"


@dataclass(frozen=True)
class Question:
    """One RAM question: `answers` maps an answer code to its score."""

    number: int
    key: str
    text: str
    answers: Mapping[str, int]
    multiple: bool = False  # several answers may apply (scores add up)


QUESTIONS: tuple[Question, ...] = (
    Question(
        1,
        "q1_frequency",
        "How often does it happen, apart from this time?",
        {"daily": 5, "most_days": 3, "most_weeks": 2, "most_months": 1, "occasionally": 0},
    ),
    Question(2, "q2_linked", "Is it linked to previous incidents?", {"yes": 2, "no": 0}),
    Question(3, "q3_worse", "Is it happening more often or getting worse?", {"yes": 2, "no": 0}),
    Question(
        4,
        "q4_know_them",
        "Do you know the person or people?",
        {"well": 2, "known": 1, "no": 0},
    ),
    Question(
        5,
        "q5_history",
        "Do they or their associates have a history of intimidation or harassment?",
        {"currently": 6, "before": 4, "reputation": 2, "none": 0},
    ),
    Question(6, "q6_other_agencies", "Have you told other agencies?", {"yes": 0, "no": 1}),
    Question(
        7,
        "q7_targeted",
        "Do you feel deliberately targeted?",
        {"you": 4, "family": 3, "community": 1, "none": 0},
    ),
    Question(
        8,
        "q8_identity",
        "Is it linked to faith, nationality, ethnicity, sexuality, gender or disability?",
        {"yes": 3, "no": 0},
    ),
    Question(
        9,
        "q9_circumstances",
        "Is there anything else that increases your household's risk?",
        {"yes": 3, "no": 0},
    ),
    Question(
        10,
        "q10_affected",
        "How much has it affected you?",
        {"not_at_all": 0, "a_little": 1, "moderately": 2, "a_lot": 3, "extremely": 5},
    ),
    Question(
        11,
        "q11_health",
        "Has it affected your health?",
        {"physical": 3, "mental": 3, "none": 0},
        multiple=True,
    ),
    Question(
        12,
        "q12_professional_support",
        "Do you have support from a professional (social worker, health visitor...)?",
        {"no": 0, "yes": 1},
    ),
    Question(
        13,
        "q13_support",
        "Do you have support from friends and family?",
        {"alone_isolated": 3, "isolated": 3, "a_few": 1, "close": 0},
    ),
    Question(
        14,
        "q14_others_affected",
        "Is anyone else affected?",
        {"family": 1, "community": 3, "other": 1, "none": 0},
        multiple=True,
    ),
)
QUESTIONS_BY_NUMBER: dict[int, Question] = {q.number: q for q in QUESTIONS}
_KEY_PATTERN = re.compile(r"^q(\d{1,2})_[a-z0-9_]+$")


@dataclass(frozen=True)
class RiskResult:
    """The provisional score, its band and which answers counted."""

    score: int
    band: str
    scored: dict[str, int] = field(default_factory=dict)  # answer key -> points
    unscored: tuple[str, ...] = ()  # answer keys we could not score (unknown key or answer)
    declined: tuple[str, ...] = ()  # answer keys the resident preferred not to answer


def question_for_key(key: str) -> Question | None:
    """The question an answer key such as `q7_targeted` belongs to, or None."""
    match = _KEY_PATTERN.match(key)
    return QUESTIONS_BY_NUMBER.get(int(match.group(1))) if match else None


def _codes(value: object) -> list[str]:
    """Answer codes from a string, a yes/no boolean or a list of strings."""
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, str):
        return [value.strip().lower().replace(" ", "_").replace("-", "_")]
    if isinstance(value, list):
        return [code for item in value for code in _codes(item)]
    return ["?"]


def is_declined(value: object) -> bool:
    """True when an answer is "prefer not to say" (alone, or as the only item of a list)."""
    codes = _codes(value)
    return bool(codes) and all(code == DECLINED for code in codes)


def band_for(score: int, high: int = HIGH_THRESHOLD, medium: int = MEDIUM_THRESHOLD) -> str:
    """HIGH at or above `high`, MEDIUM at or above `medium`, else LOW."""
    if score >= high:
        return "HIGH"
    if score >= medium:
        return "MEDIUM"
    return "LOW"


def score_answers(
    answers: Mapping[str, object],
    frequency: str | None = None,
    high: int = HIGH_THRESHOLD,
    medium: int = MEDIUM_THRESHOLD,
) -> RiskResult:
    """Score the RAM answers given; `frequency` stands in for question 1 when it is missing."""
    answers = dict(answers)
    if frequency and not any(
        (q := question_for_key(key)) is not None and q.number == 1 for key in answers
    ):
        answers["q1_frequency"] = frequency
    scored: dict[str, int] = {}
    unscored: list[str] = []
    declined: list[str] = []
    seen: set[int] = set()
    for key, value in answers.items():
        question = question_for_key(key)
        if question is None or question.number in seen:
            unscored.append(key)
            continue
        if is_declined(value):
            seen.add(question.number)
            declined.append(key)
            continue
        codes = [code for code in _codes(value) if code != DECLINED]
        if not question.multiple:
            codes = codes[:1]
        if not codes or any(code not in question.answers for code in codes):
            unscored.append(key)
            continue
        seen.add(question.number)
        scored[key] = sum(question.answers[code] for code in set(codes))
    total = sum(scored.values())
    return RiskResult(
        total, band_for(total, high, medium), scored, tuple(unscored), tuple(declined)
    )
