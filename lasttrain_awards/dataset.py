"""The dataset as validated entries (films, events, sources, award records), each with its place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lasttrain_awards.documents import Document, iter_data_files
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
    """A hash of every data file and schema: the database is rebuilt when it changes."""
    digest = hashlib.sha256()
    folders = [("data", data_dir), ("schema", schema_dir())]
    for label, folder in folders:
        files = (
            [(p, n) for p, n, _ in iter_data_files(folder)]
            if label == "data"
            else [(p, p.name) for p in sorted(folder.glob("*.json"))]
        )
        for path, name in files:
            content = path.read_bytes()
            digest.update(f"{label}/{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()
