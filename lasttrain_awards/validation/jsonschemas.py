"""Loading the JSON Schemas and validating documents against them.

Cross-file `$ref`s resolve locally (a `referencing` registry for jsonschema, a handler for
fastjsonschema), never over the network. A compiled validator (fastjsonschema) gives the
verdict for each file; jsonschema, with real format checks, explains every error of the
files that fail. Both are imported only when validating: the query path never loads them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from lasttrain_awards.findings import Finding
from lasttrain_awards.paths import schema_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SCHEMA_SUFFIX = ".schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One schema by short name (`award` for award.schema.json)."""
    schema: dict[str, Any] = json.loads((schema_dir() / f"{name}{SCHEMA_SUFFIX}").read_text(encoding="utf-8"))
    return schema


@cache
def load_schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by short name."""
    names = sorted(path.name.removesuffix(SCHEMA_SUFFIX) for path in schema_dir().glob(f"*{SCHEMA_SUFFIX}"))
    return {name: load_schema(name) for name in names}


@cache
def registry() -> Registry:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in load_schemas().values()
    ]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        load_schemas()[kind],
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@cache
def fast_check(kind: str) -> Callable[[Any], bool]:
    """A compiled validator: True when the document is valid (the verdict only, no report).

    Formats are checked by jsonschema's own format checker (fastjsonschema's `uri`, a
    regular expression, is looser), so the verdict is the one jsonschema would give.
    """
    import fastjsonschema
    from jsonschema import Draft202012Validator

    checkers = Draft202012Validator.FORMAT_CHECKER.checkers  # name -> (check, the errors it raises)
    formats = {name: functools.partial(_conforms, check, raises) for name, (check, raises) in checkers.items()}
    by_id = {schema["$id"]: schema for schema in load_schemas().values()}
    compiled = fastjsonschema.compile(load_schemas()[kind], handlers={"https": by_id.__getitem__}, formats=formats)

    def check(instance: Any) -> bool:
        try:
            compiled(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


def _conforms(check: Callable[[Any], bool], raises: type[Exception] | tuple[type[Exception], ...], value: Any) -> bool:
    """One of jsonschema's format checks, called as FormatChecker.conforms calls it."""
    try:
        return bool(check(value))
    except raises:
        return False


def _message(error: ValidationError) -> str:
    from jsonschema.exceptions import best_match

    # anyOf/oneOf failures say little on their own; the best sub-error says what to fix.
    if error.context:
        error = best_match(error.context)
    if error.validator == "pattern" and isinstance(error.instance, str):
        description = error.schema.get("description") if isinstance(error.schema, dict) else None
        return f"{error.instance!r} is not in the expected form ({description or f'pattern {error.validator_value}'})"
    return error.message


def schema_findings(kind: str, instance: Any, file: str) -> Iterator[Finding]:
    """One finding per schema violation (all of them, not the first), each with its JSON path.

    The compiled verdict comes first; jsonschema explains only the documents that fail.
    """
    if fast_check(kind)(instance):
        return
    errors = validator(kind).iter_errors(instance)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        yield Finding(file=file, rule="schema", message=_message(error), path=error.json_path)
