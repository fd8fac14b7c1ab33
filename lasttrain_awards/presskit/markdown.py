"""The accolades page as Markdown: the same lines as the HTML page, sources as footnotes."""

from __future__ import annotations

from collections.abc import Iterable

from lasttrain_awards.database.queries import AwardRow, SourceRef
from lasttrain_awards.output.language import Language
from lasttrain_awards.presskit.content import OWNER, FactLine, KitData, Picture, Sourced, quote_credit
from lasttrain_awards.presskit.kitfile import Contact
from lasttrain_awards.presskit.wording import (
    LAUREL_ONLY_HEADING,
    LAUREL_ONLY_NOTE,
    SEPARATOR,
    UNDATED,
    XML_INVALID,
    details,
    line_parts,
    web_url,
)
from lasttrain_awards.safety import markdown_text


def _md(text: str) -> str:
    """Data text made literal in Markdown (the renderer's escaping), without XML-invalid characters."""
    return markdown_text(XML_INVALID.sub("", text))


def _md_source(number: int, source: SourceRef, lang: Language) -> str:
    url = web_url(source.url)
    text = f"[^{number}]: *{_md(source.title)}*" + (f", {_md(source.publisher)}" if source.publisher else "")
    text += (f", {_md(lang.date(source.published))}" if source.published else "") + "."
    if url:
        text += " <" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">."
    elif source.url:
        text += f" {_md(source.url)}."
    retrieved = lang._("Retrieved {date}.").format(date=lang.date(source.retrieved)) if source.retrieved else ""
    return text + (f" {_md(retrieved)}" if retrieved else "")


def presskit_markdown(data: KitData) -> str:
    """The press kit as Markdown, section for section the page's, sources as footnotes ([^1])."""
    content, summary, lang = data.content, data.summary, data.lang
    page = data.page(first=content.cited())
    _ = lang._
    own = " *" + _md(_("(from {owner})").format(owner=_(OWNER))) + "*"  # a line from the kit file

    def refs(source_ids: Iterable[str | None]) -> str:
        return "".join(f"[^{number}]" for number, _ in page.cite(s for s in source_ids if s))

    def attributed(item: Sourced) -> str:
        return own if item.source_id is None else refs([item.source_id])

    def note(text: str | None) -> str:
        return f" ({_md(text)})" if text else ""

    def line(row: AwardRow, apart: bool = False) -> str:
        parts = [f"**{_md(text)}**" if role == "result" else _md(text) for role, text in line_parts(row, apart, lang)]
        shown = details(row, lang)
        return "- " + SEPARATOR.join(parts) + refs(row.sources) + (f" ({_md(SEPARATOR.join(shown))})" if shown else "")

    def fact(item: FactLine) -> str:
        text = f"- **{_md(item.label)}:** {_md(item.value)}{note(item.note)}{own if item.by_owner else ''}"
        text += refs(item.source_ids)
        others = "; ".join(f"{_md(o.text)}{note(o.note)}{refs([o.source_id])}" for o in item.others)
        return text + (" (" + _md(_("other sources:")) + f" {others})" if others else "")

    def contact(person: Contact) -> str:
        parts = [person.role, person.organisation, person.territory, person.email, person.phone, person.url]
        return f"- **{_md(person.name)}**" + "".join(f"{SEPARATOR}{_md(p)}" for p in parts if p)

    def picture(image: Picture, alt: str) -> list[str]:
        words = f"{_md(image.caption)}{SEPARATOR}" if image.caption else ""
        whose = _("(from {owner}; the link opens the original, for print)").format(owner=_(OWNER))
        return [
            f"[![{_md(image.alt or alt)}]({image.web})]({image.original})",
            "",
            f"{words}{_md(image.credit)} *{_md(whose)}*",
            "",
        ]

    title = _md(content.title) + (refs([content.title_source]) if content.title_source else "")
    out = ["# " + _("{title}: press kit").format(title=title), ""]
    if content.other_titles:
        titles = SEPARATOR.join(f"{_md(t.text)}{note(t.note)}{refs([t.source_id])}" for t in content.other_titles)
        out += [_md(_("Also known as:")) + f" {titles}", ""]
    if content.logline:
        out += [f"*{_md(content.logline.text)}*{attributed(content.logline)}", ""]
    out += [_md(summary), ""]
    selection = _("A selection of the record: {selection}.").format(selection=data.selection or "")
    out += [_md(selection), ""] if data.selection else []
    out += picture(content.poster, _("Poster")) if content.poster else []
    if content.synopsis:
        paragraphs = [_md(p) for p in content.synopsis.paragraphs]
        paragraphs[-1] += attributed(content.synopsis)
        out += ["## " + _("Synopsis"), "", *(p + "\n" for p in paragraphs)]
    if content.stills:
        out += ["## " + _("Stills"), ""]
        for still in content.stills:
            out += picture(still, _("Still"))
    if content.quotes:
        out += ["## " + _("Press"), ""]
        for quote in content.quotes:
            credit = quote_credit(quote, data.sources, lang)
            out += [
                f"> “{_md(quote.text)}”",
                ">",
                f"> — {_md(credit)}{note(quote.note)}{refs([quote.source_id])}",
                "",
            ]
    if content.people:
        names = ", ".join(content.directors)
        heading = _("Directors") if len(content.directors) > 1 else _("Director")
        out += ["## " + (_("{heading}: {names}").format(heading=heading, names=_md(names)) if names else heading), ""]
        out += picture(content.director_photo, _("The director")) if content.director_photo else []
        if content.biography:
            paragraphs = [_md(p) for p in content.biography.paragraphs]
            paragraphs[-1] += attributed(content.biography)
            out += [*(p + "\n" for p in paragraphs)]
        if content.filmography:
            out += ["### " + _("Filmography"), ""]
            for entry in content.filmography:
                detail = f" ({_md(entry.value)})" if entry.value else ""
                out.append(f"- *{_md(entry.label)}*{detail}{own if entry.by_owner else ''}{refs(entry.source_ids)}")
            out.append("")
        if content.statement:
            paragraphs = [_md(p) for p in content.statement.paragraphs]
            paragraphs[-1] += attributed(content.statement)
            out += ["### " + _("Director's statement"), "", *(p + "\n" for p in paragraphs)]
    sheet = (*content.facts, *content.releases, *content.credits, *content.specs)
    if sheet:
        out += ["## " + _("Fact sheet"), "", *map(fact, sheet), ""]
    links: list[tuple[str, str, str | None]] = (
        [(_("Trailer:"), content.trailer, None)] if content.trailer and web_url(content.trailer) else []
    )
    if content.screener and web_url(content.screener.url):
        links.append((_("Screener:"), content.screener.url, content.screener.note))
    if links:
        out += ["## " + _("Watch"), ""]
        out += [f"- {label} <{url}>" + (f" ({_md(extra)})" if extra else "") for label, url, extra in links]
        out += ["", _md(_("From {owner}. No password is written in the kit.").format(owner=_(OWNER))), ""]
    out += ["## " + _("Accolades"), ""] if page.listed or page.apart else []  # else the sentence above says so
    for year, group in page.groups:
        out += [f"### {year if year is not None else _(UNDATED)}", "", *map(line, group), ""]
    if page.apart:
        out += [f"### {_md(_(LAUREL_ONLY_HEADING))}", "", _md(_(LAUREL_ONLY_NOTE)), ""]
        out += [line(row, apart=True) for row in page.apart] + [""]
    if content.contact or content.sales:
        out += ["## " + _("Contact"), ""]
        out += ["### " + _("Press"), "", *map(contact, content.contact), ""] if content.contact else []
        out += ["### " + _("Sales"), "", *map(contact, content.sales), ""] if content.sales else []
        out += [_md(_("From {owner}; no source states them.").format(owner=_(OWNER))), ""]
    out += [_md_source(number, source, lang) for number, source in enumerate(page.cited, start=1)]
    return "\n".join(out).rstrip("\n") + "\n"
