"""Names and values shared by the custom actions and the NLG renderer."""

from __future__ import annotations

# Internal value of an optional answer the resident chose not to give (a slot left as None
# would make the form ask again).
SKIPPED = "skipped"

FORM_NAME = "report_form"
# The report form's slots in the order they are asked (bot/domain.yml, forms.report_form).
# `validate_report_form.required_slots` (bot/actions/forms.py) leaves out what does not apply.
RAM_SLOTS = (
    "ram_linked",
    "ram_worse",
    "ram_history",
    "ram_other_agencies",
    "ram_targeted",
    "ram_circumstances",
    "ram_affected",
    "ram_health",
    "ram_professional_support",
    "ram_support",
    "ram_others_affected",
)
EQUALITY_SLOTS = ("age_band", "ethnicity", "disability")
FORM_SLOTS = (
    "description",
    "log_anyway",
    "category_choice",
    "location",
    "happening_now",
    "happened_when",  # when it last happened
    "frequency",
    "started_when",
    "people_known",
    "people_involved",
    "witnesses",
    "evidence",
    "evidence_consent",  # the court notice, when they have evidence
    "hate_related",
    "ram_start",
    *RAM_SLOTS,
    "police_reference",
    "anonymous",
    "reporter_name",
    "reporter_postcode",  # their own address (the address line: `reporter_address`)
    "phone",
    "safe_to_text",
    "preferred_contact",
    "email",
    "best_time",
    "consent_to_contact",
    "visit_or_call",
    "communication_needs",
    "communication_language",
    "communication_other",
    "consent_to_share",
    "equality_start",
    *EQUALITY_SLOTS,
)
# The `witnesses` answer "no one saw it".
NO_WITNESSES = "none"
# Questions that only make sense when the resident gave a phone number.
PHONE_DEPENDENT_SLOTS = (
    "safe_to_text",
    "preferred_contact",
    "email",
    "best_time",
    "consent_to_contact",
    "visit_or_call",
)
# Communication needs (reasonable adjustments) and the follow-ups they call for.
COMMUNICATION_SLOTS = ("communication_needs", "communication_language", "communication_other")
# The resident's own address: the postcode is asked, the address line comes with it.
REPORTER_ADDRESS_SLOTS = ("reporter_postcode", "reporter_address")
# Not asked of a resident who chose to stay anonymous.
CONTACT_SLOTS = (
    "reporter_name",
    *REPORTER_ADDRESS_SLOTS,
    "phone",
    *PHONE_DEPENDENT_SLOTS,
    *COMMUNICATION_SLOTS,
)
# Everything that belongs to one report and is cleared when a new one starts.
# Set by the safety layer (action_safety_advice) and the good-neighbour filter for this report.
SAFETY_SLOTS = ("urgent", "safety_route", "safety_flags", "good_neighbour")
REPORT_SLOTS = (
    *FORM_SLOTS,
    "reporter_address",  # set with reporter_postcode, not asked on its own
    "category",
    "category_candidates",
    "invalid_answers",
    "corrections",
    "report_id",
    "reference",
    "stage",
    *SAFETY_SLOTS,
)

# `good_neighbour` while the form asks "log it anyway?", and after "no" (the form then ends).
GOOD_NEIGHBOUR_OFFERED = "offered"
GOOD_NEIGHBOUR_DECLINED = "declined"

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
# Any question: the 2nd answer it cannot use explains and offers "skip", the 3rd moves on.
MAX_INVALID_ANSWERS = 3
MAX_EMAIL_LENGTH = 254
MAX_BEST_TIME_LENGTH = 200
# A police crime or incident reference ("CAD 1234 21/11", "43210012345"): short, with a digit.
MAX_POLICE_REFERENCE_LENGTH = 50
MAX_ADDRESS_LENGTH = 200  # the resident's own address line
MAX_LANGUAGE_LENGTH = 60  # the language an interpreter should speak
MAX_NEEDS_TEXT_LENGTH = 500  # "something else" that helps them talk to us
