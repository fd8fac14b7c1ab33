"""Data honesty: every claim and film statement quotes its source, and every source exists.

The seeds are read from ../shared/seeds beside the checkout (as in CI); the test is
skipped where they are not there (a wheel installed elsewhere).
"""

from __future__ import annotations

import json
import re

import pytest

from lasttrain_awards.validation import validate
from tests.conftest import DATA, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")

DATASET, REPORT = validate(DATA)
SOURCES = {e.id: e.data for e in DATASET.sources}


def _normal(text: str) -> str:
    # Captured pages wrap lines and bullet their lists; extra-sources.md italicises titles.
    return " ".join(text.replace("*", "").replace("\u2022", " ").split())


def _source_text(source_id: str) -> str:
    source = SOURCES[source_id]
    if "file" in source:
        return _normal((SEEDS / source["file"]).read_text(encoding="utf-8"))
    rows = [
        line for line in (SEEDS / "extra-sources.md").read_text(encoding="utf-8").splitlines() if source["url"] in line
    ]
    assert rows, f"{source_id}: {source['url']} is not among the sources named in extra-sources.md"
    return _normal(rows[0])


def _quotes() -> list[tuple[str, str, str]]:
    found = []
    for entry in DATASET.awards:
        for i, claim in enumerate(entry.data["claims"]):
            found.append((f"{entry.id} claims[{i}]", claim["source"], claim["wording"]))
    for entry in DATASET.films:
        for fact, statements in entry.data["facts"].items():
            for i, statement in enumerate(statements):
                found.append((f"{entry.id} {fact}[{i}]", statement["source"], statement["wording"]))
    return found


QUOTES = _quotes()


def test_the_dataset_is_valid() -> None:
    assert REPORT.ok, [str(f) for f in REPORT.errors]


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_every_seed_file_exists(source_id: str) -> None:
    if "file" in SOURCES[source_id]:
        assert (SEEDS / SOURCES[source_id]["file"]).is_file()
    else:
        _source_text(source_id)


@pytest.mark.parametrize(("where", "source_id", "wording"), QUOTES, ids=[q[0] for q in QUOTES])
def test_wording_is_found_in_its_source(where: str, source_id: str, wording: str) -> None:
    text = _source_text(source_id)
    # List entries of the catalogue are written "Heading / Item": each part must be there.
    for part in wording.split(" / "):
        assert _normal(part) in text, f"{where}: {part!r} is not in {source_id}"


ORDINALS = {2: "second", 3: "third"}


def test_claim_years_and_editions_are_in_the_claims_own_words() -> None:
    """A claim's year or edition must be one its quoted words state, not one borrowed from another source."""
    for entry in DATASET.awards:
        for claim in entry.data["claims"]:
            if "year" in claim:
                assert str(claim["year"]) in claim["wording"], (entry.id, claim["source"], claim["year"])
            if "edition" in claim:
                n = claim["edition"]
                spelled = {f"{n}th", f"{n}st", f"{n}nd", f"{n}rd", ORDINALS.get(n, "-")}
                assert any(s in claim["wording"] for s in spelled), (entry.id, claim["source"], n)


def test_every_seed_is_a_source() -> None:
    files = {s.get("file") for s in SOURCES.values()}
    assert {p.name for p in SEEDS.glob("[0-9][0-9][0-9]_*.txt")} <= files


def test_no_review_or_critics_list_is_a_record() -> None:
    text = json.dumps([e.data["category"] for e in DATASET.awards]).casefold()
    assert not re.search(r"top (ten|four|five)|rating|tomatometer|review", text)
