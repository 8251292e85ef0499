"""The hand-written OpenAPI 3.0 description of the backend's HTTP API.

`base_spec()` returns a fresh document; `init_app` keeps it under `appkeys.OPENAPI` and serves
it at GET /api/openapi.json. Another package documents its endpoints from its `setup_routes`:

    from backend.appkeys import OPENAPI
    from backend.openapi import add_operation
    add_operation(app[OPENAPI], "/twilio/status", "post", {...}, schemas={"Name": {...}})
"""

from __future__ import annotations

import copy
from typing import Any

from backend.cases.models import (
    CATEGORIES,
    CHANNELS,
    COMMUNICATION_NEEDS,
    EQUALITY_CODES,
    EVIDENCE_CODES,
    EVIDENCE_CONSENT,
    FREQUENCIES,
    PREFERRED_CONTACTS,
    RISK_BANDS,
    ROUTES,
    STATUSES,
    TEAMS,
    VISIT_OR_CALL,
)
from backend.intake.contract import (
    FLAG_NAMES,
    MAX_ADDRESS,
    MAX_BEST_TIME,
    MAX_DESCRIPTION,
    MAX_EMAIL,
    MAX_LANGUAGE,
    MAX_NAME,
    MAX_NEEDS_TEXT,
    MAX_POLICE_REFERENCE,
    MAX_SHORT_TEXT,
)

Spec = dict[str, Any]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_NULLABLE_TEXT = {"type": "string", "nullable": True}
_FLAGS = {
    "type": "object",
    "properties": {name: {"type": "boolean"} for name in FLAG_NAMES},
    "additionalProperties": False,
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Field path (e.g. reporter.phone) to what is wrong with it.",
            },
        },
    },
    "Reporter": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": {**_NULLABLE_TEXT, "maxLength": MAX_NAME},
            "phone": {
                **_NULLABLE_TEXT,
                "description": "UK or international number; stored in E.164 form.",
            },
            "postcode": {
                **_NULLABLE_TEXT,
                "maxLength": 16,
                "description": "The resident's own UK postcode (lets web residents check a "
                "case later); stored in details.reporter_postcode.",
            },
            "safe_to_text": {"type": "boolean", "nullable": True},
            "consent_to_contact": {"type": "boolean", "nullable": True},
            "anonymous": {
                "type": "boolean",
                "nullable": True,
                "description": "The resident chose not to be named to anyone (null: false).",
            },
            "preferred_contact": {
                "type": "string",
                "enum": list(PREFERRED_CONTACTS),
                "nullable": True,
            },
            "email": {**_NULLABLE_TEXT, "format": "email", "maxLength": MAX_EMAIL},
            "best_time": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_BEST_TIME,
                "description": "When to contact them, in their words (e.g. weekday evenings).",
            },
            "consent_to_share": {
                "type": "boolean",
                "nullable": True,
                "description": "Consent to share information with other agencies (null: not "
                "asked). Child-protection concerns are shared regardless.",
            },
            "address": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_ADDRESS,
                "description": "In a report: the resident's own address line (it may differ "
                "from where the problem is); stored in details.reporter_address.",
            },
            "visit_or_call": {
                "type": "string",
                "enum": list(VISIT_OR_CALL),
                "nullable": True,
                "description": "In a report: the answer to Would you like someone to visit "
                "you or call you to talk about this? (null: not asked). On the case it is the "
                "top-level visit_or_call.",
            },
            "communication_needs": _ref("CommunicationNeeds"),
        },
    },
    "CommunicationNeeds": {
        "type": "object",
        "nullable": True,
        "additionalProperties": False,
        "required": ["needs"],
        "description": "In a report only: communication needs and reasonable adjustments. "
        "They can reveal a disability, so the case keeps them in a column of their own, shown "
        "on the staff case page; never returned by this API, exported or logged.",
        "properties": {
            "needs": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "enum": list(COMMUNICATION_NEEDS)},
                "description": "none and prefer_not_to_say stand alone.",
            },
            "language": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_LANGUAGE,
                "description": "The language for an interpreter.",
            },
            "other": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_NEEDS_TEXT,
                "description": "Something else that helps, in the resident's words.",
            },
        },
    },
    "Equality": {
        "type": "object",
        "nullable": True,
        "additionalProperties": False,
        "description": "Equality monitoring (special-category data). Stored on its own, shown "
        "to managers and admins on the case page only; never returned by this API, exported "
        "or logged.",
        "properties": {
            name: {"type": "string", "enum": list(codes), "nullable": True}
            for name, codes in EQUALITY_CODES.items()
        },
    },
    "AssistantRisk": {
        "type": "object",
        "nullable": True,
        "additionalProperties": False,
        "required": ["score", "band"],
        "description": "The assistant's provisional RAM score. The backend scores ram_answers "
        "itself (authoritative) and keeps this in details.assistant_risk for audit.",
        "properties": {
            "score": {"type": "integer", "minimum": 0},
            "band": {"type": "string", "enum": list(RISK_BANDS)},
        },
    },
    "ReportDetails": {
        "type": "object",
        "additionalProperties": True,
        "description": "Anything else collected. The keys below are checked; others are kept "
        "as they are. On the case, evidence is kept as details.evidence_held (details.evidence "
        "holds attached photos); assistant_risk, evidence_held, reporter_postcode and "
        "reporter_address are set by the backend and refused here, as are communication_needs, "
        "visit_or_call and started_when (fields of their own).",
        "properties": {
            "people_involved": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_SHORT_TEXT,
                "description": "Who the report is about, as the resident described them.",
            },
            "witnesses": {**_NULLABLE_TEXT, "maxLength": MAX_SHORT_TEXT},
            "evidence": {
                "type": "array",
                "nullable": True,
                "items": {"type": "string", "enum": list(EVIDENCE_CODES)},
                "description": "What evidence the resident has.",
            },
            "category_confirmed": {
                "type": "boolean",
                "nullable": True,
                "description": "The resident picked the category (not only the assistant).",
            },
            "corrections": {
                "type": "integer",
                "minimum": 0,
                "nullable": True,
                "description": "How many answers the resident corrected before confirming.",
            },
            "police_reference": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_POLICE_REFERENCE,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9 /.:#-]*$",
                "description": "The police crime or incident reference the resident has (at "
                "least one digit).",
            },
            "evidence_consent": {
                "type": "string",
                "enum": list(EVIDENCE_CONSENT),
                "nullable": True,
                "description": "Told that what they give may be used as evidence, including "
                "in court: agreed, or objected (staff talk to them before using it).",
            },
        },
    },
    "Report": {
        "type": "object",
        "additionalProperties": False,
        "required": ["report_id", "channel", "received_at", "route", "description"],
        "properties": {
            "report_id": {
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$",
                "description": "Idempotency key made by the bot (a UUID).",
            },
            "channel": {"type": "string", "enum": list(CHANNELS)},
            "language": {"type": "string", "example": "en"},
            "received_at": {
                **_DATETIME,
                "description": "When the resident confirmed: at most 10 minutes ahead of the "
                "backend's clock and at most 30 days before it.",
            },
            "route": {"type": "string", "enum": list(ROUTES)},
            "category": {"type": "string", "enum": list(CATEGORIES), "nullable": True},
            "description": {"type": "string", "maxLength": MAX_DESCRIPTION},
            "location": {**_NULLABLE_TEXT, "maxLength": MAX_SHORT_TEXT},
            "happened_when": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_SHORT_TEXT,
                "description": "When it last happened, in the resident's words.",
            },
            "started_when": {
                **_NULLABLE_TEXT,
                "maxLength": MAX_SHORT_TEXT,
                "description": "When it started, in the resident's words.",
            },
            "happening_now": {"type": "boolean", "nullable": True},
            "frequency": {"type": "string", "enum": list(FREQUENCIES), "nullable": True},
            "reporter": _ref("Reporter"),
            "flags": _FLAGS,
            "ram_answers": {
                "type": "object",
                "description": "Risk Assessment Matrix answers keyed q1_... to q14_... "
                "(see core/ram.py for the answer codes). Any question may be answered "
                '"prefer_not_to_say": it scores nothing.',
                "additionalProperties": True,
            },
            "details": _ref("ReportDetails"),
            "equality": _ref("Equality"),
            "risk": _ref("AssistantRisk"),
            "safeguarding_id": {
                "type": "string",
                "nullable": True,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$",
                "description": "The conversation's safeguarding record (POST "
                "/api/safeguarding/records), when safety advice was given: joined to the case.",
            },
        },
    },
    "ReportReceipt": {
        "type": "object",
        "properties": {
            "reference": {"type": "string", "example": "ASB-2026-000123"},
            "case_id": {"type": "integer"},
            "status": {"type": "string"},
            "category": {"type": "string", "nullable": True},
            "owner_team": {"type": "string", "enum": list(TEAMS)},
            "risk_score": {"type": "integer"},
            "risk_band": {"type": "string", "enum": list(RISK_BANDS)},
            "triage_priority_days": {"type": "integer", "enum": [1, 3, 5]},
            "queue_date": _DATE,
            "triage_due": _DATE,
            "acknowledgement": {
                "type": "object",
                "description": "How the acknowledgement reaches the resident: by text, by email, "
                "and whether they asked for texts but their number has opted out (STOP), so the "
                "assistant promises only what will happen.",
                "properties": {
                    "text": {"type": "boolean"},
                    "email": {"type": "boolean"},
                    "text_opted_out": {"type": "boolean"},
                },
            },
            "pin": {
                "type": "string",
                "nullable": True,
                "pattern": "^[0-9]{6}$",
                "description": "The case PIN (6 digits), in the 201 answer only: show it to the "
                "resident with the reference (a third proof for POST /api/residents/*). Only its "
                "keyed hash is kept; a repeat of the same report_id (200) answers null.",
            },
        },
    },
    "QueueItem": {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "case_id": {"type": "integer"},
            "status": {"type": "string"},
            "channel": {"type": "string"},
            "language": {"type": "string"},
            "route": {"type": "string"},
            "category": {"type": "string", "nullable": True},
            "is_asb": {"type": "boolean"},
            "owner_team": {"type": "string", "enum": list(TEAMS)},
            "risk_score": {"type": "integer"},
            "risk_band": {"type": "string", "enum": list(RISK_BANDS)},
            "triage_priority_days": {"type": "integer"},
            "flags": _FLAGS,
            "happening_now": {"type": "boolean", "nullable": True},
            "anonymous": {"type": "boolean"},
            "visit_or_call": {
                "type": "string",
                "enum": list(VISIT_OR_CALL),
                "nullable": True,
                "description": "A visit or a call the resident would like (null: not asked).",
            },
            "received_at": _DATETIME,
            "queue_date": _DATE,
            "triage_due": _DATE,
            "overdue": {"type": "boolean"},
        },
    },
    "QueuePage": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": _ref("QueueItem")},
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
        },
    },
    "CaseEvent": {
        "type": "object",
        "properties": {
            "at": _DATETIME,
            "actor": {"type": "string"},
            "kind": {"type": "string"},
            "summary": {"type": "string"},
            "data": {"type": "object", "additionalProperties": True},
        },
    },
    "Case": {
        "allOf": [
            _ref("QueueItem"),
            {
                "type": "object",
                "properties": {
                    "report_id": {"type": "string"},
                    "assigned_to": _NULLABLE_TEXT,
                    "description": {"type": "string"},
                    "location": _NULLABLE_TEXT,
                    "happened_when": _NULLABLE_TEXT,
                    "started_when": _NULLABLE_TEXT,
                    "frequency": _NULLABLE_TEXT,
                    "reporter": _ref("Reporter"),
                    "ram_answers": {"type": "object", "additionalProperties": True},
                    "details": {"type": "object", "additionalProperties": True},
                    "triaged_at": {**_DATETIME, "nullable": True},
                    "closed_at": {**_DATETIME, "nullable": True},
                    "closure_reason": _NULLABLE_TEXT,
                    "created_at": _DATETIME,
                    "updated_at": _DATETIME,
                    "events": {"type": "array", "items": _ref("CaseEvent")},
                },
            },
        ]
    },
}

_UNAUTHORISED = _json(_ref("Error"), "Missing or wrong credentials.")

PATHS: dict[str, Any] = {
    "/healthz": {
        "get": {
            "summary": "Liveness and database check",
            "operationId": "health",
            "security": [],
            "responses": {
                "200": _json(
                    {"type": "object", "properties": {"status": {"type": "string"}}}, "Healthy."
                ),
                "503": _json(_ref("Error"), "The database cannot be reached."),
            },
        }
    },
    "/api/reports": {
        "post": {
            "summary": "Receive a resident's confirmed report from the assistant",
            "operationId": "createReport",
            "security": [{"ingestSecret": []}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("Report")}},
            },
            "responses": {
                "201": _json(_ref("ReportReceipt"), "A new case was opened."),
                "200": _json(_ref("ReportReceipt"), "This report_id was already received."),
                "400": _json(_ref("Error"), "Malformed JSON or invalid fields."),
                "401": _UNAUTHORISED,
                "413": _json(_ref("Error"), "The body is too large."),
            },
        }
    },
    "/api/cases/{reference}": {
        "get": {
            "summary": "One case with everything the resident said and its timeline",
            "operationId": "getCase",
            "parameters": [
                {
                    "name": "reference",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "example": "ASB-2026-000123"},
                }
            ],
            "responses": {
                "200": _json(_ref("Case"), "The case."),
                "401": _UNAUTHORISED,
                "403": _json(_ref("Error"), "An officer asking for another team's case."),
                "404": _json(_ref("Error"), "No case with that reference."),
            },
        }
    },
    "/api/triage-queue": {
        "get": {
            "summary": "New cases waiting for triage, most urgent first",
            "operationId": "getTriageQueue",
            "parameters": [
                {"name": "team", "in": "query", "schema": {"type": "string", "enum": list(TEAMS)}},
                {
                    "name": "status",
                    "in": "query",
                    "description": "new (default), open (anything not closed), a status, or all.",
                    "schema": {
                        "type": "string",
                        "enum": ["new", "open", *STATUSES[1:], "all"],
                        "default": "new",
                    },
                },
                {
                    "name": "category",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(CATEGORIES)},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                },
                {
                    "name": "offset",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0, "default": 0},
                },
            ],
            "responses": {
                "200": _json(_ref("QueuePage"), "One page of the queue."),
                "400": _json(_ref("Error"), "Unknown filter value."),
                "401": _UNAUTHORISED,
                "403": _json(_ref("Error"), "An officer asking for another team's queue."),
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "getOpenApi",
            "security": [],
            "responses": {"200": {"description": "OpenAPI 3.0 document."}},
        }
    },
}


def base_spec() -> Spec:
    """A fresh copy of the document (safe to extend per application)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ASB Assistant backend",
            "version": "0.1.0",
            "description": "Anti-social behaviour reports from residents, cases and triage for "
            "staff. All times are UTC; dates are the landlord's working days.",
            "license": {"name": "AGPL-3.0-or-later"},
        },
        "paths": copy.deepcopy(PATHS),
        "components": {
            "schemas": copy.deepcopy(SCHEMAS),
            "securitySchemes": {
                "ingestSecret": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "ASB_INGEST_SECRET, used by the assistant only.",
                },
                "apiToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "ASB_API_TOKEN, for staff scripts.",
                },
                "staffSession": {"type": "apiKey", "in": "cookie", "name": "asb_staff"},
            },
        },
        "security": [{"apiToken": []}, {"staffSession": []}],
    }


def add_operation(
    spec: Spec,
    path: str,
    method: str,
    operation: dict[str, Any],
    schemas: dict[str, Any] | None = None,
) -> None:
    """Document one more endpoint (and any schemas it refers to) in `spec`."""
    method = method.lower()
    item = spec["paths"].setdefault(path, {})
    if method in item:
        raise ValueError(f"{method.upper()} {path} is already documented")
    item[method] = operation
    for name, schema in (schemas or {}).items():
        spec["components"]["schemas"].setdefault(name, schema)
