"""Reading the data directory: which files there are, what kind each is, and their JSON.

JSON syntax problems become findings with a line and column; a file that cannot be
read never stops the others from being checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lasttrain_awards.findings import Finding

# Folder under data/ -> the schema its files follow.
KINDS: dict[str, str] = {
    "films": "film",
    "events": "event",
    "sources": "source",
    "awards": "awards-file",
}
IGNORED_NAMES = {"README.md"}


@dataclass(frozen=True)
class Document:
    """One parsed data file."""

    path: Path
    name: str  # path relative to the data directory, with forward slashes
    kind: str
    content: Any


class DocumentError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python's json keeps the last of two equal keys without a word; a data file
    # with both is ambiguous, so it is an error.
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def parse_json(data: bytes, name: str) -> Any:
    """Parse one file's bytes strictly, raising DocumentError with the place of the problem."""

    def fail(message: str, line: int | None = None, column: int | None = None) -> DocumentError:
        return DocumentError(Finding(file=name, rule="syntax", message=message, line=line, column=column))

    try:
        text = data.decode("utf-8-sig")  # a UTF-8 byte-order mark is accepted
    except UnicodeDecodeError as exc:
        line, column = _line_col(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise fail(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}", line, column) from None
    if not text.strip():
        raise fail("empty file: expected a JSON document", 1, 1)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        raise fail(f"duplicate key {str(exc)!r} in one object") from None
    except ValueError as exc:
        raise fail(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise fail("JSON nested too deeply") from None


def iter_data_files(data_dir: Path) -> Iterator[tuple[Path, str, str | None]]:
    """Every file under the data directory as (path, name, kind); kind is None for a stray file."""
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        if rel.as_posix() in IGNORED_NAMES:
            continue
        kind = KINDS.get(rel.parts[0]) if len(rel.parts) == 2 and path.suffix == ".json" else None
        yield path, rel.as_posix(), kind


def read_documents(data_dir: Path) -> tuple[list[Document], list[Finding]]:
    """Parse every data file; collect a finding for each one that cannot be used."""
    documents: list[Document] = []
    findings: list[Finding] = []
    for path, name, kind in iter_data_files(data_dir):
        if kind is None:
            expected = ", ".join(f"{folder}/*.json" for folder in KINDS)
            findings.append(Finding(file=name, rule="layout", message=f"unexpected file: data files are {expected}"))
            continue
        try:
            documents.append(Document(path, name, kind, parse_json(path.read_bytes(), name)))
        except DocumentError as exc:
            findings.append(exc.finding)
        except OSError as exc:
            findings.append(Finding(file=name, rule="syntax", message=f"cannot read file: {exc.strerror}"))
    return documents, findings
