"""Where a case is, in the coarse terms partners and hotspots use, and supported housing.

- The **postcode district** (the outward code, "ZZ99" of "ZZ99 1AA") of the resident's postcode
  or of a postcode written in the location: never the full postcode, so it is fit for the
  dashboard's hotspots and the partners' CSV.
- The **estate**: the report's `details["estate"]` when the API gave one, else the supported
  scheme the address matched (an address fragment such as "Example Court").
- **Supported schemes** (ASB_SUPPORTED_SCHEMES, docs/domain.md section 5): a report whose
  location, own address or postcode matches one is marked `details["supported_housing"]` (with
  `details["supported_scheme"]`, the entry matched), so `teams.owner_team` sends it to LPC, at
  intake and whenever triage re-routes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
MAX_ESTATE = 120


def _words(text: str) -> str:
    """Lower case, anything but letters and digits squeezed to single spaces, padded."""
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def postcodes_in(texts: Iterable[str | None]) -> list[tuple[str, str]]:
    """Every UK-shaped postcode in `texts` as (outward, inward) in capitals, in order."""
    found = []
    for text in texts:
        for outward, inward in POSTCODE_IN_TEXT.findall(text or ""):
            found.append((outward.upper(), inward.upper()))
    return found


def postcode_district(postcode: str | None, location: str | None) -> str | None:
    """The district of the resident's postcode, else of a postcode in the location."""
    found = postcodes_in([postcode, location])
    return found[0][0] if found else None


def matching_scheme(schemes: Sequence[str], texts: Iterable[str | None]) -> str | None:
    """The first supported-scheme entry `texts` match, or None. A full postcode matches the
    same postcode, a district any postcode in it, anything else the same words in the text
    ("Example Court" matches "Flat 2, Example Court, 1 Example Road")."""
    texts = [t for t in texts if t]
    postcodes = postcodes_in(texts)
    words = _words(" ".join(texts))
    for entry in schemes:
        compact = " ".join(entry.split()).upper()
        if full := FULL_POSTCODE.match(compact):
            if (full.group(1), full.group(2)) in postcodes:
                return entry
        elif DISTRICT.match(compact):
            if any(outward == compact for outward, _ in postcodes):
                return entry
        elif _words(entry).strip() and _words(entry) in words:
            return entry
    return None


def supported_housing_details(
    details: Mapping[str, Any],
    schemes: Sequence[str],
    *,
    location: str | None,
    postcode: str | None,
    address: str | None,
) -> dict[str, Any]:
    """`details` marked as supported housing when the address matches a scheme (and the report
    did not already say either way); unchanged otherwise."""
    if not schemes or "supported_housing" in details:
        return dict(details)
    entry = matching_scheme(schemes, [location, address, postcode])
    if entry is None:
        return dict(details)
    return {**details, "supported_housing": True, "supported_scheme": entry}


def estate_of(details: Mapping[str, Any]) -> str | None:
    """The estate the report named (details["estate"]), else the address-fragment scheme it
    matched; None when neither is known."""
    named = details.get("estate")
    if isinstance(named, str) and named.strip():
        return " ".join(named.split())[:MAX_ESTATE]
    scheme = details.get("supported_scheme")
    if isinstance(scheme, str):
        compact = " ".join(scheme.split()).upper()
        if not (FULL_POSTCODE.match(compact) or DISTRICT.match(compact)):
            return " ".join(scheme.split())[:MAX_ESTATE]
    return None
