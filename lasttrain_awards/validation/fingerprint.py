"""The data directory's fingerprints: a cheap stat signature and a content hash.

Both agree with the directory walk (walk.iter_data_files) on what the dataset's files are. The
database records them at each build; the rebuild policy (database.freshness) compares them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

from lasttrain_awards.paths import DATASET_FOLDERS, schema_dir
from lasttrain_awards.validation.walk import FOLDER_SCHEMAS, IGNORED_NAMES, iter_data_files, read_data_file


def combine_fingerprint(file_digests: dict[str, bytes]) -> str:
    """One hash from each data file's digest (by name) and the schemas."""
    digest = hashlib.sha256()
    for name in sorted(file_digests):
        digest.update(f"data/{name}\0".encode())
        digest.update(file_digests[name])
    for name, content_digest, _ in _schemas():
        digest.update(f"schema/{name}\0".encode())
        digest.update(content_digest)
    return digest.hexdigest()


@functools.cache
def _schemas() -> tuple[tuple[str, bytes, os.stat_result], ...]:
    """Each schema's name, content digest and stat, read once per process: they are this code's own
    files, which a command does not see change (and a process that dropped its privileges, as the
    tests' normal user does, may no longer read the folder they came from)."""
    return tuple(
        (path.name, hashlib.sha256(path.read_bytes()).digest(), path.stat())
        for path in sorted(schema_dir().glob("*.json"))
    )


# Coarser than any file system's time stamps (FAT keeps 2 s; Linux ticks in milliseconds).
RACY_NS = 2_000_000_000


class _Lines:
    """The signature's lines, and the newest time stamp among the files they describe."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.newest_ns = 0

    def add(self, name: str, info: os.stat_result) -> None:
        # ctime too: tools can set a file's mtime back (touch -d), never its ctime.
        self.lines.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\0".encode())
        self.newest_ns = max(self.newest_ns, info.st_mtime_ns, info.st_ctime_ns)


def _plain_tree_lines(data_dir: Path) -> _Lines | None:
    """The signature's lines for a plain tree, from one `scandir` per folder and one stat per file.

    None when anything is unusual (a link, a non-UTF-8 or unprintable name, a stray folder, a folder
    that cannot be read, a missing kind's folder): then the full walk, which names each problem, is
    used. Same lines, same order as that walk, so either may compute the recorded signature.
    """
    try:
        top = sorted(os.scandir(data_dir), key=lambda entry: os.fsencode(entry.name))
        if any(not (data_dir / folder).is_dir() for folder in DATASET_FOLDERS):
            return None
        found = _Lines()
        folders: list[os.DirEntry[str]] = []
        for entry in top:
            if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
                continue
            if not entry.name.isprintable() or entry.is_symlink():
                return None
            entry.name.encode("utf-8")
            if entry.is_dir():
                if entry.name not in FOLDER_SCHEMAS:
                    return None
                folders.append(entry)
            else:
                found.add(entry.name, entry.stat(follow_symlinks=False))
        for folder in folders:
            with os.scandir(folder.path) as listing:
                children = list(listing)
            # Names in bytes order, as the walk lists them (for ASCII names, the same as str order).
            if all(child.name.isascii() for child in children):
                children.sort(key=lambda entry: entry.name)
            else:
                children.sort(key=lambda entry: os.fsencode(entry.name))
            lines, newest = found.lines, found.newest_ns
            for child in children:
                name = child.name
                if name.startswith("."):
                    continue
                if not name.isascii():
                    name.encode("utf-8")  # a name that is not UTF-8 takes the full walk, which names it
                if not name.isprintable() or not child.is_file(follow_symlinks=False):
                    return None
                info = child.stat(follow_symlinks=False)
                # as _Lines.add, inline: a million-record archive has some 11,000 files to sign
                lines.append(
                    f"{folder.name}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}\0".encode()
                )
                if info.st_mtime_ns > newest or info.st_ctime_ns > newest:
                    newest = max(info.st_mtime_ns, info.st_ctime_ns)
            found.newest_ns = newest
        return found
    except (OSError, UnicodeEncodeError):
        return None


def _walked_tree_lines(data_dir: Path) -> _Lines:
    """The signature's lines from the full walk: every problem is part of the signature."""
    found = _Lines()
    for path, name, _, problem in iter_data_files(data_dir):
        if problem:
            found.lines.append(f"{name}\0{problem}\0".encode())
            continue
        try:
            found.add(name, path.stat())
        except OSError:
            found.lines.append(f"{name}\0missing\0".encode())
    return found


def stat_signature(data_dir: Path) -> str | None:
    """A hash of each data file's name, size and times: a cheap "has anything changed?".

    When it matches the one recorded at the last build, the files are not read again. Every file is
    stat'ed once (nothing cheaper can see an edit made in place, which changes no folder), in one
    `scandir` per folder; only an unusual tree takes the full walk.

    None when a file changed within RACY_NS of now: a second edit of the same size within the same
    clock tick would leave the same stat behind, so such a signature proves nothing (git calls such
    files "racily clean") and the files are hashed instead.
    """
    taken_ns = time.time_ns()
    found = _plain_tree_lines(data_dir)
    if found is None:
        found = _walked_tree_lines(data_dir)
    for name, _, info in _schemas():
        found.lines.append(f"schema/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        found.newest_ns = max(found.newest_ns, info.st_mtime_ns, info.st_ctime_ns)
    if found.newest_ns >= taken_ns - RACY_NS:
        return None
    return hashlib.sha256(b"".join(found.lines)).hexdigest()


def file_digest(content: bytes) -> bytes:
    return hashlib.sha256(content).digest()


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file and schema: the database is rebuilt when it changes.

    Reads files the way validation does, so a file it cannot read changes the hash
    (by its error) instead of stopping it.
    """
    digests = {}
    for path, name, _, problem in iter_data_files(data_dir):
        try:
            if problem:
                raise OSError(problem)
            content = read_data_file(path, data_dir)
        except OSError as exc:
            content = f"unreadable: {exc}".encode()
        digests[name] = file_digest(content)
    return combine_fingerprint(digests)
