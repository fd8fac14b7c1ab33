"""`awards presskit`: every file of the kit, from the database, with the list filters."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lasttrain_awards.accolades import uncounted_wins
from lasttrain_awards.database.queries import list_awards
from tests.builders import REPO, sqlite_engine


@pytest.mark.slow
def test_presskit_writes_every_file(awards, db_path: Path, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "-o", str(kit))
    assert result.exit_code == 0, result.output
    listed = json.loads(awards("list", "--format", "json").stdout)
    # A laurel for every win a source states, special mention and selection: not for a nomination, nor
    # for a win read from a list of laurels alone (listed apart on the page).
    apart = {row.id for row in uncounted_wins(list_awards(sqlite_engine(db_path)))}  # no source, or only weak ones
    laurelled = [r["id"] for r in listed if r["result"] != "nominated" and r["id"] not in apart]
    finishes = ("", "gold/", "black/", "white/")  # the kit's colours, then one colour each for print
    expected = sorted(f"{finish}{i}.{ext}" for finish in finishes for i in laurelled for ext in ("svg", "png"))
    laurels = kit / "laurels"
    assert sorted(p.relative_to(laurels).as_posix() for p in laurels.rglob("*.*")) == expected
    for svg in laurels.rglob("*.svg"):
        ET.fromstring(svg.read_text(encoding="utf-8"))  # well-formed
    for png in laurels.rglob("*.png"):
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(head[16:20], "big") == 1200, png  # the width
    assert (kit / "factsheet.html").is_file() and (kit / "factsheet.pdf").read_bytes().startswith(b"%PDF-")
    assert (kit / "accolades.csv").read_bytes() == awards("export", "--excel", "--urls").stdout_bytes
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    sentence = awards("summary").stdout.strip()
    assert sentence.replace("'", "&#39;") in page
    assert sentence in (kit / "presskit.md").read_text(encoding="utf-8").replace("\\", "")
    # page, Markdown, fact sheet (HTML and PDF), CSV, and each laurel as SVG and PNG in four finishes
    assert f"wrote {5 + len(expected)} files" in result.stderr


def test_presskit_applies_the_filters(awards, db_path: Path, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit), "--result", "won", "--since", "2010").exit_code == 0
    wins = json.loads(awards("list", "--format", "json", "--result", "won", "--since", "2010").stdout)
    apart = {row.id for row in uncounted_wins(list_awards(sqlite_engine(db_path)))}  # no source, or only weak ones
    stated = [r for r in wins if r["id"] not in apart]
    assert stated != wins, "the filter should take in a win no source states, which gets no laurel"
    assert sorted(p.stem for p in (kit / "laurels").glob("*.svg")) == sorted(r["id"] for r in stated)
    rows = (kit / "accolades.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + len(wins)


@pytest.mark.slow
def test_presskit_removes_laurels_a_narrower_kit_does_not_have(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    awards("presskit", "--no-png", "-o", str(kit))
    before = {p.relative_to(kit).as_posix() for p in (kit / "laurels").rglob("*.svg")}
    awards("presskit", "--no-png", "-o", str(kit), "--year", "2009")
    after = {p.relative_to(kit).as_posix() for p in (kit / "laurels").rglob("*.svg")}
    assert 0 < len(after) < len(before) and after < before
    # the stale laurels are gone from every finish's folder, not only from the top one
    for finish in ("", "gold/", "black/", "white/"):
        assert {p for p in after if p.startswith(f"laurels/{finish}") and p.count("/") == finish.count("/") + 1}


def test_presskit_into_a_file_is_a_usage_error(awards, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    result = awards("presskit", "--no-png", "-o", str(target))
    assert result.exit_code == 2


@pytest.mark.slow
def test_the_readme_laurel_is_the_one_the_data_gives(awards, tmp_path: Path) -> None:
    """docs/laurel-idfa-2009.svg, shown in the README, must not drift from the data."""
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit)).exit_code == 0
    generated = (kit / "laurels" / "idfa-2009-best-feature-length-documentary.svg").read_text(encoding="utf-8")
    shown = (REPO / "docs" / "laurel-idfa-2009.svg").read_text(encoding="utf-8")
    assert shown == generated, "regenerate it: awards presskit -o kit && cp kit/laurels/idfa-2009-*.svg docs/"


@pytest.mark.slow
def test_a_rescinded_win_gets_no_laurel_and_no_place_in_the_sentence(awards, data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "awards" / "idfa.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["status"] = "rescinded"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit), "--status", "any").exit_code == 0
    assert not (kit / "laurels" / f"{records[0]['id']}.svg").exists()
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    assert "rescinded" in page
    assert awards("summary").stdout.strip().replace("'", "&#39;") in page  # the sentence of active records
