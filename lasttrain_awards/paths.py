"""Where the schemas, the dataset and the default database live.

From a checkout (the package's own folder, or the working directory inside one) the
checkout's `schema/`, `data/` and `db/` are used, so edits to the data are picked up.
From an installed wheel the bundled copies are used and the database goes to a
per-user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_NAME = "lasttrain-awards"
DB_FILE_NAME = "awards.sqlite"


def _is_checkout(root: Path) -> bool:
    """A project folder holding this package's source beside its data and schemas.

    Judged by what is there rather than by parsing pyproject.toml: every command asks.
    """
    return (
        (root / "pyproject.toml").is_file()
        and (root / PACKAGE_DIR.name / "__init__.py").is_file()
        and (root / "data").is_dir()
        and (root / "schema").is_dir()
    )


def checkout_root(cwd: Path | None = None) -> Path | None:
    """The lasttrain-awards checkout the code runs from, or the working directory is in."""
    here = (cwd or Path.cwd()).resolve()
    for candidate in (PACKAGE_DIR.parent, here, *here.parents):
        if _is_checkout(candidate):
            return candidate
    return None


def _bundled(name: str) -> Path:
    # A wheel carries the folder inside the package; a checkout (or an editable
    # install) has it beside the package.
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def schema_dir() -> Path:
    """The JSON Schemas that match this code."""
    return _bundled("schema")


def default_data_dir(cwd: Path | None = None) -> Path:
    root = checkout_root(cwd)
    return root / "data" if root else _bundled("data")


def default_db_path(cwd: Path | None = None) -> Path:
    root = checkout_root(cwd)
    if root:
        return root / "db" / DB_FILE_NAME
    import platformdirs  # only outside a checkout

    return platformdirs.user_data_path(PROJECT_NAME) / DB_FILE_NAME


def default_db_url(cwd: Path | None = None) -> str:
    return sqlite_url(default_db_path(cwd))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(os.path.abspath(path))}"


def as_db_url(value: str) -> str:
    """Accept an SQLAlchemy URL, or a plain file path meaning a SQLite file."""
    return value if "://" in value else sqlite_url(Path(value).expanduser())
