"""Engines and what the database knows about its own build.

SQLite gets foreign keys on every connection and, following the SQLAlchemy
documentation's recipe for pysqlite, explicit transaction control: the driver's
legacy mode would COMMIT before DDL, so a rebuild (DROP, CREATE, INSERT) could
not be rolled back. With `isolation_level = None` and our own BEGIN, it can.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, SAWarning, SQLAlchemyError
from sqlalchemy.schema import CreateIndex, CreateTable

from lasttrain_awards.database.tables import SQLITE_BROWSING_DDL, build_metadata, metadata
from lasttrain_awards.errors import DatabaseUnavailable, UsageProblem

SQLITE_BUSY_TIMEOUT_MS = 10_000
DEFAULT_CONNECT_TIMEOUT = 10  # seconds: how long a server may take to answer before a command gives up
SQLITE_HEADER = b"SQLite format 3\x00"
BUILT_BY = "lasttrain-awards"  # how every build signs its metadata table ("built_by": "lasttrain-awards 1.2.3")
__all__ = ["DatabaseUnavailable"]  # defined with the other errors, and known here by its old address too


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


def shown(url: str | URL) -> str:
    """A database URL as messages show it: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "a malformed database URL"


def check_url(url: str) -> URL:
    """The URL parsed, or UsageProblem saying what is wrong with it (nothing is connected to).

    SQLAlchemy reads some parts only when it connects (the port, a driver's options): read here,
    they fail now, as one message, instead of as a traceback from inside a query.
    """
    if "\x00" in url:
        raise UsageProblem("a database URL cannot hold a NUL character", "--db / AWARDS_DB")
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a port that is not a number fails only when read
    except (ArgumentError, ValueError) as exc:
        raise UsageProblem(f"not a valid database URL ({exc})", "--db / AWARDS_DB") from None
    if any("\x00" in part for part in (parsed.database or "", parsed.host or "", parsed.username or "")):
        raise UsageProblem("a database URL cannot hold a NUL character (%00)", "--db / AWARDS_DB")
    if parsed.get_backend_name() == "sqlite":
        try:  # the driver's options (?timeout=abc), converted as a connection would, without opening the file
            with warnings.catch_warnings():  # an option the driver ignores is a mistake in the URL too
                warnings.simplefilter("error", SAWarning)
                parsed.get_dialect()().create_connect_args(parsed)
        except (ArgumentError, ValueError, TypeError, SAWarning) as exc:
            raise UsageProblem(f"{shown(parsed)}: {exc}", "--db / AWARDS_DB") from None
    return parsed


def make_engine(url: str, connect_timeout: int = DEFAULT_CONNECT_TIMEOUT) -> Engine:
    """An engine for the URL: SQLite configured for real transactions, a server given a connect timeout
    (unless its URL sets one), so that a server that never answers is an error, not a wait."""
    parsed = check_url(url)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        options["connect_args"] = {"connect_timeout": connect_timeout}
    try:
        with warnings.catch_warnings():  # a driver option it ignores is a mistake in the URL: say so, once
            warnings.simplefilter("error", SAWarning)
            engine = create_engine(parsed, **options)
    except ModuleNotFoundError as exc:
        hint = " (pip install '.[postgresql]' in the project's checkout)" if "psycopg" in str(exc.name) else ""
        raise DatabaseUnavailable(f"no database driver for {parsed.drivername}: {exc}{hint}") from None
    except (ArgumentError, ValueError, TypeError, SAWarning) as exc:  # an option it cannot take (?timeout=abc)
        raise UsageProblem(f"{shown(parsed)}: {exc}", "--db / AWARDS_DB") from None
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


def is_ours(meta: dict[str, str]) -> bool:
    """Whether build metadata is ours: signed by a build of this tool (or, before builds were signed,
    holding the fingerprint and layout only our builds write)."""
    return meta.get("built_by", "").startswith(BUILT_BY) or {"data_fingerprint", "layout"} <= meta.keys()


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def sqlite_owner_metadata(path: Path) -> dict[str, str] | None:
    """What is at a SQLite database path, before anything opens or replaces it.

    None when nothing is there (a build may create it); the build metadata when it is a database this
    tool built (it may be read and rebuilt). Anything else is the user's and is never touched: a link,
    a folder, a FIFO or a device, an empty or a text file, another SQLite database, a damaged or an
    unreadable file each raise DatabaseUnavailable, naming the path and what to do.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatabaseUnavailable(
            f"{path}: cannot reach the database ({exc.strerror}): give --db another path"
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise DatabaseUnavailable(
            f"{path} is a symbolic link (to {os.path.realpath(path)}): awards neither follows nor replaces it; "
            "give --db the file itself"
        )
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseUnavailable(
            f"{path} is a folder, not a database file: give --db a file path (for example {path / 'awards.sqlite'})"
        )
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseUnavailable(
            f"{path} is {_file_kind(info.st_mode)}, not a database file: nothing was read or written; "
            "give --db the path of a database file"
        )
    not_ours = f"{path} is not a database awards built"
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot read the database {path} ({exc.strerror}): give --db a database you may read"
        ) from None
    if not header:
        raise DatabaseUnavailable(f"{not_ours}: it is an empty file. Remove it, or give --db another path")
    if header != SQLITE_HEADER:
        raise DatabaseUnavailable(
            f"{not_ours}: it is not a SQLite database (a text or other file), and was left as it is. "
            "Give --db another path"
        )
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            meta: dict[str, str] = {}
            if build_metadata.name in tables:
                meta = {str(k): str(v) for k, v in connection.execute(f"SELECT key, value FROM {build_metadata.name}")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(
            f"the database {path} is damaged or truncated ({exc}) and was left as it is: "
            "move it away (awards then builds a new one there), or give --db another path"
        ) from None
    if not is_ours(meta):
        listed = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
        raise DatabaseUnavailable(
            f"{not_ours} (a SQLite database of {len(tables)} table(s): {listed or 'none'}), and was left as it is: "
            "give --db another path, or remove the file to build there"
        )
    return meta


def server_owner_metadata(engine: Engine) -> dict[str, str] | None:
    """The build metadata of a server database when this tool built it; None when none of our tables
    are there. Tables of ours by name that our metadata does not vouch for belong to someone else:
    DatabaseUnavailable names them, before anything is changed."""
    where = shown(engine.url)
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        meta: dict[str, str] = {}
        if build_metadata.name in present:
            try:
                meta = {
                    str(r[0]): str(r[1])
                    for r in connection.execute(select(build_metadata.c.key, build_metadata.c.value))
                }
            except SQLAlchemyError:
                meta = {}  # a table of that name with other columns: not ours
    if is_ours(meta):
        return meta
    in_the_way = sorted(present & set(metadata.tables))
    if in_the_way:
        raise DatabaseUnavailable(
            f"{where} holds tables awards did not create ({', '.join(in_the_way)}): nothing was changed. "
            "Give awards a database (or a schema, with ?options=-csearch_path%3D…) of its own"
        )
    return None


def read_metadata(engine: Engine) -> dict[str, str]:
    """The build metadata, or {} when nothing is built there yet; DatabaseUnavailable when what is
    there is not a database this tool built."""
    path = sqlite_file(engine.url)
    if path is not None:
        return sqlite_owner_metadata(path) or {}
    if engine.url.get_backend_name() == "sqlite":  # in memory
        with engine.connect() as connection:
            if not inspect(connection).has_table(build_metadata.name):
                return {}
            return {row.key: row.value for row in connection.execute(select(build_metadata))}
    return server_owner_metadata(engine) or {}


def ddl(dialect_name: str = "sqlite") -> str:
    """The DDL of the tables, as committed in db/schema.sql.

    SQLite's ends with the full-text index and the view Datasette browses (`awards browse`), which
    only SQLite builds have: Datasette reads SQLite files, and FTS5 is SQLite's.
    """
    from sqlalchemy.dialects import postgresql, sqlite  # only here: importing PostgreSQL's dialect is slow

    dialect = sqlite.dialect() if dialect_name == "sqlite" else postgresql.dialect()  # type: ignore[no-untyped-call]
    statements: list[str] = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    if dialect_name == "sqlite":
        statements.extend(SQLITE_BROWSING_DDL)
    text = ";\n\n".join(statements) + ";\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
