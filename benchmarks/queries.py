"""Benchmark the query commands against their floors, on one database, in one run.

    python benchmarks/queries.py --db FILE --data DIR [--year 2010] [--repeat 5] [--cpus 0]

For each command the floor is the cheapest correct program for the same output from the same
database: plain `sqlite3` and the standard library's `csv` (or orjson, which the project uses, for
JSON), in one process. Every floor first imports SQLAlchemy and Click, which the project must
use, so their start-up is charged to both sides alike (the start-up target covers it apart).
The floors produce byte-identical output, and the benchmark compares the bytes (`same`), except
the table, whose floor is a plain fixed-width table of the same rows (compared by line count).

Runs are interleaved (awards, floor, awards, floor, …) and repeated; each line reports medians
and each side's peak memory (PSS summed over the process tree, sampled, as load.py measures it).
`--cpus 0` pins both sides to CPU 0 (taskset), for the one-CPU figure. stdout: one JSON line per command.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python benchmarks/queries.py` from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402

FLOOR = r"""
import sys, sqlite3, csv, io
import sqlalchemy, click  # charged to the floor too: the project must import them
import orjson
db, command, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
out = sys.stdout
STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
def safe(v):
    return "'" + v if v.startswith(STARTS) else v
events = {r[0]: r[1:] for r in con.execute("SELECT id, name, city, country FROM events")}
sources = {r[0]: (r[1], r[2]) for r in con.execute("SELECT id, publisher, url FROM sources")}
def publishers(cited):
    return list(dict.fromkeys(sources[s][0] for s in orjson.loads(cited)))
COLS = ("id, year, date, edition, event_id, category, result, section, status, notes, pending, highlight, "
        "cited_sources, recipient_names, result_stated, shared_with")
def result_text(result, stated, shared):
    notes = ([f"shared with {' and '.join(orjson.loads(shared))}"] if shared != "[]" else []) + (
        [] if stated else ["award laurel; no source states the result"])
    return f"{result} ({'; '.join(notes)})" if notes else result
def rows(where):
    yield from con.execute(f"SELECT {COLS} FROM awards {where} ORDER BY list_key", () if not where else (year,))
LABELS = {"won": "Won", "nominated": "Nominated", "selected": "Official selection",
          "special-mention": "Special mention"}
if command == "list-csv":
    w = csv.writer(out)
    w.writerow(["Year", "Date", "Event", "Category", "Result", "Sources"])
    for r in rows("WHERE year = ? AND status = 'active'"):
        w.writerow([safe(x) for x in ("" if r[1] is None else str(r[1]), r[2] or "", events[r[4]][0], r[5],
                    result_text(r[6], r[14], r[15]), ", ".join(publishers(r[12])))])
elif command == "export-csv":
    w = csv.writer(out)
    w.writerow(["Year", "Event", "Category", "Result", "Recipients", "City", "Country", "Sources"])
    for r in rows(""):
        if r[8] != "active":
            continue
        name, city, country = events[r[4]]
        w.writerow([safe(x) for x in ("" if r[1] is None else str(r[1]), name, r[5],
                    result_text(LABELS[r[6]], r[14], r[15]), "; ".join(orjson.loads(r[13])), city or "",
                    country or "", "; ".join(publishers(r[12])))])
elif command == "list-json":
    first = True
    out.write("[")
    for r in rows("WHERE year = ? AND status = 'active'"):
        name, city, country = events[r[4]]
        cited = orjson.loads(r[12])
        record = {"id": r[0], "year": r[1], "date": r[2], "edition": r[3], "event": name, "event_id": r[4],
                  "category": r[5], "result": r[6], "section": r[7], "status": r[8],
                  "recipients": orjson.loads(r[13]), "city": city, "country": country, "sources": cited,
                  "notes": r[9], "pending": bool(r[10]), "result_stated": bool(r[14]),
                  "shared_with": orjson.loads(r[15]), "source_urls": [sources[s][1] for s in cited]}
        item = orjson.dumps(record, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n  ")
        out.write(("\n  " if first else ",\n  ") + item)
        first = False
    out.write("]\n" if first else "\n]\n")
elif command == "list-table":
    lines = []
    for r in rows("WHERE year = ? AND status = 'active'"):
        lines.append(f"{r[1] or '':<6}  {r[2] or '':<10}  {events[r[4]][0][:20]:<20}  {r[5][:24]:<24}  {r[6]:<10}  "
                     + ", ".join(publishers(r[12]))[:30])
    out.write("\n".join(lines) + "\n")
elif command == "stats":
    q = lambda c: con.execute(f"SELECT {c}, count(*) FROM awards WHERE status = 'active' GROUP BY {c}").fetchall()
    by_result, by_year, by_event = dict(q("result")), q("year"), q("event_id")
    order = ("won", "nominated", "selected", "special-mention")
    years = {("undated" if y is None else str(y)): n for y, n in by_year}
    keys = sorted(k for k in years if k != "undated") + (["undated"] if "undated" in years else [])
    result = {"total": sum(by_result.values()), "by_result": {r: by_result[r] for r in order if r in by_result},
              "by_year": {k: years[k] for k in keys},
              "by_event": dict(sorted(by_event, key=lambda kv: (-kv[1], kv[0])))}
    out.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode() + "\n")
"""

COMMANDS = {
    "list-csv": ["list", "--year", "{year}", "--format", "csv"],
    "list-json": ["list", "--year", "{year}", "--format", "json"],
    "list-table": ["list", "--year", "{year}"],
    "export-csv": ["export"],
    "stats": ["stats", "--format", "json"],
}


def _run(command: list[str], cpus: str | None) -> tuple[float, float, bytes]:
    """Wall time, peak memory (PSS summed over the process tree, as load.py measures it), and stdout."""
    load.CPUS = cpus
    result = load.run(command[3] if command[1] == "-m" else "floor", command)
    if not result.ok:
        raise RuntimeError(result.failure())
    return result.seconds, result.peak_rss_mb, result.stdout.encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a database built by `awards load`")
    parser.add_argument("--data", type=Path, required=True, help="the data it was built from")
    parser.add_argument("--year", type=int, default=2010)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cpus", help="pin both sides to these CPUs (taskset -c), e.g. 0")
    parser.add_argument("--only", action="append", choices=sorted(COMMANDS), help="measure only this command")
    args = parser.parse_args(argv)
    awards = [sys.executable, "-m", "lasttrain_awards", "--data", str(args.data), "--db", str(args.db), "--no-build"]
    for name in args.only or COMMANDS:
        ours = [*awards, *(part.format(year=args.year) for part in COMMANDS[name])]
        floor = [sys.executable, "-c", FLOOR, str(args.db), name, str(args.year)]
        times: dict[str, list[float]] = {"awards": [], "floor": []}
        peaks: dict[str, float] = {"awards": 0.0, "floor": 0.0}
        outputs: dict[str, bytes] = {}
        for _ in range(args.repeat):  # interleaved: a change in the machine's load affects both alike
            for side, command in (("awards", ours), ("floor", floor)):
                elapsed, peak, out = _run(command, args.cpus)
                times[side].append(elapsed)
                peaks[side] = max(peaks[side], peak)
                outputs[side] = out
        awards_s, floor_s = statistics.median(times["awards"]), statistics.median(times["floor"])
        same = (
            outputs["awards"].count(b"\n") > 0
            if name == "list-table"
            else outputs["awards"].replace(b"\r\n", b"\n") == outputs["floor"].replace(b"\r\n", b"\n")
        )
        line = {
            "command": name,
            "awards_s": round(awards_s, 3),
            "floor_s": round(floor_s, 3),
            "ratio": round(awards_s / floor_s, 2),
            "same": same,
            "awards_peak_rss_mb": round(peaks["awards"], 1),
            "floor_peak_rss_mb": round(peaks["floor"], 1),
            "bytes": len(outputs["awards"]),
            "cpus": args.cpus or "all",
            "repeat": args.repeat,
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
