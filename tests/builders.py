"""What the tests build, in one place: a private copy of the dataset (plain, or with a case laid over it), an
engine for a SQLite file (empty, or loaded), award rows with sensible defaults, and the fictional rows,
sources and strings that several test modules share. Test modules import from here (and from
tests/conftest.py), never from one another. Nothing here reads a file or builds a database at import."""

from __future__ import annotations

import json
import os
import pickle
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import Engine

from lasttrain_awards.cli import cli
from lasttrain_awards.database.engine import make_engine
from lasttrain_awards.database.loader import load
from lasttrain_awards.database.queries import AwardRow, FilmStatement, SourceRef
from lasttrain_awards.paths import sqlite_url

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = REPO.parent / "shared" / "seeds"
TODAY = "2026-12-06"  # "today" for every time-aware check in the tests, so they do not age


# --- datasets ---------------------------------------------------------------------------------------


def copy_dataset(target: Path, source: Path = DATA) -> Path:
    """A copy of the bundled dataset (or of `source`) at `target`, which must not exist yet: a test may change it."""
    shutil.copytree(source, target)
    return target


def apply_case(case: Path, data_dir: Path) -> dict[str, Any]:
    """Overlay a case's data/ onto a copy of the dataset; remove what it lists. Returns case.json."""
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for name in spec.get("remove", []):
        (data_dir / name).unlink()
    overlay = case / "data"
    if overlay.is_dir():
        for path in sorted(overlay.rglob("*")):
            if path.is_file() or path.is_symlink():
                target = data_dir / path.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target, follow_symlinks=False)
    return spec


def case_dirs(kind: str) -> list[Path]:
    """The cases of tests/cases/<kind>/ (invalid, valid), by name."""
    return sorted(p for p in (CASES / kind).iterdir() if (p / "case.json").is_file())


def write_samples(data_dir: Path, samples: dict[str, Any]) -> None:
    """Put sample strings into the APSA record of a dataset copy (category, recipients, notes)."""
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = samples["category"]
    records[0]["recipients"] = [{"name": n} for n in samples["recipients"]]
    records[0]["notes"] = samples["notes"]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def bundled_records() -> list[dict[str, Any]]:
    """Every award record of the bundled dataset, read from its files: tests count from the data, never
    from a number written down (which would go stale with the next accolade)."""
    records: list[dict[str, Any]] = []
    for path in sorted((DATA / "awards").glob("*.json")):
        records += json.loads(path.read_text(encoding="utf-8"))
    return records


def stated_wins(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Active wins that some claim states (what the summary and the press kit count)."""
    return [
        r
        for r in records
        if r["result"] == "won"
        and r.get("status", "active") == "active"
        and any(c.get("result") == "won" for c in r["claims"])
    ]


# --- engines ----------------------------------------------------------------------------------------


def sqlite_engine(path: Path) -> Engine:
    """An engine for a SQLite file (made as the commands make theirs); the file need not exist yet."""
    return make_engine(sqlite_url(path))


def loaded_engine(path: Path, data: Path = DATA) -> Engine:
    """An engine for a SQLite file with `data` (the bundled dataset, which a load only reads) loaded into it."""
    engine = sqlite_engine(path)
    load(engine, data)
    return engine


# --- rows -------------------------------------------------------------------------------------------


def award_row(
    id: str = "festival-2010",
    year: int | None = 2010,
    event: str = "Festival",
    category: str = "Best Film",
    result: str = "won",
    **fields: Any,
) -> AwardRow:
    """An accolade as the commands list it, with a default for every field not given: active, undated, with no
    place or recipient, cited to Wikipedia, its event id the record id without its last part ("idfa-2009": "idfa")."""
    defaults: dict[str, Any] = {
        "date": None,
        "edition": None,
        "event_id": id.rsplit("-", 1)[0],
        "section": None,
        "status": "active",
        "recipients": [],
        "city": None,
        "country": None,
        "sources": ["wikipedia"],
        "source_names": ["Wikipedia"],
    }
    fields = defaults | fields
    fields.setdefault("source_urls", [None] * len(fields["sources"]))
    return AwardRow(id=id, year=year, event=event, category=category, result=result, **fields)


def film_statement(fact: str, value: object, source: str, qualifier: str | None = None) -> FilmStatement:
    """One source's statement of a fact about a fictional film, its wording made up from the value."""
    return FilmStatement(fact, value, source, f"{source} says {value}", qualifier)


# The press kit's fictional accolades: hostile, long and non-Latin text, in list order (year, date, event),
# not the kit's order, which the page must regroup. The page, laurel and browser tests share them.
KIT_TITLE = "Last Train Home (归途列车)"
HOSTILE_EVENT = 'Festival "Q&A" <script>alert(1)</script>'
HOSTILE_CATEGORY = "Prix d'honneur & <b>jury</b> `code` *bold* _u_ [x](y) | pipe"
LONG_CATEGORY = ("Grand Jury Prize for Outstanding Achievement in Documentary Filmmaking " * 3)[:200]
KIT_ROWS = [
    award_row(
        "sundance-2010",
        2010,
        "Sundance Film Festival",
        "Official Selection",
        "selected",
        event_in_sentence="the Sundance Film Festival",
    ),
    award_row(
        "dga-2010",
        2010,
        "Directors Guild of America Awards",
        "Documentary Prize",
        "nominated",
        event_in_sentence="the Directors Guild of America Awards",
        date="2011-01-29",
        edition=63,
        recipients=["Lixin Fan"],
        country="US",
        sources=["wikipedia", "current"],
        source_names=["Wikipedia", "Current"],
    ),
    award_row("hostile-2010", 2010, HOSTILE_EVENT, HOSTILE_CATEGORY, "special-mention", sources=["hostile"]),
    award_row(
        "idfa-2009",
        2009,
        "International Documentary Film Festival Amsterdam",
        "Best Feature Length Documentary",
        "won",
        edition=22,
        city="Amsterdam",
        country="NL",
        event_in_sentence="the International Documentary Film Festival Amsterdam",
        sources=["wikipedia", "itvs"],
        source_names=["Wikipedia", "ITVS"],
        highlight=True,
    ),
    award_row(
        "cjk-2010", 2010, "归途列车 Festival", "最佳纪录片", "won", sources=["unknown-source"], source_names=["Nowhere"]
    ),
    award_row(
        "long-2012", 2012, "Whistler Film Festival", LONG_CATEGORY, "won", sources=["itvs"], source_names=["ITVS"]
    ),
    award_row("laapff-undated", None, "Los Angeles Asian Pacific Film Festival", "Best Cinematography", "won"),
]
KIT_SOURCES = {
    s.id: s
    for s in [
        SourceRef("wikipedia", "Last Train Home (film)", "Wikipedia", None, "2026-11-22"),
        SourceRef("itvs", "Last Train Home (POV)", "ITVS", "https://www.pbs.org/pov/lasttrainhome/?a=1&b=2", None),
        SourceRef("current", "Director of Last Train Home on POV", "Current", "http://current.org/x", None),
        SourceRef("hostile", 'The "<script>" & source', "Evil & Co", "javascript:alert(1)", None),
    ]
}


# --- files checked against the schemas check-jsonschema bundles ----------------------------------------


def check_schema(builtin: str, path: Path) -> None:
    """Validate a file against one of the schemas check-jsonschema bundles (vendor.*): offline."""
    run = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


# --- running as a normal user: permissions tested as root would read everything ---------------------


def give_to_user(folder: Path) -> None:
    """Hand a folder to the normal user the tests run as (`nobody`, when we are root)."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)


_WARM: list[bool] = []


def _warm_up() -> None:
    """Run every command once as we are, on a throwaway copy: the modules they import lazily are then
    loaded before a child drops to `nobody`, who may not read the interpreter's own library folder."""
    if _WARM:
        return
    folder = Path(tempfile.mkdtemp(prefix="awards-warm-"))
    try:
        copy_dataset(folder / "data")
        base = ["--data", str(folder / "data"), "--db", sqlite_url(folder / "a.sqlite")]
        for command in (["validate"], ["load"], ["list"], ["export", "-o", str(folder / "k.csv")]):
            CliRunner().invoke(cli, [*base, *command])
        CliRunner().invoke(cli, [*base, "presskit", "--no-png", "-o", str(folder / "kit")])
    finally:
        shutil.rmtree(folder)
    _WARM.append(True)


def as_user(args: list[str]) -> tuple[int, str]:
    """Run the CLI as a normal user; return its exit status and everything it printed.

    As root the command runs in a forked child that drops to `nobody` first (no new interpreter:
    the test's venv may sit in a folder only root can enter).
    """

    def run() -> tuple[int, str]:
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        return result.exit_code, result.output

    if os.geteuid() != 0:
        return run()
    _warm_up()
    nobody = pwd.getpwnam("nobody")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, send the outcome back, and leave without cleanup
        payload: Any
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            payload = ("ok", run())
        except BaseException as exc:
            payload = ("error", repr(exc))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(payload))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        outcome = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    assert outcome[0] == "ok", outcome[1]
    return outcome[1]  # type: ignore[no-any-return]


def subset_script() -> Any:
    """scripts/subset_fonts.py as a module (a maintainer's script, not in the wheel), when this
    fontTools is the one that made the bundled subsets (fonts/README.md names it); else the test skips,
    since another fontTools may write other bytes."""
    import importlib.util
    import re

    import fontTools
    import pytest

    readme = REPO / "lasttrain_awards" / "presskit" / "fonts" / "README.md"
    made_with = re.search(r"made\s+with fontTools (\S+)\)", readme.read_text(encoding="utf-8"))
    if made_with is None or made_with.group(1) != fontTools.version:
        pytest.skip(f"the subsets were made with another fontTools than {fontTools.version}")
    spec = importlib.util.spec_from_file_location("subset_fonts", REPO / "scripts" / "subset_fonts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
