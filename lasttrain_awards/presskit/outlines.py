"""Text as outlines: lines measured and drawn from the bundled font, so they look the same everywhere.

The laurels' text is set in DejaVu Serif (regular, bold, italic), subsets bundled in fonts/ (see its
README and LICENSE.txt), read with fontTools. A line is measured by the font's advance widths (hmtx)
plus its pair kerning (GPOS `kern`), and drawn as one SVG path `d` (relative commands at 0.1 unit);
its ink box is the union of its glyphs' exact bounds (BoundsPen), so a caller can prove where the ink
lies. No ligatures or other substitutions are applied; text is taken in NFC (a letter and a combining
accent become the precomposed letter the font has; a mark with no precomposed form is drawn as the
font's combining glyph, without mark positioning).

Characters the fonts lack (CJK, Arabic, Hebrew, Indic scripts, emoji) cannot be outlined: each run
of them is handed back as a `Fallback`, for the caller to draw as SVG <text> in the viewer's fonts,
in a slot measured conservatively: MISSING_WIDTH (1 em) a character, the natural width of a CJK
ideograph and more than most other glyphs take, drawn condensed or stretched to exactly that width
(textLength with lengthAdjust="spacingAndGlyphs"), and from MISSING_ASCENT em above the baseline to
MISSING_DESCENT em below. That slot counts in the line's advance and ink box, so a fit that holds for
the box holds whatever font draws those characters (and a renderer that ignores textLength still
keeps within it for glyphs up to 1 em wide). Only those characters depend on the viewer's fonts; the
rest of the line is outlines all the same.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal, NamedTuple

from fontTools.pens.basePen import BasePen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

Style = Literal["regular", "bold", "italic"]
STYLES: tuple[Style, ...] = ("regular", "bold", "italic")
FONT_FILES: dict[Style, str] = {
    "regular": "DejaVuSerif-subset.ttf",
    "bold": "DejaVuSerif-Bold-subset.ttf",
    "italic": "DejaVuSerif-Italic-subset.ttf",
}
MISSING_WIDTH = 1.0  # em: a character the font lacks gets a slot this wide
MISSING_ASCENT, MISSING_DESCENT = 1.0, 0.3  # em above and below the baseline: room for any such glyph
INVISIBLE = ("Zs", "Zl", "Zp", "Cc", "Cf")  # missing characters that draw nothing: no <text> for them


class Box(NamedTuple):
    """An axis-aligned box in SVG coordinates (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def union(self, other: Box | None) -> Box:
        if other is None:
            return self
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


@dataclass(frozen=True)
class Fallback:
    """A run of characters the font lacks: to be drawn as <text> from `x` (its left edge), `width` wide."""

    text: str
    x: float
    width: float


@dataclass(frozen=True)
class SetLine:
    """A line set in the bundled font: its advance width, its outlines as a path `d` (empty if there
    is nothing to draw), its runs of missing characters, and the box its ink stays in (None: no ink)."""

    text: str
    advance: float
    path: str
    fallbacks: tuple[Fallback, ...]
    box: Box | None


def _tenths(value: int) -> str:
    """A length in tenths of a unit, as short as SVG allows: 12 -> "1.2", 5 -> ".5", -5 -> "-.5", 30 -> "3"."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, tenth = divmod(value, 10)
    return sign + (str(whole) if whole or not tenth else "") + (f".{tenth}" if tenth else "")


class _PathPen(BasePen):  # type: ignore[misc]  # fontTools is untyped
    """An SVG path `d` in relative commands at 0.1 unit, about half the bytes of SVGPathPen's absolute
    ones. Every on-curve point is rounded once, absolutely, and each command moves between
    rounded points, so no error builds up along a line. A quadratic control point within 0.1 of the
    reflection of the previous one (as TrueType's implied on-curve points make it) is written as the
    shorthand `t`, which takes the reflection: the curve then moves by at most 0.05 more, 0.1 in all."""

    def __init__(self, glyphs: Any) -> None:
        super().__init__(glyphs)  # a composite glyph (an accented letter) draws its components from it
        self.parts: list[str] = []
        self._at = (0, 0)  # the current point, in tenths
        self._start = (0, 0)  # where the subpath began
        self._control: tuple[int, int] | None = None  # the last quadratic control point, for `t`
        self._command = ""

    @staticmethod
    def _tenths_of(point: tuple[float, float]) -> tuple[int, int]:
        return round(point[0] * 10), round(point[1] * 10)

    def _emit(self, command: str, *points: tuple[int, int]) -> None:
        """The command to these points (in tenths), relative to the current point; h and v take the end."""
        x0, y0 = self._at
        if command == "h":
            numbers = [points[-1][0] - x0]
        elif command == "v":
            numbers = [points[-1][1] - y0]
        else:
            numbers = [n for x, y in points for n in (x - x0, y - y0)]
        text = ""
        for number in numbers:
            word = _tenths(number)
            text += word if not text or word.startswith("-") else " " + word
        repeat = command == self._command and command != "m"  # SVG repeats a command for more numbers
        self.parts.append((text if text.startswith("-") else " " + text) if repeat else command + text)
        self._command = command
        self._at = points[-1]
        self._control = None

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self._command = ""  # a new subpath: its first command always carries its letter
        self._emit("m", self._tenths_of(pt))
        self._start = self._at

    def _lineTo(self, pt: tuple[float, float]) -> None:
        x, y = self._tenths_of(pt)
        if (x, y) == self._at:
            return
        self._emit("h" if y == self._at[1] else "v" if x == self._at[0] else "l", (x, y))

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        control, end = self._tenths_of(pt1), self._tenths_of(pt2)
        if self._control is not None:
            reflected = (2 * self._at[0] - self._control[0], 2 * self._at[1] - self._control[1])
            if abs(reflected[0] - control[0]) <= 1 and abs(reflected[1] - control[1]) <= 1:
                self._emit("t", end)
                self._control = reflected
                return
        self._emit("q", control, end)
        self._control = control

    def _curveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]) -> None:
        self._emit("c", self._tenths_of(pt1), self._tenths_of(pt2), self._tenths_of(pt3))

    def _closePath(self) -> None:
        self.parts.append("z")
        self._command = "z"
        self._at = self._start
        self._control = None

    def getCommands(self) -> str:
        return "".join(self.parts)


class _Face:
    """One bundled font, with what a line needs from it, each glyph's bounds and kerning cached."""

    def __init__(self, font: TTFont) -> None:
        self.font = font
        self.glyphs = font.getGlyphSet()
        self.cmap: dict[int, str] = font.getBestCmap()
        self.units = float(font["head"].unitsPerEm)
        self.advances: dict[str, int] = {name: metric[0] for name, metric in font["hmtx"].metrics.items()}
        self._bounds: dict[str, tuple[float, float, float, float] | None] = {}
        self._kerning: dict[tuple[str, str], int] = {}
        self._pairs = self._pair_subtables(font)

    @staticmethod
    def _pair_subtables(font: TTFont) -> list[Any]:
        """The GPOS pair-positioning subtables of the `kern` feature, in lookup order."""
        if "GPOS" not in font:
            return []
        table = font["GPOS"].table
        indices = sorted(
            {
                i
                for record in table.FeatureList.FeatureRecord
                if record.FeatureTag == "kern"
                for i in record.Feature.LookupListIndex
            }
        )
        subtables = []
        for index in indices:
            lookup = table.LookupList.Lookup[index]
            for subtable in lookup.SubTable:
                if lookup.LookupType == 9:  # an extension: the real subtable inside
                    subtable = subtable.ExtSubTable
                if subtable.LookupType == 2:
                    subtables.append(subtable)
        return subtables

    def bounds(self, glyph: str) -> tuple[float, float, float, float] | None:
        """The glyph's exact ink bounds in font units (xMin, yMin, xMax, yMax); None for a blank glyph."""
        if glyph not in self._bounds:
            pen = BoundsPen(self.glyphs)
            self.glyphs[glyph].draw(pen)
            self._bounds[glyph] = pen.bounds
        return self._bounds[glyph]

    def kerning(self, left: str, right: str) -> int:
        """The pair's advance adjustment in font units, as the first subtable covering `left` gives it."""
        key = (left, right)
        if key not in self._kerning:
            self._kerning[key] = self._kern(left, right)
        return self._kerning[key]

    def _kern(self, left: str, right: str) -> int:
        for subtable in self._pairs:
            coverage = subtable.Coverage.glyphs
            if left not in coverage:
                continue
            if subtable.Format == 1:
                pairs = subtable.PairSet[coverage.index(left)].PairValueRecord
                record = next((r for r in pairs if r.SecondGlyph == right), None)
                if record is None:
                    continue  # not in this subtable: a later one may have the pair
                value = record.Value1
            else:
                first = subtable.ClassDef1.classDefs.get(left, 0)
                second = subtable.ClassDef2.classDefs.get(right, 0)
                value = subtable.Class1Record[first].Class2Record[second].Value1
            return int(getattr(value, "XAdvance", 0) or 0)
        return 0


FAMILY = "DejaVu Serif"  # the bundled fonts' family name


def font_file(style: Style) -> Traversable:
    """The bundled font file of a style (open it, or get a path with importlib.resources.as_file)."""
    if style not in FONT_FILES:
        raise ValueError(f"unknown style {style!r}: one of {', '.join(STYLES)}")
    return resources.files("lasttrain_awards.presskit") / "fonts" / FONT_FILES[style]


@functools.cache
def _face(style: Style) -> _Face:
    """The bundled font of a style, loaded once."""
    with font_file(style).open("rb") as stream:
        return _Face(TTFont(stream, lazy=False))


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_glyphs(text: str, style: Style) -> bool:
    """Whether the bundled font draws every character of the text (no fallback is needed)."""
    cmap = _face(style).cmap
    return all(ord(char) in cmap for char in _normal(text))


def _measure(text: str, style: Style, size: float, tracking: float) -> tuple[list[str | None], list[float]]:
    """Each character's glyph (None: the font lacks it) and the advance it takes: its own, its kerning
    with the next character, and the tracking (in em) before the next."""
    face = _face(style)
    scale = size / face.units
    glyphs = [face.cmap.get(ord(char)) for char in text]
    widths: list[float] = []
    for index, glyph in enumerate(glyphs):
        following = glyphs[index + 1] if index + 1 < len(glyphs) else None
        if glyph is None:
            width = MISSING_WIDTH * size
        else:
            width = face.advances[glyph] * scale
            width += face.kerning(glyph, following) * scale if following is not None else 0.0
        widths.append(width + (tracking * size if index + 1 < len(glyphs) else 0.0))
    return glyphs, widths


def set_line(
    text: str, style: Style, size: float, x_center: float, baseline: float, tracking: float = 0.0, draw: bool = True
) -> SetLine:
    """The line centred on `x_center` (by its advance width), its baseline at `baseline`.

    `size` is the font size in user units, `tracking` the letter spacing in em, added between
    characters. Without `draw`, only the measures: the path is left empty.
    """
    face = _face(style)
    text = _normal(text)
    scale = size / face.units
    glyphs, widths = _measure(text, style, size, tracking)
    advance = sum(widths)
    pen = _PathPen(face.glyphs)
    box: Box | None = None
    fallbacks: list[Fallback] = []
    run = ""
    run_x = 0.0

    def flush() -> None:
        nonlocal box, run
        if run:
            width = MISSING_WIDTH * size * len(run) + tracking * size * (len(run) - 1)
            slot = Box(run_x, baseline - MISSING_ASCENT * size, run_x + width, baseline + MISSING_DESCENT * size)
            box = slot.union(box)
            if not all(unicodedata.category(char) in INVISIBLE for char in run):
                fallbacks.append(Fallback(run, run_x, width))
            run = ""

    x = x_center - advance / 2
    for char, glyph, width in zip(text, glyphs, widths, strict=True):
        if glyph is None:
            run_x = x if not run else run_x
            run += char
        else:
            flush()
            bounds = face.bounds(glyph)
            if bounds is not None:
                x_min, y_min, x_max, y_max = bounds
                ink = Box(x + x_min * scale, baseline - y_max * scale, x + x_max * scale, baseline - y_min * scale)
                box = ink.union(box)
                if draw:
                    face.glyphs[glyph].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        x += width
    flush()
    return SetLine(text, advance, pen.getCommands(), tuple(fallbacks), box)


def advance_width(text: str, style: Style, size: float, tracking: float = 0.0) -> float:
    """The line's width as set: advances, pair kerning, tracking (in em) between characters, and
    MISSING_WIDTH em for each character the font lacks."""
    return sum(_measure(_normal(text), style, size, tracking)[1])


def text_path(text: str, style: Style, size: float, x_center: float, baseline: float, tracking: float = 0.0) -> str:
    """The line's outlines as an SVG path `d` (characters the font lacks are left out: see set_line)."""
    return set_line(text, style, size, x_center, baseline, tracking).path


def ink_box(
    text: str, style: Style, size: float, x_center: float, baseline: float, tracking: float = 0.0
) -> Box | None:
    """The box the line's ink stays in (with the slots of missing characters); None if it draws nothing."""
    return set_line(text, style, size, x_center, baseline, tracking, draw=False).box
