"""Example-driven validation tests.

Each folder under tests/cases/ holds a `case.json` and a `data/` overlay applied to
a copy of the real dataset. Invalid cases list the findings they must produce
(rule, file, JSON path or line, a piece of the message); for each, `awards
validate` and `awards load` exit 1 naming the file, with no traceback, and an
existing database stays byte-for-byte as it was. Valid cases must validate and load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lasttrain_awards.findings import Finding
from lasttrain_awards.validation import validate
from tests.conftest import apply_case, assert_clean_exit, case_dirs, checksum

INVALID = case_dirs("invalid")
VALID = case_dirs("valid")


def _matches(finding: Finding, expected: dict[str, object]) -> bool:
    for key in ("rule", "file", "path", "line", "column", "severity"):
        if key in expected and str(getattr(finding, key)) != str(expected[key]):
            return False
    return str(expected.get("message", "")) in finding.message


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_is_reported(case: Path, data_dir: Path) -> None:
    spec = apply_case(case, data_dir)
    _, report = validate(data_dir)
    assert not report.ok
    for expected in spec["expect"]:
        assert any(_matches(f, expected) for f in report.findings), f"expected {expected}, got:\n" + "\n".join(
            map(str, report.findings)
        )


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_fails_cleanly_and_keeps_the_database(case: Path, data_dir: Path, db_path: Path, awards) -> None:
    assert awards("load").exit_code == 0
    before = checksum(db_path)
    spec = apply_case(case, data_dir)
    for command in (["validate"], ["load"], ["list", "--year", "2010"]):
        result = awards(*command)
        assert_clean_exit(result, 1)
        for expected in spec["expect"]:
            assert str(expected["file"]) in result.output
    assert checksum(db_path) == before


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case_validates_and_loads(case: Path, data_dir: Path, awards) -> None:
    spec = apply_case(case, data_dir)
    _, report = validate(data_dir)
    assert report.ok, "\n".join(map(str, report.errors))
    assert sorted({f.rule for f in report.warnings}) == sorted(
        spec.get("warning_rules", ["result-unstated", "undated"])
    )
    assert awards("load").exit_code == 0
