"""Loading the JSON Schemas and validating documents against them.

Cross-file `$ref`s resolve through a local `referencing` registry built from
`schema/`, never over the network; formats (`date`, `uri`) are really checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from lasttrain_awards.findings import Finding
from lasttrain_awards.paths import schema_dir

SCHEMA_SUFFIX = ".schema.json"


@cache
def load_schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by short name (`award` for award.schema.json)."""
    return {
        path.name.removesuffix(SCHEMA_SUFFIX): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir().glob(f"*{SCHEMA_SUFFIX}"))
    }


@cache
def registry() -> Registry:
    resources = [
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in load_schemas().values()
    ]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(
        load_schemas()[kind],
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _message(error: ValidationError) -> str:
    # anyOf/oneOf failures say little on their own; the best sub-error says what to fix.
    if error.context:
        error = best_match(error.context)
    if error.validator == "pattern" and isinstance(error.instance, str):
        return f"{error.instance!r} is not in the expected form ({_describe(error)})"
    return error.message


def _describe(error: ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return description or f"pattern {error.validator_value}"


def schema_findings(kind: str, instance: Any, file: str) -> Iterator[Finding]:
    """One finding per schema violation (all of them, not the first), each with its JSON path."""
    errors = validator(kind).iter_errors(instance)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        yield Finding(file=file, rule="schema", message=_message(error), path=error.json_path)
