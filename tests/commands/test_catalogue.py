"""A catalogue of films (tests/catalogue/, fictional): every command tells the films apart.

The catalogue has four films, shared events and sources, a prize two films shared, a film with no
accolades, and one festival edition at which three of its films were honoured.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.cli import cli
from lasttrain_awards.output.writers import FORMATS
from lasttrain_awards.paths import sqlite_url
from tests.builders import TODAY
from tests.conftest import assert_clean_exit

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue" / "data"
FILMS = {
    "the-lantern-keeper": "The Lantern Keeper",
    "salt-roads": "Salt Roads",
    "quiet-hours": "Quiet Hours",
    "the-unseen-film": "The Unseen Film",
}
Run = Callable[..., Result]


def _records() -> list[dict[str, Any]]:
    return [r for p in sorted((CATALOGUE / "awards").glob("*.json")) for r in json.loads(p.read_text("utf-8"))]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Run:
    """The `awards` CLI on the example catalogue, with a database of its own."""
    db = tmp_path_factory.mktemp("catalogue") / "awards.sqlite"
    runner = CliRunner(env={"COLUMNS": "250"})  # wide enough that no title wraps in a table

    def run(*args: str) -> Result:
        return runner.invoke(cli, ["--data", str(CATALOGUE), "--db", sqlite_url(db), *args])

    assert_clean_exit(run("load"), 0)
    return run


def ok(result: Result) -> Result:
    assert_clean_exit(result, 0)
    return result


def test_the_example_catalogue_is_valid(catalogue: Run) -> None:
    result = ok(catalogue("validate", "--today", TODAY))
    assert "valid: 0 error(s)" in result.output


@pytest.mark.parametrize(
    ("command", "fmt"), [("list", f) for f in FORMATS] + [("export", f) for f in FORMATS if f != "table"]
)
def test_listings_name_the_film_of_every_accolade(catalogue: Run, command: str, fmt: str) -> None:
    out = ok(catalogue(command, "--format", fmt)).stdout
    if fmt in ("json", "ndjson"):
        records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert {(r["film_id"], r["film"]) for r in records} == {
            (f, t) for f, t in FILMS.items() if f != "the-unseen-film"
        }
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert next(iter(rows[0])) == "Film" and {r["Film"] for r in rows} == set(FILMS.values()) - {"The Unseen Film"}
    else:
        assert out.splitlines()[0].lstrip("| ").startswith("Film")
        for title in ("The Lantern Keeper", "Salt Roads", "Quiet Hours"):
            assert title in out


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_one_films_selection_has_no_film_column_but_its_json_names_it(catalogue: Run, fmt: str) -> None:
    out = ok(catalogue("list", "--film", "salt roads", "--format", fmt)).stdout
    if fmt == "json":
        assert {r["film_id"] for r in json.loads(out)} == {"salt-roads"}
    else:
        assert not out.startswith("Film") and "Salt Roads" not in out.splitlines()[0]


@pytest.mark.parametrize(
    "name", ["quiet-hours", "Quiet Hours", "QUIET HOURS", "les heures calmes", "Les Heures Calmes"]
)
def test_a_film_is_named_by_its_id_title_or_another_title(catalogue: Run, name: str) -> None:
    rows = json.loads(ok(catalogue("list", "--film", name, "--format", "json")).stdout)
    assert rows and {r["film_id"] for r in rows} == {"quiet-hours"}


def test_film_is_repeatable_and_an_unknown_one_lists_the_near_matches(catalogue: Run) -> None:
    rows = json.loads(ok(catalogue("list", "--film", "salt-roads", "--film", "Quiet Hours", "--format", "json")).stdout)
    assert {r["film_id"] for r in rows} == {"salt-roads", "quiet-hours"}
    result = catalogue("list", "--film", "Lantern Keepr")
    assert_clean_exit(result, 2)
    assert "no film is called 'Lantern Keepr': did you mean The Lantern Keeper (the-lantern-keeper)?" in result.output


def test_the_festivals_view_lists_every_films_accolades_at_one_edition(catalogue: Run) -> None:
    rows = json.loads(ok(catalogue("list", "--event", "harbour", "--year", "2022", "--format", "json")).stdout)
    assert {r["film_id"] for r in rows} == {"the-lantern-keeper", "salt-roads", "quiet-hours"}
    assert {tuple(r["shared_with"]) for r in rows if r["result"] == "won"} == {("Salt Roads",), ("The Lantern Keeper",)}


def test_events_lists_each_edition_with_its_accolades_and_films(catalogue: Run) -> None:
    events = json.loads(ok(catalogue("events", "--format", "json")).stdout)
    harbour = next(e for e in events if e["event_id"] == "harbour-film-festival")
    assert (harbour["year"], harbour["editions"], harbour["accolades"], harbour["films"]) == (2022, [5], 3, 3)
    expected = {(r["event"], r.get("year")) for r in _records()}
    assert {(e["event_id"], e["year"]) for e in events} == expected
    table = ok(catalogue("events")).stdout
    assert "Harbour Film Festival" in table and "Port Example" in table


def test_films_lists_every_film_with_its_counts_even_one_with_none(catalogue: Run) -> None:
    films = {f["id"]: f for f in json.loads(ok(catalogue("films", "--format", "json")).stdout)}
    assert set(films) == set(FILMS)
    assert films["the-unseen-film"]["total"] == 0
    for film_id, film in films.items():
        mine = [r for r in _records() if r["film"] == film_id]
        assert film["total"] == len(mine)
        assert film["by_result"]["won"] == sum(r["result"] == "won" for r in mine)
    table = ok(catalogue("films", "--format", "csv")).stdout
    assert table.splitlines()[0] == "Film,Id,Year,Won,Nominated,Selected,Special mention,Accolades"


def test_stats_count_by_film_when_the_selection_spans_several(catalogue: Run) -> None:
    counts = json.loads(ok(catalogue("stats", "--format", "json")).stdout)
    assert counts["by_film"] == {"the-lantern-keeper": 2, "quiet-hours": 2, "salt-roads": 2}
    assert "Film" in ok(catalogue("stats")).stdout
    one = json.loads(ok(catalogue("stats", "--film", "salt-roads", "--format", "json")).stdout)
    assert "by_film" not in one and one["total"] == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_conflicts_and_refuted_name_their_film(catalogue: Run, fmt: str) -> None:
    conflicts = ok(catalogue("conflicts", "--format", fmt)).stdout
    refuted = ok(catalogue("refuted", "--format", fmt)).stdout
    if fmt == "json":
        assert {c["film_id"] for c in json.loads(conflicts)} == {"the-lantern-keeper", "quiet-hours"}
        assert [(r["film_id"], r["film"]) for r in json.loads(refuted)] == [("salt-roads", "Salt Roads")]
    elif fmt != "ndjson":
        assert "The Lantern Keeper" in conflicts and "Salt Roads" not in refuted.splitlines()[0]
    one = ok(catalogue("conflicts", "--film", "quiet-hours", "--format", "json")).stdout
    assert {c["film_id"] for c in json.loads(one)} == {"quiet-hours"}


@pytest.mark.parametrize(
    "command",
    [["summary"], ["presskit", "--no-png", "-o", "kit"], ["export", "--format", "quickstatements"]],
    ids=["summary", "presskit", "quickstatements"],
)
def test_what_speaks_of_the_film_needs_one_named(catalogue: Run, command: list[str], tmp_path: Path) -> None:
    command = [str(tmp_path / c) if c == "kit" else c for c in command]
    result = catalogue(*command)
    assert_clean_exit(result, 2)
    for film_id, title in FILMS.items():
        assert f"{title} ({film_id})" in result.output
    assert not (tmp_path / "kit").exists()
    allow_empty = ["--allow-empty"] if "quickstatements" in command else []  # the examples hold no Wikidata ids
    ok(catalogue(*command, "--film", "the-lantern-keeper", *allow_empty))


def test_a_films_sentence_and_kit_are_its_own(catalogue: Run, tmp_path: Path) -> None:
    sentence = ok(catalogue("summary", "--film", "Salt Roads")).stdout
    assert sentence.startswith("Winner of 1 award, including Best Documentary at the Harbour Film Festival (2022)")
    assert "shared with The Lantern Keeper" in sentence and "Quiet Hours" not in sentence
    assert ok(catalogue("summary", "--film", "the-unseen-film")).stdout == "No accolades recorded.\n"
    ok(catalogue("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--film", "quiet-hours"))
    page = (tmp_path / "kit" / "presskit.html").read_text(encoding="utf-8")
    assert "Quiet Hours" in page and "Salt Roads" not in page
