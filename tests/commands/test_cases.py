"""Example-driven validation, through the command line.

Each folder under tests/cases/invalid/ holds a `case.json` and a `data/` overlay applied to
a copy of the real dataset, and lists the findings it must produce (tests/unit/test_case_findings.py
checks them, and the valid cases). For each, `awards validate` exits 1 naming the file, with no
traceback, and so do `load` and `list` unless the case is only time-aware (`"load_fails": false`),
and an existing database stays byte-for-byte as it was. "today" is pinned: by `case.json`, else to TODAY.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import TODAY, apply_case, case_dirs
from tests.conftest import assert_clean_exit, checksum

INVALID = case_dirs("invalid")


@pytest.mark.slow
@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_fails_cleanly_and_keeps_the_database(case: Path, data_dir: Path, db_path: Path, awards) -> None:
    assert awards("load").exit_code == 0
    before = checksum(db_path)
    spec = apply_case(case, data_dir)
    commands = [["validate", "--today", str(spec.get("today", TODAY)), *(["--strict"] if spec.get("strict") else [])]]
    if spec.get("load_fails", True):
        commands += [["load"], ["list", "--year", "2010"]]
    for command in commands:
        result = awards(*command)
        assert_clean_exit(result, 1)
        for expected in spec["expect"]:
            assert str(expected["file"]) in result.output
    assert checksum(db_path) == before
