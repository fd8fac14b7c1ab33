"""Building the database from a validated dataset, in one transaction.

`load` validates first and touches nothing when the data is invalid; the rebuild
drops and recreates every table and inserts everything inside one transaction, so
any failure leaves the database exactly as it was.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, Integer, Table, event, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex, CreateTable

from lasttrain_awards import __version__
from lasttrain_awards.database.engine import (
    BUILT_BY,
    check_sqlite_path,
    make_engine,
    server_owner_metadata,
    sqlite_file,
    sqlite_owner_metadata,
)
from lasttrain_awards.database.matching import search_key
from lasttrain_awards.database.tables import (
    AWARD_TABLES,
    BROWSE_VIEW,
    LAYOUT,
    SEARCH_COLUMNS,
    SEARCH_TABLE,
    SMALL_TABLES,
    SQLITE_BROWSING_DDL,
    awards,
    build_metadata,
    claims,
    edition_anchors,
    event_names,
    events,
    film_facts,
    film_names,
    films,
    list_key,
    metadata,
    recipients,
    refuted_citations,
    refuted_claims,
    sources,
)
from lasttrain_awards.errors import InvalidData
from lasttrain_awards.paths import sqlite_url
from lasttrain_awards.processes import alive
from lasttrain_awards.validation.entries import Dataset, Entry
from lasttrain_awards.validation.fingerprint import stat_signature
from lasttrain_awards.validation.rules import build_rules
from lasttrain_awards.validation.scanner import Sink, scan


@dataclass(frozen=True)
class LoadSummary:
    database: str
    counts: dict[str, int]
    warnings: int


@cache
def _columns(table: Table) -> tuple[str, ...]:
    """The columns a row of `table` fills: integer surrogate keys are left to the database
    (explicit NULLs would fail on PostgreSQL)."""
    return tuple(c.key for c in table.columns if not (c.primary_key and isinstance(c.type, Integer)))


def _row(table: Table, data: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A row for `table`: each column from the overrides, else the JSON field of the same name."""
    columns = _columns(table)
    row = dict(zip(columns, map(data.get, columns), strict=True))
    row.update(overrides)
    return row


Rows = dict[Table, list[dict[str, Any]]]


def _small_rows(dataset: Dataset) -> Rows:
    """The rows of films, events and sources, in an order that satisfies the foreign keys."""
    rows: Rows = {t: [] for t in SMALL_TABLES}
    for e in dataset.sources:
        rows[sources].append(_row(sources, e.data, data_file=e.file))
    for e in dataset.films:
        rows[films].append(_row(films, e.data, data_file=e.file))
        titles = [s["value"] for s in e.data["facts"].get("titles", []) if isinstance(s.get("value"), str)]
        names = {e.id: "id", e.data["title"]: "title"} | {t: "alias" for t in titles if t != e.data["title"]}
        for name, role in names.items():
            rows[film_names].append({"film_id": e.id, "name": name, "role": role, "search_key": search_key(name)})
        for fact, statements in e.data["facts"].items():
            for i, s in enumerate(statements):
                rows[film_facts].append(_row(film_facts, s, film_id=e.id, fact=fact, position=i, source_id=s["source"]))
    for e in dataset.events:
        without = e.data.get("years_without_edition", [])
        rows[events].append(_row(events, e.data, data_file=e.file, years_without_edition=without))
        names = {e.id: "id", e.data["name"]: "name"} | {a: "alias" for a in e.data.get("aliases", [])}
        for name, role in names.items():
            rows[event_names].append({"event_id": e.id, "name": name, "role": role, "search_key": search_key(name)})
        for anchor in e.data.get("editions", []):
            rows[edition_anchors].append(_row(edition_anchors, anchor, event_id=e.id, source_id=anchor["source"]))
    for e in dataset.refuted:
        rows[refuted_claims].append(_row(refuted_claims, e.data, film_id=e.data["film"], data_file=e.file))
        for role, field in (("claims", "claimed_by"), ("refutes", "refuted_by")):
            for i, c in enumerate(e.data[field]):
                rows[refuted_citations].append(
                    _row(refuted_citations, c, refuted_id=e.id, role=role, position=i, source_id=c["source"])
                )
    return rows


# The columns of each award table in the order _award_rows fills them: the table's own order
# (_columns), which a test checks, so that rows go to the driver as tuples with no per-row dict.
AWARD_COLUMNS: dict[str, tuple[str, ...]] = {
    "awards": (
        "id", "film_id", "event_id", "year", "edition", "date", "category", "category_wikidata", "result",
        "section", "status", "pending", "highlight", "notes", "resolution", "data_file", "data_path", "list_key",
        "cited_sources", "recipient_names", "result_stated", "result_kinds", "shared_with", "category_aliases",
        "inferred",
    ),
    "claims": (
        "award_id", "source_id", "position", "wording", "year", "edition", "date", "category", "result",
        "translation",
    ),
    "recipients": ("award_id", "position", "name", "role"),
}  # fmt: skip
AwardRows = dict[Table, list[tuple[Any, ...]]]
_NO_NAMES = "[]"
_NO_MARKS = "{}"


def _names(items: list[Any], key: str) -> str:
    """A JSON array of one field of each item, as orjson writes it (compact, UTF-8 as is)."""
    return orjson.dumps([item[key] for item in items]).decode() if items else _NO_NAMES


def _inferred(marks: list[dict[str, str]] | None) -> str:
    """The record's inferred values as a JSON object, field -> reasoning ("{}" for most records)."""
    return orjson.dumps({m["field"]: m["reasoning"] for m in marks}).decode() if marks else _NO_MARKS


def _result_kinds(record_claims: list[dict[str, Any]], result: str, source_kinds: Mapping[str, str]) -> str:
    """The kind of each source whose claim states the result, in claim order (a JSON array)."""
    kinds = [source_kinds.get(c["source"]) for c in record_claims if c.get("result") == result]
    found = [kind for kind in kinds if kind]
    return orjson.dumps(found).decode() if found else _NO_NAMES


def _award_rows(entries: list[Entry], event_names: Mapping[str, str], source_kinds: Mapping[str, str]) -> AwardRows:
    """The rows of one file's award records, claims and recipients, as tuples in AWARD_COLUMNS order.

    `source_kinds`: each source's kind, by id (a source the data lacks is left out of result_kinds:
    the references rule stops the build for it)."""
    award_rows: list[tuple[Any, ...]] = []
    claim_rows: list[tuple[Any, ...]] = []
    recipient_rows: list[tuple[Any, ...]] = []
    for e in entries:
        d = e.data
        get = d.get
        award_id, year, date, category, result = d["id"], get("year"), get("date"), d["category"], d["result"]
        record_claims, named = d["claims"], get("recipients", ())
        aliases = get("category_aliases")
        award_rows.append(
            (
                award_id, d["film"], d["event"], year, get("edition"), date, category, get("category_wikidata"),
                result, get("section"), get("status", "active"), get("pending", False), get("highlight", False),
                get("notes"), get("resolution"), e.file, e.path,
                list_key(year, date, event_names[d["event"]], category, award_id),
                _names(record_claims, "source"), _names(named, "name"),
                any(c.get("result") == result for c in record_claims),
                _result_kinds(record_claims, result, source_kinds),
                _names(get("shared_with", ()), "title"),
                orjson.dumps(aliases).decode() if aliases else _NO_NAMES,
                _inferred(get("inferred")),
            )
        )  # fmt: skip
        for i, c in enumerate(record_claims):
            cget = c.get
            claim_rows.append(
                (
                    award_id, c["source"], i, c["wording"], cget("year"), cget("edition"), cget("date"),
                    cget("category"), cget("result"), cget("translation"),
                )
            )  # fmt: skip
        for i, r in enumerate(named):
            recipient_rows.append((award_id, i, r["name"], r.get("role")))
    return {awards: award_rows, claims: claim_rows, recipients: recipient_rows}


class _Writer:
    """Inserts the rows a scan hands over in batches (executemany), counting them.

    Films, events and sources go through `connection.execute(insert(table), dicts)`, whose
    per-row parameter processing serialises their JSON columns. The award tables, a
    million rows and more, have no column that needs processing (text, integers, and
    booleans every driver adapts; a test keeps it so): their INSERT is compiled once by
    SQLAlchemy Core and each batch goes to the driver's executemany as it is, skipping a
    per-row step that costs about as much as SQLite's own insert.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.counts: Counter[str] = Counter()
        self.plans: dict[Table, str] = {}

    def write(self, rows: Rows) -> None:
        """Films, events, sources and refuted claims, as dicts through Core's insert()."""
        for table, batch in rows.items():
            if batch:
                self.connection.execute(insert(table), batch)
                self.counts[table.name] += len(batch)

    def write_awards(self, rows: AwardRows) -> None:
        """One awards file's rows, as tuples straight to the driver: SQLite's executemany, or
        PostgreSQL's COPY (psycopg's copy API), inside the load's own transaction."""
        for table, batch in rows.items():
            if not batch:
                continue
            if self.connection.dialect.name == "postgresql":
                self._copy(table, batch)
            else:
                self.connection.exec_driver_sql(self._plan(table), batch)
            self.counts[table.name] += len(batch)

    def _copy(self, table: Table, batch: list[tuple[Any, ...]]) -> None:
        quote = self.connection.dialect.identifier_preparer.quote
        columns = ", ".join(map(quote, AWARD_COLUMNS[table.name]))
        driver = self.connection.connection.driver_connection  # psycopg's, in the transaction begin() opened
        assert driver is not None
        statement = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
        try:
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in batch:
                    copy.write_row(row)
        except driver.Error as exc:  # psycopg's own: wrapped as SQLAlchemy wraps what it executes
            raise DBAPIError(statement, None, exc) from exc

    def _plan(self, table: Table) -> str:
        """The INSERT of an award table, with positional parameters in AWARD_COLUMNS order."""
        if table not in self.plans:
            dialect = self.connection.dialect
            quote = dialect.identifier_preparer.quote
            mark = "?" if dialect.paramstyle == "qmark" else "%s"  # sqlite3; psycopg (format, pyformat)
            columns = AWARD_COLUMNS[table.name]
            self.plans[table] = (
                f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({', '.join([mark] * len(columns))})"
            )
        return self.plans[table]


BUILDING_SUFFIX = ".building"


def load(
    engine: Engine,
    data_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    signature: str | None = None,
) -> LoadSummary:
    """Validate the data directory and build the database from it, all or nothing.

    One streaming pass checks every file and, while all is valid, inserts its rows. A
    SQLite file is built anew beside the old one and renamed into place: readers keep the
    file they opened (old data, whole) and never wait for a lock, and an interrupted or
    failed build leaves the old file as it was. Other databases are rebuilt in one
    transaction, rolled back on any error.

    `signature`: the data's stat signature when the caller has just taken it (the rebuild policy
    has, to decide): "" for one that proves nothing, None to take it here.
    """
    path = sqlite_file(engine.url)
    _check_ours(engine, path)  # before any file is read or any table touched
    temporary = (
        None if path is None else path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{BUILDING_SUFFIX}")
    )
    if path is not None:
        _remove_abandoned_builds(path)
    else:
        # Rebuilt in place (PostgreSQL): validate fully first, so invalid data never
        # touches the tables and readers do not wait on a load that will fail.
        # Only the report is kept: the first scan's cross-file index is freed before the second.
        report = scan(data_dir, rules=build_rules()).report
        if not report.ok:
            raise InvalidData(report)
        del report
    target = engine if temporary is None else _building_engine(temporary)
    if signature is None:  # taken before reading: a file changed meanwhile is read again next time
        signature = stat_signature(data_dir) or ""
    try:
        with target.begin() as connection:
            _drop_browsing(connection)
            metadata.drop_all(connection)
            # A file built aside gets its secondary indexes after its rows: one sort per index at the
            # end instead of maintaining every index on each insert. Rebuilt in place, as before.
            _create_tables(connection, indexes=temporary is None)
            writer = _Writer(connection)
            event_names: dict[str, str] = {}
            source_kinds: dict[str, str] = {}

            def write_small(dataset: Dataset) -> None:
                event_names.update((e.id, e.data["name"]) for e in dataset.events)
                source_kinds.update((e.id, e.data["kind"]) for e in dataset.sources)
                writer.write(_small_rows(dataset))

            result = scan(
                data_dir,
                rules=build_rules(),
                progress=progress,
                sink=Sink(
                    small=write_small,
                    awards=lambda entries: writer.write_awards(_award_rows(entries, event_names, source_kinds)),
                ),
            )
            if not result.report.ok:
                raise InvalidData(result.report)  # rolls the transaction back
            if temporary is not None:
                _create_indexes(connection)
            _create_browsing(connection)
            meta = {
                "data_fingerprint": result.fingerprint,
                "files_signature": signature,  # "": a file changed just now, the next query hashes
                "layout": LAYOUT,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "built_by": f"{BUILT_BY} {__version__}",
            }
            connection.execute(insert(build_metadata), [{"key": k, "value": v} for k, v in meta.items()])
            _gather_statistics(connection)
        if temporary is not None and path is not None:
            target.dispose()
            sqlite_owner_metadata(path)  # still nothing, or ours: what appeared there meanwhile is not replaced
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            _fsync(temporary)
            os.replace(temporary, path)
            _fsync(path.parent)
    except BaseException:
        if temporary is not None:
            target.dispose()
            _remove_sqlite_file(temporary)
        raise
    finally:
        if path is not None:
            engine.dispose()  # pooled connections still hold the old file; later queries must see the new one
    counts = {table.name: writer.counts[table.name] for table in (*SMALL_TABLES, *AWARD_TABLES)}
    return LoadSummary(engine.url.render_as_string(hide_password=True), counts, len(result.report.warnings))


def _check_ours(engine: Engine, path: Path | None) -> None:
    """Refuse, before anything is written, to replace what this tool did not build: a SQLite path
    holding anything but our database, a server database holding tables of our names that are not ours."""
    if path is not None:
        check_sqlite_path(path, writing=True)
        sqlite_owner_metadata(path)
    elif engine.url.get_backend_name() != "sqlite":
        server_owner_metadata(engine)


def _create_tables(connection: Connection, indexes: bool) -> None:
    if indexes:
        metadata.create_all(connection)
        return
    for table in metadata.sorted_tables:
        connection.execute(CreateTable(table))  # unique constraints stay inline: they check as rows come


def _create_indexes(connection: Connection) -> None:
    for table in metadata.sorted_tables:
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            connection.execute(CreateIndex(index))


# The full-text index, filled from the rows in one statement: one pass over awards in rowid order
# (FTS5 appends rowids in order), each record's event names and claims read through their indexes.
SEARCH_FILL = (
    f"INSERT INTO {SEARCH_TABLE} (rowid, {', '.join(name for name, _ in SEARCH_COLUMNS)}) "
    f"SELECT awards.rowid, {', '.join(expression for _, expression in SEARCH_COLUMNS)} FROM awards"
)


def _drop_browsing(connection: Connection) -> None:
    """Drop the view and the full-text index of an earlier build rebuilt in place (an in-memory
    SQLite database; a file is built anew beside the old one)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DROP VIEW IF EXISTS {BROWSE_VIEW}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")


def _create_browsing(connection: Connection) -> None:
    """The full-text index and the view that `awards browse` (Datasette) shows, after the rows.

    SQLite only: Datasette reads SQLite files, and FTS5 is SQLite's. A PostgreSQL build has neither;
    its queries never use them. The index is filled in bulk by SQLite, not row by row from Python
    (about 0.4 s per 100,000 records; an 'optimize' after it merged next to nothing, sped no search
    up measurably, and cost another tenth).
    """
    if connection.dialect.name != "sqlite":
        return
    for statement in SQLITE_BROWSING_DDL:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(SEARCH_FILL)


BUILD_CACHE_KIB = 32 * 1024


def _building_engine(path: Path) -> Engine:
    """An engine on the file being built, with a larger page cache: the award id and claim
    indexes of a million records outgrow SQLite's default 2 MB, and every insert would then
    read their pages back. Only this connection pays the memory; readers keep the default."""
    building = make_engine(sqlite_url(path))

    @event.listens_for(building, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
        # No rollback journal and no syncs while building: the file is not served until it is whole,
        # fsynced and renamed, and a build that fails or is killed is deleted, never rolled back.
        dbapi_connection.execute("PRAGMA journal_mode = OFF")
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    return building


def _gather_statistics(connection: Connection) -> None:
    """Give the query planner the tables' statistics, so `list --year` takes the year index.

    Without them SQLite guesses that `status = 'active'` narrows as much as `year = 2010`,
    and walks nearly every record. A sampled ANALYZE (analysis_limit) takes milliseconds
    even at a million records.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
        connection.exec_driver_sql("ANALYZE")  # the file being built holds our tables only
    else:  # a shared server database may hold other tables: analyse ours
        quote = connection.dialect.identifier_preparer.quote
        connection.exec_driver_sql("ANALYZE " + ", ".join(quote(table.name) for table in metadata.sorted_tables))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_abandoned_builds(path: Path) -> None:
    """Remove half-built files left by builds that were killed (their process is gone)."""
    for leftover in path.parent.glob(f".{path.name}.*{BUILDING_SUFFIX}*"):
        pid = leftover.name.removeprefix(f".{path.name}.").split(".")[0]
        if pid.isdigit() and not alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _remove_sqlite_file(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
