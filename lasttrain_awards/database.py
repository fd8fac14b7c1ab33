"""Engines and what the database knows about its own build.

SQLite gets foreign keys on every connection and, following the SQLAlchemy
documentation's recipe for pysqlite, explicit transaction control: the driver's
legacy mode would COMMIT before DDL, so a rebuild (DROP, CREATE, INSERT) could
not be rolled back. With `isolation_level = None` and our own BEGIN, it can.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.schema import CreateIndex, CreateTable

from lasttrain_awards.tables import SQLITE_BROWSING_DDL, build_metadata, metadata

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseUnavailable(Exception):
    """The database cannot be opened: no driver for its URL, or a malformed URL."""


def sqlite_file(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or None for another backend or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_sqlite_path(path: Path, writing: bool) -> None:
    """Raise DatabaseUnavailable, naming the cause and the remedy, when a SQLite file cannot be used
    there: checked before any notice of a build, so nothing claims to build what cannot be."""
    if path.is_dir():
        raise DatabaseUnavailable(
            f"{path} is a folder, not a database file: give --db a file path (for example {path / 'awards.sqlite'})"
        )
    if not path.parent.is_dir():
        raise DatabaseUnavailable(
            f"the folder {path.parent} does not exist: create it, or give --db a file in an existing folder"
        )
    if writing and not os.access(path.parent, os.W_OK | os.X_OK):
        remedy = " or read the database as it is with --no-build" if path.exists() else ""
        raise DatabaseUnavailable(
            f"cannot write the database in {path.parent} (permission denied; a build writes a new file there "
            f"and renames it): give --db a writable path{remedy}"
        )


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except ModuleNotFoundError as exc:
        hint = " (pip install '.[postgresql]' in the project's checkout)" if "psycopg" in str(exc.name) else ""
        raise DatabaseUnavailable(f"no database driver for {make_url(url).drivername}: {exc}{hint}") from None
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"not a database URL: {url!r} ({exc})") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN/COMMIT of its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def read_metadata(engine: Engine) -> dict[str, str]:
    """The build metadata, or {} when the database has never been built."""
    path = sqlite_file(engine.url)
    if path is not None and not path.exists():
        return {}  # do not create an empty file just by looking
    with engine.connect() as connection:
        if not inspect(connection).has_table(build_metadata.name):
            return {}
        return {row.key: row.value for row in connection.execute(select(build_metadata))}


def ddl(dialect_name: str = "sqlite") -> str:
    """The DDL of the tables, as committed in db/schema.sql.

    SQLite's ends with the full-text index and the view Datasette browses (`awards browse`), which
    only SQLite builds have: Datasette reads SQLite files, and FTS5 is SQLite's.
    """
    from sqlalchemy.dialects import postgresql, sqlite  # only here: importing PostgreSQL's dialect is slow

    dialect = {"sqlite": sqlite.dialect(), "postgresql": postgresql.dialect()}[dialect_name]
    statements: list[str] = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    if dialect_name == "sqlite":
        statements.extend(SQLITE_BROWSING_DDL)
    text = ";\n\n".join(statements) + ";\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
