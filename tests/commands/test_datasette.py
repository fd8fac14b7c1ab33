"""`awards browse`: the SQLite build in Datasette, driven in-process with Datasette's own test client.

The search box (FTS5, built at load), the facets and the view's order, on the bundled data; every
expectation is computed apart, from the JSON files or the database's own tables. Needs the datasette
package (the test extra has it): without it these tests skip with the reason, except under CI (the CI
variable set), where they fail. The tests of browse.py's refusals run without Datasette.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from lasttrain_awards.database import browse
from lasttrain_awards.database.engine import make_engine
from lasttrain_awards.database.loader import load
from lasttrain_awards.database.tables import BROWSE_COLUMNS, BROWSE_VIEW, SEARCH_TABLE
from lasttrain_awards.paths import datasette_metadata_file, sqlite_url
from tests.builders import DATA, bundled_records, loaded_engine, sqlite_engine

VIEW = f"/awards/{BROWSE_VIEW}.json"
# Plumbing a reader has no use for: where a record lives in which file, the listing key, the film
# (every record is of the one film), the press-kit highlight, and the derived columns' raw names.
INTERNAL = {"list_key", "data_file", "data_path", "film_id", "highlight", "cited_sources", "recipient_names"}


def _missing() -> str | None:
    """Why Datasette cannot run here, or None."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        return "the datasette package is not installed (pip install 'datasette>=0.65')"
    return None


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data, loaded once for the module into a SQLite file named as `awards load` names it."""
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{missing}; CI is set, so the Datasette tests must run")
        pytest.skip(missing)
    path = tmp_path_factory.mktemp("datasette") / "awards.sqlite"
    loaded_engine(path).dispose()  # the load reads the data only
    return path


def fetch(database: Path, path: str, **params: Any) -> dict[str, Any]:
    """GET one JSON page from a Datasette on the file, with the packaged metadata (rows as objects)."""
    from datasette.app import Datasette

    async def get() -> dict[str, Any]:
        metadata = json.loads(datasette_metadata_file().read_text(encoding="utf-8"))
        ds = Datasette([str(database)], metadata=metadata, settings={"num_sql_threads": 0})
        response = await ds.client.get(f"{path}?{urlencode({'_shape': 'objects', **params})}")
        assert response.status_code == 200, response.text
        return dict(response.json())

    return asyncio.run(get())


def search(database: Path, query: str) -> list[str]:
    """The ids of the accolades the view's search box finds, in the view's order."""
    return [row["id"] for row in fetch(database, VIEW, _search=query, _size="max")["rows"]]


def query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows straight from the file, with no Datasette: what the tests compare Datasette's pages with."""
    connection = sqlite3.connect(database)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _words(text: str) -> set[str]:
    """The words SQLite's unicode61 tokenizer (remove_diacritics 2) indexes: letters and digits, folded."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", plain.casefold()))


def _searchable() -> dict[str, set[str]]:
    """Each record's words, from the JSON files: category and its aliases, every name of its event,
    recipients, the works it shared the prize with, the claims' wordings and their translations."""
    events = {}
    for path in (DATA / "events").glob("*.json"):
        event = json.loads(path.read_text(encoding="utf-8"))
        events[event["id"]] = [event["id"], event["name"], *event.get("aliases", [])]
    films = {}
    for path in (DATA / "films").glob("*.json"):
        film = json.loads(path.read_text(encoding="utf-8"))
        films[film["id"]] = [film["id"], film["title"], *(t["value"] for t in film["facts"].get("titles", []))]
    words: dict[str, set[str]] = {}
    for r in bundled_records():
        texts = [r["category"], *r.get("category_aliases", []), *events[r["event"]], *films[r["film"]]]
        texts += [p["name"] for p in r.get("recipients", [])] + [w["title"] for w in r.get("shared_with", [])]
        texts += [c["wording"] for c in r["claims"]] + [c["translation"] for c in r["claims"] if "translation" in c]
        words[r["id"]] = set().union(*map(_words, texts))
    return words


# A word of a category, of an event's other name (EIDF; Montréal without its accent), of a category
# alias (Joris Ivens), of a claim's wording only (the Tuschinski, a source's own words), of a translation.
QUERIES = ("Cinematography", "Investigative", "tomato", "EIDF", "Montreal", "Joris Ivens", "Tuschinski", "grand prize")


@pytest.mark.parametrize("text", QUERIES)
def test_the_search_box_finds_what_the_records_say_and_nothing_else(database: Path, text: str) -> None:
    searchable = _searchable()
    expected = {i for i, words in searchable.items() if _words(text) <= words}  # every word, anywhere
    assert 0 < len(expected) < len(searchable), "a query that tells records apart"
    assert set(search(database, text)) == expected


def test_a_category_word_finds_its_record_and_not_the_others(database: Path) -> None:
    assert search(database, "Investigative") == ["sfiff-2010-golden-gate-award-investigative-documentary-feature"]
    cinematography = search(database, "Cinematography")  # two categories, and claims that list Cinema Eye's
    assert {"cinema-eye-2011-cinematography", "laapff-best-cinematography"} <= set(cinematography)
    assert "idfa-2009-best-feature-length-documentary" not in cinematography
    assert "idfa-2009-best-feature-length-documentary" in search(database, "Tuschinski")  # a claim's words only
    assert search(database, "no-such-word-anywhere") == []


def test_an_event_alias_finds_its_records(database: Path) -> None:
    ebs = {
        i for (i,) in query(database, "SELECT id FROM awards WHERE event_id = 'ebs-international-documentary-festival'")
    }
    assert ebs and set(search(database, "EIDF")) == ebs
    # One column of the index (Datasette's ?_search_COLUMN=, which joins on the view's rowid).
    assert {row["id"] for row in fetch(database, VIEW, _search_event_names="EIDF")["rows"]} == ebs
    assert fetch(database, VIEW, _search_category="EIDF")["rows"] == []


def test_a_facet_counts_what_the_database_holds(database: Path) -> None:
    expected = dict(query(database, "SELECT result, count(*) FROM awards GROUP BY result"))
    in_2010 = dict(query(database, "SELECT result, count(*) FROM awards WHERE year = 2010 GROUP BY result"))
    page = fetch(database, VIEW, _facet="result")
    assert {f["value"]: f["count"] for f in page["facet_results"]["result"]["results"]} == expected
    page = fetch(database, VIEW, year=2010)  # the facets the metadata names, under a filter
    assert {f["value"]: f["count"] for f in page["facet_results"]["result"]["results"]} == in_2010
    assert page["filtered_table_rows_count"] == sum(in_2010.values())


def test_the_view_shows_no_internal_column(database: Path) -> None:
    page = fetch(database, VIEW, _size="max")
    assert page["columns"] == [name for name, _ in BROWSE_COLUMNS]
    assert not INTERNAL & set(page["columns"])
    assert all(not INTERNAL & set(row) for row in page["rows"])
    assert len(page["rows"]) == len(bundled_records())
    tables = {t["name"]: t for t in fetch(database, "/awards.json")["tables"]}
    assert all(tables[name]["hidden"] for name in ("awards", "recipients", "event_names", "metadata", "awards_fts"))
    assert not tables["claims"]["hidden"] and not tables["sources"]["hidden"]


def test_the_view_shows_lists_as_text_in_the_data_order(database: Path) -> None:
    """Each list column reads "a; b", in the record's order, and is empty (null) when the list is."""
    rows = {row["id"]: row for row in fetch(database, VIEW, _size="max")["rows"]}
    for record in bundled_records():
        row = rows[record["id"]]
        expected = {
            "recipients": [p["name"] for p in record.get("recipients", [])],
            "shared_with": [w["title"] for w in record.get("shared_with", [])],
            "sources": list(dict.fromkeys(c["source"] for c in record["claims"])),
            "category_aliases": record.get("category_aliases", []),
            "inferred": [f"{m['field']}: {m['reasoning']}" for m in record.get("inferred", [])],
        }
        for column, items in expected.items():
            assert row[column] == ("; ".join(items) if items else None), (record["id"], column)
    assert any(row["recipients"] for row in rows.values()) and any(row["inferred"] for row in rows.values())


def test_undated_records_come_last_in_the_default_order(database: Path) -> None:
    rows = fetch(database, VIEW, _size="max")["rows"]
    years = [row["year"] for row in rows]
    dated = [y for y in years if y is not None]
    assert None in years and years == [*dated, *[None] * (len(years) - len(dated))]
    listed = query(
        database,
        "SELECT awards.id FROM awards JOIN events ON events.id = awards.event_id ORDER BY "
        "awards.year IS NULL, awards.year, awards.date IS NULL, awards.date, events.name, category, awards.id",
    )
    assert [(row["id"],) for row in rows] == listed  # the order of `awards list`
    golden = search(database, "Golden Tomato")
    assert len(golden) == 2 and [r["year"] for r in rows if r["id"] in golden][-1] is None  # found, still last


@pytest.mark.slow
def test_the_browse_command_line_serves_the_view_with_its_search(database: Path, tmp_path: Path, monkeypatch) -> None:
    """What `awards browse` runs (python -m datasette serve … --metadata …), asked for one page with
    Datasette's --get instead of serving; a file of another name gets the metadata under its name."""
    renamed = tmp_path / "copy.sqlite"
    renamed.write_bytes(database.read_bytes())
    for path in (database, renamed):
        commands: list[list[str]] = []

        def run(command: list[str], commands: list[list[str]] = commands) -> int:
            commands.append(command)
            got = subprocess.run(
                [*command, "--get", f"/{Path(command[4]).stem}/{BROWSE_VIEW}.json?_search=tomato&_shape=array"],
                capture_output=True,
                text=True,
                check=False,
            )
            assert got.returncode == 0, got.stderr
            commands.append(json.loads(got.stdout))
            return got.returncode

        monkeypatch.setattr(browse, "_run", run)
        assert browse.browse(sqlite_url(path), port=8123, open_browser=True) == 0
        command, rows = commands
        assert command[:5] == [sys.executable, "-m", "datasette", "serve", str(path)]
        assert command[5:] == [
            "--metadata",
            command[6],
            "--host",
            "127.0.0.1",
            "--port",
            "8123",
            "-o",
        ]
        assert (Path(command[6]) == datasette_metadata_file()) == (path == database)
        assert {row["id"] for row in rows} == {
            i for (i,) in query(path, "SELECT id FROM awards WHERE event_id LIKE 'golden-tomato%'")
        }


def test_the_index_has_one_row_per_record_and_a_rebuild_in_place_replaces_it(data_dir: Path) -> None:
    """An in-memory database is rebuilt in place (a file is built anew): the view and the index too."""
    engine = make_engine("sqlite://")
    load(engine, data_dir)
    load(engine, data_dir)
    with engine.connect() as connection:
        indexed = connection.exec_driver_sql(f"SELECT rowid FROM {SEARCH_TABLE} ORDER BY rowid").all()
        assert indexed == connection.exec_driver_sql("SELECT rowid FROM awards ORDER BY rowid").all()
        assert len(indexed) == len(bundled_records())
        found = connection.exec_driver_sql(
            f"SELECT id FROM {BROWSE_VIEW} "
            f"WHERE rowid IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?)",
            ("Tuschinski",),
        ).all()
        assert found == [("idfa-2009-best-feature-length-documentary",)]


def _canned(database: Path, name: str) -> list[dict[str, Any]]:
    """Every row of one of the metadata's canned queries, run by Datasette."""
    return list(fetch(database, f"/awards/{name}.json", _size="max")["rows"])


def test_the_conflicts_query_finds_what_awards_conflicts_finds(database: Path) -> None:
    from lasttrain_awards.database.conflicts import conflicts

    found = conflicts(sqlite_engine(database))
    expected = {(c.subject, c.field): c for c in found if c.subject_kind == "award"}
    rows = _canned(database, "conflicts")
    assert expected and {(row["id"], row["field"]) for row in rows} == set(expected)
    for (subject, field), conflict in expected.items():  # one row per source that states the field
        mine = [row for row in rows if (row["id"], row["field"]) == (subject, field)]
        assert [row["wording"] for row in mine] == [value["wording"] for value in conflict.values]
        assert {str(row["recorded"]) for row in mine} == {str(conflict.recorded)}


def test_the_refuted_query_lists_every_false_claim_with_who_makes_and_refutes_it(database: Path) -> None:
    refuted = {
        r["id"]: r for r in (json.loads(p.read_text(encoding="utf-8")) for p in (DATA / "refuted").glob("*.json"))
    }
    sources = {
        s["id"]: s for s in (json.loads(p.read_text(encoding="utf-8")) for p in (DATA / "sources").glob("*.json"))
    }

    def named(citations: list[dict[str, str]]) -> str:
        return "; ".join(f"{sources[c['source']]['publisher']}: {sources[c['source']]['title']}" for c in citations)

    rows = {row["id"]: row for row in _canned(database, "refuted")}
    assert refuted and set(rows) == set(refuted)
    for key, claim in refuted.items():
        row = rows[key]
        assert (row["claim"], row["claimed_result"], row["why_it_is_false"]) == (
            claim["claim"], claim["result"], claim["reason"]
        )  # fmt: skip
        assert (row["claimed_by"], row["refuted_by"]) == (named(claim["claimed_by"]), named(claim["refuted_by"]))


def test_the_unstated_query_lists_the_results_no_claim_states(database: Path) -> None:
    expected = [r["id"] for r in bundled_records() if not any(c.get("result") == r["result"] for c in r["claims"])]
    rows = _canned(database, "results_no_source_states")
    assert expected and sorted(row["id"] for row in rows) == sorted(expected)
    listed = [row["id"] for row in fetch(database, VIEW, _size="max")["rows"]]
    assert [row["id"] for row in rows] == [i for i in listed if i in expected]  # in list order
    assert all(row["listed_by"] for row in rows)


def test_the_database_page_states_the_licence_source_and_queries(database: Path) -> None:
    from datasette.app import Datasette

    async def get() -> str:
        metadata = json.loads(datasette_metadata_file().read_text(encoding="utf-8"))
        ds = Datasette([str(database)], metadata=metadata, settings={"num_sql_threads": 0})
        response = await ds.client.get("/awards")
        assert response.status_code == 200
        return str(response.text)

    page = asyncio.run(get())
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
    assert "Five web pages about the film" in page and "Wikipedia" in page
    for title in ("Where the sources disagree", "False claims that circulate", "Results no source states"):
        assert title in page
    metadata = json.loads(datasette_metadata_file().read_text(encoding="utf-8"))
    texts = [
        metadata["source"],
        *(t.get("description", "") for t in metadata["databases"]["awards"]["tables"].values()),
    ]
    texts += [q["description"] for q in metadata["databases"]["awards"]["queries"].values()]
    assert not any("`" in text for text in texts), "Datasette shows descriptions as plain text: no Markdown"


@pytest.mark.parametrize(
    "url", ["postgresql://user@127.0.0.1/awards", "postgresql+psycopg://user:secret@db.example/awards", "sqlite://"]
)
def test_browse_refuses_a_database_datasette_cannot_read(url: str) -> None:
    with pytest.raises(browse.BrowseError, match="Datasette browses SQLite files") as raised:
        browse.browse(url)
    assert "secret" not in str(raised.value)


def test_browse_says_what_to_install_when_datasette_is_missing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "awards.sqlite"
    path.touch()
    monkeypatch.setitem(sys.modules, "datasette", None)  # `import datasette` raises ImportError
    monkeypatch.setattr(browse, "_run", lambda command: pytest.fail(f"ran {command}"))
    with pytest.raises(browse.BrowseError) as raised:
        browse.browse(path)
    assert "pip install '.[browse]' in the project's checkout" in str(raised.value)
    assert "datasette>=0.65" in str(raised.value)


def test_browse_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(browse.BrowseError, match="no database file"):
        browse.browse(tmp_path / "nothing.sqlite")


@pytest.mark.slow
def test_a_sigterm_to_awards_browse_stops_datasette_too(database: Path, tmp_path: Path) -> None:
    """A `kill` (or a service manager) reaches `awards` alone: Datasette must not be left serving."""
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "lasttrain_awards", "--db", str(database), "--no-build", "browse"]
    process = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def serving() -> bool:
        with socket.socket() as client:
            return client.connect_ex(("127.0.0.1", port)) == 0

    try:
        deadline = time.monotonic() + 60
        while not serving():
            assert process.poll() is None and time.monotonic() < deadline, "Datasette never served the port"
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
        deadline = time.monotonic() + 15
        while serving():
            assert time.monotonic() < deadline, "Datasette still serves the port after awards was terminated"
            time.sleep(0.2)
    finally:
        if process.poll() is None:
            process.kill()


def test_the_view_shows_each_accolades_film_and_the_search_box_knows_its_titles(database: Path) -> None:
    """In a catalogue the film is the first way in: a column, a facet, and every title it answers to."""
    page = fetch(database, VIEW, _size="max")
    assert {row["film"] for row in page["rows"]} == {"Last Train Home"}
    film_facet = page["facet_results"]["film"]["results"]
    assert [(f["value"], f["count"]) for f in film_facet] == [("Last Train Home", len(page["rows"]))]
    film = json.loads((DATA / "films" / "last-train-home.json").read_text(encoding="utf-8"))
    other = next(t["value"] for t in film["facts"]["titles"] if t["value"] != film["title"] and t["value"].isascii())
    assert set(search(database, other)) == {r["id"] for r in bundled_records()}
