"""The traps a new user and a hostile input fall into: nothing lost, nothing silently wrong.

Each test builds the trap from the bundled data (a folder it cannot read, a link loop, a file name
that is not UTF-8, a number written 2010.0, a hostile filter, an output that is a link or a device)
and requires a clear message, the right exit status, no traceback and the database as it was.
Permissions are tested as a normal user: as root, the command runs in a child process that has
dropped its privileges to `nobody` (root reads every folder, so the trap would not spring).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lasttrain_awards.cli import cli
from lasttrain_awards.findings import MAX_MESSAGE
from lasttrain_awards.paths import sqlite_url
from tests.builders import TODAY, as_user, bundled_records, copy_dataset, give_to_user
from tests.conftest import assert_clean_exit, checksum

Run = Callable[..., Result]


@pytest.mark.slow
def test_an_unreadable_awards_folder_is_an_error_and_loses_nothing(user_dir: Path) -> None:
    data, db, export = user_dir / "data", user_dir / "awards.sqlite", user_dir / "kit.csv"
    copy_dataset(data)
    base = ["--data", str(data), "--db", sqlite_url(db)]
    give_to_user(user_dir)
    assert as_user([*base, "load"])[0] == 0
    assert as_user([*base, "export", "-o", str(export)])[0] == 0
    db_before, export_before = checksum(db), checksum(export)
    (data / "awards").chmod(0)
    code, output = as_user([*base, "validate"])
    assert code == 1 and "awards: error [syntax] cannot read this folder: Permission denied" in output
    assert "valid: 0 error(s)" not in output
    for command in (["load"], ["export", "-o", str(export)], ["presskit", "--no-png", "-o", str(user_dir / "kit")]):
        code, output = as_user([*base, *command])
        assert code == 1, (command, output)
        assert "cannot read this folder" in output and "Traceback" not in output
    assert checksum(db) == db_before and checksum(export) == export_before
    assert not (user_dir / "kit").exists()


def test_an_unreadable_events_folder_is_named(user_dir: Path) -> None:
    data = user_dir / "data"
    copy_dataset(data)
    give_to_user(user_dir)
    (data / "events").chmod(0)
    code, output = as_user(["--data", str(data), "validate"])
    assert code == 1 and "events: error [syntax] cannot read this folder" in output


def test_a_read_only_folder_names_the_remedy(user_dir: Path) -> None:
    data, db = user_dir / "data", user_dir / "db" / "awards.sqlite"
    copy_dataset(data)
    db.parent.mkdir()
    give_to_user(user_dir)
    assert as_user(["--data", str(data), "--db", str(db), "load"])[0] == 0
    (data / "awards" / "apsa.json").touch()  # the data changed: a query would rebuild
    os.utime(data / "awards" / "apsa.json", (1, 1))
    records = json.loads((data / "awards" / "apsa.json").read_text(encoding="utf-8"))
    records[0]["notes"] = "changed"
    (data / "awards" / "apsa.json").write_text(json.dumps(records), encoding="utf-8")
    db.parent.chmod(0o555)
    code, output = as_user(["--data", str(data), "--db", str(db), "list"])
    assert code == 1 and "cannot write the database in" in output and "--no-build" in output
    assert "building" not in output and "rebuilding" not in output
    code, output = as_user(["--data", str(data), "--db", str(db), "--no-build", "list", "--format", "csv"])
    assert code == 0 and "Anasy" in output


# --- the data directory -------------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def test_a_link_loop_and_a_name_that_is_not_utf8_are_findings(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "awards" / "loop.json").symlink_to("loop.json")
    os.symlink(b"x", os.path.join(os.fsencode(data_dir / "awards"), b"bad-\xff-name.json"))
    (data_dir / "events" / "up").symlink_to("..")  # a folder link: not followed, never a loop
    result = _cli("--data", str(data_dir), "--db", sqlite_url(tmp_path / "a.sqlite"), "validate")
    assert_clean_exit(result, 1)
    assert "awards/loop.json: error [syntax] cannot read: a symbolic link loop" in result.output
    assert "bad-\\xff-name.json: error [syntax] the file name is not valid UTF-8: rename it" in result.output
    assert "events/up: error [layout]" in result.output


def test_an_empty_or_half_dataset_is_not_valid(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.json").write_text("{}", encoding="utf-8")
    for command in (["validate"], ["list"], ["load"]):  # not a dataset at all: one line, not one per file
        result = _cli("--data", str(empty), "--db", sqlite_url(tmp_path / "a.sqlite"), *command)
        assert_clean_exit(result, 1)
        assert result.output.strip() == (
            f"Error: not a dataset: no films/, events/, sources/ or awards/ in {empty} "
            "(give --data the folder that holds them; `awards init` starts a new one)"
        )
        assert not (tmp_path / "a.sqlite").exists()
    (empty / "films").mkdir()
    result = _cli("--data", str(empty), "validate")
    assert_clean_exit(result, 1)
    for folder in ("events", "sources", "awards"):
        assert f"missing folder {folder}/" in result.output
    for folder in ("events", "sources", "awards"):
        (empty / folder).mkdir()
    result = _cli("--data", str(empty), "validate")
    assert_clean_exit(result, 1)  # notes.json is no data file
    assert "warning [syntax] no award records yet" in result.output
    (empty / "notes.json").unlink()
    result = _cli("--data", str(empty), "validate")
    assert_clean_exit(result, 0)  # a new film's record starts empty: a warning, not an error
    assert "warning [syntax] no award records yet" in result.output


def test_a_data_repository_is_found_like_git_finds_one(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["year"] = "soon"
    path.write_text(json.dumps(records), encoding="utf-8")
    nested = data_dir.parent / "notes" / "deeper"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)  # inside a repository laid out like this one, not at its root
    result = CliRunner().invoke(cli, ["validate"])
    assert_clean_exit(result, 1)
    assert "../../data/awards/apsa.json:" in result.output  # paths from the working directory
    assert f"using the data in {data_dir}" in result.output and f"of {data_dir}" in result.output
    # A pyproject.toml can name another folder.
    (data_dir.parent / "pyproject.toml").write_text('[tool.lasttrain-awards]\ndata = "elsewhere"\n')
    copy_dataset(data_dir.parent / "elsewhere")
    result = CliRunner().invoke(cli, ["validate"])
    assert_clean_exit(result, 0)
    assert f"of {data_dir.parent / 'elsewhere'}" in result.output


def test_finding_paths_are_relative_to_the_working_directory(data_dir: Path, monkeypatch) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["year"] = "soon"
    path.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.chdir(data_dir.parent)
    for fmt, expected in (("text", "data/awards/apsa.json:"), ("github", "file=data/awards/apsa.json,")):
        result = _cli("--data", "data", "validate", "--format", fmt)
        assert_clean_exit(result, 1)
        assert expected in result.output, fmt
    report = json.loads(_cli("--data", "data", "validate", "--format", "json").stdout)
    assert "data/awards/apsa.json" in {e["file"] for e in report["errors"]}


# --- numbers, keys and long values --------------------------------------------------------------


def test_integral_numbers_written_as_floats_load(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "awards" / "apsa.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"year": 2010,', '"year": 2.01e3,', 1))
    event = data_dir / "events" / "idfa.json"
    spec = json.loads(event.read_text(encoding="utf-8"))
    spec["years_without_edition"] = [2020]
    event.write_text(json.dumps(spec).replace('"edition": 22', '"edition": 22.0'), encoding="utf-8")
    db = sqlite_url(tmp_path / "a.sqlite")
    assert_clean_exit(_cli("--data", str(data_dir), "--db", db, "validate", "--today", TODAY), 0)
    rows = json.loads(_cli("--data", str(data_dir), "--db", db, "list", "--event", "apsa", "--format", "json").stdout)
    assert [r["year"] for r in rows] == [2010]


def test_duplicate_keys_that_are_lone_surrogates_are_printed(data_dir: Path) -> None:
    (data_dir / "events" / "apsa.json").write_text('{"\\ud800": 1, "\\ud800": 2}', encoding="utf-8")
    result = _cli("--data", str(data_dir), "validate")
    assert_clean_exit(result, 1)
    assert "events/apsa.json" in result.output


def test_a_huge_value_is_cut_in_messages_and_deep_or_long_numbers_are_placed(data_dir: Path) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "x" * 1_000_000 + "\n"
    path.write_text(json.dumps(records), encoding="utf-8")
    (data_dir / "awards" / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (data_dir / "awards" / "long.json").write_text("[\n  " + "9" * 5000 + "\n]", encoding="utf-8")
    result = _cli("--data", str(data_dir), "validate")
    assert_clean_exit(result, 1)
    assert max(len(line) for line in result.output.splitlines()) < MAX_MESSAGE * 2 + 200
    assert "characters cut" in result.output
    # Placed at the first value too deep, the same on every Python (3.13's parser reads this file, 3.11's cannot).
    assert f"awards/deep.json:1:34: error [syntax] ${'[0]' * 33}: nested more than 32 levels deep" in result.output
    assert "awards/long.json:2:3: error [syntax] a number of 5,000 digits" in result.output


# --- filters and options ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--event", "\udcff"], "not valid UTF-8 text"),
        (["--country", "c\udcffa"], "not valid UTF-8 text"),
        (["--event", "x" * 100_000], "100,000 characters: the limit is 200"),
        (["--since", "2012", "--until", "2009"], "2012 is after --until 2009"),
        (["--country", "zz"], "'zz' is not an ISO 3166-1 alpha-2 country code"),
    ],
    ids=["event-bytes", "country-bytes", "long-event", "since-after-until", "unknown-country"],
)
@pytest.mark.parametrize("command", ["list", "export", "stats"])
def test_filters_that_cannot_mean_anything_are_usage_errors(
    data_dir: Path, tmp_path: Path, command: str, args: list[str], message: str
) -> None:
    result = _cli("--data", str(data_dir), "--db", sqlite_url(tmp_path / "a.sqlite"), command, *args)
    assert_clean_exit(result, 2)
    assert message in result.output
    assert not (tmp_path / "a.sqlite").exists()  # refused before anything was built


def test_empty_awards_db_is_refused_like_an_empty_db_option(data_dir: Path) -> None:
    for result in (_cli("--data", str(data_dir), "list", env={"AWARDS_DB": ""}), _cli("--db", "", "list")):
        assert_clean_exit(result, 2)
        assert "empty: give a SQLAlchemy URL or a SQLite file path" in result.output


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "is a folder, not a database file: give --db a file path"),
        ("missing", "does not exist: create it, or give --db a file in an existing folder"),
    ],
)
def test_database_path_problems_name_the_cause_first(data_dir: Path, tmp_path: Path, where: str, message: str) -> None:
    target = tmp_path / "db-folder" if where == "folder" else tmp_path / "nowhere" / "a.sqlite"
    if where == "folder":
        target.mkdir()
    result = _cli("--data", str(data_dir), "--db", str(target), "list")
    assert_clean_exit(result, 1)
    assert message in result.output and "building" not in result.output


def test_a_missing_data_directory_is_named_before_any_build_notice(tmp_path: Path) -> None:
    result = _cli("--data", str(tmp_path / "nonexistent"), "--db", sqlite_url(tmp_path / "a.sqlite"), "list")
    assert_clean_exit(result, 1)
    assert "data directory not found" in result.output and "rebuilding" not in result.output


def test_excel_goes_only_with_csv(data_dir: Path, tmp_path: Path) -> None:
    for fmt in ("json", "markdown"):
        result = _cli(
            "--data", str(data_dir), "--db", sqlite_url(tmp_path / "a.sqlite"), "export", "--excel", "--format", fmt
        )
        assert_clean_exit(result, 2)
        assert "only with --format csv" in result.output


def test_markdown_is_escaped_alike_everywhere(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "<img src=x onerror=alert(1)> *bold* [link](javascript:x)"
    records[0]["claims"][0]["category"] = records[0]["category"]
    path.write_text(json.dumps(records), encoding="utf-8")
    db = sqlite_url(tmp_path / "a.sqlite")
    for command in (["list", "--format", "markdown"], ["export", "--format", "markdown"]):
        out = _cli("--data", str(data_dir), "--db", db, *command, "--event", "apsa").stdout
        assert not re.search(r"(?<!\\)[<*\[]", out.split("\n", 2)[2]), out  # every one escaped
        assert "&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](javascript:x)" in out


# --- writers ------------------------------------------------------------------------------------


def test_export_refuses_a_link_a_fifo_and_a_device(data_dir: Path, tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "a.sqlite")
    real = tmp_path / "real.csv"
    real.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for target, message in (
        (link, "is a symbolic link: not replaced"),
        (fifo, "is not a regular file (a FIFO, socket or device): not replaced"),
        (Path("/dev/null"), "is not a regular file (a FIFO, socket or device): not replaced"),
    ):
        result = _cli("--data", str(data_dir), "--db", db, "export", "-o", str(target))
        assert_clean_exit(result, 1)
        assert message in result.output, target
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mine"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.slow
def test_presskit_keeps_what_the_user_put_in_the_kit(data_dir: Path, tmp_path: Path) -> None:
    db, kit = sqlite_url(tmp_path / "a.sqlite"), tmp_path / "kit"
    assert_clean_exit(_cli("--data", str(data_dir), "--db", db, "presskit", "--no-png", "-o", str(kit)), 0)
    (kit / "laurels" / "official-idfa-laurel.svg").write_text("<svg>official</svg>", encoding="utf-8")
    (kit / "contact.txt").write_text("press@example.org", encoding="utf-8")
    (kit / "photos" / "empty").mkdir(parents=True)  # the user's folders, even empty ones
    result = _cli("--data", str(data_dir), "--db", db, "presskit", "--no-png", "-o", str(kit), "--result", "won")
    assert_clean_exit(result, 0)
    assert (kit / "laurels" / "official-idfa-laurel.svg").read_text(encoding="utf-8") == "<svg>official</svg>"
    assert (kit / "contact.txt").read_text(encoding="utf-8") == "press@example.org"
    assert (kit / "photos" / "empty").is_dir()
    selections = [r["id"] for r in bundled_records() if r["result"] == "selected"]
    assert selections and not any((kit / "laurels" / f"{s}.svg").exists() for s in selections)  # stale: gone


# --- anything at all in the data directory ------------------------------------------------------


FOLDERS = ("awards", "events", "sources", "films", "refuted", "stray")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
names = st.one_of(
    st.sampled_from(["apsa.json", "idfa.json", "new.json", "x.txt", ".hidden.json", "a b.json"]),
    st.binary(min_size=1, max_size=12).map(lambda b: os.fsdecode(b.replace(b"/", b"_").replace(b"\x00", b"_"))),
)
shapes = st.tuples(
    st.sampled_from(FOLDERS),
    names.filter(lambda n: n not in (".", "..")),
    st.one_of(
        st.binary(max_size=64).map(lambda b: ("bytes", b)),
        json_values.map(lambda v: ("json", json.dumps(v).encode())),
        st.sampled_from(["loop", "parent", "outside", "dangling", "folder", "unreadable"]).map(lambda k: (k, b"")),
    ),
)


@pytest.mark.slow
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.lists(shapes, min_size=1, max_size=3))
def test_anything_in_the_data_directory_gives_an_answer_never_a_crash(shaped: list[Any]) -> None:
    """Random bytes, random JSON and random file-system shapes (links, loops, folders, permissions,
    names that are not UTF-8): exit 0, 1 or 2, no traceback, and the database unchanged unless 0."""
    root = Path(tempfile.mkdtemp(prefix="awards-shapes-"))
    try:
        data, db = root / "data", root / "awards.sqlite"
        copy_dataset(data)
        base = ["--data", str(data), "--db", sqlite_url(db)]
        assert CliRunner().invoke(cli, [*base, "load"]).exit_code == 0
        before = checksum(db)
        for folder, name, (kind, content) in shaped:
            target = data / folder / name
            target.parent.mkdir(exist_ok=True)
            if target.is_symlink() or target.exists():
                continue
            if kind in ("bytes", "json", "unreadable"):
                target.write_bytes(content)
                if kind == "unreadable":
                    target.chmod(0)
            elif kind == "folder":
                target.mkdir()
            else:
                link = {"loop": name, "parent": "..", "outside": "/etc/hostname", "dangling": "no-such-file"}[kind]
                os.symlink(link, target)
        for command in (["validate"], ["load"], ["list", "--format", "json"]):
            result = CliRunner().invoke(cli, [*base, *command])
            assert result.exit_code in (0, 1, 2), (command, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
            assert "Traceback" not in result.output
            if result.exit_code != 0:
                assert checksum(db) == before, command
            before = checksum(db)
    finally:
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(root)


def test_a_deeply_nested_folder_and_a_linked_kind_folder_are_findings(data_dir: Path, tmp_path: Path) -> None:
    deep = data_dir / "deep"
    deep.mkdir()
    for _ in range(1_100):  # deeper than Python's recursion limit
        deep = deep / "a"
        deep.mkdir()
    (deep / "x.json").write_text("{}", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data_dir / "refuted", elsewhere)
    (data_dir / "refuted").symlink_to(elsewhere)
    try:
        result = _cli("--data", str(data_dir), "validate", "--max-findings", "0")
    finally:  # pytest's own clean-up removes folders recursively: this one is too deep for it
        subprocess.run(["rm", "-rf", str(data_dir / "deep")], check=True)
    assert_clean_exit(result, 1)
    assert "refuted: error [syntax] a symbolic link: not followed" in result.output
    assert "/a/x.json: error [layout]" in result.output


def test_refuted_csv_is_safe_for_spreadsheets(data_dir: Path, tmp_path: Path) -> None:
    path = next((data_dir / "refuted").glob("*.json"))
    record = json.loads(path.read_text(encoding="utf-8"))
    record["claim"] = '=HYPERLINK("http://example.invalid","x")'
    path.write_text(json.dumps(record), encoding="utf-8")
    result = _cli("--data", str(data_dir), "--db", sqlite_url(tmp_path / "a.sqlite"), "refuted", "--format", "csv")
    assert_clean_exit(result, 0)
    assert "'=HYPERLINK" in result.stdout
    assert not any(cell.startswith("=") for line in result.stdout.splitlines() for cell in line.split(","))
