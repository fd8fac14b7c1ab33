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
TODAY = "2026-12-06"  # "today" for every time-aware check in the tests, so they do not age


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


def bundled_records() -> list[dict[str, Any]]:
    """Every award record of the bundled dataset, read from its files: tests count from the data, never
    from a number written down (which would go stale with the next accolade)."""
    records: list[dict[str, Any]] = []
    for path in sorted((DATA / "awards").glob("*.json")):
        records += json.loads(path.read_text(encoding="utf-8"))
    return records


def stated_wins(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Active wins that some claim states (what the summary and the press kit count)."""
    return [
        r
        for r in records
        if r["result"] == "won"
        and r.get("status", "active") == "active"
        and any(c.get("result") == "won" for c in r["claims"])
    ]


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
