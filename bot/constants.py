"""Names and values shared by the custom actions and the NLG renderer."""

from __future__ import annotations

# Internal value of an optional answer the resident chose not to give (a slot left as None
# would make the form ask again).
SKIPPED = "skipped"

FORM_NAME = "report_form"
# The report form's slots in the order they are asked (bot/domain.yml, forms.report_form).
FORM_SLOTS = (
    "description",
    "location",
    "happening_now",
    "happened_when",
    "frequency",
    "reporter_name",
    "phone",
    "safe_to_text",
    "consent_to_contact",
)
# Questions that only make sense when the resident gave a phone number.
PHONE_DEPENDENT_SLOTS = ("safe_to_text", "consent_to_contact")
# Everything that belongs to one report and is cleared when a new one starts.
# Set by the safety layer (action_safety_advice) and the good-neighbour filter for this report.
SAFETY_SLOTS = ("urgent", "safety_route", "safety_flags", "good_neighbour")
REPORT_SLOTS = (
    *FORM_SLOTS,
    "category",
    "phone_attempts",
    "report_id",
    "reference",
    "stage",
    *SAFETY_SLOTS,
)

# Conversation stage (a featurised slot the rules use, bot/data/rules.yml).
STAGE_CONFIRM = "confirm"  # summary shown, waiting for "send it" or "change something"
STAGE_CHANGE = "change"  # asked which answer to change
STAGE_CANCEL = "cancel"  # asked whether to stop the report
STAGE_SENT = "sent"  # report confirmed and handed to the spool
STAGE_GOOD_NEIGHBOUR = (
    "good_neighbour"  # told it is a good-neighbour matter, asked "log it anyway?"
)

# Rasa input channel name -> `channel` code of the report API (docs/CONTRACTS.md).
REPORT_CHANNELS = {"webchat": "web", "sms": "sms", "twilio": "sms"}

MAX_TEXT_LENGTH = 1000
MAX_NAME_LENGTH = 100
MAX_PHONE_ATTEMPTS = 3  # the 2nd failure offers "skip", the 3rd carries on without a number
