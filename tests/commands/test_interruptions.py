"""Interrupted loads and readers during a reload, with real processes on a real SQLite file.

A load is killed with SIGKILL at several moments; each time the database must be
entirely the old one or entirely the new one, and pass SQLite's integrity check.
While one process reloads again and again, another lists: every answer must be the
whole old list or the whole new one, never a mix, and never "database is locked".
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from lasttrain_awards.validation.fingerprint import fingerprint

pytestmark = [  # real processes, killed and raced: slow all of them
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]
AWARDS = [sys.executable, "-m", "lasttrain_awards"]


WITH_WORKERS = os.environ | {"AWARDS_WORKERS": "2"}  # worker processes are opt-in
# The load starts at most one worker per CPU it may run on: with one, it reads in its own process.
CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
needs_two_cpus = pytest.mark.skipif(CPUS < 2, reason="one CPU here: a load starts no worker process to test")


def _awards(data: Path, db: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AWARDS, "--data", str(data), "--db", str(db), *args], capture_output=True, text=True, check=False, **kwargs
    )


def _state(db: Path) -> tuple[str, int]:
    """(data fingerprint, award count) of the database, after an integrity check."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        fingerprint_ = connection.execute("SELECT value FROM metadata WHERE key = 'data_fingerprint'").fetchone()[0]
        return fingerprint_, connection.execute("SELECT count(*) FROM awards").fetchone()[0]


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("versions")
    generate(root / "old", 2500, seed=1, variant=" (old)")
    generate(root / "new", 3000, seed=2, variant=" (new)")
    return root / "old", root / "new"


def test_a_killed_load_leaves_the_old_or_the_new_database(versions, tmp_path: Path) -> None:
    old, new = versions
    db = tmp_path / "awards.sqlite"
    expected = {(fingerprint(old), 2500): "old", (fingerprint(new), 3000): "new"}
    assert _awards(old, db, "load").returncode == 0
    started = time.monotonic()
    assert _awards(new, tmp_path / "timing.sqlite", "load").returncode == 0
    duration = time.monotonic() - started
    seen = []
    for fraction in (0.15, 0.35, 0.55, 0.75, 0.95):
        if seen and seen[-1] == "new":  # start each kill from the old database
            assert _awards(old, db, "load").returncode == 0
        process = subprocess.Popen(
            [*AWARDS, "--data", str(new), "--db", str(db), "load"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen.append(expected[_state(db)])  # a KeyError here is a half-built database
    assert "old" in seen, "no kill landed before the swap: the test proves nothing"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".awards.sqlite.")]
    assert _awards(old, db, "load").returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".awards.sqlite.")], leftovers


def test_readers_see_the_old_or_the_new_data_during_reloads(versions, tmp_path: Path) -> None:
    old, new = versions
    db = tmp_path / "awards.sqlite"
    assert _awards(old, db, "load").returncode == 0
    outputs = {}
    for name, data in (("old", old), ("new", new)):
        assert _awards(data, db, "load").returncode == 0
        outputs[_awards(data, db, "--no-build", "list", "--format", "json").stdout] = name
    assert len(outputs) == 2
    reloader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import subprocess, sys, time\n"
                "end = time.monotonic() + 12\n"
                "while time.monotonic() < end:\n"
                f"    for data in ({str(old)!r}, {str(new)!r}):\n"
                f"        subprocess.run({AWARDS!r} + ['--data', data, '--db', {str(db)!r}, 'load'], check=True,"
                " capture_output=True)\n"
            ),
        ],
    )
    seen = []
    try:
        while reloader.poll() is None:
            result = _awards(old, db, "--no-build", "list", "--format", "json")
            assert result.returncode == 0, result.stderr
            assert "locked" not in result.stderr
            seen.append(outputs[result.stdout])  # a KeyError here is a mix of old and new rows
    finally:
        reloader.wait(timeout=60)
    assert reloader.returncode == 0
    assert {"old", "new"} <= set(seen), seen
    assert len(json.loads(result.stdout)) in (2500, 3000)
    assert os.path.exists(db)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # the parent pid
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@needs_two_cpus
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_worker_processes_end_with_a_killed_load(tmp_path: Path) -> None:
    """A load of many files reads them in worker processes; killing the load must not leave them behind."""
    data = tmp_path / "data"
    generate(data, 40_000)  # 200 awards files: enough for workers
    load = subprocess.Popen(
        [*AWARDS, "--data", str(data), "--db", str(tmp_path / "a.sqlite"), "load"], env=WITH_WORKERS
    )
    deadline = time.monotonic() + 30
    while not (workers := _children(load.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "the load started no worker process"
    os.kill(load.pid, signal.SIGKILL)
    load.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


@pytest.fixture(scope="module")
def many_files(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("many") / "data"
    generate(data, 40_000)  # 200 awards files, over the 1 MiB that brings in worker processes
    return data


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_with_worker_processes_ends_cleanly(many_files: Path, tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group; the workers ignore it and the parent stops them."""
    for delay in (0.0, 0.2, 0.5):
        validate = subprocess.Popen(
            [*AWARDS, "--data", str(many_files), "validate"],
            env=WITH_WORKERS,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while not _children(validate.pid) and validate.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(delay)
        os.killpg(validate.pid, signal.SIGINT)
        try:
            _, err = validate.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(validate.pid, signal.SIGKILL)
            pytest.fail(f"awards validate hung after Ctrl-C ({delay} s into the workers)")
        assert "Traceback" not in err, err


def test_a_worker_that_cannot_be_forked_does_not_hang_the_process(many_files: Path) -> None:
    script = f"""
import os
from pathlib import Path
from lasttrain_awards.validation.scanner import scan
real, calls = os.fork, []
def fork():
    calls.append(1)
    if len(calls) == 2:
        raise BlockingIOError(11, "Resource temporarily unavailable")
    return real()
os.fork = fork
try:
    scan(Path({str(many_files)!r}), workers=3)
except OSError as exc:
    print("raised:", exc)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "raised: [Errno 11]" in done.stdout, done.stderr


@pytest.mark.parametrize("command", [("list", "--format", "csv"), ("export",)])
def test_a_reader_that_stops_early_ends_the_command_quietly(versions, tmp_path: Path, command: tuple[str, ...]) -> None:
    """`awards list --format csv | head`: exit 0 and no error once the reader has gone (output > a pipe buffer)."""
    old, _ = versions
    db = tmp_path / "a.sqlite"
    assert _awards(old, db, "load").returncode == 0
    reader = subprocess.Popen(
        [*AWARDS, "--data", str(old), "--db", str(db), *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(100)
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""
