"""The database: real SQLite files, foreign keys on, rebuilds that are all or nothing, and Datasette's
metadata naming real tables and columns."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, insert, text
from sqlalchemy.exc import IntegrityError

from lasttrain_awards.database import loader as loading
from lasttrain_awards.database.engine import ddl, make_engine, read_metadata
from lasttrain_awards.database.loader import InvalidData, load
from lasttrain_awards.database.models import Award, Claim
from lasttrain_awards.database.tables import AWARD_TABLES, LAYOUT, claims, list_key
from lasttrain_awards.validation import scanner as validation
from tests.builders import REPO, bundled_records, sqlite_engine
from tests.conftest import checksum


def test_schema_sql_matches_the_tables() -> None:
    committed = (REPO / "db" / "schema.sql").read_text(encoding="utf-8")
    assert committed == ddl("sqlite"), "db/schema.sql drifted from the tables: run `awards ddl > db/schema.sql`"


def test_layout_is_the_hash_of_the_ddl() -> None:
    """A stale LAYOUT would let a database of the old layout pass for current."""
    assert hashlib.sha256(ddl("sqlite").encode()).hexdigest()[:16] == LAYOUT, (
        "the tables changed: set tables.LAYOUT to the new hash (and rewrite db/schema.sql)"
    )


def test_postgresql_ddl_compiles() -> None:
    assert "CREATE TABLE awards" in ddl("postgresql")


def test_foreign_keys_are_enforced(data_dir: Path, db_path: Path) -> None:
    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            insert(Claim), [{"award_id": "no-such-award", "source_id": "nope", "position": 0, "wording": "x"}]
        )


def test_load_records_a_fingerprint(data_dir: Path, db_path: Path) -> None:
    engine = sqlite_engine(db_path)
    summary = load(engine, data_dir)
    records = bundled_records()
    assert summary.counts["awards"] == len(records)
    assert summary.counts["claims"] == sum(len(r["claims"]) for r in records)
    meta = read_metadata(engine)
    assert len(meta["data_fingerprint"]) == 64 and meta["layout"] == LAYOUT


@pytest.fixture(params=["one process", "worker processes"])
def reading(request, monkeypatch) -> str:
    """Run a test with the award files read in this process, then by worker processes."""
    if request.param == "worker processes":
        monkeypatch.setattr(validation, "PARALLEL_MIN_BYTES", 0)
        monkeypatch.setattr(validation, "_workers", lambda: 2)
    return str(request.param)


def test_a_failure_during_the_rebuild_leaves_the_file_as_it_was(
    data_dir: Path, db_path: Path, monkeypatch, reading: str
) -> None:
    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    before = checksum(db_path)
    original = loading._award_rows

    def rows_with_a_dangling_claim(*args):
        rows = original(*args)
        dangling = list(rows[claims][0])
        dangling[loading.AWARD_COLUMNS["claims"].index("award_id")] = "not-an-award"
        rows[claims].append(tuple(dangling))
        return rows

    # Validation passes; an insert fails late, after tables were created and rows written.
    monkeypatch.setattr(loading, "_award_rows", rows_with_a_dangling_claim)
    (data_dir / "awards" / "apsa.json").write_text(
        (data_dir / "awards" / "apsa.json").read_text(encoding="utf-8").replace('Best Documentary Feature Film"', 'X"'),
        encoding="utf-8",
    )
    with pytest.raises(IntegrityError):
        load(engine, data_dir)
    assert checksum(db_path) == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []  # no half-built file left
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM awards")).scalar() == len(bundled_records())
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_invalid_data_does_not_create_a_database(data_dir: Path, db_path: Path) -> None:
    (data_dir / "awards" / "apsa.json").write_text("[", encoding="utf-8")
    with pytest.raises(InvalidData):
        load(sqlite_engine(db_path), data_dir)
    assert not db_path.exists()


def test_models_cover_every_award_field() -> None:
    from lasttrain_awards.validation.jsonschemas import load_schemas

    award_fields = set(load_schemas()["award"]["properties"]) - {"film", "event", "claims", "recipients"}
    assert award_fields <= set(Award.__table__.c.keys())


def test_ddl_is_transactional_on_sqlite(tmp_path: Path) -> None:
    """The pysqlite recipe: CREATE TABLE inside a transaction that fails is rolled back too.

    (SQLite files are rebuilt beside the old file and swapped in; PostgreSQL and in-memory
    databases are rebuilt in place, in one transaction, which needs this.)
    """
    engine = sqlite_engine(tmp_path / "t.sqlite")
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (x INTEGER)"))
        raise RuntimeError("fail after the DDL")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'scratch'")).scalar() == 0


def test_in_memory_database_is_rebuilt_in_one_transaction(data_dir: Path) -> None:
    engine = make_engine("sqlite://")
    assert load(engine, data_dir).counts["awards"] == len(bundled_records())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM awards")).scalar() == len(bundled_records())


def test_a_year_filter_reads_the_year_in_list_order(data_dir: Path, db_path: Path) -> None:
    """The (year, list_key) index hands out a year's records in order: no sort at query time. And the load
    leaves statistics, so the planner does not walk the status index instead (every record is active)."""
    from sqlalchemy.dialects import sqlite

    from lasttrain_awards.database.queries import LISTED, Filters, _ordered

    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    query = _ordered(Filters(years=(2010,)), LISTED)
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = " / ".join(row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert plan == "SEARCH awards USING INDEX ix_awards_year_status_list_key (year=? AND status=?)", plan


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((2009, "2009-11", "IDFA", "Best", "a"), (2009, "2009-11-20", "IDFA", "Best", "a")),  # a shorter date first
        ((2010, None, "A", "B", "c"), (2011, None, "A", "B", "c")),
        ((2010, "2010-12-31", "Z", "Z", "z"), (2010, None, "A", "A", "a")),  # undated within a year: last
        ((2012, None, "Z", "Z", "z"), (None, None, "A", "A", "a")),  # undated: after every year
        ((2010, "2010", "Festival", "Best", "x"), (2010, "2010", "Festival du", "Best", "a")),  # a name it begins
        ((2010, "2010", "Écran", "Best", "x"), (2010, "2010", "歸途", "Best", "a")),  # by code point
    ],
)
def test_list_key_sorts_like_the_tuple(first: tuple, second: tuple) -> None:
    assert _as_tuple(*first) < _as_tuple(*second)
    assert list_key(*first) < list_key(*second)


def _as_tuple(year, date, event, category, award_id) -> tuple:  # the order the README promises
    return (year is None, year or 0, date is None, date or "", event, category, award_id)


_names = st.text(st.characters(min_codepoint=0x20, exclude_categories=("Cc", "Cs")), max_size=6)
_keys = st.tuples(
    st.none() | st.integers(1888, 2100),
    st.none() | st.sampled_from(["2009", "2009-11", "2009-11-20", "2010-01", "2010-01-02"]),
    _names,
    _names,
    _names,
)


@given(_keys, _keys)
def test_list_key_orders_any_two_records_like_the_tuple(first: tuple, second: tuple) -> None:
    assert (_as_tuple(*first) < _as_tuple(*second)) == (list_key(*first) < list_key(*second))


@pytest.mark.parametrize("dialect_name", ["sqlite", "postgresql"])
def test_award_tables_need_no_parameter_processing(dialect_name: str) -> None:
    """The load hands award rows to the driver's executemany unprocessed: a JSON column there
    would be stored unserialised. Booleans pass (sqlite3 and psycopg adapt bool)."""
    from sqlalchemy import Boolean
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = {"sqlite": sqlite.dialect(), "postgresql": postgresql.psycopg.dialect()}[dialect_name]
    for table in AWARD_TABLES:
        for column in table.columns:
            processor = column.type.dialect_impl(dialect).bind_processor(dialect)
            assert processor is None or isinstance(column.type, Boolean), f"{table.name}.{column.name}"


def test_worker_processes_build_the_same_database(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    def dump(path: Path) -> list[str]:
        engine = sqlite_engine(path)
        load(engine, data_dir)
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            return [line for line in raw.iterdump() if "'built_at'" not in line]

    alone = dump(tmp_path / "alone.sqlite")
    monkeypatch.setattr(validation, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(validation, "_workers", lambda: 2)
    assert dump(tmp_path / "helped.sqlite") == alone


def test_listing_columns_agree_with_the_claims_and_recipients(data_dir: Path, db_path: Path) -> None:
    """cited_sources and recipient_names are derived at load; the normalized tables stay the record."""
    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, cited_sources, recipient_names FROM awards").all()
        for award_id, cited, names in rows:
            sources = connection.exec_driver_sql(
                "SELECT source_id FROM claims WHERE award_id = ? ORDER BY position", (award_id,)
            ).scalars()
            people = connection.exec_driver_sql(
                "SELECT name FROM recipients WHERE award_id = ? ORDER BY position", (award_id,)
            ).scalars()
            assert json.loads(cited) == list(sources)
            assert json.loads(names) == list(people)
    assert any(json.loads(names) for _, _, names in rows)  # the data has recipients: the check checked something


def test_new_file_times_are_remembered_not_rehashed(data_dir: Path, db_path: Path, monkeypatch) -> None:
    """After a touch (same content), one query hashes the files and records the new times; the next does not.

    Within two seconds of a change the times are not trusted (a same-size edit in the same clock
    tick would leave the same stat): every query hashes until then.
    """
    from lasttrain_awards.database import freshness
    from lasttrain_awards.validation import fingerprint as hashing

    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    for path in (data_dir / "awards").iterdir():
        path.touch()
    hashed: list[Path] = []
    real = freshness.fingerprint
    monkeypatch.setattr(freshness, "fingerprint", lambda d: hashed.append(d) or real(d))
    freshness.ensure_current(engine, data_dir, notify=pytest.fail)
    freshness.ensure_current(engine, data_dir, notify=pytest.fail)
    assert len(hashed) == 2  # just touched: racily clean, hashed each time, nothing remembered
    assert read_metadata(engine)["files_signature"] == ""  # the load saw files of this very moment
    later = time.time_ns() + 10 * hashing.RACY_NS
    monkeypatch.setattr(hashing.time, "time_ns", lambda: later)
    freshness.ensure_current(engine, data_dir, notify=pytest.fail)
    freshness.ensure_current(engine, data_dir, notify=pytest.fail)
    assert len(hashed) == 3


def test_a_read_only_database_with_new_file_times_is_still_read(data_dir: Path, db_path: Path) -> None:
    from lasttrain_awards.database import freshness

    load(sqlite_engine(db_path), data_dir)
    for path in (data_dir / "awards").iterdir():
        path.touch()
    read_only = sqlite_engine(db_path)

    @event.listens_for(read_only, "connect")
    def no_writes(dbapi_connection, _record) -> None:  # as a read-only file or role would be
        dbapi_connection.execute("PRAGMA query_only = ON")

    freshness.ensure_current(read_only, data_dir, notify=pytest.fail)  # no error, no rebuild


def test_award_rows_follow_the_tables_own_columns() -> None:
    """_award_rows writes tuples in AWARD_COLUMNS order: it must be each table's column order."""
    for table in AWARD_TABLES:
        assert loading.AWARD_COLUMNS[table.name] == loading._columns(table), table.name


def test_the_quick_signature_is_the_walks_signature(data_dir: Path) -> None:
    """The scandir pass and the full walk must agree line for line, or a build and a query using
    different passes would rebuild (or worse, disagree) for nothing."""
    from lasttrain_awards.validation import fingerprint as freshness

    (data_dir / "NOTES.txt").write_text("a stray top-level file is part of the signature\n")
    (data_dir / "awards" / "README.md").write_text("so is a README inside a kind's folder\n")
    quick = freshness._plain_tree_lines(data_dir)
    assert quick is not None and len(quick.lines) > 10
    walked = freshness._walked_tree_lines(data_dir)
    assert (quick.lines, quick.newest_ns) == (walked.lines, walked.newest_ns)


@pytest.mark.parametrize("oddity", ["link", "subfolder", "stray-folder", "control-character", "missing-folder"])
def test_an_unusual_tree_takes_the_full_walk(data_dir: Path, oddity: str, monkeypatch) -> None:
    from lasttrain_awards.validation import fingerprint as freshness

    if oddity == "link":
        (data_dir / "awards" / "alias.json").symlink_to(next((data_dir / "awards").iterdir()))
    elif oddity == "subfolder":
        (data_dir / "awards" / "more").mkdir()
    elif oddity == "stray-folder":
        (data_dir / "drafts").mkdir()
    elif oddity == "control-character":
        (data_dir / "awards" / "bad\nname.json").write_text("{}")
    else:
        for path in (data_dir / "films").iterdir():
            path.unlink()
        (data_dir / "films").rmdir()
    assert freshness._plain_tree_lines(data_dir) is None
    later = time.time_ns() + 10 * freshness.RACY_NS  # past the racy window, as a query minutes later
    monkeypatch.setattr(freshness.time, "time_ns", lambda: later)
    signature = freshness.stat_signature(data_dir)
    assert signature is not None and signature == freshness.stat_signature(data_dir)  # the walk, deterministic


@pytest.mark.parametrize("change", ["edit-in-place", "same-size-edit", "new-file", "removed-file", "renamed-file"])
def test_every_change_to_a_data_file_changes_the_signature(data_dir: Path, change: str, monkeypatch) -> None:
    """An edit in place changes no folder's times: only the file's own stat shows it."""
    from lasttrain_awards.validation import fingerprint as freshness

    later = time.time_ns() + 10 * freshness.RACY_NS
    monkeypatch.setattr(freshness.time, "time_ns", lambda: later)
    before = freshness.stat_signature(data_dir)
    assert before is not None
    time.sleep(0.05)  # past the kernel's clock tick, so that the ctime of the change below can differ
    target = sorted((data_dir / "awards").iterdir())[0]
    if change == "edit-in-place":
        with target.open("a") as handle:
            handle.write("\n")
    elif change == "same-size-edit":
        content = target.read_bytes()
        stat = target.stat()
        target.write_bytes(content.replace(b"2010", b"2011", 1))
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the mtime set back: the ctime still moves
    elif change == "new-file":
        (data_dir / "awards" / "zz-new.json").write_bytes(target.read_bytes())
    elif change == "removed-file":
        target.unlink()
    else:
        target.rename(target.with_name("zz-" + target.name))
    assert freshness.stat_signature(data_dir) != before


def test_a_same_size_edit_right_after_a_load_is_not_missed(data_dir: Path, db_path: Path) -> None:
    """The racy case: an edit of the same size, in the same clock tick, with its mtime set back."""
    from lasttrain_awards.database import freshness

    engine = sqlite_engine(db_path)
    load(engine, data_dir)
    target = next(p for p in sorted((data_dir / "awards").iterdir()) if b"2010" in p.read_bytes())
    info = target.stat()
    target.write_bytes(target.read_bytes().replace(b"2010", b"2011", 1))
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    notices: list[str] = []
    freshness.ensure_current(engine, data_dir, notify=notices.append)
    assert notices and "data changed" in notices[0]


def test_datasette_metadata_names_real_tables_and_columns() -> None:
    from lasttrain_awards.database.tables import BROWSE_COLUMNS, BROWSE_VIEW, SEARCH_TABLE, metadata
    from lasttrain_awards.paths import DB_FILE_NAME, datasette_metadata_file

    assert datasette_metadata_file() == REPO / "db" / "metadata.json"
    meta = json.loads((REPO / "db" / "metadata.json").read_text(encoding="utf-8"))
    ((name, database),) = meta["databases"].items()
    assert name == Path(DB_FILE_NAME).stem  # Datasette names a database after its file
    view_columns = [column for column, _ in BROWSE_COLUMNS]
    for table_name, table in database["tables"].items():
        columns = view_columns if table_name == BROWSE_VIEW else metadata.tables[table_name].columns
        for column in [*table.get("facets", []), table.get("label_column"), table.get("sort"), table.get("fts_pk")]:
            assert column is None or column in columns, f"{table_name}.{column}"
    assert set(database["tables"]) == {*metadata.tables, BROWSE_VIEW}
    # The view is what people browse and search; the raw tables it reads are hidden.
    view = database["tables"][BROWSE_VIEW]
    assert (view["fts_table"], view["fts_pk"], view["searchmode"]) == (SEARCH_TABLE, "rowid", "escaped")
    assert "hidden" not in view and "sort" not in view  # the view's own order puts undated records last
    assert all(database["tables"][t].get("hidden") for t in ("awards", "recipients", "event_names", "metadata"))
