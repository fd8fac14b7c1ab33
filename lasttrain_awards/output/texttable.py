"""Text tables for a terminal: columns that fit its width, cells wrapped between words.

Small results are laid out by tabulate from every cell; a large one is streamed, its column widths
taken from a sample. Every cell is made visible first (no control character reaches the terminal).
Widths are display widths (wcwidth): a Chinese or Korean character takes two columns, a combining
accent none, so CJK titles align as ASCII ones do (tabulate measures with wcwidth too).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from lasttrain_awards.safety import visible, visible_cell

COLUMN_GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_COLUMN = 8
HEADER_PADDING = 2
LONGEST_UNBROKEN = 30  # a column is never narrower than its longest word, up to this (then a URL is cut)


def cell(value: Any) -> str:
    """A value as one cell: lists joined, nothing for None."""
    if type(value) is str:  # the common case first: a million cells go through here
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def display_width(text: str) -> int:
    """The columns a text takes on a terminal (ASCII, the common case, by its length)."""
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth, wcwidth  # only for text beyond ASCII: most tables never load it

    measured = wcswidth(text)
    return measured if measured >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def _pad(text: str, columns: int) -> str:
    """The text left-aligned in `columns` display columns."""
    return text + " " * (columns - display_width(text))


def _floors(headers: Sequence[str], body: Sequence[Sequence[str]], natural: list[int], total: int) -> list[int]:
    """How narrow each column may get: its header, MIN_COLUMN, and its longest word, so that wrapping
    breaks between words, never inside one. The longest word counts up to LONGEST_UNBROKEN, less if
    the columns would not fit the terminal otherwise (then only a word longer than that is cut)."""
    longest = [max((display_width(w) for row in body for w in row[i].split()), default=0) for i in range(len(headers))]
    budget = total - COLUMN_GAP * (len(headers) - 1)
    floors: list[int] = []
    for cap in (LONGEST_UNBROKEN, 24, 20, 16, 12, MIN_COLUMN):
        floors = [
            min(natural[i], max(display_width(header) + HEADER_PADDING, MIN_COLUMN, min(longest[i], cap)))
            for i, header in enumerate(headers)
        ]
        if sum(floors) <= budget:
            break
    return floors


def _fit(natural: list[int], floors: list[int], total: int) -> list[int]:
    """Column widths that fit the terminal: shrink the widest columns first, none below its floor."""
    widths = list(natural)
    budget = total - COLUMN_GAP * (len(widths) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    return widths


def to_table(rows: Sequence[Mapping[str, Any]], headers: Sequence[str], width: int | None = None) -> str:
    if not rows:
        return "(no rows)\n"
    from tabulate import tabulate

    body = [[visible_cell(cell(row.get(h))) for h in headers] for row in rows]
    headers = [visible(h) for h in headers]
    # tabulate pads every column to at least its header plus HEADER_PADDING.
    floors = [display_width(h) + HEADER_PADDING for h in headers]
    natural = [
        max(floors[i], *(display_width(line) for r in body for line in r[i].splitlines() or [""]))
        for i in range(len(headers))
    ]
    total = width or shutil.get_terminal_size(fallback=(120, 24)).columns
    widths = _fit(natural, _floors(headers, body, natural, total), total)
    # Wrapped here, between words only (tabulate's own wrapping also breaks at hyphens, inside ids)
    wrapped = [
        ["\n".join(_wrap(c, w)) if display_width(c) > w else c for c, w in zip(r, widths, strict=True)] for r in body
    ]
    return tabulate(wrapped, headers=list(headers), tablefmt="simple", disable_numparse=True) + "\n"


LARGE_TABLE = 1000  # rows: from here on a table is laid out from a sample, not by measuring every cell


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return (" " * COLUMN_GAP).join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


_JOINS = "/-._"  # where a word too long for its column may be split: after a slash, hyphen, dot or underscore


def _split_point(word: str, columns: int) -> int:
    """Where to split a word wider than the column: after its last join that fits, else at the width
    (at least one character, whatever its width)."""
    fits, taken = 0, 0
    for i, ch in enumerate(word):
        taken += display_width(ch)
        if taken > columns:
            break
        fits = i + 1
    for i in range(fits, 0, -1):
        if word[i - 1] in _JOINS:
            return i
    return max(fits, 1)


def _wrap(text: str, columns: int) -> list[str]:
    """Greedy word wrap: lines of at most `columns` (display columns), broken between words. A word longer than the
    column (only when the terminal is too narrow for it) is split after a slash, hyphen or dot
    ("Documentary/" + "Non-Fiction"), cut only when it has none. What textwrap does for a plain
    cell, without its regular expressions and without breaking at every hyphen."""
    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        wide = display_width(word)
        while wide > columns:  # a word wider than the column
            if current:
                lines.append(current)
                current, used = "", 0
            cut = _split_point(word, columns)
            lines.append(word[:cut])
            word = word[cut:]
            wide = display_width(word)
        if not current:
            current, used = word, wide
        elif used + 1 + wide <= columns:
            current += " " + word
            used += 1 + wide
        else:
            lines.append(current)
            current, used = word, wide
    if current or not lines:
        lines.append(current)
    return lines


def stream_table(rows: Iterable[Mapping[str, Any]], headers: Sequence[str], width: int | None = None) -> Iterator[str]:
    """A table as pieces of text, rows streamed: tabulate's layout for a small result; for a large one,
    column widths from the first LARGE_TABLE rows and the terminal, and only the cells wider than their
    column wrapped (between words), so a 30,000-row listing is not measured cell by cell."""
    iterator = iter(rows)
    sample = list(islice(iterator, LARGE_TABLE))
    if len(sample) < LARGE_TABLE:
        yield to_table(sample, headers, width)
        return
    body = [[visible_cell(cell(row.get(h))) for h in headers] for row in sample]
    keys, headers = headers, [visible(h) for h in headers]
    floors = [display_width(h) + HEADER_PADDING for h in headers]
    natural = [max(floors[i], *(display_width(r[i]) for r in body)) for i in range(len(headers))]
    total = width or shutil.get_terminal_size(fallback=(120, 24)).columns
    widths = _fit(natural, _floors(headers, body, natural, total), total)
    lines = [_table_line(headers, widths), _table_line(["-" * w for w in widths], widths)]
    template = (" " * COLUMN_GAP).join(f"{{:<{w}}}" for w in widths)
    full = sum(widths) + COLUMN_GAP * (len(widths) - 1)

    def render_row(cells: list[str]) -> None:
        line = template.format(*cells)
        if len(line) == full and "\n" not in line and line.isascii():  # every cell fits: one line as it is
            lines.append(line.rstrip())
            return
        wrapped = [
            _wrap(c, w) if display_width(c) > w or "\n" in c else [c] for c, w in zip(cells, widths, strict=True)
        ]
        for i in range(max(map(len, wrapped))):
            lines.append(_table_line([w[i] if i < len(w) else "" for w in wrapped], widths))

    for cells in body:
        render_row(cells)
    for row in iterator:
        render_row([visible_cell(cell(row.get(h))) for h in keys])
        if len(lines) >= LARGE_TABLE:
            yield "\n".join(lines) + "\n"
            lines = []
    yield "\n".join(lines) + "\n" if lines else ""
