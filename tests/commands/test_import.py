"""`awards import`: a spreadsheet of accolades taken in, each row a record whose one claim cites the
spreadsheet; merged with the data, never over it; nothing written unless all of it is right.

The sheets here are made up for the tests (The Paper Lanterns, its example festivals and example
sources), but for the round trip, which exports the bundled record of Last Train Home and imports it
again: every value it imports is the bundled data's own.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lasttrain_awards.authoring.terms import SHEET_FIELDS, SOURCE_KINDS
from lasttrain_awards.cli import cli
from lasttrain_awards.validation.jsonschemas import load_schema
from tests.builders import DATA
from tests.conftest import assert_clean_exit

FILM = ["--title", "The Paper Lanterns", "--year", "2021", "--director", "Ada Example"]  # a made-up film
SOURCE = ["--source-title", "Festival list (an example)", "--source-publisher", "Example Films"]
HEADER = "Year,Event,Category,Result,Recipients,City,Country,Sources\n"
SHEET = HEADER + (  # made up: example festivals, example sources
    "2021,Example Valley Film Festival,Best Documentary,Won,,Example Valley,US,Example Gazette\n"
    "2021,Example Critics Circle Awards,Best Cinematography,Nominated,Bo Example,,,Example Gazette\n"
    "2022,Northern Example Festival,Audience Award,Won (shared with A Made-Up Film),,,,Example Blog\n"
    "2022,Example Film Awards,Best Feature,Won (award laurel; no source states the result),,,,\n"
    "2022 (inferred),Example Doc Days,Official Selection,Official selection,,,FR,\n"
    ",Example Doc Days,Special Mention,Special mention,,,FR,\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A new record of the made-up film, as `awards init` starts it."""
    root = tmp_path / "record"
    assert_clean_exit(CliRunner().invoke(cli, ["init", str(root), *FILM]), 0)
    return root


def _run(root: Path, *args: str) -> Result:
    db = root.parent / "awards.sqlite"
    return CliRunner().invoke(cli, ["--data", str(root / "data"), "--db", str(db), *args])


def _sheet(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _records(root: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((root / "data" / "awards").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            found[record["id"]] = record
    return found


def _import(root: Path, sheet: Path, *args: str, kind: str = "makers-or-funders") -> Result:
    return _run(root, "import", str(sheet), "--film", "the-paper-lanterns", "--source", "festival-list",
                *SOURCE, "--source-kind", kind, *args)  # fmt: skip


def test_the_command_knows_the_schemas_source_kinds_and_the_sheets_fields() -> None:
    assert tuple(load_schema("source")["properties"]["kind"]["enum"]) == SOURCE_KINDS
    from lasttrain_awards.authoring.sheet import FIELDS

    assert tuple(FIELDS) == SHEET_FIELDS


def test_rows_become_records_citing_the_sheet(root: Path, tmp_path: Path) -> None:
    result = _import(root, _sheet(tmp_path, SHEET))
    assert_clean_exit(result, 0)
    assert "6 record(s) added" in result.output
    records = _records(root)
    assert len(records) == 6
    assert {c["source"] for r in records.values() for c in r["claims"]} == {"festival-list"}
    win = records["the-paper-lanterns-example-valley-film-festival-2021-best-documentary"]
    (claim,) = win["claims"]
    assert claim == {
        "source": "festival-list",
        "wording": "2021,Example Valley Film Festival,Best Documentary,Won,,Example Valley,US,Example Gazette",
        "year": 2021,
        "category": "Best Documentary",
        "result": "won",
    }
    nomination = records["the-paper-lanterns-example-critics-circle-awards-2021-best-cinematography"]
    assert nomination["result"] == "nominated" and nomination["recipients"] == [{"name": "Bo Example"}]
    shared = records["the-paper-lanterns-northern-example-festival-2022-audience-award"]
    assert shared["shared_with"] == [{"title": "A Made-Up Film"}] and "notes" not in shared
    laurel = records["the-paper-lanterns-example-film-awards-2022-best-feature"]
    assert laurel["result"] == "won" and "result" not in laurel["claims"][0]  # the sheet does not state it
    selection = records["the-paper-lanterns-example-doc-days-2022-official-selection"]
    assert selection["year"] == 2022 and selection["result"] == "selected"
    (mark,) = selection["inferred"]
    assert mark["field"] == "year" and "festival-list" in mark["reasoning"] and "row 6" in mark["reasoning"]
    assert "year" not in selection["claims"][0] and "2022" not in selection["claims"][0]["wording"]
    assert selection["claims"][0]["wording"] == "Example Doc Days,Official Selection,Official selection,,,FR,"
    assert "year" not in records["the-paper-lanterns-example-doc-days-undated-special-mention"]
    # the events: found by name, made once, their place cited by the sheet
    events = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (root / "data" / "events").glob("*.json")}
    assert sorted(events) == [
        "example-critics-circle-awards",
        "example-doc-days",
        "example-film-awards",
        "example-valley-film-festival",
        "northern-example-festival",
    ]
    valley = events["example-valley-film-festival"]
    assert valley["city"] == "Example Valley" and valley["country"] == "US"
    assert valley["place_sources"] == [
        {"source": "festival-list", "wording": claim["wording"], "city": "Example Valley", "country": "US"}
    ]
    assert {e: events[e]["kind"] for e in events} == {
        "example-critics-circle-awards": "critics-association",
        "example-doc-days": "film-festival",  # the sheet lists a selection there
        "example-film-awards": "awards-ceremony",
        "example-valley-film-festival": "film-festival",
        "northern-example-festival": "film-festival",
    }
    assert all("defaults" in e["notes"] and e["year_basis"] == "ceremony" for e in events.values())
    # the source, and its words: a copy of the sheet in the data repository
    source = json.loads((root / "data" / "sources" / "festival-list.json").read_text(encoding="utf-8"))
    assert source["document"] == "documents/festival-list.csv" and source["kind"] == "makers-or-funders"
    assert (root / "documents" / "festival-list.csv").read_text(encoding="utf-8") == SHEET
    for record in records.values():
        assert record["claims"][0]["wording"] in SHEET or " … " in record["claims"][0]["wording"]
    validated = _run(root, "validate", "--format", "json")
    assert_clean_exit(validated, 0)
    warnings = {(w["rule"], w["file"].rsplit("/", 1)[-1]) for w in json.loads(validated.stdout)["warnings"]}
    assert warnings == {("result-unstated", "example-film-awards.json"), ("undated", "example-doc-days.json")}


def test_a_weak_sheet_is_weak_evidence(root: Path, tmp_path: Path) -> None:
    assert_clean_exit(_import(root, _sheet(tmp_path, SHEET), kind="blog-mirror-aggregator"), 0)
    warnings = json.loads(_run(root, "validate", "--format", "json").stdout)["warnings"]
    assert sum(w["rule"] == "weak-evidence" for w in warnings) == 6


def test_a_dry_run_shows_what_would_change_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    before = _tree(root)
    result = _import(root, _sheet(tmp_path, SHEET), "--dry-run")
    assert_clean_exit(result, 0)
    for line in (
        "documents/festival-list.csv: a copy of",
        "data/sources/festival-list.json: new source 'Festival list (an example)' (makers-or-funders)",
        "data/events/example-doc-days.json: new event 'Example Doc Days' (film-festival",
        "data/awards/example-doc-days.json: 2 new record(s), a new file",
        "6 record(s) added",
        "(dry run: nothing written)",
    ):
        assert line in result.output, line
    assert result.output.count("would write ") == 1 + 1 + 5 + 5
    assert _tree(root) == before


def test_importing_again_changes_nothing(root: Path, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, SHEET)
    assert_clean_exit(_import(root, sheet), 0)
    before = _tree(root)
    again = _run(root, "import", str(sheet), "--film", "the-paper-lanterns", "--source", "festival-list")
    assert_clean_exit(again, 0)
    assert "0 record(s) added" in again.output and "6 row(s) already recorded as they are" in again.output
    assert _tree(root) == before


def test_a_row_that_says_otherwise_is_a_conflict_and_nothing_is_written(root: Path, tmp_path: Path) -> None:
    assert_clean_exit(_import(root, _sheet(tmp_path, SHEET)), 0)
    before = _tree(root)
    changed = _sheet(tmp_path, SHEET.replace("Best Cinematography,Nominated", "Best Cinematography,Won"), "v2.csv")
    # The same source is the same document: another version of it is refused.
    same = _run(root, "import", str(changed), "--film", "the-paper-lanterns", "--source", "festival-list")
    assert_clean_exit(same, 1)
    assert "is there already and is not this sheet" in same.output
    # A new source saying otherwise than the data: a conflict, named by its row.
    other = _run(root, "import", str(changed), "--film", "the-paper-lanterns", "--source", "list-v2", *SOURCE,
                 "--source-kind", "press")  # fmt: skip
    assert_clean_exit(other, 1)
    assert "row 3: " in other.output and "data/awards/example-critics-circle-awards.json records" in other.output
    assert "result 'won' here, 'nominated' there" in other.output and "nothing was written" in other.output
    assert _tree(root) == before


def test_a_new_source_adds_its_claim_to_the_records_there(root: Path, tmp_path: Path) -> None:
    assert_clean_exit(_import(root, _sheet(tmp_path, SHEET)), 0)
    # made up too: a second list naming one accolade already recorded (its event by another case and
    # accents), a new one at a known event, and the place of an event that had none
    second = HEADER + (
        "2021,EXAMPLE VALLÉY FILM FESTIVAL,best documentary,Won,Ada Example,,,\n"
        "2023,Example Valley Film Festival,Jury Prize,Won,,,,\n"
        "2022,Northern Example Festival,Audience Award,Won,,Northby,,\n"
    )
    result = _run(root, "import", str(_sheet(tmp_path, second, "second.csv")), "--film", "the-paper-lanterns",
                  "--source", "second-list", "--source-title", "Second list", "--source-publisher", "Example Press",
                  "--source-kind", "press")  # fmt: skip
    assert_clean_exit(result, 0)
    assert "1 record(s) added, 2 claim(s) added to records already there" in result.output
    records = _records(root)
    win = records["the-paper-lanterns-example-valley-film-festival-2021-best-documentary"]
    assert [c["source"] for c in win["claims"]] == ["festival-list", "second-list"]
    assert win["recipients"] == [{"name": "Ada Example"}]  # what the record lacked
    assert "the-paper-lanterns-example-valley-film-festival-2023-jury-prize" in records
    northern = json.loads((root / "data" / "events" / "northern-example-festival.json").read_text(encoding="utf-8"))
    assert northern["city"] == "Northby" and northern["place_sources"][0]["source"] == "second-list"
    assert_clean_exit(_run(root, "validate", "-q"), 0)


def test_a_new_events_id_taken_by_another_event_is_a_conflict(root: Path, tmp_path: Path) -> None:
    assert_clean_exit(_import(root, _sheet(tmp_path, SHEET)), 0)
    path = root / "data" / "events" / "example-film-awards.json"
    event = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(event | {"name": "The Example Film Awards"}, indent=2), encoding="utf-8")
    before = _tree(root)
    sheet = _sheet(tmp_path, HEADER + "2023,Example Film Awards,Best Score,Nominated,,,,\n", "more.csv")
    result = _run(root, "import", str(sheet), "--film", "the-paper-lanterns", "--source", "more", *SOURCE,
                  "--source-kind", "press")  # fmt: skip
    assert_clean_exit(result, 1)
    assert "is 'The Example Film Awards''s" in result.output and "aliases" in result.output
    assert _tree(root) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER + "2021,Example Fest,Best,Winner,,,,\n", "row 2, column Result: 'Winner' is not a result"),
        (HEADER + "20x1,Example Fest,Best,Won,,,,\n", "row 2, column Year: '20x1' is not a year"),
        (HEADER + "2021,Example Fest,Best,Won,,,Canada,\n", "row 2, column Country: 'Canada' is not an ISO"),
        (HEADER + "2021,Example Fest,,Won,,,,\n", "row 2, column Category: empty"),
        (HEADER + "\n2021,Example Fest,Best,Won,,\n", "row 3: 6 cells, but the header has 8"),
        ("Year,Category,Result\n2021,Best,Won\n", "row 1: no Event column"),
        (HEADER + '2021,"Example Fest,Best,Won,,,,\n', "not a readable CSV file"),
        (HEADER + "2021,Example\x07Fest,Best,Won,,,,\n", "row 2, column Event: a control character (\\x07)"),
    ],
    ids=["result", "year", "country", "empty", "ragged", "column", "quote", "control"],
)
def test_a_malformed_sheet_names_the_row_and_column_and_writes_nothing(
    root: Path, tmp_path: Path, text: str, expected: str
) -> None:
    before = _tree(root)
    result = _import(root, _sheet(tmp_path, text))
    assert_clean_exit(result, 1)
    assert expected in result.output and "nothing was imported" in result.output
    assert _tree(root) == before


def test_every_problem_of_a_sheet_is_named_at_once(root: Path, tmp_path: Path) -> None:
    text = HEADER + "20x1,Example Fest,Best,Won,,,,\n2021,Example Fest,Best,Winner,,,,\n2021,Example Fest\n"
    result = _import(root, _sheet(tmp_path, text))
    assert_clean_exit(result, 1)
    assert "3 problem(s)" in result.output
    for where in ("row 2, column Year", "row 3, column Result", "row 4: 2 cells"):
        assert where in result.output


def test_a_sheet_that_is_not_utf8_names_its_line(root: Path, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, HEADER + "2021,Example Fête,Best,Won,,,,\n", encoding="latin-1")
    result = _import(root, sheet)
    assert_clean_exit(result, 1)
    assert "line 2 is not UTF-8 text" in result.output


def test_formula_cells_are_text_never_run(root: Path, tmp_path: Path) -> None:
    text = HEADER + (
        '2021,Example Fest,"=HYPERLINK(""http://example.invalid"",""Best"")",Won,,,,\n'
        "2021,Example Fest,'=SUM(1;2),Won,,,,\n"  # as `awards export` writes a cell that starts like a formula
        "2021,Example Fest,@Best Short,Won,'-Ada Example,,,\n"
    )
    assert_clean_exit(_import(root, _sheet(tmp_path, text)), 0)
    categories = {r["category"] for r in _records(root).values()}
    assert categories == {'=HYPERLINK("http://example.invalid","Best")', "=SUM(1;2)", "@Best Short"}
    recipients = [r.get("recipients") for r in _records(root).values() if r["category"] == "@Best Short"]
    assert recipients == [[{"name": "-Ada Example"}]]
    exported = _run(root, "export").stdout
    assert "'=SUM(1;2)" in exported and "'@Best Short" in exported  # made safe again on the way out


def test_other_columns_are_mapped_and_an_excel_sheet_is_read(root: Path, tmp_path: Path) -> None:
    text = "Festival;Prize;Outcome;Year;Remarks\r\nExample Fest;Best Short;Won;2022;our note\r\n"
    sheet = _sheet(tmp_path, "\ufeff" + text)  # a byte-order mark and semicolons, as some spreadsheets save CSV
    result = _import(root, sheet, "--column", "event=Festival", "--column", "category=prize", "--column",
                     "result=Outcome")  # fmt: skip
    assert_clean_exit(result, 0)
    assert "read as the rows' words only, not as fields: Remarks" in result.output
    (record,) = _records(root).values()
    assert (record["event"], record["category"], record["year"]) == ("example-fest", "Best Short", 2022)
    assert record["claims"][0]["wording"] == "Example Fest;Best Short;Won;2022;our note"
    unknown = _import(root, sheet, "--column", "prize=Prize")
    assert_clean_exit(unknown, 2)
    missing = _import(root, sheet, "--column", "event=Festivals")
    assert_clean_exit(missing, 1)
    assert "no column is headed 'Festivals'" in missing.output


def test_rows_of_other_films_are_left_out(root: Path, tmp_path: Path) -> None:
    text = "Film,Year,Event,Category,Result\n" + (
        "The Paper Lanterns,2021,Example Fest,Best,Won\n"
        "the paper lanterns,2022,Example Fest,Best,Won\n"
        "Another Made-Up Film,2021,Example Fest,Best,Won\n"
    )
    result = _import(root, _sheet(tmp_path, text))
    assert_clean_exit(result, 0)
    assert "2 record(s) added" in result.output and "1 row(s) of other films left out" in result.output
    only_others = _sheet(tmp_path, "Film,Year,Event,Category,Result\nAnother,2021,Example Fest,Best,Won\n", "o.csv")
    result = _run(root, "import", str(only_others), "--film", "the-paper-lanterns", "--source", "festival-list")
    assert_clean_exit(result, 1)
    assert "no accolade of the film" in result.output


def test_the_request_itself_is_checked(root: Path, tmp_path: Path, monkeypatch) -> None:
    sheet = _sheet(tmp_path, SHEET)
    base = ["import", str(sheet), "--film", "the-paper-lanterns"]
    assert_clean_exit(_run(root, *base, "--source", "nowhere"), 2)  # no such source, and no title for a new one
    assert_clean_exit(_run(root, *base, "--source", "x", "--source-title", "T"), 2)  # a new source needs all three
    assert_clean_exit(_run(root, *base, "--source", "Not An Id", *SOURCE, "--source-kind", "press"), 2)
    assert_clean_exit(_run(root, *base, "--source", "x", *SOURCE, "--source-kind", "rumour"), 2)
    kind = ["--source-kind", "press"]
    assert_clean_exit(_run(root, *base, "--source", "x", *SOURCE, *kind, "--source-url", "ftp://example.org/"), 2)
    assert_clean_exit(_run(root, *base, "--source", "x", *SOURCE, *kind, "--source-published", "May 2024"), 2)
    assert_clean_exit(_run(root, *base, "--source", "x", *SOURCE, *kind, "--column", "event"), 2)
    wrong_film = _run(root, "import", str(sheet), "--film", "no-such-film", "--source", "x", *SOURCE,
                      "--source-kind", "press")  # fmt: skip
    assert_clean_exit(wrong_film, 2)
    assert "awards init --add-film" in wrong_film.output
    monkeypatch.chdir(tmp_path)  # outside any data repository: not the package's own data
    result = CliRunner().invoke(cli, [*base, "--source", "x", *SOURCE, "--source-kind", "press"])
    assert_clean_exit(result, 2)
    assert "no data repository in the working directory or above" in result.output
    monkeypatch.chdir(root)  # inside one: found as every command finds its data
    assert_clean_exit(CliRunner().invoke(cli, [*base, "--source", "x", *SOURCE, "--source-kind", "press"]), 0)


def test_an_import_that_would_not_validate_writes_nothing(root: Path, tmp_path: Path) -> None:
    before = _tree(root)
    # Made up: an accolade before the film's year (2021) breaks the rule years-film.
    result = _import(root, _sheet(tmp_path, HEADER + "2019,Example Fest,Best,Won,,,,\n"))
    assert_clean_exit(result, 1)
    assert "error [years-film]" in result.output and "nothing was written" in result.output
    assert _tree(root) == before


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_bundled_records_export_round_trips(tmp_path: Path) -> None:
    """export the bundled record, import it into a new record of the same film, export again: the same rows,
    but that every one now cites the spreadsheet alone."""
    db = ["--db", str(tmp_path / "bundled.sqlite")]
    exported = CliRunner().invoke(cli, ["--data", str(DATA), *db, "export", "--urls", "-o", str(tmp_path / "x.csv")])
    assert_clean_exit(exported, 0)
    root = tmp_path / "ltr"
    film = ["--title", "Last Train Home", "--year", "2009", "--director", "Lixin Fan"]  # as the bundled data has it
    assert_clean_exit(CliRunner().invoke(cli, ["init", str(root), *film]), 0)
    source = ["--source-title", "An export of the bundled record (a test)", "--source-publisher", "The tests"]
    result = _run(root, "import", str(tmp_path / "x.csv"), "--film", "last-train-home", "--source", "export",
                  *source, "--source-kind", "makers-or-funders")  # fmt: skip
    assert_clean_exit(result, 0)
    validated = _run(root, "validate")
    assert_clean_exit(validated, 0)
    again = _run(root, "export", "--urls")
    assert_clean_exit(again, 0)
    before, after = _rows((tmp_path / "x.csv").read_text(encoding="utf-8")), _rows(again.stdout)
    assert len(before) == len(after) == sum(len(json.loads(p.read_bytes())) for p in (DATA / "awards").glob("*.json"))

    def without_sources(rows: list[dict[str, str]]) -> list[list[tuple[str, str]]]:
        return sorted(sorted((k, v) for k, v in r.items() if k not in ("Sources", "Source addresses")) for r in rows)

    # The order may differ: the sheet gives no dates, by which the bundled records are ordered in a year.
    assert without_sources(after) == without_sources(before)
    assert {r["Sources"] for r in after} == {"The tests"}
    assert {r["Source addresses"] for r in after} == {"export (no address)"}
    claims = [c for r in _records(root).values() for c in r["claims"]]
    assert len(claims) == len(after) and {c["source"] for c in claims} == {"export"}
    copy = (root / "documents" / "export.csv").read_text(encoding="utf-8-sig")
    for claim in claims:
        assert all(piece in copy for piece in claim["wording"].split(" … ")), claim["wording"]


def test_a_row_is_quoted_without_its_inferred_cells_as_csv_reads_it(root: Path, tmp_path: Path) -> None:
    text = HEADER + (
        '2022 (inferred),The "Example" Fest,"Best Short, Live Action",Won,,,,"Gazette, 2022-05-01"\n'  # made up
        '2022 (inferred),Ex"ample Days,Best Short,Won,,,,\n'
    )
    assert_clean_exit(_import(root, _sheet(tmp_path, text)), 0)
    wordings = sorted(r["claims"][0]["wording"] for r in _records(root).values())
    # the year's cell is left out, and so is any other cell that holds the year
    assert wordings == ['Ex"ample Days,Best Short,Won,,,,', 'The "Example" Fest,"Best Short, Live Action",Won,,,']
    assert_clean_exit(_run(root, "validate", "-q"), 0)
