"""PostgreSQL as a real backend: the `awards` CLI against a live server answers as it does on SQLite.

Set AWARDS_TEST_POSTGRES_URL to a server's SQLAlchemy URL, for example
`postgresql+psycopg://postgres@127.0.0.1:5432/awards_test` (`bash .ci/run` starts a throwaway
server and sets it). The role needs CREATEDB: this module creates its own database on that server,
with a linguistic (ICU) collation where the server has one, so results that would depend on the
collation show up, and drops it at the end. Every test starts from an empty `public` schema.

- Variable not set: these tests skip, so a plain `pytest` needs no server.
- Variable set but the server unreachable (or no driver): they fail. CI must never pass by skipping.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import URL, Engine, MetaData, create_engine, event, inspect, make_url, select, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from lasttrain_awards.cli import cli
from lasttrain_awards.database import tables
from lasttrain_awards.output.writers import FORMATS
from lasttrain_awards.paths import sqlite_url
from tests.builders import REPO, apply_case, bundled_records, case_dirs, stated_wins, write_samples
from tests.conftest import assert_clean_exit

ENV = "AWARDS_TEST_POSTGRES_URL"
NOT_SET = f"{ENV} is not set: no PostgreSQL server to test against (bash .ci/run starts one and sets it)"
CONNECT_TIMEOUT_S = 10
# A collation that sorts unlike bytes: case and accents second, punctuation ignored ("ab" < "a-c").
ICU_LOCALE = "en-US-u-ka-shifted"

SAMPLES = {
    "category": "Prix spécial du jury — 归途列车",
    "recipients": ["Lixin Fan (范立欣)", "لي شين فان", "Zoë Ŝtraße 🎬"],
    "notes": "Combining: Cafe\u0301 (not normalised), e\u0308, 👩🏽‍🎤, 归途列车",
    "event": "Festival du documentaire de Québec — 归途列车 🚆",
}
HOSTILE = ["x' OR 1=1 --", "'; DROP TABLE awards; --", "%", "_", "\\", '"', "🚆 OR 1=1", "a\u0000b"]

Runner = Callable[..., Result]
WAITING_READERS = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


# --- the server and a private database --------------------------------------------------------


def _admin_engine(url: URL) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


@pytest.fixture(scope="module")
def pg_database() -> Iterator[URL]:
    """A new database on the server AWARDS_TEST_POSTGRES_URL names, dropped after the module."""
    if ENV not in os.environ:
        pytest.skip(NOT_SET)
    raw = os.environ[ENV]
    name = f"awards_test_{uuid.uuid4().hex[:12]}"
    try:
        server = make_url(raw)
        if server.get_backend_name() != "postgresql":
            pytest.fail(f"{ENV} must be a postgresql URL, not {server.drivername!r}", pytrace=False)
        admin = _admin_engine(server)
        with admin.connect() as connection:
            icu = connection.execute(
                text(
                    "SELECT current_setting('server_version_num')::int >= 150000"
                    " AND EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')"
                )
            ).scalar()
            locale = f"LOCALE_PROVIDER icu ICU_LOCALE '{ICU_LOCALE}' " if icu else ""
            connection.execute(
                text(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' {locale}LC_COLLATE 'C' LC_CTYPE 'C'"
                )
            )
    except (ArgumentError, SQLAlchemyError, ModuleNotFoundError) as exc:
        pytest.fail(f"{ENV} is set, but its PostgreSQL server cannot be used: {exc}", pytrace=False)
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_database: URL) -> str:
    """The private database with an empty `public` schema: every test starts from nothing."""
    engine = _admin_engine(pg_database)
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_database.render_as_string(hide_password=False)


@pytest.fixture
def pg_awards(data_dir: Path, pg_url: str) -> Runner:
    """Run the `awards` CLI on the private dataset and the PostgreSQL database."""
    runner = CliRunner()

    def run(*args: str, **kwargs: Any) -> Result:
        return runner.invoke(cli, ["--data", str(data_dir), "--db", pg_url, *args], **kwargs)

    return run


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table in the database, in primary-key order: its whole visible state."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        with engine.connect() as connection:
            metadata.reflect(connection)
            return {
                name: [row._asdict() for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
                for name, table in sorted(metadata.tables.items())
            }
    finally:
        engine.dispose()


def ok(result: Result) -> Result:
    assert_clean_exit(result, 0)
    return result


def same_stdout(pg_awards: Runner, awards: Runner, *args: str) -> bytes:
    """Run one command on both backends; their stdout must be byte-for-byte equal."""
    on_sqlite = ok(awards(*args)).stdout_bytes
    on_postgresql = ok(pg_awards(*args)).stdout_bytes
    assert on_postgresql == on_sqlite, f"awards {' '.join(args)} differs between PostgreSQL and SQLite"
    return on_postgresql


def same_json(pg_awards: Runner, awards: Runner, *args: str) -> Any:
    on_sqlite = json.loads(ok(awards(*args)).stdout)
    on_postgresql = json.loads(ok(pg_awards(*args)).stdout)
    assert on_postgresql == on_sqlite
    return on_postgresql


# --- the variable's three states, as a plain `pytest` run sees them -----------------------------


NESTED = "AWARDS_TEST_POSTGRES_NESTED"  # set in the inner run, so it never starts another


def _pytest_here(**env: str | None) -> subprocess.CompletedProcess[str]:
    """A plain `pytest` of one server test in a child process, with ENV as given (None: unset)."""
    if os.environ.get(NESTED):
        pytest.skip("already inside a nested pytest run")
    child = {k: v for k, v in os.environ.items() if k not in (ENV, "PYTEST_ADDOPTS")} | {NESTED: "1"}
    child |= {k: v for k, v in env.items() if v is not None}
    node = "tests/postgresql/test_postgresql.py::test_load_then_list_matches_sqlite"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", node],
        cwd=REPO,
        env=child,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_without_the_variable_the_tests_skip_and_say_why() -> None:
    result = _pytest_here(**{ENV: None})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout and f"{ENV} is not set" in result.stdout


@pytest.mark.slow
def test_an_unreachable_server_fails_the_tests_instead_of_skipping() -> None:
    result = _pytest_here(**{ENV: f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/awards_test"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "skipped" not in result.stdout and "1 error" in result.stdout
    assert f"{ENV} is set, but its PostgreSQL server cannot be used" in result.stdout


# --- the same answers as SQLite ------------------------------------------------------------------


def test_load_then_list_matches_sqlite(pg_awards, awards, pg_url) -> None:
    loaded = ok(pg_awards("load"))
    assert "into postgresql+psycopg://" in loaded.stdout
    counts = loaded.stdout.splitlines()[1:]  # the table of row counts, after the "loaded … into …" line
    assert counts == ok(awards("load")).stdout.splitlines()[1:]
    rows = same_json(pg_awards, awards, "list", "--year", "2010", "--format", "json")
    records = bundled_records()
    assert len(rows) == sum(r.get("year") == 2010 for r in records) and all(r["year"] == 2010 for r in rows)
    assert len(dump(pg_url)["awards"]) == len(records)


def test_a_postgresql_build_has_no_full_text_table_nor_browsing_view(pg_awards, pg_url) -> None:
    """Datasette (`awards browse`) reads SQLite files, and FTS5 is SQLite's: both are SQLite builds' alone."""
    ok(pg_awards("load"))
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            assert set(found.get_table_names()) == set(tables.metadata.tables)  # no awards_fts
            assert tables.BROWSE_VIEW not in found.get_view_names()
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["list", "--format", "markdown"],
        ["list", "--undated", "--format", "json"],
        ["list", "--status", "any", "--since", "2011", "--format", "json"],
        ["list", "--country", "ca", "--result", "won", "--format", "json"],
    ],
    ids=lambda a: "-".join(a).replace("--", ""),
)
def test_list_matches_sqlite(pg_awards, awards, args) -> None:
    ok(pg_awards("load"))
    same_stdout(pg_awards, awards, *args)


def test_export_csv_bytes_match_sqlite(pg_awards, awards) -> None:
    ok(pg_awards("load"))
    csv = same_stdout(pg_awards, awards, "export")
    assert csv.startswith(b"Year,Event,Category,Result,Recipients,City,Country,Sources\r\n")
    assert same_stdout(pg_awards, awards, "export", "--excel").startswith(b"\xef\xbb\xbf")
    same_stdout(pg_awards, awards, "export", "--year", "2009", "--format", "json")


def test_stats_match_sqlite(pg_awards, awards) -> None:
    ok(pg_awards("load"))
    counts = same_json(pg_awards, awards, "stats", "--format", "json")
    records = bundled_records()
    assert counts["total"] == len(records) and counts["by_year"]["undated"] == sum("year" not in r for r in records)
    same_json(pg_awards, awards, "stats", "--since", "2010", "--result", "won", "--format", "json")


def test_conflicts_match_sqlite(pg_awards, awards) -> None:
    ok(pg_awards("load"))
    found = same_json(pg_awards, awards, "conflicts", "--format", "json")
    assert {c["subject_kind"] for c in found} == {"award", "film"}
    same_stdout(pg_awards, awards, "conflicts")


def test_summary_matches_sqlite(pg_awards, awards) -> None:
    ok(pg_awards("load"))
    same_stdout(pg_awards, awards, "summary")
    # --include-weak: every win a source states, whatever its kind (the kinds travel through PostgreSQL too)
    sentence = same_stdout(pg_awards, awards, "summary", "--include-weak").decode("utf-8")
    assert sentence.startswith(f"Winner of {len(stated_wins(bundled_records()))} awards (")


def _rename_apsa(data_dir: Path, name: str) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = name
    path.write_text(json.dumps(records), encoding="utf-8")


def _apsa_categories(result: Result) -> list[str]:
    return [r["category"] for r in json.loads(ok(result).stdout)]


def test_a_reader_never_builds_nor_alters_a_shared_database(pg_awards, pg_url, data_dir: Path) -> None:
    """A server database is the team's: only `awards load` builds it. A reader whose data copy differs
    (an older checkout) is told so and reads what is there; the database stays exactly as it was."""
    missing = pg_awards("list")
    assert_clean_exit(missing, 1)
    assert "no awards database at postgresql+psycopg://" in missing.output and "awards load" in missing.output
    assert dump(pg_url) == {}  # not even an empty table was created
    ok(pg_awards("load"))
    before = dump(pg_url)
    original = _apsa_categories(pg_awards("list", "--event", "apsa", "--format", "json"))
    _rename_apsa(data_dir, "Best Documentary Feature Film (renamed)")
    for command in (["list", "--event", "apsa", "--format", "json"], ["--no-build", "list", "--format", "json"]):
        result = ok(pg_awards(*command))
        assert "was built from other data than" in result.stderr and result.stderr.count("\n") == 1
        if "--event" in command:
            assert _apsa_categories(result) == original  # the shared database, not the reader's copy
    ok(pg_awards("stats"))
    ok(pg_awards("summary"))
    assert dump(pg_url) == before  # every row of every table, the build metadata included
    ok(pg_awards("load"))  # on purpose
    assert _apsa_categories(pg_awards("list", "--event", "apsa", "--format", "json")) == [
        "Best Documentary Feature Film (renamed)"
    ]


def test_a_teams_own_table_of_the_same_name_is_never_dropped(pg_awards, pg_url) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id integer PRIMARY KEY, note text)"))
        connection.execute(text("INSERT INTO events VALUES (1, 'the team''s own')"))
    engine.dispose()
    before = dump(pg_url)
    for command in (["list"], ["load"], ["stats"]):
        result = pg_awards(*command)
        assert_clean_exit(result, 1)
        assert "holds tables awards did not create (events): nothing was changed" in result.output, command
    assert dump(pg_url) == before


def test_a_database_of_another_layout_is_read_by_no_one_until_loaded(pg_awards, pg_url) -> None:
    ok(pg_awards("load"))
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE metadata SET value = 'older' WHERE key = 'layout'"))
    engine.dispose()
    before = dump(pg_url)
    for command in (["list"], ["--no-build", "list"]):
        result = pg_awards(*command)
        assert_clean_exit(result, 1)
        assert "in a layout this one cannot read: rebuild it with `awards load`" in result.output
    assert dump(pg_url) == before
    ok(pg_awards("load"))
    ok(pg_awards("list"))


def test_no_build_readers(pg_awards, awards) -> None:
    missing = pg_awards("--no-build", "list")
    assert_clean_exit(missing, 1)
    assert "no awards database at postgresql+psycopg://" in missing.output and "awards load" in missing.output
    assert_clean_exit(pg_awards("--no-build", "load"), 2)  # --no-build holds for load too
    ok(pg_awards("load"))
    assert (
        ok(pg_awards("--no-build", "list", "--format", "json")).stdout == ok(awards("list", "--format", "json")).stdout
    )


# --- failures leave the database exactly as it was ------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The invalid cases whose data a load refuses, one test each: read when collected, not at import."""
    if "case" in metafunc.fixturenames:
        fails = [c for c in case_dirs("invalid") if json.loads((c / "case.json").read_text()).get("load_fails", True)]
        metafunc.parametrize("case", fails, ids=[c.name for c in fails])


@pytest.mark.slow
def test_invalid_data_leaves_postgresql_as_it_was(pg_awards, pg_url, data_dir: Path, case: Path) -> None:
    ok(pg_awards("load"))
    before = dump(pg_url)
    spec = apply_case(case, data_dir)
    result = pg_awards("load")
    assert_clean_exit(result, 1)
    assert "the database was left as it was" in result.output
    for expected in spec["expect"]:
        assert str(expected["file"]) in result.output
    reader = ok(pg_awards("list", "--year", "2010"))  # a reader never builds: it says the data differs
    assert "was built from other data than" in reader.stderr
    assert dump(pg_url) == before


@contextmanager
def statement_hook(hook: Callable[[str], str]) -> Iterator[None]:
    """Pass every PostgreSQL statement of this process through `hook` (which may rewrite it, or wait)."""

    def before(conn, _cursor, statement, parameters, _context, _executemany):
        return (hook(statement) if conn.dialect.name == "postgresql" else statement), parameters

    event.listen(Engine, "before_cursor_execute", before, retval=True)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def test_a_server_error_inside_the_rebuild_rolls_everything_back(pg_awards, pg_url, data_dir: Path) -> None:
    """Valid data, but the server rejects an insert after DROP and CREATE ran and every award row was
    copied in: PostgreSQL's DDL is transactional, so the old tables and rows are all still there."""
    ok(pg_awards("load"))
    before = dump(pg_url)
    path = data_dir / "awards" / "apsa.json"
    path.write_text(path.read_text(encoding="utf-8").replace('Best Documentary Feature Film"', 'X"'), encoding="utf-8")
    with statement_hook(lambda sql: sql.replace("INSERT INTO metadata ", "INSERT INTO no_such_table ")):
        result = pg_awards("load")
    assert_clean_exit(result, 1)
    assert "database error" in result.output and "no_such_table" in result.output
    assert dump(pg_url) == before


def test_a_server_error_inside_a_copy_is_a_message_and_rolls_back(pg_awards, pg_url, monkeypatch) -> None:
    """Award rows go in through psycopg's COPY: a server error there is one clear message, not a traceback."""
    from lasttrain_awards.database import loader as loading

    ok(pg_awards("load"))
    before = dump(pg_url)
    columns = dict(loading.AWARD_COLUMNS)
    columns["claims"] = (*columns["claims"][:-1], "no_such_column")
    monkeypatch.setattr(loading, "AWARD_COLUMNS", columns)
    result = pg_awards("load")
    assert_clean_exit(result, 1)
    assert "database error" in result.output and "no_such_column" in result.output
    assert dump(pg_url) == before


@pytest.mark.slow
def test_a_reader_during_a_load_waits_then_sees_the_new_data_whole(pg_awards, pg_url, data_dir: Path) -> None:
    """No swap of files on PostgreSQL: the load is one transaction, and a reader waits for its COMMIT."""
    ok(pg_awards("load"))
    path = data_dir / "awards" / "apsa.json"
    path.write_text(path.read_text(encoding="utf-8").replace('Best Documentary Feature Film"', 'Renamed"'), "utf-8")
    watcher = _admin_engine(make_url(pg_url))
    inside, reader_waited = threading.Event(), threading.Event()

    def hold_until_a_reader_waits(sql: str) -> str:
        if sql.startswith("INSERT INTO metadata"):  # the load's last statement: its tables are dropped and refilled
            inside.set()
            with watcher.connect() as connection:
                for _ in range(600):
                    if connection.execute(WAITING_READERS).scalar():
                        reader_waited.set()
                        break
                    time.sleep(0.05)
        return sql

    command = [sys.executable, "-m", "lasttrain_awards", "--no-build", "--data", str(data_dir), "--db", pg_url]
    with statement_hook(hold_until_a_reader_waits), ThreadPoolExecutor(1) as pool:
        loading = pool.submit(pg_awards, "load")
        assert inside.wait(timeout=60)
        reader = subprocess.run(
            [*command, "list", "--event", "apsa", "--format", "json"], capture_output=True, text=True, timeout=60
        )
        ok(loading.result(timeout=60))
    watcher.dispose()
    assert reader_waited.is_set(), "the reader never waited for the load's lock"
    assert reader.returncode == 0, reader.stderr
    assert [r["category"] for r in json.loads(reader.stdout)] == ["Renamed"]


# --- filters, hostile input and unicode -----------------------------------------------------------


def test_event_filter_ignores_case_and_accents(pg_awards, awards) -> None:
    ok(pg_awards("load"))
    for needle in ("montréal", "MONTREAL", "Montréal", "montre\u0301al", "RIDM", "ridm"):
        rows = same_json(pg_awards, awards, "list", "--event", needle, "--format", "json")
        assert [r["event_id"] for r in rows] == ["ridm"], needle


@pytest.mark.parametrize("needle", HOSTILE)
def test_event_filter_is_a_bound_parameter(pg_awards, awards, pg_url, needle: str) -> None:
    ok(pg_awards("load"))
    before = dump(pg_url)
    assert same_json(pg_awards, awards, "list", "--event", needle, "--format", "json") == []
    same_stdout(pg_awards, awards, "export", "--event", needle)
    same_json(pg_awards, awards, "stats", "--event", needle, "--format", "json")
    for run in (pg_awards, awards):  # not a country code: refused alike, before any query
        result = run("list", "--country", needle, "--format", "json")
        assert_clean_exit(result, 2)
        assert "Invalid value for --country" in result.output
    assert dump(pg_url) == before


@pytest.fixture
def unicode_data(data_dir: Path) -> Path:
    write_samples(data_dir, SAMPLES)
    event = data_dir / "events" / "apsa.json"
    spec = json.loads(event.read_text(encoding="utf-8"))
    spec["aliases"] = [*spec.get("aliases", []), SAMPLES["event"]]
    event.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return data_dir


def test_unicode_round_trips_through_postgresql(pg_awards, awards, pg_url, unicode_data) -> None:
    ok(pg_awards("load"))
    for needle in ("归途列车", "québec", "QUEBEC", "🚆"):
        rows = same_json(pg_awards, awards, "list", "--event", needle, "--format", "json")
        assert len(rows) == 1, needle
        assert rows[0]["category"] == SAMPLES["category"]
        assert rows[0]["recipients"] == SAMPLES["recipients"]
        assert rows[0]["notes"] == SAMPLES["notes"]  # combining characters kept, not normalised
    exported = same_stdout(pg_awards, awards, "export", "--event", "apsa").decode("utf-8")
    assert SAMPLES["category"] in exported and "; ".join(SAMPLES["recipients"]) in exported
    same_stdout(pg_awards, awards, "list", "--event", "apsa", "--format", "markdown")
    same_json(pg_awards, awards, "conflicts", "--format", "json")
    stored = dump(pg_url)
    assert SAMPLES["category"] in {row["category"] for row in stored["awards"]}
    assert SAMPLES["event"] in {row["name"] for row in stored["event_names"]}
    assert SAMPLES["recipients"] == [row["name"] for row in stored["recipients"] if row["award_id"].startswith("apsa")]


def test_order_does_not_depend_on_the_server_collation(pg_awards, awards, data_dir: Path) -> None:
    """Names that a linguistic collation sorts unlike code points: lower case, accents, punctuation."""
    renames = {
        "big-sky-documentary-film-festival": "asia-Pacific Documentary",
        "ebs-international-documentary-festival": "Écran International Documentary Festival",
        "one-world-media-awards": "ab Media Awards",
        "victoria-film-festival": "a-c Film Festival",
    }
    for event_id, name in renames.items():
        path = data_dir / "events" / f"{event_id}.json"
        spec = json.loads(path.read_text(encoding="utf-8"))
        spec["name"] = name
        spec.pop("name_in_sentence", None)  # else it names the old name (rule name-in-sentence)
        path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    ok(pg_awards("load"))
    rows = same_json(pg_awards, awards, "list", "--year", "2010", "--format", "json")
    undated = [r["event"] for r in rows if r["date"] is None]
    assert undated == sorted(undated)  # code point order, as SQLite's BINARY collation gives
    same_stdout(pg_awards, awards, "export")
    same_json(pg_awards, awards, "conflicts", "--format", "json")


# --- a catalogue of films (tests/catalogue/, fictional) -------------------------------------------

CATALOGUE = REPO / "tests" / "catalogue" / "data"
CATALOGUE_RUNS = [
    *(["list", "--format", fmt] for fmt in FORMATS),
    *(["export", "--format", fmt] for fmt in FORMATS if fmt != "table"),
    ["list", "--event", "harbour", "--year", "2022", "--format", "json"],
    ["list", "--film", "les heures calmes", "--format", "csv"],
    *(["stats", "--format", fmt] for fmt in ("json", "csv")),
    *(["films", "--format", fmt] for fmt in ("table", "json")),
    *(["events", "--format", fmt] for fmt in ("table", "json")),
    ["conflicts", "--format", "json"],
    ["refuted", "--format", "csv"],
    ["summary", "--film", "salt-roads"],
]


@pytest.fixture
def catalogue_runners(pg_url: str, tmp_path: Path) -> tuple[Runner, Runner]:
    runner = CliRunner(env={"COLUMNS": "200"})
    sqlite_db = sqlite_url(tmp_path / "catalogue.sqlite")

    def on(db: str) -> Runner:
        return lambda *args: runner.invoke(cli, ["--data", str(CATALOGUE), "--db", db, *args])

    return on(pg_url), on(sqlite_db)


@pytest.mark.slow
def test_a_catalogue_answers_alike_on_both_backends(catalogue_runners: tuple[Runner, Runner]) -> None:
    """Every command on the example catalogue of films prints the same bytes on PostgreSQL as on SQLite,
    and what speaks of one film needs one named, on both."""
    pg, sqlite = catalogue_runners
    ok(pg("load"))
    ok(sqlite("load"))
    for args in CATALOGUE_RUNS:
        same_stdout(pg, sqlite, *args)
    for run in (pg, sqlite):
        result = run("summary")
        assert_clean_exit(result, 2)
        assert "The Unseen Film (the-unseen-film)" in result.output
