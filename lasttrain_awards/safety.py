"""What makes a text safe to show: the one place every output's escaping is defined.

Three hazards, each met by one function that every writer and message uses:

- a spreadsheet runs a cell that starts like a formula (`neutralize`: a leading apostrophe, as
  OWASP advises against CSV injection);
- a terminal obeys control characters (ESC retitles or clears it, CR overwrites a line) and
  bidirectional overrides reorder what it shows (`visible`: each becomes a printed escape);
- Markdown turns text into HTML, links and emphasis (`markdown_text`: entities and backslashes).

JSON escapes control characters by its own rules; `json_visible` extends them to the characters
JSON leaves raw (DEL, C1, bidirectional controls), as `\\uXXXX` escapes of the same value.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

# C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks,
# embeddings, overrides and isolates (Trojan Source, CVE-2021-42574).
_UNSAFE_CODES = [
    *range(0x00, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
UNSAFE = frozenset(map(chr, _UNSAFE_CODES))


def _class(codes: list[int]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\u{code:04x}" for code in codes) + "]")


_UNSAFE = _class(_UNSAFE_CODES)
_UNSAFE_IN_CELL = _class([c for c in _UNSAFE_CODES if c != 0x0A])  # a line break stays one
_UNSAFE_IN_CSV = _class([c for c in _UNSAFE_CODES if c not in (0x09, 0x0A)])  # CSV quotes tabs and line breaks
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str, unsafe: re.Pattern[str] = _UNSAFE) -> str:
    """Every control and bidirectional character shown as an escape (`\\x1b`, `\\n`, `\\u202e`)."""
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


def visible_cell(text: str) -> str:
    """A table cell: as `visible`, but a line break stays one (a cell may wrap over lines)."""
    return visible(text, _UNSAFE_IN_CELL)


def neutralize(value: str) -> str:
    """Make a text cell inert in a spreadsheet: a leading apostrophe before a formula's first character."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_cell(value: str) -> str:
    """A CSV or TSV cell, safe in a spreadsheet and in a terminal (tabs and line breaks are CSV's to quote)."""
    return neutralize(visible(value, _UNSAFE_IN_CSV))


def safe_cells(cells: list[str]) -> list[str]:
    """A row of safe_cell: one search of the whole row for control characters (almost never there)."""
    if _UNSAFE_IN_CSV.search("".join(cells)):
        return [safe_cell(c) for c in cells]
    return [neutralize(c) for c in cells]


_JSON_RAW = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_visible(text: str) -> str:
    """JSON text with the characters JSON writers leave raw escaped as `\\uXXXX` (the same value)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text) if _JSON_RAW.search(text) else text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
# A text that would open a list or underline a heading, or start a formula if pasted into a spreadsheet.
_MARKDOWN_LIST_START = re.compile(r"^([-+=@]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """Data text made literal in Markdown: no HTML, entity, emphasis, link or table, on one line.

    `&`, `<` and `>` become entities (a backslash does not stop every renderer's HTML), the
    rest of Markdown's syntax is backslash-escaped, controls are made visible. Every Markdown
    output (list, export, the press kit) escapes through this one function.
    """
    text = visible(" ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LIST_START.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], text)
