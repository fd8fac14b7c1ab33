"""The relational schema as SQLAlchemy Core tables, portable between SQLite and PostgreSQL.

The tables are the one definition of the database: the query and load paths use them
directly, so a command like `awards list` never imports the ORM (its import alone costs
about as much as the rest of a query). `models` maps typed ORM classes onto these same
tables for code that works with whole objects.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints keep the generated DDL stable and readable on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ID = String(120)  # a slug: award, event, film and source ids

metadata = MetaData(naming_convention=NAMING)


def required(name: str, kind: Any, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column (Core columns are nullable unless told otherwise)."""
    return Column(name, kind, *args, nullable=False, **kwargs)


def surrogate_key() -> Column[int]:
    """An integer key the database assigns: rows are inserted without it."""
    return Column("id", Integer, primary_key=True, autoincrement=True)


films = Table(
    "films",
    metadata,
    Column("id", ID, primary_key=True),
    required("title", Text),
    required("year", Integer),
    required("directors", JSON),
    Column("wikidata", String(20)),
    required("data_file", Text),
)

# One source's value for one fact about a film.
film_facts = Table(
    "film_facts",
    metadata,
    surrogate_key(),
    required("film_id", ID, ForeignKey("films.id"), index=True),
    required("fact", String(60)),
    required("position", Integer),
    required("value", JSON),
    required("source_id", ID, ForeignKey("sources.id"), index=True),
    required("wording", Text),
    Column("qualifier", Text),
)

sources = Table(
    "sources",
    metadata,
    Column("id", ID, primary_key=True),
    required("title", Text),
    required("publisher", Text),
    required("kind", String(40)),
    Column("url", Text),
    Column("file", Text),
    Column("quoted_in", JSON(none_as_null=True)),  # [{note, section}]: where a page's own words are quoted
    Column("published", String(10)),
    Column("language", String(20)),
    Column("retrieved", String(10)),
    Column("notes", Text),
    required("data_file", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", ID, primary_key=True),
    required("name", Text),
    Column("name_in_sentence", Text),  # "the Sundance Film Festival"; NULL: the name, with no article
    required("kind", String(40)),
    Column("wikidata", String(20)),
    Column("city", Text),
    Column("country", String(2), index=True),
    required("year_basis", String(20)),
    required("years_without_edition", JSON),
    Column("notes", Text),
    required("data_file", Text),
)

# Every name a film answers to (id, title, the other titles its sources give), with a case-folded key:
# what `--film` matches, exactly, case and accents aside.
film_names = Table(
    "film_names",
    metadata,
    surrogate_key(),
    required("film_id", ID, ForeignKey("films.id"), index=True),
    required("name", Text),
    required("role", String(10)),  # id | title | alias
    required("search_key", Text, index=True),
    UniqueConstraint("film_id", "name"),
)

# Every name an event answers to (id, name, aliases), with a case-folded key for searching.
event_names = Table(
    "event_names",
    metadata,
    surrogate_key(),
    required("event_id", ID, ForeignKey("events.id"), index=True),
    required("name", Text),
    required("role", String(10)),  # id | name | alias
    required("search_key", Text, index=True),
    UniqueConstraint("event_id", "name"),
)

# A known edition: edition N of the event belongs to year Y, as a source states.
edition_anchors = Table(
    "edition_anchors",
    metadata,
    surrogate_key(),
    required("event_id", ID, ForeignKey("events.id"), index=True),
    required("edition", Integer),
    required("year", Integer),
    required("source_id", ID, ForeignKey("sources.id")),
)

awards = Table(
    "awards",
    metadata,
    Column("id", ID, primary_key=True),
    required("film_id", ID, ForeignKey("films.id")),
    required("event_id", ID, ForeignKey("events.id")),
    Column("year", Integer),
    Column("edition", Integer),
    Column("date", String(10)),
    required("category", Text),
    Column("category_wikidata", String(20)),
    required("result", String(20)),
    Column("section", Text),
    # No index on status: nearly every record is active, so an index on it never narrows a query,
    # and (sampled statistics being rough) it lured the planner away from the year, film and event
    # indexes that do (an undated count at 1M took 0.24 s through it, 0.06 s through the year's).
    required("status", String(20)),
    required("pending", Boolean),
    required("highlight", Boolean),
    Column("notes", Text),
    Column("resolution", Text),
    required("data_file", Text),
    required("data_path", Text),
    # Derived at load, for listings: the record's place in every listing (see list_key), which
    # an index hands out in order, with no sort at query time (compared by code point on every
    # backend: SQLite's default, PostgreSQL's "C" collation); and, as JSON arrays, the sources of
    # its claims and its recipients in order, so a listing reads one row per record and no more.
    # The claims and recipients tables stay the record of what each source says.
    required("list_key", Text().with_variant(Text(collation="C"), "postgresql")),
    required("cited_sources", Text),
    required("recipient_names", Text),
    # Derived at load too: whether some claim states the record's result (a win read from a
    # list of laurels is not one a press kit may count), and the other works that shared it.
    required("result_stated", Boolean),
    # The kind of each source whose claim states the result, as a JSON array in claim order: a win
    # that only an encyclopedia or a blog states is not one a press kit advertises either.
    required("result_kinds", Text),
    required("shared_with", Text),
    required("category_aliases", Text),
    # The values no source states but the record infers, as a JSON object: field -> reasoning.
    required("inferred", Text),
    # Each index leads with what a query narrows by and holds the status that every query also tests,
    # so a count by year, film or event reads the index alone, never the (wide) rows.
    Index("ix_awards_year_status_list_key", "year", "status", "list_key"),
    # A film's or an event's records in list order, straight from the index (list --film, --event).
    Index("ix_awards_film_id_status_list_key", "film_id", "status", "list_key"),
    Index("ix_awards_result_status", "result", "status"),
    Index("ix_awards_event_id_status_list_key", "event_id", "status", "list_key"),
)

# What one source says of one award record, in its own words. The unique constraint's
# index (award_id first) serves the lookups by award.
claims = Table(
    "claims",
    metadata,
    surrogate_key(),
    required("award_id", ID, ForeignKey("awards.id")),
    required("source_id", ID, ForeignKey("sources.id"), index=True),
    required("position", Integer),
    required("wording", Text),
    Column("year", Integer),
    Column("edition", Integer),
    Column("date", String(10)),
    Column("category", Text),
    Column("result", String(20)),
    Column("translation", Text),
    UniqueConstraint("award_id", "source_id"),
)

recipients = Table(
    "recipients",
    metadata,
    surrogate_key(),
    required("award_id", ID, ForeignKey("awards.id"), index=True),
    required("position", Integer),
    required("name", Text),
    Column("role", Text),
)

# A claim that circulates and is false, with the sources that make it and those that refute
# it (refuted_citations). Kept apart from awards, so no listing, count or laurel can include it.
refuted_claims = Table(
    "refuted_claims",
    metadata,
    Column("id", ID, primary_key=True),
    required("film_id", ID, ForeignKey("films.id"), index=True),
    required("claim", Text),
    required("event_name", Text),
    Column("category", Text),
    required("result", String(20)),
    Column("year", Integer),
    Column("edition", Integer),
    required("reason", Text),
    Column("notes", Text),
    required("data_file", Text),
)

refuted_citations = Table(
    "refuted_citations",
    metadata,
    surrogate_key(),
    required("refuted_id", ID, ForeignKey("refuted_claims.id"), index=True),
    required("role", String(10)),  # claims | refutes
    required("position", Integer),
    required("source_id", ID, ForeignKey("sources.id"), index=True),
    required("wording", Text),
    Column("translation", Text),
)

# Facts about the build: the fingerprint of the data it came from, when, by which version.
build_metadata = Table(
    "metadata",
    metadata,
    Column("key", String(60), primary_key=True),
    required("value", Text),
)

KEY_SEPARATOR = "\x01"  # below every character a name may hold (the schemas forbid control characters)


def list_key(year: int | None, date: str | None, event_name: str, category: str, award_id: str) -> str:
    """The order of every listing, as one text: year, date, event name, category, id, undated last.

    Text compared by code point sorts like the tuple (year is None, year, date is None, date,
    event name, category, id): years have four digits, and the separator sorts below any
    character, so a shorter date or name comes before a longer one it begins.
    """
    undated_year, undated_date = "1" if year is None else "0", "1" if date is None else "0"
    return KEY_SEPARATOR.join(
        (f"{undated_year}{year or 0:04d}{undated_date}{date or ''}", event_name, category, award_id)
    )


# The tables a build fills, in an order that satisfies the foreign keys.
SMALL_TABLES: tuple[Table, ...] = (
    sources,
    films,
    film_names,
    film_facts,
    events,
    event_names,
    edition_anchors,
    refuted_claims,
    refuted_citations,
)
AWARD_TABLES: tuple[Table, ...] = (awards, claims, recipients)

# The layout these tables give, recorded in every build: a database of another layout is
# rebuilt. A constant, so that no query pays for compiling the DDL to hash it; a test
# checks it is the hash of `awards ddl` (update it, and db/schema.sql, with the tables, the
# full-text index or the view below).
LAYOUT = "464df6a3bec40b7d"

# Browsing with Datasette, which reads SQLite files only: these exist in SQLite builds alone (a
# PostgreSQL build has no full-text table and no view). `awards ddl` prints them after the tables,
# so they are part of LAYOUT, and the load creates them after the rows (loading._create_browsing).
#
# The view people browse: the columns a reader wants, in reading order, with no plumbing (where in
# which file a record lives, the listing key, the film every record is of, the press-kit
# highlight), in the order of every listing (list_key: year, date, event, category, undated last).
# Its rowid column is the record's rowid in awards, the key of the full-text index: Datasette's
# ?_search= joins on the metadata's fts_pk, and its ?_search_COLUMN= on a column named rowid.
# (SQLite 3.40 keeps a view's ORDER BY under an aggregate: a count or a facet sorts the view
# first, a tenth of a second at 100,000 records, nothing at the size of a film's accolades.)
BROWSE_VIEW = "accolades"


def _readable(column: str, keyed: bool = False) -> str:
    """A JSON array (or object, `keyed`) column as text a visitor reads: "a; b" ("field: why; …"),
    in the array's order, empty when it is. The table keeps the JSON, for queries and exports."""
    item = "key || ': ' || value" if keyed else "value"
    return f"(SELECT group_concat(item, '; ') FROM (SELECT {item} AS item FROM json_each({column}) ORDER BY id))"


BROWSE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("film", "films.title"),
    ("year", "awards.year"),
    ("date", "awards.date"),
    ("event", "events.name"),
    ("edition", "awards.edition"),
    ("category", "awards.category"),
    ("result", "awards.result"),
    ("recipients", _readable("awards.recipient_names")),
    ("shared_with", _readable("awards.shared_with")),
    ("section", "awards.section"),
    ("city", "events.city"),
    ("country", "events.country"),
    ("status", "awards.status"),
    ("pending", "awards.pending"),
    ("result_stated", "awards.result_stated"),
    ("sources", _readable("awards.cited_sources")),
    ("category_aliases", _readable("awards.category_aliases")),
    ("category_wikidata", "awards.category_wikidata"),
    ("inferred", _readable("awards.inferred", keyed=True)),
    ("notes", "awards.notes"),
    ("resolution", "awards.resolution"),
    ("id", "awards.id"),
    ("rowid", "awards.rowid"),
)

# The full-text index (FTS5) over what people search, one row per award record whose rowid is the
# record's rowid in awards: each column's expression fills it, in one INSERT … SELECT FROM awards
# at load (loading.SEARCH_FILL). JSON arrays are indexed as they are: the tokenizer reads their
# names and skips the punctuation, and matches with accents or without (remove_diacritics 2).
# Contentless (content=''): it holds the index, not a second copy of every wording; a search gives
# rowids, and the view gives the rows.
SEARCH_TABLE = "awards_fts"
SEARCH_COLUMNS: tuple[tuple[str, str], ...] = (
    ("category", "awards.category"),
    ("category_aliases", "awards.category_aliases"),
    # Every name the film answers to: its id, title and other titles.
    ("film_names", "(SELECT group_concat(name, ' ') FROM film_names WHERE film_names.film_id = awards.film_id)"),
    # Every name the event answers to: its id, name and aliases.
    ("event_names", "(SELECT group_concat(name, ' ') FROM event_names WHERE event_names.event_id = awards.event_id)"),
    ("recipients", "awards.recipient_names"),
    ("shared_with", "awards.shared_with"),
    # What the sources say, in their own words (and the translation of those not in English).
    (
        "wordings",
        "(SELECT group_concat(wording || coalesce(' ' || translation, ''), ' ') FROM claims "
        "WHERE claims.award_id = awards.id)",
    ),
)


def _indented(lines: list[str]) -> str:
    return ",\n".join(f"\t{line}" for line in lines)


SQLITE_BROWSING_DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(\n"
    + _indented([name for name, _ in SEARCH_COLUMNS] + ["content=''", "tokenize='unicode61 remove_diacritics 2'"])
    + "\n)",
    f"CREATE VIEW {BROWSE_VIEW} AS SELECT\n"
    + _indented([f"{expression} AS {name}" for name, expression in BROWSE_COLUMNS])
    + "\nFROM awards JOIN events ON events.id = awards.event_id JOIN films ON films.id = awards.film_id"
    + "\nORDER BY awards.list_key",
)
