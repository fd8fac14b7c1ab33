"""A spreadsheet's accolades taken into a dataset: records citing the spreadsheet, merged, checked, written.

Each row becomes an award record with one claim, citing the spreadsheet as its source: the claim's
wording is the row as written (a value the sheet marks "(inferred)" is left out of it, the record
marking it inferred with the sheet's row as its reasoning), its year, category and result those the
row states. The spreadsheet is a source like any other: its `kind` says how strong it is, so
`weak-evidence` and `result-unstated` apply to what it alone states. A new source keeps a copy of
the sheet in the data repository (`document`), where its words can be checked.

Events are found by name or alias, case and accents aside; an event no name matches is created, its
place cited by the sheet's row, its kind and year basis the import's documented defaults (its notes
say so). A row that matches a record already there (same id, or same film, event, year and category)
adds its claim to it, or is skipped when that claim is there already; one that differs from it is a
conflict. Everything is computed in memory and the would-be dataset is validated on a copy; only then
is anything written, each file whole, all or nothing (changes).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lasttrain_awards.authoring.changes import FileChange, apply, json_bytes, shown
from lasttrain_awards.authoring.ids import is_slug, slug
from lasttrain_awards.authoring.sheet import Accolade, parse_sheet
from lasttrain_awards.authoring.terms import SOURCE_KINDS
from lasttrain_awards.database.matching import search_key
from lasttrain_awards.errors import Refused, UsageProblem
from lasttrain_awards.paths import DATASET_FOLDERS, OPTIONAL_FOLDERS, PACKAGE_DIR
from lasttrain_awards.safety import UNSAFE
from lasttrain_awards.validation.entries import Dataset
from lasttrain_awards.validation.reports import finding_line
from lasttrain_awards.validation.rules import build_rules, fold_place, written_forms

DOCUMENTS = "documents"  # where, in the data repository, a sheet taken in as a new source is kept
YEAR_BASIS = "ceremony"  # the default: the year an accolade names is the year it was given
KIND_WORDS = (
    ("critics", "critics-association"),
    ("guild", "guild-awards"),
    ("emmy", "television-awards"),
    ("television", "television-awards"),
    ("fest", "film-festival"),  # Festival, Fest
)
MAX_SHOWN = 50  # problems listed; the rest counted


@dataclass(frozen=True)
class NewSource:
    """The spreadsheet as a new source: who publishes it and how strong it is."""

    title: str
    publisher: str
    kind: str
    url: str | None = None
    published: str | None = None


@dataclass
class Plan:
    """What an import would write, and why: every file whole, with a line saying what it is."""

    data_dir: Path
    sheet: Path
    changes: list[FileChange] = field(default_factory=list)
    described: list[tuple[Path, str]] = field(default_factory=list)
    records_added: int = 0
    claims_added: int = 0
    already: int = 0  # rows whose claim the data holds already, as it is
    other_films: int = 0  # rows of other films (a Film column), left out
    words_only: list[str] = field(default_factory=list)  # columns read as the rows' words only
    notices: list[str] = field(default_factory=list)

    def lines(self, done: bool) -> list[str]:
        """What was (or would be) written, one line a file, then what came of the rows."""
        verb = "wrote" if done else "would write"
        lines = [f"{verb} {shown(path)}: {what}" for path, what in self.described]
        counts = [
            f"{self.records_added} record(s) added",
            f"{self.claims_added} claim(s) added to records already there",
            f"{self.already} row(s) already recorded as they are",
        ]
        if self.other_films:
            counts.append(f"{self.other_films} row(s) of other films left out")
        lines.append(f"{shown(self.sheet)}: " + ", ".join(counts) + ("" if done else " (dry run: nothing written)"))
        if self.words_only:
            lines.append(f"read as the rows' words only, not as fields: {', '.join(self.words_only)}")
        return lines + self.notices


def _text(value: str, what: str, option: str) -> str:
    value = value.strip()
    if not value or any(c in UNSAFE for c in value) or len(value) > 2000:
        raise UsageProblem(f"{what}: give text of one line, 1 to 2000 characters", option)
    return value


def _check_new_source(source: NewSource) -> NewSource:
    if source.kind not in SOURCE_KINDS:
        raise UsageProblem(
            f"{source.kind!r} is not a kind of source: one of {', '.join(SOURCE_KINDS)}", "--source-kind"
        )
    if source.url is not None and not re.fullmatch(r"https?://\S{1,1990}", source.url):
        raise UsageProblem(f"{source.url!r} is not an http(s) address", "--source-url")
    if source.published is not None and not re.fullmatch(
        r"[1-9][0-9]{3}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?", source.published
    ):
        raise UsageProblem(f"{source.published!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD", "--source-published")
    return NewSource(
        _text(source.title, "the source's title", "--source-title"),
        _text(source.publisher, "the source's publisher", "--source-publisher"),
        source.kind,
        source.url,
        source.published,
    )


def _scan(data_dir: Path) -> Dataset:
    """The dataset as it is, all of it; Refused if it has errors already (they would be taken for the import's)."""
    from lasttrain_awards.validation.scanner import scan

    result = scan(data_dir, rules=build_rules(), keep_awards=True)
    if result.report.errors:
        problems = [finding_line(result.report, f) for f in result.report.errors[:MAX_SHOWN]]
        raise Refused(
            f"the data in {shown(data_dir)} has {len(result.report.errors)} error(s) already: fix them first "
            "(awards validate); nothing was imported",
            problems,
        )
    return result.dataset


def _record_key(record: dict[str, Any]) -> tuple[Any, ...]:
    return (record["film"], record["event"], record.get("year"), record["category"].casefold())


def _names(items: Iterable[dict[str, Any]], key: str) -> list[str]:
    return [item[key] for item in items]


@dataclass
class _NewEvent:
    id: str
    name: str
    key: str
    first_row: int
    results: set[str] = field(default_factory=set)


@dataclass
class _Place:
    """What the sheet says of an event's place: each field's value, and the row that says it."""

    values: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # field -> (value, row, quote)


class _Importer:
    def __init__(self, data_dir: Path, dataset: Dataset, film_id: str, source_id: str, source_title: str) -> None:
        self.data_dir = data_dir
        self.film_id = film_id
        self.source_id = source_id
        self.source_title = source_title
        self.conflicts: list[str] = []
        self.events = {e.id: (e.file, e.data) for e in dataset.events}
        self.index: dict[str, str] = {}
        for event_id, (_, data) in self.events.items():
            for name in (data["name"], *data.get("aliases", [])):
                self.index.setdefault(search_key(" ".join(name.split())), event_id)
        self.new_events: dict[str, _NewEvent] = {}
        self.places: dict[str, _Place] = {}
        self.by_id = {e.id: e for e in dataset.awards}
        self.by_key = {_record_key(e.data): e for e in dataset.awards}

    def shown(self, folder: str, entity_id: str) -> str:
        return shown(self.data_dir / folder / f"{entity_id}.json")

    def event_of(self, accolade: Accolade) -> str | None:
        name = " ".join(accolade.event.split())
        key = search_key(name)
        event_id = self.index.get(key)
        if event_id is None:
            event_id = slug(name, "event")
            if event_id in self.events:
                other = self.events[event_id][1]["name"]
                self.conflicts.append(
                    f"row {accolade.row.number}: no event is called {name!r}, and the id it would take, {event_id!r}, "
                    f"is {other!r}'s ({self.shown('events', event_id)}): if they are one event, add {name!r} to its "
                    "aliases"
                )
                return None
            if event_id in self.new_events:
                first = self.new_events[event_id]
                self.conflicts.append(
                    f"row {accolade.row.number}: {name!r} and {first.name!r} (row {first.first_row}) would both be "
                    f"the event {event_id!r}: write them alike if they are one event"
                )
                return None
            self.new_events[event_id] = _NewEvent(event_id, name, key, accolade.row.number)
            self.index[key] = event_id
        if event_id in self.new_events:
            self.new_events[event_id].results.add(accolade.result)
        return event_id

    def place(self, event_id: str, accolade: Accolade, quote: str) -> None:
        """Note what the row says of the event's place; a row that says otherwise than the data, or than an
        earlier row, is a conflict."""
        recorded = self.events.get(event_id, ("", {}))[1]
        place = self.places.setdefault(event_id, _Place())
        for name in ("city", "country"):
            value = getattr(accolade, name)
            if value is None:
                continue
            there = recorded.get(name)
            if there is not None:
                if fold_place(there) != fold_place(value):
                    self.conflicts.append(
                        f"row {accolade.row.number}, column {name.capitalize()}: {value!r}, but "
                        f"{self.shown('events', event_id)} records the {name} {there!r}"
                    )
                continue
            if name in place.values:
                earlier, row, _ = place.values[name]
                if fold_place(earlier) != fold_place(value):
                    self.conflicts.append(
                        f"row {accolade.row.number}, column {name.capitalize()}: {value!r}, but row {row} gives "
                        f"{earlier!r} for the same event"
                    )
                continue
            place.values[name] = (value, accolade.row.number, quote)


def _kind(name: str, results: set[str]) -> tuple[str, str]:
    """An event's kind, by the import's default: from a word of its name, else from what the sheet lists there."""
    words = search_key(name)
    for word, kind in KIND_WORDS:
        match = re.search(rf"\b{word}\w*", words)
        if match:
            return kind, f'its name has the word "{match[0]}"'
    if "selected" in results:
        return "film-festival", "the spreadsheet lists a selection there"
    return "awards-ceremony", "the spreadsheet lists no selection there"


def _leave_out(accolade: Accolade) -> set[int]:
    """The cells that hold a value the sheet marks inferred: no quotation may hold an inferred value."""
    forms = [
        re.compile(form, re.IGNORECASE)
        for name in accolade.inferred
        for form in written_forms(name, getattr(accolade, name))
    ]
    return {i for i, cell in enumerate(accolade.row.cells) if any(form.search(cell) for form in forms)}


def _record(
    accolade: Accolade, film_id: str, event_id: str, source_id: str, source_title: str, quote: str
) -> dict[str, Any]:
    claim: dict[str, Any] = {"source": source_id, "wording": quote}
    for name in ("year", "edition", "date"):
        if getattr(accolade, name) is not None and name not in accolade.inferred:
            claim[name] = getattr(accolade, name)
    claim["category"] = accolade.category
    if accolade.result_stated:
        claim["result"] = accolade.result
    year = accolade.year
    record: dict[str, Any] = {
        "id": slug(f"{film_id} {event_id} {year if year is not None else 'undated'} {accolade.category}"),
        "film": film_id,
        "event": event_id,
    }
    for name in ("year", "edition", "date"):
        if getattr(accolade, name) is not None:
            record[name] = getattr(accolade, name)
    record |= {"category": accolade.category, "result": accolade.result}
    if accolade.section:
        record["section"] = accolade.section
    if accolade.recipients:
        record["recipients"] = [{"name": name} for name in accolade.recipients]
    if accolade.shared_with:
        record["shared_with"] = [{"title": accolade.shared_with}]
    if accolade.inferred:
        record["inferred"] = [
            {
                "field": name,
                "reasoning": (
                    f"{source_title} ({source_id}), row {accolade.row.number}, gives the {name} as "
                    f'"{cell}": marked inferred there, not stated.'
                ),
            }
            for name, cell in accolade.inferred.items()
        ]
    if accolade.shared_with and " and " in accolade.shared_with:
        record["notes"] = (
            f'The spreadsheet\'s row {accolade.row.number} says it was shared with "{accolade.shared_with}", '
            "taken as one title: if it names several works, list each in shared_with."
        )
    record["claims"] = [claim]
    return record


def _differences(new: dict[str, Any], old: dict[str, Any]) -> list[str]:
    """How a row's record says otherwise than the record the data holds (what the row leaves out is no difference)."""
    found = []
    for name in ("film", "event", "year", "result", "edition", "date", "section"):
        if name in new and new.get(name) != old.get(name):
            found.append(f"{name} {new[name]!r} here, {old.get(name)!r} there")
    if new["category"].casefold() != old["category"].casefold():
        found.append(f"category {new['category']!r} here, {old['category']!r} there")
    for name, key in (("recipients", "name"), ("shared_with", "title")):
        if name in new and name in old and _names(new[name], key) != _names(old[name], key):
            found.append(f"{name} {_names(new[name], key)} here, {_names(old[name], key)} there")
    inferred_there = {mark["field"] for mark in old.get("inferred", [])}
    for name in ("year", "edition", "date"):
        if name in new["claims"][0] and name in inferred_there:
            found.append(f"the row states the {name} the record marks inferred")
    return found


def _merged(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The record already there, with what the row adds: its claim, and the values the record lacks."""
    merged = dict(old)
    for name in ("edition", "date", "section", "recipients", "shared_with"):
        if name in new and name not in merged:
            merged[name] = new[name]
    marks = [m for m in new.get("inferred", []) if m["field"] not in old and m["field"] in ("edition", "date")]
    if marks:
        merged["inferred"] = [*old.get("inferred", []), *marks]
    merged["claims"] = [*old["claims"], *new["claims"]]
    order = [*new.keys(), *old.keys()]  # the schema's order, as new records have it
    rank = {key: i for i, key in enumerate(dict.fromkeys(("id", "film", "event", *order)))}
    return dict(sorted(merged.items(), key=lambda item: rank.get(item[0], len(rank))))


def _source(
    plan: Plan,
    root: Path,
    sources: dict[str, dict[str, Any]],
    source_id: str,
    new: NewSource | None,
    data: bytes,
    today: date,
) -> tuple[str, list[str]]:
    """The source's title, with the changes for it and its document added to the plan; conflicts found."""
    conflicts: list[str] = []
    existing = sources.get(source_id)
    if existing is not None and new is not None:
        raise UsageProblem(
            f"the source {source_id!r} exists ({shown(plan.data_dir / 'sources' / (source_id + '.json'))}): give "
            "--source alone to cite it, or a new id",
            "--source",
        )
    if existing is None and new is None:
        raise UsageProblem(
            f"no source {source_id!r} in the data: to take the sheet in as a new source, give its "
            "--source-title, --source-publisher and --source-kind",
            "--source",
        )
    if existing is not None:
        document = existing.get("document")
        if document is None:
            plan.notices.append(
                f"the source {source_id!r} keeps its words elsewhere (not a document of this repository): each "
                "claim's wording is a row of the sheet, to be found there"
            )
            return str(existing["title"]), conflicts
    else:
        assert new is not None
        suffix = plan.sheet.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,8}", plan.sheet.suffix.lower()) else ".csv"
        document = f"{DOCUMENTS}/{source_id}{suffix}"
        record: dict[str, Any] = {"id": source_id, "title": new.title, "publisher": new.publisher, "kind": new.kind}
        if new.url:
            record["url"] = new.url
        record["document"] = document
        if new.published:
            record["published"] = new.published
        record["retrieved"] = today.isoformat()
        record["notes"] = (
            f"A spreadsheet of accolades, kept in the data repository as {document}; `awards import` read it on "
            f"{today.isoformat()}. Each claim that cites it quotes one of its rows as written."
        )
        path = plan.data_dir / "sources" / f"{source_id}.json"
        plan.changes.append(FileChange(path, json_bytes(record)))
        plan.described.append((path, f"new source {new.title!r} ({new.kind})"))
    target = root / document
    if os.path.lexists(target):
        try:
            same = target.is_file() and target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            conflicts.append(
                f"{shown(target)}, the document of the source {source_id!r}, is there already and is not this sheet: "
                "a new version of the sheet is a new source (give another --source)"
            )
    else:
        plan.changes.insert(0, FileChange(target, data))
        plan.described.insert(0, (target, f"a copy of {shown(plan.sheet)}: the source's own words"))
    title = new.title if new is not None else str(existing["title"]) if existing else source_id
    return title, conflicts


def plan_import(
    data_dir: Path,
    sheet: Path,
    film_id: str,
    source_id: str,
    new_source: NewSource | None = None,
    columns: dict[str, str] | None = None,
    today: date | None = None,
) -> Plan:
    """What importing `sheet` into the dataset at `data_dir` would write, checked: UsageProblem for a
    request that cannot be, Refused (nothing written) for a malformed sheet, a conflict with the data, or
    a result that would not validate."""
    today = today or date.today()
    data_dir = Path(os.path.abspath(data_dir))
    if data_dir.resolve().is_relative_to(PACKAGE_DIR):
        raise Refused(f"{shown(data_dir)} is the dataset bundled with lasttrain-awards: import into your own (--data)")
    if not is_slug(source_id):
        raise UsageProblem(f"{source_id!r} is not an id: lower-case letters, digits and single hyphens", "--source")
    if new_source is not None:
        new_source = _check_new_source(new_source)
    dataset = _scan(data_dir)
    films = {e.id: e.data for e in dataset.films}
    if film_id not in films:
        raise UsageProblem(
            f"no film {film_id!r} in {shown(data_dir / 'films')} (awards init --add-film adds one)", "--film"
        )
    try:
        data = sheet.read_bytes()
    except OSError as exc:
        raise Refused(f"{shown(sheet)}: cannot read it ({exc.strerror or exc})") from None
    table = parse_sheet(sheet, data, columns)
    plan = Plan(data_dir, sheet, words_only=table.words_only)
    sources = {e.id: e.data for e in dataset.sources}
    title, conflicts = _source(plan, data_dir.parent, sources, source_id, new_source, data, today)
    film = films[film_id]
    film_names = {
        search_key(n) for n in (film_id, film["title"], *(s["value"] for s in film["facts"].get("titles", [])))
    }
    importer = _Importer(data_dir, dataset, film_id, source_id, title)
    importer.conflicts = conflicts
    new_records: dict[str, list[dict[str, Any]]] = {}  # event id -> records, in row order
    changed: dict[str, dict[str, Any]] = {}  # award id -> the record already there, merged
    seen: dict[str, int] = {}  # award id -> row
    for accolade in table.accolades:
        if accolade.film is not None and search_key(accolade.film) not in film_names:
            plan.other_films += 1
            continue
        number = accolade.row.number
        try:
            quote = accolade.row.quote(_leave_out(accolade)) if accolade.inferred else accolade.row.quote()
        except ValueError:  # its cells cannot be told apart in its text: no part of it can be quoted alone
            quote = ""
        if not quote:
            importer.conflicts.append(f"row {number}: nothing of it can be quoted without the values it marks inferred")
            continue
        event_id = importer.event_of(accolade)
        if event_id is None:
            continue
        importer.place(event_id, accolade, quote)
        record = _record(accolade, film_id, event_id, source_id, title, quote)
        key = _record_key(record)
        if record["id"] in seen:
            importer.conflicts.append(
                f"row {number}: the same accolade as row {seen[record['id']]} (film, event, year and category): "
                "one row an accolade"
            )
            continue
        seen[record["id"]] = number
        there = importer.by_id.get(record["id"]) or importer.by_key.get(key)
        if there is None:
            new_records.setdefault(event_id, []).append(record)
            continue
        old = changed.get(there.id, there.data)
        differences = _differences(record, old)
        if differences:
            importer.conflicts.append(
                f"row {number}: {shown(data_dir / there.file)} records {there.id!r} otherwise: "
                + "; ".join(differences)
            )
            continue
        cited = [c for c in old["claims"] if c["source"] == source_id]
        if cited == record["claims"]:
            plan.already += 1
        elif cited:
            importer.conflicts.append(
                f"row {number}: {shown(data_dir / there.file)} has a claim of {source_id!r} for {there.id!r} already, "
                "in other words"
            )
        else:
            changed[there.id] = _merged(record, old)
            plan.claims_added += 1
    if not table.accolades or plan.other_films == len(table.accolades):
        raise Refused(f"{shown(sheet)}: no accolade of the film {film_id!r} in it: nothing to import")
    if importer.conflicts:
        problems = importer.conflicts[:MAX_SHOWN]
        if len(importer.conflicts) > MAX_SHOWN:
            problems.append(f"… and {len(importer.conflicts) - MAX_SHOWN} more")
        raise Refused(
            f"{len(importer.conflicts)} conflict(s) between {shown(sheet)} and the data: nothing was written", problems
        )
    _events(plan, importer)
    _awards(plan, importer, new_records, changed)
    if not any(c.path.is_relative_to(data_dir) for c in plan.changes):
        plan.changes = []
        plan.described = []
    _validate(plan)
    return plan


def _events(plan: Plan, importer: _Importer) -> None:
    source_id = importer.source_id
    for event_id, place in importer.places.items():
        given = {name: value for name, (value, _, _) in place.values.items()}
        quotes = list(dict.fromkeys(quote for _, _, quote in place.values.values()))
        rows = sorted({row for _, row, _ in place.values.values()})
        new = importer.new_events.get(event_id)
        if new is None:
            if not given:
                continue
            file, data = importer.events[event_id]
            updated = dict(data)
            sources = [dict(p) for p in data.get("place_sources", [])]
            mine = next((p for p in sources if p["source"] == source_id), None)
            if mine is None:
                sources.append({"source": source_id, "wording": " … ".join(quotes), **given})
            else:
                for quote in quotes:
                    if quote not in mine["wording"]:
                        mine["wording"] += " … " + quote
                mine.update(given)
            updated |= given | {"place_sources": sources}
            order = ("id", "name", "wikidata", "aliases", "kind", "city", "country", "place_sources")
            rank = {key: i for i, key in enumerate(order)}
            updated = dict(sorted(updated.items(), key=lambda item: rank.get(item[0], len(rank))))
            path = plan.data_dir / file
            plan.changes.append(FileChange(path, json_bytes(updated), path.read_bytes()))
            what = " and ".join(f"{name} {value!r}" for name, value in given.items())
            plan.described.append((path, f"{what} added, as the sheet's row(s) {', '.join(map(str, rows))} give it"))
            continue
        kind, why = _kind(new.name, new.results)
        event: dict[str, Any] = {"id": event_id, "name": new.name, "kind": kind, **given}
        if given:
            event["place_sources"] = [{"source": source_id, "wording": " … ".join(quotes), **given}]
        event["year_basis"] = YEAR_BASIS
        event["notes"] = (
            f"Made by `awards import` from {importer.source_title} ({source_id}), row {new.first_row}. Its kind "
            f"({kind}: {why}) and its year_basis ({YEAR_BASIS}: an accolade's year is the year it is given) are the "
            "import's defaults, which no source states: check them."
        )
        path = plan.data_dir / "events" / f"{event_id}.json"
        plan.changes.append(FileChange(path, json_bytes(event)))
        plan.described.append((path, f"new event {new.name!r} ({kind}, {YEAR_BASIS}: defaults to check)"))


def _awards(
    plan: Plan, importer: _Importer, new_records: dict[str, list[dict[str, Any]]], changed: dict[str, dict[str, Any]]
) -> None:
    by_file: dict[str, dict[str, dict[str, Any]]] = {}
    for award_id, record in changed.items():
        by_file.setdefault(importer.by_id[award_id].file, {})[award_id] = record
    files = {f"awards/{event_id}.json" for event_id in new_records} | by_file.keys()
    for file in sorted(files):
        path = plan.data_dir / file
        added = new_records.get(Path(file).stem, [])
        merged = by_file.get(file, {})
        if path.exists():
            before = path.read_bytes()
            records = [merged.get(r.get("id"), r) for r in json.loads(before.decode("utf-8-sig"))] + added
            plan.changes.append(FileChange(path, json_bytes(records), before))
        else:
            plan.changes.append(FileChange(path, json_bytes(added)))
        parts = []
        if added:
            parts.append(f"{len(added)} new record(s)" + ("" if path.exists() else ", a new file"))
        if merged:
            parts.append(f"a claim of {importer.source_id!r} added to {', '.join(merged)}")
        plan.described.append((path, "; ".join(parts)))
        plan.records_added += len(added)


def _validate(plan: Plan) -> None:
    """Validate the dataset as the plan would leave it, on a copy: Refused with its errors, if it has any."""
    from lasttrain_awards.findings import Report
    from lasttrain_awards.validation.scanner import scan

    with tempfile.TemporaryDirectory(prefix="awards-import-") as tmp:
        copy = Path(tmp) / "data"
        copy.mkdir()
        for folder in (*DATASET_FOLDERS, *OPTIONAL_FOLDERS):
            if (plan.data_dir / folder).is_dir():
                shutil.copytree(plan.data_dir / folder, copy / folder, symlinks=True)
        for change in plan.changes:
            if not change.path.is_relative_to(plan.data_dir):
                continue  # the sheet's copy, outside the data
            target = copy / change.path.relative_to(plan.data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.write_bytes(change.data)
        result = scan(copy, rules=build_rules())
    if result.report.errors:
        report = Report(result.report.findings, root=plan.data_dir)
        problems = [finding_line(report, f) for f in report.errors[:MAX_SHOWN]]
        raise Refused(
            f"the import would leave {len(report.errors)} error(s) in the data (lines as the files would be): "
            "nothing was written",
            problems,
        )


def apply_plan(plan: Plan) -> None:
    """Write what the plan says, all or nothing."""
    apply(plan.changes)
