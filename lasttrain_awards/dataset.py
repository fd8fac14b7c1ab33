"""The dataset as validated entries (films, events, sources, award records), each with its place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lasttrain_awards.documents import Document, iter_data_files, read_data_file
from lasttrain_awards.paths import schema_dir

ENTRY_KINDS = ("film", "event", "source", "award")


@dataclass(frozen=True)
class Entry:
    """One film, event, source or award record, with the file and JSON path it came from."""

    kind: str
    data: dict[str, Any]
    file: str
    path: str

    @property
    def id(self) -> str:
        return str(self.data["id"])


@dataclass
class Dataset:
    entries: dict[str, list[Entry]] = field(default_factory=lambda: {k: [] for k in ENTRY_KINDS})
    # Ids of every entry that names one, valid or not, so that one bad file does not
    # turn every reference to it into a second error.
    known_ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in ENTRY_KINDS})

    @property
    def films(self) -> list[Entry]:
        return self.entries["film"]

    @property
    def events(self) -> list[Entry]:
        return self.entries["event"]

    @property
    def sources(self) -> list[Entry]:
        return self.entries["source"]

    @property
    def awards(self) -> list[Entry]:
        return self.entries["award"]

    def by_id(self, kind: str) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries[kind]}

    def know_file_names(self, data_dir: Path) -> None:
        """Take each film, event and source file's name as a known id, whatever its state.

        A file that does not parse still names what it was meant to hold (layout rule:
        files are named after their id), so references to it are not reported again.
        """
        for path, _, kind in iter_data_files(data_dir):
            if kind in ("film", "event", "source"):
                self.known_ids[kind].add(path.stem)

    def add_document(self, document: Document, invalid_paths: Iterable[str]) -> None:
        """Add the schema-valid entries of a document; remember the ids of the others."""
        bad = set(invalid_paths)
        if document.kind == "awards-file":
            items = document.content if isinstance(document.content, list) else []
            located = [("award", item, f"$[{i}]") for i, item in enumerate(items)]
        else:
            located = [(document.kind, document.content, "$")]
        for kind, item, path in located:
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("id"), str):
                self.known_ids[kind].add(item["id"])
            if not any(p == path or p.startswith((path + ".", path + "[")) for p in bad):
                self.entries[kind].append(Entry(kind, item, document.name, path))


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file and schema: the database is rebuilt when it changes.

    Reads files the way validation does, so a file it cannot read changes the hash
    (by its error) instead of stopping it.
    """
    digest = hashlib.sha256()
    for path, name, _ in iter_data_files(data_dir):
        try:
            content = read_data_file(path, data_dir)
        except OSError as exc:
            content = f"unreadable: {exc}".encode()
        digest.update(f"data/{name}\0{len(content)}\0".encode())
        digest.update(content)
    for path in sorted(schema_dir().glob("*.json")):
        content = path.read_bytes()
        digest.update(f"schema/{path.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()
