"""The output writers: one per format (table, CSV, TSV, JSON, NDJSON, Markdown), in one registry.

Every command prints through `write`, so what makes an output safe (lasttrain_awards.safety) is applied by the
writer of each format, for every command alike: CSV and TSV cells never run as formulas, Markdown
holds no HTML, a table or any text for a terminal carries no control character.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lasttrain_awards.output.texttable import cell, stream_table
from lasttrain_awards.safety import json_visible, markdown_text, safe_cells

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "markdown")
CHUNK_ROWS = 1000  # rows written at a time by the streamed formats


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


def delimited_chunks(
    rows: Iterable[Mapping[str, Any]], headers: Sequence[str], tsv: bool = False, raw: bool = False
) -> Iterator[str]:
    """CSV (RFC 4180 quoting, CRLF line ends: what spreadsheets expect) or TSV, a chunk of rows at a time.

    Every cell, header included, is made safe (safety.safe_cells) unless `raw`: a cell can never run
    as a formula in a spreadsheet nor drive a terminal, whichever command wrote the file.
    """
    buffer = io.StringIO()
    writer: Any = _TsvWriter(buffer) if tsv else csv.writer(buffer)
    keep = list if raw else safe_cells
    writer.writerow(keep(list(headers)))
    for n, row in enumerate(rows, 1):
        writer.writerow(keep([cell(row.get(h)) for h in headers]))
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
