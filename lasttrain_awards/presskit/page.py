"""The kit's HTML: Jinja2 templates (templates/), autoescaped, with the stylesheet (style.css) inlined.

Pages are self-contained: inline CSS and SVG only, and a Content-Security-Policy that forbids every
fetch, so opening or printing one sends no request anywhere. Output is deterministic.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from lasttrain_awards.database.queries import SOURCE_KINDS
from lasttrain_awards.presskit import theme
from lasttrain_awards.presskit.chart import timeline_svg
from lasttrain_awards.presskit.content import OWNER, KitData, Quote, quote_credit
from lasttrain_awards.presskit.laurel import laurel_svg
from lasttrain_awards.presskit.wording import (
    LAUREL_ONLY_HEADING,
    LAUREL_ONLY_NOTE,
    SEPARATOR,
    UNDATED,
    XML_INVALID,
    Page,
    details,
    in_result_order,
    legend_label,
    line_parts,
    result_class,
    web_url,
)

if TYPE_CHECKING:
    from lasttrain_awards.database.queries import AwardRow, SourceRef

# The kit's own files (its images/) may be shown, nothing from elsewhere is fetched.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'"


def stylesheet() -> str:
    """The kit's stylesheet, a package data file."""
    return resources.files("lasttrain_awards.presskit").joinpath("templates", "style.css").read_text(encoding="utf-8")


def _finalize(value: Any) -> Any:
    """Every value a template prints loses the characters XML forbids (then autoescaping applies)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return XML_INVALID.sub("", value)
    return value


# What every template may call or print besides its own context (which adds the kit's language:
# `_`, `lang`, and the helpers that word a record in it).
TEMPLATE_GLOBALS: dict[str, Any] = {
    "result_class": result_class,
    "web_url": web_url,
    "separator": SEPARATOR,
    "undated": UNDATED,
    "owner": OWNER,
    "laurel_only_heading": LAUREL_ONLY_HEADING,
    "laurel_only_note": LAUREL_ONLY_NOTE,
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lasttrain_awards.presskit", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(TEMPLATE_GLOBALS, source_label=source_label)
    return env


def source_label(source: SourceRef) -> str:
    return f"{source.publisher}: {source.title}" if source.publisher else source.title


def og_image(data: KitData) -> str | None:
    """The Open Graph image: the poster's address, when the kit knows one (content.poster_url), else none."""
    url = getattr(data.content, "poster_url", None)
    return url if isinstance(url, str) and url else None


def _common(page: Page, data: KitData, kit_file: str | None) -> dict[str, Any]:
    """What every page's template gets: the head, the footnotes of this page, the kit's content, and
    its language with the helpers that word records in it."""
    lang = data.lang

    def hover(row: AwardRow) -> str:
        refs = page.refs(row)
        if not refs:
            return lang._("No source cited")
        return lang._("Sources: {sources}").format(sources="; ".join(source_label(s) for _, s in refs))

    return {
        "lang": lang,
        "_": lang._,
        "line_parts": partial(line_parts, lang=lang),
        "details": partial(details, lang=lang),
        "legend_label": partial(legend_label, lang=lang),
        "quote_credit": partial(quote_credit, sources=data.sources, lang=lang),
        "description": data.short_summary or data.summary,
        "og_image": og_image(data),
        "short_summary": data.short_summary or data.summary,
        "csp": Markup(CSP),
        "theme_css": Markup(theme.css_variables()),
        "stylesheet": Markup(stylesheet()),
        "page": page,
        "cite": page.cite,
        "hover": hover,
        "content": data.content,
        "summary": data.summary,
        "selection": data.selection,
        "kit_file": kit_file,
    }


def presskit_html(data: KitData, kit_file: str | None = None) -> str:
    """The press kit's page: title, logline, highlights, synopsis, press, fact sheet, accolades by year
    with footnoted sources, contact and sales (from the kit file only), and the numbered sources."""
    content = data.content
    page = data.page(first=content.cited())
    listed = page.listed
    chosen = data.highlighted()
    counts = Counter(row.result for row in listed)
    owner_lines = any(t is not None and t.source_id is None for t in (content.logline, content.synopsis))
    return (
        environment()
        .get_template("presskit.html.j2")
        .render(
            _common(page, data, kit_file),
            rows=listed,
            highlights=[Markup(laurel_svg(row, lang=data.lang).strip()) for row in chosen],
            timeline=Markup(timeline_svg(listed, data.lang)),
            legend=[(result, counts[result]) for result in in_result_order(counts)],
            owner_lines=owner_lines or bool(content.contact or content.sales),
        )
    )


FACT_SHEET_QUOTES = 2  # a one-page sheet: the first two chosen quotes


def factsheet_parts(data: KitData) -> tuple[Page, list[AwardRow], list[Quote]]:
    """What the fact sheet shows besides the content, the same for its HTML and its PDF: its own
    footnotes, the highlighted accolades each with its strongest source, and the quotes."""
    content = data.content
    # One source per accolade on a one-page sheet, the strongest (awarding body first, then the
    # press…; the first recorded of equals); the page cites them all.
    rank = {kind: n for n, kind in enumerate(SOURCE_KINDS)}

    def strength(index_and_id: tuple[int, str]) -> tuple[int, int]:
        source = data.sources.get(index_and_id[1])
        return rank.get(source.kind if source and source.kind else "", len(rank)), index_and_id[0]

    highlighted = []
    for row in data.highlighted():
        best = min(enumerate(row.sources), key=strength)[0] if row.sources else 0
        keep = slice(best, best + 1)
        highlighted.append(
            row._replace(
                sources=row.sources[keep], source_names=row.source_names[keep], source_urls=row.source_urls[keep]
            )
        )
    quotes = list(content.quotes[:FACT_SHEET_QUOTES])
    sheet = content.cited(synopsis=False, quotes=(), people=False)
    page = data.page(first=sheet, after=content.cited(synopsis=False, quotes=quotes, people=False), rows=highlighted)
    return page, highlighted, quotes


def factsheet_html(data: KitData, kit_file: str | None = None, paper: str = "A4") -> str:
    """One printable page (of `paper`: A4 or Letter, set by its @page rule): title, logline, the fact
    sheet, the summary sentence and the highlighted accolades, two press quotes, contact; its own
    numbered sources (only what it cites)."""
    page, highlighted, quotes = factsheet_parts(data)
    return (
        environment()
        .get_template("factsheet.html.j2")
        .render(
            _common(page, data, kit_file),
            highlighted=highlighted,
            quotes=quotes,
            paper=paper,
        )
    )
