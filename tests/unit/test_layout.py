"""The package's plan holds: every import points down, the command line only parses, calls and prints,
a listing loads no validator, and a rebuild walks the data folder no more than it must."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lasttrain_awards.database import freshness
from tests.builders import REPO, sqlite_engine

PACKAGE = REPO / "lasttrain_awards"
WINGS = ("validation", "database", "output", "presskit", "authoring", "cli")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=root,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(root)},
        timeout=120,
    )


def test_every_import_points_down() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): layers from cli down to the foundation."""
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("validation/walk.py", "from lasttrain_awards.database import engine"),
        ("database/queries.py", "from lasttrain_awards.output import writers"),
        ("errors.py", "from lasttrain_awards.validation import rules"),
    ],
)
def test_an_import_pointing_up_breaks_the_contract(tmp_path: Path, module: str, upward: str) -> None:
    """The contract can fail: a copy of the package with one import pointing up is refused."""
    shutil.copytree(PACKAGE, tmp_path / "lasttrain_awards")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "lasttrain_awards" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1 and "BROKEN" in result.stdout, result.stdout + result.stderr


def test_each_package_says_what_it_holds_and_may_import() -> None:
    for wing in WINGS:
        doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text(encoding="utf-8")))
        assert doc and ("May import" in doc or wing == "presskit"), wing


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_command_line_holds_options_commands_and_messages_only() -> None:
    """No SQL, no row building, no file writing in cli/: a command parses, calls and prints."""
    forbidden = {
        "lasttrain_awards.database.tables",
        "lasttrain_awards.database.models",
        "csv",
        "json",
        "orjson",
        "tabulate",
        "sqlalchemy.orm",
    }
    for path in sorted((PACKAGE / "cli").rglob("*.py")):
        imported = _imports(path)
        assert not imported & forbidden, f"{path.relative_to(REPO)} imports {sorted(imported & forbidden)}"
        text = path.read_text(encoding="utf-8")
        for call in (r"\bselect\(", r"\binsert\(", r"\.write_text\(", r"\.write_bytes\(", r"(?<![.\w])open\("):
            assert not re.search(call, text), f"{path.relative_to(REPO)} calls {call}"


def test_a_listing_loads_no_validator_no_orm_and_no_press_kit(tmp_path: Path) -> None:
    """`awards list` on a built database stays quick: the lazy imports hold in the new wings too."""
    db = tmp_path / "awards.sqlite"
    build = subprocess.run(
        [sys.executable, "-m", "lasttrain_awards", "--db", str(db), "load"], capture_output=True, text=True, cwd=REPO
    )
    assert build.returncode == 0, build.stderr
    code = (
        "import sys, json; from lasttrain_awards.cli import cli\n"
        "cli.main(['--db', sys.argv[1], 'list', '--year', '2010'], standalone_mode=False)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('lasttrain_awards', 'jinja2', 'jsonschema', "
        "'fastjsonschema')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, cwd=REPO, check=True)
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    never = {
        "jinja2",
        "jsonschema",
        "fastjsonschema",
        "lasttrain_awards.presskit",
        "lasttrain_awards.validation.scanner",
        "lasttrain_awards.validation.rules",
        "lasttrain_awards.validation.jsonfile",
        "lasttrain_awards.database.loader",
        "lasttrain_awards.database.models",
        "lasttrain_awards.database.conflicts",
        "lasttrain_awards.output.wikidata",
        "lasttrain_awards.output.summary",
    }
    assert not loaded & never, sorted(loaded & never)


def test_a_rebuild_after_an_edit_walks_the_data_folder_at_most_three_times(
    data_dir: Path, db_path: Path, monkeypatch
) -> None:
    """The stat signature, the content fingerprint, and the scan itself: no walk more (on SQLite)."""
    engine = sqlite_engine(db_path)
    freshness.ensure_current(engine, data_dir, notify=lambda _: None)
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["notes"] = "edited"
    path.write_text(json.dumps(records), encoding="utf-8")
    walks: list[str] = []
    real = os.scandir

    def counting(folder: str | os.PathLike[str] = ".") -> os.ScandirIterator[str]:  # type: ignore[type-var]
        if Path(folder) == data_dir:
            walks.append(str(folder))
        return real(folder)

    monkeypatch.setattr(os, "scandir", counting)
    notices: list[str] = []
    freshness.ensure_current(engine, data_dir, notify=notices.append)
    assert notices and "rebuilding" in notices[0]
    assert 1 <= len(walks) <= 3, walks
