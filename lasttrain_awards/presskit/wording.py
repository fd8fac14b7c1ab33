"""What every output of the kit says of a record, in the same words: the laurel line, its details,
the grouping by year, which records get a laurel, and the footnoted sources of a page.

The HTML page, the Markdown, the fact sheet and the laurels all word a record through here, so they
cannot disagree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lasttrain_awards.accolades import UNSTATED, counted, is_official_selection, unstated_wins
from lasttrain_awards.database.queries import INFERRED, SourceRef

if TYPE_CHECKING:
    from lasttrain_awards.database.queries import AwardRow

RESULT_WORDS = {
    "won": "WINNER",
    "special-mention": "SPECIAL MENTION",
    "nominated": "NOMINEE",
    "selected": "OFFICIAL SELECTION",
}
RESULT_ORDER = tuple(RESULT_WORDS)  # within a year: winners, special mentions, nominations, selections
LEGEND_LABELS = {"won": "Won", "special-mention": "Special mention", "nominated": "Nominated", "selected": "Selected"}
LAUREL_RESULTS = frozenset({"won", "special-mention", "selected"})
SEPARATOR = " · "
UNDATED = "Undated"
LAUREL_ONLY_WORD = "AWARD LAUREL"  # the line word of a win no source states, listed apart
LAUREL_ONLY_HEADING = "Award laurels that no source states as won"
LAUREL_ONLY_NOTE = (
    "These prizes appear in lists of award laurels (the film's funder's page, a catalogue), but no source "
    "we hold says the film won them. They are not counted above and get no laurel."
)

# Characters XML 1.0 forbids (and HTML calls parse errors): dropped rather than let one break a file.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def escape(text: object) -> str:
    """Text made safe inside HTML or XML, as content or as a quoted attribute value."""
    return html.escape(XML_INVALID.sub("", str(text)), quote=True)


def web_url(url: str | None) -> str | None:
    """The URL if it is one a reader can safely follow (http or https); never `javascript:` and the like."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def result_word(result: str) -> str:
    """The laurel word for a result: WINNER, SPECIAL MENTION, NOMINEE or OFFICIAL SELECTION."""
    return RESULT_WORDS.get(result, result.replace("-", " ").upper())


def row_word(row: AwardRow) -> str:
    """A row's laurel word: its result's, but SELECTION for a selection whose category is not an
    official selection (a screening is not advertised as an official selection)."""
    if row.result == "selected" and not is_official_selection(row):
        return "SELECTION"
    return result_word(row.result)


def result_class(result: str) -> str:
    return "r-" + (result if SLUG.match(result) else "other")


def result_rank(result: str) -> int:
    return RESULT_ORDER.index(result) if result in RESULT_ORDER else len(RESULT_ORDER)


def in_result_order(results: Iterable[str]) -> list[str]:
    """Results as the page ranks them (winners first); results it does not know last, alphabetically."""
    return sorted(results, key=lambda result: (result_rank(result), result))


def category_shown(row: AwardRow) -> str | None:
    """The category, unless it only repeats the result word ("OFFICIAL SELECTION · Official Selection")."""
    return None if row.category.casefold() == result_word(row.result).casefold() else row.category


def inferred_mark(row: AwardRow, field: str) -> str:
    """ " (year inferred)" after a value no source states, else nothing."""
    return f" ({field} {INFERRED})" if field in row.inferred else ""


def event_with_year(row: AwardRow) -> str:
    return row.event if row.year is None else f"{row.event} {row.year}{inferred_mark(row, 'year')}"


def line_parts(row: AwardRow, apart: bool = False) -> list[tuple[str, str]]:
    """The parts of a laurel line, each with its role: the one wording the HTML, Markdown and SVG share.

    `apart`: the line of a win no source states, listed apart under the word AWARD LAUREL.
    """
    category = category_shown(row)
    word = LAUREL_ONLY_WORD if apart else row_word(row)
    parts = [("result", word)] + ([("category", category)] if category else [])
    return [*parts, ("event", event_with_year(row))]


def laurel_line(row: AwardRow, apart: bool = False) -> str:
    """One accolade as a press kit words it: "WINNER · Best Feature Length Documentary · IDFA 2009"."""
    return SEPARATOR.join(text for _, text in line_parts(row, apart))


def shared_line(row: AwardRow) -> str | None:
    return "shared with " + " and ".join(row.shared_with) if row.shared_with else None


def tags(row: AwardRow) -> list[str]:
    """What a reader must know beside the line: an outcome still to come, a status other than active,
    a win that no source states."""
    tags = ["upcoming"] if row.pending else []
    tags += [UNSTATED] if row.result == "won" and not row.result_stated else []
    return tags + ([row.status] if row.status != "active" else [])


def by_year(rows: Iterable[AwardRow]) -> list[tuple[int | None, list[AwardRow]]]:
    """Rows grouped by year, oldest first and undated last; winners, mentions, nominees, then selections.

    The sort is stable, so within one result the caller's order (date, event, category) is kept.
    """
    groups: dict[int | None, list[AwardRow]] = {}
    for row in rows:
        groups.setdefault(row.year, []).append(row)
    years = sorted(groups, key=lambda y: (y is None, y or 0))
    return [(year, sorted(groups[year], key=lambda r: result_rank(r.result))) for year in years]


def laurel_rows(rows: Iterable[AwardRow], include_unstated: bool = False) -> list[AwardRow]:
    """The rows that get a laurel: wins, special mentions and selections, in the order given.

    The issue asks for one laurel "per win and per selection". A special mention is an honour a jury
    conferred, printed as a laurel by festivals just as a win is, so it gets one too. A nomination does
    not: a "NOMINEE" wreath would read as a prize the film did not receive. Nor does a record that is no
    longer active (rescinded): the page still lists it, with its status. Nor, unless `include_unstated`,
    does a win that no source states (read from a list of laurels): a WINNER wreath would advertise it.
    """
    return [row for row in counted(list(rows), include_unstated) if row.result in LAUREL_RESULTS]


def laurel_filename(row: AwardRow) -> str:
    """The laurel's file name: the record id, a slug and unique, so it is safe on every file system."""
    if not SLUG.match(row.id):
        raise ValueError(f"not a slug id, refusing to make a file name of it: {row.id!r}")
    return f"{row.id}.svg"


@dataclass(frozen=True)
class Page:
    """What both pages show: the rows by year, and the cited sources numbered by first citation."""

    groups: list[tuple[int | None, list[AwardRow]]]
    apart: list[AwardRow]  # wins no source states, listed apart (unless the kit includes them)
    cited: list[SourceRef]
    numbers: dict[str, int]  # source id: footnote number

    @classmethod
    def of(
        cls,
        rows: Iterable[AwardRow],
        sources: Mapping[str, SourceRef],
        include_unstated: bool = False,
        first: Iterable[str] = (),
        after: Iterable[str] = (),
    ) -> Page:
        """Footnotes numbered in reading order: `first` (what the page cites above its accolades), the
        accolades' sources, then `after`. An id missing from `sources` still gets a footnote (its
        publisher from the row, or its id), never a dead link."""
        rows = list(rows)
        apart = [] if include_unstated else unstated_wins(rows)
        apart_ids = {row.id for row in apart}
        groups = by_year(row for row in rows if row.id not in apart_ids)
        cited: dict[str, SourceRef] = {}
        for source_id in first:
            if source_id not in cited:
                cited[source_id] = sources.get(source_id) or SourceRef(source_id, source_id, "")
        for row in [row for _, group in groups for row in group] + apart:
            for index, source_id in enumerate(row.sources):
                if source_id not in cited:
                    publisher = row.source_names[index] if index < len(row.source_names) else ""
                    cited[source_id] = sources.get(source_id) or SourceRef(source_id, source_id, publisher)
        for source_id in after:
            if source_id not in cited:
                cited[source_id] = sources.get(source_id) or SourceRef(source_id, source_id, "")
        return cls(groups, apart, list(cited.values()), {source_id: n for n, source_id in enumerate(cited, start=1)})

    def cite(self, source_ids: Iterable[str]) -> list[tuple[int, SourceRef]]:
        """Footnote numbers and sources for these ids, each once, in the order given."""
        return [(self.numbers[s], self.cited[self.numbers[s] - 1]) for s in dict.fromkeys(source_ids)]

    @property
    def listed(self) -> list[AwardRow]:
        """The rows of the main list (not those set apart), in page order."""
        return [row for _, group in self.groups for row in group]

    def refs(self, row: AwardRow) -> list[tuple[int, SourceRef]]:
        """A row's footnotes: numbers and sources, in claim order, each once."""
        return self.cite(row.sources)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def details(row: AwardRow) -> list[str]:
    """The secondary facts under a laurel line: section, recipients, place, edition, exact date."""
    details = [row.section] if row.section else []
    if row.recipients:
        role = "Nominee" if row.result == "nominated" else "Recipient"
        details.append(f"{role}{'s' if len(row.recipients) > 1 else ''}: " + ", ".join(row.recipients))
    shared = shared_line(row)
    details += [shared[0].upper() + shared[1:]] if shared else []
    place = ", ".join(p for p in (row.city, row.country) if p)
    details += [place] if place else []
    if row.edition is not None:
        details.append(f"{ordinal(row.edition)} edition{inferred_mark(row, 'edition')}")
    if row.date and len(row.date) > 4:  # a bare year repeats the heading
        details.append(f"{row.date}{inferred_mark(row, 'date')}")
    return details + tags(row)
