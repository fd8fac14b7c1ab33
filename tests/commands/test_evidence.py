"""Evidence in every output: wins no source states, refuted claims, shared wins and source addresses.

Driven by the bundled data through the CLI: each test first checks that the data holds a case
of what it tests (an unstated win, a refuted claim, a shared win), so that it cannot pass empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import Result

from lasttrain_awards.database.queries import AwardRow
from lasttrain_awards.output.views import UNSTATED
from lasttrain_awards.presskit.wording import ENGLISH, LAUREL_ONLY_HEADING
from tests.builders import DATA, award_row
from tests.conftest import assert_clean_exit
from tests.verbatim import sources_of

Run = Callable[..., Result]
WIDE = {"COLUMNS": "1000"}  # a table wide enough that no cell wraps
SVG = "{http://www.w3.org/2000/svg}"
TEXT_SUFFIXES = {".html", ".md", ".csv", ".svg"}


def _ok(result: Result) -> str:
    assert_clean_exit(result, 0)
    return result.stdout


def _rows(awards: Run, *args: str) -> list[dict[str, Any]]:
    return json.loads(_ok(awards("list", "--status", "any", "--format", "json", *args)))  # type: ignore[no-any-return]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _svg_text(path: Path) -> str:
    """What a laurel says: its <desc> (its text as text), checked against the lines it draws as
    outlines, so a label the drawing lost cannot pass for one it shows."""
    from lasttrain_awards.presskit.laurel import text_geometry

    root = ElementTree.parse(path).getroot()
    desc = root.find(f"{SVG}desc")
    said = _flat(desc.text or "" if desc is not None else "")
    drawn = " ".join(line.text for line in text_geometry(_row(path.stem)))
    assert said.replace(" / ", " ").replace(" ", "") == drawn.replace(" ", "").replace("…", ""), path.name
    return said


def _row(record_id: str) -> AwardRow:
    """The record's row as the kit drew it (read back by _kit from the test's database)."""
    return next(row for row in _ROWS if row.id == record_id)


_ROWS: list[AwardRow] = []


def _kit(awards: Run, directory: Path, *args: str) -> dict[str, str]:
    _ok(awards("presskit", "--no-png", "-o", str(directory), *args))
    _ROWS[:] = [
        award_row(**record) for record in json.loads(awards("list", "--format", "json", "--status", "any").stdout)
    ]
    return {
        p.relative_to(directory).as_posix(): p.read_text(encoding="utf-8-sig")
        for p in directory.rglob("*.*")
        if p.suffix in TEXT_SUFFIXES  # not the PDF or the owner's images
    }


# --- wins that no source states -----------------------------------------------------------------


@pytest.mark.slow
def test_unstated_wins_are_not_counted_and_get_no_winner_laurel(awards: Run, tmp_path: Path) -> None:
    rows = [r for r in _rows(awards) if r["status"] == "active"]
    wins = [r for r in rows if r["result"] == "won"]
    unstated = {r["id"] for r in wins if not r["result_stated"]}
    stated = {r["id"] for r in wins if r["result_stated"]}
    assert unstated and stated, "the bundled data should hold both kinds of win"

    # --include-weak: the wins only an encyclopedia or a blog states are counted here (they are set
    # apart by default too: tests/commands/test_presskit_words.py), so what is apart is the unstated
    assert _ok(awards("summary", "--include-weak")).startswith(f"Winner of {len(stated)} awards")
    kit = _kit(awards, tmp_path / "kit", "--include-weak")
    laurels = {Path(name).stem for name in kit if name.startswith("laurels/")}
    assert not laurels & unstated
    assert stated <= laurels
    html_page, markdown = kit["presskit.html"], kit["presskit.md"]
    apart = html_page.split('id="h-laurel-only"', 1)[1]
    for award_id in unstated:
        assert f'id="a-{award_id}"' in apart  # listed apart, after the main list
        assert f'id="a-{award_id}"' not in html_page.split('id="h-laurel-only"', 1)[0]
        item = re.search(rf'<li class="accolade laurel-only" id="a-{award_id}".*?</li>', apart)
        assert item and "AWARD LAUREL" in item[0] and UNSTATED in item[0] and "WINNER" not in item[0]
    assert "WINNER" not in apart
    md_apart = markdown.split(f"## {LAUREL_ONLY_HEADING}", 1)[1]
    assert md_apart.count("**AWARD LAUREL**") == len(unstated)
    # The CSV of the kit labels them too.
    labelled = [line for line in kit["accolades.csv"].splitlines() if UNSTATED in line]
    assert len(labelled) == len(unstated)


@pytest.mark.slow
def test_include_unstated_counts_and_draws_them_still_labelled(awards: Run, tmp_path: Path) -> None:
    rows = [r for r in _rows(awards) if r["status"] == "active" and r["result"] == "won"]
    unstated = {r["id"] for r in rows if not r["result_stated"]}
    assert unstated
    sentence = _ok(awards("summary", "--include-unstated"))
    assert sentence.startswith(f"Winner of {len(rows)} awards (")
    assert f"; {len(unstated)} of them on award laurels alone: no source states the result)" in sentence
    directory = tmp_path / "kit"
    kit = _kit(awards, directory, "--include-unstated")
    assert LAUREL_ONLY_HEADING not in kit["presskit.html"]
    for award_id in unstated:
        assert UNSTATED in _svg_text(directory / "laurels" / f"{award_id}.svg")
        item = re.search(rf'<li class="accolade r-won[^"]*" id="a-{award_id}".*?</li>', kit["presskit.html"])
        assert item and UNSTATED in item[0]


# --- refuted claims -----------------------------------------------------------------------------


def _refuted() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "refuted").glob("*.json"))]


def test_refuted_claims_are_shown_with_their_evidence(awards: Run) -> None:
    records = _refuted()
    assert records, "the bundled data should record the refuted claims"
    shown = {r["id"]: r for r in json.loads(_ok(awards("refuted", "--format", "json")))}
    assert set(shown) == {r["id"] for r in records}
    for record in records:
        out = shown[record["id"]]
        assert out["claim"] == record["claim"] and out["reason"] == record["reason"]
        assert [c["source"] for c in out["claimed_by"]] == [c["source"] for c in record["claimed_by"]]
        assert [c["source"] for c in out["refuted_by"]] == [c["source"] for c in record["refuted_by"]]
        assert all(c["title"] and c["publisher"] for c in out["claimed_by"] + out["refuted_by"])
    table = _flat(_ok(awards("refuted", "--urls", env=WIDE)))
    for record in records:
        assert _flat(record["claim"]) in table
    urls = [c["url"] for r in shown.values() for c in r["refuted_by"] if c["url"]]
    assert urls and all(url in table for url in urls)


@pytest.mark.slow
def test_a_refuted_claim_appears_nowhere_but_where_refuted_claims_are_shown(awards: Run, tmp_path: Path) -> None:
    records = _refuted()
    assert records
    markers = {m for r in records for m in (r["id"], r["claim"], r["event_name"], r.get("category")) if m}
    outputs = {}
    for fmt in ("table", "csv", "json", "markdown"):
        outputs[f"list {fmt}"] = _ok(awards("list", "--status", "any", "--format", fmt, "--urls", env=WIDE))
    for fmt in ("csv", "json", "markdown"):
        outputs[f"export {fmt}"] = _ok(awards("export", "--status", "any", "--format", fmt, "--urls"))
    outputs["summary"] = _ok(awards("summary", "--include-unstated"))
    outputs["stats"] = _ok(awards("stats", "--status", "any", "--format", "json"))
    outputs["conflicts"] = _ok(awards("conflicts", "--format", "json", "--urls"))
    outputs["quickstatements"] = _ok(awards("export", "--format", "quickstatements", "--allow-empty"))
    for name, text in _kit(awards, tmp_path / "kit", "--status", "any", "--include-unstated").items():
        outputs[f"presskit {name}"] = text
    for name, text in outputs.items():
        for marker in markers:
            assert marker not in text, (name, marker)
    assert not _rows(awards, "--event", records[0]["event_name"])


# --- shared wins --------------------------------------------------------------------------------


def test_a_shared_win_says_so_in_every_output(awards: Run, tmp_path: Path) -> None:
    shared = [r for r in _rows(awards) if r["shared_with"]]
    assert shared, "the bundled data should hold a shared win"
    for row in shared:
        phrase = "shared with " + " and ".join(row["shared_with"])
        only = ("--event", row["event_id"], "--year", str(row["year"]))
        for fmt in ("table", "csv", "markdown"):
            assert phrase in _flat(_ok(awards("list", "--format", fmt, *only, env=WIDE))), fmt
        for fmt in ("csv", "markdown"):
            assert phrase in _flat(_ok(awards("export", "--format", fmt, *only))), fmt
        exported = json.loads(_ok(awards("export", "--format", "json", *only)))
        assert [r["shared_with"] for r in exported if r["id"] == row["id"]] == [row["shared_with"]]
        directory = tmp_path / row["id"]
        kit = _kit(awards, directory, *only)
        item = re.search(rf'<li class="accolade[^"]*" id="a-{row["id"]}".*?</li>', kit["presskit.html"])
        assert item and phrase[1:] in _flat(re.sub("<[^>]+>", " ", item[0]))  # "Shared with …" there
        assert phrase[1:] in _flat(kit["presskit.md"])
        assert phrase in _flat(kit["accolades.csv"])
        assert phrase in _svg_text(directory / "laurels" / f"{row['id']}.svg")


# --- values no source states -----------------------------------------------------------------


def test_an_inferred_value_is_marked_in_every_output(awards: Run, tmp_path: Path) -> None:
    rows = [r for r in _rows(awards) if r["inferred"]]
    assert {f for r in rows for f in r["inferred"]} >= {"year", "date"}, "the bundled data should infer both"
    for row in rows:
        only = ("--event", row["event_id"], *(("--year", str(row["year"])) if row["year"] else ()))
        exported = json.loads(_ok(awards("export", "--format", "json", *only)))
        assert [r["inferred"] for r in exported if r["id"] == row["id"]] == [row["inferred"]]
        kit = _kit(awards, tmp_path / row["id"], *only)
        item = re.search(rf'<li class="accolade[^"]*" id="a-{row["id"]}".*?</li>', kit["presskit.html"])
        assert item, row["id"]
        shown = _flat(re.sub("<[^>]+>", " ", item[0]))
        for field in row["inferred"]:
            value = row[field]
            if field == "edition":  # shown only by the kit (and JSON)
                assert f"{ENGLISH.edition(value)} (edition inferred)" in shown, shown
                continue
            for fmt in ("table", "csv", "markdown"):  # list shows the year and the date
                assert f"{value} (inferred)" in _flat(_ok(awards("list", "--format", fmt, *only, env=WIDE))), fmt
            if field == "year":  # the press-kit export, its CSV in the kit, the laurel and the sentence
                for fmt in ("csv", "markdown"):
                    assert f"{value} (inferred)" in _flat(_ok(awards("export", "--format", fmt, *only))), fmt
                assert f"{value} (inferred)" in kit["accolades.csv"]
                assert f"{value} (year inferred)" in shown and f"{value} (year inferred)" in _flat(kit["presskit.md"])
                laurel = tmp_path / row["id"] / "laurels" / f"{row['id']}.svg"
                if laurel.exists():
                    assert f"{value} / (year inferred)" in _svg_text(laurel)
                assert f"({value}, year inferred)" in _ok(awards("summary", "--include-unstated"))
            if field == "date":  # in words in the kit ("26 April 2010 (date inferred)")
                words = f"{ENGLISH.date(value)} (date inferred)"
                assert words in shown and words in _flat(kit["presskit.md"])


# --- competitions the film did not win -----------------------------------------------------------


@pytest.mark.slow
def test_a_selection_in_competition_is_never_shown_as_more(awards: Run, tmp_path: Path) -> None:
    """A record whose section names a competition stays a selection everywhere: the list, the export, the
    kit's line and laurel, and the sentence."""
    rows = [r for r in _rows(awards) if r["result"] == "selected" and "competition" in (r["section"] or "").casefold()]
    assert rows, "the bundled data should hold a selection in competition"
    kit = _kit(awards, tmp_path / "kit")
    sentence = _ok(awards("summary"))
    selections = sentence[sentence.index("official selection at") :]
    for row in rows:
        listed = json.loads(_ok(awards("export", "--format", "json", "--event", row["event_id"])))
        assert {r["result"] for r in listed if r["id"] == row["id"]} == {"selected"}
        item = re.search(rf'<li class="accolade r-selected[^"]*" id="a-{row["id"]}".*?</li>', kit["presskit.html"])
        assert item and "SELECTION" in item[0] and not re.search("WINNER|NOMINEE|SPECIAL MENTION", item[0])
        assert row["section"] in _flat(re.sub("<[^>]+>", " ", item[0]))  # "in competition" is shown as such
        laurel = _svg_text(tmp_path / "kit" / "laurels" / f"{row['id']}.svg")
        assert "SELECTION" in laurel and not re.search("WINNER|NOMINEE", laurel)
        event = json.loads((DATA / "events" / f"{row['event_id']}.json").read_text(encoding="utf-8"))
        named = event.get("name_in_sentence", f"the {row['event']}")  # "Full Frame", as a sentence names it
        assert f"{named} ({row['year']})" in selections  # named among the selections, not before


# --- sources a reader can follow ----------------------------------------------------------------


@pytest.mark.slow
def test_every_output_that_names_a_source_can_show_its_address(awards: Run, tmp_path: Path) -> None:
    urls = {source_id: s.get("url") for source_id, s in sources_of(DATA).items()}
    rows = _rows(awards)
    for row in rows:
        assert row["source_urls"] == [urls[s] for s in row["sources"]], row["id"]
    listed = _ok(awards("list", "--format", "csv", "--urls"))
    exported = _ok(awards("export", "--urls"))
    cited = {s for row in rows for s in row["sources"] if urls[s]}
    assert cited
    for source_id in cited:
        assert urls[source_id] in listed and urls[source_id] in exported, source_id
    assert "Source addresses" not in _ok(awards("export"))  # an option: the default columns stay
    for conflict in json.loads(_ok(awards("conflicts", "--format", "json"))):
        for value in conflict["values"]:
            assert value["url"] == urls[value["source"]]
    conflicts_table = _flat(_ok(awards("conflicts", "--urls", env=WIDE)))
    assert any(url and url in conflicts_table for url in urls.values())
    kit = _kit(awards, tmp_path / "kit", "--include-unstated")
    for source_id in cited:
        assert f'href="{urls[source_id].replace("&", "&amp;")}"' in kit["presskit.html"], source_id
        assert f"<{urls[source_id]}>" in kit["presskit.md"], source_id
