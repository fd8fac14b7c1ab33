"""Data honesty: every claim and film statement quotes its source, and every source exists.

The seeds are read from ../shared/seeds beside the checkout (as in CI). Where they are not
there (a wheel installed elsewhere, a clone without ../shared) the quotation checks skip and
say why in the summary; `.ci/run` sets AWARDS_REQUIRE_SEEDS, so there they fail instead.

A web source is checked against what the seed files hold of it: its row in
extra-sources.md (summaries), its table row and its own blocks in extra-sources-2.md, or the
sections of refuted-claims.md that give its address.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache

import pytest

from lasttrain_awards.validation import validate
from tests.conftest import DATA, SEEDS

if os.environ.get("AWARDS_REQUIRE_SEEDS") and not SEEDS.is_dir():  # set by .ci/run
    raise RuntimeError(f"AWARDS_REQUIRE_SEEDS is set but the seed documents are not at {SEEDS}: they are required")
pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}: quotations of sources not checked"
)

DATASET, REPORT = validate(DATA)
SOURCES = {e.id: e.data for e in DATASET.sources}
QUOTE_JOIN = " … "  # separate quotes of one source in one wording


def _normal(text: str) -> str:
    # Captured pages wrap lines and bullet their lists; the notes files italicise titles.
    return " ".join(text.replace("*", "").replace("\u2022", " ").split())


def _blocks_of_extra_sources_2(source_id: str, url: str) -> str:
    """A source's table row (title, publisher, address, date) and its own quotation blocks."""
    lines = (SEEDS / "extra-sources-2.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith(f"| {source_id} ") and f"| {url} |" in line]
    assert rows, f"{source_id}: no row of extra-sources-2.md has this id and the address {url}"
    found, inside = list(rows), False
    for line in lines:
        if line.startswith(("#", "**")):
            inside = line.startswith(f"**{source_id}**")
        if inside:
            found.append(line.removeprefix(f"**{source_id}**"))
    return "\n".join(found)


def _sections_of_refuted_claims(url: str) -> str:
    """The sections of refuted-claims.md that give this address."""
    text = (SEEDS / "refuted-claims.md").read_text(encoding="utf-8").replace('\\"', '"')  # Markdown's \" is "
    sections = [s for s in re.split(r"^#{2,3} ", text, flags=re.MULTILINE) if url in s]
    assert sections, f"{url} is not in refuted-claims.md"
    return "\n".join(sections)


@cache
def _source_text(source_id: str) -> str:
    source = SOURCES[source_id]
    if "file" in source:
        return _normal((SEEDS / source["file"]).read_text(encoding="utf-8"))
    quoted_in = source.get("quoted_in", "extra-sources.md")
    if quoted_in == "extra-sources-2.md":
        return _normal(_blocks_of_extra_sources_2(source_id, source["url"]))
    if quoted_in == "refuted-claims.md":
        return _normal(_sections_of_refuted_claims(source["url"]))
    assert quoted_in == "extra-sources.md", f"{source_id}: unknown quoted_in {quoted_in!r}"
    rows = [
        line for line in (SEEDS / "extra-sources.md").read_text(encoding="utf-8").splitlines() if source["url"] in line
    ]
    assert rows, f"{source_id}: {source['url']} is not among the sources named in extra-sources.md"
    return _normal(rows[0])


def _claims(entry_id: str, claims: list[dict[str, object]], label: str) -> list[tuple[str, str, str]]:
    return [(f"{entry_id} {label}[{i}]", str(c["source"]), str(c["wording"])) for i, c in enumerate(claims)]


def _quotes() -> list[tuple[str, str, str]]:
    found = []
    for entry in DATASET.awards:
        found += _claims(entry.id, entry.data["claims"], "claims")
    for entry in DATASET.entries["refuted"]:
        found += _claims(entry.id, entry.data["claimed_by"], "claimed_by")
        found += _claims(entry.id, entry.data["refuted_by"], "refuted_by")
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
    # Separate quotes are joined with " … "; list entries of the catalogue are written
    # "Heading / Item": each part must be there.
    for quote in wording.split(QUOTE_JOIN):
        for part in quote.split(" / "):
            assert _normal(part) in text, f"{where}: {part!r} is not in {source_id}"


ORDINAL_WORDS = {2: "second", 3: "third", 4: "fourth"}


def _states_edition(wording: str, n: int) -> bool:
    """The edition as a number its wording gives (22nd, 12es, 제7회, SFIFF53) or an ordinal word."""
    return bool(re.search(rf"(?<!\d){n}(?!\d)", wording)) or ORDINAL_WORDS.get(n, "-") in wording.casefold()


def test_claim_years_and_editions_are_in_the_claims_own_words() -> None:
    """A claim's year or edition must be one its quoted words state, not one borrowed from another source."""
    for entry in [*DATASET.awards, *DATASET.entries["refuted"]]:
        claims = [*entry.data.get("claims", []), *entry.data.get("claimed_by", []), *entry.data.get("refuted_by", [])]
        for claim in claims:
            if "year" in claim:
                assert str(claim["year"]) in claim["wording"], (entry.id, claim["source"], claim["year"])
            if "edition" in claim:
                assert _states_edition(claim["wording"], claim["edition"]), (entry.id, claim["source"])


def test_record_editions_and_aliases_come_from_claims() -> None:
    """A record's edition is one a claim states; each prize alias occurs in a claim's wording."""
    for entry in DATASET.awards:
        claims = entry.data["claims"]
        if "edition" in entry.data:
            assert any(c.get("edition") == entry.data["edition"] for c in claims), entry.id
        for alias in entry.data.get("category_aliases", []):
            assert any(_normal(alias).casefold() in _normal(c["wording"]).casefold() for c in claims), (entry.id, alias)


def test_every_seed_is_a_source() -> None:
    files = {s.get("file") for s in SOURCES.values()}
    assert {p.name for p in SEEDS.glob("[0-9][0-9][0-9]_*.txt")} <= files


def test_no_review_or_critics_list_is_a_record() -> None:
    text = json.dumps([e.data["category"] for e in DATASET.awards]).casefold()
    assert not re.search(r"top (ten|four|five)|rating|tomatometer|review", text)
