"""What the kit says about the film, beyond its accolades: every line from a source or the kit file.

The film's facts are recorded per source (data/films/); here each becomes a line of the kit with the
sources that state it and, where sources disagree, the other values with theirs beside it. Texts
the owner wrote (kit file) carry no source and are marked as the owner's wherever they are shown.
The director's biography, filmography and statement and the technical specifications come from the
sources first: the owner's are shown only where no source states one (of the film itself), and
those set aside are named (`KitContent.set_aside`) so that the kit can say so.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lasttrain_awards.database.queries import AwardRow, FilmRecord, FilmStatement, SourceRef
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.output.language import N_, Language
from lasttrain_awards.presskit.kitfile import Contact, KitFile, Screener
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
    """One line of the fact sheet: the value shown, its sources, and the values other sources give.
    No source: the kit owner's (a technical specification from the kit file)."""

    label: str  # in the kit's language
    value: str
    source_ids: tuple[str, ...]
    note: str | None = None
    others: tuple[Sourced, ...] = ()
    language: str | None = None  # the value's language where it is a source's words (countries, languages)

    @property
    def by_owner(self) -> bool:
        return not self.source_ids


@dataclass(frozen=True)
class Picture:
    """One of the owner's images as the kit holds it: the web copy the pages show and the original
    kept for print (paths inside the kit), the web copy's size in pixels, and its words."""

    web: str
    original: str
    width: int
    height: int
    original_size: tuple[int, int]
    credit: str
    caption: str | None = None
    alt: str | None = None


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
    specs: tuple[FactLine, ...] = ()  # premieres, subtitles, then the owner's format, sound...
    directors: tuple[str, ...] = ()
    biography: Sourced | None = None
    filmography: tuple[FactLine, ...] = ()  # label: the film's title; value: its year and the role
    statement: Sourced | None = None
    poster: Picture | None = None
    stills: tuple[Picture, ...] = ()
    director_photo: Picture | None = None
    trailer: str | None = None
    screener: Screener | None = None
    set_aside: tuple[str, ...] = ()  # the kit file's keys not shown because a source states them

    def cited(self, synopsis: bool = True, quotes: Sequence[Quote] | None = None, people: bool = True) -> list[str]:
        """The sources cited by what a page shows of the content (the fact sheet leaves some out)."""
        ids: list[str | None] = [self.title_source, *(t.source_id for t in self.other_titles)]
        ids += [t.source_id for t in (self.logline, self.synopsis if synopsis else None) if t]
        ids += [q.source_id for q in (self.quotes if quotes is None else quotes)]
        for line in (*self.facts, *self.releases, *self.credits, *self.specs):
            ids += [*line.source_ids, *(o.source_id for o in line.others)]
        if people:
            ids += [t.source_id for t in (self.biography, self.statement) if t]
            ids += [s for line in self.filmography for s in line.source_ids]
        return [s for s in dict.fromkeys(ids) if s]

    @property
    def pictures(self) -> list[Picture]:
        return [p for p in (self.poster, *self.stills, self.director_photo) if p is not None]

    @property
    def people(self) -> bool:
        """Whether the kit has a section on the director."""
        return bool(self.biography or self.filmography or self.statement or self.director_photo)


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
    set_aside: list[str],
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
        reads = functools.partial(_in, shown, lang)
        line = fact_line(lang._(label), film.of(fact), reads, prefer, language)
        spec = OWNER_SPECS.get(fact)
        if spec is not None:
            own = kit.specs.get(spec)
            line = _owners_value(lang._(label), film.of(fact), reads, line, own, f"specs.{spec}", set_aside)
        if line is not None:
            lines.append(line)
    return lines


# The kit file's specs that stand for a recorded fact: the owner's value is shown only where no
# source states the fact of the film itself.
OWNER_SPECS = {"runtime_minutes": "running_time", "languages": "languages", "subtitles": "subtitles"}
# The specs no source records today, the owner's alone: (key, label), in the fact sheet's order.
OWNER_ONLY_SPECS = (
    ("format", N_("Format")),
    ("aspect_ratio", N_("Aspect ratio")),
    ("sound", N_("Sound")),
    ("colour", N_("Colour")),
    ("shooting_format", N_("Shooting format")),
)
SUBTITLES: tuple[tuple[str, str, Shown, bool], ...] = (("subtitles", N_("Subtitles"), _names, True),)
PREMIERE = N_("Premiere")
# A premiere's kind as the sources name it (capitalised), in the kit's words; another kind reads
# "{kind} premiere" with the source's own word.
PREMIERES = {
    "World": N_("World premiere"),
    "International": N_("International premiere"),
    "European": N_("European premiere"),
    "North American": N_("North American premiere"),
}


def _owners_value(
    label: str,
    statements: Sequence[FilmStatement],
    shown: Callable[[Any], str],
    line: FactLine | None,
    own: str | None,
    key: str,
    set_aside: list[str],
) -> FactLine | None:
    """The sourced line, or the owner's value where no source states the fact of the film itself (then
    what sources state of something else, a DVD's subtitles, follows it with their qualifiers)."""
    if own is None:
        return line
    if any(not s.qualifier for s in statements):
        set_aside.append(key)
        return line
    return FactLine(label, own, (), None, tuple(Sourced(shown(s.value), s.source_id, s.qualifier) for s in statements))


def _owners_specs(table: Iterable[tuple[str, str, Shown, bool]], kit: KitFile, lang: Language) -> list[FactLine]:
    """The kit file's values for the facts of `table` it may stand for (OWNER_SPECS), marked as the
    owner's: what shows where the data holds no film."""
    return [
        FactLine(lang._(label), kit.specs[OWNER_SPECS[fact]], ())
        for fact, label, _, _ in table
        if OWNER_SPECS.get(fact) in kit.specs
    ]


def _owners_premiere(kit: KitFile, lang: Language) -> list[FactLine]:
    return [FactLine(lang._(PREMIERE), kit.specs["premiere"], ())] if "premiere" in kit.specs else []


def _premiere_label(kind: str, lang: Language) -> str:
    return lang._(PREMIERES[kind]) if kind in PREMIERES else lang._("{kind} premiere").format(kind=kind)


def _premieres(film: FilmRecord, kit: KitFile, set_aside: list[str], lang: Language = ENGLISH) -> list[FactLine]:
    """One line per premiere (world, international...), with every source that states it."""
    lines: dict[tuple[str, str], list[FilmStatement]] = {}
    for s in film.of("premieres"):
        value = s.value
        place = value["event"] + (f" {value['year']}" if "year" in value else "")
        place += f" ({lang.date(value['date'])})" if "date" in value else ""
        lines.setdefault((_premiere_label(value["kind"], lang), place), []).append(s)
    if lines and "premiere" in kit.specs:
        set_aside.append("specs.premiere")
    if not lines:
        return _owners_premiere(kit, lang)
    return [
        FactLine(label, place, tuple(dict.fromkeys(s.source_id for s in found)), found[0].qualifier)
        for (label, place), found in lines.items()
    ]


def _filmography(film: FilmRecord, kit: KitFile, set_aside: list[str], languages: Mapping[str, str]) -> list[FactLine]:
    """The director's films the sources name, each once with every source naming it, by year (those
    without one last); else the owner's lines."""
    entries: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for s in film.of("director_filmography"):
        for entry in s.value:
            found = entries.setdefault(entry["title"].casefold(), (dict(entry), []))
            found[0].update({k: v for k, v in entry.items() if k not in found[0]})
            found[1].append(s.source_id)
    if entries and kit.director.filmography:
        set_aside.append("director.filmography")
    if not entries:
        return [FactLine(text, "", ()) for text in kit.director.filmography]
    ordered = sorted(entries.values(), key=lambda e: (e[0].get("year") is None, e[0].get("year") or 0))
    return [
        FactLine(
            entry["title"],
            ", ".join(str(part) for part in (entry.get("year"), entry.get("role")) if part),
            tuple(dict.fromkeys(sources)),
            language=languages.get(sources[0], "en"),
        )
        for entry, sources in ordered
    ]


def _sourced_or_owners(
    film: FilmRecord, fact: str, own: str | None, key: str, set_aside: list[str], languages: Mapping[str, str]
) -> Sourced | None:
    """The first recorded statement's text, else the owner's (marked as theirs where shown)."""
    statements = film.of(fact)
    if statements and own is not None:
        set_aside.append(key)
    if statements:
        first = statements[0]
        return Sourced(str(first.value), first.source_id, first.qualifier, languages.get(first.source_id, "en"))
    return Sourced(own, None) if own is not None else None


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
    pictures: Mapping[str, Picture] | None = None,
) -> KitContent:
    """The kit's content for the chosen film, in `lang`: facts with their sources, texts, quotes,
    contacts, and the owner's pictures (`pictures`, by the kit file's key: see images.py). `sources`
    give each source's language (for `lang` attributes, and a French kit's title)."""
    kit = kit or KitFile()
    languages = {source_id: ref.language or "en" for source_id, ref in (sources or {}).items()}
    film = choose_film(films, kit)
    return with_pictures(_content(film, kit, lang, languages), kit, pictures or {})


def with_pictures(content: KitContent, kit: KitFile, pictures: Mapping[str, Picture]) -> KitContent:
    """The content with the owner's images as the kit holds them (by the kit file's key: images.py)."""
    return replace(
        content,
        poster=pictures.get("poster"),
        stills=tuple(pictures[s.key] for s in kit.stills if s.key in pictures),
        director_photo=pictures.get("director.photo"),
    )


def _content(film: FilmRecord | None, kit: KitFile, lang: Language, languages: Mapping[str, str]) -> KitContent:
    owners: dict[str, Any] = {  # what only the owner gives: the same with a film or without
        "contact": kit.contact,
        "sales": kit.sales,
        "trailer": kit.trailer,
        "screener": kit.screener,
    }
    own_specs = tuple(
        FactLine(lang._(label), kit.specs[key], ()) for key, label in OWNER_ONLY_SPECS if key in kit.specs
    )
    if film is None:  # no film in the data: the owner's texts still stand, marked as theirs
        own = [Sourced(text, None) if text else None for text in (kit.logline, kit.synopsis)]
        owned, subtitles = _owners_specs(FACTS, kit, lang), _owners_specs(SUBTITLES, kit, lang)
        premiere = _owners_premiere(kit, lang)
        return KitContent(
            title=lang._("Accolades"),
            logline=own[0],
            synopsis=own[1],
            facts=tuple(owned),
            specs=(*premiere, *subtitles, *own_specs),
            biography=Sourced(kit.director.biography, None) if kit.director.biography else None,
            statement=Sourced(kit.director.statement, None) if kit.director.statement else None,
            filmography=tuple(FactLine(text, "", ()) for text in kit.director.filmography),
            **owners,
        )
    set_aside: list[str] = []
    releases = [release_line(s, lang) for s in sorted(film.of("release_dates"), key=lambda s: s.value["date"])]
    title, other_titles = _titles(film, lang, languages)
    # with the owner's running time or language where no source has one
    facts = _lines(film, FACTS, kit, set_aside, lang, languages)
    subtitles = _lines(film, SUBTITLES, kit, set_aside, lang, languages)
    return KitContent(
        title=title.text,
        year=film.year,
        title_source=title.source_id,
        title_language=title.language or "en",
        other_titles=tuple(other_titles),
        logline=_chosen_text(film, "logline", kit.logline, kit.logline_source, languages),
        synopsis=_chosen_text(film, "synopsis", kit.synopsis, kit.synopsis_source, languages),
        facts=tuple(facts),
        credits=tuple(_lines(film, CREDITS, kit, set_aside, lang, languages)),
        releases=tuple(releases),
        quotes=tuple(_quotes(film, kit.quotes, languages)),
        specs=(*_premieres(film, kit, set_aside, lang), *subtitles, *own_specs),
        directors=tuple(film.directors),
        biography=_sourced_or_owners(
            film, "director_biography", kit.director.biography, "director.biography", set_aside, languages
        ),
        filmography=tuple(_filmography(film, kit, set_aside, languages)),
        statement=_sourced_or_owners(
            film, "director_statement", kit.director.statement, "director.statement", set_aside, languages
        ),
        set_aside=tuple(set_aside),
        **owners,
    )
