"""What the kit says about the film, beyond its accolades: every line from a source or the kit file.

The film's facts are recorded per source (data/films/); here each becomes a line of the kit with the
sources that state it and, where sources disagree, the other values with theirs beside it. Texts
the owner wrote (kit file) carry no source and are marked as the owner's wherever they are shown.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lasttrain_awards.database.queries import AwardRow, FilmRecord, FilmStatement, SourceRef
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.output.language import N_, Language
from lasttrain_awards.presskit.kitfile import Contact, KitFile
from lasttrain_awards.presskit.wording import ENGLISH, Page, laurel_rows

OWNER = N_("the kit's owner")  # how a text from the kit file is attributed


class ContentError(AwardsError):
    """The kit file asks for something the data does not hold (an unknown film, source or quote);
    `key` is the kit file's key that asks for it."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Sourced:
    """A text and where it comes from: a source id, or None for the kit file."""

    text: str
    source_id: str | None
    note: str | None = None  # the source's qualifier: what the value is of
    language: str | None = None  # the text's language (BCP 47), where known: its source's

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Quote:
    text: str
    critic: str | None
    outlet: str | None
    date: str | None
    source_id: str
    note: str | None = None
    id: str = ""  # the data's own name for it: what the kit file's `quotes` chooses it by
    language: str | None = None  # its source's language

    @property
    def attribution(self) -> str:
        return ", ".join(part for part in (self.critic, self.outlet, self.date) if part)

    @property
    def author(self) -> str:
        """Whose words these are: the critic, else the outlet (one quote each, unless the kit file asks)."""
        return (self.critic or self.outlet or "").casefold()


def quote_credit(quote: Quote, sources: Mapping[str, SourceRef], lang: Language) -> str:
    """ "Manohla Dargis, New York Times (via Wikipedia)": the critic, the outlet and the date of
    publication as the source gives them, and the page the quote was found on where it is not the
    outlet's own."""
    parts = [quote.critic, quote.outlet, lang.date(quote.date) if quote.date else None]
    text = ", ".join(part for part in parts if part) or lang._("Unattributed")
    source = sources.get(quote.source_id)
    via = source.publisher if source else ""
    if via and via.casefold() != (quote.outlet or "").casefold():
        text += " " + lang._("(via {page})").format(page=via)
    return text


@dataclass(frozen=True)
class FactLine:
    """One line of the fact sheet: the value shown, its sources, and the values other sources give."""

    label: str  # in the kit's language
    value: str
    source_ids: tuple[str, ...]
    note: str | None = None
    others: tuple[Sourced, ...] = ()
    language: str | None = None  # the value's language where it is a source's words (countries, languages)


@dataclass(frozen=True)
class KitContent:
    title: str
    year: int | None = None
    title_source: str | None = None  # the source of a title other than the record's own (a French kit's)
    title_language: str = "en"
    other_titles: tuple[Sourced, ...] = ()
    logline: Sourced | None = None
    synopsis: Sourced | None = None
    facts: tuple[FactLine, ...] = ()
    credits: tuple[FactLine, ...] = ()
    releases: tuple[FactLine, ...] = ()
    quotes: tuple[Quote, ...] = ()
    contact: tuple[Contact, ...] = ()
    sales: tuple[Contact, ...] = ()

    def cited(self, synopsis: bool = True, quotes: Sequence[Quote] | None = None) -> list[str]:
        """The sources cited by what a page shows of the content (the fact sheet leaves some out)."""
        ids: list[str | None] = [self.title_source, *(t.source_id for t in self.other_titles)]
        ids += [t.source_id for t in (self.logline, self.synopsis if synopsis else None) if t]
        ids += [q.source_id for q in (self.quotes if quotes is None else quotes)]
        for line in (*self.facts, *self.releases, *self.credits):
            ids += [*line.source_ids, *(o.source_id for o in line.others)]
        return [s for s in dict.fromkeys(ids) if s]


@dataclass(frozen=True)
class KitData:
    """Everything a page of the kit is made from: the accolades, the summary sentence, the sources
    by id, the film's content, and whether wins no source states are counted and drawn."""

    rows: list[AwardRow]
    summary: str
    sources: Mapping[str, SourceRef]
    content: KitContent
    include_unstated: bool = False
    highlight_ids: tuple[str, ...] | None = None  # the kit file's choice; None: the data's `highlight`
    selection: str | None = None  # the filters in words, when the kit holds part of the record
    include_weak: bool = False  # count and draw the wins that only weaker sources state
    short_summary: str | None = None  # the top honours, for the page's head (None: the summary)
    lang: Language = ENGLISH

    def highlighted(self) -> list[AwardRow]:
        """The accolades whose laurels head the page (and that the fact sheet lists): the kit file's
        choice in its order (those the filters leave out skipped), else the data's, in page order."""
        laurelled = {row.id: row for row in laurel_rows(self.rows, self.include_unstated, self.include_weak)}
        if self.highlight_ids is None:
            return [row for row in self.page().listed if row.highlight and row.id in laurelled]
        return [laurelled[i] for i in self.highlight_ids if i in laurelled]

    def page(self, first: Iterable[str] = (), after: Iterable[str] = (), rows: list[AwardRow] | None = None) -> Page:
        rows = self.rows if rows is None else rows
        return Page.of(rows, self.sources, self.include_unstated, first, after, self.include_weak)


# --- how each fact's value reads, in the kit's language ----------------------------------------

Shown = Callable[[Any, Language], str]


def _names(value: Any, lang: Language) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _year(value: Any, lang: Language) -> str:
    return str(value)


def _runtime(value: Any, lang: Language) -> str:
    return lang.ngettext("{n} minute", "{n} minutes", int(value)).format(n=value)


def _money(value: Any, lang: Language) -> str:
    sum_ = lang.money(value["amount"], value["currency"])
    return lang._("{sum} ({country})").format(sum=sum_, country=lang.country(value["territory"]))


MEDIUMS = {
    "festival": N_("Festival screening"),
    "theatrical": N_("Theatrical release"),
    "television": N_("Television broadcast"),
    "streaming": N_("Streaming release"),
    "home-video": N_("Home video release"),
}
RELEASE = N_("Release")


def release_line(statement: FilmStatement, lang: Language) -> FactLine:
    """A release as a press kit says it: what was released where, as the data says ("Theatrical release,
    United States: 3 September 2010"); only "Release" where it says neither."""
    value = statement.value
    label = lang._(MEDIUMS[value["medium"]]) if value.get("medium") in MEDIUMS else lang._(RELEASE)
    if "territory" in value:
        label = lang._("{release}, {country}").format(release=label, country=lang.country(value["territory"]))
    return FactLine(label, lang.date(value["date"]), (statement.source_id,), statement.qualifier)


# (fact, label, how its value reads, whether the value is the source's words): the order of the fact sheet.
FACTS: tuple[tuple[str, str, Shown, bool], ...] = (
    ("year", N_("Year"), _year, False),
    ("countries", N_("Country"), _names, True),
    ("languages", N_("Language"), _names, True),
    ("runtime_minutes", N_("Running time"), _runtime, False),
    ("directors", N_("Director"), _names, False),
    ("producers", N_("Producers"), _names, False),
    ("production_companies", N_("Production company"), _names, False),
    ("distributors", N_("Distribution"), _names, False),
    ("box_office", N_("Box office"), _money, False),
)
CREDITS: tuple[tuple[str, str, Shown, bool], ...] = (
    ("cinematography", N_("Cinematography"), _names, False),
    ("editing", N_("Editing"), _names, False),
    ("music", N_("Music"), _names, False),
    ("featuring", N_("Featuring"), _names, False),
)


def _key(value: Any) -> str:
    """Values compare as `awards conflicts` compares them: a list of names as a set."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = sorted(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def fact_line(
    label: str,
    statements: Sequence[FilmStatement],
    shown: Callable[[Any], str],
    prefer: str | None = None,
    language: Callable[[str], str | None] | None = None,
) -> FactLine | None:
    """The value most sources state of the film itself, its sources, and every other statement.

    Only unqualified statements vote: a value a source qualifies (a broadcast length, a DVD's
    distributor) is of something else, so it is listed with its qualifier, never counted for the
    film's own value nor cited as backing it. Ties go to the value recorded first. When every
    statement is qualified, the first recorded is shown, with its qualifier. `prefer` (the kit
    file's choice) puts that source's statement first instead. `language`: a source's language, by its
    id, where the value shown is its words.
    """
    if not statements:
        return None
    if prefer is not None:
        preferred = [s for s in statements if s.source_id == prefer]
        if not preferred:
            raise ContentError(f"no {label.lower()} is recorded from source {prefer!r}", "runtime_source")
        first = preferred[0]
        chosen = [s for s in statements if _key(s.value) == _key(first.value) and s.qualifier == first.qualifier]
    else:
        votes: dict[str, list[FilmStatement]] = {}
        for statement in statements:
            if not statement.qualifier:
                votes.setdefault(_key(statement.value), []).append(statement)
        # max keeps the first of equals: the value recorded first
        chosen = max(votes.values(), key=len) if votes else [statements[0]]

    def words(source_id: str) -> str | None:
        return language(source_id) if language is not None else None

    others = tuple(
        Sourced(shown(s.value), s.source_id, s.qualifier, words(s.source_id)) for s in statements if s not in chosen
    )
    note = chosen[0].qualifier
    ids = tuple(dict.fromkeys(s.source_id for s in chosen))
    return FactLine(label, shown(chosen[0].value), ids, note, others, words(chosen[0].source_id))


def _in(shown: Shown, lang: Language, value: Any) -> str:
    return shown(value, lang)


def _lines(
    film: FilmRecord,
    table: Iterable[tuple[str, str, Shown, bool]],
    kit: KitFile,
    lang: Language = ENGLISH,
    languages: Mapping[str, str] | None = None,
) -> list[FactLine]:
    lines = []
    for fact, label, shown, sourced_words in table:
        prefer = kit.runtime_source if fact == "runtime_minutes" else None
        if prefer is not None and not film.of(fact):
            raise ContentError(
                f"no {label.lower()} is recorded at all, from {prefer!r} or any source", "runtime_source"
            )
        language = (languages or {}).get if sourced_words else None
        line = fact_line(lang._(label), film.of(fact), functools.partial(_in, shown, lang), prefer, language)
        if line is not None:
            lines.append(line)
    return lines


def _chosen_text(
    film: FilmRecord, fact: str, own: str | None, source: str | None, languages: Mapping[str, str]
) -> Sourced | None:
    """The owner's text if the kit file gives one, else the chosen source's, else the first recorded."""
    if own is not None:
        return Sourced(own, None)
    statements = film.of(fact)
    if source is not None:
        statements = [s for s in statements if s.source_id == source]
        if not statements:
            raise ContentError(f"no {fact} is recorded from source {source!r}", f"{fact}_source")
    first = statements[0] if statements else None
    if first is None:
        return None
    return Sourced(str(first.value), first.source_id, first.qualifier, languages.get(first.source_id, "en"))


def _quotes(film: FilmRecord, chosen: tuple[str, ...] | None, languages: Mapping[str, str]) -> list[Quote]:
    """The kit file's quotes in its order, each named by its id (or by a critic's or outlet's name that
    names exactly one); without a choice, every recorded quote but the first of each critic or outlet's."""
    quotes = [
        Quote(
            s.value["text"],
            s.value.get("critic"),
            s.value.get("outlet"),
            s.value.get("date"),
            s.source_id,
            s.qualifier,
            s.value.get("id", ""),
            languages.get(s.source_id, "en"),
        )
        for s in film.of("press_quotes")
    ]
    if chosen is None:
        authors: set[str] = set()
        first = []
        for quote in quotes:
            if quote.author not in authors:
                authors.add(quote.author)
                first.append(quote)
        return first
    picked: list[Quote] = []
    for name in chosen:
        matches = [q for q in quotes if q.id and q.id == name]
        if not matches:
            folded = name.casefold()
            matches = [q for q in quotes if folded in {(q.critic or "").casefold(), (q.outlet or "").casefold()}]
            if len(matches) > 1:
                ids = ", ".join(q.id or "(no id)" for q in matches)
                raise ContentError(f"{name!r} names {len(matches)} press quotes: choose by id ({ids})", "quotes")
        if not matches:
            known = ", ".join(q.id for q in quotes if q.id)
            raise ContentError(f"no press quote {name!r} is recorded (recorded: {known})", "quotes")
        picked += [q for q in matches if q not in picked]
    return picked


def _titles(film: FilmRecord, lang: Language, languages: Mapping[str, str]) -> tuple[Sourced, list[Sourced]]:
    """The title a kit in `lang` heads with, and the other titles (each once, with its source).

    The record's title heads an English kit; a kit in another language heads with a title that a source
    in that language gives (La Presse's "Le dernier train"), the record's own following it."""
    own = Sourced(film.title, None, None, "en")
    titles = [Sourced(s.value, s.source_id, s.qualifier, languages.get(s.source_id, "en")) for s in film.of("titles")]
    first = next((t for t in titles if lang.code != "en" and t.language == lang.code and t.text != film.title), own)
    seen = {first.text}
    others = [] if first is own else [own]
    seen |= {t.text for t in others}
    for title in titles:
        if title.text not in seen:
            seen.add(title.text)
            others.append(title)
    return first, others


def choose_film(films: Sequence[FilmRecord], kit: KitFile) -> FilmRecord | None:
    if kit.film is not None:
        for film in films:
            if film.id == kit.film:
                return film
        raise ContentError(f"the kit file names film {kit.film!r}, which the data does not hold", "film")
    if len(films) > 1:
        names = ", ".join(film.id for film in films)
        raise ContentError(f"the data holds several films ({names}): name one with `film = …` in the kit file", "film")
    return films[0] if films else None


def kit_content(
    films: Sequence[FilmRecord],
    kit: KitFile | None = None,
    lang: Language = ENGLISH,
    sources: Mapping[str, SourceRef] | None = None,
) -> KitContent:
    """The kit's content for the chosen film, in `lang`: facts with their sources, texts, quotes,
    contacts. `sources` give each source's language (for `lang` attributes, and a French kit's title)."""
    kit = kit or KitFile()
    languages = {source_id: ref.language or "en" for source_id, ref in (sources or {}).items()}
    film = choose_film(films, kit)
    if film is None:  # no film in the data: the owner's texts still stand, marked as theirs
        own = [Sourced(text, None) if text else None for text in (kit.logline, kit.synopsis)]
        return KitContent(
            title=lang._("Accolades"), logline=own[0], synopsis=own[1], contact=kit.contact, sales=kit.sales
        )
    releases = [release_line(s, lang) for s in sorted(film.of("release_dates"), key=lambda s: s.value["date"])]
    title, other_titles = _titles(film, lang, languages)
    return KitContent(
        title=title.text,
        year=film.year,
        title_source=title.source_id,
        title_language=title.language or "en",
        other_titles=tuple(other_titles),
        logline=_chosen_text(film, "logline", kit.logline, kit.logline_source, languages),
        synopsis=_chosen_text(film, "synopsis", kit.synopsis, kit.synopsis_source, languages),
        facts=tuple(_lines(film, FACTS, kit, lang, languages)),
        credits=tuple(_lines(film, CREDITS, kit, lang, languages)),
        releases=tuple(releases),
        quotes=tuple(_quotes(film, kit.quotes, languages)),
        contact=kit.contact,
        sales=kit.sales,
    )
