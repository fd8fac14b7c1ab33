"""A set of files written as one change: all of them, or none.

Each file is written whole (a temporary file renamed or linked into place). A new file is created only
where nothing is, even something that appeared meanwhile; a file that is replaced must still hold the
bytes it held when the change was planned. If any write fails, what this change wrote is undone: the
files it created and the folders it made are removed, the files it replaced get their bytes back.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lasttrain_awards.errors import AwardsError, Refused
from lasttrain_awards.output.files import create_atomically, write_atomically


@dataclass(frozen=True)
class FileChange:
    path: Path
    data: bytes
    before: bytes | None = None  # None: a new file; else the bytes it replaces, as they were read

    @property
    def new(self) -> bool:
        return self.before is None


def json_bytes(value: Any) -> bytes:
    """A data file's bytes, in the dataset's own format: two-space JSON, UTF-8 as it is, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def shown(path: Path) -> str:
    """A path as messages show it: from the working directory when it is below it, else whole."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _make_folders(folder: Path, made: list[Path]) -> None:
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def apply(changes: Sequence[FileChange]) -> None:
    """Write every change, making the folders they need; on any failure undo them all and raise Refused."""
    created: list[Path] = []
    replaced: list[tuple[Path, bytes]] = []
    made: list[Path] = []
    try:
        for change in changes:
            _make_folders(change.path.parent, made)
            if change.before is None:
                create_atomically(change.path, change.data)
                created.append(change.path)
                continue
            try:
                current = change.path.read_bytes()
            except OSError as exc:
                raise Refused(f"{shown(change.path)}: cannot read it again ({exc.strerror or exc})") from None
            if current != change.before:
                raise Refused(f"{shown(change.path)} changed while this ran: run it again")
            write_atomically(change.path, change.data)
            replaced.append((change.path, change.before))
    except (AwardsError, OSError) as exc:
        _undo(created, replaced, made)
        reason = str(exc) if isinstance(exc, AwardsError) else f"{exc.filename or ''}: {exc.strerror or exc}"
        raise Refused(f"{reason} (nothing was written: what this run had written was removed)") from None
    except BaseException:
        _undo(created, replaced, made)
        raise


def _undo(created: list[Path], replaced: list[tuple[Path, bytes]], made: list[Path]) -> None:
    for path, before in reversed(replaced):
        with contextlib.suppress(AwardsError, OSError):
            write_atomically(path, before)
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()
