"""Consistency rules that look across files: references, duplicates, layout, undated records.

Each rule has an id, a default severity and a one-line description, and yields
findings with a place; `validation.validate` runs them all on the schema-valid entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from lasttrain_awards.dataset import Dataset, Entry
from lasttrain_awards.findings import Finding, Severity

Check = Callable[[Dataset], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, description: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, check)
        return check

    return register


def finding(rule_id: str, entry: Entry, message: str, subpath: str = "", severity: Severity | None = None) -> Finding:
    return Finding(
        file=entry.file,
        rule=rule_id,
        message=message,
        severity=severity or RULES[rule_id].severity,
        path=entry.path + subpath,
    )


@rule(
    "layout",
    Severity.ERROR,
    "films, events and sources live in a file named after their id; "
    "an awards file holds the records of the event it is named after",
)
def check_layout(dataset: Dataset) -> Iterator[Finding]:
    for kind in ("film", "event", "source"):
        for entry in dataset.entries[kind]:
            stem = PurePosixPath(entry.file).stem
            if stem != entry.id:
                message = f"{kind} {entry.id!r} is in {entry.file}: name the file {entry.id}.json"
                yield finding("layout", entry, message, ".id")
    for entry in dataset.awards:
        stem = PurePosixPath(entry.file).stem
        if entry.data["event"] != stem:
            yield finding(
                "layout",
                entry,
                f"record of event {entry.data['event']!r} is in {entry.file}: "
                f"move it to awards/{entry.data['event']}.json",
                ".event",
            )


@rule("references", Severity.ERROR, "every film, event and source an entry names exists; every source is cited")
def check_references(dataset: Dataset) -> Iterator[Finding]:
    known = dataset.known_ids
    cited: set[str] = set()

    def source_ref(entry: Entry, source: str, subpath: str) -> Iterator[Finding]:
        cited.add(source)
        if source not in known["source"]:
            yield finding("references", entry, f"unknown source {source!r} (no data/sources/{source}.json)", subpath)

    for entry in dataset.awards:
        for kind, folder in (("film", "films"), ("event", "events")):
            ref = entry.data[kind]
            if ref not in known[kind]:
                yield finding("references", entry, f"unknown {kind} {ref!r} (no data/{folder}/{ref}.json)", f".{kind}")
        for i, claim in enumerate(entry.data["claims"]):
            yield from source_ref(entry, claim["source"], f".claims[{i}].source")
    for entry in dataset.events:
        for i, anchor in enumerate(entry.data.get("editions", [])):
            yield from source_ref(entry, anchor["source"], f".editions[{i}].source")
    for entry in dataset.films:
        for fact, statements in entry.data["facts"].items():
            for i, statement in enumerate(statements):
                yield from source_ref(entry, statement["source"], f".facts.{fact}[{i}].source")
    for entry in dataset.sources:
        if entry.id not in cited:
            yield finding("references", entry, f"source {entry.id!r} is cited by nothing", ".id", Severity.WARNING)


@rule(
    "duplicates",
    Severity.ERROR,
    "ids are unique across files; no two records share film, event, year, category and result",
)
def check_duplicates(dataset: Dataset) -> Iterator[Finding]:
    for kind, entries in dataset.entries.items():
        counts = Counter(entry.id for entry in entries)
        first: dict[str, Entry] = {}
        for entry in entries:
            if counts[entry.id] > 1:
                if entry.id in first:
                    other = first[entry.id]
                    yield finding(
                        "duplicates",
                        entry,
                        f"{kind} id {entry.id!r} is used again (first at {other.file} {other.path})",
                        ".id",
                    )
                else:
                    first[entry.id] = entry
    for entry in dataset.awards:
        cited: set[str] = set()
        for i, claim in enumerate(entry.data["claims"]):
            if claim["source"] in cited:
                yield finding(
                    "duplicates",
                    entry,
                    f"a second claim from source {claim['source']!r}: one claim per source",
                    f".claims[{i}].source",
                )
            cited.add(claim["source"])
    seen: dict[tuple[object, ...], Entry] = {}
    for entry in dataset.awards:
        d = entry.data
        key = (d["film"], d["event"], d.get("year"), d["category"].casefold(), d["result"])
        if key in seen:
            other = seen[key]
            yield finding(
                "duplicates",
                entry,
                f"same film, event, year, category and result as {other.id!r} "
                f"({other.file} {other.path}): merge them into one record with several claims",
            )
        else:
            seen[key] = entry


@rule("result-unstated", Severity.WARNING, "a record whose result no claim states (read from a list of prizes)")
def check_result_unstated(dataset: Dataset) -> Iterator[Finding]:
    for entry in dataset.awards:
        result = entry.data["result"]
        if not any(claim.get("result") == result for claim in entry.data["claims"]):
            yield finding(
                "result-unstated",
                entry,
                f"no claim says {result!r}: {entry.id!r} is read from a list of "
                "prizes; cite a source that states the result",
                ".result",
            )


@rule("undated", Severity.WARNING, "a record without a year (no source states one)")
def check_undated(dataset: Dataset) -> Iterator[Finding]:
    for entry in dataset.awards:
        if "year" not in entry.data:
            yield finding(
                "undated",
                entry,
                f"{entry.id!r} has no year: no source states one "
                "(add it, with the claim that states it, when a source does)",
            )


def run_rules(dataset: Dataset) -> Iterator[Finding]:
    for rule_ in RULES.values():
        yield from rule_.check(dataset)
