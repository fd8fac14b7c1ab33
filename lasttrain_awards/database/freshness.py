"""The rebuild policy: is the database current, and may this command build it?

This is all a query does before it reads: compare the recorded stat signature (names, sizes,
times of the data files; no file read), else the content fingerprint (validation.fingerprint).
Only a rebuild imports the loader and its validators.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError

from lasttrain_awards.database.engine import check_sqlite_path, read_metadata, shown, sqlite_file
from lasttrain_awards.database.tables import LAYOUT, build_metadata
from lasttrain_awards.errors import NotBuilt
from lasttrain_awards.paths import check_dataset
from lasttrain_awards.validation.fingerprint import fingerprint, stat_signature


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

    Only what this tool built is ever rebuilt: anything else at a SQLite path is an error (see
    database.sqlite_owner_metadata). A server database is shared: it is built on purpose, by
    `awards load`, never by a reader, who is told when it differs from their data and reads it as
    it is. With build=False (a reader of a database someone else maintains) nothing is written.
    """
    check_dataset(data_dir)
    path = sqlite_file(engine.url)
    if path is not None:
        check_sqlite_path(path, writing=False)
    shared = path is None and engine.url.get_backend_name() != "sqlite"
    meta = read_metadata(engine)
    where = shown(engine.url)
    if meta and meta.get("layout") != LAYOUT and (shared or not build):
        raise NotBuilt(
            f"{where} was built by another version of awards ({meta.get('built_by', 'an older one')}), in a "
            f"layout this one cannot read: rebuild it with `awards load`" + ("" if shared else " (without --no-build)")
        )
    signature = stat_signature(data_dir) if meta.get("layout") == LAYOUT or (build and not shared) else None
    if meta.get("layout") == LAYOUT:
        if signature is not None and meta.get("files_signature") == signature:
            return  # unchanged by name, size and times: no file read
        if meta.get("data_fingerprint") == fingerprint(data_dir):
            if build and not shared and signature is not None:  # same content, new times: remember them
                _remember(engine, signature)
            return
    if not meta and (shared or not build):
        remedy = "build it on purpose with `awards load`" + ("" if shared else " (or drop --no-build)")
        raise NotBuilt(f"no awards database at {where}: {remedy}")
    if shared or not build:
        why = "a shared database is rebuilt only by `awards load`" if shared else "--no-build"
        notify(f"awards: {where} was built from other data than {data_dir}; showing it as it is ({why})")
        return
    if path is not None:
        check_sqlite_path(path, writing=True)
    reason = (
        "database layout changed: rebuilding"
        if meta and meta.get("layout") != LAYOUT
        else ("data changed: rebuilding" if meta else "building")
    )
    notify(f"awards: {reason} the database {where} from {data_dir}")
    from lasttrain_awards.database.loader import load  # only a build imports the validators

    load(engine, data_dir, progress, signature=signature or "")  # the walk already made, handed on
