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
# Case events a partner's webhook can ask for (docs/partners.md).
WEBHOOK_EVENTS = ("created", "triaged", "closed")
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

# A case's reference: "ASB-", the year the report was received (landlord's time, always 4
# digits), "-", the case's number (at least 6 digits: 7 or more after case 999,999; at most 11,
# which is what the 20-character column holds). `make_reference` makes them (the backend, at
# intake); everything that reads one (case page, search, texts from residents, the assistant)
# accepts exactly REFERENCE_PATTERN, so every reference made can be opened.
REFERENCE_PATTERN = r"ASB-[0-9]{4}-[0-9]{6,11}"
MAX_CASE_NUMBER = 10**11 - 1


def make_reference(case_number: int, year: int) -> str:
    """`ASB-2026-000123` (ValueError for a year or number the format cannot hold)."""
    if not 1 <= year <= 9999:
        raise ValueError(f"a reference's year has 4 digits, not {year}")
    if not 1 <= case_number <= MAX_CASE_NUMBER:
        raise ValueError(f"a reference's case number is 1 to {MAX_CASE_NUMBER}")
    return f"ASB-{year:04d}-{case_number:06d}"
