"""Line and column for a JSON path, from a position-aware parse of the file's text.

Findings carry a JSON path (`$[0].claims[1].source`); editors and GitHub annotations
want a line. The parse runs only for files that have findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def with_lines(findings: Iterable[Finding], texts: dict[str, str]) -> list[Finding]:
    """The findings, each with a line and column where its JSON path can be placed."""
    maps: dict[str, PositionMap] = {}
    placed: list[Finding] = []
    for finding in findings:
        if finding.line is None and finding.path and finding.file in texts:
            if finding.file not in maps:
                maps[finding.file] = PositionMap(texts[finding.file])
            where = maps[finding.file].locate(finding.path)
            if where:
                finding = replace(finding, line=where[0], column=where[1])
        placed.append(finding)
    return placed
