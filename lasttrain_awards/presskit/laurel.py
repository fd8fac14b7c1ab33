"""The laurel: a geometric wreath around the result word, the category and the event, one SVG per honour.

Its text is drawn as outlines from the bundled font (outlines.py: DejaVu Serif, subsets in fonts/) and
measured by that same font, so a laurel looks the same in every browser, viewer and print shop, and its
text provably stays inside the leaves: every line's ink box lies inside the text ellipse. Characters
the font lacks (CJK, emoji) are the one exception, drawn as <text> in a conservatively measured slot
that the fit counts in full (see outlines.py). `laurel_png` renders a laurel with resvg.
"""

from __future__ import annotations

import contextlib
import functools
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from lasttrain_awards.accolades import weakly_stated
from lasttrain_awards.presskit.outlines import (
    FAMILY,
    STYLES,
    Box,
    Fallback,
    SetLine,
    Style,
    advance_width,
    font_file,
    set_line,
)
from lasttrain_awards.presskit.theme import COLORS, FINISH_COLORS, INK, OTHER_COLOR
from lasttrain_awards.presskit.wording import (
    ENGLISH,
    INFERRED_MARKS,
    UNSTATED_TAG,
    XML_INVALID,
    category_shown,
    escape,
    laurel_line,
    result_class,
    row_word,
    shared_line,
    weak_reason,
)

if TYPE_CHECKING:
    from lasttrain_awards.database.queries import AwardRow
    from lasttrain_awards.output.language import Language

LAUREL_W, LAUREL_H = 360, 320
LAUREL_CX, LAUREL_CY = 180.0, 166.0
BRANCH_RX, BRANCH_RY = 146.0, 136.0  # the ellipse each branch's stem follows
BRANCH_FROM, BRANCH_TO = 24.0, 152.0  # degrees up from the bottom centre; the gap at the top is the crown
LEAF_PAIRS = 9
TEXT_RX, TEXT_RY = 108.0, 112.0  # the clear ellipse inside the leaves that text must stay in
MIN_SCALE, SCALE_STEP = 0.3, 0.04
WRAP_WIDTH = 2 * TEXT_RX * 0.92  # lines wrap at this width; the fit then shrinks them into the ellipse
FIT_MARGIN = 0.25  # user units of the ellipse kept clear: path coordinates are rounded to 0.1
ELLIPSIS = " …"
# The festival's name: its size, and the least it may shrink to, in the laurel's own units. On the
# page a laurel is 14.25rem (228 px) wide for 360 units, 11rem in print: at 16 units the name is set
# at about 10 px on screen (its capitals some 7.4 px tall), where the other lines give way first.
EVENT_SIZE, EVENT_MIN_SIZE = 18.0, 16.0

FINISHES = ("color", "gold", "black", "white")


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
    style: Style = "regular"
    tracking: float = 0.0  # letter spacing, in em
    max_lines: int = 3  # only when even the smallest scale cannot hold the whole text
    min_size: float = 0.0  # the block never shrinks below this size (laurel units), whatever the scale


class _Line(NamedTuple):
    block: _Block
    size: float
    baseline: float
    line: SetLine  # measured at its place (advance, ink box), not drawn yet


class LineGeometry(NamedTuple):
    """A placed line of laurel text, in laurel coordinates (the viewBox's): what the tests check."""

    text: str
    style: Style
    size: float
    tracking: float  # em
    x_center: float
    baseline: float
    advance: float  # the width it was laid out at: advances, kerning, tracking, missing characters
    box: Box | None  # where its ink is (with the slots of missing characters); None if it draws nothing
    path: str  # its outlines, as drawn in the SVG ("" if none)
    fallbacks: tuple[Fallback, ...]  # runs of characters the font lacks, drawn as <text>


def _half_width(y: float) -> float:
    """Half the width of the text ellipse at height y (0 outside it)."""
    dy = (y - LAUREL_CY) / TEXT_RY
    return TEXT_RX * math.sqrt(1 - dy * dy) if abs(dy) < 1 else 0.0


def _inside(box: Box | None) -> bool:
    """Whether the box lies inside the text ellipse, FIT_MARGIN to spare. The ellipse is convex, so its
    four corners inside put the whole box, and the ink within it, inside."""
    if box is None:
        return True
    reach = max(LAUREL_CX - box.left, box.right - LAUREL_CX)
    return all(reach <= _half_width(y) - FIT_MARGIN for y in (box.top, box.bottom))


def _shortened(text: str, fits: Callable[[str], bool]) -> str:
    """The text cut short to end in " …" and fit: whole words dropped first, then characters (a long
    word, or CJK, which has no spaces). Just "…" if nothing else fits (the caller checks that it does)."""
    words = text.split()
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS):
        words.pop()
    head = " ".join(words)
    while head and not fits(head + ELLIPSIS):
        head = head[:-1].rstrip()
    return head + ELLIPSIS if head else ELLIPSIS.strip()


def _wrap(block: _Block, size: float, cap: int | None) -> list[str]:
    """The block's lines, as wide as WRAP_WIDTH allows by the font's own measure. A word wider than a
    line breaks where it must; past `cap` lines, the last kept one ends in " …"."""

    def fits(text: str) -> bool:
        return advance_width(text, block.style, size, block.tracking) <= WRAP_WIDTH

    lines: list[str] = []
    current = ""
    for word in block.text.split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(word) > 1 and not fits(word):
            low, high = 1, len(word) - 1  # the longest head that fits (at least one character)
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fits(word[:middle]) else (low, middle - 1)
            lines.append(word[:low])
            word = word[low:]
        current = word
    if current:
        lines.append(current)
    if cap is not None and len(lines) > cap:
        lines = [*lines[: cap - 1], _shortened(lines[cap - 1], fits)]
    return lines or [""]


def _place(block: _Block, text: str, size: float, baseline: float) -> _Line:
    return _Line(
        block, size, baseline, set_line(text, block.style, size, LAUREL_CX, baseline, block.tracking, draw=False)
    )


def _layout(blocks: list[_Block], scale: float, truncate: bool) -> tuple[list[_Line], bool]:
    """Lines centred in the wreath at this scale, and whether every one's ink stays inside the text ellipse.

    `truncate` caps each block at its `max_lines`.
    """
    wrapped = []
    for block in blocks:
        size = max(block.size * scale, block.min_size)
        wrapped.append((block, _wrap(block, size, block.max_lines if truncate else None), size))
    gap = 7 * scale
    height = sum(len(lines) * size * 1.18 for _, lines, size in wrapped) + gap * (len(wrapped) - 1)
    y = LAUREL_CY - height / 2 - 4
    placed: list[_Line] = []
    for block, lines, size in wrapped:
        for text in lines:
            bottom = y + size * 1.18
            placed.append(_place(block, text, size, bottom - size * 0.3))
            y = bottom
        y += gap
    return placed, all(_inside(line.line.box) for line in placed)


def _clamped(line: _Line) -> _Line:
    """The line, or as much of it as fits in the ellipse where it stands, ending in " …" (nothing, if
    not even "…" fits: the stack of capped blocks is low enough at MIN_SCALE that it always does)."""
    if _inside(line.line.box):
        return line
    block, size, baseline = line.block, line.size, line.baseline

    def fits(text: str) -> bool:
        return _inside(set_line(text, block.style, size, LAUREL_CX, baseline, block.tracking, draw=False).box)

    text = _shortened(line.line.text, fits)
    return _place(block, text if fits(text) else "", size, baseline)


def _fit(blocks: list[_Block]) -> list[_Line]:
    """The whole text at the largest scale that fits; at the floor scale, long texts end in an ellipsis,
    and a line still too wide where it stands is cut to fit, so the ink never leaves the ellipse."""
    for step in range(int((1 - MIN_SCALE) / SCALE_STEP) + 1):
        placed, fits = _layout(blocks, 1 - step * SCALE_STEP, truncate=False)
        if fits:
            return placed
    placed, fits = _layout(blocks, MIN_SCALE, truncate=True)
    # A block kept at its least size (the event's name) takes room the others then give up: fewer lines
    # for the blocks that shrink, down to one each, before any line is cut where it stands.
    cap = max(block.max_lines for block in blocks)
    while not fits and cap > 1 and any(block.min_size for block in blocks):
        cap -= 1
        fewer = [block if block.min_size else replace(block, max_lines=min(block.max_lines, cap)) for block in blocks]
        placed, fits = _layout(fewer, MIN_SCALE, truncate=True)
    return placed if fits else [_clamped(line) for line in placed]


def _clean(text: str) -> str:
    """Laurel text as drawn: no character XML forbids, precomposed (NFC) so accents come from the font."""
    return unicodedata.normalize("NFC", XML_INVALID.sub("", text))


def _blocks(row: AwardRow, accent: str, ink: str, lang: Language = ENGLISH) -> list[_Block]:
    blocks = [_Block(_clean(row_word(row, lang)), 28, accent, "bold", tracking=0.12, max_lines=2)]
    category = category_shown(row)
    if category:
        blocks.append(_Block(_clean(category), 22, ink, max_lines=5))
    shared = shared_line(row, lang)
    if shared:
        blocks.append(_Block(_clean(shared), 15, ink, "italic", max_lines=4))
    if row.result == "won" and not row.result_stated:  # only drawn when a kit includes such wins
        blocks.append(_Block(f"({lang._(UNSTATED_TAG)})", 13, ink, "italic", max_lines=3))
    elif weakly_stated(row):  # likewise
        blocks.append(_Block(f"({weak_reason(row, lang)})", 13, ink, "italic", max_lines=3))
    blocks.append(_Block(_clean(row.event), EVENT_SIZE, ink, "italic", max_lines=4, min_size=EVENT_MIN_SIZE))
    if row.year is not None:
        blocks.append(_Block(str(row.year), 26, accent, "bold", tracking=0.06, max_lines=1))
        if "year" in row.inferred:  # a year no source states is never drawn as if one did
            blocks.append(_Block(lang._(INFERRED_MARKS["year"]).strip(), 13, ink, "italic", max_lines=1))
    return blocks


def _colors(row: AwardRow, finish: str) -> tuple[str, str]:
    """The finish's accent (wreath, result word, year) and ink (the other text)."""
    if finish == "color":
        return COLORS.get(row.result, OTHER_COLOR), INK
    if finish not in FINISH_COLORS:
        raise ValueError(f"unknown laurel finish {finish!r}: one of {', '.join(FINISHES)}")
    return FINISH_COLORS[finish], FINISH_COLORS[finish]


@functools.lru_cache(maxsize=512)
def _fitted(blocks: tuple[_Block, ...]) -> tuple[tuple[_Block, float, float, SetLine], ...]:
    """The lines of colourless blocks, fitted and drawn. Cached: a kit draws each laurel in four
    finishes, which differ in colour only, and fitting and outlining the text is most of the work."""
    return tuple(
        (
            p.block,
            p.size,
            p.baseline,
            set_line(p.line.text, p.block.style, p.size, LAUREL_CX, p.baseline, p.block.tracking),
        )
        for p in _fit(list(blocks))
    )


def _drawn(row: AwardRow, finish: str, lang: Language = ENGLISH) -> list[tuple[_Block, float, float, SetLine]]:
    """The row's lines, fitted and drawn: block (in the finish's colours), font size, baseline, and the
    set line with its path."""
    blocks = _blocks(row, *_colors(row, finish), lang)
    colours = {(b.text, b.style, b.size): b.color for b in blocks}
    return [
        (replace(block, color=colours[(block.text, block.style, block.size)]), size, baseline, line)
        for block, size, baseline, line in _fitted(tuple(replace(b, color="") for b in blocks))
    ]


def text_geometry(row: AwardRow, lang: Language = ENGLISH) -> list[LineGeometry]:
    """Every line of the row's laurel as placed, with its ink box in laurel coordinates (any finish:
    the finish changes colours only)."""
    return [
        LineGeometry(
            line.text,
            block.style,
            size,
            block.tracking,
            LAUREL_CX,
            baseline,
            line.advance,
            line.box,
            line.path,
            line.fallbacks,
        )
        for block, size, baseline, line in _drawn(row, "color", lang)
    ]


def _fallback_text(block: _Block, size: float, baseline: float, run: Fallback) -> str:
    """Characters the font lacks, as <text> squeezed or stretched to exactly their measured slot."""
    style = (
        ' font-weight="bold"' if block.style == "bold" else ' font-style="italic"' if block.style == "italic" else ""
    )
    return (
        f'<text x="{run.x:.1f}" y="{baseline:.1f}" font-family="serif" font-size="{size:.1f}"{style} '
        f'fill="{block.color}" textLength="{run.width:.1f}" lengthAdjust="spacingAndGlyphs">{escape(run.text)}</text>'
    )


def laurel_svg(row: AwardRow, finish: str = "color", lang: Language = ENGLISH) -> str:
    """A standalone SVG laurel: the classic wreath around the result word, the category and the event.

    The wreath is drawn geometrically and the text as outlines of the bundled font (no font, image or
    fetch needed); texts wrap and shrink to stay inside the wreath. `finish`: "color" (the kit's
    palette), or "gold", "black" or "white": everything in that one colour, for print. The background
    is transparent. It has no ids, so several can be inlined into one HTML page; the same row gives
    the same bytes.
    """
    accent, _ = _colors(row, finish)
    label = escape(laurel_line(row, lang=lang))
    branch = _branch(accent)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LAUREL_W} {LAUREL_H}" width="{LAUREL_W}" '
        f'height="{LAUREL_H}" role="img" aria-label="{label}" class="laurel {result_class(row.result)}">',
        f"<title>{label}</title>",
        # The drawn text, as text: outlines are pictures to a screen reader, a search or a copy.
        f"<desc>{escape(' / '.join(block.text for block in _blocks(row, accent, accent, lang)))}</desc>",
        *branch,
        f'<g transform="translate({LAUREL_W} 0) scale(-1 1)">',  # the right branch mirrors the left
        *branch,
        "</g>",
    ]
    for block, size, baseline, line in _drawn(row, finish, lang):
        if line.path:
            parts.append(f'<path d="{line.path}" fill="{block.color}"/>')
        parts += [_fallback_text(block, size, baseline, run) for run in line.fallbacks]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def laurel_png(row: AwardRow, finish: str = "color", width: int = 1200, lang: Language = ENGLISH) -> bytes:
    """The laurel as a PNG `width` pixels wide (the height in proportion, rounded up), on a
    transparent background, rendered by resvg. The outlines need no font; characters the bundled font
    lacks (drawn as <text>) are rendered from the system's fonts, resvg falling back from the bundled
    serif to any font that has them (nothing is drawn for them where none has)."""
    import resvg_py  # only the PNG needs it

    if width < 1:
        raise ValueError(f"a laurel PNG needs a width of at least 1 pixel, not {width}")
    svg = laurel_svg(row, finish, lang)
    with contextlib.ExitStack() as stack:
        fonts = [str(stack.enter_context(resources.as_file(font_file(style)))) for style in STYLES]
        png = resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width,
            font_files=fonts,
            serif_family=FAMILY,
            skip_system_fonts="<text" not in svg,  # outlines only: no need to scan the system's fonts
        )
    return bytes(png)
