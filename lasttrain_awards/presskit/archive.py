"""The whole kit as one archive (`awards presskit --zip`), written by the rules of every writer here.

The archive holds the files the kit wrote (those of its manifest, never the user's own files in the
folder), under one folder named after the kit's, in a fixed order with fixed dates: the same kit
makes the same archive. It is written atomically (output/files.py), and never over a file the tool
did not write: an existing archive is replaced only when its ZIP comment is ours.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from lasttrain_awards.errors import OutputError
from lasttrain_awards.output.files import create_atomically, write_atomically

MARK = b"Written by `awards presskit`: the next kit with --zip replaces it."
STORED = (".png", ".jpg", ".jpeg", ".webp")  # already compressed: stored as they are
EPOCH = (1980, 1, 1, 0, 0, 0)  # ZIP's earliest date: no time of the run in the archive


def kit_archive(files: Mapping[str, bytes], folder: str) -> bytes:
    """The kit's files as a ZIP archive, under `folder/`, byte for byte the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = MARK
        for name in sorted(files):
            info = zipfile.ZipInfo(str(PurePosixPath(folder) / name), date_time=EPOCH)
            info.create_system = 3  # Unix: the mode below is read
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == MARK
    except (OSError, zipfile.BadZipFile):
        return False


def check_archive_target(path: Path, kit: Path, keep_out: Sequence[Path] = ()) -> bool:
    """Whether an archive of ours is at `path` (to be replaced); OutputError, before anything is
    written, when the archive may not go there: inside the kit folder (which is replaced as a whole)
    or the data folder, over a link, a folder or a device, or over a file the tool did not write."""
    where = path.parent.resolve() / path.name
    for folder, why in [(kit, "the kit folder, which is replaced as a whole")] + [
        (f, "the data folder") for f in keep_out
    ]:
        outer = folder.resolve()
        if where == outer or outer in where.parents:
            raise OutputError(f"{path}: inside {why}; give an archive beside it (--zip without a name: {kit}.zip)")
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent}: no such folder")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{path} is a symbolic link: not replaced")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path} exists and is not a file: not replaced")
    if not _ours(path):
        raise OutputError(f"{path} exists and was not written by `awards presskit --zip`: not replaced; move it away")
    return True


def write_archive(path: Path, data: bytes, replace: bool) -> None:
    """Write the archive whole or not at all: over our own archive (`replace`), else only where
    nothing is, even if something appeared since the check."""
    if replace:
        if not _ours(path):  # changed since the check: never replace what is not ours
            raise OutputError(f"{path} was replaced by another file meanwhile: not replaced")
        write_atomically(path, data)
    else:
        create_atomically(path, data)
