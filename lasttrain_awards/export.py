"""The press-kit export: one row per accolade, safe to open in a spreadsheet.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab,
CR or LF) are prefixed with an apostrophe, as OWASP advises against CSV
injection, in every format of the export, unless the caller asks for raw values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from lasttrain_awards.queries import AwardRow
from lasttrain_awards.rendering import cell, render, stream_table, tsv_line
from lasttrain_awards.summary import is_official_selection

COLUMNS = ("Year", "Event", "Category", "Result", "Recipients", "City", "Country", "Sources")
LIST_COLUMNS = ("Year", "Date", "Event", "Category", "Result", "Sources")
ADDRESS_COLUMN = "Source addresses"  # with --urls: each cited source's address, in the order of Sources
UNSTATED = "award laurel; no source states the result"  # a win read from a list of laurels
RESULT_LABELS = {
    "won": "Won",
    "nominated": "Nominated",
    "selected": "Official selection",
    "special-mention": "Special mention",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
EXPORT_FORMATS = ("csv", "tsv", "json", "ndjson", "markdown")
CHUNK_ROWS = 1000


def neutralize(value: str) -> str:
    """Make a text cell inert in a spreadsheet."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _neutralize_all(value: Any) -> Any:
    if isinstance(value, str):
        return neutralize(value)
    if isinstance(value, list):
        return [_neutralize_all(v) for v in value]
    if isinstance(value, dict):
        return {neutralize(k): _neutralize_all(v) for k, v in value.items()}
    return value


def result_text(row: AwardRow, label: str) -> str:
    """A result as a line shows it: with the other works that shared it, and marked when no source states it."""
    notes = ([f"shared with {' and '.join(row.shared_with)}"] if row.shared_with else []) + (
        [] if row.result_stated else [UNSTATED]
    )
    return f"{label} ({'; '.join(notes)})" if notes else label


def source_addresses(row: AwardRow) -> list[str]:
    """Each cited source's address, in claim order; a source known by no address is named by its id."""
    return [url or f"{source} (no address)" for source, url in zip(row.sources, row.source_urls, strict=True)]


def _label(row: AwardRow) -> str:
    """The press kit's word for a result; a selection is an official one only where its category says so."""
    if row.result == "selected" and not is_official_selection(row):
        return "Selected"
    return RESULT_LABELS[row.result]


def press_kit_row(row: AwardRow) -> dict[str, Any]:
    return {
        "Year": row.marked("year"),
        "Event": row.event,
        "Category": row.category,
        "Result": result_text(row, _label(row)),
        "Recipients": row.recipients,
        "City": row.city,
        "Country": row.country,
        "Sources": row.source_names,
    }


def json_record(row: AwardRow) -> dict[str, Any]:
    """The JSON shape shared by `list --format json` and `export --format json`."""
    data = row.as_dict()
    for internal in ("source_names", "highlight"):
        data.pop(internal)
    return data


def list_row(row: AwardRow) -> dict[str, Any]:
    return {
        "Year": row.marked("year"),
        "Date": row.marked("date"),
        "Event": row.event,
        "Category": row.category,
        "Result": result_text(row, row.result),
        "Sources": row.source_names,  # joined by "; " as in every table (a name may hold a comma)
    }


def with_addresses(make_row: Callable[[AwardRow], dict[str, Any]]) -> Callable[[AwardRow], dict[str, Any]]:
    """A row maker that adds the Source addresses column (--urls)."""

    def make(row: AwardRow) -> dict[str, Any]:
        return make_row(row) | {ADDRESS_COLUMN: source_addresses(row)}

    return make


def _table_text(
    rows: list[AwardRow], make_row: Callable[[AwardRow], dict[str, Any]], columns: tuple[str, ...], fmt: str, safe: bool
) -> str:
    table = [{h: cell(v) for h, v in make_row(r).items()} for r in rows]
    headers = list(columns)
    if safe:
        table = [{neutralize(h): neutralize(v) for h, v in t.items()} for t in table]
        headers = [neutralize(h) for h in headers]
    return render(fmt, table, headers)


def _layout(
    make_row: Callable[[AwardRow], dict[str, Any]], columns: tuple[str, ...], urls: bool
) -> tuple[Callable[[AwardRow], dict[str, Any]], tuple[str, ...]]:
    """The row maker and columns, with the Source addresses column when asked for."""
    return (with_addresses(make_row), (*columns, ADDRESS_COLUMN)) if urls else (make_row, columns)


def export_text(rows: list[AwardRow], fmt: str = "csv", raw: bool = False, urls: bool = False) -> str:
    """The press-kit export; every cell neutralized unless raw. JSON always carries the addresses."""
    if fmt in ("json", "ndjson"):
        records = [json_record(r) for r in rows]
        return render(fmt, [], COLUMNS, json_data=records if raw else _neutralize_all(records))
    return _table_text(rows, *_layout(press_kit_row, COLUMNS, urls), fmt, safe=not raw)


def export_chunks(rows: Iterable[AwardRow], fmt: str = "csv", raw: bool = False, urls: bool = False) -> Iterator[str]:
    """The export as pieces of text, rows streamed: the same bytes as export_text.

    CSV and JSON never hold more than a chunk of rows; Markdown aligns its columns, so it
    needs them all.
    """
    if fmt == "markdown":
        yield export_text(list(rows), fmt, raw, urls)
    elif fmt == "json":
        yield from _json_chunks(rows, safe=not raw)
    elif fmt == "ndjson":
        yield from _ndjson_chunks(rows, safe=not raw)
    else:
        yield from _csv_chunks(rows, *_layout(press_kit_row, COLUMNS, urls), safe=not raw, tsv=fmt == "tsv")


def list_chunks(rows: Iterable[AwardRow], fmt: str, urls: bool = False) -> Iterator[str]:
    """The `list` command's output, CSV and JSON streamed: the same text as list_text."""
    if fmt == "json":
        yield from _json_chunks(rows, safe=False)
    elif fmt == "ndjson":
        yield from _ndjson_chunks(rows, safe=False)
    elif fmt in ("csv", "tsv"):
        yield from _csv_chunks(rows, *_layout(list_row, LIST_COLUMNS, urls), safe=True, tsv=fmt == "tsv")
    elif fmt == "table":
        make_row, columns = _layout(list_row, LIST_COLUMNS, urls)
        yield from stream_table(({h: cell(v) for h, v in make_row(r).items()} for r in rows), columns)
    else:
        yield list_text(list(rows), fmt, urls)


def _json_chunks(rows: Iterable[AwardRow], safe: bool) -> Iterator[str]:
    """A JSON array of records, laid out as json.dumps(indent=2) lays it out, a chunk of rows at a time."""
    separator = "[\n  "
    pieces: list[str] = []
    for row in rows:
        record = json_record(row)
        # orjson writes exactly what json.dumps(ensure_ascii=False, indent=2) writes, several times faster.
        item = orjson.dumps(_neutralize_all(record) if safe else record, option=orjson.OPT_INDENT_2).decode()
        pieces.append(separator + item.replace("\n", "\n  "))
        separator = ",\n  "
        if len(pieces) == CHUNK_ROWS:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + ("[]\n" if separator.startswith("[") else "\n]\n")


def _ndjson_chunks(rows: Iterable[AwardRow], safe: bool) -> Iterator[str]:
    """One JSON record per line, the records of the JSON array, a chunk of rows at a time."""
    pieces: list[bytes] = []
    for row in rows:
        record = json_record(row)
        pieces.append(orjson.dumps(_neutralize_all(record) if safe else record))
        if len(pieces) == CHUNK_ROWS:
            yield b"\n".join(pieces).decode() + "\n"
            pieces = []
    yield b"\n".join(pieces).decode() + "\n" if pieces else ""


class _TsvWriter:
    """csv.writer's interface for TSV: no quoting, tabs and line breaks in a value become spaces."""

    def __init__(self, buffer: io.StringIO) -> None:
        self.buffer = buffer

    def writerow(self, cells: Iterable[str]) -> None:
        self.buffer.write(tsv_line(cells))


def _csv_chunks(
    rows: Iterable[AwardRow],
    make_row: Callable[[AwardRow], dict[str, Any]],
    columns: tuple[str, ...],
    safe: bool,
    tsv: bool = False,
) -> Iterator[str]:
    buffer = io.StringIO()
    writer: Any = _TsvWriter(buffer) if tsv else csv.writer(buffer)  # the same dialects as rendering
    keep = neutralize if safe else str
    writer.writerow([keep(h) for h in columns])
    for n, row in enumerate(rows, 1):
        writer.writerow([keep(cell(v)) for v in make_row(row).values()])
        if n % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def encoded(chunks: Iterable[str], excel: bool) -> Iterator[bytes]:
    """UTF-8 bytes, with a byte-order mark first for Excel."""
    yield b"\xef\xbb\xbf" if excel else b""
    for chunk in chunks:
        yield chunk.encode("utf-8")


def list_text(rows: list[AwardRow], fmt: str, urls: bool = False) -> str:
    """The `list` command's output. Its CSV is neutralized too: it may be opened in a spreadsheet."""
    if fmt in ("json", "ndjson"):
        return render(fmt, [], LIST_COLUMNS, json_data=[json_record(r) for r in rows])
    return _table_text(rows, *_layout(list_row, LIST_COLUMNS, urls), fmt, safe=fmt in ("csv", "tsv"))
