"""Helpers for the Open311 tests: a running backend with partner keys, form posts and XML."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone

# Monday 23 November 2026, 10:00 in London (a working day).
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
BASE = "/open311/v2"


def good_form(key: str, **changes: str) -> dict[str, str]:
    """A valid POST requests form (fictional)."""
    form = {
        "api_key": key,
        "service_code": "noise",
        "description": "Very loud music from the flat above every night until 3am",
        "address_string": "Flat 3, 12 Example Road, ZZ99 1AA",
        "lat": "51.501234",
        "long": "-0.141234",
        "first_name": "Pat",
        "last_name": "Example",
        "phone": "07700 900123",
        "email": "pat@example.org",
        "attribute[happening_now]": "no",
        "attribute[frequency]": "daily",
        "attribute[happened_when]": "last night about 11pm",
    }
    form.update(changes)
    return {name: value for name, value in form.items() if value is not None}


def xml_of(body: str) -> ElementTree.Element:
    return ElementTree.fromstring(body.encode())


def children(element: ElementTree.Element) -> list[str]:
    return [child.tag for child in element]
