"""Data honesty: every claim and film statement quotes its source, and every source exists.

The seeds are read from ../shared/seeds beside the checkout (as in CI). Where they are not
there (a wheel installed elsewhere, a clone without ../shared) the quotation checks skip and
say why in the summary; `.ci/run` sets AWARDS_REQUIRE_SEEDS, so there they fail instead.

A source's own words are its seed capture, or the quotations that the notes' sections it
names (`quoted_in`) attribute to it, never a note's summary (tests/verbatim.py says how they
are found). Every wording must be among them: the mutation tests change one word of each
wording in a copy of the dataset, and the check must then report each one.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from lasttrain_awards.findings import Report
from lasttrain_awards.validation.entries import Dataset
from lasttrain_awards.validation.rules import PLACE_FIELDS, fold_place, place_words
from lasttrain_awards.validation.scanner import validate
from tests.builders import DATA, SEEDS
from tests.verbatim import (
    Quote,
    Section,
    Seeds,
    normal,
    parts,
    quoted_spans,
    quotes_of,
    sections,
    source_quotes,
    sources_of,
    unquoted,
)


@pytest.fixture(autouse=True, scope="module")
def _seeds_present() -> None:
    """Skip, saying why, where the seed documents are not beside the checkout; fail where they are required."""
    if SEEDS.is_dir():
        return
    if os.environ.get("AWARDS_REQUIRE_SEEDS"):  # set by .ci/run
        pytest.fail(f"AWARDS_REQUIRE_SEEDS is set but the seed documents are not at {SEEDS}: they are required")
    pytest.skip(f"seed documents not found at {SEEDS}: quotations of sources not checked")


@functools.cache
def _sources() -> dict[str, dict[str, Any]]:
    return sources_of(DATA)


@functools.cache
def _quotes() -> tuple[Quote, ...]:
    return tuple(quotes_of(DATA))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per source and per quotation: the data is read when the tests are collected, not at import."""
    if "source_id" in metafunc.fixturenames:
        metafunc.parametrize("source_id", sorted(_sources()))
    if "quote" in metafunc.fixturenames:
        metafunc.parametrize("quote", _quotes(), ids=[q.where for q in _quotes()])


@pytest.fixture(scope="session")
def validated() -> tuple[Dataset, Report]:
    """The bundled dataset, validated once for the session when a test first asks for it."""
    return validate(DATA)


def test_the_dataset_is_valid(validated: tuple[Dataset, Report]) -> None:
    _, report = validated
    assert report.ok, [str(f) for f in report.errors]


def test_every_source_says_where_its_own_words_are(source_id: str) -> None:
    """A capture that exists, or notes' sections that each quote the source (none that quotes nothing of it)."""
    source = _sources()[source_id]
    assert ("file" in source) != ("quoted_in" in source), source_id
    if "file" in source:
        assert (SEEDS / source["file"]).is_file()
    assert all(normal(text) for text in Seeds(SEEDS).verbatim(source))


def test_wording_is_found_in_its_source(quote: Quote) -> None:
    words = [normal(text) for text in Seeds(SEEDS).verbatim(_sources()[quote.source])]
    for part in parts(quote.wording):
        assert any(normal(part) in text for text in words), f"{part!r} is not in the verbatim text of {quote.source}"


def test_the_whole_dataset_is_quoted() -> None:
    assert unquoted(DATA, SEEDS) == []


def _mutated(wording: str) -> str:
    """The wording with one word changed: its longest word written backwards (or doubled, if that reads the same)."""
    word = max(re.findall(r"\w{2,}", wording), key=len)
    changed = word[::-1] if word[::-1] != word else word * 2
    return wording.replace(word, changed, 1)


def test_changing_one_word_of_any_wording_is_caught(data_dir: Path) -> None:
    """Mutation test: in a copy of the dataset, one word of every wording changed; each is reported."""
    for folder in ("awards", "refuted", "films", "events"):
        for path in (data_dir / folder).glob("*.json"):
            document = json.loads(path.read_text(encoding="utf-8"))
            for record in document if isinstance(document, list) else [document]:
                claims = [*record.get("claims", []), *record.get("claimed_by", []), *record.get("refuted_by", [])]
                claims += [s for statements in record.get("facts", {}).values() for s in statements]
                claims += record.get("place_sources", [])
                for claim in claims:
                    claim["wording"] = _mutated(claim["wording"])
            path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    reported = {line.split(": ", 1)[0] for line in unquoted(data_dir, SEEDS)}
    assert reported == {quote.where for quote in _quotes()}


def test_changing_one_word_of_one_wording_is_caught(data_dir: Path) -> None:
    path = data_dir / "awards" / "anasy-documentary-awards.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["claims"][0]["wording"] = records[0]["claims"][0]["wording"].replace("powerful", "powerless", 1)
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    problems = unquoted(data_dir, SEEDS)
    assert len(problems) == 1 and "powerless" in problems[0], problems


def test_a_source_whose_words_are_elsewhere_is_caught(data_dir: Path) -> None:
    """A claim cited to the wrong source fails even though its words are quoted elsewhere in the notes."""
    path = data_dir / "sources" / "khaleej-anasy-2010.json"
    source = json.loads(path.read_text(encoding="utf-8"))
    source["quoted_in"] = [{"note": "extra-sources-2.md", "section": "2. Table of sources"}]
    path.write_text(json.dumps(source), encoding="utf-8")
    assert any("khaleej-anasy-2010" in line for line in unquoted(data_dir, SEEDS))


def test_only_what_stands_between_quotation_marks_is_a_pages_words() -> None:
    """Nested quotes stay inside, Polish „…" nests, Markdown's \\" is a quote, a translation is not the page's."""
    assert quoted_spans('- "A "nested" one," and "two" [x]') == ['A "nested" one,', "two"]
    assert quoted_spans('"In the section: „Winners". „Film" is a story."') == [
        'In the section: „Winners". „Film" is a story.'
    ]
    assert quoted_spans('Quote: "\\"Inside Job,\\" won."') == ['"Inside Job," won.']
    note = '## Words\n\n**page-a**\n- "Merci." [Translation: "Thanks."]\n- Notes say "words" too.\n'
    section = sections(note)["Words"]
    assert source_quotes(note, section, "page-a", None) == ["Merci.", "words"]
    assert source_quotes(note, section, "page-b", None) == []


def test_a_summary_table_is_never_a_sources_words() -> None:
    """extra-sources.md's table summarises its pages: no section that holds it gives any of them words."""
    seeds = Seeds(SEEDS)
    note = seeds.text("extra-sources.md")
    table = tuple(line for line in note.splitlines() if line.startswith("|"))
    rows = [[cell.strip().strip("`") for cell in line.strip("|").split("|")] for line in table[2:]]
    assert len(rows) >= 5 and all(row[1].startswith("http") for row in rows), "the summary table has moved"
    for source_id, url, *_ in rows:
        assert source_quotes(note, Section("table", table), source_id, url) == [], source_id
        for section in seeds.sections("extra-sources.md").values():  # the table's summary, in any section
            summary = normal(next(row[-1] for row in rows if row[0] == source_id))
            assert not any(summary in normal(q) for q in source_quotes(note, section, source_id, url))


ORDINAL_WORDS = dict(
    enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
        ],
        1,
    )
)


def _states_edition(wording: str, n: int) -> bool:
    """The edition as a number its wording gives (22nd, 12es, 제7회, SFIFF53) or an ordinal word."""
    word = ORDINAL_WORDS.get(n)
    return bool(re.search(rf"(?<!\d){n}(?!\d)", wording)) or (word is not None and word in wording.casefold())


def test_claim_years_and_editions_are_in_the_claims_own_words(validated: tuple[Dataset, Report]) -> None:
    """A claim's year or edition must be one its quoted words state, not one borrowed from another source."""
    dataset, _ = validated
    for entry in [*dataset.awards, *dataset.entries["refuted"]]:
        claims = [*entry.data.get("claims", []), *entry.data.get("claimed_by", []), *entry.data.get("refuted_by", [])]
        for claim in claims:
            if "year" in claim:
                assert str(claim["year"]) in claim["wording"], (entry.id, claim["source"], claim["year"])
            if "edition" in claim:
                assert _states_edition(claim["wording"], claim["edition"]), (entry.id, claim["source"])


def test_record_editions_and_aliases_come_from_claims(validated: tuple[Dataset, Report]) -> None:
    """A record's edition is one a claim states (unless marked inferred); each prize alias is in a claim's wording."""
    dataset, _ = validated
    for entry in dataset.awards:
        claims = entry.data["claims"]
        if "edition" in entry.data and "edition" not in {m["field"] for m in entry.data.get("inferred", [])}:
            assert any(c.get("edition") == entry.data["edition"] for c in claims), entry.id
        for alias in entry.data.get("category_aliases", []):
            assert any(normal(alias).casefold() in normal(c["wording"]).casefold() for c in claims), (entry.id, alias)


def test_a_records_year_date_and_edition_are_stated_or_marked_inferred(validated: tuple[Dataset, Report]) -> None:
    """Each is a value some claim gives (a claim gives only what its words state), or it is marked inferred with
    its reasoning; a year also follows from a stated date (for an eligibility-year event, it may be the year before)."""
    dataset, _ = validated
    events = {e.id: e.data for e in dataset.events}
    for entry in dataset.awards:
        d, claims = entry.data, entry.data["claims"]
        inferred = {mark["field"] for mark in d.get("inferred", [])}
        for field in ("year", "date", "edition"):
            if field in d and field not in inferred:
                given = {c.get(field) for c in claims}
                if field == "year":  # a stated date states its year
                    dates = {int(c["date"][:4]) for c in claims if "date" in c}
                    late = events[d["event"]]["year_basis"] == "eligibility"
                    given |= dates | ({y - 1 for y in dates} if late else set())
                assert d[field] in given, (entry.id, field)


# How the place sources' words write a city or a country that they state (the event records the city's own name
# and the country's ISO code). A new country stated outright needs its name here.
CITY_FORMS = {"New York": ("New York", "NYC")}
COUNTRY_NAMES = {"AU": "Australia", "HR": "Croatia", "NL": "Netherlands", "PL": "Poland", "TW": "Taiwan"}


def test_a_place_sources_city_and_country_are_in_its_own_words(validated: tuple[Dataset, Report]) -> None:
    """The city or country a place source gives is one its words state, outside the event's own names (a name,
    "Krakow Film Festival", is no statement of the place: a city taken from it is marked inferred)."""
    dataset, _ = validated
    for entry in dataset.events:
        for place in entry.data.get("place_sources", []):
            words = place_words(entry.data, place["wording"])
            for field in (f for f in PLACE_FIELDS if f in place):
                value = place[field]
                if field == "country":
                    assert value in COUNTRY_NAMES, f"{entry.id}: add the name of {value} to COUNTRY_NAMES"
                forms = CITY_FORMS.get(value, (value,)) if field == "city" else (COUNTRY_NAMES[value],)
                assert any(fold_place(form) in words for form in forms), (entry.id, place["source"], field)


def test_every_seed_is_a_source() -> None:
    files = {s.get("file") for s in _sources().values()}
    assert {p.name for p in SEEDS.glob("[0-9][0-9][0-9]_*.txt")} <= files


def test_no_review_or_critics_list_is_a_record(validated: tuple[Dataset, Report]) -> None:
    dataset, _ = validated
    text = json.dumps([e.data["category"] for e in dataset.awards]).casefold()
    assert not re.search(r"top (ten|four|five)|rating|tomatometer|review", text)
