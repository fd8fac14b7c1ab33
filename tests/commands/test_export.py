"""The press-kit export through the command line: columns, Excel's BOM, formula neutralising, the file it
writes, the formats alike (tests/unit/test_rendering.py: the writers themselves)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lasttrain_awards.output.views import COLUMNS
from tests.builders import DATA, bundled_records, sqlite_engine


def _poison(data_dir: Path) -> None:
    """Give one record hostile text in every exported field it has, and Chinese and accents elsewhere."""
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "=1+1"
    records[0]["recipients"] = [{"name": "@Lixin Fan"}, {"name": "-归途列车"}]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def test_export_csv_snapshot(awards, file_regression) -> None:
    result = awards("export")
    assert result.exit_code == 0
    file_regression.check(result.stdout_bytes, binary=True, extension=".csv")


def test_export_columns_and_rows(awards) -> None:
    rows = list(csv.reader(io.StringIO(awards("export").stdout)))
    assert tuple(rows[0]) == COLUMNS
    listed = json.loads(awards("list", "--format", "json").stdout)
    assert len(rows) - 1 == len(listed)


def test_export_json_holds_every_accolade_with_its_sources(awards) -> None:
    rows = json.loads(awards("export", "--format", "json").stdout)
    assert len(rows) == sum(r.get("status", "active") == "active" for r in bundled_records())
    by_id = {r["id"]: r for r in rows}
    idfa = by_id["idfa-2009-best-feature-length-documentary"]
    assert (idfa["year"], idfa["edition"], idfa["result"]) == (2009, 22, "won")
    idfa_record = next(r for r in bundled_records() if r["id"] == "idfa-2009-best-feature-length-documentary")
    assert idfa["sources"] == [c["source"] for c in idfa_record["claims"]]
    assert by_id["dga-2010-documentary"]["result"] == "nominated"
    assert by_id["sundance-2010-official-selection"]["result"] == "selected"


def test_excel_export_has_a_bom_and_keeps_accents_and_chinese(awards, data_dir: Path, tmp_path: Path) -> None:
    _poison(data_dir)
    target = tmp_path / "kit.csv"
    result = awards("export", "--excel", "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Rencontres internationales du documentaire de Montréal" in text
    assert "归途列车" in text


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_no_exported_cell_starts_a_formula(awards, data_dir: Path, fmt: str) -> None:
    _poison(data_dir)
    out = awards("export", "--format", fmt).stdout
    if fmt == "csv":
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    elif fmt == "json":
        cells = [v for r in json.loads(out) for v in r.values() if isinstance(v, str)]
        cells += [v for r in json.loads(out) for v in r["recipients"]]
    else:
        cells = [c.strip() for line in out.splitlines() for c in line.strip("|").split("|")]
    assert ("\\=1+1" if fmt == "markdown" else "'=1+1") in cells  # Markdown escapes it its own way
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@") and not set(c) <= {"-", ":"}]


def test_raw_export_keeps_values(awards, data_dir: Path) -> None:
    _poison(data_dir)
    rows = list(csv.reader(io.StringIO(awards("export", "--raw").stdout)))
    assert any(r[2] == "=1+1" for r in rows)


def test_export_to_stdout_with_a_dash(awards, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = awards("export", "-o", "-")
    assert result.stdout.startswith("Year,Event") and not (tmp_path / "-").exists()


def test_export_into_a_missing_folder_names_the_folder(awards, tmp_path: Path) -> None:
    result = awards("export", "-o", str(tmp_path / "nope" / "kit.csv"))
    assert result.exit_code == 1 and str(tmp_path / "nope") in result.output


def test_exported_file_has_ordinary_permissions(awards, tmp_path: Path) -> None:
    import os

    target = tmp_path / "kit.csv"
    awards("export", "-o", str(target))
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    awards("export", "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("command", ["list", "export"])
def test_json_is_what_the_standard_library_writes(awards, command: str) -> None:
    """The streamed JSON (orjson, a chunk at a time) is byte for byte what json.dumps writes."""
    text = awards(command, "--format", "json").stdout
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_csv_is_written_in_chunks(awards, db_path: Path, monkeypatch) -> None:
    from lasttrain_awards.database.queries import iter_awards
    from lasttrain_awards.output import views as export
    from lasttrain_awards.output import writers as rendering

    awards("load")
    monkeypatch.setattr(rendering, "CHUNK_ROWS", 5)
    chunks = list(export.export_chunks(iter_awards(sqlite_engine(db_path)), "csv"))
    assert len(chunks) == len(bundled_records()) // 5 + 1
    assert "".join(chunks).encode() == awards("export").stdout_bytes


def test_ndjson_is_the_json_array_one_record_per_line(awards) -> None:
    for command in (["list"], ["export"]):
        array = json.loads(awards(*command, "--format", "json").stdout)
        lines = awards(*command, "--format", "ndjson").stdout.splitlines()
        assert [json.loads(line) for line in lines] == array and len(lines) > 20


def test_tsv_has_one_line_per_row_and_no_quoting(awards, data_dir: Path) -> None:
    """One line per record, no quoting, formulas inert. (The schemas allow no tab or line break in a
    value; tsv_cell would make one a space: tested below.)"""
    path = data_dir / "awards" / "idfa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "=HYPERLINK(1) and a tab"
    path.write_text(json.dumps(records), encoding="utf-8")
    for command in (["list", "--year", "2009"], ["export", "--year", "2009"]):
        result = awards(*command, "--format", "tsv")
        assert result.exit_code == 0, result.output
        csv_rows = awards(*command, "--format", "csv").stdout_bytes.decode().count("\r\n")
        lines = result.stdout.splitlines()
        assert len(lines) == csv_rows  # header and one line per record
        assert all(line.count("\t") == lines[0].count("\t") for line in lines)
        assert "'=HYPERLINK(1) and a tab" in result.stdout and '"' not in lines[0]


@pytest.mark.parametrize("filters", [(), ("--result", "won"), ("--year", "2010")])
def test_citations_are_the_sources_the_selection_cites(awards, filters: tuple[str, ...]) -> None:
    rows = json.loads(awards("export", "--format", "json", *filters).stdout)
    cited = sorted({source for row in rows for source in row["sources"]})
    items = json.loads(awards("export", "--format", "csljson", *filters).stdout)
    assert [item["id"] for item in items] == cited  # each once, in id order
    records = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (DATA / "sources").glob("*.json")}
    for item in items:
        record = records[item["id"]]
        assert item["title"] == record["title"] and item.get("URL") == record.get("url")


def test_bibtex_of_the_wins_snapshot(awards, file_regression) -> None:
    result = awards("export", "--format", "bibtex", "--result", "won")
    assert result.exit_code == 0
    file_regression.check(result.stdout, extension=".bib")


@pytest.mark.parametrize("option", ["--raw", "--urls", "--excel"])
def test_citation_formats_refuse_the_table_options(awards, option: str) -> None:
    result = awards("export", "--format", "csljson", option)
    assert result.exit_code == 2 and option in result.output
