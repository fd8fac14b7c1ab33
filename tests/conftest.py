"""Shared fixtures: a private copy of the dataset, a private database, and a CLI runner; the assertion
helpers the command tests share; and each test's role marker, from its folder. What the tests build is in
tests/builders.py."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.cli import cli
from lasttrain_awards.paths import sqlite_url
from tests.builders import copy_dataset

# Each folder of tests/ and the marker its tests get (registered in pyproject.toml, with `slow`).
ROLES = {"unit": "unit", "commands": "command", "browser": "browser", "postgresql": "postgresql"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its role, from the folder it is in: no test module needs decorating."""
    tests = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(tests).parts[0] if item.path.is_relative_to(tests) else None
        if folder not in ROLES:
            raise pytest.UsageError(f"{item.nodeid}: a test belongs in one of tests/{{{','.join(ROLES)}}}/")
        item.add_marker(ROLES[folder])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled dataset that a test may change."""
    return copy_dataset(tmp_path / "data")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "awards.sqlite"


@pytest.fixture
def awards(data_dir: Path, db_path: Path) -> Callable[..., Result]:
    """Run the `awards` CLI on the private dataset and database."""
    runner = CliRunner()

    def run(*args: str, **kwargs: Any) -> Result:
        return runner.invoke(cli, ["--data", str(data_dir), "--db", sqlite_url(db_path), *args], **kwargs)

    return run


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_clean_exit(result: Result, code: int) -> None:
    """The command ended with `code` through Click (a message, no traceback), not an escaped exception.

    CliRunner reports an uncaught exception as exit code 1 too, so the code alone proves nothing.
    """
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.fixture
def user_dir() -> Iterator[Path]:
    """A folder a normal user owns: `nobody`'s when we are root (pytest's own tmp_path is root's, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="awards-traps-"))
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:  # give back what a test took away, so it can be removed
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)
