"""`awards browse`: the database in Datasette, with the project's metadata (db/metadata.json).

Datasette is an optional extra (`pip install '.[browse]'` in the project's checkout) and reads SQLite files
only, so only a SQLite build can be browsed: its view `accolades`, the full-text index behind the
view's search box and the facets exist in SQLite builds alone (tables.SQLITE_BROWSING_DDL).
Datasette runs as itself (`python -m datasette serve`, with this Python), not through an API of
ours: what it prints and how it stops are Datasette's.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from lasttrain_awards.database.engine import sqlite_file
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.paths import datasette_metadata_file

INSTALL = "pip install '.[browse]' in the project's checkout"  # the package is not on PyPI
DEFAULT_HOST = "127.0.0.1"
STOP_SECONDS = 5.0  # how long Datasette gets to stop after Ctrl-C before it is terminated


class BrowseError(AwardsError):
    """The database cannot be browsed: not a SQLite file, or Datasette is not installed."""


def sqlite_database(database: str | Path) -> Path:
    """The SQLite file to browse, from a path or a database URL; any other database is refused."""
    if isinstance(database, Path) or "://" not in database:
        return Path(database).expanduser()
    try:
        url = make_url(database)
    except ArgumentError:
        raise BrowseError(f"not a database URL: {database!r}") from None
    path = sqlite_file(url)
    if path is not None:
        return path
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        raise BrowseError(f"{where} is an in-memory database: Datasette browses SQLite files; give --db a file")
    raise BrowseError(
        f"{where} is a {url.get_backend_name()} database, and Datasette browses SQLite files only: "
        "build a SQLite copy from the same data and browse that (awards --db awards.sqlite browse)"
    )


def require_datasette() -> None:
    """Raise BrowseError, saying what to install, when Datasette cannot be imported by this Python."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise BrowseError(
            f"Datasette is not installed: {INSTALL} (or pip install 'datasette>=0.65'), "
            f"in the environment of {sys.executable}"
        ) from None


def datasette_metadata(database_name: str) -> dict[str, Any]:
    """The packaged metadata, its database settings under `database_name`: Datasette names a
    database after its file (awards.sqlite is "awards"), and applies settings by that name."""
    metadata: dict[str, Any] = json.loads(datasette_metadata_file().read_text(encoding="utf-8"))
    (settings,) = metadata["databases"].values()
    metadata["databases"] = {database_name: settings}
    return metadata


def datasette_command(
    path: Path, metadata_file: Path, host: str = DEFAULT_HOST, port: int | None = None, open_browser: bool = False
) -> list[str]:
    """`python -m datasette serve FILE --metadata FILE --host HOST [--port N] [-o]`, with this Python."""
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(metadata_file)]
    command += ["--host", host]
    if port is not None:
        command += ["--port", str(port)]
    if open_browser:
        command.append("-o")
    return command


def browse(database: str | Path, host: str = DEFAULT_HOST, port: int | None = None, open_browser: bool = False) -> int:
    """Serve the SQLite database in Datasette until it stops (Ctrl-C); return Datasette's exit status.

    `database` is a SQLite file's path or a sqlite:/// URL. Raises BrowseError for another database,
    a missing file, or a missing Datasette, before anything starts.
    """
    path = sqlite_database(database)
    if not path.is_file():
        raise BrowseError(f"no database file at {path}: build it first (awards --db {path} load)")
    require_datasette()
    packaged = datasette_metadata_file()
    name = path.stem
    if name in json.loads(packaged.read_text(encoding="utf-8"))["databases"]:
        return _run(datasette_command(path, packaged, host, port, open_browser))
    with tempfile.TemporaryDirectory(prefix="awards-browse-") as folder:  # the metadata under this file's name
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(datasette_metadata(name), ensure_ascii=False), encoding="utf-8")
        return _run(datasette_command(path, metadata_file, host, port, open_browser))


class _Terminated(Exception):
    """SIGTERM reached `awards browse`: Datasette is stopped with it, not left serving."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _run(command: list[str]) -> int:
    """Run Datasette in the foreground. Ctrl-C reaches it too (one process group): it stops itself,
    and is terminated only if it has not within STOP_SECONDS. A SIGTERM sent to `awards` alone (a
    `kill`, a service manager) is passed on, so no Datasette is left serving the port."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with subprocess.Popen(command) as process:
            try:
                return process.wait()
            except _Terminated:
                process.terminate()
                try:
                    process.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                return 128 + signal.SIGTERM
            except KeyboardInterrupt:
                try:
                    return process.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    process.terminate()
                process.wait()
                raise
    finally:
        signal.signal(signal.SIGTERM, previous)
