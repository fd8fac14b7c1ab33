"""What the kit says about the film, beyond its accolades: every line from a source or the kit file.

The film's facts are recorded per source (data/films/); here each becomes a line of the kit with the
sources that state it and, where sources disagree, the other values with theirs beside it. Texts
the owner wrote (kit file) carry no source and are marked as the owner's wherever they are shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lasttrain_awards.database.queries import AwardRow, FilmRecord, FilmStatement, SourceRef
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.presskit.kitfile import Contact, KitFile
from lasttrain_awards.presskit.wording import Page, laurel_rows

OWNER = "the kit's owner"  # how a text from the kit file is attributed


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

    @property
    def attribution(self) -> str:
        return ", ".join(part for part in (self.critic, self.outlet, self.date) if part)


@dataclass(frozen=True)
class FactLine:
    """One line of the fact sheet: the value shown, its sources, and the values other sources give."""

    label: str
    value: str
    source_ids: tuple[str, ...]
    note: str | None = None
    others: tuple[Sourced, ...] = ()


@dataclass(frozen=True)
class KitContent:
    title: str
    year: int | None = None
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
        ids: list[str | None] = [t.source_id for t in self.other_titles]
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

    def highlighted(self) -> list[AwardRow]:
        """The accolades whose laurels head the page (and that the fact sheet lists): the kit file's
        choice in its order (those the filters leave out skipped), else the data's, in page order."""
        laurelled = {row.id: row for row in laurel_rows(self.rows, self.include_unstated)}
        if self.highlight_ids is None:
            return [row for row in self.page().listed if row.highlight and row.id in laurelled]
        return [laurelled[i] for i in self.highlight_ids if i in laurelled]

    def page(self, first: Iterable[str] = (), after: Iterable[str] = (), rows: list[AwardRow] | None = None) -> Page:
        return Page.of(self.rows if rows is None else rows, self.sources, self.include_unstated, first, after)


# --- how each fact's value reads ----------------------------------------------------------------


def _names(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _runtime(value: Any) -> str:
    return f"{value} minutes"


def _money(value: Any) -> str:
    amount = value["amount"]
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    symbol = "$" if value["currency"] == "USD" else value["currency"] + " "
    return f"{symbol}{shown} ({value['territory']})"


MEDIUMS = {"home-video": "home video"}


def _release(value: Any) -> str:
    parts = [value["date"]]
    parts += [MEDIUMS.get(value["medium"], value["medium"])] if "medium" in value else []
    parts += [value["territory"]] if "territory" in value else []
    return ", ".join(parts)


# (fact, label, how its value reads): the order of the fact sheet.
FACTS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("year", "Year", str),
    ("countries", "Country", _names),
    ("languages", "Language", _names),
    ("runtime_minutes", "Running time", _runtime),
    ("directors", "Director", _names),
    ("producers", "Producers", _names),
    ("production_companies", "Production company", _names),
    ("distributors", "Distribution", _names),
    ("box_office", "Box office", _money),
)
CREDITS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("cinematography", "Cinematography", _names),
    ("editing", "Editing", _names),
    ("music", "Music", _names),
    ("featuring", "Featuring", _names),
)


def _key(value: Any) -> str:
    """Values compare as `awards conflicts` compares them: a list of names as a set."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = sorted(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def fact_line(
    label: str, statements: Sequence[FilmStatement], shown: Callable[[Any], str], prefer: str | None = None
) -> FactLine | None:
    """The value most sources state of the film itself, its sources, and every other statement.

    Only unqualified statements vote: a value a source qualifies (a broadcast length, a DVD's
    distributor) is of something else, so it is listed with its qualifier, never counted for the
    film's own value nor cited as backing it. Ties go to the value recorded first. When every
    statement is qualified, the first recorded is shown, with its qualifier. `prefer` (the kit
    file's choice) puts that source's statement first instead.
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
    others = tuple(Sourced(shown(s.value), s.source_id, s.qualifier) for s in statements if s not in chosen)
    note = chosen[0].qualifier
    return FactLine(label, shown(chosen[0].value), tuple(dict.fromkeys(s.source_id for s in chosen)), note, others)


def _lines(film: FilmRecord, table: Iterable[tuple[str, str, Callable[[Any], str]]], kit: KitFile) -> list[FactLine]:
    lines = []
    for fact, label, shown in table:
        prefer = kit.runtime_source if fact == "runtime_minutes" else None
        if prefer is not None and not film.of(fact):
            raise ContentError(
                f"no {label.lower()} is recorded at all, from {prefer!r} or any source", "runtime_source"
            )
        line = fact_line(label, film.of(fact), shown, prefer)
        if line is not None:
            lines.append(line)
    return lines


def _chosen_text(film: FilmRecord, fact: str, own: str | None, source: str | None) -> Sourced | None:
    """The owner's text if the kit file gives one, else the chosen source's, else the first recorded."""
    if own is not None:
        return Sourced(own, None)
    statements = film.of(fact)
    if source is not None:
        statements = [s for s in statements if s.source_id == source]
        if not statements:
            raise ContentError(f"no {fact} is recorded from source {source!r}", f"{fact}_source")
    first = statements[0] if statements else None
    return Sourced(str(first.value), first.source_id, first.qualifier) if first else None


def _quotes(film: FilmRecord, chosen: tuple[str, ...] | None) -> list[Quote]:
    quotes = [
        Quote(
            s.value["text"], s.value.get("critic"), s.value.get("outlet"), s.value.get("date"), s.source_id, s.qualifier
        )
        for s in film.of("press_quotes")
    ]
    if chosen is None:
        return quotes
    picked: list[Quote] = []
    for name in chosen:
        matches = [q for q in quotes if name.casefold() in {(q.critic or "").casefold(), (q.outlet or "").casefold()}]
        if not matches:
            known = sorted({q.critic or q.outlet or "" for q in quotes})
            raise ContentError(f"no press quote by {name!r} is recorded (recorded: {', '.join(known)})", "quotes")
        picked += [q for q in matches if q not in picked]
    return picked


def _other_titles(film: FilmRecord) -> list[Sourced]:
    seen: set[str] = {film.title}
    titles = []
    for statement in film.of("titles"):
        if statement.value not in seen:
            seen.add(statement.value)
            titles.append(Sourced(statement.value, statement.source_id, statement.qualifier))
    return titles


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


def kit_content(films: Sequence[FilmRecord], kit: KitFile | None = None) -> KitContent:
    """The kit's content for the chosen film: facts with their sources, texts, quotes, contacts."""
    kit = kit or KitFile()
    film = choose_film(films, kit)
    if film is None:  # no film in the data: the owner's texts still stand, marked as theirs
        own = [Sourced(text, None) if text else None for text in (kit.logline, kit.synopsis)]
        return KitContent(title="Accolades", logline=own[0], synopsis=own[1], contact=kit.contact, sales=kit.sales)
    releases = [
        FactLine("Release", _release(s.value), (s.source_id,), s.qualifier)
        for s in sorted(film.of("release_dates"), key=lambda s: s.value["date"])
    ]
    return KitContent(
        title=film.title,
        year=film.year,
        other_titles=tuple(_other_titles(film)),
        logline=_chosen_text(film, "logline", kit.logline, kit.logline_source),
        synopsis=_chosen_text(film, "synopsis", kit.synopsis, kit.synopsis_source),
        facts=tuple(_lines(film, FACTS, kit)),
        credits=tuple(_lines(film, CREDITS, kit)),
        releases=tuple(releases),
        quotes=tuple(_quotes(film, kit.quotes)),
        contact=kit.contact,
        sales=kit.sales,
    )
