"""Where the schemas, the dataset and the default database live.

From a checkout (the package's own folder, or the working directory inside one) the
checkout's `schema/`, `data/` and `db/` are used, so edits to the data are picked up.
From an installed wheel the bundled copies are used and the database goes to a
per-user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from lasttrain_awards.errors import DataDirectoryError

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED = "_bundled"  # the wheel's copies of schema/, data/ and db/metadata.json (pyproject.toml's force-include)
PROJECT_NAME = "lasttrain-awards"
DB_FILE_NAME = "awards.sqlite"


def is_file(path: Path) -> bool:
    """Path.is_file, False for a path this user may not look at (Path's own raises PermissionError)."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """Path.is_dir, False for a path this user may not look at."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_checkout(root: Path) -> bool:
    """A project folder holding this package's source beside its data and schemas.

    Judged by what is there rather than by parsing pyproject.toml: every command asks.
    """
    return (
        is_file(root / "pyproject.toml")
        and is_file(root / PACKAGE_DIR.name / "__init__.py")
        and is_dir(root / "data")
        and is_dir(root / "schema")
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
    inside = PACKAGE_DIR / BUNDLED / name
    return inside if is_dir(inside) else PACKAGE_DIR.parent / name


def schema_dir() -> Path:
    """The JSON Schemas that match this code."""
    return _bundled("schema")


def datasette_metadata_file() -> Path:
    """Datasette's metadata for the database (db/metadata.json): titles, descriptions, facets, search."""
    return _bundled("db") / "metadata.json"


# What a dataset is, in one place: a folder holding these four (and, optionally, refuted/).
DATASET_FOLDERS = ("films", "events", "sources", "awards")
OPTIONAL_FOLDERS = ("refuted",)
SETTINGS_TABLE = "lasttrain-awards"  # [tool.lasttrain-awards] data = "path" in a pyproject.toml


def dataset_folders(folder: Path) -> list[str]:
    """Which of a dataset's folders `folder` holds."""
    return [name for name in DATASET_FOLDERS if is_dir(folder / name)]


def check_dataset(folder: Path) -> None:
    """Raise DataDirectoryError unless `folder` is a folder holding at least one of a dataset's folders.

    A folder with some of them is a dataset with findings (the validator names what is missing); one
    with none is not a dataset at all, and walking it (a home folder, /tmp) would only bury the one
    thing to say under a finding per file.
    """
    if not is_dir(folder):
        raise DataDirectoryError(f"data directory not found (or not a folder you may enter): {folder}")
    if not dataset_folders(folder):
        raise DataDirectoryError(
            f"not a dataset: no {', '.join(f + '/' for f in DATASET_FOLDERS[:-1])} or {DATASET_FOLDERS[-1]}/ in "
            f"{folder} (give --data the folder that holds them; `awards init` starts a new one)"
        )


def _setting(pyproject: Path) -> Path | None:
    """The data directory a pyproject.toml names under [tool.lasttrain-awards], if it names one.

    A file that names our table but cannot be read, does not parse, or names something that is not a
    folder path raises DataDirectoryError: a broken setting never falls back to another dataset.
    """
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if f"tool.{SETTINGS_TABLE}".encode() in _bytes(pyproject):
            raise DataDirectoryError(f"{pyproject}: cannot read it ({exc}), and it names the data folder") from None
        return None
    if f"tool.{SETTINGS_TABLE}" not in text and f'tool."{SETTINGS_TABLE}"' not in text:
        return None  # most projects name no data: no TOML parse on every command
    import tomllib

    try:
        settings = tomllib.loads(text).get("tool", {}).get(SETTINGS_TABLE)
    except tomllib.TOMLDecodeError as exc:
        raise DataDirectoryError(f"{pyproject}: not valid TOML ({exc}): fix it, or give --data") from None
    if settings is None:
        return None
    value = settings.get("data") if isinstance(settings, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DataDirectoryError(
            f'{pyproject}: [tool.{SETTINGS_TABLE}] data must be a folder path as text (data = "data"), not {value!r}'
        )
    named = (pyproject.parent / value).resolve()
    if not is_dir(named):
        raise DataDirectoryError(f"{pyproject}: [tool.{SETTINGS_TABLE}] data names {named}, which is not a folder")
    return named


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def find_data_dir(cwd: Path | None = None) -> tuple[Path, str]:
    """The dataset to use, found the way git finds a repository, and how it was found.

    From the working directory upward: a pyproject.toml that names one ([tool.lasttrain-awards]
    data = "…"), else the nearest data/ holding a dataset's folders. Else this package's own
    checkout's data/, else the dataset bundled with the package. Never silently past a mistake: a
    broken setting, or a data/ holding some of a dataset's folders but not all, is an error.
    """
    found = discover_data_dir(cwd)
    if found:
        return found
    root = checkout_root(cwd)
    if root:
        return root / "data", "this checkout's"
    return _bundled("data"), "the bundled copy (no data/ in the working directory or above)"


def discover_data_dir(cwd: Path | None = None) -> tuple[Path, str] | None:
    """The dataset of the data repository `cwd` is in, found from it upward as find_data_dir finds it,
    or None: never this checkout's nor the bundled one (what a command that writes data may use)."""
    here = (cwd or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_file(candidate / "pyproject.toml"):
            named = _setting(candidate / "pyproject.toml")
            if named is not None:
                return named, f"named in {candidate / 'pyproject.toml'}"
        present = dataset_folders(candidate / "data")
        if len(present) == len(DATASET_FOLDERS):
            return candidate / "data", "found from the working directory"
        if present:
            missing = [f + "/" for f in DATASET_FOLDERS if f not in present]
            raise DataDirectoryError(
                f"{candidate / 'data'} looks like a dataset but has no {', '.join(missing)}: create "
                f"{'it' if len(missing) == 1 else 'them'}, or give --data the dataset to use"
            )
    return None


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
