"""Benchmark `awards load` against the raw floor, on the same generated files, in one run.

    python benchmarks/load.py --records 10000 [--records 100000 ...] [--workdir DIR] [--keep]
    python benchmarks/load.py --records 10000 --validate-only

For each N the synthetic dataset is generated once; then the floor (`python -m benchmarks.floor`:
orjson + fastjsonschema + plain sqlite3 executemany, see benchmarks/floor.py) and
`python -m lasttrain_awards --data DIR --db FILE load` each run in their own subprocess, on
those files and on fresh database paths. Each is timed from spawn to exit, and its peak RSS is
read from the rusage `os.wait4` returns for it. Then the start-up of the query path:
`python -c "import sqlalchemy, click"` against `awards --db X list --year 2010` (the default
table) on a database already built from the repository's data/, each run 11 times, interleaved
(median), after compiling the package's bytecode as installing a wheel does.

stdout: one JSON line per N, then one for start-up. Progress goes to stderr. See README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python benchmarks/load.py` from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import generate  # noqa: E402

PYTHON = sys.executable
AWARDS = [PYTHON, "-m", "lasttrain_awards"]
FLOOR = [PYTHON, "-m", "benchmarks.floor"]
TABLES = (
    "sources",
    "films",
    "film_facts",
    "events",
    "event_names",
    "edition_anchors",
    "awards",
    "claims",
    "recipients",
    "awards_fts",  # the search index a SQLite build ends with (contentless: count(*) counts its rows)
    "metadata",
)
STARTUP_REPEATS = 11
# The last line of `awards validate`'s text report.
VERDICT = re.compile(r"^(valid|invalid): (\d+) error\(s\), (\d+) warning\(s\) in (\d+) file\(s\)", re.MULTILINE)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    """One finished subprocess: wall time from spawn to exit, its own peak RSS, its output."""

    label: str
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure(self) -> str:
        tail = (self.stderr.strip() or self.stdout.strip()).splitlines()[-5:]
        return f"{self.label} exited {self.returncode}: " + " | ".join(tail)


CPUS: str | None = None  # --cpus: pin every contender to these CPUs (taskset -c)
SAMPLE_SECONDS = 0.02


def _pss_kib(pid: int) -> int:
    """A process's proportional set size in KiB: pages shared with others (a forked worker's) count
    in part, so a sum over processes is the memory they hold together, not a double count."""
    with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
        for line in handle:
            if line.startswith(b"Pss:"):
                return int(line.split()[1])
    return 0


def _tree_rss_kib(root: int) -> int:
    """The memory of a process and all its descendants, in KiB (summed PSS, from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError), open(f"/proc/{entry}/stat", "rb") as handle:
            parents[int(entry)] = int(handle.read().rsplit(b")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid and child not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        with contextlib.suppress(OSError, ValueError):
            total += _pss_kib(pid)
    return total


def run(label: str, command: list[str]) -> Run:
    """Run `command` from the repository root; output goes to temporary files, never a pipe that could fill.

    Peak memory is the largest sum, over the process and every process it starts (worker processes),
    of their proportional set size (PSS: shared pages counted once in all), sampled every SAMPLE_SECONDS.
    """
    if CPUS is not None:
        command = ["taskset", "-c", CPUS, *command]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        peak_kib, finished = 0, threading.Event()

        def sample() -> None:
            nonlocal peak_kib
            while not finished.wait(SAMPLE_SECONDS):
                peak_kib = max(peak_kib, _tree_rss_kib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        finished.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Run(
            label=label,
            seconds=seconds,
            peak_rss_mb=(peak_kib or usage.ru_maxrss) / 1024,  # KiB; ru_maxrss only if no sample was taken
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def repeated(runs: int, contenders: list[tuple[str, list[str]]], before: Any = None) -> dict[str, list[Run]]:
    """Each contender `runs` times, interleaved (a, b, a, b, …), so the machine's load affects all alike.

    `before(label)` runs ahead of each (to remove the database the last run built)."""
    results: dict[str, list[Run]] = {label: [] for label, _ in contenders}
    for i in range(runs):
        for label, command in contenders:
            if before is not None:
                before(label)
            result = run(label, command)
            progress(f"  run {i + 1}/{runs} {label}: {result.seconds:.3f} s, {result.peak_rss_mb:.1f} MB")
            results[label].append(result)
    return results


def median_run(runs: list[Run]) -> Run:
    """The run of median time (its memory is the largest of all the runs: a peak is a peak)."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[len(ordered) // 2]
    failed = next((r for r in runs if not r.ok), None)
    chosen = failed or middle
    return Run(
        chosen.label,
        statistics.median(r.seconds for r in runs),
        max(r.peak_rss_mb for r in runs),
        chosen.returncode,
        chosen.stdout,
        chosen.stderr,
    )


def table_counts(db: Path) -> dict[str, int | None]:
    """Rows per table (None for a table or database that is missing)."""
    counts: dict[str, int | None] = dict.fromkeys(TABLES)
    if not db.is_file():
        return counts
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for table in TABLES:
            with contextlib.suppress(sqlite3.OperationalError):
                counts[table] = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        connection.close()
    return counts


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator > 0 else None


def _line(
    records: int,
    floor: Run,
    awards: Run,
    rows_equal: bool,
    warnings: list[str],
    mode: str | None,
    extra: dict[str, Any] | None = None,
) -> str:
    line: dict[str, Any] = {"mode": mode} if mode else {}
    line |= {
        "records": records,
        "floor_s": round(floor.seconds, 3),
        "awards_load_s": round(awards.seconds, 3),
        "ratio": _ratio(awards.seconds, floor.seconds),
        "floor_peak_rss_mb": round(floor.peak_rss_mb, 1),
        "awards_peak_rss_mb": round(awards.peak_rss_mb, 1),
        "rows_equal": rows_equal,
    } | (extra or {})
    if warnings:
        line["warning"] = "; ".join(warnings)
    return json.dumps(line, ensure_ascii=False)


REPEAT = 3  # --repeat


def bench_load(records: int, target: Path) -> tuple[str, bool]:
    """Floor and `awards load` on the same files; the JSON line, and whether both succeeded."""
    data = target / "data"
    floor_db, awards_db = target / "floor.sqlite", target / "awards.sqlite"

    def fresh(label: str) -> None:  # every run builds a new file, as a first build does
        db = floor_db if label == "floor" else awards_db
        for suffix in ("", "-journal"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    progress(f"N={records}: floor and awards load, {REPEAT} interleaved runs each ...")
    results = repeated(
        REPEAT,
        [
            ("floor", [*FLOOR, "--data", str(data), "--db", str(floor_db)]),
            ("awards load", [*AWARDS, "--data", str(data), "--db", str(awards_db), "load"]),
        ],
        before=fresh,
    )
    floor, awards = median_run(results["floor"]), median_run(results["awards load"])
    progress(f"N={records}: floor {floor.seconds:.3f} s, {floor.peak_rss_mb:.1f} MB  {floor.stdout.strip()}")
    progress(f"N={records}: awards load {awards.seconds:.3f} s, {awards.peak_rss_mb:.1f} MB")

    warnings = [r.failure() for r in (floor, awards) if not r.ok]
    floor_counts, awards_counts = table_counts(floor_db), table_counts(awards_db)
    progress(f"N={records}: rows floor={floor_counts}")
    progress(f"N={records}: rows awards={awards_counts}")
    rows_equal = floor_counts["awards"] is not None and floor_counts["awards"] == awards_counts["awards"]
    # The data tables must match; the build metadata (fingerprint, timestamps...) is the project's to extend.
    data_tables = [t for t in TABLES if t != "metadata"]
    differ = [
        f"{t} {floor_counts[t]} vs {awards_counts[t]}" for t in data_tables if floor_counts[t] != awards_counts[t]
    ]
    if floor_counts["metadata"] != awards_counts["metadata"]:
        progress(f"N={records}: note: metadata rows {floor_counts['metadata']} (floor) vs {awards_counts['metadata']}")
    if differ:
        warnings.append("row counts differ (floor vs awards): " + ", ".join(differ))
    return _line(records, floor, awards, rows_equal, warnings, None), floor.ok and awards.ok


def bench_postgresql(records: int, target: Path, url: str) -> tuple[str, bool]:
    """The COPY floor and `awards load` into the same PostgreSQL database (each rebuilds its tables)."""
    data, ddl = target / "data", target / "postgresql.sql"
    ddl.write_text(subprocess.run([*AWARDS, "ddl", "--dialect", "postgresql"], capture_output=True, text=True,
                                  check=True, cwd=ROOT).stdout)  # fmt: skip
    progress(f"N={records}: PostgreSQL floor (COPY) and awards load, {REPEAT} interleaved runs each ...")
    results = repeated(
        REPEAT,
        [
            ("floor (COPY)", [*FLOOR, "--data", str(data), "--postgresql", url, "--ddl", str(ddl)]),
            ("awards load", [*AWARDS, "--data", str(data), "--db", url, "load"]),
        ],
    )
    floor, awards = median_run(results["floor (COPY)"]), median_run(results["awards load"])
    warnings = [r.failure() for r in (floor, awards) if not r.ok]
    return _line(records, floor, awards, floor.ok and awards.ok, warnings, "postgresql"), floor.ok and awards.ok


def bench_validate(records: int, target: Path) -> tuple[str, bool]:
    """Floor parse+validate against `awards validate` on the same files.

    The floor parses and checks the schemas; `awards validate` also runs the cross-file rules, which no
    floor can skip and give the same verdict. Their cost is measured apart, as the time they add to the
    same command (`awards validate` less `awards validate --select syntax --select schema`, medians of
    interleaved runs): `ratio_with_rules` compares `awards validate` with the floor plus that cost.
    """
    data = target / "data"
    progress(f"N={records}: floor --validate-only and awards validate, {REPEAT} interleaved runs each ...")
    bare_label = "awards validate --select syntax --select schema"
    results = repeated(
        REPEAT,
        [
            ("floor --validate-only", [*FLOOR, "--data", str(data), "--validate-only"]),
            ("awards validate", [*AWARDS, "--data", str(data), "validate"]),
            (bare_label, [*AWARDS, "--data", str(data), "validate", "--select", "syntax", "--select", "schema"]),
        ],
    )
    floor, awards = median_run(results["floor --validate-only"]), median_run(results["awards validate"])
    bare = median_run(results[bare_label])
    rules_s = max(0.0, awards.seconds - bare.seconds)
    extra = {
        "syntax_schema_only_s": round(bare.seconds, 3),
        "rules_s": round(rules_s, 3),
        "ratio_with_rules": _ratio(awards.seconds, floor.seconds + rules_s),
    }
    progress(f"N={records}: floor {floor.seconds:.3f} s, {floor.peak_rss_mb:.1f} MB  {floor.stdout.strip()}")
    progress(f"N={records}: awards validate {awards.seconds:.3f} s, {awards.peak_rss_mb:.1f} MB")

    warnings = [r.failure() for r in (floor, awards) if not r.ok]
    floor_files = json.loads(floor.stdout)["files"] if floor.ok else None
    verdicts = VERDICT.findall(awards.stdout)
    awards_files = int(verdicts[-1][3]) if verdicts else None
    if verdicts and int(verdicts[-1][2]):
        warnings.append(f"awards validate: {verdicts[-1][2]} warning(s)")
    rows_equal = floor.ok and awards.ok and floor_files == awards_files
    if floor_files != awards_files:
        warnings.append(f"files checked differ: floor {floor_files} vs awards {awards_files}")
    return _line(records, floor, awards, rows_equal, warnings, "validate", extra), floor.ok and awards.ok


def bench_startup(work: Path) -> tuple[str, bool]:
    """Bare `import sqlalchemy, click` against a real query on an already built database."""
    db = work / "bundled.sqlite"
    data = ROOT / "data"
    progress(f"start-up: building {db} from {data} ...")
    built = run("awards load (bundled data)", [*AWARDS, "--data", str(data), "--db", str(db), "load"])
    if not built.ok:
        return json.dumps({"startup": None, "warning": built.failure()}), False
    imports = [PYTHON, "-c", "import sqlalchemy, click"]
    listing = [*AWARDS, "--data", str(data), "--db", str(db), "list", "--year", "2010"]
    # pip compiles an installed wheel's modules; a checkout under PYTHONDONTWRITEBYTECODE would
    # otherwise compile the package from source on every run, which no installed user pays for.
    run("compile bytecode", [PYTHON, "-m", "compileall", "-q", str(ROOT / "lasttrain_awards")])
    run("import", imports), run("awards list", listing)  # warm-up, not counted: bytecode and page caches
    import_s: list[float] = []
    list_s: list[float] = []
    warnings: list[str] = []
    for _ in range(STARTUP_REPEATS):  # interleaved, so drift in the machine's load hits both alike
        for label, command, times in (("import", imports, import_s), ("awards list", listing, list_s)):
            result = run(label, command)
            times.append(result.seconds)
            if not result.ok:
                warnings.append(result.failure())
            elif command is listing and "building" in result.stderr:
                warnings.append("awards list rebuilt the database: " + result.stderr.strip())
    import_median, list_median = statistics.median(import_s), statistics.median(list_s)
    startup = {
        "import_s": round(import_median, 3),
        "list_s": round(list_median, 3),
        "ratio": _ratio(list_median, import_median),
    }
    progress(f"start-up: import {sorted(import_s)}; list {sorted(list_s)}")
    line: dict[str, Any] = {"startup": startup}
    if warnings:
        line["warning"] = "; ".join(dict.fromkeys(warnings))
    return json.dumps(line, ensure_ascii=False), not warnings


def main(argv: list[str] | None = None) -> int:
    global REPEAT, CPUS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records", type=int, action="append", required=True, metavar="N", help="records to generate (repeatable)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to put datasets and databases (default: a new temporary directory)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated datasets and databases")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use a dataset already generated under --workdir (records-N/data, from an earlier --keep run)",
    )
    parser.add_argument(
        "--validate-only", action="store_true", help="compare parse+validate: floor --validate-only vs awards validate"
    )
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="interleaved runs of each contender (median)")
    parser.add_argument("--cpus", help="pin every contender to these CPUs (taskset -c), e.g. 0 for one CPU")
    parser.add_argument(
        "--postgresql",
        metavar="URL",
        default=os.environ.get("AWARDS_TEST_POSTGRES_URL"),
        help="also load into this PostgreSQL database, against a COPY floor [env: AWARDS_TEST_POSTGRES_URL]",
    )
    args = parser.parse_args(argv)
    REPEAT, CPUS = max(1, args.repeat), args.cpus
    if any(n < 1 for n in args.records):
        parser.error("--records must be at least 1")

    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        base = args.workdir.resolve()
    else:
        base = Path(tempfile.mkdtemp(prefix="lasttrain-bench-"))
    created: list[Path] = []
    all_ok = True
    try:
        for records in args.records:
            target = base / f"records-{records}"
            if args.reuse and (target / "data" / "awards").is_dir():
                progress(f"N={records}: reusing the dataset under {target}")
            else:
                shutil.rmtree(target, ignore_errors=True)  # our own folder from an earlier run: start afresh
                start = time.perf_counter()
                counts = generate(target / "data", records)
                progress(f"N={records}: generated {counts} in {time.perf_counter() - start:.1f} s under {target}")
            if not args.keep:
                created.append(target)
            line, ok = (bench_validate if args.validate_only else bench_load)(records, target)
            print(line, flush=True)
            all_ok &= ok
            if args.postgresql and not args.validate_only:
                line, ok = bench_postgresql(records, target, args.postgresql)
                print(line, flush=True)
                all_ok &= ok
        if not args.no_startup:
            work = base / "startup"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            created.append(work)
            line, ok = bench_startup(work)
            print(line, flush=True)
            all_ok &= ok
    finally:
        if args.keep:
            progress(f"kept {base}")
        elif args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
        else:
            for path in created:
                shutil.rmtree(path, ignore_errors=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
