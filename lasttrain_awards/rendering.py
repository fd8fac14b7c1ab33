"""The output writers: one per format (table, CSV, TSV, JSON, NDJSON, Markdown), in one registry.

Every command prints through `write`, so what makes an output safe (textsafety) is applied by the
writer of each format, for every command alike: CSV and TSV cells never run as formulas, Markdown
holds no HTML, a table or any text for a terminal carries no control character.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lasttrain_awards.textsafety import json_visible, markdown_text, safe_cell, visible, visible_cell

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "markdown")
COLUMN_GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_COLUMN = 8
HEADER_PADDING = 2
CHUNK_ROWS = 1000  # rows written at a time by the streamed formats
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


def to_json(data: Any) -> str:
    return json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def to_ndjson(items: Iterable[Any]) -> str:
    """Newline-delimited JSON: one compact object per line (jq, log tools, streaming readers)."""
    return "".join(ndjson_chunks(items))


_TSV_BREAKS = re.compile(r"[\t\r\n]+")


def tsv_cell(text: str) -> str:
    """A TSV field: tabs and line breaks become one space, as TSV has no quoting (cut, awk, paste)."""
    return _TSV_BREAKS.sub(" ", text)


def tsv_line(cells: Iterable[str]) -> str:
    return "\t".join(tsv_cell(c) for c in cells) + "\n"


def to_tsv(rows: Sequence[Mapping[str, Any]], headers: Sequence[str]) -> str:
    return "".join(delimited_chunks(rows, headers, tsv=True))


def to_csv(rows: Sequence[Mapping[str, Any]], headers: Sequence[str]) -> str:
    return "".join(delimited_chunks(rows, headers))


def to_markdown(rows: Sequence[Mapping[str, Any]], headers: Sequence[str]) -> str:
    from tabulate import tabulate  # only the table formats need it

    body = [[markdown_text(cell(row.get(h))) for h in headers] for row in rows]
    headers = [markdown_text(h) for h in headers]
    return tabulate(body, headers=headers, tablefmt="github", disable_numparse=True) + "\n"


def _floors(headers: Sequence[str], body: Sequence[Sequence[str]], natural: list[int], total: int) -> list[int]:
    """How narrow each column may get: its header, MIN_COLUMN, and its longest word, so that wrapping
    breaks between words, never inside one. The longest word counts up to LONGEST_UNBROKEN, less if
    the columns would not fit the terminal otherwise (then only a word longer than that is cut)."""
    longest = [max((len(word) for row in body for word in row[i].split()), default=0) for i in range(len(headers))]
    budget = total - COLUMN_GAP * (len(headers) - 1)
    floors: list[int] = []
    for cap in (LONGEST_UNBROKEN, 24, 20, 16, 12, MIN_COLUMN):
        floors = [
            min(natural[i], max(len(header) + HEADER_PADDING, MIN_COLUMN, min(longest[i], cap)))
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
    floors = [len(h) + HEADER_PADDING for h in headers]
    natural = [
        max(floors[i], *(len(line) for r in body for line in r[i].splitlines() or [""])) for i in range(len(headers))
    ]
    total = width or shutil.get_terminal_size(fallback=(120, 24)).columns
    widths = _fit(natural, _floors(headers, body, natural, total), total)
    # Wrapped here, between words only (tabulate's own wrapping also breaks at hyphens, inside ids)
    wrapped = [["\n".join(_wrap(c, w)) if len(c) > w else c for c, w in zip(r, widths, strict=True)] for r in body]
    return tabulate(wrapped, headers=list(headers), tablefmt="simple", disable_numparse=True) + "\n"


LARGE_TABLE = 1000  # rows: from here on a table is laid out from a sample, not by measuring every cell


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return (" " * COLUMN_GAP).join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


_JOINS = "/-._"  # where a word too long for its column may be split: after a slash, hyphen, dot or underscore


def _split_point(word: str, width: int) -> int:
    """Where to split a word longer than the column: after its last join that fits, else at the width."""
    for i in range(width, 0, -1):
        if word[i - 1] in _JOINS:
            return i
    return width


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: lines of at most `width`, broken between words. A word longer than the
    column (only when the terminal is too narrow for it) is split after a slash, hyphen or dot
    ("Documentary/" + "Non-Fiction"), cut only when it has none. What textwrap does for a plain
    cell, without its regular expressions and without breaking at every hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:  # a word longer than the column
            if current:
                lines.append(current)
                current = ""
            cut = _split_point(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
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
    floors = [len(h) + HEADER_PADDING for h in headers]
    natural = [max(floors[i], *(len(r[i]) for r in body)) for i in range(len(headers))]
    total = width or shutil.get_terminal_size(fallback=(120, 24)).columns
    widths = _fit(natural, _floors(headers, body, natural, total), total)
    lines = [_table_line(headers, widths), _table_line(["-" * w for w in widths], widths)]
    template = (" " * COLUMN_GAP).join(f"{{:<{w}}}" for w in widths)
    full = sum(widths) + COLUMN_GAP * (len(widths) - 1)

    def render_row(cells: list[str]) -> None:
        line = template.format(*cells)
        if len(line) == full and "\n" not in line:  # every cell fits its column: one line as it is
            lines.append(line.rstrip())
            return
        wrapped = [_wrap(c, w) if len(c) > w or "\n" in c else [c] for c, w in zip(cells, widths, strict=True)]
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


def delimited_chunks(
    rows: Iterable[Mapping[str, Any]], headers: Sequence[str], tsv: bool = False, raw: bool = False
) -> Iterator[str]:
    """CSV (RFC 4180 quoting, CRLF line ends: what spreadsheets expect) or TSV, a chunk of rows at a time.

    Every cell, header included, is made safe (textsafety.safe_cell) unless `raw`: a cell can never run
    as a formula in a spreadsheet nor drive a terminal, whichever command wrote the file.
    """
    buffer = io.StringIO()
    writer: Any = _TsvWriter(buffer) if tsv else csv.writer(buffer)
    keep = str if raw else safe_cell
    writer.writerow([keep(h) for h in headers])
    for n, row in enumerate(rows, 1):
        writer.writerow([keep(cell(row.get(h))) for h in headers])
        if n % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


class _TsvWriter:
    """csv.writer's interface for TSV: no quoting, tabs and line breaks in a value become spaces."""

    def __init__(self, buffer: io.StringIO) -> None:
        self.buffer = buffer

    def writerow(self, cells: Iterable[str]) -> None:
        self.buffer.write(tsv_line(cells))


def json_chunks(records: Iterable[Any]) -> Iterator[str]:
    """A JSON array, laid out as json.dumps(ensure_ascii=False, indent=2) lays it out (orjson writes the
    same, several times faster), a chunk of records at a time."""
    import orjson

    separator = "[\n  "
    pieces: list[str] = []
    for record in records:
        item = orjson.dumps(record, option=orjson.OPT_INDENT_2).decode()
        pieces.append(separator + item.replace("\n", "\n  "))
        separator = ",\n  "
        if len(pieces) == CHUNK_ROWS:
            yield json_visible("".join(pieces))
            pieces = []
    yield json_visible("".join(pieces)) + ("[]\n" if separator.startswith("[") else "\n]\n")


def ndjson_chunks(records: Iterable[Any]) -> Iterator[str]:
    """One compact JSON record per line, a chunk of records at a time."""
    import orjson

    pieces: list[bytes] = []
    for record in records:
        pieces.append(orjson.dumps(record))
        if len(pieces) == CHUNK_ROWS:
            yield json_visible(b"\n".join(pieces).decode()) + "\n"
            pieces = []
    yield json_visible(b"\n".join(pieces).decode()) + "\n" if pieces else ""


@dataclass
class Output:
    """What a command prints, in a shape every writer takes.

    `rows` (cells by header) feed the table, CSV, TSV and Markdown; `records` the JSON array and the
    NDJSON lines (the rows themselves when not given); `document`, when given, is the JSON output
    instead of an array (a command whose JSON is one object, as stats).
    """

    headers: Sequence[str]
    rows: Iterable[Mapping[str, Any]]
    records: Iterable[Any] | None = None
    document: Any = None
    raw: bool = False  # CSV and TSV cells as they are (export --raw): unsafe in a spreadsheet


def _table(output: Output) -> Iterator[str]:
    return stream_table(output.rows, output.headers)


def _csv(output: Output) -> Iterator[str]:
    return delimited_chunks(output.rows, output.headers, raw=output.raw)


def _tsv(output: Output) -> Iterator[str]:
    return delimited_chunks(output.rows, output.headers, tsv=True, raw=output.raw)


def _json(output: Output) -> Iterator[str]:
    if output.document is not None:
        return iter([to_json(output.document)])
    return json_chunks(output.records if output.records is not None else output.rows)


def _ndjson(output: Output) -> Iterator[str]:
    return ndjson_chunks(output.records if output.records is not None else output.rows)


def _markdown(output: Output) -> Iterator[str]:
    yield to_markdown(list(output.rows), output.headers)  # it aligns its columns: it needs every row


# The one registry of writers: every command prints through it, so every format's safety holds for all.
WRITERS: dict[str, Callable[[Output], Iterator[str]]] = {
    "table": _table,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "ndjson": _ndjson,
    "markdown": _markdown,
}
assert tuple(WRITERS) == FORMATS


def write(fmt: str, output: Output) -> Iterator[str]:
    """The output in the chosen format, as pieces of text (rows streamed where the format allows)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    return writer(output)


def render(fmt: str, rows: Sequence[Mapping[str, Any]], headers: Sequence[str], json_data: Any = None) -> str:
    """Rows (dicts keyed by header) in the chosen format as one text; JSON prints `json_data` when given."""
    if fmt == "ndjson" and isinstance(json_data, list):
        return "".join(write(fmt, Output(headers, rows, records=json_data)))
    document = json_data if fmt == "json" else None
    return "".join(write(fmt, Output(headers, rows, document=document)))
