"""The press-kit export: one row per accolade, safe to open in a spreadsheet.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab,
CR or LF) are prefixed with an apostrophe, as OWASP advises against CSV
injection, in every format of the export, unless the caller asks for raw values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lasttrain_awards.queries import AwardRow
from lasttrain_awards.rendering import Output, write
from lasttrain_awards.summary import is_official_selection
from lasttrain_awards.textsafety import neutralize

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
EXPORT_FORMATS = ("csv", "tsv", "json", "ndjson", "markdown")


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


def _layout(
    make_row: Callable[[AwardRow], dict[str, Any]], columns: tuple[str, ...], urls: bool
) -> tuple[Callable[[AwardRow], dict[str, Any]], tuple[str, ...]]:
    """The row maker and columns, with the Source addresses column when asked for."""
    return (with_addresses(make_row), (*columns, ADDRESS_COLUMN)) if urls else (make_row, columns)


def export_output(rows: Iterable[AwardRow], raw: bool = False, urls: bool = False) -> Output:
    """The press-kit export: its table for CSV, TSV and Markdown; its JSON (which always carries the
    addresses) with every value neutralized too, unless `raw`, as a spreadsheet may import JSON."""
    make_row, columns = _layout(press_kit_row, COLUMNS, urls)
    rows = iter(rows)
    records = (json_record(r) for r in rows)
    return Output(
        columns,
        (make_row(r) for r in rows),
        records=records if raw else (_neutralize_all(r) for r in records),
        raw=raw,
    )


def list_output(rows: Iterable[AwardRow], urls: bool = False) -> Output:
    """The `list` command's output: the data's own values, for scripts (its CSV is made safe all the same)."""
    make_row, columns = _layout(list_row, LIST_COLUMNS, urls)
    rows = iter(rows)
    return Output(columns, (make_row(r) for r in rows), records=(json_record(r) for r in rows))


def export_chunks(rows: Iterable[AwardRow], fmt: str = "csv", raw: bool = False, urls: bool = False) -> Iterator[str]:
    """The export as pieces of text, rows streamed (Markdown aligns its columns, so it takes them all)."""
    return write(fmt, export_output(rows, raw, urls))


def list_chunks(rows: Iterable[AwardRow], fmt: str, urls: bool = False) -> Iterator[str]:
    """The `list` command's output as pieces of text, rows streamed."""
    return write(fmt, list_output(rows, urls))


def encoded(chunks: Iterable[str], excel: bool) -> Iterator[bytes]:
    """UTF-8 bytes, with a byte-order mark first for Excel."""
    yield b"\xef\xbb\xbf" if excel else b""
    for chunk in chunks:
        yield chunk.encode("utf-8")
