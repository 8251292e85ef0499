"""The Open311 endpoints in the backend's OpenAPI document (GET /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from backend.open311.catalogue import SERVICES
from backend.openapi import add_operation

BASE = "/open311/v2"
_FMT = {
    "name": "fmt",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["json", "xml"]},
    "description": "The answer's format (XML as the spec requires, or JSON).",
}
_KEY = {
    "name": "api_key",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "A partner key (or the X-Api-Key header, which stays out of access logs).",
}
_ERRORS = {
    "400": {"description": "Bad input: [{code, description}]."},
    "403": {"description": "No valid partner key, or not its scope: [{code, description}]."},
}
_REQUEST = {
    "type": "object",
    "properties": {
        name: {"type": kind, "nullable": True}
        for name, kind in (
            ("service_request_id", "string"),
            ("status", "string"),
            ("status_notes", "string"),
            ("service_name", "string"),
            ("service_code", "string"),
            ("description", "string"),
            ("agency_responsible", "string"),
            ("service_notice", "string"),
            ("requested_datetime", "string"),
            ("updated_datetime", "string"),
            ("expected_datetime", "string"),
            ("address", "string"),
            ("address_id", "string"),
            ("zipcode", "string"),
            ("lat", "number"),
            ("long", "number"),
            ("media_url", "string"),
        )
    },
}


def _query(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }


def _get(summary: str, extra: list[dict[str, Any]], ok: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "tags": ["open311"],
        "security": [],
        "parameters": [_FMT, _KEY, *extra],
        "responses": {"200": {"description": ok}, **_ERRORS},
    }


def _document_create(spec: dict[str, Any]) -> None:
    """POST requests."""
    add_operation(
        spec,
        f"{BASE}/requests.{{fmt}}",
        "post",
        {
            "summary": "Make a report (partner key with the create scope)",
            "tags": ["open311"],
            "security": [],
            "parameters": [_FMT],
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": ["api_key", "service_code", "description"],
                            "properties": {
                                name: {"type": "string"}
                                for name in (
                                    "api_key",
                                    "service_code",
                                    "description",
                                    "lat",
                                    "long",
                                    "address_string",
                                    "first_name",
                                    "last_name",
                                    "phone",
                                    "email",
                                    "media_url",
                                    "attribute[happening_now]",
                                )
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": {"description": "[{service_request_id, service_notice, account_id}]"},
                "404": {"description": "Unknown service_code."},
                **_ERRORS,
            },
        },
    )


def document(spec: dict[str, Any]) -> None:
    """Add the six Open311 operations (docs/partners.md) to `spec`."""
    spec["components"]["schemas"].setdefault("Open311Request", _REQUEST)
    add_operation(
        spec,
        f"{BASE}/services.{{fmt}}",
        "get",
        _get("Our services (ASB categories)", [], "The service list."),
    )
    code = {
        "name": "service_code",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": list(SERVICES)},
    }
    operation = _get("A service's attributes", [code], "The service definition.")
    operation["responses"]["404"] = {"description": "Unknown service_code."}
    add_operation(spec, f"{BASE}/services/{{service_code}}.{{fmt}}", "get", operation)
    _document_create(spec)
    filters = [
        _query("service_request_id", "References, comma separated (overrides the rest)."),
        _query("service_code", "Service codes, comma separated."),
        _query("start_date", "Received at or after (w3 format)."),
        _query("end_date", "Received at or before (at most 90 days after start_date)."),
        _query("status", "open, closed or both (comma separated)."),
    ]
    add_operation(
        spec,
        f"{BASE}/requests.{{fmt}}",
        "get",
        _get("Reports (no personal data)", filters, "Up to 1,000 requests."),
    )
    reference = {
        "name": "service_request_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    operation = _get("One report (no personal data)", [reference], "A list of one request.")
    operation["responses"]["404"] = {"description": "No such service_request_id."}
    add_operation(spec, f"{BASE}/requests/{{service_request_id}}.{{fmt}}", "get", operation)
    add_operation(
        spec,
        f"{BASE}/servicerequestupdates.{{fmt}}",
        "get",
        _get(
            "Status changes and public notes (FixMyStreet's extension)",
            [
                _query("start_date", "From (default: a day ago)."),
                _query("end_date", "To (default: now)."),
            ],
            "Updates, oldest first.",
        ),
    )
