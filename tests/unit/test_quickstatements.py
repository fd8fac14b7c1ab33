"""QuickStatements from rows: statements only where the data holds the items, the rest listed as skipped
(fictional rows and items; tests/commands/test_wikidata.py exports the bundled data)."""

from __future__ import annotations

import pytest

from lasttrain_awards.database.queries import AwardRow, SourceRef
from lasttrain_awards.output.wikidata import Items, Skipped, quickstatements, wikidata_time
from tests.builders import award_row


@pytest.mark.parametrize(
    ("partial", "expected"),
    [
        ("2009", "+2009-00-00T00:00:00Z/9"),
        ("2009-11", "+2009-11-00T00:00:00Z/10"),
        ("2009-11-28", "+2009-11-28T00:00:00Z/11"),
    ],
)
def test_wikidata_time_keeps_the_precision_the_source_gives(partial: str, expected: str) -> None:
    assert wikidata_time(partial) == expected


def _row(award_id: str, result: str, **fields: object) -> AwardRow:
    """A row of a fictional festival (its Wikidata item is in the tests' Items), cited to a web page and a seed."""
    return award_row(award_id, result=result, **({"event_id": "festival", "sources": ["web", "seed"]} | fields))


def test_statements_references_and_skips() -> None:
    items = Items(
        films={"film": "Q1"},
        events={"festival": "Q2"},
        prizes={"win": ("film", "Q10"), "nomination": ("film", "Q11"), "other-film": ("nofilm", "Q12")},
    )
    sources = {
        "web": SourceRef("web", "A page", "A paper", "https://example.org/a", "2026-11-22", kind="press"),
        "body": SourceRef("body", "The winners", "The festival", "https://example.org/w", None, kind="awarding-body"),
        "blog": SourceRef("blog", "A post", "A blog", "https://example.org/b", None, kind="blog-mirror-aggregator"),
        "makers": SourceRef(
            "makers", "Our news", "The producer", "https://example.org/m", None, kind="makers-or-funders"
        ),
        "wiki": SourceRef("wiki", "An article", "Wikipedia", "https://en.wikipedia.org/wiki/X", None, kind="reference"),
        "wiki-again": SourceRef(
            "wiki-again", "Its talk", "Wikipedia", "https://en.wikipedia.org/wiki/Y", kind="reference"
        ),
        "seed": SourceRef("seed", "A catalogue", "A university", kind="reference"),
    }
    rows = [
        _row("win", "won", date="2010-04-26", sources=["web", "blog", "makers", "body", "wiki", "wiki-again", "seed"]),
        _row("nomination", "nominated", year=None, sources=["seed"]),
        _row("selection", "selected"),
        _row("no-prize-id", "won"),
        _row("other-film", "won"),
        _row("win", "won", status="rescinded"),
    ]
    skipped: list[Skipped] = []
    lines = list(quickstatements(rows, items, sources, skipped))
    statement = "Q1\tP166\tQ10\tP585\t+2010-04-26T00:00:00Z/11\tP1027\tQ2"
    assert lines == [  # the press and the awarding body by URL, Wikipedia imported-from once; no blog, no makers
        f'{statement}\tS854\t"https://example.org/a"\tS813\t+2026-11-22T00:00:00Z/11',
        f'{statement}\tS854\t"https://example.org/w"',
        f"{statement}\tS143\tQ328",
        "Q1\tP1411\tQ11\tP1027\tQ2",  # undated, and only a file source: no time, no reference
    ]
    assert [(s.award_id, s.reason.split(" (")[0]) for s in skipped] == [
        ("selection", "a selected accolade has no Wikidata property"),
        ("no-prize-id", "no Wikidata id for the prize"),
        ("other-film", "no Wikidata id for the film 'nofilm'"),
        ("win", "the record is rescinded: only active accolades are stated"),
    ]


def test_an_inferred_date_or_year_is_never_stated() -> None:
    """A point in time no source states is not stated to Wikidata: an inferred date falls back to the year,
    an inferred year to nothing (fictional rows and items)."""
    items = Items(films={"film": "Q1"}, events={}, prizes={"win": ("film", "Q10")})
    sources = {"web": SourceRef("web", "A page", "A paper", "https://example.org/a", kind="press")}
    row = _row("win", "won", date="2010-04-26", sources=["web"])
    variants = [row, row._replace(inferred={"date": "why"}), row._replace(date=None, inferred={"year": "why"})]
    shown = [next(quickstatements([variant], items, sources, [])).split("\t")[3:5] for variant in variants]
    assert shown == [
        ["P585", "+2010-04-26T00:00:00Z/11"],
        ["P585", "+2010-00-00T00:00:00Z/9"],
        ["S854", '"https://example.org/a"'],
    ]
