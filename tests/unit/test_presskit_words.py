"""The kit's words, from fictional records: press style (events as a sentence names them, dates,
countries and ordinals in words, releases that say what and where), quotes chosen by id and cited by
outlet, what a kit counts as stated, the French kit and its catalogue, languages marked on the page,
Open Graph tags. tests/commands/test_presskit_words.py drives the same through `awards` on the
bundled data."""

from __future__ import annotations

import dataclasses
import gettext
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from lasttrain_awards.accolades import counted, uncounted_wins, weakly_stated
from lasttrain_awards.database.queries import FilmRecord, FilmStatement, Filters, SourceRef
from lasttrain_awards.output.language import Language, language
from lasttrain_awards.output.summary import summary
from lasttrain_awards.presskit.content import ContentError, KitContent, KitData, kit_content, quote_credit
from lasttrain_awards.presskit.images import RawImage, read_image
from lasttrain_awards.presskit.kit import kit_files, selection_words
from lasttrain_awards.presskit.kitfile import Director, ImageRef, KitFile, Screener
from lasttrain_awards.presskit.laurel import EVENT_MIN_SIZE, laurel_svg, text_geometry
from lasttrain_awards.presskit.page import presskit_html
from lasttrain_awards.presskit.wording import details, laurel_rows, weak_reason
from tests.builders import KIT_ROWS, KIT_SOURCES, REPO, award_row

LOCALE = REPO / "lasttrain_awards" / "output" / "locale"
FR = language("fr")
EN = language("en")

# Fictional festivals and sources, clearly examples.
EXAMPLE_ROWS = [
    award_row(
        "example-fest-2010",
        2010,
        "Example Documentary Festival",
        "Best Example",
        "won",
        highlight=True,
        event_in_sentence="the Example Documentary Festival",
        result_kinds=["awarding-body"],
    ),
    award_row("bare-docs-2010", 2010, "Bare Docs", "Festival screening", "selected", inferred={"year": "reasoned"}),
    award_row(
        "wiki-award-2011",
        2011,
        "Example Online Awards",
        "Best Foreign Example",
        "won",
        result_kinds=["reference"],
        event_in_sentence="the Example Online Awards",
    ),
    award_row("laurel-only-2011", 2011, "Laurel Festival", "Best Laurel", "won", result_stated=False, result_kinds=[]),
]


def film(*statements: FilmStatement) -> FilmRecord:
    return FilmRecord("example-film", "An Example Film", 2009, ["A. Director"], list(statements))


def said(fact: str, value: object, source: str, qualifier: str | None = None) -> FilmStatement:
    return FilmStatement(fact, value, source, f"{source} says so", qualifier)


QUOTES = [
    said("press_quotes", {"id": "critic-one", "text": "First.", "critic": "A. Critic"}, "catalogue"),
    said("press_quotes", {"id": "critic-two", "text": "Second.", "critic": "A. Critic"}, "encyclopedia"),
    said("press_quotes", {"id": "daily-one", "text": "Third.", "critic": "B. Critic", "outlet": "The Daily"}, "paper"),
    said("press_quotes", {"id": "weekly", "text": "Fourth.", "outlet": "Example Weekly"}, "weekly-site"),
]
SOURCES = {
    "catalogue": SourceRef("catalogue", "A catalogue", "Example Catalogue"),
    "encyclopedia": SourceRef("encyclopedia", "An article", "Example Encyclopedia"),
    "paper": SourceRef("paper", "A review", "The Daily", published="2010-05-03"),
    "weekly-site": SourceRef("weekly-site", "Its review", "Example Weekly"),
    "journal": SourceRef("journal", "Le dernier exemple, de A. Director", "Le Journal", language="fr"),
    "hangul": SourceRef("hangul", "예시", "예시 신문", language="ko"),
}


# --- dates, countries, ordinals, money ------------------------------------------------------------


def test_dates_countries_and_ordinals_are_words_in_the_kits_language() -> None:
    assert (EN.date("2009-12-06"), FR.date("2009-12-06")) == ("6 December 2009", "6 décembre 2009")
    assert (EN.date("2010-04"), FR.date("2010-04"), EN.date("2010")) == ("April 2010", "avril 2010", "2010")
    assert EN.date("2010-02-30") == "2010-02-30"  # not a day: as it is
    assert (EN.country("NL"), FR.country("NL"), EN.country("XX")) == ("Netherlands", "Pays-Bas", "XX")
    assert EN.place("Amsterdam", "NL") == "Amsterdam, Netherlands"
    assert EN.place("Hong Kong", "HK") == "Hong Kong SAR China"  # the city once, not twice
    assert (EN.place(None, "US"), EN.place("Victoria", None)) == ("United States", "Victoria")
    english = [EN.edition(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)]
    assert english == [
        "1st edition", "2nd edition", "3rd edition", "4th edition", "11th edition", "12th edition", "13th edition",
        "21st edition", "22nd edition", "23rd edition", "101st edition", "111th edition",
    ]  # fmt: skip
    assert [FR.edition(n) for n in (1, 2, 22)] == ["1re édition", "2e édition", "22e édition"]
    assert (EN.money(288328, "USD"), FR.money(288328, "USD")) == ("$288,328", "288\u202f328\xa0$US")
    assert EN.money(12.5, "USD") == "$12.50"


def test_a_records_details_are_in_words() -> None:
    row = award_row("x-2009", 2009, "X", "Y", "won", city="Amsterdam", country="NL", edition=22, date="2009-12-06")
    assert details(row) == ["Amsterdam, Netherlands", "22nd edition", "6 December 2009"]
    assert details(row, FR) == ["Amsterdam, Pays-Bas", "22e édition", "6 décembre 2009"]


# --- the sentence ------------------------------------------------------------------------------------


def test_events_are_named_as_a_sentence_names_them() -> None:
    full = summary(EXAMPLE_ROWS).full
    assert "Best Example at the Example Documentary Festival (2010)" in full
    assert "festival screening at Bare Docs (2010, year inferred)" in full  # no article: none recorded
    assert " the Bare Docs" not in full


def test_the_short_sentence_is_the_top_honours() -> None:
    rows = [*EXAMPLE_ROWS, award_row("nominee-2012", 2012, "N Awards", "Best N", "nominated")]
    said_ = summary(rows)
    assert said_.short == "Winner of 1 award, including Best Example at the Example Documentary Festival (2010)."
    assert said_.full.startswith(said_.short[:-1] + "; nominated for Best N at N Awards (2012)")


def test_a_win_only_weak_sources_state_is_not_counted_unless_asked() -> None:
    weak, unstated = EXAMPLE_ROWS[2], EXAMPLE_ROWS[3]
    assert weakly_stated(weak) and not weakly_stated(unstated) and not weakly_stated(EXAMPLE_ROWS[0])
    assert not weakly_stated(award_row())  # kinds unknown (a row built by hand): not judged weak
    assert weak not in counted(EXAMPLE_ROWS) and weak in counted(EXAMPLE_ROWS, include_weak=True)
    assert {r.id for r in counted(EXAMPLE_ROWS, include_unstated=True)} >= {weak.id, unstated.id}  # implies weak
    assert uncounted_wins(EXAMPLE_ROWS) == [weak, unstated]
    assert uncounted_wins(EXAMPLE_ROWS, include_weak=True) == [unstated]
    assert summary(EXAMPLE_ROWS).full.startswith("Winner of 1 award,")
    assert summary(EXAMPLE_ROWS, include_weak=True).full.startswith(
        "Winner of 2 awards (1 of them stated only by an encyclopedia, a catalogue, a blog or the like),"
    )
    assert weak not in laurel_rows(EXAMPLE_ROWS) and weak in laurel_rows(EXAMPLE_ROWS, include_weak=True)


def test_which_weak_source_alone_states_a_win_is_said() -> None:
    assert weak_reason(EXAMPLE_ROWS[2]) == "its only source is an encyclopedia or catalogue"
    two = award_row(result_kinds=["reference", "blog-mirror-aggregator", "blog-mirror-aggregator"])
    assert weak_reason(two) == "its only sources are an encyclopedia or catalogue and 2 blogs, mirrors or aggregators"
    assert weak_reason(EXAMPLE_ROWS[2], FR) == "sa seule source est une encyclopédie ou un catalogue"
    # drawn on the laurel when a kit includes it, so the wreath never passes for a stated win
    assert "its only source is an encyclopedia or catalogue" in laurel_svg(EXAMPLE_ROWS[2])


def test_the_french_sentence_needs_no_article() -> None:
    full = summary(EXAMPLE_ROWS, lang=FR).full
    assert full.startswith("Lauréat de 1 prix, dont « Best Example » (Example Documentary Festival, 2010)")
    assert "Bare Docs (2010, année déduite)" in full and " the " not in full


# --- quotes -------------------------------------------------------------------------------------------


def test_quotes_are_chosen_by_id_and_one_per_critic_by_default() -> None:
    record = film(*QUOTES)
    assert [q.id for q in kit_content([record]).quotes] == ["critic-one", "daily-one", "weekly"]
    chosen = kit_content([record], KitFile(quotes=("critic-two", "critic-one", "The Daily")))
    assert [q.id for q in chosen.quotes] == ["critic-two", "critic-one", "daily-one"]  # more, since asked
    with pytest.raises(
        ContentError, match=r"'A. Critic' names 2 press quotes: choose by id \(critic-one, critic-two\)"
    ):
        kit_content([record], KitFile(quotes=("A. Critic",)))
    with pytest.raises(ContentError, match="no press quote 'nobody' is recorded"):
        kit_content([record], KitFile(quotes=("nobody",)))


def test_a_quote_cites_its_outlet_and_date_and_the_page_it_was_found_on() -> None:
    quotes = {
        q.id: q for q in kit_content([film(*QUOTES)], KitFile(quotes=("critic-two", "daily-one", "weekly"))).quotes
    }
    assert quote_credit(quotes["critic-two"], SOURCES, EN) == "A. Critic (via Example Encyclopedia)"
    daily = quotes["daily-one"]
    assert quote_credit(daily, SOURCES, EN) == "B. Critic, The Daily"  # found on the outlet's own page: no via
    assert quote_credit(quotes["weekly"], SOURCES, EN) == "Example Weekly"
    with_date = dataclasses.replace(daily, date="2010-05-03", source_id="encyclopedia")  # a date the source gives
    assert quote_credit(with_date, SOURCES, EN) == "B. Critic, The Daily, 3 May 2010 (via Example Encyclopedia)"
    assert quote_credit(with_date, SOURCES, FR) == "B. Critic, The Daily, 3 mai 2010 (via Example Encyclopedia)"


# --- releases and titles --------------------------------------------------------------------------------


def test_a_release_says_what_was_released_where_when_the_data_says_it() -> None:
    record = film(
        said("release_dates", {"date": "2009-11-22"}, "encyclopedia"),
        said("release_dates", {"date": "2010-09-03", "territory": "US", "medium": "theatrical"}, "encyclopedia"),
        said("release_dates", {"date": "2011-02-22", "medium": "home-video"}, "catalogue", "the DVD"),
    )
    lines = [(line.label, line.value, line.note) for line in kit_content([record]).releases]
    assert lines == [
        ("Release", "22 November 2009", None),
        ("Theatrical release, United States", "3 September 2010", None),
        ("Home video release", "22 February 2011", "the DVD"),
    ]
    french = [(line.label, line.value) for line in kit_content([record], lang=FR).releases]
    assert french[1] == ("Sortie en salles, États-Unis", "3 septembre 2010")


def test_a_french_kit_heads_with_the_french_title_and_marks_languages() -> None:
    record = film(
        said("titles", "Le dernier exemple", "journal", "French title"),
        said("titles", "예시 영화", "hangul", "Korean title"),
    )
    english = kit_content([record], sources=SOURCES)
    assert english.title == "An Example Film" and [t.text for t in english.other_titles] == [
        "Le dernier exemple",
        "예시 영화",
    ]
    assert [t.language for t in english.other_titles] == ["fr", "ko"]
    french = kit_content([record], lang=FR, sources=SOURCES)
    assert (french.title, french.title_source, french.title_language) == ("Le dernier exemple", "journal", "fr")
    assert [(t.text, t.language) for t in french.other_titles] == [("An Example Film", "en"), ("예시 영화", "ko")]
    data = KitData([], "", SOURCES, english)
    page = presskit_html(data)
    assert '<html lang="en">' in page
    assert '<span lang="fr">Le dernier exemple</span>' in page and '<span lang="ko">예시 영화</span>' in page
    page = presskit_html(KitData([], "", SOURCES, french, lang=FR))
    assert '<html lang="fr">' in page and '<h1>Le dernier exemple<sup class="refs">' in page
    assert '<span lang="en">An Example Film</span>' in page


# --- the page's head ---------------------------------------------------------------------------------


def test_the_page_has_description_and_open_graph_tags() -> None:
    kit = kit_files(EXAMPLE_ROWS, KIT_SOURCES, KitContent(title="An Example Film"), laurel_width=None)
    head = kit.files["presskit.html"].decode().split("</head>", 1)[0]
    short = summary(EXAMPLE_ROWS).short
    assert f'<meta name="description" content="{short}">' in head
    assert f'<meta property="og:description" content="{short}">' in head
    assert '<meta property="og:title" content="An Example Film">' in head
    assert '<meta property="og:type" content="video.movie">' in head
    assert "og:image" not in head  # no poster known


def test_og_image_uses_a_poster_when_the_content_knows_one() -> None:
    class WithPoster(KitContent):
        @property
        def poster_url(self) -> str:
            return "https://example.org/poster.jpg"

    page = presskit_html(KitData([], "", {}, WithPoster(title="An Example Film")))
    assert '<meta property="og:image" content="https://example.org/poster.jpg">' in page


# --- the French kit and its catalogue ---------------------------------------------------------------


def test_the_compiled_catalogue_is_the_po_compiled() -> None:
    po = LOCALE / "fr" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as file:
        catalogue = read_po(file)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert (LOCALE / "fr" / "LC_MESSAGES" / "messages.mo").read_bytes() == compiled.getvalue(), (
        "messages.mo is stale: pybabel compile -d lasttrain_awards/output/locale -D messages"
    )


def _extracted(tmp_path: Path) -> set[str]:
    """The msgids the code and templates hold now (what `pybabel extract` would write)."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-c", "from babel.messages.frontend import main; main()", "extract", "-F",
         str(LOCALE / "babel.cfg"), "-o", str(pot), "--no-location", "--omit-header", "--sort-output", "."],
        capture_output=True, cwd=REPO, check=True,
    )  # fmt: skip
    with pot.open("rb") as file:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}


@pytest.mark.slow
def test_the_catalogues_hold_every_message_and_french_translates_each(tmp_path: Path) -> None:
    extracted = _extracted(tmp_path)
    with (LOCALE / "messages.pot").open("rb") as file:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert template == extracted, "messages.pot is stale: re-extract it (docs/presskit.md, Translating the kit)"
    with (LOCALE / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        french = read_po(file)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in french if m.id}
    assert ids == extracted, "messages.po is behind messages.pot: pybabel update"
    untranslated = [
        m.id for m in french if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


class _Missing(gettext.NullTranslations):
    """A catalogue's fallback: records every message the French catalogue did not hold."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.asked.add(singular)
        return singular if n == 1 else plural


class _Visible(HTMLParser):
    """The page's text, with the parts that are the data's or the sources' words left out: elements in
    another language than the page's, sources' titles, categories, event names, sections and notes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("meta", "br", "img", "link"):
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        hidden = (
            tag in ("head", "style", "svg", "cite", "blockquote")
            or ("lang" in found and tag != "html")
            or bool(classes & {"category", "event", "note-inline", "meta", "contact", "summary", "others"})
        )
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "br", "img", "link") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _owners_kit_file(folder: Path) -> tuple[KitFile, list[RawImage]]:
    """A kit file with every key of the owner's: pictures (small generated images), the director's
    texts, links, every spec; and its images as read."""
    from PIL import Image

    def image(key: str, name: str) -> ImageRef:
        path = folder / name
        Image.new("RGB", (400, 300), (90, 120, 150)).save(path)
        return ImageRef(key, name, path, "Example credit (fictional)", "Example caption")

    kit = KitFile(
        poster=image("poster", "poster.png"),
        stills=(image("stills[0]", "still.png"),),
        director=Director(
            photo=image("director.photo", "director.png"), statement="My words.", filmography=("A Short (2015)",)
        ),
        trailer="https://example.org/trailer",
        screener=Screener("https://example.org/screener", "ask for the password"),
        specs={key: "as the owner says" for key in ("format", "aspect_ratio", "sound", "colour", "shooting_format")},
    )
    return kit, [read_image(ref) for ref in kit.images]


def test_a_french_kit_holds_no_english_words_of_the_tools_own(tmp_path: Path) -> None:
    """Every page of a French kit (and its PDF), with every part a kit can hold: pictures, the
    director, specs, links, premieres, a selection."""
    from pypdf import PdfReader

    missing = _Missing()
    with (LOCALE / "fr" / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        translations = gettext.GNUTranslations(file)
    translations.add_fallback(missing)
    french = Language("fr", translations)
    rows = [*KIT_ROWS, *EXAMPLE_ROWS]
    premieres = [
        said("premieres", {"kind": "World", "event": "Example Fest", "date": "2009-11-20"}, "catalogue"),
        said("premieres", {"kind": "Nordic", "event": "Other Fest", "year": 2010}, "paper"),
    ]
    kit_file, images = _owners_kit_file(tmp_path)
    statements = [*QUOTES, *premieres, said("titles", "Le dernier exemple", "journal")]
    content = kit_content(
        [dataclasses.replace(film(*statements), directors=["Ana Exemple"])],  # no English word in the name
        kit_file,
        lang=french,
        sources=SOURCES,
    )
    assert content.people and content.specs and content.trailer
    selection = selection_words(Filters(since=2010, result="won", country="NL", status=None), french)
    assert selection == "à partir de 2010\xa0; lauréat\xa0; pays\xa0: Pays-Bas\xa0; statut\xa0: tous"
    kit = kit_files(
        rows,
        {**KIT_SOURCES, **SOURCES},
        content,
        kit_file,
        laurel_width=None,
        lang=french,
        selection=selection,
        images=images,
    )
    assert kit.images == 3
    assert missing.asked == set(), "messages the French catalogue lacks (re-extract and translate them)"
    with (LOCALE / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file)
    english = []
    for message in catalogue:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in ids:
            for piece in re.split(r"\{[a-z_]+\}", text):
                piece = piece.strip(" .,;:()")
                if len(piece) > 3 and piece not in " ".join(strings):
                    english.append(piece)
    pages = {}
    for name in ("presskit.html", "factsheet.html"):
        parser = _Visible()
        parser.feed(kit.files[name].decode())
        pages[name] = "".join(parser.parts)
        assert '<html lang="fr">' in kit.files[name].decode()
    pages["factsheet.pdf"] = PdfReader(io.BytesIO(kit.files["factsheet.pdf"])).pages[0].extract_text()
    data_words = {w for row in rows for w in (row.event, row.category)} | {s.title for s in SOURCES.values()}
    data_words = sorted(data_words, key=len, reverse=True)
    for name, shown in pages.items():
        text = " ".join(shown.split())
        if name == "factsheet.pdf":  # no language marked in its text: the data's own words taken out
            for words in data_words:
                text = text.replace(words, "")
        left = sorted({piece for piece in english if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)})
        where = [text[max(0, text.find(piece) - 60) : text.find(piece) + 60] for piece in left]
        assert left == [], f"{name}: English words of the tool's own: {left} in {where}"
    assert "Première mondiale" in pages["presskit.html"] and "Première (Nordic)" in pages["presskit.html"]
    assert "FICHE TECHNIQUE" in pages["factsheet.pdf"]
    # the Markdown marks no language, so the data's English words cannot be told apart there: its own
    markdown = kit.files["presskit.md"].decode()
    for heading in ("## Photos du film", "## Réalisation\xa0: Ana Exemple", "## Voir le film", "### Filmographie"):
        assert f"\n{heading}\n" in markdown, heading
    assert "- Bande-annonce\xa0: <https://example.org/trailer>" in markdown


def test_french_laurels_say_laureat_in_the_bundled_font() -> None:
    row = EXAMPLE_ROWS[0]
    lines = text_geometry(row, FR)
    assert lines[0].text == "LAURÉAT" and lines[0].fallbacks == ()  # É is drawn from the font, as outlines
    svg = laurel_svg(row, lang=FR)
    assert 'aria-label="LAURÉAT · Best Example · Example Documentary Festival 2010"' in svg and "<text" not in svg
    assert text_geometry(award_row(result="selected", category="Official Selection"), FR)[0].text == "SÉLECTION"


# --- festival names legible on the page's laurels --------------------------------------------------------

CAP_HEIGHT = 0.72  # DejaVu Serif's capitals (H: 1493 of 2048 units), as a share of the font size


@pytest.mark.parametrize(
    "event",
    [
        "Rencontres internationales du documentaire de Montréal",
        "Los Angeles Asian Pacific Film Festival and Market of Example Documentaries",
        "Hot Docs",
    ],
)
def test_festival_names_never_shrink_below_the_least_size(event: str) -> None:
    row = award_row("x-2010", 2010, event, "Grand Jury Prize for Outstanding Achievement in Documentary " * 2, "won")
    lines = [line for line in text_geometry(row) if line.style == "italic" and line.text.rstrip(" …") in event]
    assert lines, "the event's lines"
    for line in lines:
        assert line.size >= EVENT_MIN_SIZE
        if line.box is not None and re.search(r"[A-Z0-9]", line.text):  # a capital: its ink is that tall at least
            assert line.box.bottom - line.box.top >= CAP_HEIGHT * EVENT_MIN_SIZE
