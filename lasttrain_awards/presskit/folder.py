"""Writing a folder of generated files (the press kit) as one unit, sparing what we did not write.

The new files are written into a temporary folder beside the target, with a manifest of what
the tool wrote. Files already in the target that no earlier manifest lists (an official laurel
the user put in `laurels/`, notes) are carried over untouched; then the target is swapped for
the new folder. A failure at any point (a full disk, a name clash) leaves the old folder whole.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import shutil
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from lasttrain_awards.errors import OutputError
from lasttrain_awards.output.files import umask
from lasttrain_awards.processes import alive

MANIFEST = ".awards-presskit.json"  # what the tool wrote, so that only that is ever replaced
# Written first into a folder being built: a leftover folder is removed only when it holds this mark
# (or, for an old kit moved aside, our manifest), never for its name alone, which a user's folder may share.
BUILDING_MARK = ".awards-presskit-building"
# A kit written before manifests existed is recognised by its page's footer: then its pages and
# laurels are taken as the tool's, as that version treated them.
LEGACY_MARK = b"Generated from a sourced, validated record of every accolade"
LEGACY_PAGES = ("accolades.csv", "accolades.html", "accolades.md")


def _written_before(target: Path) -> set[str]:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _legacy_kit(target)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{target / MANIFEST}: cannot read the press kit's manifest ({exc})") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise OutputError(f"{target / MANIFEST}: not a press kit manifest; move it away to write a kit here")
    return set(files)


def _legacy_kit(target: Path) -> set[str]:
    """The files of a kit written before manifests existed (its page carries our footer), else none."""
    try:
        page = (target / "accolades.html").read_bytes()
    except OSError:
        return set()
    if LEGACY_MARK not in page:
        return set()
    laurels = {f"laurels/{p.name}" for p in (target / "laurels").glob("*.svg") if p.is_file()}
    return {name for name in LEGACY_PAGES if (target / name).is_file()} | laurels


def _user_files(target: Path, ours: set[str]) -> tuple[list[str], list[str]]:
    """Files (and links) in the target that the tool did not write, and every folder, as paths
    relative to it: the folders too, so that an empty one of the user's is not lost."""
    found, folders = [], []
    for folder, dirs, files in os.walk(target, onerror=_raise):
        dirs.sort()
        rel = Path(folder).relative_to(target)
        for name in dirs:
            if not (Path(folder) / name).is_symlink():
                folders.append((rel / name).as_posix())
        for name in sorted(files) + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            relative = (rel / name).as_posix()
            if relative != MANIFEST and relative not in ours:
                found.append(relative)
    return found, folders


def _raise(error: OSError) -> None:
    raise OutputError(f"{error.filename}: cannot read ({error.strerror})")


def _check_target(target: Path, keep_out: Sequence[Path] = ()) -> None:
    for folder in keep_out:  # the dataset: a kit written there would be read as data, or replace it
        inside, outer = target.resolve(), folder.resolve()
        if inside == outer or outer in inside.parents or inside in outer.parents:
            raise OutputError(
                f"{target} is inside the data folder {folder} (or holds it): the press kit is written elsewhere, "
                "for example -o kit"
            )
    here = Path.cwd().resolve()
    if here == target.resolve() or target.resolve() in here.parents:
        raise OutputError(
            f"{target} is the working folder (or holds it): the kit folder is replaced as a whole; "
            "give a folder beside or below it"
        )
    try:
        info = target.lstat()
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(f"{target.parent}: no such folder") from None
        return
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{target} is a symbolic link: give the folder it points to ({os.path.realpath(target)})")
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target} exists and is not a folder: the press kit is a folder")


def write_folder(target: Path, files: Mapping[str, bytes], keep_out: Sequence[Path] = ()) -> list[Path]:
    """Replace the generated files of `target` with `files` (relative POSIX paths to contents) as one unit.

    Returns the paths written. Raises OutputError, naming the file, when the target cannot be used (it
    is, holds or lies inside a folder of `keep_out`, the dataset) or a write fails; the old folder is
    then as it was.
    """
    _check_target(target, keep_out)
    for name in files:
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts or name == MANIFEST:
            raise ValueError(f"not a file name inside the kit: {name!r}")
    existing = target.is_dir()
    ours = _written_before(target) if existing else set()
    keep, folders = _user_files(target, ours) if existing else ([], [])
    written_folders = {str(parent) for name in files for parent in PurePosixPath(name).parents if str(parent) != "."}
    clash = sorted((set(keep) & (set(files) | written_folders)) | (set(folders) & set(files)))
    if clash:
        raise OutputError(
            f"{target / clash[0]}: the press kit would replace this, which it did not write; move it away"
        )
    _remove_abandoned(target)
    building = target.parent / f".{target.name}.presskit-{os.getpid()}-{secrets.token_hex(4)}"
    building.mkdir(mode=0o700)
    try:
        (building / BUILDING_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
        for name, content in files.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise OutputError(f"{target / name}: {exc.strerror or exc} (the old kit was left as it was)") from None
        manifest = {"files": sorted(files), "note": "written by `awards presskit`: these files are replaced"}
        (building / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for name in folders:  # every folder, with its mode and times (an empty one of the user's too)
            (building / name).mkdir(parents=True, exist_ok=True)
            shutil.copystat(target / name, building / name)
        for name in keep:  # the user's own files move with the kit, untouched (hard links where possible)
            source, copy = target / name, building / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, copy, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, copy, follow_symlinks=False)
        os.chmod(building, target.stat().st_mode & 0o777 if existing else 0o777 & ~umask())
        (building / BUILDING_MARK).unlink()
        _swap(target, building, existing)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return [target / name for name in files]


def _remove_abandoned(target: Path) -> None:
    """Folders left beside the kit by a press kit that was killed (its process is gone), and only those
    it can prove it wrote: a folder being built holds our mark, an old kit moved aside our manifest."""
    for leftover in target.parent.glob(f".{target.name}.*"):
        kind, _, rest = leftover.name.removeprefix(f".{target.name}.").partition("-")
        pid = rest.split("-")[0]
        if kind not in ("presskit", "old") or not pid.isdigit() or alive(int(pid)) or leftover.is_symlink():
            continue
        proof = leftover / (BUILDING_MARK if kind == "presskit" else MANIFEST)
        if leftover.is_dir() and proof.is_file() and not proof.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(done == 0)


def _swap(target: Path, building: Path, existing: bool) -> None:
    if not existing:
        os.rename(building, target)
        return
    if _exchange(building, target):  # no moment without a kit at the path, even if killed
        shutil.rmtree(building, ignore_errors=True)  # now the old kit
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(target, old)
    try:
        os.rename(building, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
