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
db, command, year, film = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
out = sys.stdout
STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
def safe(v):
    return "'" + v if v.startswith(STARTS) else v
events = {r[0]: r[1:] for r in con.execute("SELECT id, name, city, country, name_in_sentence FROM events")}
sources = {r[0]: (r[1], r[2]) for r in con.execute("SELECT id, publisher, url FROM sources")}
films = dict(con.execute("SELECT id, title FROM films"))
def publishers(cited):
    return list(dict.fromkeys(sources[s][0] for s in orjson.loads(cited)))
COLS = ("id, year, date, edition, event_id, category, result, section, status, notes, pending, highlight, "
        "cited_sources, recipient_names, result_stated, shared_with, inferred, film_id, result_kinds")
def marked(value, field, inferred):
    if value is None:
        return ""
    return f"{value} (inferred)" if inferred != "{}" and field in orjson.loads(inferred) else str(value)
def several_films(where):
    # the Film column comes first whenever the selection spans more than one film
    if len(films) < 2:
        return False
    query = f"SELECT film_id FROM awards {where} GROUP BY film_id LIMIT 2"
    return len(con.execute(query, (year,) if "?" in where else ()).fetchall()) > 1
def result_text(result, stated, shared):
    notes = ([f"shared with {' and '.join(orjson.loads(shared))}"] if shared != "[]" else []) + (
        [] if stated else ["award laurel; no source states the result"])
    return f"{result} ({'; '.join(notes)})" if notes else result
def rows(where):
    yield from con.execute(f"SELECT {COLS} FROM awards {where} ORDER BY list_key", (year,) if "?" in where else ())
LABELS = {"won": "Won", "nominated": "Nominated", "selected": "Official selection",
          "special-mention": "Special mention"}
YEAR_WHERE = "WHERE year = ? AND status = 'active'"
if command == "list-csv":
    w = csv.writer(out)
    film = several_films(YEAR_WHERE)
    w.writerow(["Film"] * film + ["Year", "Date", "Event", "Category", "Result", "Sources"])
    for r in rows(YEAR_WHERE):
        w.writerow([safe(x) for x in [films[r[17]]] * film + [marked(r[1], "year", r[16]), marked(r[2], "date", r[16]),
                    events[r[4]][0], r[5], result_text(r[6], r[14], r[15]), "; ".join(publishers(r[12]))]])
elif command == "export-csv":
    w = csv.writer(out)
    film = several_films("WHERE status = 'active'")
    w.writerow(["Film"] * film + ["Year", "Event", "Category", "Result", "Recipients", "City", "Country", "Sources"])
    for r in rows("WHERE status = 'active'"):
        name, city, country = events[r[4]][:3]
        label = "Selected" if r[6] == "selected" and r[5].casefold() != "official selection" else LABELS[r[6]]
        w.writerow([safe(x) for x in [films[r[17]]] * film + [marked(r[1], "year", r[16]), name, r[5],
                    result_text(label, r[14], r[15]), "; ".join(orjson.loads(r[13])), city or "",
                    country or "", "; ".join(publishers(r[12]))]])
elif command == "list-json":
    first = True
    out.write("[")
    for r in rows(YEAR_WHERE):
        name, city, country = events[r[4]][:3]
        cited = orjson.loads(r[12])
        record = {"id": r[0], "year": r[1], "date": r[2], "edition": r[3], "event": name, "event_id": r[4],
                  "category": r[5], "result": r[6], "section": r[7], "status": r[8],
                  "recipients": orjson.loads(r[13]), "city": city, "country": country, "sources": cited,
                  "notes": r[9], "pending": bool(r[10]), "result_stated": bool(r[14]),
                  "shared_with": orjson.loads(r[15]), "source_urls": [sources[s][1] for s in cited],
                  "inferred": orjson.loads(r[16]), "film_id": r[17], "film": films[r[17]]}
        item = orjson.dumps(record, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n  ")
        out.write(("\n  " if first else ",\n  ") + item)
        first = False
    out.write("]\n" if first else "\n]\n")
elif command == "list-table":
    lines = []
    for r in rows(YEAR_WHERE):
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
    if several_films("WHERE status = 'active'"):
        result["by_film"] = dict(sorted(q("film_id"), key=lambda kv: (-kv[1], kv[0])))
    out.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode() + "\n")
elif command == "list-film-csv":  # one film's accolades: the (film_id, list_key) index hands them out in order
    w = csv.writer(out)
    w.writerow(["Year", "Date", "Event", "Category", "Result", "Sources"])
    one_film = f"SELECT {COLS} FROM awards WHERE film_id = ? AND status = 'active' ORDER BY list_key"
    for r in con.execute(one_film, (film,)):
        w.writerow([safe(x) for x in [marked(r[1], "year", r[16]), marked(r[2], "date", r[16]), events[r[4]][0], r[5],
                    result_text(r[6], r[14], r[15]), "; ".join(publishers(r[12]))]])
elif command == "summary-film":  # the sentence, from one film's active records in list order
    STATING = {"awarding-body", "press", "makers-or-funders"}
    def weak(r):  # a win only an encyclopedia, a blog and the like state: not counted by default
        kinds = orjson.loads(r[18])
        return bool(kinds) and STATING.isdisjoint(kinds)
    def in_sentence(r):  # the event as a sentence names it: its own words, else its name bare
        return events[r[4]][3] or events[r[4]][0]
    recs = [r for r in con.execute(f"SELECT {COLS} FROM awards WHERE film_id = ? AND status = 'active' "
                                   "ORDER BY list_key", (film,)) if r[6] != "won" or (r[14] and not weak(r))]
    def join(items):
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    def when(r):
        inferred = orjson.loads(r[16]) if r[16] != "{}" else {}
        return "" if r[1] is None else f" ({r[1]}, year inferred)" if "year" in inferred else f" ({r[1]})"
    def accolade(r):
        shared = orjson.loads(r[15])
        return f"{r[5]} at {in_sentence(r)}{when(r)}" + (f", shared with {join(shared)}" if shared else "")
    def places(group):
        return join([f"{in_sentence(r)}{when(r)}" for r in group])
    by = {k: [r for r in recs if r[6] == k] for k in ("won", "nominated", "special-mention", "selected")}
    parts = []
    if by["won"]:
        part = f"Winner of {len(by['won'])} award{'s' if len(by['won']) != 1 else ''}"
        named = [r for r in by["won"] if r[11]]
        parts.append(part + (", including " + join([accolade(r) for r in named]) if named else ""))
    if by["nominated"]:
        named = [r for r in by["nominated"] if r[11]] or by["nominated"]
        extra = f" ({len(by['nominated'])} nominations in all)" if len(named) < len(by["nominated"]) else ""
        parts.append("nominated for " + join([accolade(r) for r in named]) + extra)
    if by["special-mention"]:
        mentions = by["special-mention"]
        parts.append(f"special mention{'s' if len(mentions) > 1 else ''} at {places(mentions)}")
    official = [r for r in by["selected"] if r[5].casefold() == "official selection"]
    if official:
        parts.append(f"official selection at {places(official)}")
    groups = {}
    for r in by["selected"]:
        if r[5].casefold() != "official selection":
            groups.setdefault(r[5], []).append(r)
    for category, group in groups.items():
        plural = "s" if len(group) > 1 and category[-1:].isalpha() else ""
        parts.append(f"{category[:1].lower()}{category[1:]}{plural} at {places(group)}")
    sentence = "; ".join(parts)
    out.write((sentence[0].upper() + sentence[1:] + "." if parts else "No accolades recorded.") + "\n")
elif command == "films-csv":  # one GROUP BY
    counts = {}
    for film_id, result, n in con.execute("SELECT film_id, result, count(*) FROM awards WHERE status = 'active' "
                                          "GROUP BY film_id, result"):
        counts.setdefault(film_id, {})[result] = n
    w = csv.writer(out)
    order = ("won", "nominated", "selected", "special-mention")
    w.writerow(["Film", "Id", "Year", "Won", "Nominated", "Selected", "Special mention", "Accolades"])
    for film_id, title, year_ in con.execute("SELECT id, title, year FROM films ORDER BY id"):
        c = counts.get(film_id, {})
        w.writerow([safe(title), film_id, year_, *(c.get(r, 0) for r in order), sum(c.values())])
elif command == "events-csv":  # one GROUP BY, and the editions the records give
    editions = {}
    for event_id, y, edition in con.execute("SELECT event_id, year, edition FROM awards WHERE status = 'active' "
                                            "AND edition IS NOT NULL GROUP BY event_id, year, edition"):
        editions.setdefault((event_id, y), []).append(edition)
    found = con.execute("SELECT event_id, year, count(*), count(DISTINCT film_id) FROM awards WHERE status = 'active' "
                        "GROUP BY event_id, year").fetchall()
    found.sort(key=lambda e: (events[e[0]][0], e[0], e[1] is None, e[1] or 0))
    w = csv.writer(out)
    w.writerow(["Event", "Year", "Edition", "Accolades", "Films", "City", "Country"])
    for event_id, y, n, n_films in found:
        name, city, country = events[event_id][:3]
        w.writerow([safe(name), "" if y is None else y, "; ".join(map(str, sorted(editions.get((event_id, y), [])))),
                    n, n_films, safe(city or ""), country or ""])
"""

COMMANDS = {
    "list-csv": ["list", "--year", "{year}", "--format", "csv"],
    "list-json": ["list", "--year", "{year}", "--format", "json"],
    "list-table": ["list", "--year", "{year}"],
    "export-csv": ["export"],
    "stats": ["stats", "--format", "json"],
    "list-film-csv": ["list", "--film", "{film}", "--format", "csv"],
    "summary-film": ["summary", "--film", "{film}"],
    "films-csv": ["films", "--format", "csv"],
    "events-csv": ["events", "--format", "csv"],
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
    parser.add_argument("--film", default="film-0500", help="the film of the per-film commands (an id)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cpus", help="pin both sides to these CPUs (taskset -c), e.g. 0")
    parser.add_argument("--only", action="append", choices=sorted(COMMANDS), help="measure only this command")
    args = parser.parse_args(argv)
    awards = [sys.executable, "-m", "lasttrain_awards", "--data", str(args.data), "--db", str(args.db), "--no-build"]
    for name in args.only or COMMANDS:
        ours = [*awards, *(part.format(year=args.year, film=args.film) for part in COMMANDS[name])]
        floor = [sys.executable, "-c", FLOOR, str(args.db), name, str(args.year), args.film]
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
