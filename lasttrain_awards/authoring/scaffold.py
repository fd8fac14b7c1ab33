"""A new film's record: a data repository that validates and explains itself, or a film added to one.

`new_repository` writes, into an empty or new folder, the dataset's folders with the film's file, a
README for the data repository, a pyproject.toml naming the data (so data discovery finds it), a GitHub
workflow that validates it on each change and weekly, a Dependabot configuration for that workflow's
actions, and a pre-commit configuration. `add_film` adds a film's file to an existing dataset. Both
check everything before writing anything, and never write over what is there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lasttrain_awards.authoring.changes import FileChange, apply, json_bytes, shown
from lasttrain_awards.authoring.ids import is_slug, slug
from lasttrain_awards.errors import Refused, UsageProblem
from lasttrain_awards.paths import (
    DATASET_FOLDERS,
    OPTIONAL_FOLDERS,
    PACKAGE_DIR,
    SETTINGS_TABLE,
    dataset_folders,
    discover_data_dir,
    is_dir,
)
from lasttrain_awards.safety import UNSAFE, markdown_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
YEAR_MIN, YEAR_MAX = 1888, 2100  # common.schema.json's year
REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
ALLOWED_BEFORE = {".git"}  # a folder just made a git repository is still an empty one
# The data repository's files: (path from its root, template), besides the film's file.
FILES = (
    ("README.md", "README.md"),
    ("pyproject.toml", "pyproject.toml"),
    (".github/workflows/validate.yml", "validate.yml"),
    (".github/dependabot.yml", "dependabot.yml"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
)
KEEP = ".gitkeep"  # git keeps no empty folder: the walk of the data skips dot-files


def _text(value: str, what: str, option: str) -> str:
    """A name as the schemas take it: trimmed, not empty, without control characters."""
    value = value.strip()
    if not value:
        raise UsageProblem(f"empty {what}", option)
    if any(c in UNSAFE for c in value):
        raise UsageProblem(f"the {what} holds a control character", option)
    if len(value) > 2000:
        raise UsageProblem(f"the {what} is longer than 2000 characters", option)
    return value


@dataclass(frozen=True)
class Film:
    """A film as `awards init` records it: the title, year and directors it was given, and its id."""

    id: str
    title: str
    year: int
    directors: tuple[str, ...]

    @classmethod
    def of(cls, title: str, year: int, directors: list[str] | tuple[str, ...], film_id: str | None = None) -> Film:
        """Checked as the film schema checks them: UsageProblem, naming the option, for what it refuses."""
        title = _text(title, "title", "--title")
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise UsageProblem(f"{year} is not a year from {YEAR_MIN} to {YEAR_MAX}", "--year")
        names = tuple(_text(name, "director", "--director") for name in directors)
        if not names:
            raise UsageProblem("give the film's director (several: --director once for each)", "--director")
        if film_id is None:
            film_id = slug(title)
            if not film_id:
                raise UsageProblem(f"{title!r} gives no id in Latin letters or digits: give one with --id", "--id")
        elif not is_slug(film_id):
            raise UsageProblem(
                f"{film_id!r} is not an id: lower-case letters, digits and single hyphens (last-train-home)", "--id"
            )
        return cls(film_id, title, year, names)

    def record(self) -> dict[str, Any]:
        """The film's file. Its facts are empty: each source's statement of them is added as it is found."""
        return {"id": self.id, "title": self.title, "year": self.year, "directors": list(self.directors), "facts": {}}


def _template(name: str, values: dict[str, str]) -> bytes:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    text = re.sub(r"@([A-Z_]+)@", lambda m: values[m[1]], text)
    return text.encode("utf-8")


def _badge(repository: str | None) -> str:
    if repository is None:
        return (
            "<!-- The validation badge: give the repository's owner and name (awards init --repository OWNER/NAME "
            "writes it), as in [![validate](https://github.com/OWNER/NAME/actions/workflows/validate.yml/badge.svg)]"
            "(https://github.com/OWNER/NAME/actions/workflows/validate.yml) -->"
        )
    runs = f"https://github.com/{repository}/actions/workflows/validate.yml"
    return f"[![validate]({runs}/badge.svg)]({runs})"


def check_repository(repository: str | None) -> None:
    if repository is not None and not REPOSITORY.fullmatch(repository):
        raise UsageProblem(f"{repository!r} is not a GitHub repository's OWNER/NAME", "--repository")


def repository_files(root: Path, film: Film, repository: str | None = None) -> list[FileChange]:
    """What `new_repository` writes, as new files (nothing is read from the folder)."""
    check_repository(repository)
    data = root / "data"
    values = {
        "TITLE": markdown_text(film.title),
        "YEAR": str(film.year),
        "DIRECTORS": markdown_text(", ".join(film.directors)),
        "FILM_ID": film.id,
        "BADGE": _badge(repository),
    }
    changes = [FileChange(data / "films" / f"{film.id}.json", json_bytes(film.record()))]
    changes += [FileChange(data / folder / KEEP, b"") for folder in (*DATASET_FOLDERS[1:], *OPTIONAL_FOLDERS)]
    changes += [FileChange(root / path, _template(template, values)) for path, template in FILES]
    return changes


def _refuse_target(root: Path) -> None:
    """Refused unless `root` is a folder this user may write that holds nothing (but .git), or nothing is
    there and the nearest folder above it may be written."""
    what = f"{shown(root)}"
    if os.path.lexists(root) and not root.is_dir():
        kind = "a file" if root.is_file() else "a broken link" if root.is_symlink() else "not a folder"
        raise Refused(f"{what} is {kind}: `awards init` writes a new data repository into an empty or new folder")
    existing = root
    while not os.path.lexists(existing):
        existing = existing.parent
    if existing == root:
        try:
            present = sorted(entry.name for entry in os.scandir(root) if entry.name not in ALLOWED_BEFORE)
        except OSError as exc:
            raise Refused(f"{what}: cannot read this folder ({exc.strerror or exc})") from None
        if present:
            listed = ", ".join(present[:5]) + (f" and {len(present) - 5} more" if len(present) > 5 else "")
            raise Refused(
                f"{what} is not empty (it holds {listed}): `awards init` writes only into an empty or new folder, "
                "and never over anything (to add a film to the dataset there: awards init --add-film)"
            )
    elif not existing.is_dir():
        raise Refused(f"cannot make {what}: {shown(existing)} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise Refused(f"cannot write in {shown(existing)}: permission denied (nothing was written)")
    if _inside_package(root):
        raise Refused(f"{what} is inside the lasttrain-awards package: choose a folder of your own")


def _inside_package(path: Path) -> bool:
    return path.resolve().is_relative_to(PACKAGE_DIR)


def new_repository(root: Path, film: Film, repository: str | None = None) -> list[Path]:
    """Write a new data repository for `film` into `root` (an empty or new folder); the paths written.

    Refused, with nothing written, if `root` is a file or a folder that holds anything (but .git), or
    cannot be written; a failure midway removes what this call wrote.
    """
    check_repository(repository)
    _refuse_target(root)
    changes = repository_files(root, film, repository)
    apply(changes)
    return [change.path for change in changes]


def dataset_of(start: Path) -> Path:
    """The dataset a film is added to: `start` itself when it holds a dataset's folders, else the one
    found from `start` upward, as every command finds its data (never this package's own copy)."""
    if not is_dir(start):
        raise Refused(f"{shown(start)} is not a folder")
    if len(dataset_folders(start)) == len(DATASET_FOLDERS):
        return start
    found = discover_data_dir(start)
    if found is None:
        raise Refused(
            f"no dataset in {shown(start)} or above it (no data/ folder, no pyproject.toml naming one under "
            f"[tool.{SETTINGS_TABLE}]): give the data repository's folder, or --data"
        )
    return found[0]


def add_film(data_dir: Path, film: Film) -> Path:
    """Add `film`'s file to the dataset in `data_dir`; refused if that id is taken or the dataset is not one
    a user may change (this package's own). Returns the path written."""
    if not is_dir(data_dir / "films"):
        raise Refused(f"{shown(data_dir)} has no films/ folder: not a dataset (awards init DIR starts one)")
    if _inside_package(data_dir):
        raise Refused(f"{shown(data_dir)} is the dataset bundled with lasttrain-awards: add films to your own")
    target = data_dir / "films" / f"{film.id}.json"
    if os.path.lexists(target):
        raise Refused(f"{shown(target)} is there already: a film with the id {film.id!r} (choose another with --id)")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise Refused(f"cannot write in {shown(target.parent)}: permission denied")
    apply([FileChange(target, json_bytes(film.record()))])
    return target
