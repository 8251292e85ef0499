"""The codes every part of the system shares (docs/domain.md section 5): API, database, bot,
evaluation."""

CATEGORIES = (
    "noise",
    "harassment",
    "hate",
    "domestic_abuse",
    "violence",
    "drug_dealing",
    "drugs_alcohol",
    "vandalism",
    "vehicle_nuisance",
    "groups_communal",
    "pets_animals",
    "environmental",
    "other_asb",
)
ROUTES = (
    "emergency",
    "domestic_abuse",
    "hate",
    "asb",
    "asb_unspecified",
    "crime_101",
    "not_asb",
    "out_of_scope",
)
FREQUENCIES = ("daily", "most_days", "most_weeks", "most_months", "occasionally")

# What a case officer needs beyond what happened (docs/domain.md section 8), as the assistant
# asks it (bot/questions.py) and the report contract checks it (backend/intake/contract.py).
# A visit or a call offered to talk about the problem.
VISIT_OR_CALL = ("visit", "call", "neither")
# Communication needs and reasonable adjustments; "none" and "prefer_not_to_say" stand alone.
COMMUNICATION_NEEDS = (
    "interpreter",
    "bsl",
    "large_print",
    "easy_read",
    "call_not_text",
    "advocate",
    "other",
    "none",
    "prefer_not_to_say",
)
# The answer to "what you give us may be used as evidence, in court too: is that OK?".
EVIDENCE_CONSENT = ("agreed", "objected")
