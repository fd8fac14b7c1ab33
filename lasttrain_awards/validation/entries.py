"""The dataset as validated entries (films, events, sources, award records), each with its place.

Films, events and sources are few and kept whole. Award records stream through one file
at a time; what the rules need across files is kept in a compact index (ids, hashed
duplicate keys, cited sources), so memory stays bounded whatever the number of records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lasttrain_awards.validation.walk import DataFile

T = TypeVar("T")
ENTITIES = ("film", "event", "source", "refuted", "award")
SMALL_ENTITIES = ("film", "event", "source", "refuted")
# The entity a file of each schema holds (an awards file holds a list of award records).
ENTITY_OF_SCHEMA = {"film": "film", "event": "event", "source": "source", "refuted": "refuted", "awards-file": "award"}


@dataclass(frozen=True)
class Entry:
    """One film, event, source, refuted claim or award record, with the file and JSON path it came from."""

    entity: str  # film, event, source, refuted or award
    data: dict[str, Any]
    file: str
    path: str

    @property
    def id(self) -> str:
        return str(self.data["id"])


@dataclass
class CrossIndex:
    """What the rules remember of award records across files: compact, one small entry per record."""

    award_ids: dict[str, int] = field(default_factory=dict)  # id -> place of its first use (see place)
    keys: dict[int, int] = field(default_factory=dict)  # hash of (film, event, year, category, result) -> place
    cited: set[str] = field(default_factory=set)  # sources cited by any claim, anchor or fact
    files: list[str] = field(default_factory=list)  # the awards files, in reading order

    def place(self, entry: Entry) -> int:
        """An award entry's file and index as one integer: no string per record is kept."""
        if not self.files or self.files[-1] != entry.file:
            self.files.append(entry.file)
        return (len(self.files) - 1) << 32 | int(entry.path[2:-1])  # path is "$[index]"

    def where(self, place: int) -> str:
        return f"{self.files[place >> 32]} $[{place & 0xFFFFFFFF}]"


@dataclass
class Dataset:
    entries: dict[str, list[Entry]] = field(default_factory=lambda: {k: [] for k in ENTITIES})
    # Ids of every entry that names one, valid or not, so that one bad file does not
    # turn every reference to it into a second error.
    known_ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in ENTITIES})
    seen: CrossIndex = field(default_factory=CrossIndex)
    # "small": films, events and sources are checked (before any row is written);
    # "awards": one file's award records; "end": conclusions across all files.
    phase: str = "small"
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

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
    def refuted(self) -> list[Entry]:
        """Refuted claims: recorded with their evidence, never counted as accolades."""
        return self.entries["refuted"]

    @property
    def awards(self) -> list[Entry]:
        """The award records under check: the current file's."""
        return self.entries["award"]

    def to_check(self, entity: str) -> list[Entry]:
        """The entries of one entity that this phase checks."""
        if entity == "award":
            return self.awards if self.phase == "awards" else []
        return self.entries[entity] if self.phase == "small" else []

    def by_id(self, entity: str) -> dict[str, Entry]:
        return self.derived(f"by_id:{entity}", lambda: {entry.id: entry for entry in self.entries[entity]})

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A value computed from the films, events and sources, built once they are settled.

        Rules run once per awards file: rebuilding such a lookup each time would cost the
        number of files times the number of events, quadratic in the size of an archive.
        """
        if self.phase == "small":  # still being checked: compute afresh
            return build()
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]  # type: ignore[no-any-return]

    def know_file_names(self, walked: Iterable[DataFile]) -> None:
        """Take each film, event and source file's name as a known id, whatever its state.

        A file that does not parse still names what it was meant to hold (layout rule:
        files are named after their id), so references to it are not reported again. The
        files are the scan's own walk: the folder is not walked again for this.
        """
        for item in walked:
            entity = ENTITY_OF_SCHEMA.get(item.schema or "")
            if entity in SMALL_ENTITIES:
                self.known_ids[entity].add(item.path.stem)


def entries_of(schema: str, name: str, content: Any, invalid_paths: Iterable[str]) -> tuple[list[Entry], list[str]]:
    """The schema-valid entries of one parsed file, and the ids of all its entries.

    `schema` is the JSON Schema its folder's files follow (film, event, source, refuted, awards-file).
    """
    bad = set(invalid_paths)
    if schema == "awards-file":
        items = content if isinstance(content, list) else []
        located = [("award", item, f"$[{i}]") for i, item in enumerate(items)]
    else:
        located = [(schema, content, "$")]
    valid: list[Entry] = []
    ids: list[str] = []
    for entity, item, path in located:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("id"), str):
            ids.append(item["id"])
        if not bad or not any(p == path or p.startswith((path + ".", path + "[")) for p in bad):
            valid.append(Entry(entity, item, name, path))
    return valid, ids
