"""Shared fixtures: a private copy of the dataset, a private database, and a CLI runner; and the assertion
helpers the command tests share. What the tests build is in tests/builders.py."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.cli import cli
from lasttrain_awards.paths import sqlite_url
from tests.builders import copy_dataset


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
