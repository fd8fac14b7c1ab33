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


def datasette_metadata_file() -> Path:
    """Datasette's metadata for the database (db/metadata.json): titles, descriptions, facets, search."""
    return _bundled("db") / "metadata.json"


DATASET_FOLDERS = ("awards", "events", "sources")
SETTINGS_TABLE = "lasttrain-awards"  # [tool.lasttrain-awards] data = "path" in a pyproject.toml


def _is_dataset(folder: Path) -> bool:
    return all((folder / name).is_dir() for name in DATASET_FOLDERS)


def _setting(pyproject: Path) -> Path | None:
    """The data directory a pyproject.toml names under [tool.lasttrain-awards], if it names one."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if f"tool.{SETTINGS_TABLE}" not in text:  # most projects name no data: no TOML parse on every command
        return None
    import tomllib

    try:
        settings = tomllib.loads(text).get("tool", {}).get(SETTINGS_TABLE, {})
    except tomllib.TOMLDecodeError:
        return None
    value = settings.get("data") if isinstance(settings, dict) else None
    return (pyproject.parent / value).resolve() if isinstance(value, str) and value else None


def find_data_dir(cwd: Path | None = None) -> tuple[Path, str]:
    """The dataset to use, found the way git finds a repository, and how it was found.

    From the working directory upward: a pyproject.toml that names one ([tool.lasttrain-awards]
    data = "…"), else the nearest data/ laid out as a dataset (awards/, events/, sources/). Else
    this package's own checkout's data/, else the dataset bundled with the package.
    """
    here = (cwd or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file():
            named = _setting(candidate / "pyproject.toml")
            if named is not None:
                return named, f"named in {candidate / 'pyproject.toml'}"
        if _is_dataset(candidate / "data"):
            return candidate / "data", "found from the working directory"
    root = checkout_root(cwd)
    if root:
        return root / "data", "this checkout's"
    return _bundled("data"), "the bundled copy (no data/ in the working directory or above)"


def default_data_dir(cwd: Path | None = None) -> Path:
    return find_data_dir(cwd)[0]


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
