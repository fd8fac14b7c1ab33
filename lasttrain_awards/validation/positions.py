"""Line and column for a JSON path, from a position-aware parse of the file's text.

Findings carry a JSON path (`$[0].claims[1].source`); editors and GitHub annotations
want a line. The parse runs only for files that have findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from lasttrain_awards.findings import Finding

_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def pointer_parts(json_path: str) -> list[str]:
    """`$[0].claims[1]` -> ['0', 'claims', '1']; also jsonschema's `$['odd key']` form."""
    body = json_path[1:] if json_path.startswith("$") else json_path
    return [next(g for g in m.groups() if g is not None) for m in _STEP.finditer(body)]


def _pointer(parts: list[str]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class _Walker:
    """Finds the offset of the value (or key) at a JSON path by walking only the path, skipping every
    other value with the C scanner: a few microseconds a step, where a full position map of a large
    file costs tens of milliseconds and memory for every value in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.elements: list[int] | None = None  # offsets of the top-level array's items, found once

    def _skip_space(self, index: int) -> int:
        match = _SPACE.match(self.text, index)
        return match.end() if match else index

    def _value_end(self, index: int) -> int:
        return _DECODER.raw_decode(self.text, index)[1]

    def _items(self, index: int) -> list[int]:
        """Offsets of an array's items; `index` is at its `[`."""
        offsets: list[int] = []
        index = self._skip_space(index + 1)
        if self.text.startswith("]", index):
            return offsets
        while True:
            offsets.append(index)
            index = self._skip_space(self._value_end(index))
            if not self.text.startswith(",", index):
                return offsets
            index = self._skip_space(index + 1)

    def _member(self, index: int, key: str) -> tuple[int, int] | None:
        """(key offset, value offset) of a member of the object at `index` (its `{`); of its last
        occurrence when the key is repeated, as a parser keeps the last value."""
        found = None
        index = self._skip_space(index + 1)
        while self.text.startswith('"', index):
            name, after = _DECODER.raw_decode(self.text, index)
            value = self._skip_space(self._skip_space(after) + 1)  # past the colon
            if name == key:
                found = index, value
            index = self._skip_space(self._value_end(value))
            if not self.text.startswith(",", index):
                break
            index = self._skip_space(index + 1)
        return found

    def locate(self, parts: list[str]) -> int | None:
        """The offset of the key (or, for an array item, the value) at the path; None if not found."""
        index, where = self._skip_space(0), None
        if self.text.startswith("\ufeff", index):
            index = self._skip_space(index + 1)
        for depth, part in enumerate(parts):
            if self.text.startswith("[", index) and part.isdigit():
                if depth == 0:
                    if self.elements is None:
                        self.elements = self._items(index)
                    items = self.elements
                else:
                    items = self._items(index)
                if int(part) >= len(items):
                    return where
                index = where = items[int(part)]
            elif self.text.startswith("{", index):
                member = self._member(index, part)
                if member is None:
                    return where
                where, index = member
            else:
                return where
        return where if parts else index


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    return line + 1, index - (text.rfind("\n", 0, index) + 1) + 1


class PositionMap:
    """Positions of every value (and key) in one JSON text."""

    def __init__(self, text: str) -> None:
        try:
            from json_source_map import calculate  # only when a finding needs placing

            self._entries: dict[str, Any] = calculate(text)
        except Exception:  # the text did not parse; its syntax finding already has a line
            self._entries = {}

    def locate(self, json_path: str) -> tuple[int, int] | None:
        """1-based (line, column) of the key (or value) at the path, or of its nearest ancestor."""
        parts = pointer_parts(json_path)
        while True:
            entry = self._entries.get(_pointer(parts))
            if entry is not None:
                where = entry.key_start or entry.value_start
                return where.line + 1, where.column + 1
            if not parts:
                return None
            parts.pop()


def with_lines(findings: Iterable[Finding], read_text: Callable[[str], str | None]) -> list[Finding]:
    """The findings, each with a line and column where its JSON path can be placed.

    Files are read one at a time, only those with a finding to place, and let go before the next:
    memory stays bounded however many warnings a large archive has.
    """
    placed: list[Finding] = []
    pending: dict[str, list[int]] = {}
    for finding in findings:
        if finding.line is None and finding.path:
            pending.setdefault(finding.file, []).append(len(placed))
        placed.append(finding)
    for file, indexes in pending.items():
        text = read_text(file)
        if text is None:
            continue
        walker, fallback = _Walker(text), None
        for i in indexes:
            finding = placed[i]
            assert finding.path is not None
            try:
                offset = walker.locate(pointer_parts(finding.path))
                where = _line_col(text, offset) if offset is not None else None
            except (ValueError, IndexError):  # not the JSON we expect: the full map decides
                fallback = fallback or PositionMap(text)
                where = fallback.locate(finding.path)
            if where:
                placed[i] = replace(finding, line=where[0], column=where[1])
    return placed
