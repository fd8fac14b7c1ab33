"""The documentation: a short README with its two Quick start commands, a site (mkdocs.yml, docs/)
whose every page exists and builds strictly, a CLI reference generated from the Click commands, and
the sections of the former long README still findable in the pages."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from ruamel.yaml import YAML

from lasttrain_awards.cli import cli
from tests.builders import REPO

README = REPO / "README.md"
MKDOCS = REPO / "mkdocs.yml"
DOCS = REPO / "docs"
README_LIMIT = 12 * 1024  # bytes: the manual lives in docs/

QUICK_START = [
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/awards list --year 2010",
    "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest",
]

# Sections and facts of the former long README, each of which must still be in some page.
MOVED = [
    "Measured",
    "| 1M `load`, default (workers off) | 34.5 s | 55.5 s | 1.61 | 55 / 392 MB |",
    "How a load works",
    "Guarantees",
    "tests/commands/test_interruptions.py::test_a_killed_load_leaves_the_old_or_the_new_database",
    "Edition anchors",
    "Data honesty",
    "No year, date or edition is invented.",
    "Wins that no source, or only a weaker one, states",
    "The kit file",
    "The kit is replaced as one unit",
    "Laurels look the same everywhere",
    "A team database on PostgreSQL",
    "Where things live",
    "How a rebuild replaces a SQLite database",
    "What `--today` changes on the bundled data",
    "Wikidata statements",
    "false claims that circulate",
    "the press-kit sentence",
    "Continuous validation",
    "Adding or correcting an award",
    "Browsing the database with Datasette",
    "Code layout",
    "_AWARDS_COMPLETE=bash_source",
]


def _yaml(path: Path) -> dict:
    yaml = YAML(typ="safe")
    # mkdocs.yml reads the site's addresses with MkDocs' !ENV tag: here, the tag's own value.
    yaml.constructor.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))
    return yaml.load(path.read_text(encoding="utf-8"))


def _nav_pages(nav: list) -> list[str]:
    """The Markdown files the navigation names, in order, at any depth."""
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def _section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"no '## {heading}' section"
    return match.group(1)


def _pages_text() -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in sorted(DOCS.glob("*.md")))


def test_the_readme_is_short() -> None:
    size = len(README.read_bytes())
    assert size < README_LIMIT, f"README.md is {size:,} bytes: move the detail into docs/"


def test_the_quick_start_has_exactly_its_two_commands() -> None:
    quick_start = _section(README.read_text(encoding="utf-8"), "Quick start")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", quick_start, re.S | re.M)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == QUICK_START


def test_the_readme_keeps_its_screenshot_and_points_to_every_page() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "(docs/presskit.png)" in readme and (DOCS / "presskit.png").is_file()
    assert "<!-- summary:start [[[cog" in readme and "<!-- summary:end [[[end]]] -->" in readme
    assert "mkdocs serve" in readme
    for page in _nav_pages(_yaml(MKDOCS)["nav"]):
        if page != "index.md":
            assert f"(docs/{page})" in readme, f"README.md does not link docs/{page}"


def test_every_page_of_the_navigation_exists_and_every_page_is_in_it() -> None:
    config = _yaml(MKDOCS)
    assert config["docs_dir"] == "docs" and config["theme"]["name"] == "material"
    pages = _nav_pages(config["nav"])
    assert pages[0] == "index.md" and len(pages) == len(set(pages))
    for page in pages:
        assert (DOCS / page).is_file(), f"mkdocs.yml names docs/{page}, which does not exist"
    assert {p.name for p in DOCS.glob("*.md")} == set(pages), "a page outside the navigation"


@pytest.mark.parametrize("page", ["README.md", "docs/cli.md"])
def test_what_cog_writes_is_current(page: str) -> None:
    """The README's sentence and the static CLI reference are what cog writes from the data and the
    commands now (.ci/run and the checks job run `cog --check` too)."""
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", page], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{page} has drifted: run `cog -r {page}`\n{done.stdout}{done.stderr}"


def test_the_cli_reference_holds_every_command_as_its_help_prints_it() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^## awards (\S+)$", reference, re.M)) == set(cli.commands)
    for name in ("list", "validate"):
        assert f"Usage: awards {name} [OPTIONS]" in reference


def test_the_former_readme_sections_are_in_the_pages() -> None:
    pages = _pages_text()
    missing = [phrase for phrase in MOVED if phrase not in pages]
    assert not missing, f"not in any page of docs/: {missing}"


def test_pages_link_only_within_the_site() -> None:
    """A relative link out of docs/ (to examples/ or benchmarks/) breaks on the site: name the path."""
    for page in sorted(DOCS.glob("*.md")):
        links = re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8"))
        outside = [link for link in links if link.startswith(("../", "/")) and not link.startswith("//")]
        assert not outside, f"{page.name} links out of docs/: {outside}"


def _missing() -> str | None:
    """Why the site cannot be built here, or None."""
    for module, package in (("mkdocs", "mkdocs"), ("material", "mkdocs-material")):
        try:
            __import__(module)
        except ImportError:
            return f"the {package} package is not installed (pip install '.[docs]')"
    return None


@pytest.mark.slow
def test_the_site_builds_strictly(tmp_path: Path) -> None:
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{missing}; CI is set, so the documentation must build")
        pytest.skip(missing)
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(MKDOCS), "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SUB_PATH},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _check_site().problems(site, SUB_PATH) == []  # the 404 page's styles and the sitemap, under the sub-path
    reference = (site / "cli" / "index.html").read_text(encoding="utf-8")
    for name in cli.commands:  # every command, as Click has it now
        assert f'id="awards-{name}"' in reference, f"`awards {name}` is not in the CLI reference"
    assert (site / "presskit.png").is_file() and (site / "laurel-idfa-2009.svg").is_file()


SUB_PATH = "https://example.invalid/lasttrain-awards/"  # as GitHub Pages serves a project's site


def _check_site() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_site", REPO / "scripts" / "check_site.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_site_check_catches_a_404_page_styled_from_the_root(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.css").write_text("body {}\n")
    (tmp_path / "404.html").write_text('<link rel="stylesheet" href="/assets/main.css">\n')
    (tmp_path / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
    found = _check_site().problems(tmp_path, SUB_PATH)
    assert any("outside /lasttrain-awards/" in problem for problem in found)
    assert any("sitemap.xml lists no page" in problem for problem in found)


def test_the_sites_addresses_come_from_the_run_not_from_the_config() -> None:
    """No address is written in mkdocs.yml (the repository's is not known here): docs.yml sets them."""
    config = _yaml(MKDOCS)
    assert config["site_url"] == ["SITE_URL", ""] and config["repo_url"] == ["REPO_URL", ""]
    assert config["edit_uri"] == ["EDIT_URI", ""] and "content.action.edit" in config["theme"]["features"]
    build = _yaml(REPO / ".github" / "workflows" / "docs.yml")["jobs"]["build"]
    (step,) = [s for s in build["steps"] if "mkdocs build" in s.get("run", "")]
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert step["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "scripts/check_site.py" in step["run"]


def test_mkdocs_and_material_are_held_below_their_next_majors() -> None:
    docs = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "mkdocs>=1.6,<2" in docs["docs"] and "mkdocs-material>=9.5,<10" in docs["docs"]


def _test_functions() -> dict[str, set[str]]:
    """Every test function, by the file (from the repository root) that holds it."""
    found: dict[str, set[str]] = {}
    for path in (REPO / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
        found[path.relative_to(REPO).as_posix()] = names
    return found


def test_every_test_a_page_cites_exists() -> None:
    """`tests/…/test_x.py::test_y` (and a following `::test_z`, of the same file) name real tests: a
    guarantee stands beside the test that proves it, and a move or a rename cannot leave it behind."""
    tests = _test_functions()
    cited = re.compile(r"(tests/[a-z_/]+\.py)?::(test_[a-z0-9_]+)|(tests/[a-z_/]+\.py)")
    missing = []
    for page in sorted(DOCS.glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            current = None
            for match in cited.finditer(line):
                if match.group(3):
                    current = match.group(3)
                    if not (REPO / current).exists():
                        missing.append(f"{page.name}: {current}")
                    continue
                current = match.group(1) or current
                if current is None or match.group(2) not in tests.get(current, set()):
                    missing.append(f"{page.name}: {current}::{match.group(2)}")
    assert not missing, missing
