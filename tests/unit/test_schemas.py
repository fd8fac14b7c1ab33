"""The schemas themselves: valid against the 2020-12 metaschema, each with an $id, refs resolved locally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from lasttrain_awards.validation.jsonfile import DocumentError, parse_json
from lasttrain_awards.validation.jsonschemas import fast_check, load_schemas, registry, validator
from lasttrain_awards.validation.walk import FOLDER_SCHEMAS
from tests.builders import CASES, DATA


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per schema and per data file: read when the tests are collected, not at import."""
    if "name" in metafunc.fixturenames:
        metafunc.parametrize("name", sorted(load_schemas()))
    if "kind" in metafunc.fixturenames:
        metafunc.parametrize(
            ("kind", "path"), _all_data_files(), ids=lambda v: str(v)[-60:] if isinstance(v, Path) else v
        )


def test_schema_is_valid_against_the_metaschema(name: str) -> None:
    schema = load_schemas()[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")


def test_every_data_folder_has_a_schema() -> None:
    assert set(FOLDER_SCHEMAS.values()) <= set(load_schemas())


def test_every_ref_resolves_in_the_local_registry(name: str) -> None:
    resolver = registry().resolver(base_uri=load_schemas()[name]["$id"])

    def refs(node: object):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(load_schemas()[name]):
        resolver.lookup(ref)  # raises Unresolvable when a ref points nowhere (or off the machine)


def test_an_unknown_remote_ref_is_not_fetched() -> None:
    resolver = registry().resolver()
    with pytest.raises(Unresolvable):
        resolver.lookup("https://example.com/not-here.schema.json")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2010", True),
        ("2010-04", True),
        ("2010-04-26", True),
        ("2010-13", False),
        ("2010-02-30", False),
        ("10-04-2010", False),
        ("2010-4-26", False),
    ],
)
def test_dates_of_every_precision(value: str, valid: bool) -> None:
    record = {
        "id": "x",
        "film": "f",
        "event": "e",
        "category": "c",
        "result": "won",
        "date": value,
        "claims": [{"source": "s", "wording": "w"}],
    }
    assert validator("award").is_valid(record) is valid


def test_formats_are_checked() -> None:
    source = {
        "id": "s",
        "title": "t",
        "publisher": "p",
        "kind": "press",
        "url": "http://ok.test/",
        "quoted_in": [{"note": "example-notes.md", "section": "A fictional page"}],
        "retrieved": "2026-02-30",
    }
    errors = list(validator("source").iter_errors(source))
    assert [e.json_path for e in errors] == ["$.retrieved"]


def _parses(path: Path) -> bool:
    try:
        parse_json(path.read_bytes(), path.name)
    except DocumentError:
        return False  # a syntax case: it never reaches the schema
    return True


def _all_data_files() -> list[tuple[str, Path]]:
    roots = [DATA, *(c / "data" for c in sorted(CASES.glob("*/*")) if (c / "data").is_dir())]
    files = []
    for root in roots:
        for path in sorted(root.glob("*/*.json")):
            if FOLDER_SCHEMAS.get(path.parent.name) and path.is_file() and not path.is_symlink() and _parses(path):
                files.append((FOLDER_SCHEMAS[path.parent.name], path))
    return files


def test_the_compiled_validator_agrees_with_jsonschema(kind: str, path: Path) -> None:
    """The fast verdict (fastjsonschema, draft 7 semantics, jsonschema's format checks) must match
    jsonschema's on every data file, the bundled ones and every case's."""
    instance, _ = parse_json(path.read_bytes(), path.name)
    assert fast_check(kind)(instance) == validator(kind).is_valid(instance)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a",
        "http://exa mple.org/",
        "http://[::1",
        "not a url",
        "//no-scheme.org",
        "http://ok.test/?q=归途",
    ],
)
def test_the_compiled_validator_checks_formats_as_jsonschema_does(url: str) -> None:
    """fastjsonschema's own `uri` is a loose regular expression; the compiled check uses jsonschema's."""
    source = json.loads((DATA / "sources" / "current-dga-2011.json").read_text(encoding="utf-8")) | {"url": url}
    assert fast_check("source")(source) == validator("source").is_valid(source)


def _film_with(fact: str, value: object) -> dict[str, object]:
    statement = {"value": value, "source": "s", "wording": "w"}
    return {"id": "f", "title": "t", "year": 2009, "directors": ["d"], "facts": {fact: [statement]}}


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("One paragraph.", True),
        ("One paragraph.\n\nAnother.", True),
        ("A line\nbroken inside a paragraph.", False),
        ("Two blank lines.\n\n\nBetween.", False),
        ("Trailing white space. \n\nBefore the break.", False),
        ("A trailing break.\n\n", False),
    ],
)
def test_a_synopsis_is_paragraphs_separated_by_one_blank_line(value: str, valid: bool) -> None:
    film = _film_with("synopsis", value)
    assert validator("film").is_valid(film) is valid
    assert fast_check("film")(film) is valid


@pytest.mark.parametrize(
    ("quote", "valid"),
    [
        ({"id": "c-q", "text": "q", "critic": "c"}, True),
        ({"id": "o-q", "text": "q", "outlet": "o", "date": "2010-09"}, True),
        ({"id": "q", "text": "q"}, False),  # attributed to no one
        ({"id": "o-q", "text": "q", "outlet": "o", "date": "September 2010"}, False),
        ({"text": "q", "critic": "c"}, False),  # no id: the kit file could not choose it
    ],
)
def test_a_press_quote_names_a_critic_or_an_outlet(quote: dict[str, str], valid: bool) -> None:
    film = _film_with("press_quotes", quote)
    assert validator("film").is_valid(film) is valid
    assert fast_check("film")(film) is valid
