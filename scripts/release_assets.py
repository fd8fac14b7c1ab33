#!/usr/bin/env python3
"""Build the files a release publishes, into one new folder:

    lasttrain_awards-X.Y.Z-py3-none-any.whl   the wheel (python -m build: the sdist, then the wheel from it)
    lasttrain_awards-X.Y.Z.tar.gz             the sdist
    lasttrain-awards-X.Y.Z.sqlite             the SQLite database, built by `awards load` from data/
    accolades-X.Y.Z.csv                       the press-kit table (`awards export`), read from that database
    accolades-X.Y.Z.json                      the same as JSON, with each source's address
    sources-X.Y.Z.json, sources-X.Y.Z.bib     the sources the accolades cite, as CSL-JSON and BibTeX
    presskit-X.Y.Z.zip                        the press kit (`awards presskit`), with no kit file of anyone's
    SHA256SUMS                                a checksum of each file above

.github/workflows/release.yml runs it on a version tag, with --tag (which must be v + the version that
lasttrain_awards/__init__.py and CITATION.cff carry, and which CHANGELOG.md must have a dated section
for) and --notes (that section, and how to cite, for the release's text). .ci/run runs it on every run
without --tag, so the release path is tested before any tag needs it. Needs nothing but the package
index (`python -m build` installs hatchling into its build environment) and the `awards` command
installed in this Python at the version being built (the `release` extra adds `build`).

Usage: python scripts/release_assets.py --out DIR [--tag vX.Y.Z] [--notes FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DISTRIBUTION = "lasttrain-awards"


class ReleaseError(Exception):
    """A release that must not be made: the reason, for the log."""


def package_version() -> str:
    text = (REPO / "lasttrain_awards" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    if not match:
        raise ReleaseError("lasttrain_awards/__init__.py has no __version__ line")
    return match.group(1)


def citation_version() -> str:
    match = re.search(r"^version: *['\"]?([^'\"\s]+)", (REPO / "CITATION.cff").read_text(encoding="utf-8"), re.M)
    if not match:
        raise ReleaseError("CITATION.cff has no version")
    return match.group(1)


def changelog_section(version: str, text: str | None = None) -> str | None:
    """The body of CHANGELOG.md's (or `text`'s) `## [version] - date` section, or None when it has none."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8") if text is None else text
    match = re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return match.group(1).strip() if match else None


def check_versions(tag: str | None) -> str:
    """The version to release, once the package, CITATION.cff, the tag and the changelog agree on it."""
    version = package_version()
    if citation_version() != version:
        raise ReleaseError(f"CITATION.cff says version {citation_version()}, the package {version}: make them agree")
    installed = importlib.metadata.version(DISTRIBUTION)
    if installed != version:
        raise ReleaseError(f"this Python has {DISTRIBUTION} {installed} installed, the checkout is {version}")
    if tag is not None:
        if tag != f"v{version}":
            raise ReleaseError(f"the tag {tag} is not v{version}, the version the package carries")
        if changelog_section(version) is None:
            raise ReleaseError(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
    return version


def run(*command: str | Path, cwd: Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=cwd, check=True)


def awards(*args: str | Path, database: Path, cwd: Path) -> None:
    """The installed CLI on the checkout's data/ and the release's database."""
    run(sys.executable, "-m", "lasttrain_awards", "--data", REPO / "data", "--db", database, *args, cwd=cwd)


def check_distributions(out: Path, version: str) -> tuple[Path, Path]:
    """The wheel and the sdist, once each is shown to carry the licences (and the sdist the citation)."""
    wheel = out / f"lasttrain_awards-{version}-py3-none-any.whl"
    sdist = out / f"lasttrain_awards-{version}.tar.gz"
    for path in (wheel, sdist):
        if not path.is_file():
            raise ReleaseError(f"python -m build made no {path.name}")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    licences = f"lasttrain_awards-{version}.dist-info/licenses"
    for name in (f"{licences}/LICENSE", f"{licences}/data/LICENSE", "lasttrain_awards/_bundled/data/LICENSE"):
        if name not in names:
            raise ReleaseError(f"the wheel lacks {name}")
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for name in ("LICENSE", "data/LICENSE", "CITATION.cff", "CHANGELOG.md", "pyproject.toml"):
        if f"lasttrain_awards-{version}/{name}" not in names:
            raise ReleaseError(f"the sdist lacks {name}")
    return wheel, sdist


def zip_folder(folder: Path, target: Path, root: str) -> None:
    """`folder`'s files under `root/` in a zip, in name order."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{root}/{path.relative_to(folder).as_posix()}")


def write_checksums(out: Path) -> None:
    lines = []
    for path in sorted(p for p in out.iterdir() if p.is_file()):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    (out / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def release_notes(version: str, tag: str | None) -> str:
    section = changelog_section(version) if tag else None
    changes = section or "Not a tagged release: see CHANGELOG.md's Unreleased section."
    return (
        f"{changes}\n\n"
        "## Files\n\n"
        f"- `lasttrain-awards-{version}.sqlite`: the database (browse it with "
        f"`awards --db lasttrain-awards-{version}.sqlite --no-build browse`, or query it with sqlite3)\n"
        f"- `accolades-{version}.csv`, `accolades-{version}.json`: the press-kit table\n"
        f"- `presskit-{version}.zip`: the press kit, with no owner's kit file (contacts and choices are yours to add)\n"
        f"- the wheel and the sdist: `pip install lasttrain_awards-{version}-py3-none-any.whl`\n"
        "- `SHA256SUMS`: `sha256sum -c SHA256SUMS`\n\n"
        "The data is under CC BY 4.0 (the quoted words remain their authors'), the code under MIT. "
        f"To cite this version: CITATION.cff, version {version}.\n"
    )


def build(out: Path, tag: str | None, notes: Path | None) -> list[Path]:
    version = check_versions(tag)
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"{out} is not empty: a release is built into a new folder")
    out.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "build", "--outdir", out, REPO, cwd=REPO)
    check_distributions(out, version)
    with tempfile.TemporaryDirectory(prefix="release-") as work:
        here = Path(work)
        database = out / f"lasttrain-awards-{version}.sqlite"
        awards("load", database=database, cwd=here)
        # The exports and the kit read the database just built, as it is (--no-build).
        awards("--no-build", "export", "-o", out / f"accolades-{version}.csv", database=database, cwd=here)
        awards(
            "--no-build", "export", "--format", "json", "-o", out / f"accolades-{version}.json",
            database=database, cwd=here,
        )  # fmt: skip
        for fmt, suffix in (("csljson", "json"), ("bibtex", "bib")):  # for reference managers
            target = out / f"sources-{version}.{suffix}"
            awards("--no-build", "export", "--format", fmt, "-o", target, database=database, cwd=here)
        awards("--no-build", "presskit", "-o", here / "presskit", database=database, cwd=here)
        zip_folder(here / "presskit", out / f"presskit-{version}.zip", f"lasttrain-awards-{version}-presskit")
    leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith(database.name + "-"))
    if leftovers:
        raise ReleaseError(f"the database left files beside it: {leftovers}")
    write_checksums(out)
    if notes is not None:
        notes.write_text(release_notes(version, tag), encoding="utf-8")
    return sorted(out.iterdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a new (or empty) folder for the files")
    parser.add_argument("--tag", help="the version tag being released (vX.Y.Z): checked against the version")
    parser.add_argument("--notes", type=Path, help="write the release's text (changelog section, files) here")
    args = parser.parse_args(argv)
    try:
        files = build(args.out.resolve(), args.tag, args.notes)
    except (ReleaseError, subprocess.CalledProcessError) as exc:
        print(f"release_assets: {exc}", file=sys.stderr)
        return 1
    for path in files:
        print(f"{path.stat().st_size:>12,}  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
