"""Writing one output file safely: atomically, and never over a link, a FIFO or a device."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lasttrain_awards.errors import OutputError


def _replaceable(path: Path) -> bool:
    """Whether `path` may be replaced: True if it is a regular file, False if there is nothing there.

    A symbolic link, a FIFO, a device or a folder is refused: renaming a new file over it would turn
    the link or the device into a plain file (as root, `-o /dev/null` would replace the device).
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISREG(info.st_mode):
        return True
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{path} is a symbolic link: not replaced (write to {os.path.realpath(path)} itself)")
    what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
    raise OutputError(f"{path} is {what}: not replaced (write to stdout instead)")


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside the target and rename it into place, so an
    error never leaves a truncated file and never replaces a good one with a bad one."""
    directory = path.parent
    if not directory.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(directory))
    exists = _replaceable(path)
    # mkstemp makes the file private (0600); give it the mode a plain open() would have,
    # or keep the mode of the file it replaces.
    mode = path.stat().st_mode & 0o777 if exists else 0o666 & ~umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk says "No space left" of a temporary file: name the target
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: {exc.strerror or exc} (nothing was replaced)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process's file-creation mask (read by setting it and setting it back)."""
    current = os.umask(0)
    os.umask(current)
    return current


def create_atomically(path: Path, data: bytes) -> None:
    """Write a new file whole, or not at all, and never over anything: OutputError if something is
    already at `path`, even if it appeared a moment ago.

    The bytes go to a temporary file beside the target, which is then hard-linked to the target's name:
    a link is never made over an existing name, unlike a rename. Where the file system has no hard links,
    the file is created exclusively (O_EXCL) and removed again if writing it fails.
    """
    directory = path.parent
    if not directory.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(directory))
    mode = 0o666 & ~umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputError(f"{path} already exists: not replaced") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            _create_exclusively(path, data, mode)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc} (nothing was written there)") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_exclusively(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    except FileExistsError:
        raise OutputError(f"{path} already exists: not replaced") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
