"""Regenerate the bundled fonts: DejaVu Serif for the laurels, DejaVu Sans and a CJK subset of Noto
Sans CJK for the PDF fact sheet.

    python scripts/subset_fonts.py [SOURCE_DIR [CJK_SOURCE]]

SOURCE_DIR holds DejaVuSerif.ttf, DejaVuSerif-Bold.ttf, DejaVuSerif-Italic.ttf, DejaVuSans.ttf,
DejaVuSans-Bold.ttf and DejaVuSans-Oblique.ttf, version 2.37 (Debian's fonts-dejavu-core and
fonts-dejavu-extra put them in /usr/share/fonts/truetype/dejavu, the default; upstream:
https://dejavu-fonts.github.io/). The Serif subsets keep the characters of CHARACTERS and those of the
bundled data's names (data_characters), the `kern` feature (GPOS pair kerning, which outlines.py
applies) and the name table with its license text; they drop hinting, which outlines never use.
The Sans subsets keep CHARACTERS and every character of the bundled data the font has
(all_data_characters), since the fact sheet prints sources' titles and quotations too.

CJK_SOURCE is Debian's fonts-noto-cjk collection, /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
by default (Noto Sans CJK 2.004, under the SIL Open Font License 1.1: fonts/OFL.txt); its Simplified
Chinese face is subset to the characters of the bundled data that DejaVu Sans lacks (the film's
Chinese and Korean titles, sources' titles and words), a few dozen KB rather than 20 MB.

The output is byte-for-byte reproducible from the same sources, data and fontTools version: the
head table's timestamp is the source's, not the time of the run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]  # the checkout: this script is a maintainer's, not in the wheel
FONTS = ROOT / "lasttrain_awards" / "presskit" / "fonts"
DATA = ROOT / "data"  # the bundled dataset
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/dejavu")
FACES = {  # source file: bundled subset
    "DejaVuSerif.ttf": "DejaVuSerif-subset.ttf",
    "DejaVuSerif-Bold.ttf": "DejaVuSerif-Bold-subset.ttf",
    "DejaVuSerif-Italic.ttf": "DejaVuSerif-Italic-subset.ttf",
}
SANS_FACES = {  # the PDF fact sheet's text
    "DejaVuSans.ttf": "DejaVuSans-subset.ttf",
    "DejaVuSans-Bold.ttf": "DejaVuSans-Bold-subset.ttf",
    "DejaVuSans-Oblique.ttf": "DejaVuSans-Oblique-subset.ttf",
}
SOURCE_VERSION = "Version 2.37"
DEFAULT_CJK_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE = "Noto Sans CJK SC"  # the collection's face whose subset is bundled
CJK_VERSION = "Version 2.004"
CJK_TARGET = "NotoSansCJK-subset.ttf"
BLOCKS = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0300, 0x036F),  # Combining Diacritical Marks: what NFC cannot precompose
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional: Vietnamese, Welsh
    (0x2000, 0x206F),  # General Punctuation: curly quotes, dashes, the ellipsis, the spaces
    (0x20A0, 0x20CF),  # Currency Symbols
]
# So festival names in any Latin-script language, Greek or Cyrillic are outlines. Other scripts (CJK,
# Arabic, Hebrew, Indic...) are drawn by the viewer's fonts in a measured slot (see outlines.py).
EXTRA = "\u2116\u2122\u2117\u2212\ufffd"  # beyond the blocks: numero, trade mark, sound recording, minus


def data_characters(data: Path = DATA) -> set[int]:
    """What the bundled laurels draw: event names, categories and the titles a prize was shared with.

    Today all of them are in BLOCKS; a new one is kept if the source font has it (else it is drawn by
    the viewer's fonts, as outlines.py explains)."""
    texts: list[str] = []
    for path in sorted((data / "events").glob("*.json")):
        texts.append(json.loads(path.read_text(encoding="utf-8")).get("name", ""))
    for path in sorted((data / "awards").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            texts += [record.get("category", ""), *(s.get("title", "") for s in record.get("shared_with", []))]
    return {ord(c) for text in texts for c in text}


def all_data_characters(data: Path = DATA) -> set[int]:
    """Every character of the bundled data's files (the fact sheet prints titles, names, quotations)."""
    return {ord(c) for path in sorted(data.rglob("*.json")) for c in path.read_text(encoding="utf-8") if c >= " "}


CHARACTERS = sorted({c for lo, hi in BLOCKS for c in range(lo, hi + 1)} | {ord(c) for c in EXTRA})


def options() -> subset.Options:
    opts = subset.Options()
    opts.layout_features = ["kern"]  # pair kerning only: no ligatures or other substitutions are applied
    opts.hinting = False
    opts.drop_tables += ["FFTM", "MATH", "GSUB", "gasp"]
    opts.name_IDs = ["*"]  # the copyright and license (name IDs 0, 13, 14) travel with the font
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    return opts


def make_subset(source: Path, target: Path, characters: set[int] | None = None) -> None:
    font = TTFont(source, recalcTimestamp=False)
    version = font["name"].getDebugName(5)
    if version != SOURCE_VERSION:
        raise SystemExit(f"{source}: {version!r}, expected {SOURCE_VERSION!r} (the bundled subsets' source)")
    wanted = set(CHARACTERS) | (data_characters() if characters is None else characters)
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=sorted(wanted & set(font.getBestCmap())))
    subsetter.subset(font)
    font.save(target, reorderTables=True)


def make_sans_subset(source: Path, target: Path) -> None:
    make_subset(source, target, all_data_characters())


def cjk_characters(sans: Path, data: Path = DATA) -> set[int]:
    """The bundled data's characters that the DejaVu Sans subset lacks: the CJK subset's."""
    with sans.open("rb") as stream:
        covered = set(TTFont(stream).getBestCmap())
    return all_data_characters(data) - covered


def make_cjk_subset(source: Path, target: Path, characters: set[int]) -> None:
    from fontTools.ttLib import TTCollection

    faces = [
        face for face in TTCollection(source, recalcTimestamp=False).fonts if face["name"].getDebugName(4) == CJK_FACE
    ]
    if not faces:
        raise SystemExit(f"{source}: no face {CJK_FACE!r}")
    font = faces[0]
    version = (font["name"].getDebugName(5) or "").split(";")[0]
    if version != CJK_VERSION:
        raise SystemExit(f"{source}: {version!r}, expected {CJK_VERSION!r} (the bundled subset's source)")
    opts = options()
    opts.layout_features = []  # no vertical forms or locale substitutions: the fact sheet sets text horizontally
    opts.drop_tables += ["GPOS", "VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=sorted(characters & set(font.getBestCmap())))
    subsetter.subset(font)
    to_truetype(font)
    font.save(target, reorderTables=True)


def to_truetype(font: TTFont, max_error: float = 1.0) -> None:
    """Cubic CFF outlines to quadratic TrueType ones (fontTools' otf2ttf recipe), so that the PDF embeds
    the CJK subset as it embeds DejaVu Sans: a CIDFontType2 with the Identity-H encoding, which every
    PDF reader maps back to text."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _report(target: Path, source: Path) -> None:
    digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
    print(f"{target.name}: {target.stat().st_size} bytes, sha256 {digest}… (from {source})")


def main(argv: list[str]) -> int:
    source_dir = Path(argv[0]) if argv else DEFAULT_SOURCE
    cjk_source = Path(argv[1]) if len(argv) > 1 else DEFAULT_CJK_SOURCE
    for source_name, target_name in FACES.items():
        source, target = source_dir / source_name, FONTS / target_name
        make_subset(source, target)
        _report(target, source)
    for source_name, target_name in SANS_FACES.items():
        source, target = source_dir / source_name, FONTS / target_name
        make_sans_subset(source, target)
        _report(target, source)
    make_cjk_subset(cjk_source, FONTS / CJK_TARGET, cjk_characters(FONTS / SANS_FACES["DejaVuSans.ttf"]))
    _report(FONTS / CJK_TARGET, cjk_source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
