"""`awards export --format quickstatements`: statements only where the data holds the items, the rest listed
as skipped (tests/unit/test_quickstatements.py tests the statements from fictional rows)."""

from __future__ import annotations

from pathlib import Path

from tests.builders import CASES, apply_case


def test_bundled_data_quickstatements_snapshot(awards, data_regression) -> None:
    """The bundled data records no Wikidata id (no source gives one): nothing is stated, all is listed."""
    result = awards("export", "--format", "quickstatements")
    assert result.exit_code == 0, result.output
    reported = [line for line in result.stderr.splitlines() if not line.startswith("awards: ")]  # not the build notice
    data_regression.check({"statements": result.stdout.splitlines(), "stderr": reported})


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
