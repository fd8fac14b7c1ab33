"""A spreadsheet of accolades, read as text: every cell a string, no formula ever evaluated.

The sheet is CSV (or TSV, or CSV with semicolons as some spreadsheets save it: the delimiter that
finds the most known headers wins), UTF-8 with or without a byte-order mark. Its columns are found
by their headers: those `awards export` writes (Year, Event, Category, Result, Recipients, City,
Country, Sources; Film and Source addresses when present), those `awards list` adds (Date), and
Edition and Section; `columns` maps a field to another header. A cell that starts with an apostrophe
before =, +, -, @ (as the export writes a cell that would otherwise run as a formula) loses the
apostrophe; any other cell is taken as it is, a formula's text included.

Each row keeps its text as written in the file, which becomes the wording of its claim: the
spreadsheet's own words. Every problem is named by its row (the header is row 1, as a spreadsheet
numbers them) and column, and all of them are reported at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lasttrain_awards.accolades import RESULT_LABELS, UNSTATED
from lasttrain_awards.errors import Refused, UsageProblem
from lasttrain_awards.output.views import ADDRESS_COLUMN, COLUMNS, FILM_COLUMN
from lasttrain_awards.safety import FORMULA_STARTS, UNSAFE, visible

# field -> the header the export (or list) gives it (terms.SHEET_FIELDS, in this order)
FIELDS: dict[str, str] = {
    "film": FILM_COLUMN,
    "year": "Year",
    "date": "Date",
    "edition": "Edition",
    "event": "Event",
    "category": "Category",
    "result": "Result",
    "section": "Section",
    "recipients": "Recipients",
    "city": "City",
    "country": "Country",
}
REQUIRED = ("event", "category", "result")
WORDS_ONLY = tuple(c for c in (*COLUMNS, ADDRESS_COLUMN) if c not in FIELDS.values())  # the sheet's own citations
RESULTS = {label.casefold(): value for value, label in RESULT_LABELS.items()} | {
    "selected": "selected",  # the export's word for a selection that is not an official one
    **{value: value for value in RESULT_LABELS},  # `awards list` writes the data's own values
    "special mention": "special-mention",
}
RESULT_WORDS = (
    "Won, Nominated, Official selection, Selected or Special mention (as `awards export` writes them), or won, "
    "nominated, selected or special-mention, with (shared with …) or (award laurel; no source states the result)"
)
INFERRED = re.compile(r"^(?P<value>.*?)\s*\(inferred\)$", re.IGNORECASE)
YEAR_MIN, YEAR_MAX = 1888, 2100
PARTIAL_DATE = re.compile(r"[1-9][0-9]{3}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
EDITION = re.compile(r"([1-9][0-9]{0,3})(?:st|nd|rd|th)?", re.IGNORECASE)
MAX_TEXT = 2000  # common.schema.json's text
MAX_PROBLEMS = 50  # listed; the rest counted
DELIMITERS = (",", ";", "\t")


@dataclass
class Row:
    """One row of the sheet: its number, its text as written (the claim's wording), and its cells."""

    number: int  # as a spreadsheet numbers it: the header is row 1
    text: str  # the record as written in the file, each tab or line break a space
    cells: list[str]
    spans: list[tuple[int, int]] | None  # each cell's place in `text`, where it can be told

    def quote(self, leave_out: Collection[int] = ()) -> str:
        """The row's words, without the cells `leave_out` names: the runs of cells kept, joined with " … "
        as separate quotes of one source are."""
        if not leave_out:
            return self.text.strip()
        if self.spans is None:
            raise ValueError("the cells' places in the row are not known")
        pieces: list[str] = []
        run: list[int] = []
        for i in [*range(len(self.cells)), None]:
            if i is not None and i not in leave_out:
                run.append(i)
                continue
            if run:
                piece = self.text[self.spans[run[0]][0] : self.spans[run[-1]][1]].strip()
                if piece.strip(",;\t "):
                    pieces.append(piece)
                run = []
        return " … ".join(pieces)


@dataclass
class Accolade:
    """What one row states, each value as the sheet gives it ("2010 (inferred)" is 2010, marked inferred)."""

    row: Row
    event: str
    category: str
    result: str
    result_stated: bool = True  # False: "(award laurel; no source states the result)"
    shared_with: str | None = None
    film: str | None = None
    year: int | None = None
    date: str | None = None
    edition: int | None = None
    inferred: dict[str, str] = field(default_factory=dict)  # field -> the cell that marks it inferred
    section: str | None = None
    recipients: list[str] = field(default_factory=list)
    city: str | None = None
    country: str | None = None
    cells: dict[str, int] = field(default_factory=dict)  # field -> its column's index


@dataclass
class Sheet:
    path: Path
    delimiter: str
    headers: list[str]
    columns: dict[str, int]  # field -> column index
    words_only: list[str]  # headers read as part of each row's words, not as a field
    accolades: list[Accolade]


def _records(text: str, delimiter: str) -> list[tuple[int, str, list[str]]]:
    """Each record of the text: its first line's number, its text as written, its cells (csv.Error
    propagates, with the line it was found on in its message)."""
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter, strict=True)
    records: list[tuple[int, str, list[str]]] = []
    line = 1
    for cells in reader:
        raw = "".join(consumed)
        consumed.clear()
        records.append((line, raw, cells))
        line = reader.line_num + 1
    return records


def _spans(raw: str, delimiter: str, cells: list[str]) -> list[tuple[int, int]] | None:
    """Where each cell is in the record's text, read as csv reads it (a quote opens a quoted cell only at
    its start; two quotes in one are one), checked against the cells csv read: None if they differ."""
    spans: list[tuple[int, int]] = []
    end = len(raw.rstrip("\r\n"))
    i = start = 0
    while True:
        if i < end and raw[i] == '"':
            i += 1
            while i < end and not (raw[i] == '"' and raw[i + 1 : i + 2] != '"'):
                i += 2 if raw[i] == '"' else 1
            i += 1
        while i < end and raw[i] != delimiter:
            i += 1
        spans.append((start, min(i, end)))
        if i >= end:
            break
        i = start = i + 1
    if len(spans) != len(cells):
        return None
    for (a, b), cell in zip(spans, cells, strict=True):
        written = raw[a:b]
        if written.startswith('"') and written.endswith('"') and len(written) > 1:
            written = written[1:-1].replace('""', '"')
        if written != cell:
            return None
    return spans


def _delimiter(text: str, wanted: set[str]) -> str:
    """The delimiter whose header row names the most known columns (a comma when none does better)."""
    first = next(iter(io.StringIO(text, newline="")), "")
    best, found = ",", -1
    for delimiter in DELIMITERS:
        try:
            headers = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        known = sum(1 for h in headers if h.strip().casefold() in wanted)
        if known > found:
            best, found = delimiter, known
    return best


def _value(cell: str) -> str:
    """A cell as a value: trimmed, and without the apostrophe the export puts before a formula's first character."""
    value = cell.strip()
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_STARTS:
        value = value[1:]
    return value


class _Problems(list[str]):
    def at(self, row: Row, column: str | None, message: str) -> None:
        where = f"row {row.number}" + (f", column {visible(column)}" if column else "")
        self.append(f"{where}: {message}")


def read_sheet(path: Path, columns: dict[str, str] | None = None) -> Sheet:
    """Read the sheet at `path`: Refused, naming every row and column at fault, if any row is malformed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return parse_sheet(path, data, columns)


def parse_sheet(path: Path, data: bytes, columns: dict[str, str] | None = None) -> Sheet:
    """The sheet whose bytes are `data` (read from `path`, which messages name): as read_sheet."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Refused(
            f"{path}: line {line} is not UTF-8 text: save the sheet as CSV UTF-8 (nothing was imported)"
        ) from None
    columns = {k: v.strip() for k, v in (columns or {}).items()}
    unknown = sorted(set(columns) - FIELDS.keys())
    if unknown:
        raise UsageProblem(f"{', '.join(unknown)}: not a field of an accolade ({', '.join(FIELDS)})", "--column")
    wanted = {h.casefold() for h in (*FIELDS.values(), *WORDS_ONLY, *columns.values())}
    delimiter = _delimiter(text, wanted)
    try:
        records = _records(text, delimiter)
    except csv.Error as exc:
        raise Refused(f"{path}: not a readable CSV file ({exc}): nothing was imported") from None
    # Rows are numbered as a spreadsheet numbers them, blank ones included (a blank row is no accolade).
    numbered = [(n, record) for n, record in enumerate(records, 1) if any(cell.strip() for cell in record[2])]
    if not numbered:
        raise Refused(f"{path}: no header row and no accolade: nothing to import")
    header_number, (_, _, headers) = numbered[0]
    headers = [h.strip() for h in headers]
    found = _columns(path, header_number, headers, columns)
    words_only = [h for i, h in enumerate(headers) if i not in found.values()]
    problems = _Problems()
    accolades: list[Accolade] = []
    for number, (line, raw, cells) in numbered[1:]:
        text_of_row = re.sub(r"[\t\r\n]", " ", raw.rstrip("\r\n"))
        row = Row(number, text_of_row, cells, _spans(raw, delimiter, cells))
        if len(cells) != len(headers):
            problems.at(row, None, f"{len(cells)} cells, but the header has {len(headers)} (line {line} of the file)")
            continue
        accolade = _accolade(row, headers, found, problems)
        if accolade is not None:
            accolades.append(accolade)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(problems) - MAX_PROBLEMS} more")
        raise Refused(f"{path}: {len(problems)} problem(s) in the sheet: nothing was imported", shown)
    return Sheet(path, delimiter, headers, found, words_only, accolades)


def _columns(path: Path, number: int, headers: list[str], columns: dict[str, str]) -> dict[str, int]:
    """field -> column index, by header (case aside); Refused for a missing or doubled one."""
    index: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        index.setdefault(header.casefold(), []).append(i)
    found: dict[str, int] = {}
    problems: list[str] = []
    for name, default in FIELDS.items():
        header = columns.get(name, default)
        at = index.get(header.casefold(), [])
        if len(at) > 1:
            problems.append(f"row {number}: {len(at)} columns are headed {header!r}: which one is the {name}?")
        elif at:
            found[name] = at[0]
        elif name in columns:
            problems.append(f"row {number}: no column is headed {columns[name]!r} (--column {name}={columns[name]})")
        elif name in REQUIRED:
            problems.append(
                f"row {number}: no {default} column (the headers are {', '.join(map(repr, headers))}): "
                f"name the {name}'s column with --column {name}=HEADER"
            )
    if problems:
        raise Refused(f"{path}: the header row does not name the columns needed: nothing was imported", problems)
    return found


def _accolade(row: Row, headers: list[str], found: dict[str, int], problems: _Problems) -> Accolade | None:
    before = len(problems)
    values: dict[str, str] = {}
    for name, i in found.items():
        value = _value(row.cells[i])
        if any(c in UNSAFE for c in value):
            bad = next(c for c in value if c in UNSAFE)
            problems.at(row, headers[i], f"a control character ({visible(bad)}) in {visible(value[:60])!r}")
        elif len(value) > MAX_TEXT:
            problems.at(row, headers[i], f"{len(value)} characters: a cell holds at most {MAX_TEXT}")
        else:
            values[name] = value
    for name in REQUIRED:
        if name in values and not values[name]:
            problems.at(row, headers[found[name]], f"empty: every accolade names its {name}")
    if len(problems) > before:
        return None
    if len(row.text.strip()) > MAX_TEXT:
        problems.at(row, None, f"{len(row.text.strip())} characters: too long to quote (at most {MAX_TEXT})")
        return None
    accolade = Accolade(row, values["event"], values["category"], "", cells=dict(found))

    def column(name: str) -> str:
        return headers[found[name]]

    result = _result(values["result"])
    if result is None:
        problems.at(row, column("result"), f"{values['result']!r} is not a result: {RESULT_WORDS}")
    else:
        accolade.result, accolade.result_stated, accolade.shared_with = result
    for name in ("year", "date", "edition"):
        cell = values.get(name, "")
        if not cell:
            continue
        marked = INFERRED.fullmatch(cell)
        value = marked["value"] if marked else cell
        parsed = _parse(name, value)
        if parsed is None:
            problems.at(row, column(name), f"{cell!r} is not {_EXPECTED[name]}")
            continue
        setattr(accolade, name, parsed)
        if marked:
            accolade.inferred[name] = cell
    accolade.film = values.get("film") or None
    accolade.section = values.get("section") or None
    accolade.recipients = [name.strip() for name in values.get("recipients", "").split(";") if name.strip()]
    accolade.city = values.get("city") or None
    country = values.get("country", "").upper()
    if country:
        if country not in _countries():
            problems.at(row, column("country"), f"{values['country']!r} is not an ISO 3166-1 alpha-2 code (CA, FR)")
        accolade.country = country
    return accolade if len(problems) == before else None


_EXPECTED = {
    "year": f'a year from {YEAR_MIN} to {YEAR_MAX} (or one marked "2010 (inferred)")',
    "date": 'a date as YYYY, YYYY-MM or YYYY-MM-DD (or one marked "(inferred)")',
    "edition": 'an edition number (12, or 12th; or one marked "(inferred)")',
}


def _parse(name: str, value: str) -> int | str | None:
    if name == "year":
        if re.fullmatch(r"[0-9]{4}", value) and YEAR_MIN <= int(value) <= YEAR_MAX:
            return int(value)
        return None
    if name == "date":
        if not PARTIAL_DATE.fullmatch(value) or not YEAR_MIN <= int(value[:4]) <= YEAR_MAX:
            return None
        if len(value) == 10:
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return value
    match = EDITION.fullmatch(value)
    return int(match[1]) if match and 1 <= int(match[1]) <= 1000 else None


def _result(text: str) -> tuple[str, bool, str | None] | None:
    """(result, stated, shared with) from a Result cell as the export writes it: "Won", "Won (shared with
    A and B)", "Won (award laurel; no source states the result)", or a value as `awards list` writes it."""
    label, notes = text, ""
    match = re.fullmatch(r"(?P<label>[^(]*?)\s*\((?P<notes>.*)\)", text)
    if match:
        label, notes = match["label"], match["notes"].strip()
    result = RESULTS.get(" ".join(label.split()).casefold())
    if result is None:
        return None
    stated, shared = True, None
    if notes.endswith(UNSTATED):
        stated = False
        notes = notes.removesuffix(UNSTATED).strip().removesuffix(";").strip()
    if notes.startswith("shared with "):
        shared = notes.removeprefix("shared with ").strip() or None
        notes = ""
    if notes:
        return None
    return result, stated, shared


_COUNTRIES: set[str] = set()


def _countries() -> set[str]:
    """The country codes the schema takes (common.schema.json's country)."""
    if not _COUNTRIES:
        import json

        from lasttrain_awards.paths import schema_dir

        common = json.loads((schema_dir() / "common.schema.json").read_text(encoding="utf-8"))
        _COUNTRIES.update(common["$defs"]["country"]["enum"])
    return _COUNTRIES
