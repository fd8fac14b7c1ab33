"""Shared fixtures: a private copy of the dataset, a private database, and a CLI runner."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.cli import cli
from lasttrain_awards.paths import sqlite_url

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = REPO.parent / "shared" / "seeds"
TODAY = "2026-11-22"  # "today" for every time-aware check in the tests, so they do not age


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled dataset that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


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


def apply_case(case: Path, data_dir: Path) -> dict[str, Any]:
    """Overlay a case's data/ onto a copy of the dataset; remove what it lists. Returns case.json."""
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for name in spec.get("remove", []):
        (data_dir / name).unlink()
    overlay = case / "data"
    if overlay.is_dir():
        for path in sorted(overlay.rglob("*")):
            if path.is_file() or path.is_symlink():
                target = data_dir / path.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target, follow_symlinks=False)
    return spec


def case_dirs(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if (p / "case.json").is_file())


def assert_clean_exit(result: Result, code: int) -> None:
    """The command ended with `code` through Click (a message, no traceback), not an escaped exception.

    CliRunner reports an uncaught exception as exit code 1 too, so the code alone proves nothing.
    """
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
