"""Conflicts between sources: every field on which the claims of a record (or a film's facts) disagree.

Computed from the claims each time, never stored, so a correction to one source's
wording shows up (or goes away) with the next build.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from lasttrain_awards.database.matching import search_key
from lasttrain_awards.database.models import Award, Claim, Film, FilmFact

DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})  # en and em dash read as a hyphen


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree on one field of one record or film."""

    subject: str  # award or film id
    subject_kind: str  # award | film
    field: str
    recorded: Any  # the value the record keeps (None where it keeps none)
    values: list[dict[str, Any]]  # [{source, value, wording}]
    film_id: str = ""  # the film the record is of, or the film itself
    film: str = ""  # its title

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _normal(value: Any) -> str:
    """Compare wordings without regard to case, spacing or dash style."""
    if isinstance(value, str):
        return " ".join(search_key(value).translate(DASHES).split())
    return json.dumps(value, sort_keys=True)


def conflicts(engine: Engine, film_ids: Collection[str] = ()) -> list[Conflict]:
    """Every field on which the sources of a record (or of a film) disagree, computed from the claims:
    of the films `film_ids` names, or of every film."""
    found: list[Conflict] = []
    with Session(engine) as session:
        # Ordered here by code point, as in list_awards, whatever the server's collation.
        awards = {
            a.id: a for a in sorted(session.scalars(select(Award)), key=lambda a: (a.year is None, a.year or 0, a.id))
        }
        claims: dict[str, list[Claim]] = defaultdict(list)
        for claim in session.scalars(select(Claim).order_by(Claim.award_id, Claim.position)):
            claims[claim.award_id].append(claim)
        facts: dict[tuple[str, str], list[FilmFact]] = defaultdict(list)
        for statement in session.scalars(select(FilmFact).order_by(FilmFact.film_id, FilmFact.fact, FilmFact.position)):
            facts[(statement.film_id, statement.fact)].append(statement)
        films = {f.id: f for f in session.scalars(select(Film))}
    for award_id, award in awards.items():
        for name in ("category", "year", "edition", "date", "result"):
            stated = [c for c in claims[award_id] if getattr(c, name) is not None]
            recorded = getattr(award, name)
            distinct = {_normal(getattr(c, name)) for c in stated}
            if recorded is not None:
                distinct.add(_normal(recorded))
            if len(distinct) > 1:
                found.append(
                    Conflict(
                        award_id,
                        "award",
                        name,
                        recorded,
                        [{"source": c.source_id, "value": getattr(c, name), "wording": c.wording} for c in stated],
                        award.film_id,
                        films[award.film_id].title,
                    )
                )
    for (film_id, fact), statements in sorted(facts.items(), key=lambda item: item[0]):
        if _facts_disagree(fact, statements):
            found.append(
                Conflict(
                    film_id,
                    "film",
                    fact,
                    getattr(films[film_id], fact, None),
                    [
                        {"source": s.source_id, "value": s.value, "wording": s.wording}
                        | ({"qualifier": s.qualifier} if s.qualifier else {})
                        for s in statements
                    ],
                    film_id,
                    films[film_id].title,
                )
            )
    return [c for c in found if not film_ids or c.film_id in film_ids]


# Facts whose statements are alternatives to choose from, each true in its source's words
# (one logline, synopsis or biography per source, every critic's quotation, each source's list of
# the director's other films): different texts are not a disagreement. Credits (production
# companies, distributors...) stay compared as below.
ALTERNATIVE_FACTS = frozenset(
    {"logline", "synopsis", "press_quotes", "director_biography", "director_filmography", "director_statement"}
)


def _facts_disagree(fact: str, statements: list[FilmFact]) -> bool:
    """Sources disagree when they give different values (name lists compared as sets).

    Release dates are several facts in one list (festival, theatrical, television):
    they disagree only when the same territory and medium get different dates; premieres, only
    when the same kind of premiere (world, European...) is given different places or years.
    Texts quoted as alternatives (ALTERNATIVE_FACTS) never disagree.
    """
    if fact in ALTERNATIVE_FACTS:
        return False
    groups: dict[str, set[str]] = defaultdict(set)
    for s in statements:
        if fact == "release_dates":
            groups[_normal([s.value.get("territory"), s.value.get("medium")])].add(_normal(s.value["date"]))
        elif fact == "premieres":
            groups[_normal(s.value["kind"].casefold())].add(_normal([s.value["event"], s.value.get("year")]))
        else:
            groups[""].add(_normal(sorted(s.value) if isinstance(s.value, list) else s.value))
    return any(len(values) > 1 for values in groups.values())
