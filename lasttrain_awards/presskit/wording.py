"""What every output of the kit says of a record, in the same words: the laurel line, its details,
the grouping by year, which records get a laurel, and the footnoted sources of a page.

The HTML page, the Markdown, the fact sheet and the laurels all word a record through here, so they
cannot disagree. Every word of the tool's own goes through the kit's language (output/language.py:
gettext, and Babel for dates, countries and ordinals); the data's words (categories, event names,
sections) stay as the sources give them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lasttrain_awards.accolades import counted, is_official_selection, uncounted_wins, weakly_stated
from lasttrain_awards.database.queries import SourceRef
from lasttrain_awards.output.language import N_, Language, language

if TYPE_CHECKING:
    from lasttrain_awards.database.queries import AwardRow

ENGLISH = language()
RESULT_WORDS = {
    "won": N_("WINNER"),
    "special-mention": N_("SPECIAL MENTION"),
    "nominated": N_("NOMINEE"),
    "selected": N_("OFFICIAL SELECTION"),
}
SELECTION_WORD = N_("SELECTION")  # a selection that is not an official one (a screening)
RESULT_ORDER = tuple(RESULT_WORDS)  # within a year: winners, special mentions, nominations, selections
LEGEND_LABELS = {
    "won": N_("Won"),
    "special-mention": N_("Special mention"),
    "nominated": N_("Nominated"),
    "selected": N_("Selected"),
}
STATUS_WORDS = {"rescinded": N_("rescinded")}
LAUREL_RESULTS = frozenset({"won", "special-mention", "selected"})
SEPARATOR = " · "
UNDATED = N_("Undated")
LAUREL_ONLY_WORD = N_("AWARD LAUREL")  # the line word of a win no source states, listed apart
WEAK_WORD = N_("REPORTED WIN")  # the line word of a win only weaker sources state, listed apart
LAUREL_ONLY_HEADING = N_("Wins this kit does not count")
LAUREL_ONLY_NOTE = N_(
    "No source we hold says the film won these, or only sources of a kind a kit does not advertise a win on "
    "(an encyclopedia or catalogue, another organisation's page, a blog, a mirror or an aggregator), not the "
    "awarding body, the press or the film's makers or funders: each line says which. They are not counted "
    "above and get no laurel."
)
UPCOMING = N_("upcoming")
UNSTATED_TAG = N_("award laurel; no source states the result")  # accolades.UNSTATED, marked for translation
INFERRED_MARKS = {"year": N_(" (year inferred)"), "edition": N_(" (edition inferred)"), "date": N_(" (date inferred)")}
# Characters XML 1.0 forbids (and HTML calls parse errors): dropped rather than let one break a file.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def escape(text: object) -> str:
    """Text made safe inside HTML or XML, as content or as a quoted attribute value."""
    return html.escape(XML_INVALID.sub("", str(text)), quote=True)


def web_url(url: str | None) -> str | None:
    """The URL if it is one a reader can safely follow (http or https); never `javascript:` and the like."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def result_word(result: str, lang: Language = ENGLISH) -> str:
    """The laurel word for a result: WINNER, SPECIAL MENTION, NOMINEE or OFFICIAL SELECTION (fr: LAURÉAT…)."""
    if result in RESULT_WORDS:
        return lang._(RESULT_WORDS[result])
    return result.replace("-", " ").upper()


def row_word(row: AwardRow, lang: Language = ENGLISH) -> str:
    """A row's laurel word: its result's, but SELECTION for a selection whose category is not an
    official selection (a screening is not advertised as an official selection)."""
    if row.result == "selected" and not is_official_selection(row):
        return lang._(SELECTION_WORD)
    return result_word(row.result, lang)


def legend_label(result: str, lang: Language = ENGLISH) -> str:
    return lang._(LEGEND_LABELS[result]) if result in LEGEND_LABELS else result


def result_class(result: str) -> str:
    return "r-" + (result if SLUG.match(result) else "other")


def result_rank(result: str) -> int:
    return RESULT_ORDER.index(result) if result in RESULT_ORDER else len(RESULT_ORDER)


def in_result_order(results: Iterable[str]) -> list[str]:
    """Results as the page ranks them (winners first); results it does not know last, alphabetically."""
    return sorted(results, key=lambda result: (result_rank(result), result))


def category_shown(row: AwardRow) -> str | None:
    """The category, unless it only repeats the result word ("OFFICIAL SELECTION · Official Selection").
    Compared with the English word: the data's categories are the sources' words."""
    return None if row.category.casefold() == result_word(row.result).casefold() else row.category


def inferred_mark(row: AwardRow, field: str, lang: Language = ENGLISH) -> str:
    """ " (year inferred)" after a value no source states, else nothing."""
    return lang._(INFERRED_MARKS[field]) if field in row.inferred else ""


def event_with_year(row: AwardRow, lang: Language = ENGLISH) -> str:
    return row.event if row.year is None else f"{row.event} {row.year}{inferred_mark(row, 'year', lang)}"


def line_parts(row: AwardRow, apart: bool = False, lang: Language = ENGLISH) -> list[tuple[str, str]]:
    """The parts of a laurel line, each with its role: the one wording the HTML, Markdown and SVG share.

    `apart`: the line of a win the kit does not count, listed apart under the word AWARD LAUREL (no
    source states it) or REPORTED WIN (only weaker sources do).
    """
    category = category_shown(row)
    word = lang._(WEAK_WORD if row.result_stated else LAUREL_ONLY_WORD) if apart else row_word(row, lang)
    parts = [("result", word)] + ([("category", category)] if category else [])
    return [*parts, ("event", event_with_year(row, lang))]


def laurel_line(row: AwardRow, apart: bool = False, lang: Language = ENGLISH) -> str:
    """One accolade as a press kit words it: "WINNER · Best Feature Length Documentary · IDFA 2009"."""
    return SEPARATOR.join(text for _, text in line_parts(row, apart, lang))


def shared_line(row: AwardRow, lang: Language = ENGLISH) -> str | None:
    if not row.shared_with:
        return None
    return lang._("shared with {works}").format(works=lang.join(row.shared_with))


def _kind_words(kind: str, n: int, lang: Language) -> str:
    """A weaker source's kind, one or several: "an encyclopedia or catalogue", "2 blogs, mirrors or aggregators"."""
    if kind == "reference":
        words = lang.ngettext("an encyclopedia or catalogue", "{n} encyclopedias or catalogues", n)
    elif kind == "organisation":
        words = lang.ngettext("another organisation's page", "{n} other organisations' pages", n)
    elif kind == "blog-mirror-aggregator":
        words = lang.ngettext("a blog, mirror or aggregator", "{n} blogs, mirrors or aggregators", n)
    else:  # a kind this module does not know (a newer schema): named as the data names it
        words = f"{n} {kind}"
    return words.format(n=n)


def weak_reason(row: AwardRow, lang: Language = ENGLISH) -> str:
    """Which kind of source alone states a weakly stated win: "its only source is an encyclopedia or
    catalogue", "its only sources are an encyclopedia or catalogue and a blog, mirror or aggregator"."""
    counts = Counter(row.result_kinds)
    kinds = [_kind_words(kind, n, lang) for kind, n in counts.items()]
    total = sum(counts.values())
    return lang.ngettext("its only source is {kinds}", "its only sources are {kinds}", total).format(
        kinds=lang.join(kinds)
    )


def tags(row: AwardRow, lang: Language = ENGLISH) -> list[str]:
    """What a reader must know beside the line: an outcome still to come, a status other than active,
    a win that no source states, or that only weaker sources state."""
    tags = [lang._(UPCOMING)] if row.pending else []
    tags += [lang._(UNSTATED_TAG)] if row.result == "won" and not row.result_stated else []
    tags += [weak_reason(row, lang)] if weakly_stated(row) else []
    if row.status != "active":
        tags.append(lang._(STATUS_WORDS[row.status]) if row.status in STATUS_WORDS else row.status)
    return tags


def by_year(rows: Iterable[AwardRow]) -> list[tuple[int | None, list[AwardRow]]]:
    """Rows grouped by year, oldest first and undated last; winners, mentions, nominees, then selections.

    The sort is stable, so within one result the caller's order (date, event, category) is kept.
    """
    groups: dict[int | None, list[AwardRow]] = {}
    for row in rows:
        groups.setdefault(row.year, []).append(row)
    years = sorted(groups, key=lambda y: (y is None, y or 0))
    return [(year, sorted(groups[year], key=lambda r: result_rank(r.result))) for year in years]


def laurel_rows(rows: Iterable[AwardRow], include_unstated: bool = False, include_weak: bool = False) -> list[AwardRow]:
    """The rows that get a laurel: wins, special mentions and selections, in the order given.

    The issue asks for one laurel "per win and per selection". A special mention is an honour a jury
    conferred, printed as a laurel by festivals just as a win is, so it gets one too. A nomination does
    not: a "NOMINEE" wreath would read as a prize the film did not receive. Nor does a record that is no
    longer active (rescinded): the page still lists it, with its status. Nor, unless `include_unstated`,
    does a win that no source states (read from a list of laurels), nor, unless `include_weak`, one that
    only an encyclopedia, a blog or the like states: a WINNER wreath would advertise it.
    """
    return [row for row in counted(list(rows), include_unstated, include_weak) if row.result in LAUREL_RESULTS]


def laurel_filename(row: AwardRow) -> str:
    """The laurel's file name: the record id, a slug and unique, so it is safe on every file system."""
    if not SLUG.match(row.id):
        raise ValueError(f"not a slug id, refusing to make a file name of it: {row.id!r}")
    return f"{row.id}.svg"


@dataclass(frozen=True)
class Page:
    """What both pages show: the rows by year, and the cited sources numbered by first citation."""

    groups: list[tuple[int | None, list[AwardRow]]]
    apart: list[AwardRow]  # wins the kit does not count (no source, or only weaker ones, states them)
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
        include_weak: bool = False,
    ) -> Page:
        """Footnotes numbered in reading order: `first` (what the page cites above its accolades), the
        accolades' sources, then `after`. An id missing from `sources` still gets a footnote (its
        publisher from the row, or its id), never a dead link."""
        rows = list(rows)
        apart = uncounted_wins(rows, include_unstated, include_weak)
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

    def cite(self, source_ids: Iterable[str | None]) -> list[tuple[int, SourceRef]]:
        """Footnote numbers and sources for these ids, each once, in the order given (None, a text with
        no source, such as the record's own title, has none)."""
        return [(self.numbers[s], self.cited[self.numbers[s] - 1]) for s in dict.fromkeys(source_ids) if s]

    @property
    def listed(self) -> list[AwardRow]:
        """The rows of the main list (not those set apart), in page order."""
        return [row for _, group in self.groups for row in group]

    def refs(self, row: AwardRow) -> list[tuple[int, SourceRef]]:
        """A row's footnotes: numbers and sources, in claim order, each once."""
        return self.cite(row.sources)


def details(row: AwardRow, lang: Language = ENGLISH) -> list[str]:
    """The secondary facts under a laurel line: section, recipients, place, edition, exact date."""
    details = [row.section] if row.section else []
    if row.recipients:
        names = lang.join(row.recipients) if lang.code != "en" else ", ".join(row.recipients)
        if row.result == "nominated":
            label = lang.ngettext("Nominee: {names}", "Nominees: {names}", len(row.recipients))
        else:
            label = lang.ngettext("Recipient: {names}", "Recipients: {names}", len(row.recipients))
        details.append(label.format(names=names))
    shared = shared_line(row, lang)
    details += [shared[0].upper() + shared[1:]] if shared else []
    place = lang.place(row.city, row.country)
    details += [place] if place else []
    if row.edition is not None:
        details.append(f"{lang.edition(row.edition)}{inferred_mark(row, 'edition', lang)}")
    if row.date and len(row.date) > 4:  # a bare year repeats the heading
        details.append(f"{lang.date(row.date)}{inferred_mark(row, 'date', lang)}")
    return details + tags(row, lang)
