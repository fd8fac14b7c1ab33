"""The result of a validation run, kept apart from the reporters that print it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

MAX_MESSAGE = 300  # characters of a message: a 1 MB value quoted in one is cut, not echoed whole


def printable(text: str, limit: int | None = None) -> str:
    """Text that can always be printed and stays readable: lone surrogates (a file name that is not
    UTF-8, a key written as a bad escape) shown escaped, and more than `limit` characters cut."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:  # a name read from the file system: show its bytes (bad-\xff-name.json)
            text = os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate from a JSON escape
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if limit is not None and len(text) > limit + 64:  # the margin holds the marks: cutting twice changes nothing
        head, tail = limit * 2 // 3, limit // 3  # the end of a message often says what is wrong: keep it
        text = f"{text[:head]} … [{len(text) - head - tail:,} characters cut] … {text[-tail:]}"
    return text


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (file, JSON path, line and column), which rule found it, and what it is."""

    file: str
    rule: str
    message: str
    severity: Severity = Severity.ERROR
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message, MAX_MESSAGE))
        if self.path is not None:
            object.__setattr__(self, "path", printable(self.path, MAX_MESSAGE))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"severity": str(self.severity)}

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.path or "", self.rule, self.message)


@dataclass
class Report:
    """All findings of one run, in file and position order."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    root: Path | None = None  # the data directory the findings' files are relative to
    hidden_warnings: int = 0  # warnings left out of the output (--severity error): counted, not shown

    def add(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return sorted((f for f in self.findings if f.severity is Severity.ERROR), key=Finding.sort_key)

    @property
    def warnings(self) -> list[Finding]:
        return sorted((f for f in self.findings if f.severity is Severity.WARNING), key=Finding.sort_key)

    @property
    def ok(self) -> bool:
        return not self.errors

    def strict(self) -> Report:
        """The same report with every warning counted as an error (`--strict`)."""
        raised = [replace(f, severity=Severity.ERROR) for f in self.findings]
        return Report(raised, self.files_checked, self.root)

    def errors_only(self) -> Report:
        """The same verdict with the warnings counted but not shown (`--severity error`, `-q`)."""
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        return Report(errors, self.files_checked, self.root, len(self.findings) - len(errors) + self.hidden_warnings)
