"""The readable half of a press kit: an accolades page (HTML and Markdown) and one SVG laurel per honour.

Everything is generated from the award rows, so the page, the laurels and the CSV cannot disagree.
The HTML page is self-contained: inline CSS and inline SVG only, and a Content-Security-Policy that
forbids every fetch, so opening it (or printing it) sends no request anywhere. Output is
deterministic (no timestamps, stable order), so it can be snapshotted in the tests.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lasttrain_awards.export import UNSTATED
from lasttrain_awards.kitfolder import write_folder
from lasttrain_awards.queries import SourceRef
from lasttrain_awards.rendering import markdown_text
from lasttrain_awards.summary import counted, is_official_selection, unstated_wins

if TYPE_CHECKING:
    from lasttrain_awards.queries import AwardRow

RESULT_WORDS = {
    "won": "WINNER",
    "special-mention": "SPECIAL MENTION",
    "nominated": "NOMINEE",
    "selected": "OFFICIAL SELECTION",
}
RESULT_ORDER = tuple(RESULT_WORDS)  # within a year: winners, special mentions, nominations, selections
LEGEND_LABELS = {"won": "Won", "special-mention": "Special mention", "nominated": "Nominated", "selected": "Selected"}
LAUREL_RESULTS = frozenset({"won", "special-mention", "selected"})
COLORS = {"won": "#94711b", "special-mention": "#9b4f2a", "nominated": "#3d5a80", "selected": "#5f6f64"}
OTHER_COLOR = "#6d655b"
INK = "#1d1a16"
FONT_STACK = "Georgia, 'Times New Roman', serif"
SEPARATOR = " · "
UNDATED = "Undated"
LAUREL_ONLY_WORD = "AWARD LAUREL"  # the line word of a win no source states, listed apart
LAUREL_ONLY_HEADING = "Award laurels that no source states as won"
LAUREL_ONLY_NOTE = (
    "These prizes appear in lists of award laurels (the film's funder's page, a catalogue), but no source "
    "we hold says the film won them. They are not counted above and get no laurel."
)
NO_ACCOLADES = "No accolades recorded."

# Characters XML 1.0 forbids (and HTML calls parse errors): dropped rather than let one break a file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --- shared pieces -------------------------------------------------------------------------------


def _esc(text: object) -> str:
    """Text made safe inside HTML or XML, as content or as a quoted attribute value."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def _web_url(url: str | None) -> str | None:
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


def _result_class(result: str) -> str:
    return "r-" + (result if _SLUG.match(result) else "other")


def _result_rank(result: str) -> int:
    return RESULT_ORDER.index(result) if result in RESULT_ORDER else len(RESULT_ORDER)


def _in_result_order(results: Iterable[str]) -> list[str]:
    """Results as the page ranks them (winners first); results it does not know last, alphabetically."""
    return sorted(results, key=lambda result: (_result_rank(result), result))


def _category_shown(row: AwardRow) -> str | None:
    """The category, unless it only repeats the result word ("OFFICIAL SELECTION · Official Selection")."""
    return None if row.category.casefold() == result_word(row.result).casefold() else row.category


def _event_with_year(row: AwardRow) -> str:
    return row.event if row.year is None else f"{row.event} {row.year}"


def _line_parts(row: AwardRow, apart: bool = False) -> list[tuple[str, str]]:
    """The parts of a laurel line, each with its role: the one wording the HTML, Markdown and SVG share.

    `apart`: the line of a win no source states, listed apart under the word AWARD LAUREL.
    """
    category = _category_shown(row)
    word = LAUREL_ONLY_WORD if apart else row_word(row)
    parts = [("result", word)] + ([("category", category)] if category else [])
    return [*parts, ("event", _event_with_year(row))]


def laurel_line(row: AwardRow, apart: bool = False) -> str:
    """One accolade as a press kit words it: "WINNER · Best Feature Length Documentary · IDFA 2009"."""
    return SEPARATOR.join(text for _, text in _line_parts(row, apart))


def _shared(row: AwardRow) -> str | None:
    return "shared with " + " and ".join(row.shared_with) if row.shared_with else None


def _tags(row: AwardRow) -> list[str]:
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
    return [(year, sorted(groups[year], key=lambda r: _result_rank(r.result))) for year in years]


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
    if not _SLUG.match(row.id):
        raise ValueError(f"not a slug id, refusing to make a file name of it: {row.id!r}")
    return f"{row.id}.svg"


@dataclass(frozen=True)
class _Page:
    """What both pages show: the rows by year, and the cited sources numbered by first citation."""

    groups: list[tuple[int | None, list[AwardRow]]]
    apart: list[AwardRow]  # wins no source states, listed apart (unless the kit includes them)
    cited: list[SourceRef]
    numbers: dict[str, int]  # source id: footnote number

    @classmethod
    def of(cls, rows: Iterable[AwardRow], sources: Mapping[str, SourceRef], include_unstated: bool = False) -> _Page:
        """An id missing from `sources` still gets a footnote (its publisher from the row), never a dead link."""
        rows = list(rows)
        apart = [] if include_unstated else unstated_wins(rows)
        apart_ids = {row.id for row in apart}
        groups = by_year(row for row in rows if row.id not in apart_ids)
        cited: dict[str, SourceRef] = {}
        for row in [row for _, group in groups for row in group] + apart:
            for index, source_id in enumerate(row.sources):
                if source_id not in cited:
                    publisher = row.source_names[index] if index < len(row.source_names) else ""
                    cited[source_id] = sources.get(source_id) or SourceRef(source_id, source_id, publisher)
        return cls(groups, apart, list(cited.values()), {source_id: n for n, source_id in enumerate(cited, start=1)})

    @property
    def listed(self) -> list[AwardRow]:
        """The rows of the main list (not those set apart), in page order."""
        return [row for _, group in self.groups for row in group]

    def refs(self, row: AwardRow) -> list[tuple[int, SourceRef]]:
        """A row's footnotes: numbers and sources, in claim order, each once."""
        return [(self.numbers[s], self.cited[self.numbers[s] - 1]) for s in dict.fromkeys(row.sources)]


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _details(row: AwardRow) -> list[str]:
    """The secondary facts under a laurel line: section, recipients, place, edition, exact date."""
    details = [row.section] if row.section else []
    if row.recipients:
        role = "Nominee" if row.result == "nominated" else "Recipient"
        details.append(f"{role}{'s' if len(row.recipients) > 1 else ''}: " + ", ".join(row.recipients))
    shared = _shared(row)
    details += [shared[0].upper() + shared[1:]] if shared else []
    place = ", ".join(p for p in (row.city, row.country) if p)
    details += [place] if place else []
    details += [f"{_ordinal(row.edition)} edition"] if row.edition is not None else []
    details += [row.date] if row.date and len(row.date) > 4 else []  # a bare year repeats the heading
    return details + _tags(row)


# --- the timeline chart --------------------------------------------------------------------------

CHART_HEIGHT = 250
CHART_MARGIN = {"top": 26, "right": 12, "bottom": 50, "left": 48}
COLUMN_UNITS = 64  # viewBox units per year column: the chart is as wide as its data needs
CHART_MIN_WIDTH, CHART_MAX_WIDTH = 420, 760


def _nice_step(maximum: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five ticks."""
    raw = max(1, math.ceil(maximum / 5))
    power = 10 ** (len(str(raw)) - 1)
    return next(power * m for m in (1, 2, 5, 10) if power * m >= raw)


def _columns(rows: Sequence[AwardRow]) -> list[tuple[str, Counter[str]]]:
    """Chart columns: every year from the first to the last (a gap year shows as empty), then undated."""
    counts: dict[int | None, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row.year, Counter())[row.result] += 1
    years = [y for y in counts if y is not None]
    span = range(min(years), max(years) + 1) if years else range(0)
    columns = [(str(y), counts.get(y, Counter())) for y in span]
    return columns + ([(UNDATED.lower(), counts[None])] if None in counts else [])


def timeline_svg(rows: Sequence[AwardRow]) -> str:
    """Accolades per year as stacked bars, one segment per result, drawn from the data as inline SVG.

    Each segment carries `data-year`, `data-result` and `data-count`, and a <title> for hover; the
    chart's <desc> repeats every number as text for screen readers.
    """
    columns = _columns(rows)
    if not columns:
        return ""
    width = max(CHART_MIN_WIDTH, min(CHART_MAX_WIDTH, CHART_MARGIN["left"] + COLUMN_UNITS * len(columns) + 24))
    left, top = CHART_MARGIN["left"], CHART_MARGIN["top"]
    plot_w = width - left - CHART_MARGIN["right"]
    plot_h = CHART_HEIGHT - top - CHART_MARGIN["bottom"]
    base = top + plot_h
    highest = max(sum(counts.values()) for _, counts in columns)
    step = _nice_step(highest)
    y_max = step * math.ceil(highest / step)
    band = plot_w / len(columns)
    bar_w = min(band * 0.62, 44)
    label_every = max(1, math.ceil(40 / band))  # keep year labels from overlapping on long spans

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {CHART_HEIGHT}" '
        f'width="{width}" height="{CHART_HEIGHT}" role="img" aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT_STACK}">',
        '<title id="timeline-title">Accolades per year</title>',
        f'<desc id="timeline-desc">{_esc(_describe(columns))}</desc>',
    ]
    for tick in range(0, y_max + 1, step):
        y = base - plot_h * tick / y_max
        parts.append(f'<line class="grid" x1="{left}" x2="{width - CHART_MARGIN["right"]}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, (label, counts) in enumerate(columns):
        x = left + band * index + (band - bar_w) / 2
        y = base
        for result in _in_result_order(counts):
            h = plot_h * counts[result] / y_max
            y -= h
            parts.append(
                f'<rect class="bar {_result_class(result)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" data-year="{_esc(label)}" data-result="{_esc(result)}" '
                f'data-count="{counts[result]}"><title>{_esc(label)}: {counts[result]} '
                f"{_esc(LEGEND_LABELS.get(result, result).lower())}</title></rect>"
            )
        total = sum(counts.values())
        middle = x + bar_w / 2
        if total:
            parts.append(f'<text class="total" x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle">{total}</text>')
        if index % label_every == 0 or label == UNDATED.lower():
            parts.append(f'<text class="year" x="{middle:.1f}" y="{base + 20}" text-anchor="middle">{label}</text>')
    parts += [
        f'<line class="axis" x1="{left}" x2="{width - CHART_MARGIN["right"]}" y1="{base}" y2="{base}"/>',
        f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{CHART_HEIGHT - 8}" text-anchor="middle">Year</text>',
        f'<text class="axis-label" transform="translate(14 {top + plot_h / 2:.1f}) rotate(-90)" '
        'text-anchor="middle">Accolades</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _describe(columns: list[tuple[str, Counter[str]]]) -> str:
    def one(label: str, counts: Counter[str]) -> str:
        detail = ", ".join(f"{counts[r]} {LEGEND_LABELS.get(r, r).lower()}" for r in _in_result_order(counts))
        return f"{label}: {sum(counts.values())}" + (f" ({detail})" if detail else "")

    return "Accolades per year. " + "; ".join(one(label, counts) for label, counts in columns) + "."


# --- the laurel ----------------------------------------------------------------------------------

LAUREL_W, LAUREL_H = 360, 320
LAUREL_CX, LAUREL_CY = 180.0, 166.0
BRANCH_RX, BRANCH_RY = 146.0, 136.0  # the ellipse each branch's stem follows
BRANCH_FROM, BRANCH_TO = 24.0, 152.0  # degrees up from the bottom centre; the gap at the top is the crown
LEAF_PAIRS = 9
TEXT_RX, TEXT_RY = 108.0, 112.0  # the clear ellipse inside the leaves that text must stay in
MIN_SCALE, SCALE_STEP = 0.3, 0.04


def _branch(color: str) -> list[str]:
    """The left branch: a stem along an elliptical arc with pairs of leaves, smaller towards the tip."""

    def point(theta: float) -> tuple[float, float]:
        t = math.radians(theta)
        return LAUREL_CX - BRANCH_RX * math.sin(t), LAUREL_CY + BRANCH_RY * math.cos(t)

    def heading(theta: float) -> float:
        """The rotation that turns an upright leaf along the stem, towards the tip."""
        t = math.radians(theta)
        return math.degrees(math.atan2(-BRANCH_RX * math.cos(t), BRANCH_RY * math.sin(t)))

    def leaf(x: float, y: float, angle: float, length: float) -> str:
        w = length * 0.36
        return (
            f'<path d="M0 0C{w:.1f} {-length * 0.3:.1f} {w * 0.7:.1f} {-length * 0.8:.1f} 0 {-length:.1f}'
            f'C{-w * 0.7:.1f} {-length * 0.8:.1f} {-w:.1f} {-length * 0.3:.1f} 0 0Z" '
            f'transform="translate({x:.1f} {y:.1f}) rotate({angle:.1f})"/>'
        )

    (x0, y0), (x1, y1) = point(BRANCH_FROM - 6), point(BRANCH_TO)
    parts = [
        f'<path d="M{x0:.1f} {y0:.1f}A{BRANCH_RX} {BRANCH_RY} 0 0 1 {x1:.1f} {y1:.1f}" fill="none" '
        f'stroke="{color}" stroke-width="3" stroke-linecap="round"/>',
        f'<g fill="{color}">',
    ]
    for i in range(LEAF_PAIRS):
        theta = BRANCH_FROM + (BRANCH_TO - BRANCH_FROM - 8) * i / (LEAF_PAIRS - 1)
        length = 38 - 14 * i / (LEAF_PAIRS - 1)
        x, y = point(theta)
        angle = heading(theta)
        parts.append(leaf(x, y, angle - 42, length))  # outside the ring
        x, y = point(theta + 5)
        parts.append(leaf(x, y, angle + 48, length * 0.9))  # inside, staggered up the stem
    x, y = point(BRANCH_TO)
    parts += [leaf(x, y, heading(BRANCH_TO) + 4, 22), "</g>"]
    return parts


@dataclass(frozen=True)
class _Block:
    """One piece of laurel text, wrapped and shrunk as a unit."""

    text: str
    size: float
    color: str
    weight: str = "normal"
    style: str = "normal"
    tracking: float = 0.0  # letter spacing, in em
    max_lines: int = 3  # only when even the smallest scale cannot hold the whole text


def _em_width(text: str, tracking: float = 0.0) -> float:
    """A conservative estimate of a line's width in em for a serif face; wide (CJK) characters count 1."""
    units = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            units += 1.0
        elif char.isspace():
            units += 0.28
        elif char.isupper() or char.isdigit():
            units += 0.72
        else:
            units += 0.54
    return units + tracking * max(len(text) - 1, 0)


def _half_width(y: float) -> float:
    """Half the width of the text ellipse at height y (0 outside it)."""
    dy = (y - LAUREL_CY) / TEXT_RY
    return TEXT_RX * math.sqrt(1 - dy * dy) if abs(dy) < 1 else 0.0


_Line = tuple[_Block, str, float, float]  # block, text, font size, baseline


def _layout(blocks: list[_Block], scale: float, truncate: bool) -> tuple[list[_Line], bool]:
    """Lines centred in the wreath at this scale, and whether every one stays inside the text ellipse.

    Lines wrap by textwrap at a width in characters estimated from the block's mean glyph width, so
    uppercase words and CJK text wrap sooner; `truncate` caps each block at its `max_lines`.
    """
    wrapped: list[tuple[_Block, list[str], float]] = []
    for block in blocks:
        size = block.size * scale
        per_char = size * _em_width(block.text, block.tracking) / max(len(block.text), 1)
        width = max(4, int(2 * TEXT_RX * 0.92 / max(per_char, 0.01)))
        cap = block.max_lines if truncate else None
        lines = textwrap.wrap(block.text, width=width, max_lines=cap, placeholder=" …")
        wrapped.append((block, lines or [""], size))
    gap = 7 * scale
    height = sum(len(lines) * size * 1.18 for _, lines, size in wrapped) + gap * (len(wrapped) - 1)
    y = LAUREL_CY - height / 2 - 4
    placed: list[_Line] = []
    fits = True
    for block, lines, size in wrapped:
        for line in lines:
            top, bottom = y, y + size * 1.18
            fits = fits and size * _em_width(line, block.tracking) / 2 <= min(_half_width(top), _half_width(bottom))
            placed.append((block, line, size, bottom - size * 0.3))
            y = bottom
        y += gap
    return placed, fits


def _fit(blocks: list[_Block]) -> list[_Line]:
    """The whole text at the largest scale that fits; below the floor scale, long texts end in an ellipsis."""
    for step in range(int((1 - MIN_SCALE) / SCALE_STEP) + 1):
        placed, fits = _layout(blocks, 1 - step * SCALE_STEP, truncate=False)
        if fits:
            return placed
    return _layout(blocks, MIN_SCALE, truncate=True)[0]


def laurel_svg(row: AwardRow) -> str:
    """A standalone SVG laurel: the classic wreath around the result word, the category and the event.

    The wreath is drawn geometrically (no font, image or fetch), and texts wrap and shrink to stay
    inside it. It has no ids, so several can be inlined into one HTML page.
    """
    color = COLORS.get(row.result, OTHER_COLOR)
    blocks = [_Block(row_word(row), 28, color, weight="bold", tracking=0.12, max_lines=2)]
    category = _category_shown(row)
    if category:
        blocks.append(_Block(category, 22, INK, max_lines=5))
    shared = _shared(row)
    if shared:
        blocks.append(_Block(shared, 15, INK, style="italic", max_lines=4))
    if row.result == "won" and not row.result_stated:  # only drawn when a kit includes such wins
        blocks.append(_Block(f"({UNSTATED})", 13, INK, style="italic", max_lines=3))
    blocks.append(_Block(row.event, 18, INK, style="italic", max_lines=4))
    if row.year is not None:
        blocks.append(_Block(str(row.year), 26, color, weight="bold", tracking=0.06, max_lines=1))
    label = _esc(laurel_line(row))
    branch = _branch(color)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LAUREL_W} {LAUREL_H}" width="{LAUREL_W}" '
        f'height="{LAUREL_H}" role="img" aria-label="{label}" class="laurel {_result_class(row.result)}">',
        f"<title>{label}</title>",
        *branch,
        f'<g transform="translate({LAUREL_W} 0) scale(-1 1)">',  # the right branch mirrors the left
        *branch,
        "</g>",
        f'<g font-family="{FONT_STACK}" text-anchor="middle">',
    ]
    for block, line, size, baseline in _fit(blocks):
        style = f' font-weight="{block.weight}"' if block.weight != "normal" else ""
        style += f' font-style="{block.style}"' if block.style != "normal" else ""
        style += f' letter-spacing="{block.tracking * size:.2f}"' if block.tracking else ""
        # The line is laid out to the width the fit computed, whatever font the viewer has: a wider
        # face (DejaVu Serif where Georgia is missing) is condensed to it, never past the wreath.
        length = size * _em_width(line, block.tracking)
        parts.append(
            f'<text x="{LAUREL_CX:.0f}" y="{baseline:.1f}" font-size="{size:.1f}" fill="{block.color}"{style} '
            f'textLength="{length:.1f}" lengthAdjust="spacingAndGlyphs">{_esc(line)}</text>'
        )
    parts += ["</g>", "</svg>"]
    return "\n".join(parts) + "\n"


# --- the HTML page -------------------------------------------------------------------------------

CSS = """
:root { --ink: #1d1a16; --muted: #6d655b; --paper: #fbf8f2; --rule: #e2d9c8; --accent: #94711b;
  --won: #94711b; --special-mention: #9b4f2a; --nominated: #3d5a80; --selected: #5f6f64; --other: #6d655b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.55 Georgia, 'Times New Roman', serif; }
main, footer { max-width: 48rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding: 3rem 0 1.5rem; text-align: center; border-bottom: 1px solid var(--rule); }
.kicker { margin: 0; font-size: 0.78rem; letter-spacing: 0.22em; text-transform: uppercase; color: var(--muted); }
h1 { margin: 0.3rem 0 1rem; font-size: clamp(2rem, 7vw, 3.2rem); font-style: italic; font-weight: normal;
  line-height: 1.1; }
.summary { margin: 0 auto; max-width: 40rem; font-size: 1.08rem; }
h2 { margin: 2.5rem 0 1rem; font-size: 0.8rem; font-weight: normal; letter-spacing: 0.22em;
  text-transform: uppercase; color: var(--muted); text-align: center; }
.highlights { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.5rem 1rem; margin-top: 2rem; }
.highlights figure { margin: 0; flex: 0 1 14.25rem; }  /* three to a row on a wide screen */
.highlights svg { display: block; width: 100%; height: auto; }
figure.chart { margin: 0; text-align: center; }
svg.timeline { width: 100%; max-width: 34rem; height: auto; }
.timeline .grid { stroke: var(--rule); stroke-width: 1; }
.timeline .axis { stroke: var(--ink); stroke-width: 1; }
.timeline text { fill: var(--muted); font-size: 12px; }
.timeline .total, .timeline .year { fill: var(--ink); font-size: 13px; }
.timeline .axis-label { font-size: 11px; letter-spacing: 0.12em; }
.r-won { --c: var(--won); } .r-special-mention { --c: var(--special-mention); }
.r-nominated { --c: var(--nominated); } .r-selected { --c: var(--selected); } .r-other { --c: var(--other); }
.laurel-only { --c: var(--other); }
.note { margin: 0 0 0.8rem; font-size: 0.9rem; color: var(--muted); text-align: center; }
.timeline .bar { fill: var(--c); stroke: var(--paper); stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.3rem 1.2rem; margin: 0.6rem 0 0;
  padding: 0; list-style: none; font-size: 0.85rem; color: var(--muted); }
.swatch { display: inline-block; width: 0; height: 0; margin-right: 0.4em; border: 0.4em solid var(--c);
  vertical-align: 0.05em; }
.year-group { display: grid; grid-template-columns: 5.5rem 1fr; gap: 0 1.25rem; padding: 1rem 0;
  border-top: 1px solid var(--rule); }
.year-group h3 { margin: 0; font-size: 1.5rem; font-weight: normal; color: var(--accent); line-height: 1.3; }
.accolades { margin: 0; padding: 0; list-style: none; }
.accolade { padding: 0.35rem 0 0.55rem; overflow-wrap: anywhere; }
.result { color: var(--c); font-size: 0.82em; font-weight: bold; letter-spacing: 0.1em; }
.sep { color: var(--muted); }
.event { font-style: italic; }
.highlight .category { font-weight: bold; }
.meta { display: block; font-size: 0.85rem; color: var(--muted); }
.refs { font-size: 0.68em; line-height: 0; margin-left: 0.15em; }
a { color: var(--nominated); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
.refs a { text-decoration: none; }
.sources ol { padding-left: 2rem; font-size: 0.9rem; }
.sources li { margin-bottom: 0.4rem; overflow-wrap: anywhere; }
.sources li:target { background: #f3ead6; }
footer { padding: 2rem 1.25rem 3rem; font-size: 0.8rem; color: var(--muted); text-align: center; }
@media (max-width: 34rem) {
  body { font-size: 16px; }
  header { padding-top: 2rem; }
  .summary { text-align: left; }  /* a long centred paragraph is hard to read on a narrow screen */
  .year-group { grid-template-columns: 1fr; }
  .year-group h3 { margin-bottom: 0.3rem; }
  .highlights figure { flex-basis: 16rem; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { background: none; color: #000; font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  header { padding-top: 0; }
  .sources li:target { background: none; }
  .highlights, figure.chart, .year-group h3, .accolade, .sources li { break-inside: avoid; }
  h2, .year-group h3 { break-after: avoid; }
  .year-group { display: block; }  /* a grid row would move to the next page whole */
  .highlights { margin-top: 1rem; }
  .highlights figure { flex-basis: 11rem; }
  svg.timeline { max-width: 26rem; }
  .accolades-section { break-before: page; }  /* page one: the summary, the laurels, the chart */
  a { color: inherit; text-decoration: none; }
  .sources a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.9em; overflow-wrap: anywhere; }
  svg, .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _source_label(source: SourceRef) -> str:
    return f"{source.publisher}: {source.title}" if source.publisher else source.title


def _accolade_html(row: AwardRow, refs: list[tuple[int, SourceRef]], apart: bool = False) -> str:
    hover = "Sources: " + "; ".join(_source_label(source) for _, source in refs) if refs else "No source cited"
    line = f'<span class="sep">{SEPARATOR}</span>'.join(
        f'<span class="{role}">{_esc(text)}</span>' for role, text in _line_parts(row, apart)
    )
    links = "".join(f'<a href="#src-{n}" title="{_esc(_source_label(source))}">[{n}]</a>' for n, source in refs)
    details = _details(row)
    classes = "accolade " + ("laurel-only" if apart else _result_class(row.result))
    classes += " highlight" if row.highlight and not apart else ""
    return (
        f'<li class="{classes}" id="a-{_esc(row.id)}" title="{_esc(hover)}">'
        f"{line}"
        + (f'<sup class="refs">{links}</sup>' if links else "")
        + (f'<span class="meta">{_esc(SEPARATOR.join(details))}</span>' if details else "")
        + "</li>"
    )


def _source_html(number: int, source: SourceRef) -> str:
    url = _web_url(source.url)
    title = f"<cite>{_esc(source.title)}</cite>"
    if url:
        title = f'<a href="{_esc(url)}" rel="noopener noreferrer">{title}</a>'
    elif source.url:
        title += f" ({_esc(source.url)})"
    text = title + (f", {_esc(source.publisher)}" if source.publisher else "")
    text += (f", {_esc(source.published)}" if source.published else "") + "."
    text += f" Retrieved {_esc(source.retrieved)}." if source.retrieved else ""
    return f'<li id="src-{number}">{text}</li>'


def _legend_html(rows: Sequence[AwardRow]) -> str:
    counts = Counter(row.result for row in rows)
    items = [
        f'<li class="{_result_class(r)}"><span class="swatch" aria-hidden="true"></span>'
        f"{_esc(LEGEND_LABELS.get(r, r))} ({counts[r]})</li>"
        for r in _in_result_order(counts)
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"


def accolades_html(
    rows: list[AwardRow],
    summary: str,
    sources: Mapping[str, SourceRef],
    title: str,
    include_unstated: bool = False,
) -> str:
    """The accolades page: one self-contained HTML5 document that a journalist can read, print or phone.

    Laurels of the highlighted records, a timeline of accolades per year, the laurel lines by year
    with footnoted sources (also on hover), the wins no source states apart (unless included, then
    labelled in place), and the numbered sources, each linked to its address. Every text is escaped.
    """
    page = _Page.of(rows, sources, include_unstated)
    laurelled = {row.id for row in laurel_rows(rows, include_unstated)}
    rows = page.listed
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{_esc(title)}: accolades</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        '<p class="kicker">Press kit · Accolades</p>',
        f"<h1>{_esc(title)}</h1>",
        f'<p class="summary">{_esc(summary)}</p>',
        "</header>",
    ]
    highlighted = [row for row in rows if row.highlight and row.id in laurelled]
    if highlighted:
        out.append('<section class="highlights" aria-label="Highlights">')
        out += [f"<figure>{laurel_svg(row).strip()}</figure>" for row in highlighted]
        out.append("</section>")
    if rows:
        out += [
            '<section class="timeline-section" aria-labelledby="h-timeline">',
            '<h2 id="h-timeline">Accolades per year</h2>',
            f'<figure class="chart">{timeline_svg(rows)}{_legend_html(rows)}</figure>',
            "</section>",
        ]
    out += ['<section class="accolades-section" aria-labelledby="h-accolades">', '<h2 id="h-accolades">Accolades</h2>']
    for year, group in page.groups:
        key = str(year) if year is not None else UNDATED.lower()
        out += [
            f'<section class="year-group" aria-labelledby="y-{key}">',
            f'<h3 id="y-{key}">{year if year is not None else UNDATED}</h3>',
            '<ol class="accolades">',
            *(_accolade_html(row, page.refs(row)) for row in group),
            "</ol>",
            "</section>",
        ]
    if not rows and not page.apart:
        out.append(f"<p>{NO_ACCOLADES}</p>")
    out.append("</section>")
    if page.apart:
        out += [
            '<section class="laurel-only-section" aria-labelledby="h-laurel-only">',
            f'<h2 id="h-laurel-only">{_esc(LAUREL_ONLY_HEADING)}</h2>',
            f'<p class="note">{_esc(LAUREL_ONLY_NOTE)}</p>',
            '<ol class="accolades">',
            *(_accolade_html(row, page.refs(row), apart=True) for row in page.apart),
            "</ol>",
            "</section>",
        ]
    if page.cited:
        out += ['<section class="sources" aria-labelledby="h-sources">', '<h2 id="h-sources">Sources</h2>', "<ol>"]
        out += [_source_html(number, source) for number, source in enumerate(page.cited, start=1)]
        out += ["</ol>", "</section>"]
    out += [
        "</main>",
        "<footer>Generated from a sourced, validated record of every accolade; each line cites its sources.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# --- the Markdown page ---------------------------------------------------------------------------


def _md(text: str) -> str:
    """Data text made literal in Markdown (the renderer's escaping), without XML-invalid characters."""
    return markdown_text(_XML_INVALID.sub("", text))


def _md_source(number: int, source: SourceRef) -> str:
    url = _web_url(source.url)
    text = f"[^{number}]: *{_md(source.title)}*" + (f", {_md(source.publisher)}" if source.publisher else "")
    text += (f", {_md(source.published)}" if source.published else "") + "."
    if url:
        text += " <" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">."
    elif source.url:
        text += f" {_md(source.url)}."
    return text + (f" Retrieved {_md(source.retrieved)}." if source.retrieved else "")


def accolades_markdown(
    rows: list[AwardRow],
    summary: str,
    sources: Mapping[str, SourceRef],
    title: str,
    include_unstated: bool = False,
) -> str:
    """The accolades page as Markdown: summary, laurel lines by year, sources as footnotes ([^1])."""
    page = _Page.of(rows, sources, include_unstated)

    def line(row: AwardRow, apart: bool = False) -> str:
        parts = [f"**{_md(text)}**" if role == "result" else _md(text) for role, text in _line_parts(row, apart)]
        text = "- " + SEPARATOR.join(parts) + "".join(f"[^{number}]" for number, _ in page.refs(row))
        details = _details(row)
        return text + (f" ({_md(SEPARATOR.join(details))})" if details else "")

    out = [f"# {_md(title)}: accolades", "", _md(summary), ""]
    for year, group in page.groups:
        out += [f"## {year if year is not None else UNDATED}", "", *map(line, group), ""]
    if not page.listed and not page.apart:
        out += [NO_ACCOLADES, ""]
    if page.apart:
        out += [f"## {_md(LAUREL_ONLY_HEADING)}", "", _md(LAUREL_ONLY_NOTE), ""]
        out += [line(row, apart=True) for row in page.apart] + [""]
    out += [_md_source(number, source) for number, source in enumerate(page.cited, start=1)]
    return "\n".join(out).rstrip("\n") + "\n"


# --- writing the files ---------------------------------------------------------------------------


def kit_files(
    rows: list[AwardRow],
    summary: str,
    sources: Mapping[str, SourceRef],
    title: str,
    include_unstated: bool = False,
) -> dict[str, bytes]:
    """The readable half of the kit, by file name: accolades.html, accolades.md and laurels/<id>.svg."""
    files = {
        "accolades.html": accolades_html(rows, summary, sources, title, include_unstated),
        "accolades.md": accolades_markdown(rows, summary, sources, title, include_unstated),
    }
    files |= {f"laurels/{laurel_filename(row)}": laurel_svg(row) for row in laurel_rows(rows, include_unstated)}
    return {name: text.encode("utf-8") for name, text in files.items()}


def write_presskit(
    directory: Path,
    rows: list[AwardRow],
    summary: str,
    sources: Mapping[str, SourceRef],
    title: str,
    include_unstated: bool = False,
    extra: Mapping[str, bytes] | None = None,
) -> list[Path]:
    """Write the kit into `directory` as one unit (see kitfolder); return the paths written.

    `extra` adds files (the CLI's CSV). Files of an earlier kit that this one does not make (another
    filter, a record since removed) are gone; files the tool never wrote stay, untouched.
    """
    return write_folder(directory, kit_files(rows, summary, sources, title, include_unstated) | dict(extra or {}))
