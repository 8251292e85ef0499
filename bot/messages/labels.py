"""How answers are named to residents: frequency, category and field labels, the summary's lines
and values, and the answers a resident can change.
"""

from __future__ import annotations

from bot.constants import EQUALITY_SLOTS, FORM_SLOTS, RAM_SLOTS
from core.codes import CATEGORIES
from core.i18n import N_

# Frequency codes (docs/domain.md section 6, RAM question 1) in the order they are offered; the
# resident may tap, type the words or reply with the number (1-5).
FREQUENCY_CODES = ("daily", "most_days", "most_weeks", "most_months", "occasionally")
FREQUENCY_LABELS: dict[str, str] = {
    "daily": N_("Every day"),
    "most_days": N_("Most days"),
    "most_weeks": N_("Most weeks"),
    "most_months": N_("Most months"),
    "occasionally": N_("Just this once, or now and then"),
}

# How each category is named to residents (category confirmation buttons, the summary).
CATEGORY_LABELS: dict[str, str] = {
    "noise": N_("Noise"),
    "harassment": N_("Harassment or intimidation"),
    "hate": N_("Hate incident"),
    "domestic_abuse": N_("Domestic abuse"),
    "violence": N_("Violence or threats"),
    "drug_dealing": N_("Drug dealing"),
    "drugs_alcohol": N_("Drug or alcohol use"),
    "vandalism": N_("Vandalism or graffiti"),
    "vehicle_nuisance": N_("Vehicles, motorbikes or scooters"),
    "groups_communal": N_("Groups or misuse of shared areas"),
    "pets_animals": N_("Pets or animals"),
    "environmental": N_("Rubbish, dumping or mess"),
    "other_asb": N_("Something else"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)

# Labels of the summary lines and of the "what would you like to change?" buttons.
FIELD_LABELS: dict[str, str] = {
    "description": N_("What is happening"),
    "log_anyway": N_("Logged as a good-neighbour matter"),
    "category_choice": N_("Type of problem"),
    "location": N_("Where"),
    "happening_now": N_("Happening now"),
    "happened_when": N_("When it last happened"),
    "frequency": N_("How often"),
    "started_when": N_("When it started"),
    "people_known": N_("Do you know them"),
    "people_involved": N_("Who is involved"),
    "witnesses": N_("Witnesses"),
    "evidence": N_("Evidence you have"),
    "evidence_consent": N_("Evidence may be used in court"),
    "hate_related": N_("Because of who you are"),
    "ram_start": N_("Questions about how it affects you"),
    "ram_linked": N_("Linked to earlier incidents"),
    "ram_worse": N_("Getting worse"),
    "ram_history": N_("History of harassment"),
    "ram_other_agencies": N_("Told other services"),
    "ram_targeted": N_("Picked on on purpose"),
    "ram_circumstances": N_("Things that make it riskier"),
    "ram_affected": N_("How much it affects you"),
    "ram_health": N_("Effect on health"),
    "ram_professional_support": N_("Professional support"),
    "ram_support": N_("Friends and family"),
    "ram_others_affected": N_("Others affected"),
    "police_reference": N_("Police reference"),
    "anonymous": N_("Anonymous"),
    "reporter_name": N_("Your name"),
    "reporter_postcode": N_("Your address"),
    "phone": N_("Phone number"),
    "safe_to_text": N_("Safe to text you"),
    "preferred_contact": N_("How to contact you"),
    "email": N_("Email"),
    "best_time": N_("Best time to contact you"),
    "consent_to_contact": N_("We may contact you"),
    "visit_or_call": N_("A visit or a call"),
    "communication_needs": N_("Help to talk to us"),
    "communication_language": N_("Interpreter language"),
    "communication_other": N_("Other help"),
    "consent_to_share": N_("We may share it with other services"),
    "equality_start": N_("Equality questions"),
    "age_band": N_("Age"),
    "ethnicity": N_("Ethnic group"),
    "disability": N_("Disability"),
}
# Lines the summary shows: every question but the opt-in risk and equality sections (the risk
# answers are counted on one line), "log it anyway?" and the follow-ups of communication needs
# (shown on its line, as the address line is on the postcode's: bot/nlg.py).
SUMMARY_FIELDS = tuple(
    slot
    for slot in FORM_SLOTS
    if slot
    not in (
        "log_anyway",
        "ram_start",
        *RAM_SLOTS,
        "equality_start",
        *EQUALITY_SLOTS,
        "communication_language",
        "communication_other",
    )
)
# The answers a resident can change ("ram_start" re-asks every risk question; the contact
# questions follow the phone number).
CHANGEABLE_FIELDS = (
    "description",
    "category_choice",
    "location",
    "happening_now",
    "happened_when",
    "started_when",
    "frequency",
    "people_involved",
    "witnesses",
    "evidence",  # and the court notice's answer
    "ram_start",
    "police_reference",
    "anonymous",
    "reporter_name",
    "reporter_postcode",  # and the address line
    "phone",
    "visit_or_call",
    "communication_needs",  # and its follow-ups
    "consent_to_share",
)

VALUE_YES = N_("Yes")
VALUE_NO = N_("No")
VALUE_NOT_GIVEN = N_("Not given")
VALUE_NO_ONE = N_("No one")
VALUE_RISK_ANSWERS = N_("{count} of 11 answered")
