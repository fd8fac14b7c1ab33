"""Is the database current? What it records of the data it was built from, and the check.

This is all a query does before it reads: compare the recorded stat signature (names,
sizes, times of the data files; no file read), else the content fingerprint. Only a
rebuild imports the loader and its validators.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError

from lasttrain_awards.database import check_sqlite_path, read_metadata, sqlite_file
from lasttrain_awards.documents import iter_data_files, read_data_file
from lasttrain_awards.errors import DataDirectoryError, NotBuilt
from lasttrain_awards.paths import schema_dir
from lasttrain_awards.tables import LAYOUT, build_metadata


def combine_fingerprint(file_digests: dict[str, bytes]) -> str:
    """One hash from each data file's digest (by name) and the schemas."""
    digest = hashlib.sha256()
    for name in sorted(file_digests):
        digest.update(f"data/{name}\0".encode())
        digest.update(file_digests[name])
    for path in sorted(schema_dir().glob("*.json")):
        digest.update(f"schema/{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stat_signature(data_dir: Path) -> str:
    """A hash of each data file's name, size and modification time: a cheap "has anything changed?".

    When it matches the one recorded at the last build, the files are not read again.
    """
    digest = hashlib.sha256()
    for path, name, _, problem in iter_data_files(data_dir):
        if problem:
            digest.update(f"{name}\0{problem}\0".encode())
            continue
        try:
            info = path.stat()
        except OSError:
            digest.update(f"{name}\0missing\0".encode())
            continue
        # ctime too: tools can set a file's mtime back (touch -d), never its ctime.
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\0".encode())
    for path in sorted(schema_dir().glob("*.json")):
        info = path.stat()
        digest.update(f"schema/{path.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def file_digest(content: bytes) -> bytes:
    return hashlib.sha256(content).digest()


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file and schema: the database is rebuilt when it changes.

    Reads files the way validation does, so a file it cannot read changes the hash
    (by its error) instead of stopping it.
    """
    digests = {}
    for path, name, _, problem in iter_data_files(data_dir):
        try:
            if problem:
                raise OSError(problem)
            content = read_data_file(path, data_dir)
        except OSError as exc:
            content = f"unreadable: {exc}".encode()
        digests[name] = file_digest(content)
    return combine_fingerprint(digests)


def _remember(engine: Engine, signature: str) -> None:
    """Record the files' new signature, if the database lets us: a read-only one is still current."""
    try:
        with engine.begin() as connection:
            connection.execute(
                update(build_metadata).where(build_metadata.c.key == "files_signature"), {"value": signature}
            )
    except SQLAlchemyError:
        pass  # read-only file or role: the next query hashes the files again, as before


def ensure_current(
    engine: Engine,
    data_dir: Path,
    notify: Callable[[str], None],
    build: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Build the database when it is missing, rebuild it when the data (or the layout) changed.

    With build=False (a reader of a database someone else maintains) nothing is written:
    a stale database is used as it is, with a notice, and a missing one is an error.
    """
    if not data_dir.is_dir():
        raise DataDirectoryError(f"data directory not found: {data_dir}")
    path = sqlite_file(engine.url)
    if path is not None:
        check_sqlite_path(path, writing=False)
    meta = read_metadata(engine)
    if meta.get("layout") == LAYOUT:
        signature = stat_signature(data_dir)
        if meta.get("files_signature") == signature:
            return  # unchanged by name, size and times: no file read
        if meta.get("data_fingerprint") == fingerprint(data_dir):
            if build:  # same content, new times (a touch, a checkout): remember them, hash no more
                _remember(engine, signature)
            return
    where = engine.url.render_as_string(hide_password=True)
    if not build:
        if not meta:
            raise NotBuilt(f"no database at {where}: run `awards load` (or drop --no-build)")
        notify(f"awards: {where} was built from other data than {data_dir}; showing it as it is (--no-build)")
        return
    if path is not None:
        check_sqlite_path(path, writing=True)
    if not meta:
        reason = "building"
    elif meta.get("layout") != LAYOUT:
        reason = "database layout changed: rebuilding"
    else:
        reason = "data changed: rebuilding"
    notify(f"awards: {reason} the database {where} from {data_dir}")
    from lasttrain_awards.loading import load  # only a build imports the validators

    load(engine, data_dir, progress)
