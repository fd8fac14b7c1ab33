"""The laurels as outlines of the bundled font: every line's ink inside the wreath, for the bundled data
and for hostile, long and CJK rows; the finishes; the PNG; the fonts themselves."""

from __future__ import annotations

import hashlib
import math
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.svgLib.path import parse_path
from fontTools.ttLib import TTFont

from lasttrain_awards.database.queries import AwardRow, list_awards
from lasttrain_awards.presskit import outlines
from lasttrain_awards.presskit.laurel import (
    FINISH_COLORS,
    FINISHES,
    LAUREL_CX,
    LAUREL_CY,
    LAUREL_H,
    LAUREL_W,
    MIN_SCALE,
    TEXT_RX,
    TEXT_RY,
    LineGeometry,
    laurel_png,
    laurel_svg,
    text_geometry,
)
from lasttrain_awards.presskit.theme import COLORS, INK, OTHER_COLOR
from lasttrain_awards.presskit.wording import laurel_line
from tests.builders import KIT_ROWS, LONG_CATEGORY, award_row, loaded_engine, subset_script

SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path(outlines.__file__).resolve().parent / "fonts"
ROUNDING = 0.15  # path coordinates are rounded to 0.1 unit, a `t` control point snapped by up to 0.1


# KIT_ROWS: the hostile, long and CJK rows the press kit's page tests use. EXTREME: past what any festival prints;
# the guarantee must hold all the same.
EXTREME = [
    award_row("huge-2010", 2010, "Huge " * 300, "Prize " * 400, "won", shared_with=["A Film", "Another Film"]),
    award_row("word-2010", 2010, "W" * 600, "M" * 600, "special-mention"),
    award_row("cjklong-2010", 2010, "归途列车" * 100, "最佳纪录片" * 100, "won"),
    award_row("emoji-2010", 2010, "🏆 Festival 🎬", "Best Film 🏆🏆🏆", "won"),
    award_row("rtl-2010", 2010, "مهرجان الفيلم", "جائزة أفضل فيلم وثائقي", "won", result_stated=False),
    award_row(
        "mixed-2010",
        None,
        "Cine\u0301ma Zagreb\u200bDox \u3000 Кинофестиваль Ἀθῆναι",
        "Best\x00 Film\x1f  ",
        "selected",
    ),
    award_row("blank-2010", 2010, "", "   ", "prize-of-some-kind"),
    award_row("việt-2011", 2011, "Liên hoan phim Việt Nam", "Bông Sen Vàng", "won"),
]


@pytest.fixture(scope="module")
def bundled_rows(tmp_path_factory: pytest.TempPathFactory) -> list[AwardRow]:
    """Every accolade of the bundled dataset, as the CLI lists them (each one drawn, laurelled or not)."""
    engine = loaded_engine(tmp_path_factory.mktemp("laurels") / "awards.sqlite")
    try:
        rows = list_awards(engine)
    finally:
        engine.dispose()
    assert rows
    return rows


def half_width(y: float) -> float:
    """Half the width of the text ellipse at height y (0 outside it)."""
    dy = (y - LAUREL_CY) / TEXT_RY
    return TEXT_RX * math.sqrt(1 - dy * dy) if abs(dy) < 1 else 0.0


def corners_outside(box: tuple[float, float, float, float], slack: float = 0.0) -> list[tuple[float, float]]:
    """The corners of a (left, top, right, bottom) box outside the text ellipse, or the viewBox."""
    left, top, right, bottom = box
    outside = [(x, y) for y in (top, bottom) for x in (left, right) if abs(x - LAUREL_CX) > half_width(y) + slack]
    inside_view = left >= 0 and right <= LAUREL_W and top >= 0 and bottom <= LAUREL_H
    return outside + ([] if inside_view else [(left, top), (right, bottom)])


def path_bounds(d: str) -> tuple[float, float, float, float]:
    """The exact bounds of a path as an SVG viewer draws it: (left, top, right, bottom)."""
    pen = BoundsPen(None)
    parse_path(d, pen)
    assert pen.bounds is not None, d[:80]
    return pen.bounds


def text_paths(root: ET.Element) -> list[ET.Element]:
    """The laurel's text lines: the wreath's paths are the stem (no fill) and the leaves (transformed)."""
    return [p for p in root.findall(f"{SVG}path") if p.get("fill") != "none" and p.get("transform") is None]


def check_geometry(row: AwardRow) -> list[LineGeometry]:
    """Every line's ink inside the text ellipse, by the layout's ink boxes and by the drawn SVG itself."""
    lines = text_geometry(row)
    svg = laurel_svg(row)
    root = ET.fromstring(svg)
    for line in lines:
        assert line.x_center == LAUREL_CX
        assert line.advance == pytest.approx(outlines.advance_width(line.text, line.style, line.size, line.tracking))
        if line.box is not None:
            assert not corners_outside(line.box), (row.id, line.text, line.box)
        else:
            assert not line.path and not line.fallbacks, line
    # The same from what a viewer draws: each <path>'s exact bounds, each fallback <text>'s slot.
    drawn = text_paths(root)
    assert [p.get("d") for p in drawn] == [line.path for line in lines if line.path]
    for line, path in zip([line for line in lines if line.path], drawn, strict=True):
        bounds = path_bounds(path.get("d", ""))
        assert not corners_outside(bounds), (row.id, line.text, bounds)
        assert line.box is not None
        if not line.fallbacks:  # the path is the whole line: its bounds are the ink box
            assert bounds == pytest.approx(tuple(line.box), abs=ROUNDING), line.text
            # laid out at its measured advance, centred: the ink ends within side bearings of it
            start, end = LAUREL_CX - line.advance / 2, LAUREL_CX + line.advance / 2
            assert start - 0.2 * line.size <= bounds[0] <= start + 0.4 * line.size, line.text
            assert end - 0.4 * line.size <= bounds[2] <= end + 0.2 * line.size, line.text
    for text in root.iter(f"{SVG}text"):
        x, y, size, length = (float(text.get(a, "nan")) for a in ("x", "y", "font-size", "textLength"))
        assert text.get("lengthAdjust") == "spacingAndGlyphs"
        slot = (x, y - outlines.MISSING_ASCENT * size, x + length, y + outlines.MISSING_DESCENT * size)
        assert not corners_outside(slot), (row.id, text.text, slot)
    return lines


def test_every_bundled_laurel_stays_inside_its_wreath(bundled_rows: list[AwardRow]) -> None:
    for row in bundled_rows:
        lines = check_geometry(row)
        assert lines[0].size > 0 and any(line.path for line in lines), row.id


@pytest.mark.slow
def test_the_bundled_laurels_are_outlines_only(bundled_rows: list[AwardRow]) -> None:
    """The bundled font has every character of the bundled data: no laurel depends on a viewer's font."""
    for row in bundled_rows:
        texts = [row.event, row.category, *row.shared_with]
        assert all(outlines.has_glyphs(text, style) for text in texts for style in outlines.STYLES), texts
        for finish in FINISHES:
            svg = laurel_svg(row, finish)
            assert "<text" not in svg and "font-family" not in svg and "font-size" not in svg, row.id
            assert len(svg.encode()) < 60_000, (row.id, len(svg))


@pytest.mark.parametrize(
    "row",
    [*KIT_ROWS, *(pytest.param(row, marks=pytest.mark.slow) for row in EXTREME)],  # the extreme ones take seconds
    ids=lambda row: row.id,
)
def test_hostile_long_and_cjk_laurels_stay_inside_their_wreath(row: AwardRow) -> None:
    check_geometry(row)
    svg = laurel_svg(row)
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == laurel_line(row).replace("\x00", "").replace("\x1f", "")
    assert root.get("aria-label") == root.findtext(f"{SVG}title")
    assert len(svg.encode()) < (60_000 if row in KIT_ROWS else 100_000), len(svg)


def test_a_latin_row_is_outlines_only() -> None:
    for row in KIT_ROWS:
        if row.id != "cjk-2010":
            svg = laurel_svg(row)
            assert "<text" not in svg and "font-family" not in svg, row.id
            assert all(line.fallbacks == () for line in text_geometry(row))


def test_characters_the_font_lacks_are_text_in_a_measured_slot() -> None:
    row = next(r for r in KIT_ROWS if r.id == "cjk-2010")
    lines = {line.text: line for line in text_geometry(row)}
    assert [f.text for f in lines["最佳纪录片"].fallbacks] == ["最佳纪录片"]
    assert lines["最佳纪录片"].path == ""
    festival = lines["归途列车 Festival"]
    assert [f.text for f in festival.fallbacks] == ["归途列车"]
    assert festival.path  # " Festival" is outlines all the same
    size = festival.size
    assert festival.fallbacks[0].width == pytest.approx(4 * size)  # 1 em a character
    assert festival.advance == pytest.approx(4 * size + outlines.advance_width(" Festival", "italic", size))
    root = ET.fromstring(laurel_svg(row))
    texts = list(root.iter(f"{SVG}text"))
    assert [t.text for t in texts] == ["最佳纪录片", "归途列车"]
    assert {t.get("font-style") for t in texts} == {None, "italic"}
    # Emoji and invisible characters the font lacks: a slot each, but no <text> for nothing to draw.
    mixed = next(r for r in EXTREME if r.id == "mixed-2010")
    assert all(f.text.strip("\u3000") for line in text_geometry(mixed) for f in line.fallbacks)


@pytest.mark.slow
def test_text_wraps_shrinks_and_is_cut_short_only_at_the_floor() -> None:
    short = text_geometry(next(r for r in KIT_ROWS if r.id == "cjk-2010"))
    assert short[0].text == "WINNER" and short[0].size == 28  # fits at full size
    long = text_geometry(next(r for r in KIT_ROWS if r.id == "long-2012"))
    assert MIN_SCALE * 28 < long[0].size < 28  # shrunk, not truncated
    assert not any(line.text.endswith("…") for line in long)
    assert " ".join(line.text for line in long[1:-2]).split() == LONG_CATEGORY.split()
    huge = text_geometry(next(r for r in EXTREME if r.id == "huge-2010"))
    assert huge[0].size == pytest.approx(28 * MIN_SCALE)
    cut = [line.text for line in huge if line.text.endswith(" …")]
    assert len(cut) == 2 and cut[0].startswith("Prize") and cut[1].startswith("Huge")  # category, event
    assert huge[-1].text == "2010"
    for row in KIT_ROWS + EXTREME:
        lines = text_geometry(row)
        if any(line.text.endswith("…") for line in lines):  # only ever at the floor scale
            assert lines[0].size == pytest.approx(28 * MIN_SCALE), row.id


@pytest.mark.slow
@pytest.mark.parametrize("finish", FINISHES)
def test_each_finish_is_well_formed_and_in_its_colours_only(finish: str) -> None:
    for row in KIT_ROWS + EXTREME:
        svg = laurel_svg(row, finish)
        root = ET.fromstring(svg)
        used = {e.get(a) for e in root.iter() for a in ("fill", "stroke") if e.get(a) not in (None, "none")}
        accent = COLORS.get(row.result, OTHER_COLOR)
        expected = {accent, INK} if finish == "color" else {FINISH_COLORS[finish]}
        assert (accent if finish == "color" else FINISH_COLORS[finish]) in used
        assert used <= expected, (row.id, used)
        assert not re.search(r"\sstyle=|<rect|opacity", svg)  # no CSS to override a colour; a transparent background
        assert len(text_paths(root)) >= 1


def test_an_unknown_finish_is_refused() -> None:
    with pytest.raises(ValueError, match="finish"):
        laurel_svg(KIT_ROWS[0], "silver")


@pytest.mark.slow
def test_laurels_are_deterministic_and_carry_no_ids() -> None:
    for row in KIT_ROWS + EXTREME:
        for finish in FINISHES if row in KIT_ROWS else ("color",):
            svg = laurel_svg(row, finish)
            assert laurel_svg(row, finish) == svg
            assert not re.search(r"\sid=", svg)
            assert all("id" not in e.attrib for e in ET.fromstring(svg).iter())


def test_laurels_are_the_same_bytes_in_another_process() -> None:
    """No set or hash order leaks into a laurel: another interpreter, another hash seed, the same bytes."""
    row = next(r for r in KIT_ROWS if r.id == "hostile-2010")
    script = (
        "import hashlib, sys\n"
        "from lasttrain_awards.database.queries import AwardRow\n"
        "from lasttrain_awards.presskit.laurel import laurel_svg\n"
        f"row = AwardRow(*{tuple(row)!r})\n"
        "sys.stdout.write(hashlib.sha256(laurel_svg(row, 'gold').encode()).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert result.stdout == hashlib.sha256(laurel_svg(row, "gold").encode()).hexdigest()


def png_image(data: bytes) -> tuple[int, int, list[bytearray]]:
    """A PNG's width, height and RGBA rows (8-bit RGBA only, as resvg writes them), unfiltered."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    idat = b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, color) == (8, 6), "8-bit RGBA"
    raw, stride, rows = zlib.decompress(idat), width * 4, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a, b, c = (line[i - 4] if i >= 4 else 0), previous[i], (previous[i - 4] if i >= 4 else 0)
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, rows


def test_a_laurel_png_has_the_width_asked_and_a_transparent_background() -> None:
    row = next(r for r in KIT_ROWS if r.id == "idfa-2009")
    png = laurel_png(row)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, math.ceil(1200 * LAUREL_H / LAUREL_W))
    for finish in FINISHES:
        width, height, rows = png_image(laurel_png(row, finish, width=180))
        assert (width, height) == (180, 160)
        alpha = [line[i] for line in rows for i in range(3, len(line), 4)]
        assert alpha.count(0) > len(alpha) / 2 and alpha.count(255) > 100, finish  # mostly clear, ink opaque
        if finish != "color":  # one colour: every opaque pixel is the finish's
            rgb = FINISH_COLORS[finish].lstrip("#")
            opaque = {
                bytes(line[i : i + 3]).hex() for line in rows for i in range(0, len(line), 4) if line[i + 3] == 255
            }
            assert opaque == {rgb}, (finish, opaque)
    assert laurel_png(next(r for r in KIT_ROWS if r.id == "cjk-2010"), width=90)[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="width"):
        laurel_png(row, width=0)


def test_outlines_measure_kern_track_and_box() -> None:
    a, v = (outlines.advance_width(c, "regular", 100) for c in "AV")
    assert outlines.advance_width("AV", "regular", 100) < a + v  # pair kerning
    plain = outlines.advance_width("WINNER", "bold", 20)
    assert outlines.advance_width("WINNER", "bold", 20, tracking=0.1) == pytest.approx(plain + 5 * 0.1 * 20)
    assert outlines.advance_width("Cine\u0301ma", "italic", 10) == outlines.advance_width("Cinéma", "italic", 10)
    assert outlines.has_glyphs("Cine\u0301ma Αθήνα Кино Việt “…” \u2013 №", "italic")
    assert not outlines.has_glyphs("归途", "regular")
    assert outlines.advance_width("归途", "regular", 10) == pytest.approx(20)  # 1 em each
    assert outlines.advance_width("", "regular", 10) == 0
    assert outlines.ink_box("", "regular", 10, 0, 0) is None
    assert outlines.ink_box("   ", "regular", 10, 0, 0) is None
    assert outlines.text_path(" ", "regular", 10, 0, 0) == ""
    box = outlines.ink_box("x", "regular", 100, 50, 200)
    assert (
        box is not None and 0 < box.left < box.right < 100 and box.bottom == pytest.approx(200, abs=1) and box.top > 100
    )
    d = outlines.text_path("Hamburg", "bold", 40, 180, 100)
    assert path_bounds(d) == pytest.approx(tuple(outlines.ink_box("Hamburg", "bold", 40, 180, 100) or ()), abs=ROUNDING)
    with pytest.raises(ValueError, match="style"):
        outlines.advance_width("x", "oblique", 10)  # type: ignore[arg-type]


def test_the_fonts_are_bundled_with_their_license() -> None:
    license_text = (FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in license_text and "DejaVu changes are in public domain" in license_text
    assert "DejaVu Serif 2.37" in (FONTS / "README.md").read_text(encoding="utf-8")
    for style in outlines.STYLES:
        with outlines.font_file(style).open("rb") as stream:
            font = TTFont(stream)
        assert font["name"].getDebugName(1) == outlines.FAMILY
        assert "Bitstream" in (font["name"].getDebugName(13) or "")  # the license travels in the font too
        assert "glyf" in font and "GPOS" in font
        assert (FONTS / outlines.FONT_FILES[style]).stat().st_size < 100_000


def test_the_subsets_are_reproducible(tmp_path: Path) -> None:
    """scripts/subset_fonts.py makes the bundled files again, byte for byte (from Debian's fonts-dejavu-core)."""
    source = Path("/usr/share/fonts/truetype/dejavu")
    if not (source / "DejaVuSerif.ttf").is_file():
        pytest.skip("no DejaVu Serif source fonts here (Debian: fonts-dejavu-core)")
    subset = subset_script()
    for source_name, target_name in subset.FACES.items():
        subset.make_subset(source / source_name, tmp_path / target_name)
        assert (tmp_path / target_name).read_bytes() == (FONTS / target_name).read_bytes(), target_name
