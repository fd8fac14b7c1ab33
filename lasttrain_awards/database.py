"""Engines and what the database knows about its own build.

SQLite gets foreign keys on every connection and, following the SQLAlchemy
documentation's recipe for pysqlite, explicit transaction control: the driver's
legacy mode would COMMIT before DDL, so a rebuild (DROP, CREATE, INSERT) could
not be rolled back. With `isolation_level = None` and our own BEGIN, it can.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, make_url, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex, CreateTable

from lasttrain_awards.models import Base, Metadata

SQLITE_BUSY_TIMEOUT_MS = 10_000


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another backend or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
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
    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None and not path.exists():
        return {}  # do not create an empty file just by looking
    with engine.connect() as connection:
        if not inspect(connection).has_table(Metadata.__tablename__):
            return {}
        return {row.key: row.value for row in connection.execute(select(Metadata))}


def ddl(dialect_name: str = "sqlite") -> str:
    """The DDL of the models, as committed in db/schema.sql."""
    dialect = {"sqlite": sqlite.dialect(), "postgresql": postgresql.dialect()}[dialect_name]
    statements: list[str] = []
    for table in Base.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    text = ";\n\n".join(statements) + ";\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
