"""The vocabulary of an accolade record: what counts, what a result is called, what a kit may advertise.

Every output (listings, the sentence, the press kit) words records through these, so a rule such as
"a win no source states is not counted" lives in one place. Records are anything with the fields of
`Accolade` (the database's AwardRow), so this module imports nothing of the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

UNSTATED = "award laurel; no source states the result"  # a win read from a list of laurels
# The sources whose word a kit advertises a win on: the awarding body, the press, the film's makers or
# funders. A win that only other kinds state (an encyclopedia or catalogue, another organisation's
# page, a blog, a mirror or an aggregator) is "weakly stated": counted and drawn only when asked for.
STATING_KINDS = frozenset({"awarding-body", "press", "makers-or-funders"})
RESULT_LABELS = {
    "won": "Won",
    "nominated": "Nominated",
    "selected": "Official selection",
    "special-mention": "Special mention",
}


class Accolade(Protocol):
    """What these rules read of a record."""

    @property
    def category(self) -> str: ...
    @property
    def result(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def result_stated(self) -> bool: ...
    @property
    def result_kinds(self) -> Sequence[str]: ...


A = TypeVar("A", bound=Accolade)


def is_official_selection(row: Accolade) -> bool:
    """A selection a source calls an official selection; others (a screening) are worded as they are."""
    return row.category.casefold() == "official selection"


def result_label(row: Accolade) -> str:
    """The press kit's word for a result; a selection is an official one only where its category says so."""
    if row.result == "selected" and not is_official_selection(row):
        return "Selected"
    return RESULT_LABELS[row.result]


def weakly_stated(row: Accolade) -> bool:
    """A win that sources state, but only sources of a kind a kit does not advertise a win on (an
    encyclopedia alone, a blog alone). A row whose kinds are not known (built by hand, not read from
    a database) is not judged weak."""
    return (
        row.result == "won"
        and row.result_stated
        and bool(row.result_kinds)
        and STATING_KINDS.isdisjoint(row.result_kinds)
    )


def counted(rows: Iterable[A], include_unstated: bool = False, include_weak: bool = False) -> list[A]:
    """The rows a press kit may count and draw as they are: active records, and wins only where the
    awarding body, the press or the film's makers or funders state the result. `include_weak` also
    counts the wins that only weaker sources state; `include_unstated` the wins no source states, and
    those too (evidence weaker than the weak)."""
    include_weak = include_weak or include_unstated
    return [
        r
        for r in rows
        if r.status == "active"
        and (r.result != "won" or ((include_unstated or r.result_stated) and (include_weak or not weakly_stated(r))))
    ]


def unstated_wins(rows: Iterable[A]) -> list[A]:
    """Active wins that no source states: read from a list of laurels alone."""
    return [r for r in rows if r.status == "active" and r.result == "won" and not r.result_stated]


def uncounted_wins(rows: Iterable[A], include_unstated: bool = False, include_weak: bool = False) -> list[A]:
    """The active wins a kit lists apart rather than counts: those `counted` leaves out."""
    rows = list(rows)
    kept = {id(r) for r in counted(rows, include_unstated, include_weak)}
    return [r for r in rows if r.status == "active" and r.result == "won" and id(r) not in kept]
