"""The kit owner's file (TOML): contact, sales, their own texts, and which sourced texts to show.

No source states a press contact or a sales agent, so they come from here or not at all; nor the
poster, the stills, the director's photo, the trailer, the screener or most technical specifications.
The file is validated against schema/presskit.schema.json, every error reported with its place. A
password (a screener's) is refused: every file of the kit is meant to be sent out.
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
class ImageRef:
    """An image the kit file names: its path as written (relative to the kit file), where it is, and
    its words; `key` is the kit file's key that names it (poster, stills[0], director.photo)."""

    key: str
    file: str
    path: Path
    credit: str
    caption: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Director:
    """The owner's texts about the director, each shown only where no source has one, and the photo."""

    photo: ImageRef | None = None
    biography: str | None = None
    statement: str | None = None
    filmography: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screener:
    url: str
    note: str | None = None


# The technical specifications a kit file may give, in the order a fact sheet lists them.
SPEC_KEYS = (
    "running_time",
    "languages",
    "subtitles",
    "premiere",
    "format",
    "aspect_ratio",
    "sound",
    "colour",
    "shooting_format",
)


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
    poster: ImageRef | None = None
    stills: tuple[ImageRef, ...] = ()
    director: Director = field(default_factory=Director)
    trailer: str | None = None
    screener: Screener | None = None
    specs: dict[str, str] = field(default_factory=dict)  # SPEC_KEYS: the owner's words

    @property
    def images(self) -> list[ImageRef]:
        """Every image the kit file names, in the kit's order: poster, stills, the director's photo."""
        return [i for i in (self.poster, *self.stills, self.director.photo) if i is not None]


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
    secrets = [Finding(file=str(path), rule="kit-file", message=message) for message in _passwords(document)]
    findings = secrets or [replace(f, rule="kit-file") for f in schema_findings("presskit", document, str(path))]
    if findings:
        raise KitFileError(findings)

    def contacts(key: str) -> tuple[Contact, ...]:
        return tuple(Contact(**entry) for entry in document.get(key, []))

    def listed(key: str) -> tuple[str, ...] | None:
        return tuple(document[key]) if key in document else None

    def image(key: str, entry: dict[str, Any] | None) -> ImageRef | None:
        if entry is None:
            return None
        return ImageRef(
            key, entry["file"], path.parent / entry["file"], entry["credit"], entry.get("caption"), entry.get("alt")
        )

    director = document.get("director", {})
    screener = document.get("screener")
    scalars = ("film", "logline", "synopsis", "logline_source", "synopsis_source", "runtime_source", "trailer")
    return KitFile(
        path=str(path),
        **{key: document.get(key) for key in scalars},
        quotes=listed("quotes"),
        highlights=listed("highlights"),
        contact=contacts("contact"),
        sales=contacts("sales"),
        poster=image("poster", document.get("poster")),
        stills=tuple(filter(None, (image(f"stills[{i}]", s) for i, s in enumerate(document.get("stills", []))))),
        director=Director(
            photo=image("director.photo", director.get("photo")),
            biography=director.get("biography"),
            statement=director.get("statement"),
            filmography=tuple(director.get("filmography", ())),
        ),
        screener=Screener(screener["url"], screener.get("note")) if screener else None,
        specs={key: document["specs"][key] for key in SPEC_KEYS if key in document.get("specs", {})},
    )


SECRET_KEY = re.compile(r"pass(?:word|code|phrase)?|pwd|secret|token", re.IGNORECASE)


def _passwords(document: Any, where: str = "$") -> list[str]:
    """A key that holds a password (a screener's, say), anywhere in the file: refused with the reason,
    before the schema is checked, since every file of the kit is meant to be sent out."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            if SECRET_KEY.search(key):
                found.append(
                    f"{where}.{key}: a password is never written into the kit, whose files are public; remove it and "
                    "give the password to each programmer privately (a screener's `note` can say it is on request)"
                )
            else:
                found += _passwords(value, f"{where}.{key}")
    elif isinstance(document, list):
        for i, value in enumerate(document):
            found += _passwords(value, f"{where}[{i}]")
    return found


# --- the example file's placeholders, which must not ship -----------------------------------------

PLACEHOLDER_NAMES = frozenset({"your name", "your company", "sales agent name", "sales company"})
# Domains reserved for examples (RFC 2606, RFC 6761), and the North American numbers kept for fiction.
PLACEHOLDER_DOMAIN = re.compile(r"(?:^|[@.])(?:example\.(?:org|com|net)|[^@./]+\.(?:example|invalid|test|localhost))$")
PLACEHOLDER_PHONE = re.compile(r"^\+?1?[ .-]*\(?555\)?[ .-]*01\d\d$")


def placeholders(kit: KitFile) -> list[tuple[str, str]]:
    """The contacts' and sales' values that are still the example file's placeholders: (key, why)."""
    found = []
    for group, people in (("contact", kit.contact), ("sales", kit.sales)):
        for i, person in enumerate(people):
            key = f"{group}[{i}]"
            for name, value in (("name", person.name), ("organisation", person.organisation)):
                if value is not None and " ".join(value.split()).casefold() in PLACEHOLDER_NAMES:
                    found.append((f"{key}.{name}", f"{value!r} is the example file's placeholder"))
            if person.email and PLACEHOLDER_DOMAIN.search(person.email.rsplit("@", 1)[-1].casefold()):
                found.append((f"{key}.email", f"{person.email} is an example address (a domain kept for examples)"))
            if person.url:
                host = re.sub(r"^https?://(?:[^@/]*@)?([^/:?#]*).*$", r"\1", person.url).casefold()
                if PLACEHOLDER_DOMAIN.search(host):
                    found.append((f"{key}.url", f"{person.url} is an example address (a domain kept for examples)"))
            if person.phone and PLACEHOLDER_PHONE.match(person.phone.strip()):
                found.append((f"{key}.phone", f"{person.phone} is the example file's number (555-01xx is for fiction)"))
    return found
