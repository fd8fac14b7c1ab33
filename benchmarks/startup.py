"""Start-up of `awards list --year 2010` from two checkouts, interleaved, in one run.

    python benchmarks/startup.py BEFORE_TREE AFTER_TREE [--repeat 50] [--cpus 0]

Each tree (a checkout or a `git worktree` of another commit) runs from its own source through this
interpreter (PYTHONPATH), on its own bundled data, with a database built first and `--no-build`, so
only start-up and the year's listing are timed. Runs alternate between the trees; the medians and
their ratio (after / before) are printed as one JSON line. Both trees must import with the packages
of this environment.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _command(tree: Path, db: Path, cpus: str | None) -> tuple[list[str], dict[str, str]]:
    env = os.environ | {"PYTHONPATH": str(tree)}
    base = [sys.executable, "-m", "lasttrain_awards", "--data", str(tree / "data"), "--db", str(db)]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "lasttrain_awards")], check=True)
    subprocess.run([*base, "load"], env=env, check=True, capture_output=True)
    command = [*base, "--no-build", "list", "--year", "2010"]
    return (["taskset", "-c", cpus, *command] if cpus else command), env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--cpus", help="pin both to these CPUs (taskset -c), e.g. 0 for one CPU")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        runs = {
            name: _command(tree.resolve(), Path(work) / f"{name}.sqlite", args.cpus)
            for name, tree in (("before", args.before), ("after", args.after))
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for command, env in runs.values():  # one warm-up run each
            subprocess.run(command, env=env, capture_output=True, check=True)
        for _ in range(args.repeat):
            for name, (command, env) in runs.items():
                start = time.perf_counter()
                subprocess.run(command, env=env, capture_output=True, check=True)
                times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(
        json.dumps(
            {
                "before_s": round(medians["before"], 4),
                "after_s": round(medians["after"], 4),
                "ratio": round(medians["after"] / medians["before"], 3),
                "repeat": args.repeat,
                "cpus": args.cpus or "all",
            }
        )
    )


if __name__ == "__main__":
    main()
