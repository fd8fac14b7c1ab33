"""The press kit's pages and laurels, from hand-written rows with hostile text, and from the bundled data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lasttrain_awards.accolades import uncounted_wins
from lasttrain_awards.database.queries import AwardRow, SourceRef
from lasttrain_awards.errors import OutputError
from lasttrain_awards.output.summary import summary as summary_of
from lasttrain_awards.output.summary import summary_sentence
from lasttrain_awards.presskit.content import KitContent, KitData
from lasttrain_awards.presskit.kit import kit_files, write_kit
from lasttrain_awards.presskit.laurel import LineGeometry, laurel_svg, text_geometry
from lasttrain_awards.presskit.markdown import presskit_markdown
from lasttrain_awards.presskit.page import presskit_html
from lasttrain_awards.presskit.wording import laurel_filename, laurel_line, laurel_rows
from tests.builders import DATA, KIT_ROWS, KIT_SOURCES, KIT_TITLE, award_row, loaded_engine

SVG = "{http://www.w3.org/2000/svg}"
EXPECTED_ORDER = [  # years ascending, undated last; winners, mentions, nominations, selections
    "idfa-2009",
    "cjk-2010",
    "hostile-2010",
    "dga-2010",
    "sundance-2010",
    "long-2012",
    "laapff-undated",
]


def summary() -> str:
    return summary_sentence(KIT_ROWS)


def accolades_html(rows: list[AwardRow], sentence: str, sources: dict[str, SourceRef], title: str) -> str:
    """The kit's page with no film facts: the accolades alone."""
    return presskit_html(KitData(rows, sentence, sources, KitContent(title=title)))


def accolades_markdown(rows: list[AwardRow], sentence: str, sources: dict[str, SourceRef], title: str) -> str:
    return presskit_markdown(KitData(rows, sentence, sources, KitContent(title=title)))


def write_presskit(directory: Path, rows: list[AwardRow], title: str = KIT_TITLE) -> list[Path]:
    return write_kit(directory, kit_files(rows, KIT_SOURCES, KitContent(title=title), laurel_width=None))


def page() -> str:
    """The page of the fictional rows, as a kit writes it: the short sentence at its head, the full below."""
    said = summary_of(KIT_ROWS)
    data = KitData(KIT_ROWS, said.full, KIT_SOURCES, KitContent(title=KIT_TITLE), short_summary=said.short)
    return presskit_html(data)


def markdown() -> str:
    return accolades_markdown(KIT_ROWS, summary(), KIT_SOURCES, KIT_TITLE)


class _Text(HTMLParser):
    """The text a reader sees: everything outside <head>, <style> and inline SVG, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.hidden += tag in ("head", "style", "svg")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("head", "style", "svg")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(document: str) -> str:
    parser = _Text()
    parser.feed(document)
    return " ".join("".join(parser.parts).split())


def inline_svg(document: str, css_class: str) -> ET.Element:
    match = re.search(rf'<svg class="{css_class}".*?</svg>', document, re.S)
    assert match, css_class
    return ET.fromstring(match[0])


def test_every_accolade_and_the_summary_are_on_the_page() -> None:
    text = visible_text(page())
    assert summary() in text
    assert KIT_TITLE in text
    for row in KIT_ROWS:
        assert laurel_line(row) in text


def test_laurel_lines_read_as_a_press_kit_words_them() -> None:
    by_id = {row.id: row for row in KIT_ROWS}
    assert laurel_line(by_id["idfa-2009"]) == (
        "WINNER · Best Feature Length Documentary · International Documentary Film Festival Amsterdam 2009"
    )
    assert laurel_line(by_id["sundance-2010"]) == "OFFICIAL SELECTION · Sundance Film Festival 2010"
    assert laurel_line(by_id["dga-2010"]) == "NOMINEE · Documentary Prize · Directors Guild of America Awards 2010"
    assert laurel_line(by_id["hostile-2010"]).startswith("SPECIAL MENTION · Prix d'honneur")
    assert (
        laurel_line(by_id["laapff-undated"]) == "WINNER · Best Cinematography · Los Angeles Asian Pacific Film Festival"
    )


def test_years_ascend_undated_last_and_results_rank_within_a_year() -> None:
    document = page()
    assert re.findall(r'<li class="accolade[^"]*" id="a-([a-z0-9-]+)"', document) == EXPECTED_ORDER
    assert re.findall(r'<h3 id="y-[a-z0-9]+">([^<]+)</h3>', document) == ["2009", "2010", "2012", "Undated"]
    assert [line.removeprefix("### ") for line in markdown().splitlines() if line.startswith("### ")] == [
        "2009",
        "2010",
        "2012",
        "Undated",
    ]


def test_every_text_is_escaped() -> None:
    document = page()
    assert "<script" not in document.lower()
    assert "<b>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "Prix d&#39;honneur &amp; &lt;b&gt;jury&lt;/b&gt;" in document
    assert "归途列车" in document  # non-Latin text is kept as it is, in UTF-8
    assert "javascript:" not in document.replace("(javascript:alert(1))", "")  # shown as text, never a link


def test_the_page_loads_nothing_from_anywhere() -> None:
    document = page()
    for resource in ("<link", "<script", "<img", "<iframe", "<object", "<embed", "@import", "url(", " src="):
        assert resource not in document.lower(), resource
    hrefs = re.findall(r'<(\w+)[^>]*\shref="([^"]*)"', document)
    external = {href for tag, href in hrefs if not href.startswith("#")}
    assert external == {"https://www.pbs.org/pov/lasttrainhome/?a=1&amp;b=2", "http://current.org/x"}
    assert {tag for tag, _ in hrefs} == {"a"}  # links a reader may follow, never resources the page fetches
    assert "default-src 'none'" in document  # and the browser is told to refuse any fetch


def test_the_page_prints_and_fits_a_phone() -> None:
    document = page()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in document
    assert "@media print" in document
    assert 'a[href^="http"]::after { content: " <" attr(href) ">"' in document
    assert inline_svg(document, "timeline").attrib["viewBox"].startswith("0 0 ")


def test_sources_are_footnotes_numbered_by_first_citation() -> None:
    document = page()
    idfa = re.search(r'<li class="accolade r-won highlight" id="a-idfa-2009" title="([^"]*)">(.*?)</li>', document)
    assert idfa, "the IDFA line"
    assert idfa[1] == "Sources: Wikipedia: Last Train Home (film); ITVS: Last Train Home (POV)"
    assert re.findall(r'href="#src-(\d+)"', idfa[2]) == ["1", "2"]
    sources = re.findall(r'<li id="src-(\d+)">(.*?)</li>', document)
    assert [n for n, _ in sources] == ["1", "2", "3", "4", "5"]  # wikipedia, itvs, unknown, hostile, current
    assert sources[0][1] == "<cite>Last Train Home (film)</cite>, Wikipedia. Retrieved 22 November 2026."
    assert sources[1][1].startswith('<a href="https://www.pbs.org/pov/lasttrainhome/?a=1&amp;b=2"')
    assert sources[2][1] == "<cite>unknown-source</cite>, Nowhere."  # not in the sources given: no dead link
    assert sources[3][1] == (
        "<cite>The &#34;&lt;script&gt;&#34; &amp; source</cite> (javascript:alert(1)), Evil &amp; Co."
    )


def test_timeline_bars_count_the_accolades_of_each_year() -> None:
    chart = inline_svg(page(), "timeline")
    drawn: Counter[str] = Counter()
    for bar in chart.iter(f"{SVG}rect"):
        drawn[bar.attrib["data-year"]] += int(bar.attrib["data-count"])
        assert float(bar.attrib["height"]) > 0
    assert drawn == Counter(str(row.year) if row.year else "undated" for row in KIT_ROWS)
    labels = [t.text for t in chart.iter(f"{SVG}text") if t.attrib.get("class") == "year"]
    assert labels == ["2009", "2010", "2011", "2012", "undated"]  # 2011 had none: a gap, still on the axis
    assert chart.find(f"{SVG}title").text == "Accolades per year"
    assert "2010: 4 (1 won, 1 special mention, 1 nominated, 1 selected)" in chart.find(f"{SVG}desc").text


def test_laurels_are_for_wins_mentions_and_selections_only() -> None:
    assert [row.id for row in laurel_rows(KIT_ROWS)] == [r.id for r in KIT_ROWS if r.result != "nominated"]


@pytest.mark.parametrize("row", laurel_rows(KIT_ROWS), ids=lambda row: row.id)
def test_laurels_are_well_formed_svg_with_their_text(row: AwardRow) -> None:
    svg = laurel_svg(row)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["viewBox"] == "0 0 360 320"
    assert root.find(f"{SVG}title").text == laurel_line(row)
    category = "" if row.result == "selected" else row.category  # "Official Selection" is not said twice
    expected = laurel_line(row).split(" · ")[0] + category + row.event + (str(row.year) if row.year else "")
    drawn = "".join(line.text for line in text_geometry(row))  # the lines laid out, as outlines
    assert drawn.replace(" ", "") == expected.replace(" ", "")
    assert "<image" not in svg and "href" not in svg and "@font-face" not in svg
    assert min(line.size for line in text_geometry(row)) >= 6, "a long text shrinks, but stays legible"


def test_a_long_category_wraps_and_shrinks() -> None:
    long, short = (text_geometry(next(r for r in KIT_ROWS if r.id == id)) for id in ("long-2012", "idfa-2009"))

    def category_lines(lines: list[LineGeometry]) -> list[LineGeometry]:
        return [line for line in lines if line.style == "regular"]  # the category is the one upright block

    assert len(category_lines(long)) > len(category_lines(short)) + 3
    assert category_lines(long)[0].size < category_lines(short)[0].size


def test_laurel_file_names_are_the_record_ids() -> None:
    assert laurel_filename(KIT_ROWS[0]) == "sundance-2010.svg"
    with pytest.raises(ValueError, match="not a slug"):
        laurel_filename(award_row("../etc/passwd", 2010, "x", "y", "won"))


def test_markdown_holds_every_accolade_with_the_data_escaped() -> None:
    text = markdown()
    hostile = next(line for line in text.splitlines() if "Prix" in line)
    assert hostile == (
        r"- **SPECIAL MENTION** · Prix d'honneur &amp; &lt;b&gt;jury&lt;/b&gt; \`code\` \*bold\* \_u\_ \[x\](y) \| pipe"
        r' · Festival "Q&amp;A" &lt;script&gt;alert(1)&lt;/script&gt; 2010[^4]'
    )
    idfa = "- **WINNER** · Best Feature Length Documentary · International Documentary Film Festival Amsterdam 2009"
    assert f"{idfa}[^1][^2] (Amsterdam, Netherlands · 22nd edition)" in text
    assert "[^3]: *unknown-source*, Nowhere." in text
    assert "[^2]: *Last Train Home (POV)*, ITVS. <https://www.pbs.org/pov/lasttrainhome/?a=1&b=2>." in text
    assert '[^4]: *The "&lt;script&gt;" &amp; source*, Evil &amp; Co. javascript:alert(1).' in text
    assert text.splitlines()[:3] == [
        "# Last Train Home (归途列车): press kit",
        "",
        summary().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
    ]
    for row in KIT_ROWS:
        assert f"**{laurel_line(row).split(' · ')[0]}**" in text


STYLE = re.compile(r"<style>.*?</style>", re.S)
LAUREL = re.compile(r'<svg [^>]*aria-label="([^"]*)" class="laurel[^"]*">.*?</svg>', re.S)


def test_html_page_snapshot(file_regression) -> None:
    """The page's content: its stylesheet is checked once (below) and its laurels have their own tests,
    so neither is repeated in this snapshot."""
    content = LAUREL.sub(r"<svg><!-- laurel: \1 --></svg>", STYLE.sub("<style>/* theme, style.css */</style>", page()))
    file_regression.check(content, extension=".html")


def test_the_stylesheet_is_the_theme_and_style_css_once() -> None:
    from lasttrain_awards.presskit import theme
    from lasttrain_awards.presskit.page import stylesheet

    css = stylesheet()
    (inline,) = STYLE.findall(page())
    assert inline == f"<style>{theme.css_variables()}\n{css}</style>"
    defined = set(re.findall(r"--([a-z-]+):", theme.css_variables() + css))  # and local ones (--c)
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))
    assert used <= defined, f"style.css uses undefined theme variables: {used - defined}"
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", css), "colours belong to theme.py"
    assert "@media print" in css and "@media (max-width: 34rem)" in css


def test_laurel_svg_snapshot(file_regression) -> None:
    file_regression.check(laurel_svg(KIT_ROWS[3]), extension=".svg")


def test_markdown_snapshot(file_regression) -> None:
    file_regression.check(markdown(), extension=".md")


def test_write_presskit_writes_the_pages_and_one_laurel_each(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    wider = [*KIT_ROWS, award_row("extra-2011", 2011, "Extra Festival", "Best Film", "won")]
    write_presskit(kit, wider)  # an earlier, wider kit
    assert (kit / "laurels" / "extra-2011.svg").is_file()
    (kit / "laurels" / "official-laurel.svg").write_text("<svg/>", encoding="utf-8")  # the user's own
    (kit / "laurels" / "notes.txt").write_text("mine", encoding="utf-8")
    written = write_presskit(kit, KIT_ROWS)
    assert (kit / "presskit.html").read_text(encoding="utf-8") == page()
    assert (kit / "presskit.md").read_text(encoding="utf-8") == markdown()
    ours = sorted(laurel_filename(row) for row in laurel_rows(KIT_ROWS))
    laurels = sorted(p.name for p in (kit / "laurels").glob("*.svg"))
    assert laurels == sorted([*ours, "official-laurel.svg"])  # the stale laurel went, the user's stayed
    assert (kit / "laurels" / "official-laurel.svg").read_text(encoding="utf-8") == "<svg/>"
    assert (kit / "laurels" / "notes.txt").read_text(encoding="utf-8") == "mine"
    pages = ["presskit.html", "presskit.md", "factsheet.html", "factsheet.pdf", "accolades.csv"]
    laurels = [kit / "laurels" / finish / n for finish in ("", "gold", "black", "white") for n in ours]
    assert sorted(written) == sorted([*(kit / n for n in pages), *laurels])
    assert [p.name for p in tmp_path.iterdir()] == ["kit"]  # no temporary folder left beside it


def test_a_kit_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "laurels").mkdir(parents=True)
    mine = kit / "laurels" / laurel_filename(laurel_rows(KIT_ROWS)[0])
    mine.write_text("<svg>official</svg>", encoding="utf-8")
    with pytest.raises(OutputError, match="which it did not write"):
        write_presskit(kit, KIT_ROWS)
    assert mine.read_text(encoding="utf-8") == "<svg>official</svg>"
    assert sorted(p.name for p in kit.rglob("*")) == ["laurels", mine.name]


def test_a_kit_that_fails_midway_leaves_the_old_kit_whole(tmp_path: Path, monkeypatch) -> None:
    kit = tmp_path / "kit"
    write_presskit(kit, KIT_ROWS)
    before = {p: p.read_bytes() for p in kit.rglob("*") if p.is_file()}
    real = Path.write_bytes
    calls = []

    def full_disk(path: Path, data: bytes) -> int:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OutputError, match=r"kit/.*: No space left on device \(the old kit was left as it was\)"):
        write_presskit(kit, KIT_ROWS, "Another title")
    assert {p: p.read_bytes() for p in kit.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["kit"]


def test_upcoming_and_rescinded_accolades_say_so() -> None:
    pending = award_row("berlinale-2026", 2026, "Berlinale", "Official Selection", "selected", pending=True)
    rescinded = award_row("x-2011", 2011, "X Awards", "Best Film", "won", status="rescinded")
    document = accolades_html([pending, rescinded], "", KIT_SOURCES, KIT_TITLE)
    assert re.search(r'id="a-berlinale-2026"[^\n]*<span class="meta">upcoming</span></li>', document)
    assert re.search(r'id="a-x-2011"[^\n]*<span class="meta">rescinded</span></li>', document)
    assert "(upcoming)" in accolades_markdown([pending], "", KIT_SOURCES, KIT_TITLE)


def test_no_accolades_still_make_a_page() -> None:
    document = accolades_html([], "No accolades recorded.", {}, KIT_TITLE)
    assert "No accolades recorded." in visible_text(document)
    assert "<svg" not in document


def bundled_kit(db_path: Path) -> tuple[list[AwardRow], str, dict[str, SourceRef]]:
    """The bundled dataset's active rows, its summary sentence and its sources, as the CLI will pass them."""
    from lasttrain_awards.database.queries import list_awards

    rows = list_awards(loaded_engine(db_path))
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "sources").glob("*.json"))]
    return rows, summary_sentence(rows), {r["id"]: SourceRef.from_record(r) for r in records}


def test_the_bundled_data_makes_a_whole_press_kit(db_path: Path) -> None:
    rows, sentence, sources = bundled_kit(db_path)
    text = visible_text(accolades_html(rows, sentence, sources, "Last Train Home"))
    assert sentence in text
    apart = {row.id for row in uncounted_wins(rows)}  # no source states them, or only weaker ones do
    assert "golden-tomato-best-foreign-film" in apart and "genie-2011-best-feature-length-documentary" in apart
    for row in rows:
        assert laurel_line(row, apart=row.id in apart) in text
        assert row.source_names[0] in text
    assert {row.result for row in laurel_rows(rows)} <= {"won", "selected", "special-mention"}
    assert len(laurel_rows(rows)) == sum(row.result != "nominated" and row.id not in apart for row in rows)


def test_a_user_file_where_the_kit_needs_a_folder_is_a_clash(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "laurels").write_text("my notes", encoding="utf-8")  # a file where the kit puts its laurels
    with pytest.raises(OutputError, match="laurels: the press kit would replace this"):
        write_presskit(kit, KIT_ROWS)
    assert (kit / "laurels").read_text(encoding="utf-8") == "my notes"


def test_a_refresh_keeps_the_user_folders_modes(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    write_presskit(kit, KIT_ROWS)
    (kit / "private").mkdir(mode=0o700)
    write_presskit(kit, KIT_ROWS)
    assert (kit / "private").stat().st_mode & 0o777 == 0o700


def test_the_working_folder_is_not_a_kit_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for target in (Path("."), tmp_path):
        with pytest.raises(OutputError, match="is the working folder"):
            write_presskit(target, KIT_ROWS)


def test_a_kit_from_before_manifests_is_refreshed(tmp_path: Path) -> None:
    """A kit an earlier version wrote has no manifest: its footer marks it, and its files are replaced."""
    from lasttrain_awards.presskit.folder import LEGACY_MARK, MANIFEST

    kit = tmp_path / "kit"
    (kit / "laurels").mkdir(parents=True)
    (kit / "accolades.html").write_bytes(b"<footer>" + LEGACY_MARK + b"; each line cites its sources.</footer>")
    (kit / "accolades.md").write_text("# old", encoding="utf-8")
    (kit / "accolades.csv").write_text("old", encoding="utf-8")
    (kit / "laurels" / "stale-2001.svg").write_text("<svg/>", encoding="utf-8")  # the old version's laurel
    (kit / "notes.txt").write_text("mine", encoding="utf-8")
    write_presskit(kit, KIT_ROWS)
    assert (kit / MANIFEST).is_file() and not (kit / "laurels" / "stale-2001.svg").exists()
    assert not (kit / "accolades.html").exists() and not (kit / "accolades.md").exists()  # renamed presskit.*
    assert (kit / "accolades.csv").read_text(encoding="utf-8") != "old"
    assert (kit / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_folders_left_by_a_killed_kit_are_removed(tmp_path: Path) -> None:
    from lasttrain_awards.presskit.folder import BUILDING_MARK

    kit = tmp_path / "kit"
    dead = tmp_path / ".kit.presskit-999999999-abcd"  # no such process
    dead.mkdir()
    (dead / BUILDING_MARK).write_text("999999999\n", encoding="utf-8")  # the mark a kit being built carries
    write_presskit(kit, KIT_ROWS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit"]


def test_a_users_folder_named_like_a_leftover_is_never_removed(tmp_path: Path) -> None:
    """Only a folder the tool can prove it wrote (its mark, or for an old kit its manifest) is removed."""
    kit = tmp_path / "kit"
    mine = tmp_path / ".kit.presskit-999999999-abcd"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    old = tmp_path / ".kit.old-999999999-abcd"
    old.mkdir()
    write_presskit(kit, KIT_ROWS)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine" and old.is_dir()
