"""Reading the database: filtered award lists and derived counts.

Every filter is a bound parameter; nothing the user types is spliced into SQL. Queries
use the Core tables only: the ORM is not imported on the way to a listing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, Engine, Select, exists, false, func, select

from lasttrain_awards.database.matching import like_pattern, search_key
from lasttrain_awards.database.tables import (
    awards,
    event_names,
    events,
    film_facts,
    film_names,
    films,
    refuted_citations,
    refuted_claims,
    sources,
)
from lasttrain_awards.errors import UsageProblem
from lasttrain_awards.validation.jsonschemas import load_schema

_AWARD = load_schema("award")["properties"]
_YEAR = load_schema("common")["$defs"]["year"]
RESULTS: tuple[str, ...] = tuple(_AWARD["result"]["enum"])  # the schema is the one list of results
STATUSES: tuple[str, ...] = tuple(_AWARD["status"]["enum"])
SOURCE_KINDS: tuple[str, ...] = tuple(load_schema("source")["properties"]["kind"]["enum"])  # strongest first
COUNTRIES: frozenset[str] = frozenset(load_schema("common")["$defs"]["country"]["enum"])
YEAR_MIN: int = _YEAR["minimum"]
YEAR_MAX: int = _YEAR["maximum"]
INFERRED = "inferred"  # the mark every output puts after a value no source states


MAX_FILTER_TEXT = 200  # characters: no name is longer, and both backends then treat a pattern alike


def _filter_text(value: str | None, option: str) -> None:
    """Refuse a text filter that cannot be encoded or cannot match any name."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageProblem("not valid UTF-8 text (check the terminal's encoding)", option) from None
    if len(value) > MAX_FILTER_TEXT:
        raise UsageProblem(f"{len(value):,} characters: the limit is {MAX_FILTER_TEXT}, longer than any name", option)


@dataclass(frozen=True)
class Filters:
    """Which accolades a command covers. It checks itself: a value that cannot match, or filters that
    contradict each other, raise UsageProblem (from Python as from the command line)."""

    years: tuple[int, ...] = ()
    since: int | None = None
    until: int | None = None
    event: str | None = None
    result: str | None = None
    country: str | None = None
    undated: bool = False
    status: str | None = "active"  # None: any status
    films: tuple[str, ...] = ()  # id, title or another title of each film (case and accents aside)
    # The ids the film and event names resolve to, once a query has looked them up (resolved): a
    # plain list the planner puts on the (film_id, list_key) or (event_id, list_key) index, where a
    # subquery sent it scanning the whole table.
    film_ids: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    event_ids: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", tuple(self.years))
        object.__setattr__(self, "films", tuple(self.films))
        for film in self.films:
            _filter_text(film, "--film")
            if not film.strip():
                raise UsageProblem("empty: give a film's id or title", "--film")
        for year, option in [*((y, "--year") for y in self.years), (self.since, "--since"), (self.until, "--until")]:
            if year is not None and not (isinstance(year, int) and YEAR_MIN <= year <= YEAR_MAX):
                raise UsageProblem(f"{year!r} is not a year between {YEAR_MIN} and {YEAR_MAX}", option)
        if self.since is not None and self.until is not None and self.since > self.until:
            raise UsageProblem(f"{self.since} is after --until {self.until}: nothing could match", "--since")
        for year in self.years:
            if self.since is not None and year < self.since:
                raise UsageProblem(f"{year} is before --since {self.since}: it could match nothing", "--year")
            if self.until is not None and year > self.until:
                raise UsageProblem(f"{year} is after --until {self.until}: it could match nothing", "--year")
        if self.undated and (self.years or self.since is not None or self.until is not None):
            raise UsageProblem("records no source dates have no year: not with --year, --since or --until", "--undated")
        _filter_text(self.event, "--event")
        _filter_text(self.country, "--country")
        if self.country is not None and self.country.upper() not in COUNTRIES:
            raise UsageProblem(
                f"{self.country[:10]!r} is not an ISO 3166-1 alpha-2 country code (for example CA, NL, US)",
                "--country",
            )
        if self.result is not None and self.result not in RESULTS:
            raise UsageProblem(f"{self.result!r} is not a result: one of {', '.join(RESULTS)}", "--result")
        if self.status is not None and self.status not in STATUSES:
            raise UsageProblem(f"{self.status!r} is not a status: one of {', '.join(STATUSES)}", "--status")

    def describe(self) -> str | None:
        """The filters in words ("2010; won; from 2009"), None when nothing is filtered out."""
        parts = [", ".join(map(str, self.years))] if self.years else []
        parts += [f"from {self.since}"] if self.since is not None else []
        parts += [f"until {self.until}"] if self.until is not None else []
        parts += [f"events matching {self.event!r}"] if self.event else []
        parts += [self.result] if self.result else []
        parts += [f"country {self.country}"] if self.country else []
        parts += ["undated only"] if self.undated else []
        parts += [f"status {self.status or 'any'}"] if self.status != "active" else []
        parts += [f"film {', '.join(map(repr, self.films))}"] if self.films else []
        return "; ".join(parts) or None

    def apply(self, query: Select[Any]) -> Select[Any]:
        """The query narrowed to the matching awards (it must select from awards)."""
        if any("\x00" in (text or "") for text in (self.event, self.country, *self.films)):
            # No stored name holds NUL (the schemas forbid control characters), and PostgreSQL
            # rejects it in any text parameter: such a filter matches nothing, on every backend.
            return query.where(false())
        if self.years:
            query = query.where(awards.c.year.in_(self.years))
        if self.since is not None:
            query = query.where(awards.c.year >= self.since)
        if self.until is not None:
            query = query.where(awards.c.year <= self.until)
        if self.undated:
            query = query.where(awards.c.year.is_(None))
        if self.result:
            query = query.where(awards.c.result == self.result)
        if self.status:
            query = query.where(awards.c.status == self.status)
        if self.country:
            in_country = select(events.c.id).where(events.c.country == self.country.upper())
            query = query.where(awards.c.event_id.in_(in_country))
        if self.film_ids is not None:
            query = query.where(awards.c.film_id.in_(self.film_ids) if self.film_ids else false())
        elif self.films:
            keys = [search_key(film) for film in self.films]
            named = select(film_names.c.film_id).where(film_names.c.search_key.in_(keys))
            query = query.where(awards.c.film_id.in_(named))
        if self.event_ids is not None:
            query = query.where(awards.c.event_id.in_(self.event_ids) if self.event_ids else false())
        elif self.event:
            names = select(event_names.c.event_id).where(
                event_names.c.event_id == awards.c.event_id,
                event_names.c.search_key.like(like_pattern(self.event), escape="\\"),
            )
            query = query.where(exists(names))
        return query


def resolved(connection: Connection, filters: Filters) -> Filters:
    """The filters with their film and event names resolved to ids (small tables, looked up once), so
    every query on them can use the film or event index."""
    if filters.films and filters.film_ids is None:
        keys = [search_key(film) for film in filters.films]
        named = connection.execute(select(film_names.c.film_id).where(film_names.c.search_key.in_(keys)))
        filters = replace(filters, film_ids=tuple(sorted({film_id for (film_id,) in named})))
    if filters.event and filters.event_ids is None and "\x00" not in filters.event:
        matching = select(event_names.c.event_id).where(
            event_names.c.search_key.like(like_pattern(filters.event), escape="\\")
        )
        filters = replace(filters, event_ids=tuple(sorted({event_id for (event_id,) in connection.execute(matching)})))
    return filters


def unjudged(engine: Engine, filters: Filters) -> list[str]:
    """What a filter over a value some records lack could not judge, in words (none when all were).

    A record with no year is neither in nor out of `--year 2010`; one whose event records no country
    is neither in nor out of `--country CA`. Unknown is not no: the commands say how many.
    """
    notes: list[str] = []
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        if filters.country:
            rest = replace(filters, country=None)
            placeless = select(events.c.id).where(events.c.country.is_(None))
            query = rest.apply(select(func.count()).select_from(awards)).where(awards.c.event_id.in_(placeless))
            n = connection.execute(query).scalar_one()
            if n:
                notes.append(f"{n} record(s) at events with no recorded country could not be judged by --country")
        if filters.years or filters.since is not None or filters.until is not None:
            rest = replace(filters, years=(), since=None, until=None)
            query = rest.apply(select(func.count()).select_from(awards)).where(awards.c.year.is_(None))
            n = connection.execute(query).scalar_one()
            if n:
                notes.append(
                    f"{n} undated record(s) could not be judged by --year, --since or --until "
                    "(`awards list --undated` lists them)"
                )
    return notes


def film_count(engine: Engine, filters: Filters) -> int:
    """Whether the selection spans several films: 0, 1 or 2 (for two or more).

    Two short queries that stop at their first row (one film's, then another's), rather than a
    GROUP BY that would sort the whole selection."""
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        if connection.execute(select(func.count()).select_from(films)).scalar_one() <= 1:
            return 1  # a single film's record: no need to look at the awards
        if filters.film_ids is not None and len(filters.film_ids) <= 1:
            return len(filters.film_ids)
        first = connection.execute(filters.apply(select(awards.c.film_id)).limit(1)).scalar()
        if first is None:
            return 0
        other = filters.apply(select(awards.c.film_id)).where(awards.c.film_id != first).limit(1)
        return 2 if connection.execute(other).scalar() is not None else 1


def _film_names(connection: Any) -> dict[str, list[tuple[str, str]]]:
    """Every film's names, by folded key: [(film id, name)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for film_id, name, key in connection.execute(
        select(film_names.c.film_id, film_names.c.name, film_names.c.search_key).order_by(film_names.c.film_id)
    ):
        found.setdefault(key, []).append((film_id, name))
    return found


def check_films(engine: Engine, filters: Filters) -> list[str]:
    """The ids of the films `--film` names; UsageProblem, with the near matches, for a name no film has."""
    if not filters.films:
        return []
    import difflib

    with engine.connect() as connection:
        names = _film_names(connection)
        titles = dict(connection.execute(select(films.c.id, films.c.title)).all())
    found: list[str] = []
    for wanted in filters.films:
        matches = names.get(search_key(wanted))
        if not matches:
            near = difflib.get_close_matches(search_key(wanted), list(names), n=5, cutoff=0.5)
            suggestions = sorted({f"{titles[film_id]} ({film_id})" for key in near for film_id, _ in names[key]})
            hint = f": did you mean {'; '.join(suggestions)}?" if suggestions else " (`awards films` lists them)"
            raise UsageProblem(f"no film is called {wanted[:80]!r}{hint}", "--film")
        found.extend(film_id for film_id, _ in matches if film_id not in found)
    return found


def one_film(engine: Engine, filters: Filters) -> str:
    """The one film an output about "the film" speaks of (the sentence, the press kit, QuickStatements).

    With one film in the data it is that one; with several, `--film` must name one: UsageProblem
    otherwise, listing the films to choose from.
    """
    named = check_films(engine, filters)
    if len(named) == 1:
        return named[0]
    with engine.connect() as connection:
        every = connection.execute(select(films.c.id, films.c.title).order_by(films.c.id)).all()
    if not named and len(every) == 1:
        return str(every[0][0])
    choices = "; ".join(f"{title} ({film_id})" for film_id, title in every if not named or film_id in named)
    what = "several films" if named else f"{len(every)} films"
    raise UsageProblem(
        f"this speaks of one film, and the selection holds {what}: choose one with --film: {choices}", "--film"
    )


@dataclass(frozen=True)
class FilmCount:
    """A film and its active accolades by result (`awards films`)."""

    id: str
    title: str
    year: int
    directors: list[str]
    by_result: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_result.values())


def film_counts(engine: Engine, filters: Filters = Filters()) -> list[FilmCount]:
    """Every film `--film` names (all when none is), with its accolades in the selection by result,
    counted by the database (one GROUP BY); a film with none is listed with none."""
    named = set(check_films(engine, filters))
    counts: dict[str, Counter[str]] = {}
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        query = filters.apply(select(awards.c.film_id, awards.c.result, func.count()).select_from(awards))
        for film_id, result, n in connection.execute(query.group_by(awards.c.film_id, awards.c.result)):
            counts.setdefault(film_id, Counter())[result] = n
        rows = connection.execute(
            select(films.c.id, films.c.title, films.c.year, films.c.directors).order_by(films.c.id)
        )
        return [
            FilmCount(film_id, title, year, list(directors), {r: counts.get(film_id, Counter())[r] for r in RESULTS})
            for film_id, title, year, directors in rows
            if not named or film_id in named
        ]


@dataclass(frozen=True)
class EventEdition:
    """An event's accolades in one year (`awards events`): its edition where the records give one."""

    event_id: str
    event: str
    city: str | None
    country: str | None
    year: int | None
    editions: tuple[int, ...]
    accolades: int
    films: int


def event_editions(engine: Engine, filters: Filters = Filters()) -> list[EventEdition]:
    """Each event and year in the selection, with its accolades and how many films hold them, counted by
    the database (one GROUP BY); ordered by event name, then year, undated last."""
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        places = {
            row[0]: row[1:]
            for row in connection.execute(select(events.c.id, events.c.name, events.c.city, events.c.country))
        }
        query = filters.apply(
            select(
                awards.c.event_id,
                awards.c.year,
                func.count(),
                func.count(func.distinct(awards.c.film_id)),
            ).select_from(awards)
        ).group_by(awards.c.event_id, awards.c.year)
        grouped = connection.execute(query).all()
        numbered = filters.apply(
            select(awards.c.event_id, awards.c.year, awards.c.edition)
            .select_from(awards)
            .where(awards.c.edition.is_not(None))
        ).group_by(awards.c.event_id, awards.c.year, awards.c.edition)
        editions: dict[tuple[str, int | None], list[int]] = {}
        for event_id, year, edition in connection.execute(numbered):
            editions.setdefault((event_id, year), []).append(edition)
    found = [
        EventEdition(event_id, *places[event_id], year, tuple(sorted(editions.get((event_id, year), []))), n, n_films)
        for event_id, year, n, n_films in grouped
    ]
    return sorted(found, key=lambda e: (e.event, e.event_id, e.year is None, e.year or 0))


@dataclass(frozen=True)
class SourceRef:
    """A cited source as a footnote shows it."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    retrieved: str | None = None
    published: str | None = None
    kind: str | None = None  # how strong it is (source.schema.json's kinds, strongest first)
    language: str | None = None  # the language of its text (BCP 47) where it is not English

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> SourceRef:
        """From a source's JSON entry or database row: the fields a footnote needs, the rest ignored."""
        return cls(
            id=record["id"],
            title=record.get("title") or record["id"],
            publisher=record.get("publisher") or "",
            url=record.get("url"),
            retrieved=record.get("retrieved"),
            published=record.get("published"),
            kind=record.get("kind"),
            language=record.get("language"),
        )


class AwardRow(NamedTuple):
    """One accolade as the commands show it (a named tuple: a million of them stream cheaply)."""

    id: str
    year: int | None
    date: str | None
    edition: int | None
    event: str
    event_id: str
    category: str
    result: str
    section: str | None
    status: str
    recipients: list[str]
    city: str | None
    country: str | None
    sources: list[str]
    source_names: list[str] = []  # noqa: RUF012 - never mutated: each row gets its own list
    notes: str | None = None
    pending: bool = False
    highlight: bool = False
    result_stated: bool = True  # some claim states the result (else: read from a list of laurels)
    shared_with: list[str] = []  # noqa: RUF012 - never mutated: each row gets its own list
    source_urls: list[str | None] = []  # noqa: RUF012 - parallel to sources: each one's address, if known
    inferred: dict[str, str] = {}  # noqa: RUF012 - field -> reasoning: values no source states
    film_id: str = ""
    film: str = ""  # the film's title
    # The kind of each source that states the result, in claim order; empty when none does, or when
    # the row was not read from a database (then nothing is known of them).
    result_kinds: list[str] = []  # noqa: RUF012 - never mutated: each row gets its own list
    event_in_sentence: str | None = None  # "the Sundance Film Festival"; None: the name, no article

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()

    def marked(self, field: str) -> int | str | None:
        """The value of year, edition or date as outputs show it: "(inferred)" after one no source states."""
        value: int | str | None = getattr(self, field)
        return f"{value} ({INFERRED})" if value is not None and field in self.inferred else value


# What a listed accolade shows of its award row, in the order iter_awards unpacks it.
LISTED = (
    awards.c.id,
    awards.c.year,
    awards.c.date,
    awards.c.edition,
    awards.c.event_id,
    awards.c.category,
    awards.c.result,
    awards.c.section,
    awards.c.status,
    awards.c.notes,
    awards.c.pending,
    awards.c.highlight,
    awards.c.cited_sources,
    awards.c.recipient_names,
    awards.c.result_stated,
    awards.c.shared_with,
    awards.c.inferred,
    awards.c.film_id,
    awards.c.result_kinds,
)


def _ordered(filters: Filters, columns: tuple[Any, ...]) -> Select[Any]:
    """The filtered awards in list order: year, date, event name, category, id, undated last.

    The order is each record's list_key, computed at load: an index on (year, list_key)
    hands out a year's records in order.
    """
    return filters.apply(select(*columns)).order_by(awards.c.list_key)


CHUNK = 1000  # rows fetched at a time


def iter_awards(engine: Engine, filters: Filters = Filters()) -> Iterator[AwardRow]:
    """The accolades in list order, streamed: memory stays bounded whatever the number of rows.

    One row per record (its sources and recipients come with it, derived at load); events
    and sources, few, are looked up in memory.
    """
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        places = {
            row[0]: row[1:]
            for row in connection.execute(
                select(events.c.id, events.c.name, events.c.city, events.c.country, events.c.name_in_sentence)
            )
        }
        publishers, urls = {}, {}
        for source_id, publisher, url in connection.execute(select(sources.c.id, sources.c.publisher, sources.c.url)):
            publishers[source_id], urls[source_id] = publisher, url
        titles = dict(connection.execute(select(films.c.id, films.c.title)).all())
        result = connection.execution_options(stream_results=True, yield_per=CHUNK).execute(_ordered(filters, LISTED))
        for chunk in result.partitions(CHUNK):
            for row in chunk:
                (award_id, year, date, edition, event_id, category, result_, section, status, notes, pending,
                 highlight, cited, names, stated, shared, inferred, film_id, kinds) = row  # fmt: skip
                event, city, country, in_sentence = places[event_id]
                source_ids = orjson.loads(cited)
                yield AwardRow(
                    award_id,
                    year,
                    date,
                    edition,
                    event,
                    event_id,
                    category,
                    result_,
                    section,
                    status,
                    orjson.loads(names) if names != "[]" else [],  # most records name no one
                    city,
                    country,
                    source_ids,
                    list(dict.fromkeys(publishers[s] for s in source_ids)),
                    notes,
                    pending,
                    highlight,
                    stated,
                    orjson.loads(shared) if shared != "[]" else [],
                    [urls[s] for s in source_ids],
                    orjson.loads(inferred) if inferred != "{}" else {},
                    film_id,
                    titles[film_id],
                    orjson.loads(kinds) if kinds != "[]" else [],
                    in_sentence,
                )


def list_awards(engine: Engine, filters: Filters = Filters()) -> list[AwardRow]:
    return list(iter_awards(engine, filters))


def stats(engine: Engine, filters: Filters = Filters()) -> dict[str, Any]:
    """Derived counts: total, per result, per year (undated apart), per event, and per film when the
    selection spans more than one.

    Counted by the database (GROUP BY over indexed columns), in constant memory whatever the
    number of records; ordered here, by code point, the same on every backend.
    """
    counts: dict[str, Counter[Any]] = {}
    groups: tuple[tuple[str, Any], ...] = (
        ("result", awards.c.result),
        ("year", awards.c.year),
        ("event", awards.c.event_id),
    )
    if film_count(engine, filters) > 1:
        groups += (("film", awards.c.film_id),)
    with engine.connect() as connection:
        filters = resolved(connection, filters)
        for name, column in groups:
            query = filters.apply(select(column, func.count()).select_from(awards)).group_by(column)
            counts[name] = Counter({value: n for value, n in connection.execute(query)})
    by_year = {"undated" if year is None else str(year): n for year, n in counts["year"].items()}
    years = sorted(k for k in by_year if k != "undated") + (["undated"] if "undated" in by_year else [])
    by_result = counts["result"]
    return {
        "total": sum(by_result.values()),
        "by_result": {r: by_result[r] for r in RESULTS if by_result[r]},
        "by_year": {y: by_year[y] for y in years},
        "by_event": dict(sorted(counts["event"].items(), key=lambda kv: (-kv[1], kv[0]))),
    } | ({"by_film": dict(sorted(counts["film"].items(), key=lambda kv: (-kv[1], kv[0])))} if "film" in counts else {})


def source_records(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every source, by id: what footnotes and references cite."""
    with engine.connect() as connection:
        return {row.id: dict(row._mapping) for row in connection.execute(select(sources).order_by(sources.c.id))}


class FilmStatement(NamedTuple):
    """One source's value for one fact about a film (a film_facts row), in the data's order."""

    fact: str
    value: Any
    source_id: str
    wording: str
    qualifier: str | None


@dataclass(frozen=True)
class FilmRecord:
    id: str
    title: str
    year: int
    directors: list[str]
    statements: list[FilmStatement]

    def of(self, fact: str) -> list[FilmStatement]:
        return [s for s in self.statements if s.fact == fact]


def film_records(engine: Engine) -> list[FilmRecord]:
    """Every film with every statement about it, by film id, statements in the data's order."""
    with engine.connect() as connection:
        found = [
            FilmRecord(row.id, row.title, row.year, list(row.directors), [])
            for row in connection.execute(select(films).order_by(films.c.id))
        ]
        by_id = {film.id: film for film in found}
        query = select(film_facts).order_by(film_facts.c.film_id, film_facts.c.fact, film_facts.c.position)
        for row in connection.execute(query):
            by_id[row.film_id].statements.append(
                FilmStatement(row.fact, row.value, row.source_id, row.wording, row.qualifier)
            )
    return found


def film_labels(engine: Engine) -> dict[str, str]:
    """Every film's title, by id."""
    with engine.connect() as connection:
        return dict(connection.execute(select(films.c.id, films.c.title)).all())


def event_labels(engine: Engine) -> dict[str, str]:
    """Every event's name, by id: what tables show where the data keys by id."""
    with engine.connect() as connection:
        return dict(connection.execute(select(events.c.id, events.c.name)).all())


def source_refs(engine: Engine) -> dict[str, SourceRef]:
    """Every source as a footnote cites it, by id."""
    return {source_id: SourceRef.from_record(record) for source_id, record in source_records(engine).items()}


def film_titles(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(select(films.c.title).order_by(films.c.id)))


def wikidata_ids(engine: Engine) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    """The Wikidata ids the data records: films', events', and (with its film) each award record's prize."""
    with engine.connect() as connection:
        film_ids = dict(
            connection.execute(select(films.c.id, films.c.wikidata).where(films.c.wikidata.is_not(None))).all()
        )
        event_ids = dict(
            connection.execute(select(events.c.id, events.c.wikidata).where(events.c.wikidata.is_not(None))).all()
        )
        prizes = {
            row.id: (row.film_id, row.category_wikidata)
            for row in connection.execute(
                select(awards.c.id, awards.c.film_id, awards.c.category_wikidata).where(
                    awards.c.category_wikidata.is_not(None)
                )
            )
        }
    return film_ids, event_ids, prizes


def list_refuted(engine: Engine, film_ids: Collection[str] = ()) -> list[dict[str, Any]]:
    """Every refuted claim (of the films `film_ids` names, or of every film), with its film and the sources
    that make it and those that refute it (title, publisher, address)."""
    with engine.connect() as connection:
        titles = dict(connection.execute(select(films.c.id, films.c.title)).all())
        cited = {
            row.id: row
            for row in connection.execute(select(sources.c.id, sources.c.title, sources.c.publisher, sources.c.url))
        }
        citations: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for c in connection.execute(
            select(refuted_citations).order_by(
                refuted_citations.c.refuted_id, refuted_citations.c.role, refuted_citations.c.position
            )
        ):
            source = cited[c.source_id]
            entry = {
                "source": c.source_id,
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "wording": c.wording,
                "translation": c.translation,
            }
            citations.setdefault(c.refuted_id, {"claims": [], "refutes": []})[c.role].append(entry)
        records = []
        for row in connection.execute(select(refuted_claims).order_by(refuted_claims.c.id)):
            # str(): the keys are SQLAlchemy's quoted_name, which some JSON writers (orjson) refuse
            if film_ids and row.film_id not in film_ids:
                continue
            record = {str(k): v for k, v in row._mapping.items() if k not in ("data_file", "film_id")}
            found = citations.get(row.id, {"claims": [], "refutes": []})
            film = {"film_id": row.film_id, "film": titles[row.film_id]}
            records.append(record | film | {"claimed_by": found["claims"], "refuted_by": found["refutes"]})
    return records
