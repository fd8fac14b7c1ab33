"""Where each source's own words are, and whether a wording is among them.

A source's verbatim text is its seed capture (`file`), or, for a page known through the notes of
shared/seeds/ (`quoted_in`: a note and a section heading), the quotations that section attributes
to it. Only what stands between quotation marks counts: the notes' own sentences around a quote
(what a page "states", inferences, summaries) and every summary table column are not the page's
words. Inside a section, a source's quotations are:

- in a table of sources, the quoted title and date cells of its row (a row names the source by id
  in its first cell, or by its address);
- its blocks: a line that starts with its id in bold (``**id**``), or a bullet "**Address:**
  <address>", opens a block that runs to the next such line or heading; a bullet that starts with
  its id (bold or as code) or its address is a block of its own, and closes any open block; a
  paragraph of a block that gives another page's address quotes that page instead;
- any other paragraph of the section that gives its address.

The notes' translations ("[Translation: …]") are left out: they are not the page's words.

Wordings are compared with white space removed (captures break lines, and one of them lost its
spaces) and Markdown emphasis dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

QUOTE_JOIN = " … "  # separate quotes of one source in one wording
LIST_JOIN = " / "  # list entries of a page (or its line breaks), written "Heading / Item"
ADDRESS = re.compile(r"https?://[^\s)\]|;,\"]+")
ID = r"[a-z0-9][a-z0-9-]*"
GROUP_START = re.compile(rf"^(?:\*\*(?P<bold>{ID})\*\*|- \*\*Address:\*\*\s+(?P<address>https?://\S+))")
ITEM_START = re.compile(rf"^- (?:\*\*(?P<bold>{ID})\*\*|`(?P<code>{ID})`|(?P<bare>https?://\S+))")
OPENING_MARKS = "([{/\u201e\u201c\u2018\u00ab"  # brackets, slash, opening quotation marks
TRANSLATION = re.compile(r"\[Translation:[^\]]*\]")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def normal(text: str) -> str:
    """Text as compared: no white space, no Markdown emphasis, no bullets."""
    return "".join(text.replace("*", "").replace("\u2022", "").split())


def quoted_spans(text: str) -> list[str]:
    """The outermost quotations in text: between straight double quotes, nested quotes kept inside.

    A straight quote opens where it follows white space or an opening bracket and precedes a
    character, and closes otherwise; Polish „…" and „…” nest inside; Markdown's \\" is a literal
    quote. An unclosed quotation is dropped.
    """
    spans: list[str] = []
    stack: list[str] = []
    start = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and text[i + 1 : i + 2] == '"':
            i += 2
            continue
        if char == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opening = (before.isspace() or before in OPENING_MARKS) and not after.isspace()
            if stack and not opening:
                stack.pop()
                if not stack:
                    spans.append(text[start:i].replace('\\"', '"'))
            else:
                if not stack:
                    start = i + 1
                stack.append('"')
        elif char == "„" and stack:
            stack.append(char)
        elif char == "”" and stack and stack[-1] == "„":
            stack.pop()
        i += 1
    return spans


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


def sections(text: str) -> dict[str, Section]:
    """Every heading's section: its lines down to the next heading of the same or a higher level."""
    lines = text.splitlines()
    heads = [(i, len(m[1]), m[2]) for i, line in enumerate(lines) if (m := HEADING.match(line))]
    found: dict[str, Section] = {}
    for n, (i, level, heading) in enumerate(heads):
        end = next((j for j, lv, _ in heads[n + 1 :] if lv <= level), len(lines))
        found.setdefault(heading, Section(heading, tuple(lines[i + 1 : end])))
    return found


def _paragraphs(lines: tuple[str, ...]) -> Iterator[list[str]]:
    """Bullets (with their indented continuation lines), table rows and runs of other lines."""
    current: list[str] = []
    for line in lines:
        starts = line.startswith(("- ", "* ", "|", "#")) or GROUP_START.match(line) is not None
        if not line.strip() or starts:
            if current:
                yield current
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        yield current


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _names(match: re.Match[str], line: str) -> set[str]:
    """The sources a block's first line names: its bold ids (several joined by "and"), code id or address."""
    found = {name.rstrip(".,;:)") for key, name in match.groupdict().items() if key != "bold" and name}
    if match["bold"]:
        found |= set(re.findall(rf"\*\*({ID})\*\*", line.split(":")[0]))
    return found


def _table_ids(text: str) -> dict[str, str]:
    """Address -> id, from every table row of a note that has both (id first, address in a cell)."""
    ids: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("|"):
            cells = _cells(line)
            first = cells[0].split()[0] if cells and cells[0] else ""
            for cell in cells[1:]:
                if re.fullmatch(ID, first) and ADDRESS.fullmatch(cell):
                    ids[cell] = first
    return ids


def source_quotes(note: str, section: Section, source_id: str, url: str | None) -> list[str]:
    """The quotations a note's section attributes to one source."""
    names = {source_id} | ({url} if url else set())
    if url and url in _table_ids(note):
        names.add(_table_ids(note)[url])
    quotes: list[str] = []
    header: list[str] = []
    owner: set[str] = set()
    for paragraph in _paragraphs(section.lines):
        first = paragraph[0]
        text = " ".join(line.strip() for line in paragraph)
        if first.startswith("#"):
            owner = set()
            continue
        if first.startswith("|"):
            cells = _cells(first)
            if not header:
                header = [cell.casefold() for cell in cells]
                continue
            key = cells[0].split()[0] if cells[0] else ""
            if (key in names or names & set(cells)) and not set(cells[0]) <= set("-: "):
                kept = [c for h, c in zip(header, cells, strict=False) if h.startswith(("title", "date"))]
                quotes += [q for cell in kept for q in quoted_spans(cell)]
            continue
        header = []
        speaker = owner
        if group := GROUP_START.match(first):
            owner = speaker = _names(group, first)
        elif item := ITEM_START.match(first):
            speaker, owner = _names(item, first), set()
        spans = quoted_spans(TRANSLATION.sub("", text))  # a note's translation is not the page's words
        around = text
        for span in spans:  # an address inside a quotation is the page's words, not the note's reference
            around = around.replace(span, "")
        addresses = {a.rstrip(".") for a in ADDRESS.findall(around)} - speaker
        if addresses:  # a paragraph that gives another page's address quotes that page
            if names & addresses:
                quotes += spans
        elif names & speaker:
            quotes += spans
    return quotes


@dataclass
class Seeds:
    """The seed folder, read once: captures and notes by file name."""

    folder: Path
    _texts: dict[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        if name not in self._texts:
            self._texts[name] = (self.folder / name).read_text(encoding="utf-8")
        return self._texts[name]

    def sections(self, note: str) -> dict[str, Section]:
        return _sections(self.text(note))

    def verbatim(self, source: dict[str, Any]) -> list[str]:
        """A source's own words: its capture whole, or the quotations of each place it names.

        Raises LookupError for a place that does not exist or holds nothing of the source.
        """
        if "file" in source:
            return [self.text(source["file"])]
        found: list[str] = []
        for place in source.get("quoted_in", []):
            note, heading = place["note"], place["section"]
            section = self.sections(note).get(heading)
            if section is None:
                raise LookupError(f"{source['id']}: {note} has no section headed {heading!r}")
            quotes = source_quotes(self.text(note), section, source["id"], source.get("url"))
            if not quotes:
                raise LookupError(f"{source['id']}: {note}, section {heading!r}, quotes nothing of it")
            found += quotes
        return found


@cache
def _sections(text: str) -> dict[str, Section]:
    return sections(text)


def parts(wording: str) -> list[str]:
    """The pieces of a wording that must each be in one of the source's quotations."""
    return [part for quote in wording.split(QUOTE_JOIN) for part in quote.split(LIST_JOIN) if normal(part)]


@dataclass(frozen=True)
class Quote:
    where: str  # file and JSON path of the wording
    source: str
    wording: str


def quotes_of(data: Path) -> Iterator[Quote]:
    """Every wording in a dataset that quotes a source: claims, refutations, film statements, events' places."""
    for path in sorted((data / "awards").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            for j, claim in enumerate(record["claims"]):
                yield Quote(f"awards/{path.name} {record['id']} claims[{j}]", claim["source"], claim["wording"])
    for path in sorted((data / "refuted").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for role in ("claimed_by", "refuted_by"):
            for j, claim in enumerate(record[role]):
                yield Quote(f"refuted/{path.name} {role}[{j}]", claim["source"], claim["wording"])
    for path in sorted((data / "films").glob("*.json")):
        film = json.loads(path.read_text(encoding="utf-8"))
        for fact, statements in film["facts"].items():
            for j, statement in enumerate(statements):
                yield Quote(f"films/{path.name} {fact}[{j}]", statement["source"], statement["wording"])
    for path in sorted((data / "events").glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        for j, place in enumerate(event.get("place_sources", [])):
            yield Quote(f"events/{path.name} place_sources[{j}]", place["source"], place["wording"])


def sources_of(data: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "sources").glob("*.json"))}


def unquoted(data: Path, seeds: Path) -> list[str]:
    """Every wording of a dataset not found in its source's verbatim text, as a line saying which part."""
    reader = Seeds(seeds)
    sources = sources_of(data)
    texts: dict[str, list[str]] = {}
    problems: list[str] = []
    for quote in quotes_of(data):
        if quote.source not in texts:
            texts[quote.source] = [normal(text) for text in reader.verbatim(sources[quote.source])]
        for part in parts(quote.wording):
            if not any(normal(part) in text for text in texts[quote.source]):
                problems.append(f"{quote.where}: {part!r} is not in the verbatim text of {quote.source}")
    return problems
