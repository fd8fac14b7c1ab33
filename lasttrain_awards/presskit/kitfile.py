"""The kit owner's file (TOML): contact, sales, their own texts, and which sourced texts to show.

No source states a press contact or a sales agent, so they come from here or not at all. The file
is validated against schema/presskit.schema.json, every error reported with its place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lasttrain_awards.errors import AwardsError
from lasttrain_awards.findings import Finding

MAX_KIT_BYTES = 1024 * 1024


class KitFileError(AwardsError):
    """The kit file cannot be read or does not validate; `findings` say where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        from lasttrain_awards.findings import Report
        from lasttrain_awards.validation.reports import finding_line

        super().__init__("\n".join(finding_line(Report(), f) for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None = None
    organisation: str | None = None
    territory: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class KitFile:
    """What the owner chose. Empty (the default) when there is no kit file: then the kit shows every
    sourced text with its first recorded choice, and has no contact or sales section."""

    path: str | None = None
    film: str | None = None
    logline: str | None = None
    synopsis: str | None = None
    logline_source: str | None = None
    synopsis_source: str | None = None
    runtime_source: str | None = None
    quotes: tuple[str, ...] | None = None
    highlights: tuple[str, ...] | None = None
    contact: tuple[Contact, ...] = field(default=())
    sales: tuple[Contact, ...] = field(default=())


def _error(path: Path, message: str, line: int | None = None, column: int | None = None) -> KitFileError:
    return KitFileError([Finding(file=str(path), rule="kit-file", message=message, line=line, column=column)])


def _toml_error(path: Path, text: str, message: str) -> KitFileError:
    """tomllib's message with its place moved into the finding: "(at line 3, column 10)", or the
    last line's end for "(at end of document)"."""
    place = re.search(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$", message)
    if place is None:
        return _error(path, f"not valid TOML: {message}")
    if place[1]:
        line, column = int(place[1]), int(place[2])
    else:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    return _error(path, f"not valid TOML: {message[: place.start()]}", line, column)


def read_kit_file(path: Path) -> KitFile:
    """The kit file at `path`, validated; KitFileError names the file and every problem."""
    from lasttrain_awards.validation.jsonschemas import schema_findings

    try:
        if not path.is_file():
            raise _error(path, "not a regular file" if path.exists() else "no such file")
        raw = path.read_bytes()[: MAX_KIT_BYTES + 1]
    except OSError as exc:
        raise _error(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_KIT_BYTES:
        raise _error(path, f"larger than {MAX_KIT_BYTES} bytes: not a kit file")
    try:
        document: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _error(path, f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, raw.decode("utf-8"), str(exc)) from None
    findings = [replace(f, rule="kit-file") for f in schema_findings("presskit", document, str(path))]
    if findings:
        raise KitFileError(findings)

    def contacts(key: str) -> tuple[Contact, ...]:
        return tuple(Contact(**entry) for entry in document.get(key, []))

    def listed(key: str) -> tuple[str, ...] | None:
        return tuple(document[key]) if key in document else None

    scalars = ("film", "logline", "synopsis", "logline_source", "synopsis_source", "runtime_source")
    return KitFile(
        path=str(path),
        **{key: document.get(key) for key in scalars},
        quotes=listed("quotes"),
        highlights=listed("highlights"),
        contact=contacts("contact"),
        sales=contacts("sales"),
    )
