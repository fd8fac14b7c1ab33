"""The data directory's files: which there are, what each is, and their bytes, none skipped in silence.

The walk lists every entry in a stable order with its problem, if any (a folder that cannot be
read, a name that is not UTF-8, a link, a missing folder): the validator reports each as a finding.
Only regular files inside the data directory, of a bounded size, are read.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lasttrain_awards.findings import printable
from lasttrain_awards.paths import DATASET_FOLDERS

# Folder under data/ -> the JSON Schema its files follow.
FOLDER_SCHEMAS: dict[str, str] = {
    "films": "film",
    "events": "event",
    "sources": "source",
    "awards": "awards-file",
    "refuted": "refuted",
}
IGNORED_NAMES = {"README.md", "LICENSE"}  # top-level notes beside the data, not data
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_data_file(path: Path, data_dir: Path) -> bytes:
    """A data file's bytes, refusing what is not a regular file inside the data directory."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 and 3.12 report a loop so
            raise OSError("a symbolic link loop") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OSError("a symbolic link loop") from None
            raise OSError("not a regular file (a broken link)") from None
        if not target.is_relative_to(data_dir.resolve()):
            raise OSError(f"a symbolic link to {target}, outside the data directory")
    if not path.is_file():
        raise OSError("not a regular file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise OSError(f"file too large: {size} bytes (the limit is {MAX_FILE_BYTES})")
    return path.read_bytes()


class DataFile(NamedTuple):
    """One entry of the data directory: its path, its name relative to the directory, the JSON Schema
    its folder's files follow (None for a stray entry) and, when it cannot be taken at all, why."""

    path: Path
    name: str
    schema: str | None
    problem: str | None = None


def _walk(directory: Path, parts: tuple[str, ...]) -> Iterator[DataFile]:
    """Depth first, in name order, with a stack of its own: a folder nested thousands deep is no
    reason for a RecursionError."""
    stack: list[tuple[Path, tuple[str, ...]]] = [(directory, parts)]
    while stack:
        folder, at = stack.pop()
        yield from _list(folder, at, stack)


def _list(directory: Path, parts: tuple[str, ...], stack: list[tuple[Path, tuple[str, ...]]]) -> Iterator[DataFile]:
    """One folder's entries; its subfolders go on `stack`, to be walked right after it."""
    try:
        with os.scandir(directory) as listing:
            children = sorted(listing, key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:  # a folder we cannot list: its files would be missed without a word
        name = "/".join(printable(p) for p in parts) or "."
        yield DataFile(directory, name, None, f"cannot read this folder: {exc.strerror or exc}")
        return
    below: list[tuple[Path, tuple[str, ...]]] = []
    for child in children:
        rel = (*parts, child.name)
        name = "/".join(printable(p) for p in rel)
        if child.name.startswith(".") or name in IGNORED_NAMES:
            continue
        path = directory / child.name
        try:
            child.name.encode("utf-8")
        except UnicodeEncodeError:
            yield DataFile(path, name, None, "the file name is not valid UTF-8: rename it")
            continue
        try:
            is_dir = child.is_dir(follow_symlinks=False)
            is_link = child.is_symlink()
        except OSError as exc:
            yield DataFile(path, name, None, f"cannot read: {exc.strerror or exc}")
            continue
        if len(rel) == 1 and rel[0] in FOLDER_SCHEMAS and is_link:
            yield DataFile(path, name, None, "a symbolic link: not followed (a data folder must be a real folder)")
            continue
        schema = FOLDER_SCHEMAS.get(rel[0]) if len(rel) == 2 and child.name.endswith(".json") else None
        if is_dir and len(rel) == 1 and rel[0] in FOLDER_SCHEMAS:
            below.append((path, rel))  # a dataset folder
        elif is_dir:
            yield DataFile(
                path, name, schema
            )  # where a file belongs: reported ("not a regular file"), as are its files
            below.append((path, rel))
        else:
            yield DataFile(path, name, schema)
    stack.extend(reversed(below))  # the first subfolder is walked next


def iter_data_files(data_dir: Path) -> Iterator[DataFile]:
    """Every entry under the data directory, in a stable order, none skipped in silence.

    A folder that cannot be read, a name that is not UTF-8, a missing dataset folder: each comes
    with its problem. Symbolic links to folders are not followed (no link loop can trap the walk).
    """
    for folder in DATASET_FOLDERS:
        if not (data_dir / folder).is_dir():
            problem = f"missing folder {folder}/: a dataset has {', '.join(f + '/' for f in DATASET_FOLDERS)}"
            yield DataFile(data_dir / folder, folder, None, problem)
    yield from _walk(data_dir, ())
