"""The library's exceptions, importable without loading what raises them (the CLI catches them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lasttrain_awards.findings import Report


class DataDirectoryError(Exception):
    """The data directory itself is missing or not a directory."""


class InvalidData(Exception):
    """The dataset did not validate; the database was not touched."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} error(s) in the data")
        self.report = report


class NotBuilt(Exception):
    """The database has never been built, and building was not allowed."""


class OutputError(Exception):
    """An output cannot be written where asked, or would replace what the tool did not write."""
