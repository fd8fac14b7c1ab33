"""The sources as reference managers read them: CSL-JSON (Zotero, Pandoc, citeproc) and BibTeX.

One item per source, keyed by the source's id, so a citation key in a paper is the id the data
uses. A page with an address is a `webpage` (CSL) or `@online` (biblatex); a source known only by
its capture or a kept document is a `document` or `@misc`. Dates are given at the precision the
source shows (a year, a month, a day); nothing is filled in. BibTeX text is LaTeX-encoded by
bibtexparser's own middleware (pylatexenc), addresses kept verbatim as biblatex reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CITATION_FORMATS = ("csljson", "bibtex")


def _date_parts(date: str | None) -> dict[str, list[list[int]]] | None:
    """A partial date (2010, 2010-03, 2010-03-29) as CSL date-parts, at its own precision."""
    return {"date-parts": [[int(part) for part in date.split("-")]]} if date else None


def csl_item(source: Mapping[str, Any]) -> dict[str, Any]:
    """A source as one CSL-JSON item (CSL 1.0.2 variables)."""
    url = source.get("url")
    item: dict[str, Any] = {
        "id": source["id"],
        "type": "webpage" if url else "document",
        "title": source["title"],
    }
    if url:  # a page: its publisher is the site it belongs to, as Zotero writes a webpage
        item["container-title"] = source["publisher"]
        item["URL"] = url
    else:
        item["publisher"] = source["publisher"]
    optional = {
        "issued": _date_parts(source.get("published")),
        "accessed": _date_parts(source.get("retrieved")),
        "language": source.get("language"),
    }
    item.update({key: value for key, value in optional.items() if value is not None})
    return item


def citations(fmt: str, sources: Iterable[Mapping[str, Any]]) -> str:
    """The sources in one of CITATION_FORMATS."""
    return to_csljson(sources) if fmt == "csljson" else to_bibtex(sources)


def to_csljson(sources: Iterable[Mapping[str, Any]]) -> str:
    from lasttrain_awards.output.writers import to_json

    return to_json([csl_item(s) for s in sources])


def to_bibtex(sources: Iterable[Mapping[str, Any]]) -> str:
    """BibTeX for biblatex (@online, date, urldate), one entry per source, its text LaTeX-encoded."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    encoder = UnicodeToLatexEncoder(unknown_char_policy="keep", unknown_char_warning=False)
    text = LatexEncodingMiddleware(encoder=encoder)  # no math kept, no \url{} added: plain text
    library = Library()
    addresses: dict[str, str] = {}
    for source in sources:
        fields = [Field("title", source["title"]), Field("organization", source["publisher"])]
        fields += [Field(key, source[name]) for key, name in _OPTIONAL if source.get(name)]
        library.add(Entry("online" if source.get("url") else "misc", source["id"], fields))
        if source.get("url"):
            addresses[source["id"]] = source["url"]
    library = text.transform(library)  # the text only: an address is read verbatim by biblatex
    for entry in library.entries:
        if entry.key in addresses:
            entry.set_field(Field("url", _braces_escaped(addresses[entry.key])))
    failed = library.failed_blocks
    if failed:  # pylatexenc could not encode a field: say which, never write half an entry
        raise ValueError(f"could not encode {len(failed)} source(s) for BibTeX: {failed[0].error}")
    return write_string(library)


# biblatex fields; its langid takes babel's language names, not the data's BCP 47 tags: left out.
_OPTIONAL = (("date", "published"), ("urldate", "retrieved"))


def _braces_escaped(url: str) -> str:
    """An address inside a braced field: its braces percent-encoded (as a URL may always write them)."""
    return url.replace("{", "%7B").replace("}", "%7D")
