"""CSL-JSON and BibTeX of the sources, read back by the tools that consume them: citeproc-py (a CSL
processor) and bibtexparser with pylatexenc (LaTeX decoding). The sources here are fictional."""

from __future__ import annotations

import json

import pytest

from lasttrain_awards.output.citations import csl_item, to_bibtex, to_csljson

# Fictional sources, with every character that LaTeX or a .bib parser treats specially.
PAGE = {
    "id": "fictional-gazette-2031",
    "title": "“Paper Lanterns” — 纸灯笼 wins 100% of the vote & $5,000 {prize} #1 ~ café_crème",
    "publisher": "The Fictional Gazette",
    "kind": "press",
    "url": "https://gazette.invalid/2031/03/lanterns_win?x=1%202&y={z}#top",
    "published": "2031-03",
    "retrieved": "2031-04-02",
    "language": "fr",
}
CAPTURE = {"id": "fictional-capture", "title": "Festival notes", "publisher": "Example Fest", "kind": "organisation"}


def test_a_page_is_a_webpage_at_the_precision_its_date_shows() -> None:
    item = csl_item(PAGE)
    assert item["type"] == "webpage" and item["URL"] == PAGE["url"]
    assert item["container-title"] == "The Fictional Gazette"
    assert item["issued"] == {"date-parts": [[2031, 3]]}  # a month: no day made up
    assert item["accessed"] == {"date-parts": [[2031, 4, 2]]}
    assert item["language"] == "fr"


def test_a_source_without_an_address_is_a_document_with_nothing_made_up() -> None:
    assert csl_item(CAPTURE) == {
        "id": "fictional-capture",
        "type": "document",
        "title": "Festival notes",
        "publisher": "Example Fest",
    }


def test_a_csl_processor_renders_the_references() -> None:
    citeproc = pytest.importorskip("citeproc", reason="citeproc-py is a test dependency (pip install '.[test]')")
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON(json.loads(to_csljson([PAGE, CAPTURE])))
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)  # bundled with citeproc-py
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    for key in (PAGE["id"], CAPTURE["id"]):
        bibliography.register(citeproc.Citation([citeproc.CitationItem(key)]))
    page, capture = sorted((str(entry) for entry in bibliography.bibliography()), key=len, reverse=True)
    assert "纸灯笼" in page and "The Fictional Gazette" in page and PAGE["url"] in page and "2031" in page
    assert "Festival notes" in capture and "Example Fest" in capture


def test_bibtex_reads_back_to_the_same_text() -> None:
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = to_bibtex([PAGE, CAPTURE])
    library = parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    page, capture = library.entries
    assert (page.entry_type, page.key, capture.entry_type) == ("online", PAGE["id"], "misc")
    assert page["title"] == PAGE["title"]  # every special character survived LaTeX encoding
    assert page["organization"] == "The Fictional Gazette"
    assert (page["date"], page["urldate"]) == ("2031-03", "2031-04-02")
    raw = parse_string(text).entries[0]
    assert raw["url"] == PAGE["url"].replace("{", "%7B").replace("}", "%7D")  # verbatim, braces encoded
    assert "date" not in capture.fields_dict and "url" not in capture.fields_dict


def test_no_sources_is_an_empty_list_not_an_error() -> None:
    assert json.loads(to_csljson([])) == [] and to_bibtex([]).strip() == ""
