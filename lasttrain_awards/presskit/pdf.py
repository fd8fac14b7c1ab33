"""The fact sheet as a PDF (factsheet.pdf), written by the kit itself: one page of A4 or Letter.

fpdf2 writes it: pure Python (with fontTools and Pillow, which the kit uses anyway), so a fresh
`pip install` makes it with no browser and no system library. It says what the HTML fact sheet says,
from the same KitData through the same parts (page.factsheet_parts: the footnotes, the highlighted
accolades with their strongest source, the quotes) and words (wording.py). Its text is real text in
embedded font subsets: DejaVu Sans for the Latin, Greek and Cyrillic scripts and a subset of Noto Sans
CJK for the bundled data's Chinese and Korean (fonts/), so it can be selected and searched. Every
footnote marker links to its source below, and every source to its address.

One page: the sheet is laid out at its full size, and smaller (down to MIN_SCALE) until it fits;
a record too long for one page even then runs on, and `FactSheetPDF.pages` says so. A character no
bundled font holds is printed as U+FFFD, never as an empty box or dropped, and `missing` lists it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from lasttrain_awards.presskit import theme
from lasttrain_awards.presskit.content import OWNER, FactLine, quote_credit
from lasttrain_awards.presskit.page import factsheet_parts
from lasttrain_awards.presskit.wording import SEPARATOR, XML_INVALID, details, line_parts, web_url

if TYPE_CHECKING:
    from collections.abc import Iterable

    from fpdf import FPDF

    from lasttrain_awards.database.queries import AwardRow, SourceRef
    from lasttrain_awards.presskit.content import KitData, Sourced
    from lasttrain_awards.presskit.kitfile import Contact

PAPERS = {"a4": "A4", "letter": "Letter"}  # the --paper choices: fpdf2's (and CSS's) name of the size
FONT_FILES = {
    "": "DejaVuSans-subset.ttf",
    "B": "DejaVuSans-Bold-subset.ttf",
    "I": "DejaVuSans-Oblique-subset.ttf",
}
CJK_FILE = "NotoSansCJK-subset.ttf"
SANS, CJK = "dejavusans", "notosanscjk"
REPLACEMENT = "\ufffd"
BASE_SIZE = 8.5  # points: the body text at full size, as the HTML sheet prints
MIN_SCALE = 0.6  # the smallest the sheet is set (about 5 pt body text) before it is let run on
MARGINS = (40.0, 45.0)  # points: sides (14 mm) and top and bottom (16 mm), as the HTML sheet prints
LABEL_WIDTH = 104.0  # points: the fact list's label column at full size ("Production company" on one line)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # the PDF's creation date: fixed, so the kit is reproducible


@dataclass(frozen=True)
class FactSheetPDF:
    data: bytes
    paper: str
    pages: int
    scale: float
    missing: frozenset[str]  # characters no bundled font holds, printed as U+FFFD


def _font_path(name: str) -> str:
    return str(resources.files("lasttrain_awards.presskit").joinpath("fonts", name))


@cache
def covered() -> frozenset[int]:
    """The characters the bundled fonts draw: every style of DejaVu Sans holds the same ones, and the
    CJK subset what the data adds."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for name in (FONT_FILES[""], CJK_FILE):
        with resources.files("lasttrain_awards.presskit").joinpath("fonts", name).open("rb") as stream:
            found |= set(TTFont(stream).getBestCmap())
    return frozenset(found)


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


class _Sheet:
    """One layout of the sheet at one scale."""

    def __init__(self, data: KitData, paper: str, scale: float, kit_file: str | None) -> None:
        from fpdf import FPDF

        self.data, self.scale, self.kit_file = data, scale, kit_file
        self.missing: set[str] = set()
        pdf = FPDF(orientation="portrait", unit="pt", format=PAPERS[paper])
        pdf.set_creation_date(EPOCH)
        for style, name in FONT_FILES.items():
            pdf.add_font(SANS, style, _font_path(name))
        pdf.add_font(CJK, "", _font_path(CJK_FILE))
        pdf.set_fallback_fonts([CJK], exact_match=False)
        side, top = MARGINS
        pdf.set_margins(side, top, side)
        pdf.set_auto_page_break(True, margin=top)
        pdf.c_margin = 0
        self.lang = lang = data.lang
        self._ = lang._
        pdf.set_lang(lang.code)
        content = data.content
        pdf.set_title(lang._("{title}: fact sheet").format(title=content.title))
        pdf.set_creator("lasttrain-awards: awards presskit")
        pdf.set_subject(lang._("Fact sheet: every line cites its sources, or is marked as the kit owner's"))
        pdf.add_page()
        self.pdf: FPDF = pdf
        self.page, self.highlighted, self.quotes = factsheet_parts(data)
        self.links = {number: pdf.add_link() for number, _ in enumerate(self.page.cited, start=1)}

    # --- text -------------------------------------------------------------------------------------

    def size(self, points: float) -> float:
        return points * self.scale

    def clean(self, text: str) -> str:
        text = XML_INVALID.sub("", text)
        known = covered()
        lacking = {c for c in text if ord(c) not in known and c not in "\n"}
        if lacking:
            self.missing |= lacking
            text = "".join(REPLACEMENT if c in lacking else c for c in text)
        return text

    def style(self, size: float, style: str = "", color: str = theme.INK) -> None:
        self.pdf.set_font(SANS, style, self.size(size))
        self.pdf.set_text_color(*_rgb(color))

    def line_height(self, size: float) -> float:
        return self.size(size) * 1.3

    def write(
        self, text: str, size: float = BASE_SIZE, style: str = "", color: str = theme.INK, link: Any = ""
    ) -> None:
        if text:
            self.style(size, style, color)
            self.pdf.write(self.line_height(BASE_SIZE), self.clean(text), link=link)

    def refs(self, source_ids: Iterable[str | None]) -> None:
        for number, _ in self.page.cite(s for s in source_ids if s):
            self.write(f"[{number}]", BASE_SIZE * 0.75, color=theme.LINK, link=self.links[number])

    def attributed(self, item: Sourced) -> None:
        if item.source_id is None:
            self.owner_mark()
        else:
            self.refs([item.source_id])

    def owner_mark(self) -> None:
        self.write(" " + self._("(from {owner})").format(owner=self._(OWNER)), BASE_SIZE * 0.85, "I", theme.MUTED)

    def note(self, text: str | None, size: float = BASE_SIZE) -> None:
        if text:
            self.write(f" ({text})", size * 0.9, color=theme.MUTED)

    def newline(self, gap: float = 0.0) -> None:
        self.pdf.ln(self.line_height(BASE_SIZE) + self.size(gap))

    def heading(self, text: str) -> None:
        self.pdf.ln(self.size(5))
        self.write(text, 11, "B", theme.ACCENT)
        self.newline(1)

    # --- parts ------------------------------------------------------------------------------------

    def head(self) -> None:
        content = self.data.content
        self.write(self._("Fact sheet").upper(), 7, "B", theme.MUTED)
        self.newline()
        self.style(18, "B")
        self.pdf.multi_cell(0, self.size(22), self.clean(content.title), new_x="LMARGIN", new_y="NEXT")
        if content.other_titles:
            for i, title in enumerate(content.other_titles):
                self.write((SEPARATOR if i else "") + title.text)
                self.note(title.note)
                self.refs([title.source_id])
            self.newline()
        if content.logline:
            self.pdf.ln(self.size(2))
            self.write(content.logline.text, 10, "I")
            self.attributed(content.logline)
            self.newline()

    def fact(self, line: FactLine) -> None:
        pdf, left = self.pdf, self.pdf.l_margin
        label_width = LABEL_WIDTH * self.scale
        top_page, top = pdf.page, pdf.get_y()
        self.style(BASE_SIZE, "B", theme.MUTED)
        pdf.multi_cell(label_width - self.size(6), self.line_height(BASE_SIZE), self.clean(line.label))
        label_bottom = pdf.get_y() if pdf.page == top_page else 0.0
        pdf.page = top_page
        pdf.set_left_margin(left + label_width)
        pdf.set_xy(left + label_width, top)
        self.write(line.value)
        self.note(line.note)
        if line.by_owner:
            self.owner_mark()
        self.refs(line.source_ids)
        if line.others:
            self.write(" — " + self._("Other sources:") + " ", BASE_SIZE * 0.88, color=theme.MUTED)
            for i, other in enumerate(line.others):
                self.write(("; " if i else "") + other.text, BASE_SIZE * 0.88, color=theme.MUTED)
                self.note(other.note, BASE_SIZE * 0.88)
                self.refs([other.source_id])
        self.newline()
        pdf.set_left_margin(left)
        pdf.set_x(left)
        if pdf.page == top_page and label_bottom > pdf.get_y():
            pdf.set_y(label_bottom)

    def facts(self) -> None:
        content = self.data.content
        for line in (*content.facts, *content.releases, *content.credits, *content.specs):
            self.fact(line)

    def accolade(self, row: AwardRow) -> None:
        for i, (role, text) in enumerate(line_parts(row, lang=self.lang)):
            if i:
                self.write(SEPARATOR, color=theme.MUTED)
            if role == "result":
                self.write(text, style="B", color=theme.COLORS.get(row.result, theme.OTHER_COLOR))
            else:
                self.write(text, style="B" if role == "category" else "")
        self.refs(row.sources)
        shown = details(row, self.lang)
        if shown:
            self.write(" — " + SEPARATOR.join(shown), BASE_SIZE * 0.88, color=theme.MUTED)
        self.newline(1.5)

    def accolades(self) -> None:
        self.heading(self._("Accolades"))
        self.write(self.data.summary, BASE_SIZE * 0.95)
        self.newline(2)
        if self.data.selection:
            self.write(
                self._("A selection of the record: {selection}.").format(selection=self.data.selection), style="I"
            )
            self.newline(2)
        note = self._(
            "Each accolade, with all its sources, is in the press kit (presskit.html); below, the highlights with "
            "their strongest source."
        )
        self.write(note, BASE_SIZE * 0.85, color=theme.MUTED)
        self.newline(2)
        for row in self.highlighted:
            self.accolade(row)

    def press(self) -> None:
        if not self.quotes:
            return
        self.heading(self._("Press"))
        for quote in self.quotes:
            self.write(f"“{quote.text}”", 9, "I")
            self.newline()
            self.write("— " + quote_credit(quote, self.data.sources, self.lang), BASE_SIZE * 0.9, color=theme.MUTED)
            self.note(quote.note)
            self.refs([quote.source_id])
            self.newline(3)

    def contact(self, person: Contact) -> None:
        self.write(person.name, style="B")
        for part in (person.role, person.organisation, person.territory):
            if part:
                self.write(SEPARATOR + part)
        if person.email:
            self.write(SEPARATOR)
            self.write(person.email, color=theme.LINK, link=f"mailto:{person.email}")
        if person.phone:
            self.write(SEPARATOR + person.phone)
        if person.url and web_url(person.url):
            self.write(SEPARATOR)
            self.write(person.url, color=theme.LINK, link=person.url)
        self.newline()

    def contacts(self) -> None:
        content = self.data.content
        if not (content.contact or content.sales):
            return
        self.heading(self._("Contact"))
        for title, people in ((self._("Press"), content.contact), (self._("Sales"), content.sales)):
            if people:
                self.write(title, style="B", color=theme.MUTED)
                self.newline()
                for person in people:
                    self.contact(person)
        owner = self._(OWNER)
        said = (
            self._("From {owner} ({file}); no source states them.").format(owner=owner, file=self.kit_file)
            if self.kit_file
            else self._("From {owner}; no source states them.").format(owner=owner)
        )
        self.write(said, BASE_SIZE * 0.85, "I", theme.MUTED)
        self.newline()

    def source(self, number: int, source: SourceRef) -> None:
        size = 6.2
        self.pdf.set_link(self.links[number], y=self.pdf.get_y(), page=self.pdf.page)
        self.write(f"{number}. ", size, "B", theme.MUTED)
        url = web_url(source.url)
        self.write(source.title, size, "I", theme.LINK if url else theme.INK, link=url or "")
        if source.url and not url:
            self.write(f" ({source.url})", size)
        self.write(
            (f", {source.publisher}" if source.publisher else "")
            + (f", {self.lang.date(source.published)}" if source.published else "")
            + ".",
            size,
        )
        if source.retrieved:
            retrieved = self._("Retrieved {date}.").format(date=self.lang.date(source.retrieved))
            self.write(" " + retrieved, size, color=theme.MUTED)
        self.pdf.ln(self.size(size) * 1.35)

    def sources(self) -> None:
        cited = self.page.cited
        if not cited:
            return
        self.heading(self._("Sources"))
        pdf = self.pdf
        left, right = pdf.l_margin, pdf.r_margin
        width = pdf.w - left - right
        gutter = self.size(14)
        half = math.ceil(len(cited) / 2)
        top_page, top = pdf.page, pdf.get_y()
        bottoms = []
        for column, numbered in enumerate(
            (list(enumerate(cited, start=1))[:half], list(enumerate(cited, start=1))[half:])
        ):
            x = left + column * (width + gutter) / 2
            pdf.page = top_page
            pdf.set_left_margin(x)
            pdf.set_right_margin(pdf.w - x - (width - gutter) / 2)
            pdf.set_xy(x, top)
            for number, source in numbered:
                self.source(number, source)
            bottoms.append((pdf.page, pdf.get_y()))
        pdf.set_left_margin(left)
        pdf.set_right_margin(right)
        pdf.page, y = max(bottoms)
        pdf.set_xy(left, y)

    def render(self) -> int:
        """Lay the whole sheet out; the number of pages it took."""
        self.head()
        self.pdf.ln(self.size(4))
        self.facts()
        self.accolades()
        self.press()
        self.contacts()
        self.sources()
        return self.pdf.pages_count


def _laid_out(data: KitData, paper: str, scale: float, kit_file: str | None) -> tuple[_Sheet, int]:
    sheet = _Sheet(data, paper, scale, kit_file)
    return sheet, sheet.render()


def factsheet_pdf(data: KitData, paper: str = "a4", kit_file: str | None = None) -> FactSheetPDF:
    """The fact sheet as a PDF on one page of `paper` (a4 or letter), at the largest scale that fits."""
    if paper not in PAPERS:
        raise ValueError(f"paper: one of {', '.join(PAPERS)}, not {paper!r}")
    scales = [round(1 - step * 0.05, 2) for step in range(round((1 - MIN_SCALE) / 0.05) + 1)]  # 1.0 … MIN_SCALE
    sheet, pages = _laid_out(data, paper, scales[0], kit_file)
    if pages > 1:  # the largest scale that fits one page, found by halving the steps
        fitting, low, high = None, 1, len(scales) - 1
        while low <= high:
            middle = (low + high) // 2
            candidate, count = _laid_out(data, paper, scales[middle], kit_file)
            if count == 1:
                fitting, high = (candidate, count), middle - 1
            else:
                low = middle + 1
        sheet, pages = fitting or _laid_out(data, paper, scales[-1], kit_file)
    return FactSheetPDF(bytes(sheet.pdf.output()), PAPERS[paper], pages, sheet.scale, frozenset(sheet.missing))
