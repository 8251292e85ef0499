"""Our services as Open311 sees them: one service per ASB category (core/codes.py), grouped by
the team that owns it, and the attributes a partner may answer for a report (the questions the
assistant asks a resident: happening now, how often, hate, ...)."""

from __future__ import annotations

from typing import Any

from backend.cases import teams
from backend.intake.contract import MAX_POLICE_REFERENCE, MAX_SHORT_TEXT
from core.categories import HIGH_RISK_KEYWORDS, OTHER_KEYWORDS
from core.codes import CATEGORIES, FREQUENCIES

KEYWORDS_SHOWN = 8
# A resident's own phrasing ("because of my race") is no keyword for a partner's form.
FIRST_PERSON = frozenset({"i", "i'm", "me", "my", "you", "your"})

# declarative table: (service name, what it covers)
SERVICES: dict[str, tuple[str, str]] = {
    "noise": ("Noise", "Loud music, shouting, banging, parties or barking at unreasonable hours."),
    "harassment": (
        "Harassment",
        "Someone being threatened, intimidated, followed, filmed or verbally abused.",
    ),
    "hate": (
        "Hate incident",
        "Anything aimed at someone because of their race, religion, disability, sexuality or "
        "transgender identity, including hate graffiti.",
    ),
    "domestic_abuse": (
        "Domestic abuse",
        "Abuse by a partner, an ex-partner or a family member, including coercive control.",
    ),
    "violence": ("Violence or threats", "Fights, assaults, weapons, or threats of violence."),
    "drug_dealing": (
        "Drug dealing",
        "Selling drugs, county lines or cuckooing (a home taken over for dealing).",
    ),
    "drugs_alcohol": (
        "Drugs or alcohol nuisance",
        "Drug use or drinking that causes a nuisance (not dealing).",
    ),
    "vandalism": ("Vandalism and graffiti", "Damage to homes, shared areas or vehicles; graffiti."),
    "vehicle_nuisance": (
        "Vehicle nuisance",
        "Dangerous riding, nuisance parking, vehicle repairs in the street, abandoned vehicles.",
    ),
    "groups_communal": (
        "Groups or communal areas",
        "Groups gathering, disruptive parties, misuse of stairwells, lifts and shared spaces.",
    ),
    "pets_animals": ("Pets and animals", "Nuisance from pets or animals (not dangerous dogs)."),
    "environmental": ("Environmental", "Rubbish, dumping, fouling or a neglected garden."),
    "other_asb": ("Other ASB", "Anti-social behaviour that fits none of the other services."),
}

TEAM_NAMES = {
    "TEM": "Tenancy Enforcement Managers (TEM)",
    "CHM": "Community Housing Managers (CHM)",
    "LPC": "Supported housing (LPC)",
}

YES_NO = (("yes", "Yes"), ("no", "No"))
FREQUENCY_NAMES = {
    "daily": "Every day",
    "most_days": "Most days",
    "most_weeks": "Most weeks",
    "most_months": "Most months",
    "occasionally": "Now and then",
}

# declarative table: the attributes of every service, in the order shown to the user.
ATTRIBUTES: tuple[dict[str, Any], ...] = (
    {
        "code": "happening_now",
        "datatype": "singlevaluelist",
        "description": "Is it happening now? If anyone is in danger, call 999 first.",
        "values": YES_NO,
    },
    {
        "code": "frequency",
        "datatype": "singlevaluelist",
        "description": "How often does it happen?",
        "values": tuple((code, FREQUENCY_NAMES[code]) for code in FREQUENCIES),
    },
    {
        "code": "happened_when",
        "datatype": "string",
        "description": "When did it last happen? For example: last night about 11pm.",
        "datatype_description": f"Plain words, at most {MAX_SHORT_TEXT} characters.",
        "limit": MAX_SHORT_TEXT,
    },
    {
        "code": "started_when",
        "datatype": "string",
        "description": "When did it start? For example: in the summer.",
        "datatype_description": f"Plain words, at most {MAX_SHORT_TEXT} characters.",
        "limit": MAX_SHORT_TEXT,
    },
    {
        "code": "hate",
        "datatype": "singlevaluelist",
        "description": "Was anyone targeted because of their race, religion, disability, "
        "sexuality or transgender identity?",
        "values": YES_NO,
    },
    {
        "code": "vulnerable",
        "datatype": "singlevaluelist",
        "description": "Is anyone affected at greater risk (a child, an older or disabled "
        "person, someone in poor health)?",
        "values": YES_NO,
    },
    {
        "code": "people_involved",
        "datatype": "text",
        "description": "Who is involved, if known: how to recognise them, where they live.",
        "datatype_description": f"At most {MAX_SHORT_TEXT} characters.",
        "limit": MAX_SHORT_TEXT,
    },
    {
        "code": "police_reference",
        "datatype": "string",
        "description": "A police crime or incident reference, if there is one.",
        "datatype_description": f"Letters, digits and / . : # -, at most {MAX_POLICE_REFERENCE}.",
        "limit": MAX_POLICE_REFERENCE,
    },
)
ATTRIBUTE_BY_CODE = {attribute["code"]: attribute for attribute in ATTRIBUTES}


def keywords(category: str) -> str:
    """A few of the words core/categories.py reads as this category, comma separated."""
    words = HIGH_RISK_KEYWORDS.get(category) or OTHER_KEYWORDS.get(category) or ()
    plain = [word for word in words if "*" not in word and not FIRST_PERSON & set(word.split())]
    return ", ".join(plain[:KEYWORDS_SHOWN])


def owner_team(category: str) -> str:
    """The team that owns a new report of this category (backend/cases/teams.py)."""
    return teams.owner_team(category, route_for(category))


def route_for(category: str) -> str:
    """The report route a partner's report of this category takes."""
    return category if category in ("domestic_abuse", "hate") else "asb"


def service_list() -> list[dict[str, Any]]:
    """GET services: every category, in core/codes.py order."""
    return [
        {
            "service_code": code,
            "service_name": SERVICES[code][0],
            "description": SERVICES[code][1],
            "metadata": True,
            "type": "realtime",
            "keywords": keywords(code),
            "group": owner_team(code),
        }
        for code in CATEGORIES
    ]


def service_definition(code: str) -> dict[str, Any]:
    """GET services/{code}: the attributes (KeyError for an unknown code)."""
    if code not in SERVICES:
        raise KeyError(code)
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": attribute["code"],
                "datatype": attribute["datatype"],
                "required": False,
                "datatype_description": attribute.get("datatype_description"),
                "order": order,
                "description": attribute["description"],
                **(
                    {"values": [{"key": key, "name": name} for key, name in attribute["values"]]}
                    if "values" in attribute
                    else {}
                ),
            }
            for order, attribute in enumerate(ATTRIBUTES, start=1)
        ],
    }
