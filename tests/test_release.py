"""Citable releases: CITATION.cff under the Citation File Format's schema and at the package's version,
a changelog in Keep a Changelog's shape whose dates are commit dates."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from lasttrain_awards import __version__
from tests.conftest import REPO

CITATION = REPO / "CITATION.cff"
CHANGELOG = REPO / "CHANGELOG.md"


def test_the_citation_file_is_valid_and_at_the_packages_version() -> None:
    # check-jsonschema bundles the Citation File Format's schema: offline. (.ci/run also runs
    # cffconvert --validate, in a venv of its own: it needs jsonschema 3.)
    run = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.citation-file-format", str(CITATION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    citation = YAML(typ="safe").load(CITATION.read_text(encoding="utf-8"))
    assert str(citation["version"]) == __version__
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}


def test_the_changelog_keeps_a_changelogs_shape() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert versions and versions[0][0] == "Unreleased"
    for version, released in versions[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", version) and released, f"## [{version}] needs a version and a date"
    for heading in re.findall(r"^### (.*)$", text, re.M):
        assert heading in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, heading


def _commit_dates() -> set[str] | None:
    """The author dates of the history, or None where there is no full history to read."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return None
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=REPO, capture_output=True, text=True, check=False
    )
    if shallow.returncode != 0 or shallow.stdout.strip() != "false":
        return None
    log = subprocess.run(
        ["git", "log", "--format=%ad", "--date=short"], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(log.stdout.split())


def test_every_date_in_the_changelog_is_a_commit_date() -> None:
    """No invented dates: an entry is dated by its commits (a release by its tag's commit)."""
    dates = _commit_dates()
    if dates is None:
        pytest.skip("no full git history here (a shallow clone, or an sdist)")
    written = set(re.findall(r"\b(\d{4}-\d{2}-\d{2})\b", CHANGELOG.read_text(encoding="utf-8")))
    assert written and written <= dates, f"dates no commit has: {sorted(written - dates)}"
