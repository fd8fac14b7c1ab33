"""The rules: each has an id, a default severity and a one-line description, and yields findings.

Three rules are checked while files are read (syntax, layout of the data directory, schema);
the rest look across the schema-valid entries. Time-aware rules depend on "today" (pinned
with `--today` for reproducible runs); opt-in rules (links) run only when asked for.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from lasttrain_awards.dataset import Dataset, Entry
from lasttrain_awards.findings import Finding, Severity
from lasttrain_awards.linkcheck import DEFAULT_TIMEOUT, check_urls

DEFAULT_MAX_SOURCE_AGE = 365  # days
# Rules about keeping the data current, not about whether it is consistent: `awards
# validate` reports them, but building the database (and so `list`) does not wait on them.
CURRENCY_RULES = ("outcome-due", "stale-source")
UPCOMING_RESULTS = ("nominated", "selected")


@dataclass(frozen=True)
class Context:
    """What a run of the rules depends on besides the data."""

    today: date = field(default_factory=date.today)
    max_source_age: int = DEFAULT_MAX_SOURCE_AGE
    link_timeout: float = DEFAULT_TIMEOUT


Check = Callable[[Dataset, Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check | None  # None: checked while the files are read
    time_aware: bool = False
    opt_in: bool = False


RULES: dict[str, Rule] = {}


def _register(rule_: Rule) -> None:
    RULES[rule_.id] = rule_


for _id, _description in (
    ("syntax", "each file is readable, strict UTF-8 JSON"),
    ("schema", "each file is valid against the JSON Schema of its folder"),
):
    _register(Rule(_id, Severity.ERROR, _description, None))


def rule(
    rule_id: str, severity: Severity, description: str, *, time_aware: bool = False, opt_in: bool = False
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        _register(Rule(rule_id, severity, description, check, time_aware, opt_in))
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


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), *, check_links: bool = False, time_aware: bool = True
) -> frozenset[str]:
    """The ids of the rules a run applies: all but opt-in ones unless `select` names some."""
    chosen = set(select) or {r.id for r in RULES.values() if not r.opt_in}
    if check_links:
        chosen.add("links")
    if not time_aware:
        chosen -= {r.id for r in RULES.values() if r.time_aware}
    unknown = (chosen | set(ignore)) - RULES.keys()
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}")
    return frozenset(chosen - set(ignore))


def run_rules(dataset: Dataset, context: Context, chosen: Iterable[str]) -> Iterator[Finding]:
    for rule_id in sorted(chosen):
        check = RULES[rule_id].check
        if check is not None:
            yield from check(dataset, context)


# -- structure ---------------------------------------------------------------------------------


@rule(
    "layout",
    Severity.ERROR,
    "data files are films/, events/, sources/ or awards/*.json, named after their id or event",
)
def check_layout(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for kind in ("film", "event", "source"):
        for entry in dataset.entries[kind]:
            if PurePosixPath(entry.file).stem != entry.id:
                message = f"{kind} {entry.id!r} is in {entry.file}: name the file {entry.id}.json"
                yield finding("layout", entry, message, ".id")
    for entry in dataset.awards:
        if entry.data["event"] != PurePosixPath(entry.file).stem:
            yield finding(
                "layout",
                entry,
                f"record of event {entry.data['event']!r} is in {entry.file}: "
                f"move it to awards/{entry.data['event']}.json",
                ".event",
            )


@rule("references", Severity.ERROR, "every film, event and source an entry names exists; every source is cited")
def check_references(dataset: Dataset, _: Context) -> Iterator[Finding]:
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
    "ids are unique; one claim per source; no two records share film, event, year, category and result",
)
def check_duplicates(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for kind, entries in dataset.entries.items():
        first: dict[str, Entry] = {}
        for entry in entries:
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


# -- years --------------------------------------------------------------------------------------


def _first_day(partial: str) -> date:
    parts = [int(p) for p in partial.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(partial: str) -> date:
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def _first_film_year(film: dict[str, Any]) -> int:
    """The film's year, or an earlier release year where a source states one."""
    releases = [_first_day(s["value"]["date"]).year for s in film["facts"].get("release_dates", [])]
    return min([film["year"], *releases])


@rule(
    "years-film",
    Severity.ERROR,
    "no accolade before the film's first year; none after today unless it is an upcoming (pending) "
    "nomination or selection",
    time_aware=True,
)
def check_years_film(dataset: Dataset, context: Context) -> Iterator[Finding]:
    first_years = {e.id: _first_film_year(e.data) for e in dataset.films}
    for entry in dataset.awards:
        d = entry.data
        first = first_years.get(d["film"])
        if first is not None:
            if d.get("year") is not None and d["year"] < first:
                yield finding(
                    "years-film", entry, f"year {d['year']} is before the film's first year, {first}", ".year"
                )
            if d.get("date") and _first_day(d["date"]).year < first:
                yield finding(
                    "years-film", entry, f"date {d['date']} is before the film's first year, {first}", ".date"
                )
        upcoming = d.get("pending") and d["result"] in UPCOMING_RESULTS
        future = [
            (subpath, value)
            for subpath, value, starts in (
                (".year", d.get("year"), date(d["year"], 1, 1) if d.get("year") else None),
                (".date", d.get("date"), _first_day(d["date"]) if d.get("date") else None),
            )
            if starts is not None and starts > context.today
        ]
        for subpath, value in future if not upcoming else []:
            yield finding(
                "years-film",
                entry,
                f"{subpath[1:]} {value} is after today ({context.today}): only an "
                "upcoming nomination or selection, marked pending, may be",
                subpath,
            )


@rule(
    "years-date",
    Severity.ERROR,
    "an award's date falls within its year (or the year after, for events that name the eligibility year)",
)
def check_years_date(dataset: Dataset, _: Context) -> Iterator[Finding]:
    events = dataset.by_id("event")
    for entry in dataset.awards:
        d = entry.data
        event = events.get(d["event"])
        if d.get("year") is None or not d.get("date") or event is None:
            continue
        date_year = _first_day(d["date"]).year
        eligibility = event.data["year_basis"] == "eligibility"
        allowed = {d["year"], d["year"] + 1} if eligibility else {d["year"]}
        if date_year not in allowed:
            also = (
                f" or {d['year'] + 1} ({event.data['name']} names awards by the year of the work)"
                if eligibility
                else ""
            )
            yield finding("years-date", entry, f"date {d['date']} is not in {d['year']}{also}", ".date")


def _edition_year(anchor_edition: int, anchor_year: int, edition: int, skipped: set[int]) -> int:
    """The year of `edition`, counting one edition a year from the anchor, over years without one."""
    year, step = anchor_year, (1 if edition >= anchor_edition else -1)
    for _ in range(abs(edition - anchor_edition)):
        year += step
        while year in skipped:
            year += step
    return year


@rule(
    "years-edition",
    Severity.ERROR,
    "edition numbers agree with years through the event's edition anchors (one a year, but for the "
    "years it lists without one), and with each other",
)
def check_years_edition(dataset: Dataset, _: Context) -> Iterator[Finding]:
    events = dataset.by_id("event")
    by_event: dict[str, list[Entry]] = {}
    for entry in dataset.awards:
        by_event.setdefault(entry.data["event"], []).append(entry)
    for event_id, event in sorted(events.items()):
        skipped = set(event.data.get("years_without_edition", []))
        anchors = event.data.get("editions", [])
        reference: tuple[int, int, str] | None = None  # (edition, year, what it is)
        for i, anchor in enumerate(anchors):
            if anchor["year"] in skipped:
                yield finding(
                    "years-edition",
                    event,
                    f"edition {anchor['edition']} is anchored in "
                    f"{anchor['year']}, a year the event lists without an edition",
                    f".editions[{i}]",
                )
            elif reference is None:
                reference = (
                    anchor["edition"],
                    anchor["year"],
                    f"edition {anchor['edition']} in {anchor['year']}, per {anchor['source']}",
                )
            elif _edition_year(reference[0], reference[1], anchor["edition"], skipped) != anchor["year"]:
                yield finding(
                    "years-edition",
                    event,
                    f"anchor edition {anchor['edition']} in {anchor['year']} disagrees with {reference[2]}",
                    f".editions[{i}]",
                )
        for entry in by_event.get(event_id, []):
            d = entry.data
            if d.get("year") is not None and d["year"] in skipped:
                yield finding(
                    "years-edition",
                    entry,
                    f"{event.data['name']} held no edition in {d['year']} (listed in years_without_edition)",
                    ".year",
                )
                continue
            if d.get("year") is None or d.get("edition") is None:
                continue
            if reference is None:
                reference = (d["edition"], d["year"], f"{d['id']!r} (edition {d['edition']} in {d['year']})")
                continue
            expected = _edition_year(reference[0], reference[1], d["edition"], skipped)
            if expected != d["year"]:
                yield finding(
                    "years-edition",
                    entry,
                    f"edition {d['edition']} should be in {expected}, not "
                    f"{d['year']}: it disagrees with {reference[2]}",
                    ".edition",
                )


@rule(
    "claims-year",
    Severity.ERROR,
    "a claim's year differs from its record's only where the record's resolution explains why",
)
def check_claims_year(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        d = entry.data
        if d.get("resolution"):
            continue
        for i, claim in enumerate(d["claims"]):
            if "year" in claim and claim["year"] != d.get("year"):
                recorded = f"the record's {d['year']}" if d.get("year") is not None else "a record without a year"
                yield finding(
                    "claims-year",
                    entry,
                    f"{claim['source']} says {claim['year']}, unlike {recorded}: "
                    "correct one, or explain the choice in the record's resolution",
                    f".claims[{i}].year",
                )


@rule("undated", Severity.WARNING, "a record without a year (no source states one)")
def check_undated(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        if "year" not in entry.data:
            yield finding(
                "undated",
                entry,
                f"{entry.id!r} has no year: no source states one "
                "(add it, with the claim that states it, when a source does)",
            )


@rule("result-unstated", Severity.WARNING, "a record whose result no claim states (read from a list of prizes)")
def check_result_unstated(dataset: Dataset, _: Context) -> Iterator[Finding]:
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


# -- time-aware and opt-in --------------------------------------------------------------------------


@rule(
    "outcome-due",
    Severity.ERROR,
    "a nomination or selection marked pending whose date (or year) has passed: record the result",
    time_aware=True,
)
def check_outcome_due(dataset: Dataset, context: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        d = entry.data
        if not d.get("pending"):
            continue
        when = d.get("date") or (str(d["year"]) if d.get("year") is not None else None)
        if when is not None and _last_day(when) < context.today:
            yield finding(
                "outcome-due",
                entry,
                f"awaiting its outcome, but {when} has passed (today is "
                f"{context.today}): record the result and drop pending",
                ".pending",
            )


@rule(
    "stale-source",
    Severity.WARNING,
    "a source not read and checked (its retrieved date) within the allowed age, or never",
    time_aware=True,
)
def check_stale_sources(dataset: Dataset, context: Context) -> Iterator[Finding]:
    for entry in dataset.sources:
        retrieved = entry.data.get("retrieved")
        if retrieved is None:
            yield finding(
                "stale-source",
                entry,
                f"{entry.id!r} has no retrieved date: nobody has read it and checked the claims that cite it; "
                "do, and record the date as retrieved",
            )
            continue
        age = (context.today - date.fromisoformat(retrieved)).days
        if age > context.max_source_age:
            yield finding(
                "stale-source",
                entry,
                f"{entry.id!r} was last checked on {retrieved}, {age} days before "
                f"{context.today} (the limit is {context.max_source_age}): check it again",
                ".retrieved",
            )


@rule("links", Severity.ERROR, "every source url answers (opt-in: --check-links)", opt_in=True)
def check_links(dataset: Dataset, context: Context) -> Iterator[Finding]:
    with_urls = [e for e in dataset.sources if "url" in e.data]
    results = check_urls((e.data["url"] for e in with_urls), timeout=context.link_timeout)
    for entry in with_urls:
        result = results[entry.data["url"]]
        if not result.ok:
            yield finding("links", entry, f"{result.url} does not answer: {result.detail}", ".url")
