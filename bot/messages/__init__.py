"""Every resident-facing bot text: the catalog the NLG endpoint (`bot/nlg.py`) renders from.

Each `utter_*` response maps to an English source string marked with `N_()` so that
`pybabel extract` puts it in `locales/messages.pot`; it is translated at render time with
`core.i18n._()` into the conversation's language. `{placeholders}` are filled from the arguments
an action passed, then the tracker's slots, then a few settings (see `bot/nlg.py`).

A response may carry buttons (titles are translated, payloads are not) and per-channel text
variants, keyed by channel family (`sms` for now: shorter). Buttons are sent on every channel:
for SMS the backend turns them into "Reply 1 for ..., 2 for ..." and maps the reply back to the
payload (backend/sms_outbound/sms_format.py), so SMS variants never spell options out.

The domain (`bot/domain.yml`) lists the same response names with placeholder texts; a test checks
that the two stay in step.

The package: `response` (the Response and Button shapes, payloads), `labels` (how answers are
named), and the replies by topic: `report`, `safety`, `digressions`, `returning`,
`case_review`. `RESPONSES`
here is the whole catalog.
"""

from __future__ import annotations

from bot.messages.case_review import CASE_REVIEW_RESPONSES
from bot.messages.digressions import DIGRESSION_RESPONSES
from bot.messages.labels import (
    CATEGORY_LABELS,
    CHANGEABLE_FIELDS,
    FIELD_LABELS,
    FREQUENCY_CODES,
    FREQUENCY_LABELS,
    SUMMARY_FIELDS,
    VALUE_NO,
    VALUE_NO_ONE,
    VALUE_NOT_GIVEN,
    VALUE_RISK_ANSWERS,
    VALUE_YES,
)
from bot.messages.language import LANGUAGE_RESPONSES
from bot.messages.report import CHOICE_RESPONSES, REPORT_RESPONSES
from bot.messages.response import Button, Response
from bot.messages.returning import RETURNING_RESPONSES
from bot.messages.safety import SAFETY_RESPONSES

RESPONSES: dict[str, Response] = {
    **REPORT_RESPONSES,
    **SAFETY_RESPONSES,
    **DIGRESSION_RESPONSES,
    **RETURNING_RESPONSES,
    **LANGUAGE_RESPONSES,
    **CASE_REVIEW_RESPONSES,
    **CHOICE_RESPONSES,
}

__all__ = [
    "CATEGORY_LABELS",
    "CHANGEABLE_FIELDS",
    "FIELD_LABELS",
    "FREQUENCY_CODES",
    "FREQUENCY_LABELS",
    "RESPONSES",
    "SUMMARY_FIELDS",
    "VALUE_NO",
    "VALUE_NO_ONE",
    "VALUE_NOT_GIVEN",
    "VALUE_RISK_ANSWERS",
    "VALUE_YES",
    "Button",
    "Response",
]
