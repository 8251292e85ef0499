"""The Risk Assessment Matrix lives in `asb/ram.py` (shared with the assistant, which sends a
provisional score with each report); this module keeps the backend's imports short."""

from asb.ram import (  # noqa: F401
    DECLINED,
    HIGH_THRESHOLD,
    MEDIUM_THRESHOLD,
    QUESTIONS,
    QUESTIONS_BY_NUMBER,
    Question,
    RiskResult,
    band_for,
    is_declined,
    question_for_key,
    score_answers,
)
