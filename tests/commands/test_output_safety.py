"""Every output is safe to open: hostile text in every field, every command, every format.

Safe means: no CSV or TSV cell a spreadsheet would run as a formula; no HTML (and no raw `&`) in
Markdown; no control or bidirectional character reaching a terminal raw (JSON escapes them by its
own rules, as `\\uXXXX`). The writers are tested with any text Hypothesis finds; the commands with
hostile text written into every text field of the data the schemas let it into.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from lasttrain_awards.cli import cli
from lasttrain_awards.output.writers import FORMATS, Output, write
from lasttrain_awards.safety import FORMULA_STARTS, UNSAFE
from tests.builders import copy_dataset
from tests.conftest import assert_clean_exit

PIECES = [
    '=HYPERLINK("http://x","click")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "&amp; & &#60;",
    "*bold* _u_ `code` [x](javascript:y) | # ~",
    "1. list",
    "\u202eevil\u202c",  # a right-to-left override (allowed by the schemas: it is not a control character)
    "\u2066isolate\u2069",
    "归途列车",
]
CONTROLS = ["\x1b]0;owned\x07", "\x1b[2J", "\r", "\n", "\t", "\x00", "\x7f", "\x9b", "\u2028"]


AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
BLOCKQUOTE = re.compile(r"^>", re.MULTILINE)


def _unsafe_characters(text: str, allowed: str = "\n") -> set[str]:
    return {ch for ch in text if ch in UNSAFE and ch not in allowed}


def check_safe(fmt: str, text: str) -> None:
    """Raise AssertionError, saying what, if `text` (an output in `fmt`) holds anything unsafe."""
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(text))) if fmt == "csv" else [line.split("\t") for line in text.splitlines()]
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"{fmt} cell runs as a formula: {cell!r}"
                assert not _unsafe_characters(cell, "\n\t"), f"{fmt} cell drives a terminal: {cell!r}"
        assert not _unsafe_characters(text.replace("\r\n", "\n"), "\n\t"), fmt
    elif fmt in ("json", "ndjson"):
        assert not _unsafe_characters(text), f"{fmt} holds a raw control or bidirectional character"
        for document in [text] if fmt == "json" else text.splitlines():
            json.loads(document)
    elif fmt == "markdown":
        # The kit's own syntax: links to sources' addresses (a URI holds no < > or space), quotations.
        text = BLOCKQUOTE.sub("", AUTOLINK.sub("", text))
        assert "<" not in text and ">" not in text.replace("&gt;", ""), "Markdown holds HTML"
        assert not re.search(r"&(?!amp;|lt;|gt;)", text), "Markdown holds a raw & (an entity)"
        assert not _unsafe_characters(text), "Markdown drives a terminal"
    else:  # table, text
        assert not _unsafe_characters(text), f"{fmt} drives a terminal: {sorted(_unsafe_characters(text))}"


hostile = st.lists(st.sampled_from(PIECES + CONTROLS) | st.text(max_size=5), min_size=1, max_size=4).map("".join)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(headers=st.lists(hostile, min_size=1, max_size=3, unique=True), cells=st.lists(hostile, min_size=1, max_size=9))
def test_every_writer_makes_any_text_safe(headers: list[str], cells: list[str]) -> None:
    rows = [{h: cells[(i + j) % len(cells)] for j, h in enumerate(headers)} for i in range(3)]
    for fmt in FORMATS:
        check_safe(fmt, "".join(write(fmt, Output(headers, rows))))
        check_safe(fmt, "".join(write(fmt, Output(headers, rows, document={"k": cells}))))


# --- the commands, on data holding hostile text in every field the schemas let it into -------------


def _rewrite(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def poison(data_dir: Path, text: str) -> None:
    """Put `text` into the text fields of an award record, its event, a source, the film and a refuted
    claim: categories, names, notes, recipients, wordings, titles, publishers, aliases, sections."""

    def award(records: list[dict[str, Any]]) -> None:
        record = records[0]
        record["category"] = f"{text} prize"
        record["notes"] = text
        record["section"] = text
        record["recipients"] = [{"name": text, "role": text}]
        record["category_aliases"] = [f"{text} alias"]
        for claim in record["claims"]:
            claim["wording"] = f"{text} said"
            claim["category"] = record["category"]

    def event(data: dict[str, Any]) -> None:
        data["name"] = f"{text} festival"
        data["name_in_sentence"] = f"the {text} festival"  # reaches the sentence and the kit's pages
        data["aliases"] = [f"{text} fest"]
        data["city"] = text
        data["notes"] = text
        for place in data.get("place_sources", []):  # the city is a place source's (rule place)
            place["wording"] = f"{text} said"
            if "city" in place:
                place["city"] = text

    def source(data: dict[str, Any]) -> None:
        data["title"] = f"{text} title"
        data["publisher"] = f"{text} publisher"
        data["notes"] = text

    def refuted(data: dict[str, Any]) -> None:
        data["claim"] = f"{text} claim"
        data["event_name"] = f"{text} festival"
        data["reason"] = f"{text} reason"

    _rewrite(data_dir / "awards" / "apsa.json", award)
    _rewrite(data_dir / "events" / "apsa.json", event)
    first_source = json.loads((data_dir / "awards" / "apsa.json").read_text("utf-8"))[0]["claims"][0]["source"]
    _rewrite(data_dir / "sources" / f"{first_source}.json", source)
    _rewrite(next((data_dir / "refuted").glob("*.json")), refuted)


COMMANDS: list[tuple[list[str], tuple[str, ...]]] = [
    (["list", "--urls"], FORMATS),
    (["export", "--urls"], ("csv", "tsv", "json", "ndjson", "markdown")),
    (["stats"], FORMATS),
    (["conflicts", "--urls"], FORMATS),
    (["refuted", "--urls"], FORMATS),
    (["rules"], FORMATS),
    (["validate"], ("text", "json", "github")),
]

# Allowed by the schemas (no control character there): what the commands' data can hold.
schema_hostile = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(" ".join)


# Each example loads a dataset and runs every command in every format: a few examples, all the pieces
# at once among them, and no shrinking (a failure names its text; shrinking would run for minutes).
@pytest.mark.slow
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example(text=" ".join(PIECES))
@given(text=schema_hostile)
def test_no_command_writes_anything_unsafe_in_any_format(data_dir: Path, tmp_path: Path, text: str) -> None:
    import tempfile

    data = copy_dataset(Path(tempfile.mkdtemp(dir=tmp_path)) / "data", data_dir)
    poison(data, text)
    db = data.parent / "awards.sqlite"
    base = ["--data", str(data), "--db", str(db)]
    runner = CliRunner()
    assert_clean_exit(runner.invoke(cli, [*base, "load"]), 0)
    for command, formats in COMMANDS:
        for fmt in formats:
            result = runner.invoke(cli, [*base, *command, "--format", fmt])
            assert result.exit_code in (0, 1) and (result.exception is None or isinstance(result.exception, SystemExit))
            check_safe("text" if fmt == "github" else fmt, result.stdout)
            check_safe("text", result.stderr)
    summary = runner.invoke(cli, [*base, "summary"])
    check_safe("text", summary.stdout)
    kit = data.parent / "kit"
    assert_clean_exit(runner.invoke(cli, [*base, "presskit", "--no-png", "-o", str(kit)]), 0)
    check_safe("markdown", (kit / "presskit.md").read_text(encoding="utf-8"))
    check_safe("csv", (kit / "accolades.csv").read_text(encoding="utf-8-sig"))
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>alert" not in page


@pytest.mark.parametrize("name", ["\x1b]0;marked\x07.json", "line\nmarked.json", "bidi\u202emarked.json"])
def test_a_file_name_cannot_drive_the_terminal(data_dir: Path, name: str) -> None:
    (data_dir / "awards" / name).write_text("[]", encoding="utf-8")
    runner = CliRunner()
    for fmt in ("text", "github"):
        result = runner.invoke(cli, ["--data", str(data_dir), "validate", "--format", fmt])
        assert result.exit_code == 1
        check_safe("text", result.output)
        lines = [line for line in result.output.splitlines() if "marked" in line]
        assert len(lines) == 1, result.output  # one finding, one line
    result = runner.invoke(cli, ["--data", str(data_dir), "validate", "--format", "json"])
    check_safe("json", result.output)
    assert any(name.removesuffix(".json") in f["file"] for f in json.loads(result.output)["errors"])
