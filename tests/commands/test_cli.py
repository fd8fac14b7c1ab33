"""The `awards` commands through Click's CliRunner, on a private copy of the data and database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lasttrain_awards import __version__
from lasttrain_awards.cli import cli
from tests.builders import TODAY, bundled_records
from tests.conftest import assert_clean_exit, checksum


def _json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_version_and_help(awards) -> None:
    assert awards("--version").output.strip().endswith(__version__)
    for command in cli.commands:
        result = awards(command, "-h")
        assert result.exit_code == 0 and "Usage:" in result.output, command


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--year", "twenty"],
        ["list", "--result", "winner"],
        ["list", "--format", "xml"],
        ["nope"],
        ["export", "--format", "table"],
        ["validate", "--format", "csv"],
    ],
)
def test_usage_errors_exit_2(awards, args) -> None:
    assert_clean_exit(awards(*args), 2)


def test_list_builds_the_database_once_and_says_so(awards, db_path: Path) -> None:
    first = awards("list", "--year", "2010")
    assert first.exit_code == 0 and db_path.exists()
    building, undated = first.stderr.splitlines()  # the build, and what --year could not judge
    assert "building the database" in building and "undated record(s) could not be judged" in undated
    second = awards("list", "--year", "2010")
    assert second.stderr == undated + "\n" and second.stdout == first.stdout


def test_list_rebuilds_when_the_data_changes(awards, data_dir: Path) -> None:
    awards("list")
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "Best Documentary Feature Film (renamed)"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = awards("list", "--event", "apsa", "--format", "json")
    assert "data changed: rebuilding" in result.stderr
    assert [r["category"] for r in json.loads(result.stdout)] == ["Best Documentary Feature Film (renamed)"]


def test_list_2010_shows_every_2010_accolade_with_its_sources(awards) -> None:
    rows = _json(awards("list", "--year", "2010", "--format", "json"))
    assert rows and all(r["year"] == 2010 for r in rows)
    events = {r["event_id"] for r in rows}
    assert {"sfiff", "riverrun", "sundance", "dga-awards", "golden-tomato-awards", "anasy-documentary-awards"} <= events
    assert "idfa" not in events and "genie-awards" not in events
    assert all(r["sources"] for r in rows)
    keys = {
        "id",
        "year",
        "date",
        "edition",
        "event",
        "event_id",
        "category",
        "result",
        "recipients",
        "city",
        "country",
        "sources",
    }
    assert all(keys <= set(r) for r in rows)


def test_list_is_ordered_by_year_date_event(awards) -> None:
    rows = _json(awards("list", "--status", "any", "--format", "json"))
    keys = [(r["year"] is None, r["year"] or 0, r["date"] is None, r["date"] or "", r["event"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[-1]["year"] is None  # undated last


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--since", "2011"], lambda r: r["year"] is not None and r["year"] >= 2011),
        (["--until", "2009"], lambda r: r["year"] is not None and r["year"] <= 2009),
        (["--year", "2009", "--year", "2012"], lambda r: r["year"] in (2009, 2012)),
        (["--result", "selected"], lambda r: r["result"] == "selected"),
        (["--country", "ca"], lambda r: r["country"] == "CA"),
        (["--undated"], lambda r: r["year"] is None),
        (["--event", "MONTREAL"], lambda r: r["event_id"] == "ridm"),
        (["--event", "SFFilm"], lambda r: r["event_id"] == "sfiff"),
        (["--event", "idfa"], lambda r: r["event_id"] == "idfa"),
    ],
)
def test_list_filters(awards, args, check) -> None:
    rows = _json(awards("list", *args, "--format", "json"))
    assert rows, args
    assert all(check(r) for r in rows), args


def test_filters_are_bound_parameters(awards) -> None:
    assert _json(awards("list", "--event", "x' OR 1=1 --", "--format", "json")) == []
    assert _json(awards("list", "--event", "%", "--format", "json")) == []
    assert len(_json(awards("list", "--format", "json"))) > 0


def test_undated_records_are_listed(awards) -> None:
    rows = _json(awards("list", "--undated", "--format", "json"))
    undated = {r["id"] for r in bundled_records() if "year" not in r}
    assert undated, "the bundled data should hold undated records"
    assert {r["id"] for r in rows} == undated


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_list_formats(awards, fmt) -> None:
    result = awards("list", "--year", "2009", "--format", fmt, env={"COLUMNS": "300"})  # no cell wraps
    assert result.exit_code == 0
    assert "International Documentary Film" in result.stdout
    if fmt == "markdown":
        assert result.stdout.splitlines()[1].startswith("|--")


def test_stats_agree_with_the_export(awards) -> None:
    counts = _json(awards("stats", "--format", "json"))
    rows = _json(awards("export", "--format", "json"))
    assert counts["total"] == len(rows)
    for result, n in counts["by_result"].items():
        assert n == sum(r["result"] == result for r in rows)
    for year, n in counts["by_year"].items():
        assert n == sum(str(r["year"] if r["year"] is not None else "undated") == year for r in rows)
    for event, n in counts["by_event"].items():
        assert n == sum(r["event_id"] == event for r in rows)


def test_stats_snapshot(awards, data_regression) -> None:
    data_regression.check(_json(awards("stats", "--format", "json")))


def test_conflicts_are_computed_from_the_claims(awards, data_dir: Path) -> None:
    found = _json(awards("conflicts", "--format", "json"))
    by_key = {(c["subject"], c["field"]): c for c in found}
    ridm = by_key[("ridm-2009-cinematheque-quebecoise-best-quebec-film", "category")]
    assert {v["value"] for v in ridm["values"]} >= {
        "Best Canadian Film",
        "Cinémathèque Québécoise Best Quebec film award",
    }
    for fact in ("runtime_minutes", "box_office", "producers"):
        assert ("last-train-home", fact) in by_key
    assert ("last-train-home", "year") not in by_key
    # A record whose claims agree has no conflict; make one disagree and it appears.
    assert ("apsa-2010-best-documentary-feature-film", "year") not in by_key
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["claims"][0]["year"] = 2011
    records[0]["resolution"] = "A test: the record keeps 2010."  # without it, claims-year refuses the data
    path.write_text(json.dumps(records), encoding="utf-8")
    found = _json(awards("conflicts", "--format", "json"))
    assert ("apsa-2010-best-documentary-feature-film", "year") in {(c["subject"], c["field"]) for c in found}


def test_quoted_texts_are_alternatives_but_credits_can_disagree(awards, data_dir: Path) -> None:
    found = {(c["subject"], c["field"]) for c in _json(awards("conflicts", "--format", "json"))}
    for fact in ("logline", "synopsis", "press_quotes"):  # one text per source: a choice, not a conflict
        assert ("last-train-home", fact) not in found
    assert ("last-train-home", "production_companies") not in found  # the sources agree
    path = data_dir / "films" / "last-train-home.json"
    film = json.loads(path.read_text(encoding="utf-8"))
    film["facts"]["production_companies"][1]["value"] = ["Another Company"]
    path.write_text(json.dumps(film), encoding="utf-8")
    found = {(c["subject"], c["field"]) for c in _json(awards("conflicts", "--format", "json"))}
    assert ("last-train-home", "production_companies") in found


def test_conflicts_snapshot(awards, data_regression) -> None:
    data_regression.check(_json(awards("conflicts", "--format", "json")))


def test_validate_json_shape(awards) -> None:
    result = awards("validate", "--format", "json", "--today", TODAY)
    report = _json(result)
    assert report["ok"] is True and report["errors"] == []
    assert {w["rule"] for w in report["warnings"]} == {"result-unstated", "undated", "weak-evidence"}
    assert set(report["warnings"][0]) >= {"file", "path", "line", "rule", "message", "severity"}


def test_validate_reports_every_error_not_the_first(awards, data_dir: Path) -> None:
    for name in ("apsa", "ebs-international-documentary-festival"):
        path = data_dir / "awards" / f"{name}.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[0]["year"] = "soon"
        records[0]["result"] = "winner"
        path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    result = awards("validate")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error [" in line]
    assert len(errors) == 4
    assert "awards/apsa.json:6:5: error [schema] $[0].year: 'soon' is not of type 'integer'" in result.stdout


def test_load_prints_what_was_loaded(awards, data_dir: Path) -> None:
    result = awards("load")
    assert_clean_exit(result, 0)
    records = sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in (data_dir / "awards").glob("*.json"))
    counts = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[3:]}
    assert counts["awards"] == str(records)
    assert counts["sources"] == str(len(list((data_dir / "sources").glob("*.json"))))


def test_missing_data_directory_is_a_clear_error(awards, data_dir: Path, tmp_path: Path) -> None:
    data_dir.rename(tmp_path / "elsewhere")
    result = awards("list")
    assert_clean_exit(result, 1)
    assert "data directory not found" in result.output


def test_a_database_in_a_missing_folder_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.sqlite"
    result = CliRunner().invoke(cli, ["--data", str(data_dir), "--db", str(target), "list"])
    assert_clean_exit(result, 1)
    assert f"the folder {target.parent} does not exist: create it, or give --db a file" in result.output
    assert "building" not in result.output  # the problem is named before any notice of a build
    assert not target.parent.exists()  # a folder the user named is not created behind their back


def test_a_missing_database_driver_is_a_clear_error(data_dir: Path) -> None:
    url = "mssql+pymssql://u@127.0.0.1:1/x"  # a dialect whose driver is not installed
    result = CliRunner().invoke(cli, ["--data", str(data_dir), "--db", url, "list"])
    assert_clean_exit(result, 1)
    assert "no database driver for mssql+pymssql" in result.output


def test_an_empty_db_option_is_a_usage_error(data_dir: Path) -> None:
    assert_clean_exit(CliRunner().invoke(cli, ["--data", str(data_dir), "--db", " ", "list"]), 2)


def test_a_failed_first_build_leaves_no_database_file(awards, data_dir: Path, db_path: Path) -> None:
    (data_dir / "awards" / "apsa.json").write_text("[", encoding="utf-8")
    assert_clean_exit(awards("list"), 1)
    assert not db_path.exists()


def test_list_csv_is_safe_for_spreadsheets(awards, data_dir: Path) -> None:
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["category"] = "=HYPERLINK(1)"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert "'=HYPERLINK(1)" in awards("list", "--format", "csv").stdout
    assert _json(awards("list", "--event", "apsa", "--format", "json"))[0]["category"] == "=HYPERLINK(1)"


def test_environment_variables_choose_data_and_database(data_dir: Path, db_path: Path) -> None:
    env = {"AWARDS_DATA": str(data_dir), "AWARDS_DB": str(db_path)}
    result = CliRunner(env=env).invoke(cli, ["list", "--format", "json"])
    assert result.exit_code == 0 and db_path.exists()


def test_a_same_size_edit_with_its_time_set_back_is_still_seen(awards, data_dir: Path) -> None:
    import os

    awards("list")
    path = data_dir / "awards" / "apsa.json"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"category": "Best Documentary Feature Film"', '"category": "Best Documentary Feature Filn"')
    )
    assert path.stat().st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same mtime: only ctime moved
    result = awards("list", "--event", "apsa", "--format", "json")
    assert "data changed: rebuilding" in result.stderr
    assert json.loads(result.stdout)[0]["category"] == "Best Documentary Feature Filn"


def test_list_after_a_failed_rebuild_still_fails_cleanly(awards, data_dir: Path, db_path: Path) -> None:
    assert awards("load").exit_code == 0
    before = checksum(db_path)
    path = data_dir / "awards" / "apsa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["event"] = "no-such-event"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = awards("list")
    assert result.exit_code == 1
    assert "awards/apsa.json" in result.output and "unknown event 'no-such-event'" in result.output
    assert "database was left as it was" in result.output
    assert checksum(db_path) == before
