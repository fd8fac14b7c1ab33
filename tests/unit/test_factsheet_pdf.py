"""The PDF fact sheet (factsheet.pdf), read back with pypdf: one page of A4 or Letter, the facts the HTML
fact sheet states (from the same KitData), fonts embedded, live links, no missing glyph; and the bundled
fonts it draws with (tests/commands/test_presskit_assets.py drives it through the CLI)."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lasttrain_awards.database.queries import Filters, film_records, list_awards, source_refs
from lasttrain_awards.output.summary import summary_sentence
from lasttrain_awards.presskit.content import FactLine, KitContent, KitData, kit_content
from lasttrain_awards.presskit.kitfile import Contact, read_kit_file
from lasttrain_awards.presskit.page import factsheet_html, factsheet_parts
from lasttrain_awards.presskit.pdf import REPLACEMENT, covered, factsheet_pdf
from lasttrain_awards.presskit.wording import line_parts
from tests.builders import DATA, KIT_ROWS, KIT_SOURCES, KIT_TITLE, REPO, loaded_engine, subset_script

EXAMPLE_KIT_FILE = REPO / "examples" / "presskit.toml"
A4 = (595, 842)  # points, rounded
LETTER = (612, 792)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> KitData:
    """The bundled film's kit data, with the example kit file: what `awards presskit` makes its sheets from."""
    engine = loaded_engine(tmp_path_factory.mktemp("pdf") / "awards.sqlite")
    kit = read_kit_file(EXAMPLE_KIT_FILE)
    films = film_records(engine)
    rows = list_awards(engine, Filters(films=(films[0].id,)))
    data = KitData(rows, summary_sentence(rows), source_refs(engine), kit_content(films, kit), False, kit.highlights)
    engine.dispose()
    return data


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _compact(text: str) -> str:
    """Text as compared between the PDF and the HTML: no white space (lines wrap differently)."""
    return "".join(text.split())


def _html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))


def _size(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.slow
def test_one_a4_page_by_default_and_one_letter_page_on_letter(bundled: KitData) -> None:
    a4 = factsheet_pdf(bundled)
    reader = _reader(a4.data)
    assert (len(reader.pages), _size(reader), a4.pages, a4.paper) == (1, A4, 1, "A4")
    letter = factsheet_pdf(bundled, "letter")
    reader = _reader(letter.data)
    assert (len(reader.pages), _size(reader), letter.paper) == (1, LETTER, "Letter")
    with pytest.raises(ValueError, match="paper"):
        factsheet_pdf(bundled, "a3")


def test_the_pdf_states_the_facts_the_html_fact_sheet_states(bundled: KitData) -> None:
    """From the same KitData: every fact line, the sentence, the highlighted accolades, the quotes, the
    contacts and the cited sources are in both, in the same words (the text selectable, not drawn)."""
    pdf_text = _compact("".join(page.extract_text() for page in _reader(factsheet_pdf(bundled).data).pages))
    html_text = _compact(_html_text(factsheet_html(bundled)))
    page, highlighted, quotes = factsheet_parts(bundled)
    content = bundled.content
    expected = [content.title, *(t.text for t in content.other_titles), bundled.summary]
    expected += [content.logline.text] if content.logline else []
    for line in (*content.facts, *content.releases, *content.credits, *content.specs):
        expected += [line.label, line.value, *(o.text for o in line.others)]
    for row in highlighted:
        expected += [text for _, text in line_parts(row)]
    expected += [quote.text for quote in quotes]
    expected += [person.name for person in (*content.contact, *content.sales)]
    expected += [source.title for source in page.cited]
    assert len(expected) > 60 and highlighted and quotes and content.specs
    missing_from_pdf = [text for text in expected if _compact(text) not in pdf_text]
    missing_from_html = [text for text in expected if _compact(text) not in html_text]
    assert (missing_from_pdf, missing_from_html) == ([], [])
    # numbered alike: the sheet's sources in the same order in both
    numbers = [f"{n}.{_compact(s.title)}" for n, s in enumerate(page.cited, start=1)]
    assert all(number in pdf_text for number in numbers)


def _fonts(reader: PdfReader) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        found.append((str(font["/BaseFont"]), described["/FontDescriptor"].get_object()))
    return found


def test_every_font_is_embedded(bundled: KitData) -> None:
    fonts = _fonts(_reader(factsheet_pdf(bundled).data))
    names = [name for name, _ in fonts]
    assert any("DejaVuSans" in name for name in names) and any("NotoSansCJK" in name for name in names), names
    for name, descriptor in fonts:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def test_links_are_live_to_the_sources_addresses(bundled: KitData) -> None:
    reader = _reader(factsheet_pdf(bundled).data)
    uris = {
        annotation.get_object()["/A"].get("/URI")
        for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()
    }
    page, _, _ = factsheet_parts(bundled)
    addresses = {s.url for s in page.cited if s.url and s.url.startswith(("http://", "https://"))}
    assert addresses and addresses <= uris
    assert "mailto:press@example.org" in uris  # the contact's address too
    # and every footnote marker jumps to its source on the page
    internal = [a.get_object() for a in reader.pages[0]["/Annots"] if "/Dest" in a.get_object()]
    assert len(internal) >= len(page.cited)


def test_the_bundled_kits_pdf_has_no_missing_glyph(bundled: KitData) -> None:
    """The titles in Chinese and Korean are real glyphs of the embedded CJK subset: the extracted text holds
    them, and no character was replaced."""
    sheet = factsheet_pdf(bundled)
    assert sheet.missing == frozenset()
    text = _compact(_reader(sheet.data).pages[0].extract_text())
    titles = [t.text for t in bundled.content.other_titles]
    assert "歸途列車" in titles and "집으로 가는 기차" in titles
    for title in titles:
        assert _compact(title) in text, title
    assert REPLACEMENT not in text


def test_the_bundled_fonts_draw_every_character_of_the_bundled_data() -> None:
    """So no text of the bundled record can lack a glyph: rerun scripts/subset_fonts.py when this fails."""
    characters = {c for path in DATA.rglob("*.json") for c in path.read_text(encoding="utf-8") if c >= " "}
    assert sorted(c for c in characters if ord(c) not in covered()) == []


def test_a_character_no_font_has_is_replaced_and_reported() -> None:
    content = KitContent(title=f"{KIT_TITLE} 🎬 אבג", facts=(FactLine("Year", "2009", ("wikipedia",)),))
    data = KitData(KIT_ROWS, summary_sentence(KIT_ROWS), KIT_SOURCES, content)
    sheet = factsheet_pdf(data)
    assert "🎬" in sheet.missing and "א" in sheet.missing
    text = _reader(sheet.data).pages[0].extract_text()
    assert REPLACEMENT in text and "🎬" not in text
    assert "归途列车" not in text  # the fictional rows' CJK is not in the bundled data's subset either...
    assert "归" in sheet.missing  # ...and is reported, never silently dropped


@pytest.mark.slow
def test_a_long_sheet_is_set_smaller_to_stay_on_one_page(bundled: KitData) -> None:
    many = tuple(
        FactLine(f"Note {n}", "A line of the owner's, long enough to take most of a line. " * 2, ()) for n in range(25)
    )
    longer = replace(bundled, content=replace(bundled.content, specs=(*bundled.content.specs, *many)))
    sheet = factsheet_pdf(longer)
    assert sheet.pages == 1 and sheet.scale < 1
    assert len(_reader(sheet.data).pages) == 1
    endless = replace(bundled, content=replace(bundled.content, specs=many * 8))
    assert factsheet_pdf(endless).pages > 1  # reported, not cut: the kit warns of it


def test_the_pdf_is_reproducible(bundled: KitData) -> None:
    assert factsheet_pdf(bundled).data == factsheet_pdf(bundled).data


def test_the_owners_lines_are_marked_in_the_pdf(bundled: KitData) -> None:
    own = replace(
        bundled.content,
        specs=(FactLine("Format", "Example format", ()),),
        contact=(Contact("A. Person", email="a@b.c"),),
    )
    text = _compact(_reader(factsheet_pdf(replace(bundled, content=own)).data).pages[0].extract_text())
    assert _compact("Example format (from the kit's owner)") in text


def test_the_html_fact_sheet_sets_its_page_size(bundled: KitData) -> None:
    assert "@page { size: A4; }" in factsheet_html(bundled)
    assert "@page { size: Letter; }" in factsheet_html(bundled, paper="Letter")


def test_the_example_kit_file_is_the_one_read(bundled: KitData) -> None:
    assert Path(EXAMPLE_KIT_FILE).is_file() and bundled.content.contact


@pytest.mark.slow
def test_the_pdf_font_subsets_are_reproducible(tmp_path: Path) -> None:
    """scripts/subset_fonts.py makes the DejaVu Sans and Noto Sans CJK subsets again, byte for byte (from
    Debian's fonts-dejavu-core, fonts-dejavu-extra and fonts-noto-cjk, with the fontTools the fonts'
    README names)."""
    subset = subset_script()
    fonts = REPO / "lasttrain_awards" / "presskit" / "fonts"
    sources = [subset.DEFAULT_SOURCE / name for name in subset.SANS_FACES] + [subset.DEFAULT_CJK_SOURCE]
    if not all(source.is_file() for source in sources):
        pytest.skip("no DejaVu Sans or Noto Sans CJK source fonts here (Debian: fonts-dejavu-*, fonts-noto-cjk)")
    for source_name, target_name in subset.SANS_FACES.items():
        subset.make_sans_subset(subset.DEFAULT_SOURCE / source_name, tmp_path / target_name)
        assert (tmp_path / target_name).read_bytes() == (fonts / target_name).read_bytes(), target_name
    characters = subset.cjk_characters(fonts / subset.SANS_FACES["DejaVuSans.ttf"])
    subset.make_cjk_subset(subset.DEFAULT_CJK_SOURCE, tmp_path / subset.CJK_TARGET, characters)
    assert (tmp_path / subset.CJK_TARGET).read_bytes() == (fonts / subset.CJK_TARGET).read_bytes()
