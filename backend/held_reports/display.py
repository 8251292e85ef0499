"""A held report in words for the staff pages: what the resident said, why it was refused, and
the correction form's fields. Pure functions over the stored report, which may be any JSON
(it was refused, so nothing about its shape is assumed); no database, no logging.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backend.cases.models import EQUALITY_LABELS, EQUALITY_QUESTIONS, EVIDENCE_LABELS
from backend.held_reports.actions import BOOLEAN_FIELDS, CHOICE_FIELDS, field_value
from backend.held_reports.models import HeldReport
from backend.intake.contract import FLAG_NAMES

MAX_SHOWN = 20_000  # characters of anything shown as raw JSON

REPORT_ROWS = (
    ("description", "What happened"),
    ("location", "Where"),
    ("happened_when", "When it last happened"),
    ("started_when", "When it started"),
    ("happening_now", "Happening at the time of the report"),
    ("frequency", "How often"),
    ("category", "Category"),
    ("route", "Route"),
    ("channel", "Channel"),
    ("language", "Language"),
    ("received_at", "Sent by the resident"),
    ("report_id", "Report id"),
)
REPORTER_ROWS = (
    ("name", "Name"),
    ("phone", "Phone"),
    ("postcode", "Postcode"),
    ("safe_to_text", "Safe to text"),
    ("consent_to_contact", "Agreed to be contacted"),
    ("anonymous", "Wants to stay anonymous"),
    ("preferred_contact", "Preferred contact"),
    ("email", "Email"),
    ("best_time", "Best time to contact"),
    ("consent_to_share", "Consent to share with other agencies"),
    ("address", "Their own address"),
    ("visit_or_call", "Visit or call"),
    ("communication_needs", "Communication needs"),
)
DETAIL_ROWS = (("people_involved", "People involved"), ("witnesses", "Witnesses"))
# Parts of the report shown in their own sections (anything else is listed as it came).
SHOWN_TOP = frozenset(
    {name for name, _ in REPORT_ROWS}
    | {"reporter", "flags", "details", "ram_answers", "equality", "risk"}
)
NOT_GIVEN = "Not given"


def as_text(value: Any) -> str:
    """A value as staff read it: text as it is, yes/no, or JSON for anything else."""
    if value is None or value == "":
        return NOT_GIVEN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + " ..."


def _label(path: str) -> str:
    """A field path in words ("reporter.phone" -> "Reporter: phone")."""
    if not path:
        return "The whole report"
    top, _, rest = path.partition(".")
    top_label = dict(REPORT_ROWS).get(top, top.replace("_", " ").capitalize())
    if not rest:
        return top_label
    inner = dict(REPORTER_ROWS).get(rest) if top == "reporter" else None
    return f"{top_label}: {inner or rest.replace('_', ' ')}"


def _row(path: str, label: str, value: Any, refused: Mapping[str, str]) -> dict[str, Any]:
    return {"path": path, "label": label, "value": as_text(value), "refused": refused.get(path)}


def _section(payload: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = payload.get(name)
    return value if isinstance(value, Mapping) else {}


def resident_words(payload: Any, refused: Mapping[str, str], show_equality: bool) -> dict[str, Any]:
    """What the resident said, section by section, each refused answer marked. The equality
    answers (special category) only when `show_equality`."""
    if not isinstance(payload, Mapping):
        return {"readable": False, "raw": as_text(payload)}
    reporter = _section(payload, "reporter")
    details = _section(payload, "details")
    flags = _section(payload, "flags")
    evidence = details.get("evidence")
    return {
        "readable": True,
        "report": [_row(n, label, payload.get(n), refused) for n, label in REPORT_ROWS],
        "reporter": [
            _row(f"reporter.{n}", label, reporter.get(n), refused) for n, label in REPORTER_ROWS
        ],
        "details": [
            _row(f"details.{n}", label, details.get(n), refused) for n, label in DETAIL_ROWS
        ]
        + [
            _row(
                "details.evidence",
                "Evidence they have",
                ", ".join(EVIDENCE_LABELS.get(str(c), str(c)) for c in evidence)
                if isinstance(evidence, list)
                else evidence,
                refused,
            )
        ]
        + [
            _row(f"details.{k}", k.replace("_", " ").capitalize(), v, refused)
            for k, v in details.items()
            if k not in ("people_involved", "witnesses", "evidence")
        ],
        "flags": [n for n in FLAG_NAMES if flags.get(n) is True],
        "ram_answers": [
            _row(f"ram_answers.{k}", k, v, refused)
            for k, v in _section(payload, "ram_answers").items()
        ],
        "risk": as_text(payload.get("risk")) if payload.get("risk") is not None else None,
        "equality": _equality(payload.get("equality")) if show_equality else None,
        "other": [
            _row(str(k), str(k), v, refused) for k, v in payload.items() if k not in SHOWN_TOP
        ],
    }


def _equality(raw: Any) -> list[dict[str, str]]:
    answers = raw if isinstance(raw, Mapping) else {}
    return [
        {
            "label": label,
            "answer": EQUALITY_LABELS[name].get(str(answers[name]), str(answers[name]))
            if answers.get(name)
            else "Not answered",
        }
        for name, label in EQUALITY_QUESTIONS.items()
    ]


def refusal_rows(fields: Mapping[str, str]) -> list[dict[str, str]]:
    """Each refused field in words, with the contract's reason."""
    return [
        {"path": path, "label": _label(path), "message": message or "refused"}
        for path, message in sorted(fields.items())
    ]


def correction_fields(held: HeldReport, show_equality: bool) -> list[dict[str, Any]]:
    """The correction form: one input per refused answer (yes/no, a list of codes, or text),
    filled with what the resident sent. The whole report (path "") cannot be corrected, and
    equality answers only by those who may see them."""
    rows = []
    for path, message in sorted((held.open_fields or {}).items()):
        if not path or (path.startswith("equality") and not show_equality):
            continue
        current = field_value(held.payload, path)
        if path in BOOLEAN_FIELDS:
            kind, options = "boolean", [("yes", "Yes"), ("no", "No")]
            chosen = (
                {True: "yes", False: "no"}.get(current, "") if isinstance(current, bool) else ""
            )
        elif path in CHOICE_FIELDS:
            kind = "choice"
            options = [(code, code.replace("_", " ")) for code in CHOICE_FIELDS[path]]
            chosen = current if current in CHOICE_FIELDS[path] else ""
        else:
            kind, options = "text", []
            chosen = (
                current
                if isinstance(current, str)
                else ("" if current is None else as_text(current))
            )
        rows.append(
            {
                "path": path,
                "label": _label(path),
                "message": message or "refused",
                "kind": kind,
                "options": options,
                "value": chosen,
            }
        )
    return rows
