"""The press-kit export: one row per accolade, safe to open in a spreadsheet.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab,
CR or LF) are prefixed with an apostrophe, as OWASP advises against CSV
injection, in every format of the export, unless the caller asks for raw values.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from lasttrain_awards.queries import AwardRow
from lasttrain_awards.rendering import cell, render

COLUMNS = ("Year", "Event", "Category", "Result", "Recipients", "City", "Country", "Sources")
RESULT_LABELS = {
    "won": "Won",
    "nominated": "Nominated",
    "selected": "Official selection",
    "special-mention": "Special mention",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
EXPORT_FORMATS = ("csv", "json", "markdown")


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


def press_kit_row(row: AwardRow) -> dict[str, Any]:
    return {
        "Year": row.year,
        "Event": row.event,
        "Category": row.category,
        "Result": RESULT_LABELS[row.result],
        "Recipients": row.recipients,
        "City": row.city,
        "Country": row.country,
        "Sources": row.source_names,
    }


def json_record(row: AwardRow) -> dict[str, Any]:
    """The JSON shape shared by `list --format json` and `export --format json`."""
    data = row.as_dict()
    data.pop("source_names")
    return data


def export_text(rows: list[AwardRow], fmt: str = "csv", raw: bool = False) -> str:
    if fmt == "json":
        records = [json_record(r) for r in rows]
        return render("json", [], COLUMNS, json_data=records if raw else _neutralize_all(records))
    table = [{h: cell(v) for h, v in press_kit_row(r).items()} for r in rows]
    headers = list(COLUMNS)
    if not raw:
        table = [{neutralize(h): neutralize(v) for h, v in t.items()} for t in table]
        headers = [neutralize(h) for h in headers]
    return render(fmt, table, headers)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target and rename it into place, so an
    error never leaves a truncated file and never replaces a good one with a bad one."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
