"""Reading the data directory: which files there are, what kind each is, and their JSON.

Reading is strict and never stops at the first bad file. JSON syntax errors carry
the line and column the parser reports; problems Python's `json` would let through
(duplicate keys, NaN or numbers out of range, lone surrogates, absurd nesting) are
found on the parsed value and placed with a position-aware parse. Only regular files
inside the data directory, of a bounded size, are read.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lasttrain_awards.findings import Finding
from lasttrain_awards.positions import PositionMap

# Folder under data/ -> the schema its files follow.
KINDS: dict[str, str] = {
    "films": "film",
    "events": "event",
    "sources": "source",
    "awards": "awards-file",
    "refuted": "refuted",
}
IGNORED_NAMES = {"README.md"}
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32  # the deepest real document (a film fact's value) is 5 levels down


class DocumentError(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings[0].message)
        self.findings = findings


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the keys it had twice."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)  # the last value wins, as in json; the duplicate is reported below
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


def _problems(value: Any) -> Iterator[tuple[str, str]]:
    """(JSON path, message) for each value Python's json accepted but JSON or this project does not."""
    stack: list[tuple[Any, str, int]] = [(value, "$", 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            yield path, f"nested more than {MAX_DEPTH} levels deep"
            continue
        if isinstance(node, dict):
            for key in getattr(node, "duplicates", ()):
                yield f"{path}.{key}", f"duplicate key {key!r} in one object (JSON readers disagree on which wins)"
            stack.extend((v, f"{path}.{k}", depth + 1) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, float) and not math.isfinite(node):
            yield path, "not a finite number: NaN, Infinity and numbers out of range are not valid JSON"
        elif isinstance(node, str) and any("\ud800" <= ch <= "\udfff" for ch in node):
            yield path, "a lone surrogate escape (\\ud800-\\udfff) is not valid Unicode text"


def _line_col(text: str) -> tuple[int, int]:
    """1-based line and column just after `text`."""
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


class _Unusual(ValueError):
    """Something the fast path leaves to the strict parser to place and explain."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Unusual("duplicate key")
    return obj


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Unusual("number out of range")
    return value


def _unusual_constant(text: str) -> Any:
    raise _Unusual(text)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def parse_fast(data: bytes, name: str) -> tuple[Any, str]:
    """Parse a well-formed file quickly; anything unusual goes to the strict parser for its message.

    The C parser with a light hook finds duplicate keys and non-finite numbers; a byte scan
    finds surrogate escapes (rare, and checked exactly by the strict parser).
    """
    try:
        if _SURROGATE_ESCAPE.search(data):
            raise _Unusual("surrogate escape")
        text = data.decode("utf-8-sig")
        content = json.loads(
            text, object_pairs_hook=_unique_keys, parse_float=_finite, parse_constant=_unusual_constant
        )
    except (ValueError, RecursionError):  # decoding, syntax, _Unusual, integer length
        return parse_json(data, name)
    return content, text


def strict_findings(content: Any, text: str, name: str) -> list[Finding]:
    """Syntax findings, placed by line, for what Python's json let through (see _problems)."""
    problems = list(_problems(content))
    if not problems:
        return []
    positions = PositionMap(text)
    findings = []
    for path, message in problems:
        line, column = positions.locate(path) or (None, None)
        findings.append(Finding(file=name, rule="syntax", message=message, path=path, line=line, column=column))
    return findings


def parse_json(data: bytes, name: str) -> tuple[Any, str]:
    """Parse one file's bytes strictly; raise DocumentError with the place of every problem."""

    def fail(
        message: str, line: int | None = None, column: int | None = None, path: str | None = None
    ) -> DocumentError:
        return DocumentError([Finding(file=name, rule="syntax", message=message, path=path, line=line, column=column)])

    try:
        text = data.decode("utf-8-sig")  # a UTF-8 byte-order mark is accepted
    except UnicodeDecodeError as exc:
        line, column = _line_col(data[: exc.start].decode("utf-8", "replace"))
        raise fail(f"not valid UTF-8: byte 0x{data[exc.start]:02x} (save the file as UTF-8)", line, column) from None
    if not text.strip():
        raise fail("empty file: expected a JSON document", 1, 1)
    try:
        content = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise fail(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. an integer longer than Python will convert
        raise fail(f"invalid JSON: {exc}") from None
    findings = strict_findings(content, text, name)
    if findings:
        raise DocumentError(findings)
    return content, text


def read_data_file(path: Path, data_dir: Path) -> bytes:
    """A data file's bytes, refusing what is not a regular file inside the data directory."""
    if path.is_symlink() and not path.resolve().is_relative_to(data_dir.resolve()):
        raise OSError(f"a symbolic link to {path.resolve()}, outside the data directory")
    if not path.is_file():
        raise OSError("not a regular file" + (" (a broken link)" if path.is_symlink() else ""))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise OSError(f"file too large: {size} bytes (the limit is {MAX_FILE_BYTES})")
    return path.read_bytes()


def iter_data_files(data_dir: Path) -> Iterator[tuple[Path, str, str | None]]:
    """Every file under the data directory as (path, name, kind); kind is None for a stray entry."""
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        if any(part.startswith(".") for part in rel.parts) or rel.as_posix() in IGNORED_NAMES:
            continue
        if path.is_dir() and not path.is_symlink() and (len(rel.parts) == 1 or rel.parts[0] not in KINDS):
            continue  # a kind's folder, or a folder whose files are reported one by one
        kind = KINDS.get(rel.parts[0]) if len(rel.parts) == 2 and path.suffix == ".json" else None
        yield path, rel.as_posix(), kind
