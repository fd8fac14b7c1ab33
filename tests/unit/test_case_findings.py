"""Example-driven validation, through the library.

Each folder under tests/cases/ holds a `case.json` and a `data/` overlay applied to
a copy of the real dataset. Invalid cases list the findings they must produce
(rule, file, JSON path, line, a piece of the message), which the bundled data alone
must not produce; valid cases must validate (with the warnings they list) and load.
Worker processes must find exactly what one process finds. "today" is pinned: by
`case.json`, else to TODAY. (tests/commands/test_cases.py runs the invalid cases
through the command line.)
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lasttrain_awards.database.loader import load
from lasttrain_awards.findings import Finding, Report
from lasttrain_awards.validation.rules import RULES, Context, select_rules
from lasttrain_awards.validation.scanner import scan, validate
from tests.builders import DATA, TODAY, apply_case, case_dirs, sqlite_engine

INVALID = case_dirs("invalid")
VALID = case_dirs("valid")


def _matches(finding: Finding, expected: dict[str, object]) -> bool:
    for key in ("rule", "file", "path", "line", "column", "severity"):
        if key in expected and str(getattr(finding, key)) != str(expected[key]):
            return False
    return str(expected.get("message", "")) in finding.message


def _validate(data_dir: Path, spec: dict[str, Any]) -> tuple[Any, Report]:
    today = date.fromisoformat(str(spec.get("today", TODAY)))
    dataset, report = validate(data_dir, Context(today=today), select_rules())
    return dataset, report.strict() if spec.get("strict") else report


@functools.cache
def _pristine(today: str, strict: bool) -> tuple[Finding, ...]:
    """What the bundled data itself gives on that day (validated once per day and strictness, not once a case)."""
    return tuple(_validate(DATA, {"today": today, "strict": strict})[1].findings)


def _overlaid(case: Path) -> set[str]:
    overlay = case / "data"
    return {p.relative_to(overlay).as_posix() for p in overlay.rglob("*")} if overlay.is_dir() else set()


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_is_reported(case: Path, data_dir: Path) -> None:
    pristine = _pristine(str(_spec(case).get("today", TODAY)), bool(_spec(case).get("strict")))
    spec = apply_case(case, data_dir)
    _, report = _validate(data_dir, spec)
    assert not report.ok
    for expected in spec["expect"]:  # the case, not the bundled data, causes what it expects
        assert not any(_matches(f, expected) for f in pristine), f"the bundled data already gives {expected}"
    for expected in spec["expect"]:
        assert any(_matches(f, expected) for f in report.findings), f"expected {expected}, got:\n" + "\n".join(
            map(str, report.findings)
        )


DATA_WARNINGS = ["result-unstated", "undated", "weak-evidence"]  # what the bundled data itself warns about


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case_validates_and_loads(case: Path, data_dir: Path, db_path: Path) -> None:
    spec = apply_case(case, data_dir)
    _, report = _validate(data_dir, spec)
    assert report.ok, "\n".join(map(str, report.errors))
    assert sorted({f.rule for f in report.warnings}) == sorted(spec.get("warning_rules", DATA_WARNINGS))
    # The rules a case exercises raise nothing about the files it adds.
    touched = _overlaid(case)
    quiet = [f for f in report.findings if f.rule in spec.get("exercises", []) and f.file in touched]
    assert not quiet, quiet
    load(sqlite_engine(db_path), data_dir)


def _spec(case: Path) -> dict[str, Any]:
    return json.loads((case / "case.json").read_text(encoding="utf-8"))


def test_every_rule_has_a_failing_and_a_passing_example() -> None:
    failing = {e["rule"] for c in INVALID for e in _spec(c)["expect"]}
    passing = {r for c in VALID for r in _spec(c).get("exercises", [])}
    # Opt-in rules have tests of their own: links (tests/commands/test_rules.py, against a local server),
    # wikidata-ids (tests/commands/test_wikidata.py).
    checked = set(RULES) - {"links", "wikidata-ids"}
    assert checked <= failing, f"rules without a failing example: {sorted(checked - failing)}"
    assert checked <= passing, f"rules without a passing example: {sorted(checked - passing)}"


@pytest.mark.slow
@pytest.mark.parametrize("case", [*INVALID, *VALID], ids=[c.name for c in [*INVALID, *VALID]])
def test_worker_processes_find_exactly_what_one_process_finds(case: Path, data_dir: Path) -> None:
    """Large datasets are read by worker processes; the findings, entries and fingerprint must not change."""
    spec = apply_case(case, data_dir)
    context = Context(today=date.fromisoformat(str(spec.get("today", TODAY))))
    alone = scan(data_dir, context, select_rules(), keep_awards=True, workers=1)
    helped = scan(data_dir, context, select_rules(), keep_awards=True, workers=2)
    assert helped.report.findings == alone.report.findings
    assert helped.dataset.awards == alone.dataset.awards
    assert helped.fingerprint == alone.fingerprint
