"""Reading data files: what cannot be stored as a case file (FIFOs, size limits) and strict parsing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lasttrain_awards.validation import jsonfile as documents
from lasttrain_awards.validation import walk
from lasttrain_awards.validation.fingerprint import fingerprint
from lasttrain_awards.validation.jsonfile import DocumentError, parse_json
from lasttrain_awards.validation.scanner import validate


def _errors(data_dir: Path) -> list[str]:
    _, report = validate(data_dir)
    return [f"{f.file}: {f.message}" for f in report.errors]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_read(data_dir: Path) -> None:
    os.mkfifo(data_dir / "awards" / "pipe.json")
    assert "awards/pipe.json: cannot read: not a regular file" in _errors(data_dir)
    fingerprint(data_dir)  # returns instead of blocking on the pipe


def test_a_file_over_the_size_limit(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(walk, "MAX_FILE_BYTES", 100)
    assert any("awards/apsa.json: cannot read: file too large" in e for e in _errors(data_dir))


def test_a_broken_link_is_reported(data_dir: Path) -> None:
    (data_dir / "events" / "gone.json").symlink_to(data_dir / "events" / "nowhere.json")
    assert "events/gone.json: cannot read: not a regular file (a broken link)" in _errors(data_dir)
    fingerprint(data_dir)


def test_one_broken_event_file_does_not_cascade(data_dir: Path) -> None:
    (data_dir / "events" / "ridm.json").write_text("3", encoding="utf-8")
    (data_dir / "films" / "last-train-home.json").write_text("{", encoding="utf-8")
    errors = _errors(data_dir)
    assert len(errors) == 2, errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": [1, "\\udc00"]}', "lone surrogate"),
        ('{"a": -Infinity}', "not a finite number"),
        ('{"a": {"b": 1, "b": 1}}', "duplicate key 'b'"),
        ("[" + "1" * 5000 + "]", "a number of 5,000 digits"),
        ("\ufeff", "empty file"),
    ],
)
def test_strict_parsing(text: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_json(text.encode("utf-8"), "x.json")
    assert message in info.value.findings[0].message


def test_a_bom_is_accepted() -> None:
    assert parse_json(b'\xef\xbb\xbf{"a": 1}', "x.json")[0] == {"a": 1}


def test_utf16_is_reported_as_not_utf8() -> None:
    with pytest.raises(DocumentError) as info:
        parse_json('{"a": 1}'.encode("utf-16"), "x.json")
    assert "not valid UTF-8" in info.value.findings[0].message


def _paths(value: object) -> Iterator[str]:
    """Every JSON path in the value, in document order, with a stack of its own: a case file nests
    ~1,000 deep, which Python 3.12 and later parse, and a recursive walk of it would overflow."""
    stack: list[tuple[str, object]] = [("$", value)]
    while stack:
        path, node = stack.pop()
        yield path
        if isinstance(node, dict):
            steps = [(k, f".{k}" if k.replace("_", "a").replace("-", "a").isalnum() else f"['{k}']") for k in node]
            stack.extend((path + step, node[key]) for key, step in reversed(steps))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(node))))


def test_the_path_walker_places_every_path_where_the_full_map_does() -> None:
    """Findings are placed by walking only their path; a full position map of the file must agree."""
    from lasttrain_awards.validation.positions import PositionMap, _line_col, _Walker, pointer_parts
    from tests.builders import CASES, DATA

    files = sorted(DATA.glob("*/*.json")) + sorted(CASES.glob("*/*/data/*/*.json"))
    checked = 0
    for path in files:
        if path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
            value = json.loads(text)
        except (ValueError, RecursionError):
            continue
        full, walker = PositionMap(text), _Walker(text)
        if full.locate("$") is None:  # the full map recurses, and gives up on a file nested ~1,000 deep:
            # only one the reader refuses whole, its finding placed by _too_deep (tested below), not by a path
            assert max(len(pointer_parts(p)) for p in _paths(value)) > documents.MAX_DEPTH, path
            continue
        for json_path in _paths(value):
            offset = walker.locate(pointer_parts(json_path))
            assert (None if offset is None else _line_col(text, offset)) == full.locate(json_path), (path, json_path)
            checked += 1
    assert checked > 3_000


@pytest.mark.parametrize("depth", [40, 20_000], ids=["parsed", "too-deep-for-the-parser"])
@pytest.mark.parametrize(
    ("shape", "path", "line", "column"),
    [
        ("{}", "$" + "[0]" * 33, 1, 34),
        ('{{"a": [1, {{"b c": {}}}]}}', "$.a[1].b c" + "[0]" * 30, 1, 49),  # keys, odd ones as the parser gives them
        ('[\n  "x\\"[{{",\n  {}\n]', "$[1]" + "[0]" * 32, 3, 35),  # brackets in a string count for nothing
    ],
)
def test_a_file_nested_too_deep_gets_one_finding_on_every_python(
    depth: int, shape: str, path: str, line: int, column: int
) -> None:
    """Python 3.11's parser gives up near 1,000 levels, 3.13's near 10,000: whether this Python's parsed
    the file or not, the finding is the same, at the first value nested more than MAX_DEPTH deep."""
    text = shape.format("[" * depth + "]" * depth)
    with pytest.raises(DocumentError) as info:
        parse_json(text.encode("utf-8"), "x.json")
    [finding] = info.value.findings
    assert (finding.rule, finding.message, finding.path, finding.line, finding.column) == (
        "syntax",
        documents.TOO_DEEP,
        path,
        line,
        column,
    )
    if depth < 100:  # the text, read without the parser, agrees with the parsed value
        assert list(documents._problems(json.loads(text)))[-1] == (path, documents.TOO_DEEP)


def test_a_member_nested_too_deep_is_placed_at_its_key() -> None:
    text = '{"k": ' * 40 + "1" + "}" * 40
    with pytest.raises(DocumentError) as info:
        parse_json(text.encode("utf-8"), "x.json")
    [finding] = info.value.findings
    assert (finding.path, finding.line, finding.column) == ("$" + ".k" * 33, 1, 32 * 6 + 2)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("[1,]", "Illegal trailing comma before end of array", 3),
        ("[1 , ]", "Illegal trailing comma before end of array", 4),
        ('{"a": [1,\n  ], "b": 2}', "Illegal trailing comma before end of array", 9),
        ('{"a": 1 ,\n }', "Illegal trailing comma before end of object", 9),
        ("[1,}", "Expecting value", 4),  # not a trailing comma: the wrong bracket
        ("[,]", "Expecting value", 2),
    ],
)
def test_a_trailing_comma_is_named_at_the_comma_on_every_python(text: str, message: str, column: int) -> None:
    """Python 3.13 names a trailing comma, at the comma; older ones say "Expecting value" at the bracket."""
    with pytest.raises(DocumentError) as info:
        parse_json(text.encode("utf-8"), "x.json")
    [finding] = info.value.findings
    assert (finding.message, finding.line, finding.column) == (f"invalid JSON: {message}", 1, column)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"a": "x\\":y", "b": 1}', {"a": 'x":y', "b": 1}),  # a `":` inside a string is no key
        (b'{"year": 2010.0, "n": 2.01e3}', {"year": 2010, "n": 2010}),  # integral floats become integers
        (b'\xef\xbb\xbf{"a": 1}', {"a": 1}),  # a byte-order mark
    ],
)
def test_the_fast_reader_gives_what_the_strict_one_gives(data: bytes, expected: object) -> None:
    from lasttrain_awards.validation.jsonfile import parse_fast, parse_json

    assert parse_fast(data, "f.json")[0] == expected == parse_json(data, "f.json")[0]


@pytest.mark.parametrize("data", [b'{"a": 1, "a": 2}', b'{"a":1, "a" :2}', b'{"x": {"a": 1, "a": 1}}'])
def test_the_fast_reader_never_merges_a_repeated_key(data: bytes) -> None:
    from lasttrain_awards.validation.jsonfile import DocumentError, parse_fast

    with pytest.raises(DocumentError, match="duplicate key 'a'"):
        parse_fast(data, "f.json")
