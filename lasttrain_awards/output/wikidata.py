"""Wikidata QuickStatements (v1): the accolades as statements an encyclopedia editor can review and run.

One statement per accolade: P166 (award received) for a win, P1411 (nominated for) for a
nomination, on the film's item, with P585 (point in time) and P1027 (conferred by, the
event's item) as qualifiers. Each cited source with an address adds a reference: P854
(reference URL) and P813 (retrieved). QuickStatements joins the source properties of one
line into one reference, so a statement with several such sources is written once per
source; QuickStatements adds each line's reference to the same statement.

References follow Wikidata's practice: the awarding body's page and the press are reference URLs;
English Wikipedia is only "imported from" (S143); the makers, blogs, mirrors and aggregators are
not references at all.

Items are never guessed: the film, and the prize (category), need a Wikidata id in the
data. Accolades without one, and selections and special mentions (Wikidata has no
property for them), are skipped, each with the reason, for the caller to report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from lasttrain_awards.database.queries import AwardRow, SourceRef

PROPERTY = {"won": "P166", "nominated": "P1411"}  # award received, nominated for
POINT_IN_TIME, CONFERRED_BY, REFERENCE_URL, RETRIEVED = "P585", "P1027", "S854", "S813"
IMPORTED_FROM, ENGLISH_WIKIPEDIA = "S143", "Q328"  # imported from Wikimedia project: English Wikipedia
# Wikidata's practice: a reference URL is the awarding body's page or the press; an encyclopedia
# (Wikipedia) is at most "imported from"; makers, blogs, mirrors and aggregators are not references.
REFERENCE_KINDS = frozenset({"awarding-body", "press"})
PRECISION = {1: 9, 2: 10, 3: 11}  # parts of a partial date -> Wikidata precision: year, month, day


@dataclass(frozen=True)
class Items:
    """The Wikidata ids the data records: of films, of events, and of each award record's prize."""

    films: Mapping[str, str] = field(default_factory=dict)  # film id -> Q-id
    events: Mapping[str, str] = field(default_factory=dict)  # event id -> Q-id
    prizes: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # award id -> (film id, prize Q-id)


@dataclass(frozen=True)
class Skipped:
    award_id: str
    reason: str


def wikidata_time(partial: str) -> str:
    """A date of precision YYYY, YYYY-MM or YYYY-MM-DD as a QuickStatements time value."""
    parts = partial.split("-")
    padded = [*parts, "00", "00"][:3]
    return f"+{padded[0]}-{padded[1]}-{padded[2]}T00:00:00Z/{PRECISION[len(parts)]}"


def _why_not(row: AwardRow, prop: str | None, prize: str | None, film: str | None, film_item: str | None) -> str | None:
    """Why an accolade gets no statement, or None when it gets one."""
    if row.status != "active":
        return f"the record is {row.status}: only active accolades are stated"
    if prop is None:
        return f"a {row.result} accolade has no Wikidata property (only wins and nominations are statements)"
    if not row.result_stated:
        return f"no source states that it was {row.result} (read from a list of award laurels)"
    if prize is None:
        return "no Wikidata id for the prize (category_wikidata)"
    if film_item is None:
        return f"no Wikidata id for the film {film!r}"
    return None


def quickstatements(
    rows: Iterable[AwardRow], items: Items, sources: Mapping[str, SourceRef], skipped: list[Skipped]
) -> Iterator[str]:
    """The statement lines, in the rows' order; what cannot be stated goes to `skipped`."""
    for row in rows:
        prop = PROPERTY.get(row.result)
        film, prize = items.prizes.get(row.id, (None, None))
        film_item = items.films.get(film) if film else None
        reason = _why_not(row, prop, prize, film, film_item)
        if reason is not None:
            skipped.append(Skipped(row.id, reason))
            continue
        assert prop is not None and prize is not None and film_item is not None  # _why_not checked them
        statement = [film_item, prop, prize]
        # A point in time no source states is not stated to Wikidata either.
        date = row.date if "date" not in row.inferred else None
        when = date or (str(row.year) if row.year is not None and "year" not in row.inferred else None)
        if when:
            statement += [POINT_IN_TIME, wikidata_time(when)]
        if row.event_id in items.events:
            statement += [CONFERRED_BY, items.events[row.event_id]]
        # One line per reference (QuickStatements joins one line's sources into one reference), none twice.
        found = [tuple(ref) for s in row.sources if (ref := _reference(sources.get(s))) is not None]
        for cited in list(dict.fromkeys(found)) or [()]:
            yield "\t".join([*statement, *cited])


def _reference(source: SourceRef | None) -> list[str] | None:
    """A source as a Wikidata reference: the awarding body's page or the press as a reference URL (with
    the day it was retrieved), English Wikipedia as "imported from"; any other source is none."""
    if source is None or not source.url:
        return None
    if source.kind in REFERENCE_KINDS:
        return [
            REFERENCE_URL,
            f'"{source.url}"',
            *([RETRIEVED, wikidata_time(source.retrieved)] if source.retrieved else []),
        ]
    if urlsplit(source.url).hostname == "en.wikipedia.org":
        return [IMPORTED_FROM, ENGLISH_WIKIPEDIA]
    return None


def statements(engine: Engine, rows: Iterable[AwardRow], skipped: list[Skipped]) -> Iterator[str]:
    """The QuickStatements of `rows`, with the Wikidata ids and sources the database holds; what is
    skipped, and why, is appended to `skipped`."""
    from lasttrain_awards.database.queries import source_refs, wikidata_ids

    films, events, prizes = wikidata_ids(engine)
    return quickstatements(rows, Items(films, events, prizes), source_refs(engine), skipped)
