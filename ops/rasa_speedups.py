"""Rasa 3.6 validates every answer of the action server and of the NLG endpoint with
`jsonschema.validate`, which checks the schema itself again on every call (about 24 ms an
answer here, a third of the Rasa server's time under load: bench/load.py, issue 14). Rasa
imports `validate` from `jsonschema` inside each call, so replacing the module's function
reaches both checks: each schema's validator is built (and the schema checked) once. Answers
are validated exactly as before: a bad one still raises `jsonschema.ValidationError`.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_validators: dict[str, Any] = {}
MAX_SCHEMAS = 256  # Rasa has a handful; a bound all the same


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate`, with the validator for each distinct schema built once."""
    key = json.dumps(schema, sort_keys=True, default=str)
    validator = _validators.get(key)
    if validator is None:
        cls = cls or validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, *args, **kwargs)
        if len(_validators) < MAX_SCHEMAS:
            _validators[key] = validator
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    jsonschema.validate = cached_validate
