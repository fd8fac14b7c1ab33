"""Reading the database: filtered award lists, derived counts, and conflicts between sources.

Every filter is a bound parameter; nothing the user types is spliced into SQL.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, Select, exists, false, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from lasttrain_awards.matching import like_pattern, search_key
from lasttrain_awards.models import Award, Claim, Event, EventName, Film, FilmFact, Recipient, Source
from lasttrain_awards.schemas import load_schemas

_AWARD = load_schemas()["award"]["properties"]
_YEAR = load_schemas()["common"]["$defs"]["year"]
RESULTS: tuple[str, ...] = tuple(_AWARD["result"]["enum"])  # the schema is the one list of results
STATUSES: tuple[str, ...] = tuple(_AWARD["status"]["enum"])
YEAR_MIN: int = _YEAR["minimum"]
YEAR_MAX: int = _YEAR["maximum"]
FILM_COLUMN = {"titles": "title", "year": "year", "directors": "directors"}  # facts the film row keeps one value of
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})  # en and em dash read as a hyphen


@dataclass(frozen=True)
class Filters:
    years: tuple[int, ...] = ()
    since: int | None = None
    until: int | None = None
    event: str | None = None
    result: str | None = None
    country: str | None = None
    undated: bool = False
    status: str | None = "active"  # None: any status

    def apply(self, query: Select[Any]) -> Select[Any]:
        if any("\x00" in (text or "") for text in (self.event, self.country)):
            # No stored name holds NUL (the schemas forbid control characters), and PostgreSQL
            # rejects it in any text parameter: such a filter matches nothing, on every backend.
            return query.where(false())
        if self.years:
            query = query.where(Award.year.in_(self.years))
        if self.since is not None:
            query = query.where(Award.year >= self.since)
        if self.until is not None:
            query = query.where(Award.year <= self.until)
        if self.undated:
            query = query.where(Award.year.is_(None))
        if self.result:
            query = query.where(Award.result == self.result)
        if self.status:
            query = query.where(Award.status == self.status)
        if self.country:
            query = query.where(Event.country == self.country.upper())
        if self.event:
            names = select(EventName.event_id).where(
                EventName.event_id == Award.event_id,
                EventName.search_key.like(like_pattern(self.event), escape="\\"),
            )
            query = query.where(exists(names))
        return query


@dataclass(frozen=True)
class AwardRow:
    """One accolade as the commands show it."""

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
    source_names: list[str] = field(default_factory=list)
    notes: str | None = None
    pending: bool = False
    highlight: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


CHUNK = 1000  # award rows fetched (and their claims and recipients looked up) at a time


def _ordered(engine: Engine, filters: Filters) -> Select[Any]:
    """The filtered awards in list order: year, date, event, category, id, undated last.

    Text compares by code point everywhere: SQLite's BINARY collation does; on PostgreSQL the
    "C" collation is asked for, so the order does not depend on the server's collation
    (en_US or ICU ones put "Écran" before "Festival" and "asia" before "Asia Pacific").
    """

    def text(column: Any) -> Any:
        return column.collate("C") if engine.dialect.name == "postgresql" else column

    query = select(*Award.__table__.c, Event.name.label("event_name"), Event.city, Event.country).join(
        Event, Event.id == Award.event_id
    )
    return filters.apply(query).order_by(
        Award.year.is_(None),
        Award.year,
        Award.date.is_(None),
        text(Award.date),
        text(Event.name),
        text(Award.category),
        text(Award.id),
    )


def iter_awards(engine: Engine, filters: Filters = Filters()) -> Iterator[AwardRow]:
    """The accolades in list order, streamed: memory stays bounded whatever the number of rows."""
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=CHUNK).execute(_ordered(engine, filters))
        for chunk in result.partitions(CHUNK):
            ids = [row.id for row in chunk]
            recipients = _grouped(
                connection,
                select(Recipient.award_id, Recipient.name)
                .where(Recipient.award_id.in_(ids))
                .order_by(Recipient.award_id, Recipient.position),
            )
            sources = _grouped(
                connection,
                select(Claim.award_id, Claim.source_id, Source.publisher)
                .join(Source, Source.id == Claim.source_id)
                .where(Claim.award_id.in_(ids))
                .order_by(Claim.award_id, Claim.position),
            )
            for row in chunk:
                cited = sources.get(row.id, [])
                yield AwardRow(
                    id=row.id,
                    year=row.year,
                    date=row.date,
                    edition=row.edition,
                    event=row.event_name,
                    event_id=row.event_id,
                    category=row.category,
                    result=row.result,
                    section=row.section,
                    status=row.status,
                    recipients=[r[0] for r in recipients.get(row.id, [])],
                    city=row.city,
                    country=row.country,
                    sources=[s[0] for s in cited],
                    source_names=list(dict.fromkeys(s[1] for s in cited)),
                    notes=row.notes,
                    pending=row.pending,
                    highlight=row.highlight,
                )


def list_awards(engine: Engine, filters: Filters = Filters()) -> list[AwardRow]:
    return list(iter_awards(engine, filters))


def _grouped(connection: Connection, query: Select[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of a per-award child table, grouped by award id (first column)."""
    grouped: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in connection.execute(query):
        grouped[row[0]].append(tuple(row[1:]))
    return grouped


def stats(engine: Engine, filters: Filters = Filters()) -> dict[str, Any]:
    """Derived counts: total, per result, per year (undated apart), per event."""
    with engine.connect() as connection:
        rows = connection.execute(
            filters.apply(select(Award.result, Award.year, Award.event_id).join(Event, Event.id == Award.event_id))
        ).all()
    by_result = Counter(row.result for row in rows)
    by_year = Counter("undated" if row.year is None else str(row.year) for row in rows)
    by_event = Counter(row.event_id for row in rows)
    years = sorted(k for k in by_year if k != "undated") + (["undated"] if "undated" in by_year else [])
    return {
        "total": len(rows),
        "by_result": {r: by_result[r] for r in RESULTS if by_result[r]},
        "by_year": {y: by_year[y] for y in years},
        "by_event": dict(sorted(by_event.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on one field of one record or film."""

    subject: str  # award or film id
    subject_kind: str  # award | film
    field: str
    recorded: Any  # the value the record keeps (None where it keeps none)
    values: list[dict[str, Any]]  # [{source, value, wording}]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _normal(value: Any) -> str:
    """Compare wordings without regard to case, spacing or dash style."""
    if isinstance(value, str):
        return " ".join(search_key(value).translate(DASHES).split())
    return json.dumps(value, sort_keys=True)


def conflicts(engine: Engine) -> list[Conflict]:
    """Every field on which the sources of a record (or of a film) disagree, computed from the claims."""
    found: list[Conflict] = []
    with Session(engine) as session:
        # Ordered here by code point, as in list_awards, whatever the server's collation.
        awards = {
            a.id: a for a in sorted(session.scalars(select(Award)), key=lambda a: (a.year is None, a.year or 0, a.id))
        }
        claims: dict[str, list[Claim]] = defaultdict(list)
        for claim in session.scalars(select(Claim).order_by(Claim.award_id, Claim.position)):
            claims[claim.award_id].append(claim)
        facts: dict[tuple[str, str], list[FilmFact]] = defaultdict(list)
        for fact in session.scalars(select(FilmFact).order_by(FilmFact.film_id, FilmFact.fact, FilmFact.position)):
            facts[(fact.film_id, fact.fact)].append(fact)
        films = {f.id: f for f in session.scalars(select(Film))}
    for award_id, award in awards.items():
        for name in ("category", "year", "edition", "date", "result"):
            stated = [c for c in claims[award_id] if getattr(c, name) is not None]
            recorded = getattr(award, name)
            distinct = {_normal(getattr(c, name)) for c in stated}
            if recorded is not None:
                distinct.add(_normal(recorded))
            if len(distinct) > 1:
                found.append(
                    Conflict(
                        award_id,
                        "award",
                        name,
                        recorded,
                        [{"source": c.source_id, "value": getattr(c, name), "wording": c.wording} for c in stated],
                    )
                )
    for (film_id, fact), statements in sorted(facts.items(), key=lambda item: item[0]):
        if _facts_disagree(fact, statements):
            found.append(
                Conflict(
                    film_id,
                    "film",
                    fact,
                    getattr(films[film_id], fact, None),
                    [
                        {"source": s.source_id, "value": s.value, "wording": s.wording}
                        | ({"qualifier": s.qualifier} if s.qualifier else {})
                        for s in statements
                    ],
                )
            )
    return found


def _facts_disagree(fact: str, statements: list[FilmFact]) -> bool:
    """Sources disagree when they give different values (name lists compared as sets).

    Release dates are several facts in one list (festival, theatrical, television):
    they disagree only when the same territory and medium get different dates.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        if fact == "release_dates":
            groups[_normal([s.value.get("territory"), s.value.get("medium")])].add(_normal(s.value["date"]))
        else:
            groups[""].add(_normal(sorted(s.value) if isinstance(s.value, list) else s.value))
    return any(len(values) > 1 for values in groups.values())
