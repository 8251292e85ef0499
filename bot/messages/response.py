"""The shapes of the catalog: a `Response` (text, buttons, per-channel variants) and its
`Button`s, the button payloads (`/intent` payloads skip NLU) and the buttons many replies share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.i18n import N_

# Button payloads. `/intent` payloads skip NLU, so a tap always means what its title says.
AFFIRM = "/affirm"
DENY = "/deny"
SKIP = "/skip"
REPORT = "/report_asb"


def change_payload(field_name: str) -> str:
    """Payload of a "change this answer" button (intent change_field with a `field` entity)."""
    return '/change_field{"field": "' + field_name + '"}'


@dataclass(frozen=True)
class Button:
    title: str  # English source, marked with N_()
    payload: str


@dataclass(frozen=True)
class Response:
    text: str  # English source, marked with N_()
    buttons: tuple[Button, ...] = ()
    variants: Mapping[str, str] = field(default_factory=dict)  # channel family -> text
    # argument name -> text used instead (on every channel) when the action passes that
    # argument, e.g. the case PIN with the reference ("pin").
    when_given: Mapping[str, str] = field(default_factory=dict)


YES_NO = (Button(N_("Yes"), AFFIRM), Button(N_("No"), DENY))
SKIP_BUTTON = (Button(N_("Skip"), SKIP),)
REPORT_BUTTON = (Button(N_("Report a problem"), REPORT),)
