"""`awards export --format quickstatements`: statements only where the data holds the items, the rest listed
as skipped (tests/unit/test_quickstatements.py tests the statements from fictional rows)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.builders import CASES, apply_case
from tests.conftest import assert_clean_exit


def test_bundled_data_quickstatements_snapshot(awards, data_regression, tmp_path: Path) -> None:
    """The bundled data records no Wikidata id (no source gives one): nothing is stated, all is listed, and
    the export says so and exits 1, writing nothing, unless --allow-empty."""
    target = tmp_path / "statements.tsv"
    result = awards("export", "--format", "quickstatements", "-o", str(target))
    assert_clean_exit(result, 1)
    assert "no statement to write" in result.stderr and "--rule wikidata-ids" in result.stderr
    assert not target.exists()
    reported = [line for line in result.stderr.splitlines() if not line.startswith("awards: ")]  # not the build notice
    data_regression.check({"statements": result.stdout.splitlines(), "stderr": reported})
    allowed = awards("export", "--format", "quickstatements", "--allow-empty", "-o", str(target))
    assert allowed.exit_code == 0 and target.read_text(encoding="utf-8") == ""


def test_the_opt_in_rule_lists_the_ids_to_add(awards, data_dir: Path) -> None:
    films = len(list((data_dir / "films").glob("*.json")))
    events = len(list((data_dir / "events").glob("*.json")))
    records = [r for p in (data_dir / "awards").glob("*.json") for r in json.loads(p.read_text("utf-8"))]
    prizes = sum(
        r["result"] in ("won", "nominated") and any(c.get("result") == r["result"] for c in r["claims"])
        for r in records
    )
    plain = awards("validate")
    assert "[wikidata-ids]" not in plain.output  # opt-in: not run unless asked
    found = awards("validate", "--rule", "wikidata-ids")
    assert found.exit_code == 0, found.output  # warnings only
    assert found.output.count("[wikidata-ids]") == films + events + prizes
    apply_case(CASES / "valid" / "wikidata-ids", data_dir)
    fewer = awards("validate", "--rule", "wikidata-ids").output
    assert "no Wikidata id for the film 'last-train-home'" not in fewer
    assert "no Wikidata id for the prize of 'idfa-2009-best-feature-length-documentary'" not in fewer
    assert fewer.count("[wikidata-ids]") < found.output.count("[wikidata-ids]")


def test_quickstatements_with_ids_snapshot(awards, data_dir: Path, file_regression) -> None:
    apply_case(CASES / "valid" / "wikidata-ids", data_dir)
    result = awards("export", "--format", "quickstatements")
    assert result.exit_code == 0, result.output
    file_regression.check(result.stdout, extension=".tsv")
    assert "skipped sundance-2010-official-selection: a selected accolade has no Wikidata property" in result.stderr
    assert "skipped idfa-2009-best-feature-length-documentary" not in result.stderr


def test_quickstatements_writes_a_file_and_still_lists_skips(awards, data_dir: Path, tmp_path: Path) -> None:
    apply_case(CASES / "valid" / "wikidata-ids", data_dir)
    target = tmp_path / "statements.tsv"
    result = awards("export", "--format", "quickstatements", "--event", "dga", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("Q900000001\tP1411\tQ900000004\t")
    assert "0 accolade(s) skipped" in result.stderr
