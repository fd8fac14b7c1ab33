"""The settings of one `awards` run: which database and data, whether it may build, and its engine."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy import Engine

from lasttrain_awards.cli.messages import Progress, say
from lasttrain_awards.database.engine import DEFAULT_CONNECT_TIMEOUT, make_engine, sqlite_file
from lasttrain_awards.database.freshness import ensure_current
from lasttrain_awards.errors import DatabaseUnavailable


@dataclass
class Settings:
    db_url: str
    data_dir: Path
    default_db: bool = False
    build: bool = True
    connect_timeout: int = DEFAULT_CONNECT_TIMEOUT

    @functools.cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.db_url, self.connect_timeout)
        path = sqlite_file(engine.url)
        if self.default_db and path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)  # only our own default folder is created
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"cannot create {path.parent} for the default database ({exc.strerror}): set HOME (or "
                    "XDG_DATA_HOME) to a folder you may write, or give --db (AWARDS_DB) a file path"
                ) from None
        return engine

    def current_engine(self) -> Engine:
        """The engine, after building or rebuilding the database if the data changed."""
        ensure_current(self.engine, self.data_dir, notify=say, build=self.build, progress=Progress())
        return self.engine


pass_settings = click.make_pass_decorator(Settings)
