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
