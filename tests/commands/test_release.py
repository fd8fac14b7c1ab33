"""Citable releases: CITATION.cff under the Citation File Format's schema and at the package's version,
a changelog in Keep a Changelog's shape whose dates are commit dates."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from types import ModuleType

import pytest
from ruamel.yaml import YAML

from lasttrain_awards import __version__
from tests.builders import REPO, check_schema

CITATION = REPO / "CITATION.cff"
CHANGELOG = REPO / "CHANGELOG.md"


def test_the_citation_file_is_valid_and_at_the_packages_version() -> None:
    # (.ci/run also runs cffconvert --validate, in a venv of its own: it needs jsonschema 3.)
    check_schema("vendor.citation-file-format", CITATION)
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


def _script(name: str) -> ModuleType:
    """A script of scripts/, imported as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_release_script_reads_a_versions_section_of_the_changelog() -> None:
    release = _script("release_assets")
    text = (
        "# Changelog\n\n## [Unreleased]\n\n- next\n\n"
        "## [1.2.0] - 2027-01-02\n\n### Added\n\n- this\n\n## [1.1.0] - 2026-12-31\n"
    )
    assert release.changelog_section("1.2.0", text) == "### Added\n\n- this"
    assert release.changelog_section("1.1.0", text) == ""
    assert release.changelog_section("1.3.0", text) is None
    assert release.changelog_section("Unreleased", text) is None  # a release has a date


def test_the_release_script_refuses_a_tag_that_is_not_the_version() -> None:
    release = _script("release_assets")
    assert release.check_versions(None) == __version__  # what .ci/run builds: no tag
    with pytest.raises(release.ReleaseError, match=f"is not v{re.escape(__version__)}"):
        release.check_versions("v99.0.0")
    if release.changelog_section(__version__) is None:  # not released yet: no dated section
        with pytest.raises(release.ReleaseError, match=r"CHANGELOG\.md has no"):
            release.check_versions(f"v{__version__}")


def test_the_release_script_refuses_a_folder_with_files_in_it(tmp_path) -> None:
    release = _script("release_assets")
    (tmp_path / "stale.whl").write_text("from an older build\n")
    with pytest.raises(release.ReleaseError, match="is not empty"):
        release.build(tmp_path, None, None)
