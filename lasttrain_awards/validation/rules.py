"""The rules: each has an id, a default severity and a one-line description, and yields findings.

`syntax` and `schema` are checked while files are read and always run: the other rules see
only the entries that pass them. `layout` is checked both while reading (stray files) and
across entries. Time-aware rules depend on "today" (pinned with `--today`). Currency rules
(outcomes due, sources to re-check) are about keeping the data current rather than
consistent, so building the database does not wait on them. Opt-in rules (links) run only
when asked for.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from lasttrain_awards.defaults import DEFAULT_LINK_TIMEOUT, DEFAULT_MAX_SOURCE_AGE
from lasttrain_awards.findings import Finding, Severity
from lasttrain_awards.validation.entries import Dataset, Entry

UPCOMING_RESULTS = ("nominated", "selected")
ALWAYS = frozenset({"syntax", "schema"})


@dataclass(frozen=True)
class Context:
    """What a run of the rules depends on besides the data."""

    today: date = field(default_factory=date.today)
    max_source_age: int = DEFAULT_MAX_SOURCE_AGE
    link_timeout: float = DEFAULT_LINK_TIMEOUT


Check = Callable[[Dataset, Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check | None  # None: checked while the files are read
    time_aware: bool = False
    opt_in: bool = False
    currency: bool = False  # about keeping the data current, not about its consistency

    @property
    def gates_build(self) -> bool:
        """Whether a finding of this rule stops a load: consistency does, currency and opt-in checks not."""
        return not (self.opt_in or self.currency)

    @property
    def runs(self) -> str:
        return "opt-in" if self.opt_in else "time-aware" if self.time_aware else "always"


RULES: dict[str, Rule] = {}

for _id, _description in (
    ("syntax", "each file is readable, strict UTF-8 JSON"),
    ("schema", "each file is valid against the JSON Schema of its folder"),
):
    RULES[_id] = Rule(_id, Severity.ERROR, _description, None)


def rule(
    rule_id: str,
    severity: Severity,
    description: str,
    *,
    time_aware: bool = False,
    opt_in: bool = False,
    currency: bool = False,
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, check, time_aware, opt_in, currency)
        return check

    return register


def currency_rules() -> tuple[str, ...]:
    return tuple(r.id for r in RULES.values() if r.currency)


def build_rules() -> frozenset[str]:
    """The rules a build applies: those that gate it (Rule.gates_build), and no other."""
    return select_rules(ignore=currency_rules())


def finding(rule_id: str, entry: Entry, message: str, subpath: str = "", severity: Severity | None = None) -> Finding:
    return Finding(
        file=entry.file,
        rule=rule_id,
        message=message,
        severity=severity or RULES[rule_id].severity,
        path=entry.path + subpath,
    )


def select_rules(
    select: Iterable[str] = (), ignore: Iterable[str] = (), *, check_links: bool = False
) -> frozenset[str]:
    """The ids of the rules a run applies: all but opt-in ones unless `select` names some.

    syntax and schema always run: the other rules see only entries that pass them, so
    leaving them out would hide broken entries instead of reporting them.
    """
    chosen = set(select) or {r.id for r in RULES.values() if not r.opt_in}
    if check_links:
        chosen.add("links")
    unknown = (chosen | set(ignore)) - RULES.keys()
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}")
    return frozenset((chosen - set(ignore)) | ALWAYS)


def run_rules(dataset: Dataset, context: Context, chosen: Iterable[str]) -> Iterator[Finding]:
    for rule_id in sorted(chosen):
        check = RULES[rule_id].check
        if check is not None:
            yield from check(dataset, context)


# -- structure ---------------------------------------------------------------------------------


@rule(
    "layout",
    Severity.ERROR,
    "data files are films/, events/, sources/, refuted/ or awards/*.json, named after their id or event",
)
def check_layout(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entity in ("film", "event", "source", "refuted"):
        for entry in dataset.to_check(entity):
            if PurePosixPath(entry.file).stem != entry.id:
                message = f"{entity} {entry.id!r} is in {entry.file}: name the file {entry.id}.json"
                yield finding("layout", entry, message, ".id")
    stems: dict[str, str] = {}
    for entry in dataset.awards:
        event = entry.data["event"]
        stem = stems.get(entry.file) or stems.setdefault(entry.file, PurePosixPath(entry.file).stem)
        if event != stem:
            message = f"record of event {event!r} is in {entry.file}: move it to awards/{event}.json"
            yield finding("layout", entry, message, ".event")


@rule("references", Severity.ERROR, "every film, event and source an entry names exists; every source is cited")
def check_references(dataset: Dataset, _: Context) -> Iterator[Finding]:
    known = dataset.known_ids
    cited = dataset.seen.cited

    def source_ref(entry: Entry, source: str, subpath: str) -> Iterator[Finding]:
        cited.add(source)
        if source not in known["source"]:
            yield finding("references", entry, f"unknown source {source!r} (no data/sources/{source}.json)", subpath)

    for entry in dataset.to_check("award"):
        for entity, folder in (("film", "films"), ("event", "events")):
            ref = entry.data[entity]
            if ref not in known[entity]:
                yield finding(
                    "references", entry, f"unknown {entity} {ref!r} (no data/{folder}/{ref}.json)", f".{entity}"
                )
        for i, claim in enumerate(entry.data["claims"]):
            yield from source_ref(entry, claim["source"], f".claims[{i}].source")
    for entry in dataset.to_check("refuted"):
        if entry.data["film"] not in known["film"]:
            message = f"unknown film {entry.data['film']!r} (no data/films/{entry.data['film']}.json)"
            yield finding("references", entry, message, ".film")
        for role in ("claimed_by", "refuted_by"):
            for i, claim in enumerate(entry.data[role]):
                yield from source_ref(entry, claim["source"], f".{role}[{i}].source")
    for entry in dataset.to_check("event"):
        for i, anchor in enumerate(entry.data.get("editions", [])):
            yield from source_ref(entry, anchor["source"], f".editions[{i}].source")
        for i, place in enumerate(entry.data.get("place_sources", [])):
            yield from source_ref(entry, place["source"], f".place_sources[{i}].source")
    for entry in dataset.to_check("film"):
        for fact, statements in entry.data["facts"].items():
            for i, statement in enumerate(statements):
                yield from source_ref(entry, statement["source"], f".facts.{fact}[{i}].source")
    if dataset.phase == "end":  # every file has been read: what is still uncited is cited by nothing
        for entry in dataset.sources:
            if entry.id not in cited:
                yield finding("references", entry, f"source {entry.id!r} is cited by nothing", ".id", Severity.WARNING)


@rule(
    "duplicates",
    Severity.ERROR,
    "ids are unique (a film's press quotes' too); one claim per source; no two records share film, event, year, "
    "category and result",
)
def check_duplicates(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entity in ("film", "event", "source", "refuted"):
        first: dict[str, Entry] = {}
        for entry in dataset.to_check(entity):
            if entry.id in first:
                other = first[entry.id]
                message = f"{entity} id {entry.id!r} is used again (first at {other.file} {other.path})"
                yield finding("duplicates", entry, message, ".id")
            else:
                first[entry.id] = entry
    for entry in dataset.to_check("film"):  # a press quote is chosen by its id (the kit file's `quotes`)
        quote_ids: set[str] = set()
        for i, statement in enumerate(entry.data["facts"].get("press_quotes", [])):
            quote_id = statement["value"].get("id") if isinstance(statement.get("value"), dict) else None
            if quote_id in quote_ids:
                message = f"press quote id {quote_id!r} is used again in this film: one id per quote"
                yield finding("duplicates", entry, message, f".facts.press_quotes[{i}].value.id")
            elif quote_id is not None:
                quote_ids.add(quote_id)
    seen = dataset.seen
    ids, keys = seen.award_ids, seen.keys
    for entry in dataset.awards:
        d = entry.data
        award_id, place = d["id"], seen.place(entry)
        if award_id in ids:
            message = f"award id {award_id!r} is used again (first at {seen.where(ids[award_id])})"
            yield finding("duplicates", entry, message, ".id")
        else:
            ids[award_id] = place
        cited: set[str] = set()
        for i, claim in enumerate(d["claims"]):
            if claim["source"] in cited:
                message = f"a second claim from source {claim['source']!r}: one claim per source"
                yield finding("duplicates", entry, message, f".claims[{i}].source")
            cited.add(claim["source"])
        # A 64-bit hash stands for the key, so a million records fit in memory.
        key = hash((d["film"], d["event"], d.get("year"), d["category"].casefold(), d["result"]))
        if key in keys:
            message = (
                f"same film, event, year, category and result as the record at {seen.where(keys[key])}: "
                "merge them into one record with several claims"
            )
            yield finding("duplicates", entry, message)
        else:
            keys[key] = place


# -- years --------------------------------------------------------------------------------------


def _last_day(partial: str) -> date:
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def _first_film_year(film: dict[str, Any]) -> int:
    """The film's year, or an earlier release year where a source states one."""
    releases = [int(s["value"]["date"][:4]) for s in film["facts"].get("release_dates", [])]
    return min([int(film["year"]), *releases])


def _eligibility(event: Entry | None) -> bool:
    return event is not None and event.data["year_basis"] == "eligibility"


@rule(
    "years-film",
    Severity.ERROR,
    "no accolade before the film's first year; none after today unless it is an upcoming (pending) "
    "nomination or selection",
    time_aware=True,
)
def check_years_film(dataset: Dataset, context: Context) -> Iterator[Finding]:
    first_years = dataset.derived("first_years", lambda: {e.id: _first_film_year(e.data) for e in dataset.films})
    today = context.today.isoformat()
    ahead = "only an upcoming nomination or selection, marked pending, may be"
    for entry in dataset.awards:
        d = entry.data
        year, when = d.get("year"), d.get("date")
        first = first_years.get(d["film"])
        if first is not None and year is not None and year < first:
            yield finding("years-film", entry, f"year {year} is before the film's first year, {first}", ".year")
        if first is not None and when and int(when[:4]) < first:
            yield finding("years-film", entry, f"date {when} is before the film's first year, {first}", ".date")
        if d.get("pending") and d["result"] in UPCOMING_RESULTS:
            continue  # an upcoming nomination or selection may lie ahead
        if year is not None and year > context.today.year:
            yield finding("years-film", entry, f"year {year} is after today ({context.today}): {ahead}", ".year")
        # A partial date lies ahead when its first day does: ISO text compares like dates.
        if when and when > today[: len(when)]:
            yield finding("years-film", entry, f"date {when} is after today ({context.today}): {ahead}", ".date")


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
        eligibility = _eligibility(event)
        allowed = {d["year"], d["year"] + 1} if eligibility else {d["year"]}
        if int(d["date"][:4]) not in allowed:
            also = (
                f" or {d['year'] + 1} ({event.data['name']} names awards by the year of the work)"
                if eligibility
                else ""
            )
            yield finding("years-date", entry, f"date {d['date']} is not in {d['year']}{also}", ".date")


def _edition_year(anchor_edition: int, anchor_year: int, edition: int, skipped: set[int]) -> int:
    """The year of `edition`, counting one edition a year from the anchor, over years without one."""
    if not skipped:
        return anchor_year + edition - anchor_edition
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
    "years it lists without one), and with each other (within an event's awards file)",
)
def check_years_edition(dataset: Dataset, _: Context) -> Iterator[Finding]:
    by_event: dict[str, list[Entry]] = {}
    for entry in dataset.awards:
        by_event.setdefault(entry.data["event"], []).append(entry)
    checked_events = {e.id for e in dataset.to_check("event")}
    events = dataset.by_id("event")
    for event_id in sorted(checked_events | by_event.keys()):  # this phase's events, not every event each time
        event = events.get(event_id)
        if event is None:
            continue  # an unknown event: the references rule reports it
        skipped = set(event.data.get("years_without_edition", []))
        anchors = event.data.get("editions", []) if event_id in checked_events else []
        all_anchors = event.data.get("editions", [])
        records = by_event.get(event_id, [])
        for i, anchor in enumerate(anchors):
            if anchor["year"] in skipped:
                message = (
                    f"edition {anchor['edition']} is anchored in {anchor['year']}, "
                    "a year the event lists without an edition"
                )
                yield finding("years-edition", event, message, f".editions[{i}]")
        for entry in records:
            if entry.data.get("year") in skipped:
                message = (
                    f"{event.data['name']} held no edition in {entry.data['year']} (listed in years_without_edition)"
                )
                yield finding("years-edition", entry, message, ".year")
        # Every (edition, year) pair implies the year of edition 1; they must all imply the same.
        placed = [(i, a) for i, a in enumerate(all_anchors) if a["year"] not in skipped]
        dated = [e for e in records if e.data.get("edition") is not None and e.data.get("year") not in (None, *skipped)]
        if placed:  # anchors cite their sources: the first is the reference
            first = placed[0][1]
            origin = _edition_year(first["edition"], first["year"], 1, skipped)
            reference = f"edition {first['edition']} in {first['year']}, per {first['source']}"
            for i, anchor in placed[1:] if event_id in checked_events else []:
                if _edition_year(anchor["edition"], anchor["year"], 1, skipped) != origin:
                    message = f"anchor edition {anchor['edition']} in {anchor['year']} disagrees with {reference}"
                    yield finding("years-edition", event, message, f".editions[{i}]")
        elif dated:  # no anchors: the records must agree; the majority is the reference
            votes = Counter(_edition_year(e.data["edition"], e.data["year"], 1, skipped) for e in dated)
            origin = max(votes, key=lambda year: (votes[year], -year))
            reference = f"{votes[origin]} record(s) of this event"
        else:
            continue
        for entry in dated:
            d = entry.data
            expected = _edition_year(1, origin, d["edition"], skipped)
            if expected != d["year"]:
                message = (
                    f"edition {d['edition']} should be in {expected}, not {d['year']}: it disagrees with {reference}"
                )
                yield finding("years-edition", entry, message, ".edition")


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
                message = (
                    f"{claim['source']} says {claim['year']}, unlike {recorded}: "
                    "correct one, or explain the choice in the record's resolution"
                )
                yield finding("claims-year", entry, message, f".claims[{i}].year")


@rule("undated", Severity.WARNING, "a record without a year (no source states one)")
def check_undated(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        if "year" not in entry.data:
            stated = sorted({c["year"] for c in entry.data["claims"] if "year" in c})
            why = f"its claims give {', '.join(map(str, stated))}" if stated else "no source states one"
            message = f"{entry.id!r} has no year: {why} (add it, with the claim that states it, when a source does)"
            yield finding("undated", entry, message)


@rule("result-unstated", Severity.WARNING, "a record whose result no claim states (read from a list of prizes)")
def check_result_unstated(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        result = entry.data["result"]
        if not any(claim.get("result") == result for claim in entry.data["claims"]):
            message = f"no claim says {result!r}: {entry.id!r} is read from a list of prizes; cite a source that does"
            yield finding("result-unstated", entry, message, ".result")


def written_forms(field: str, value: Any) -> list[str]:
    """How an inferred value could be written inside a quotation: the ISO date and its English
    spellings, the year, the edition as an ordinal ("6th")."""
    if field == "edition":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return [rf"(?<!\d){n}{suffix}\b"]
    if field == "year":
        return [rf"(?<!\d){value}(?!\d)"]
    forms = [rf"(?<!\d){re.escape(str(value))}(?!\d)"]
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        year, month, day = parts
        for name in (calendar.month_name[month], calendar.month_abbr[month]):
            ordinal = r"(?:st|nd|rd|th)?"
            forms += [rf"\b{name}\.? {day}{ordinal},? {year}\b", rf"\b{day}{ordinal} {name}\.?,? {year}\b"]
    return forms


@rule(
    "inferred",
    Severity.ERROR,
    "an inferred value (year, edition, date) is on its record, marked once with its reasoning, and no claim "
    "gives it or quotes it: a quotation holds only the source's words",
)
def check_inferred(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.awards:
        d = entry.data
        seen: set[str] = set()
        for i, mark in enumerate(d.get("inferred", [])):
            field, where = mark["field"], f".inferred[{i}]"
            if field in seen:
                yield finding("inferred", entry, f"{field} is marked inferred twice: give one reasoning", where)
                continue
            seen.add(field)
            value = d.get(field)
            if value is None:
                yield finding("inferred", entry, f"{field} is marked inferred, but the record has no {field}", where)
                continue
            forms = [re.compile(form, re.IGNORECASE) for form in written_forms(field, value)]
            for j, claim in enumerate(d["claims"]):
                if claim.get(field) == value:
                    message = (
                        f"{claim['source']} gives the inferred {field} {value}: a claim holds only what its source "
                        "states (drop the claim's value, or cite the words that state it and drop the inference)"
                    )
                    yield finding("inferred", entry, message, f".claims[{j}].{field}")
                for key in ("wording", "translation"):
                    if any(form.search(claim.get(key, "")) for form in forms):
                        message = (
                            f"the {key} of {claim['source']}'s claim holds the inferred {field} {value}: "
                            "quote the source's own words, and keep the inference outside the quotation"
                        )
                        yield finding("inferred", entry, message, f".claims[{j}].{key}")


PLACE_FIELDS = ("city", "country")


def fold_place(text: str) -> str:
    """Text as a place is compared: case, accents, hyphens and spaces aside ("Hong-Kong" is "Hong Kong")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def place_words(event: dict[str, Any], wording: str) -> str:
    """A place wording as compared, without the event's own names: a name ("Krakow Film Festival") is no
    statement of the place, so an inferred city may stand in it."""
    words = fold_place(wording)
    for name in sorted((event["name"], *event.get("aliases", [])), key=len, reverse=True):
        if folded := fold_place(name):
            words = words.replace(folded, " ")
    return words


@rule(
    "place",
    Severity.ERROR,
    "an event's city and country are each given by a place source, in its own words, or marked inferred with "
    "the reasoning; an inferred place is on the event, marked once, and in no place source",
)
def check_place(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.to_check("event"):
        d = entry.data
        cited = d.get("place_sources", [])
        marks = d.get("inferred", [])
        inferred = {mark["field"] for mark in marks}
        seen: set[str] = set()
        for i, mark in enumerate(marks):
            field, where = mark["field"], f".inferred[{i}]"
            if field in seen:
                yield finding("place", entry, f"{field} is marked inferred twice: give one reasoning", where)
                continue
            seen.add(field)
            if d.get(field) is None:
                yield finding("place", entry, f"{field} is marked inferred, but the event has no {field}", where)
        sources: set[str] = set()
        for j, place in enumerate(cited):
            where = f".place_sources[{j}]"
            if place["source"] in sources:
                message = f"a second place source from {place['source']!r}: join its quotes with ' … ' in one"
                yield finding("place", entry, message, f"{where}.source")
            sources.add(place["source"])
            for field in PLACE_FIELDS:
                if field not in place:
                    continue
                if field in inferred:
                    message = (
                        f"{place['source']} gives the {field} {place[field]!r}, marked inferred: a stated {field} "
                        "is not an inference (drop the mark, or the place source's value)"
                    )
                    yield finding("place", entry, message, f"{where}.{field}")
                elif place[field] != d.get(field):
                    recorded = (
                        f"the event's {d[field]!r}" if d.get(field) is not None else f"an event without a {field}"
                    )
                    message = f"{place['source']} gives the {field} {place[field]!r}, unlike {recorded}"
                    yield finding("place", entry, message, f"{where}.{field}")
        for field in PLACE_FIELDS:
            value = d.get(field)
            if value is None:
                continue
            if field in inferred:
                # The inferred value, as a place wording could hold it: the city's name, the country's code.
                pattern = re.compile(re.escape(fold_place(value))) if field == "city" else re.compile(rf"\b{value}\b")
                for j, place in enumerate(cited):
                    for key in ("wording", "translation"):
                        text = place.get(key, "")
                        if pattern.search(place_words(d, text) if field == "city" else text):
                            message = (
                                f"the {key} of {place['source']}'s place source holds the inferred {field} {value!r}: "
                                f"if the source states it, give it as the place source's {field} and drop the mark; "
                                "else keep it out of the quotation"
                            )
                            yield finding("place", entry, message, f".place_sources[{j}].{key}")
            elif not any(place.get(field) == value for place in cited):
                message = (
                    f"the {field} {value!r} is a fact without a source: cite the words that state it in "
                    f"place_sources (with {field}), or mark it inferred with the reasoning"
                )
                yield finding("place", entry, message, f".{field}")


@rule(
    "name-in-sentence",
    Severity.ERROR,
    "an event's name in a sentence holds its name or one of its aliases, case aside",
)
def check_name_in_sentence(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.to_check("event"):
        d = entry.data
        phrase = d.get("name_in_sentence")
        if phrase is None:
            continue
        names = [d["name"], *d.get("aliases", [])]
        if not any(name.casefold() in phrase.casefold() for name in names):
            message = (
                f"name_in_sentence {phrase!r} names neither the event ({d['name']!r}) nor an alias: give the name "
                'as a sentence says it ("the …"), or add the shorter name to aliases'
            )
            yield finding("name-in-sentence", entry, message, ".name_in_sentence")


WEAK_KIND = "blog-mirror-aggregator"


def _source_kinds(dataset: Dataset) -> dict[str, str]:
    return dataset.derived("source_kinds", lambda: {e.id: e.data["kind"] for e in dataset.sources})


@rule(
    "weak-evidence",
    Severity.WARNING,
    "a record whose every claim rests on a blog, a mirror or an aggregator (source kind blog-mirror-aggregator)",
)
def check_weak_evidence(dataset: Dataset, _: Context) -> Iterator[Finding]:
    kinds = _source_kinds(dataset)
    for entry in dataset.awards:
        cited = [claim["source"] for claim in entry.data["claims"]]
        if all(kinds.get(source) == WEAK_KIND for source in cited):
            message = (
                f"{entry.id!r} rests only on blogs, mirrors or aggregators ({', '.join(cited)}): "
                "cite the awarding body, the press or the film's makers when one states it"
            )
            yield finding("weak-evidence", entry, message, ".claims")


@rule(
    "refuted-evidence",
    Severity.ERROR,
    "a refuted claim names who makes it and is refuted by other sources, at least one of them not a blog, "
    "mirror or aggregator; one citation per source",
)
def check_refuted_evidence(dataset: Dataset, _: Context) -> Iterator[Finding]:
    kinds = _source_kinds(dataset)
    for entry in dataset.to_check("refuted"):
        claimants = {claim["source"] for claim in entry.data["claimed_by"]}
        for role in ("claimed_by", "refuted_by"):
            seen: set[str] = set()
            for i, claim in enumerate(entry.data[role]):
                source = claim["source"]
                if source in seen:
                    message = f"a second citation of {source!r} in {role}: one per source"
                    yield finding("refuted-evidence", entry, message, f".{role}[{i}].source")
                seen.add(source)
                if role == "refuted_by" and source in claimants:
                    message = f"{source!r} both makes the claim and refutes it"
                    yield finding("refuted-evidence", entry, message, f".{role}[{i}].source")
        refuting = [claim["source"] for claim in entry.data["refuted_by"] if claim["source"] not in claimants]
        if refuting and all(kinds.get(source, WEAK_KIND) == WEAK_KIND for source in refuting):
            message = f"{entry.id!r} is refuted only by blogs, mirrors or aggregators: cite stronger evidence"
            yield finding("refuted-evidence", entry, message, ".refuted_by")


# -- currency and opt-in ------------------------------------------------------------------------


@rule(
    "outcome-due",
    Severity.ERROR,
    "a nomination or selection marked pending whose date (or year) has passed: record the result",
    time_aware=True,
    currency=True,
)
def check_outcome_due(dataset: Dataset, context: Context) -> Iterator[Finding]:
    events = dataset.by_id("event")
    for entry in dataset.awards:
        d = entry.data
        if not d.get("pending"):
            continue
        if d["result"] not in UPCOMING_RESULTS:
            yield finding(
                "outcome-due",
                entry,
                f"a {d['result']!r} record cannot be pending: only a nomination or selection awaits its outcome",
                ".pending",
            )
            continue
        if d.get("date"):
            when, deadline = d["date"], _last_day(d["date"])
        elif d.get("year") is not None:
            # Without a date, the ceremony may be as late as the end of its year, or of the
            # year after for events that name the year of the work.
            last = d["year"] + (1 if _eligibility(events.get(d["event"])) else 0)
            when, deadline = str(last), date(last, 12, 31)
        else:
            continue
        if deadline < context.today:
            message = f"awaiting its outcome, but {when} has passed (today is {context.today}): record the result"
            yield finding("outcome-due", entry, message, ".pending")


@rule(
    "stale-source",
    Severity.WARNING,
    "a source whose last check (its retrieved date) is older than the allowed age, or after today",
    time_aware=True,
    currency=True,
)
def check_stale_sources(dataset: Dataset, context: Context) -> Iterator[Finding]:
    for entry in dataset.to_check("source"):
        if "retrieved" not in entry.data:
            continue  # unchecked-source
        retrieved = entry.data["retrieved"]
        age = (context.today - date.fromisoformat(retrieved)).days
        if age < 0:
            yield finding(
                "stale-source", entry, f"retrieved {retrieved} is after today ({context.today})", ".retrieved"
            )
        elif age > context.max_source_age:
            message = (
                f"{entry.id!r} was last checked on {retrieved}, {age} days before {context.today} "
                f"(the limit is {context.max_source_age}): check it again"
            )
            yield finding("stale-source", entry, message, ".retrieved")


@rule("unchecked-source", Severity.WARNING, "a source nobody has read and checked yet (no retrieved date)")
def check_unchecked_sources(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entry in dataset.to_check("source"):
        if "retrieved" not in entry.data:
            message = (
                f"{entry.id!r} has no retrieved date: nobody has read it and checked the claims that cite it; "
                "do, and record the date as retrieved"
            )
            yield finding("unchecked-source", entry, message)


@rule("links", Severity.ERROR, "every source url answers (opt-in: --check-links)", opt_in=True)
def check_links(dataset: Dataset, context: Context) -> Iterator[Finding]:
    with_urls = [e for e in dataset.to_check("source") if "url" in e.data]
    from lasttrain_awards.validation.linkcheck import check_urls

    results = check_urls((e.data["url"] for e in with_urls), timeout=context.link_timeout)
    for entry in with_urls:
        result = results[entry.data["url"]]
        if result.rate_limited:  # not known to be dead: the host would not answer yet
            message = f"{result.url} could not be checked: {result.detail}"
            yield finding("links", entry, message, ".url", severity=Severity.WARNING)
        elif not result.ok:
            yield finding("links", entry, f"{result.url} does not answer: {result.detail}", ".url")


@rule(
    "wikidata-ids",
    Severity.WARNING,
    "the Wikidata ids a QuickStatements export needs: each film's, each event's, and the prize of each stated "
    "win or nomination (opt-in: --rule wikidata-ids)",
    opt_in=True,
)
def check_wikidata_ids(dataset: Dataset, _: Context) -> Iterator[Finding]:
    for entity in ("film", "event"):
        for entry in dataset.to_check(entity):
            if "wikidata" not in entry.data:
                yield finding(
                    "wikidata-ids", entry, f"no Wikidata id for the {entity} {entry.id!r}: add `wikidata` (a Q-id)"
                )
    for entry in dataset.to_check("award"):
        data = entry.data
        stated = any(c.get("result") == data["result"] for c in data["claims"])
        if data["result"] in ("won", "nominated") and stated and "category_wikidata" not in data:
            yield finding(
                "wikidata-ids",
                entry,
                f"no Wikidata id for the prize of {entry.id!r}: add `category_wikidata` (the award's Q-id)",
            )
