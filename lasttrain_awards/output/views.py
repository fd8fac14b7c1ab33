"""What each command shows: its columns, its rows and its JSON, as one `Output` the writers take.

A command's body parses its options, calls the library, and hands one of these views to
`writers.write`; no command builds rows itself. The press-kit export also neutralises its JSON
values (a spreadsheet may import JSON too), unless the caller asks for raw values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from lasttrain_awards.accolades import UNSTATED, result_label
from lasttrain_awards.database.queries import RESULTS, AwardRow
from lasttrain_awards.output.writers import Output, write
from lasttrain_awards.safety import neutralize

if TYPE_CHECKING:
    from lasttrain_awards.database.conflicts import Conflict
    from lasttrain_awards.database.queries import EventEdition, FilmCount
    from lasttrain_awards.validation.rules import Rule

COLUMNS = ("Year", "Event", "Category", "Result", "Recipients", "City", "Country", "Sources")
LIST_COLUMNS = ("Year", "Date", "Event", "Category", "Result", "Sources")
ADDRESS_COLUMN = "Source addresses"  # with --urls: each cited source's address, in the order of Sources
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


def press_kit_row(row: AwardRow) -> dict[str, Any]:
    return {
        "Year": row.marked("year"),
        "Event": row.event,
        "Category": row.category,
        "Result": result_text(row, result_label(row)),
        "Recipients": row.recipients,
        "City": row.city,
        "Country": row.country,
        "Sources": row.source_names,
    }


def json_record(row: AwardRow) -> dict[str, Any]:
    """The JSON shape shared by `list --format json` and `export --format json`."""
    data = row.as_dict()
    for internal in ("source_names", "highlight", "result_kinds", "event_in_sentence"):  # the kit's wording
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


RowMaker = Callable[[AwardRow], dict[str, Any]]
FILM_COLUMN = "Film"  # first, whenever the selection spans more than one film


def _layout(make_row: RowMaker, columns: tuple[str, ...], urls: bool, films: bool) -> tuple[RowMaker, tuple[str, ...]]:
    """The row maker and columns: with the Film column first when the selection spans several films,
    and the Source addresses column last when asked for (--urls)."""

    def make(row: AwardRow) -> dict[str, Any]:
        cells = make_row(row)
        if films:
            cells = {FILM_COLUMN: row.film} | cells
        if urls:
            cells[ADDRESS_COLUMN] = source_addresses(row)
        return cells

    layout = ((FILM_COLUMN,) if films else ()) + columns + ((ADDRESS_COLUMN,) if urls else ())
    return (make if films or urls else make_row), layout


def export_output(rows: Iterable[AwardRow], raw: bool = False, urls: bool = False, films: bool = False) -> Output:
    """The press-kit export: its table for CSV, TSV and Markdown; its JSON (which always carries the
    addresses) with every value neutralized too, unless `raw`, as a spreadsheet may import JSON."""
    make_row, columns = _layout(press_kit_row, COLUMNS, urls, films)
    rows = iter(rows)
    records = (json_record(r) for r in rows)
    return Output(
        columns,
        (make_row(r) for r in rows),
        records=records if raw else (_neutralize_all(r) for r in records),
        raw=raw,
    )


def list_output(rows: Iterable[AwardRow], urls: bool = False, films: bool = False) -> Output:
    """The `list` command's output: the data's own values, for scripts (its CSV is made safe all the same)."""
    make_row, columns = _layout(list_row, LIST_COLUMNS, urls, films)
    rows = iter(rows)
    return Output(columns, (make_row(r) for r in rows), records=(json_record(r) for r in rows))


def export_chunks(
    rows: Iterable[AwardRow], fmt: str = "csv", raw: bool = False, urls: bool = False, films: bool = False
) -> Iterator[str]:
    """The export as pieces of text, rows streamed (Markdown aligns its columns, so it takes them all)."""
    return write(fmt, export_output(rows, raw, urls, films))


def list_chunks(rows: Iterable[AwardRow], fmt: str, urls: bool = False, films: bool = False) -> Iterator[str]:
    """The `list` command's output as pieces of text, rows streamed."""
    return write(fmt, list_output(rows, urls, films))


def encoded(chunks: Iterable[str], excel: bool) -> Iterator[bytes]:
    """UTF-8 bytes, with a byte-order mark first for Excel."""
    yield b"\xef\xbb\xbf" if excel else b""
    for chunk in chunks:
        yield chunk.encode("utf-8")


RULES_COLUMNS = ("Rule", "Severity", "Runs", "Gates build", "Checks")


def rules_output(rules: Iterable[Rule]) -> Output:
    """`awards rules`: each validation rule, when it runs and whether it stops a build."""
    rows = [
        {
            "Rule": r.id,
            "Severity": str(r.severity),
            "Runs": r.runs,
            "Gates build": "yes" if r.gates_build else "no",
            "Checks": r.description,
        }
        for r in rules
    ]
    return Output(RULES_COLUMNS, rows)


def load_output(counts: Mapping[str, int]) -> Output:
    """`awards load`: the rows loaded, by table."""
    return Output(("Table", "Rows"), [{"Table": table, "Rows": n} for table, n in counts.items()])


STATS_GROUPS = {"by_result": "Result", "by_year": "Year", "by_event": "Event", "by_film": "Film"}


def stats_output(counts: dict[str, Any], event_names: Mapping[str, str], film_names: Mapping[str, str]) -> Output:
    """`awards stats`: tables read as words, one count per row, events and films named; JSON keyed by id,
    as the data is; NDJSON one line per count ({"group": "by_event", "key": "idfa", "count": 1}). Counts
    by film appear when the selection spans more than one film."""
    names = {"by_event": event_names, "by_film": film_names}
    groups = [group for group in STATS_GROUPS if group in counts]
    rows = [{"Counted by": "All", "Value": "", "Accolades": counts["total"]}]
    for group in groups:
        label = names.get(group, {})
        rows += [
            {"Counted by": STATS_GROUPS[group], "Value": label.get(key, key), "Accolades": n}
            for key, n in counts[group].items()
        ]
    records = [{"group": "total", "key": None, "count": counts["total"]}] + [
        {"group": group, "key": key, "count": n} for group in groups for key, n in counts[group].items()
    ]
    return Output(("Counted by", "Value", "Accolades"), rows, records=records, document=counts)


def conflicts_output(found: Iterable[Conflict], addresses: Mapping[str, str | None], urls: bool) -> Output:
    """`awards conflicts`: one row per source's value (with the film when they concern several); JSON
    one record per conflict, with its film and the addresses."""
    found = list(found)
    films = len({c.film_id for c in found}) > 1
    headers = (
        *((FILM_COLUMN,) if films else ()),
        "Subject",
        "Field",
        "Recorded",
        "Source",
        "Source says",
        *(("Address",) if urls else ()),
    )
    rows = [
        {
            FILM_COLUMN: c.film,
            "Subject": c.subject,
            "Field": c.field,
            "Recorded": c.recorded,
            "Source": v["source"],
            "Source says": v["value"],
            "Address": addresses.get(v["source"]),
        }
        for c in found
        for v in c.values
    ]
    records = [c.as_dict() for c in found]
    for record in records:
        record["values"] = [value | {"url": addresses.get(value["source"])} for value in record["values"]]
    return Output(headers, rows, records=records)


def _citations(citations: list[dict[str, Any]], urls: bool) -> list[str]:
    return [f"{c['publisher']}: {c['title']}" + (f" <{c['url']}>" if urls and c["url"] else "") for c in citations]


def refuted_output(found: list[dict[str, Any]], urls: bool) -> Output:
    """`awards refuted`: each false claim, why it is false, who makes it and who refutes it (and of which
    film, when they concern several)."""
    films = len({r["film_id"] for r in found}) > 1
    rows = [
        {
            FILM_COLUMN: r["film"],
            "Claim": r["claim"],
            "Result": f"not {r['result']}",
            "Why it is false": r["reason"],
            "Claimed by": _citations(r["claimed_by"], urls),
            "Refuted by": _citations(r["refuted_by"], urls),
        }
        for r in found
    ]
    headers = ("Claim", "Result", "Why it is false", "Claimed by", "Refuted by")
    return Output(((FILM_COLUMN,) if films else ()) + headers, rows, records=found)


COUNT_LABELS = {"won": "Won", "nominated": "Nominated", "selected": "Selected", "special-mention": "Special mention"}


def films_output(found: Iterable[FilmCount]) -> Output:
    """`awards films`: each film with its accolades by result; JSON with its id, year and directors."""
    found = list(found)
    headers = ("Film", "Id", "Year", *(COUNT_LABELS[r] for r in RESULTS), "Accolades")
    rows = [
        {"Film": f.title, "Id": f.id, "Year": f.year}
        | {COUNT_LABELS[r]: f.by_result.get(r, 0) for r in RESULTS}
        | {"Accolades": f.total}
        for f in found
    ]
    records = [
        {
            "id": f.id,
            "title": f.title,
            "year": f.year,
            "directors": f.directors,
            "by_result": f.by_result,
            "total": f.total,
        }
        for f in found
    ]
    return Output(headers, rows, records=records)


def events_output(found: Iterable[EventEdition]) -> Output:
    """`awards events`: each event and year of the selection, its editions, accolades and films."""
    found = list(found)
    headers = ("Event", "Year", "Edition", "Accolades", "Films", "City", "Country")
    rows = [
        {
            "Event": e.event,
            "Year": e.year,
            "Edition": [str(n) for n in e.editions],
            "Accolades": e.accolades,
            "Films": e.films,
            "City": e.city,
            "Country": e.country,
        }
        for e in found
    ]
    records = [
        {
            "event_id": e.event_id,
            "event": e.event,
            "year": e.year,
            "editions": list(e.editions),
            "accolades": e.accolades,
            "films": e.films,
            "city": e.city,
            "country": e.country,
        }
        for e in found
    ]
    return Output(headers, rows, records=records)
