"""The closure satisfaction survey's questions (docs/domain.md section 9: about five core
questions).

The closure text (`updates`) asks the first; each answer, given by reply, is stored by
`backend.sms_inbound.survey_answers`, which then asks the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import N_, _


@dataclass(frozen=True)
class SurveyQuestion:
    key: str
    kind: str  # "scale" (1-5) or "yes_no"
    text: str  # source string for _()


SURVEY: tuple[SurveyQuestion, ...] = (
    SurveyQuestion(
        "kept_informed",
        "scale",
        N_("How well did we keep you informed? Reply 1 (very poorly) to 5 (very well)."),
    ),
    SurveyQuestion(
        "treated_fairly",
        "scale",
        N_("How fairly did we treat you? Reply 1 (not at all) to 5 (completely)."),
    ),
    SurveyQuestion(
        "easy_to_report",
        "scale",
        N_("How easy was it to report the problem? Reply 1 (very hard) to 5 (very easy)."),
    ),
    SurveyQuestion(
        "outcome",
        "scale",
        N_("How happy are you with the outcome? Reply 1 (very unhappy) to 5 (very happy)."),
    ),
    SurveyQuestion(
        "report_again",
        "yes_no",
        N_("Would you report anti-social behaviour to us again? Reply YES or NO."),
    ),
)


def survey_question_text(position: int, language: str = "en") -> str:
    """'Question 2 of 5: How fairly ...' for the 1-based `position`."""
    question = SURVEY[position - 1]
    return _(
        "Question {number} of {total}: {question}",
        language=language,
        number=position,
        total=len(SURVEY),
        question=_(question.text, language=language),
    )
