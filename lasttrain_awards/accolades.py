"""The vocabulary of an accolade record: what counts, what a result is called, what a kit may advertise.

Every output (listings, the sentence, the press kit) words records through these, so a rule such as
"a win no source states is not counted" lives in one place. Records are anything with the fields of
`Accolade` (the database's AwardRow), so this module imports nothing of the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

UNSTATED = "award laurel; no source states the result"  # a win read from a list of laurels
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


A = TypeVar("A", bound=Accolade)


def is_official_selection(row: Accolade) -> bool:
    """A selection a source calls an official selection; others (a screening) are worded as they are."""
    return row.category.casefold() == "official selection"


def result_label(row: Accolade) -> str:
    """The press kit's word for a result; a selection is an official one only where its category says so."""
    if row.result == "selected" and not is_official_selection(row):
        return "Selected"
    return RESULT_LABELS[row.result]


def counted(rows: Iterable[A], include_unstated: bool = False) -> list[A]:
    """The rows a press kit may count and draw as they are: active records, and wins only where a source
    states the result (unless `include_unstated`)."""
    return [r for r in rows if r.status == "active" and (include_unstated or r.result != "won" or r.result_stated)]


def unstated_wins(rows: Iterable[A]) -> list[A]:
    """Active wins that no source states: read from a list of laurels alone."""
    return [r for r in rows if r.status == "active" and r.result == "won" and not r.result_stated]
