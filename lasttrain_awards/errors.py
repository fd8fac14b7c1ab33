"""The library's one exception family, importable without loading what raises them.

Every failure the library expects is an `AwardsError`: the command line catches that one base and
prints its message as one line (exit 1), or as a usage error (exit 2) when `usage` is set: the
caller asked for something that cannot be (contradictory filters, a malformed database URL).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lasttrain_awards.findings import Report


class AwardsError(Exception):
    """A failure with a message that names the file or address and what to do."""

    usage = False  # the caller's request itself is wrong: a usage error on the command line
    hint: str | None = None  # the option a usage error is about ("--since"), where there is one


class UsageProblem(AwardsError, ValueError):
    """A request that cannot be met as asked: contradictory filters, a malformed URL, an unknown value."""

    usage = True

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class DataDirectoryError(AwardsError):
    """The data directory is missing, not a dataset, or named wrongly in a settings file."""


class InvalidData(AwardsError):
    """The dataset did not validate; the database was not touched."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} error(s) in the data")
        self.report = report


class DatabaseUnavailable(AwardsError):
    """The database cannot be used: no driver, nothing we built at the path, unreadable, damaged."""


class NotBuilt(AwardsError):
    """The database has never been built, and building was not allowed."""


class OutputError(AwardsError):
    """An output cannot be written where asked, or would replace what the tool did not write."""


class Refused(AwardsError):
    """A change refused as a whole, nothing written: it would overwrite or contradict what is there, or
    its input is malformed. `problems` names each one (a file, a row and column, a conflicting record)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
