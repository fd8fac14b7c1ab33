"""Regenerate the bundled laurel fonts: subsets of DejaVu Serif (regular, bold, italic).

    python scripts/subset_fonts.py [SOURCE_DIR]

SOURCE_DIR holds DejaVuSerif.ttf, DejaVuSerif-Bold.ttf and DejaVuSerif-Italic.ttf, version 2.37
(Debian's fonts-dejavu-core puts them in /usr/share/fonts/truetype/dejavu, the default; upstream:
https://dejavu-fonts.github.io/). The subsets keep the characters of CHARACTERS and those of the
bundled data's names (data_characters), the `kern` feature (GPOS pair kerning, which outlines.py
applies) and the name table with its license text; they drop hinting, which outlines never use.
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
SOURCE_VERSION = "Version 2.37"
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


def make_subset(source: Path, target: Path) -> None:
    font = TTFont(source, recalcTimestamp=False)
    version = font["name"].getDebugName(5)
    if version != SOURCE_VERSION:
        raise SystemExit(f"{source}: {version!r}, expected {SOURCE_VERSION!r} (the bundled subsets' source)")
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=sorted(set(CHARACTERS) | data_characters()))
    subsetter.subset(font)
    font.save(target, reorderTables=True)


def main(argv: list[str]) -> int:
    source_dir = Path(argv[0]) if argv else DEFAULT_SOURCE
    for source_name, target_name in FACES.items():
        source, target = source_dir / source_name, FONTS / target_name
        make_subset(source, target)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
        print(f"{target_name}: {target.stat().st_size} bytes, sha256 {digest}… (from {source})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
