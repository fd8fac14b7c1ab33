"""Nothing lost: the database path is the user's, a read never writes where it has no right, and every
failure is one clear line (exit 1, or 2 for a request that cannot be), with everything as it was.

The PostgreSQL side (a shared database built only on purpose, a team's own table untouched) is in
test_postgresql.py; permissions as a normal user are in test_traps.py.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.cli import cli
from lasttrain_awards.database.queries import Filters
from lasttrain_awards.errors import UsageProblem
from tests.builders import DATA, REPO, copy_dataset
from tests.conftest import assert_clean_exit, checksum

AWARDS = [sys.executable, "-m", "lasttrain_awards"]
READERS = [["list"], ["list", "--format", "csv"], ["export"], ["stats"], ["summary"], ["conflicts"]]


def run(data: Path, db: str | Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--data", str(data), "--db", str(db), *args], env=env)


def _state(path: Path) -> tuple[int, int, str]:
    """What is at a path, as lstat and the bytes show it: a test compares it before and after."""
    info = path.lstat()
    content = checksum(path) if stat.S_ISREG(info.st_mode) else os.readlink(path) if path.is_symlink() else ""
    return info.st_mode, info.st_ino, content


# --- the database path is the user's --------------------------------------------------------------


def _users_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('the user''s own')")
    connection.close()


def _make(kind: str, path: Path, tmp_path: Path) -> str:
    """Put something that is not our database at `path`; return what the message must say of it."""
    if kind == "sqlite":
        _users_database(path)
        return "not a database awards built (a SQLite database of 1 table(s): notes)"
    if kind == "text":
        path.write_text("my notes\n", encoding="utf-8")
        return "it is not a SQLite database"
    if kind == "empty":
        path.touch()
        return "it is an empty file"
    if kind == "link":
        target = tmp_path / "target.sqlite"
        _users_database(target)
        path.symlink_to(target)
        return "is a symbolic link"
    if kind == "fifo":
        os.mkfifo(path)
        return "is a FIFO (named pipe), not a database file"
    if kind == "folder":
        path.mkdir()
        (path / "keep.txt").write_text("mine", encoding="utf-8")
        return "is a folder, not a database file"
    if kind == "truncated":
        built = tmp_path / "built.sqlite"
        assert_clean_exit(run(DATA, built, "load"), 0)
        path.write_bytes(built.read_bytes()[:5000])
        return "is damaged or truncated"
    raise AssertionError(kind)


KINDS = ["sqlite", "text", "empty", "link", "fifo", "folder", "truncated"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [["load"], *READERS], ids=lambda c: "-".join(c))
def test_what_the_tool_did_not_build_is_never_touched(tmp_path: Path, kind: str, command: list[str]) -> None:
    path = tmp_path / "mine.sqlite"
    says = _make(kind, path, tmp_path)
    before = _state(path)
    linked = checksum(tmp_path / "target.sqlite") if kind == "link" else None
    result = run(DATA, path, *command)
    assert_clean_exit(result, 1)
    assert says in result.output and str(path) in result.output, result.output
    assert "building" not in result.output
    assert _state(path) == before
    if linked is not None:
        assert checksum(tmp_path / "target.sqlite") == linked
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no half-built file left


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_a_device_at_the_database_path_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    for command in (["load"], ["list"]):
        result = run(DATA, device, *command)
        assert_clean_exit(result, 1)
        assert "is a device, not a database file" in result.output
        assert stat.S_ISCHR(device.lstat().st_mode)


def test_our_own_database_is_rebuilt_in_place_of_itself(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "awards.sqlite"
    assert_clean_exit(run(data_dir, db, "load"), 0)
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["notes"] = "changed"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = run(data_dir, db, "list")
    assert_clean_exit(result, 0)
    assert "data changed: rebuilding" in result.output


def test_a_database_of_another_layout_is_not_read_with_no_build(tmp_path: Path) -> None:
    db = tmp_path / "awards.sqlite"
    assert_clean_exit(run(DATA, db, "load"), 0)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE metadata SET value = 'older' WHERE key = 'layout'")
    connection.close()
    before = checksum(db)
    result = CliRunner().invoke(cli, ["--no-build", "--data", str(DATA), "--db", str(db), "list"])
    assert_clean_exit(result, 1)
    assert "in a layout this one cannot read: rebuild it with `awards load` (without --no-build)" in result.output
    assert "no such column" not in result.output and checksum(db) == before
    assert_clean_exit(run(DATA, db, "list"), 0)  # allowed to build: it rebuilds its own file


def test_no_build_holds_for_load_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--no-build", "--data", str(DATA), "--db", str(tmp_path / "a.sqlite"), "load"])
    assert_clean_exit(result, 2)
    assert "--no-build" in result.output and not (tmp_path / "a.sqlite").exists()
    result = CliRunner().invoke(
        cli, ["--data", str(DATA), "--db", str(tmp_path / "a.sqlite"), "load"], env={"AWARDS_NO_BUILD": "1"}
    )
    assert_clean_exit(result, 2)


def test_an_unusable_home_for_the_default_database_is_named(tmp_path: Path, monkeypatch) -> None:
    from lasttrain_awards import paths

    monkeypatch.setattr(paths, "checkout_root", lambda cwd=None: None)  # as an installed wheel runs
    home = tmp_path / "home-is-a-file"
    home.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data", str(DATA), "list"], env={"HOME": str(home), "XDG_DATA_HOME": None})
    assert_clean_exit(result, 1)
    assert "for the default database" in result.output and "set HOME" in result.output and "--db" in result.output


# --- malformed addresses, encodings, full devices, early readers --------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u@127.0.0.1:abc/db",
        "postgresql+psycopg://u@[::1/db",
        "sqlite:///a%00b",
        "sqlite:///x.sqlite?timeout=abc",
        "sqlite:///x.sqlite?no_such_option=1",
        "not a url://",
    ],
)
def test_a_malformed_database_url_is_a_usage_error(tmp_path: Path, url: str) -> None:
    result = CliRunner().invoke(cli, ["--data", str(DATA), "--db", url, "list"])
    assert_clean_exit(result, 2)
    assert "Invalid value for --db / AWARDS_DB" in result.output


def test_an_output_encoding_that_cannot_hold_the_text_is_said_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    done = subprocess.run(
        [*AWARDS, "--data", str(DATA), "--db", str(db), "list", "--format", "markdown"],
        capture_output=True,
        env=os.environ | {"PYTHONIOENCODING": "latin-1"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"cannot hold were written as \\u escapes: set PYTHONIOENCODING=utf-8" in done.stderr
    assert b"\\u" in done.stdout  # what latin-1 cannot hold, escaped, not dropped


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("built") / "awards.sqlite"
    assert_clean_exit(run(DATA, db, "load"), 0)
    return db


ALL_COMMANDS = [
    ["list"],
    ["export"],
    ["stats"],
    ["conflicts"],
    ["refuted"],
    ["summary"],
    ["validate"],
    ["rules"],
    ["ddl"],
]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: c[0])
def test_a_full_device_is_one_line(built: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*AWARDS, "--data", str(DATA), "--db", str(built), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.decode().strip().endswith("cannot write the output to standard output: No space left on device")
    assert b"Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: c[0])
def test_a_reader_gone_before_the_first_line_ends_every_command_alike(built: Path, command: list[str]) -> None:
    """`awards stats | true`: the reader is gone before a byte is written; every command ends quietly, exit 0."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*AWARDS, "--data", str(DATA), "--db", str(built), *command],
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")


# --- discovery never falls back in silence ---------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('[tool.lasttrain-awards]\ndata = "data"\n[broken', "not valid TOML"),
        ("[tool.lasttrain-awards]\ndata = 5\n", "data must be a folder path as text"),
        ('[tool.lasttrain-awards]\ndata = "nowhere"\n', "which is not a folder"),
    ],
)
def test_a_broken_setting_is_an_error_never_the_bundled_data(tmp_path: Path, monkeypatch, setting: str, says: str):
    (tmp_path / "pyproject.toml").write_text(setting, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    for command in (["validate", "-q"], ["list"]):
        result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.sqlite"), *command])
        assert_clean_exit(result, 1)
        assert str(tmp_path / "pyproject.toml") in result.output and says in result.output
    assert not (tmp_path / "a.sqlite").exists()


def test_a_half_dataset_is_named_with_what_it_lacks(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "data" / "awards").mkdir(parents=True)
    (tmp_path / "data" / "events").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "-q"])
    assert_clean_exit(result, 1)
    assert f"{tmp_path / 'data'} looks like a dataset but has no films/, sources/" in result.output


def test_findings_are_capped_with_a_count_of_the_rest(data_dir: Path) -> None:
    for i in range(30):
        (data_dir / "awards" / f"stray-{i:02}.txt").write_text("", encoding="utf-8")
    result = run(data_dir, data_dir / "unused.sqlite", "validate", "--max-findings", "10")
    assert_clean_exit(result, 1)
    lines = result.output.splitlines()
    assert len(lines) == 12 and lines[10].startswith("… ") and "more finding(s) not shown" in lines[10]
    everything = run(data_dir, data_dir / "unused.sqlite", "validate", "--max-findings", "0").output
    assert everything.count("unexpected file") == 30
    assert (
        len(json.loads(run(data_dir, "x", "validate", "--format", "json", "--max-findings", "1").output)["errors"])
        >= 30
    )


# --- unknown is not no, contradictions are usage errors -------------------------------------------


def test_a_filter_says_how_many_records_it_could_not_judge(tmp_path: Path) -> None:
    records = [r for path in sorted((DATA / "awards").glob("*.json")) for r in json.loads(path.read_text("utf-8"))]
    events = {
        json.loads(p.read_text("utf-8"))["id"]: json.loads(p.read_text("utf-8"))
        for p in (DATA / "events").glob("*.json")
    }
    active = [r for r in records if r.get("status", "active") == "active"]
    placeless = sum(1 for r in active if not events[r["event"]].get("country"))
    undated = sum(1 for r in active if "year" not in r)
    db = tmp_path / "a.sqlite"
    result = run(DATA, db, "list", "--country", "CA")
    assert_clean_exit(result, 0)
    if placeless:
        assert (
            f"{placeless} record(s) at events with no recorded country could not be judged by --country"
            in result.stderr
        )
    result = run(DATA, db, "stats", "--year", "2010")
    assert f"{undated} undated record(s) could not be judged by --year" in result.stderr
    assert "could not be judged" not in run(DATA, db, "list", "--event", "idfa").stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "2010", "--since", "2011"],
        ["--year", "2012", "--until", "2011"],
        ["--since", "2012", "--until", "2010"],
        ["--undated", "--year", "2010"],
        ["--undated", "--since", "2010"],
        ["--country", "ZZ"],
    ],
)
@pytest.mark.parametrize("command", ["list", "export", "stats"])
def test_contradictory_filters_are_usage_errors(tmp_path: Path, command: str, args: list[str]) -> None:
    result = run(DATA, tmp_path / "a.sqlite", command, *args)
    assert_clean_exit(result, 2)
    assert not (tmp_path / "a.sqlite").exists()  # refused before any build or query


@pytest.mark.parametrize(
    "kwargs",
    [
        {"years": (2010,), "since": 2011},
        {"since": 2012, "until": 2010},
        {"undated": True, "years": (2010,)},
        {"country": "zz"},
        {"result": "lost"},
        {"event": "x" * 500},
    ],
)
def test_filters_refuse_from_python_as_from_the_command_line(kwargs) -> None:
    with pytest.raises(UsageProblem):
        Filters(**kwargs)


# --- a server that never answers ------------------------------------------------------------------


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A server on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in accepted:
            connection.close()
        listener.close()


@pytest.mark.slow
def test_a_server_that_never_answers_is_an_error_after_the_timeout(silent_server: int) -> None:
    pytest.importorskip("psycopg", reason="the postgresql extra is not installed")
    url = f"postgresql+psycopg://nobody@127.0.0.1:{silent_server}/awards"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["--connect-timeout", "2", "--data", str(DATA), "--db", url, "list"])
    took = time.monotonic() - started
    assert_clean_exit(result, 1)
    assert f"cannot use postgresql+psycopg://nobody@127.0.0.1:{silent_server}/awards" in result.output
    assert "--connect-timeout is 2 s" in result.output
    assert took < 30


# --- the press kit stays out of the dataset ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("where", [".", "awards", "events/kit"])
def test_the_press_kit_is_never_written_into_the_dataset(data_dir: Path, tmp_path: Path, where: str) -> None:
    before = {p: checksum(p) for p in data_dir.rglob("*") if p.is_file()}
    target = data_dir / where
    result = run(data_dir, tmp_path / "a.sqlite", "presskit", "--no-png", "-o", str(target))
    assert_clean_exit(result, 1)
    assert "inside the data folder" in result.output
    assert {p: checksum(p) for p in data_dir.rglob("*") if p.is_file()} == before
    assert_clean_exit(run(data_dir, tmp_path / "a.sqlite", "validate"), 0)


@pytest.mark.slow
def test_the_press_kit_never_replaces_the_folder_that_holds_the_dataset(tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "project"
    copy_dataset(project / "data")
    monkeypatch.chdir(tmp_path)
    result = run(project / "data", tmp_path / "a.sqlite", "presskit", "--no-png", "-o", "project")
    assert_clean_exit(result, 1)
    assert "inside the data folder" in result.output and (project / "data" / "awards").is_dir()


def test_the_repository_checkout_finds_its_own_data(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["validate", "-q"])
    assert_clean_exit(result, 0)
