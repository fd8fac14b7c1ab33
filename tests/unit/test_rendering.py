"""The shared renderer and writers: tables fit the terminal and wrap between words, markdown and CSV keep
cell boundaries, no cell starts a formula, a file is replaced whole or not at all, and the streamed output is
the same wherever the chunks fall."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lasttrain_awards.errors import OutputError
from lasttrain_awards.output.files import write_atomically
from lasttrain_awards.output.texttable import to_table
from lasttrain_awards.output.views import neutralize
from lasttrain_awards.output.writers import render
from tests.builders import loaded_engine

ROWS = [
    {"Event": "Rencontres internationales du documentaire de Montréal", "Category": "A | B", "N": 1},
    {"Event": "IDFA", "Category": "line\nbreak", "N": None},
]
HEADERS = ["Event", "Category", "N"]
HOSTILE = ['=HYPERLINK("http://x.test")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "\nLF"]


@pytest.mark.parametrize("width", [40, 60, 100])
def test_table_fits_the_terminal(width: int) -> None:
    text = to_table(ROWS, HEADERS, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "Montr" in text and "internationales" in text  # long cells wrap, they are not cut


def test_markdown_escapes_pipes_and_line_breaks() -> None:
    text = render("markdown", ROWS, HEADERS)
    lines = text.splitlines()
    assert len(lines) == 4
    assert all(line.count("|") - line.count("\\|") == 4 for line in lines)


def test_csv_round_trips() -> None:
    rows = list(csv.reader(io.StringIO(render("csv", ROWS, HEADERS))))
    assert rows == [HEADERS, [ROWS[0]["Event"], "A | B", "1"], ["IDFA", "line\nbreak", ""]]


def test_json_prints_the_given_data() -> None:
    assert json.loads(render("json", ROWS, HEADERS, json_data={"k": "归途列车"})) == {"k": "归途列车"}


def test_empty_table() -> None:
    assert render("table", [], HEADERS) == "(no rows)\n"


def test_a_large_table_streams_within_the_width_and_keeps_every_word() -> None:
    from lasttrain_awards.output.texttable import LARGE_TABLE, stream_table

    headers = ["Year", "Event", "Category"]
    rows = [
        {"Year": str(2000 + i % 20), "Event": f"Festival {i}", "Category": "Best " + "long " * (i % 9) + f"prize {i}"}
        for i in range(LARGE_TABLE + 500)
    ]
    chunks = list(stream_table(rows, headers, width=60))
    assert len(chunks) > 1  # streamed, not built whole
    lines = "".join(chunks).splitlines()
    assert lines[0].split() == headers and set(lines[1].replace(" ", "")) == {"-"}
    assert max(map(len, lines)) <= 60
    text = " ".join(" ".join(lines[2:]).split())
    for row in (rows[0], rows[LARGE_TABLE + 499]):
        for word in row["Category"].split():
            assert word in text
    small = rows[:10]
    assert "".join(stream_table(small, headers, width=60)) == to_table(small, headers, width=60)


def test_narrow_tables_wrap_between_words() -> None:
    """Between words, never inside one, hyphens included; the terminal's width is kept."""
    text = "Outstanding Achievement in International Feature by the Non-Fiction Documentary Jury"
    rows = [
        {"Year": "2011", "Event": "Cinema Eye Honors", "Category": text, "Sources": "Movie City News; Indybay"},
        {"Year": "2010", "Event": "LAFCA", "Category": "lafca-2010-best-documentary", "Sources": "Deadline"},
    ]
    words = {w for row in rows for value in row.values() for w in value.split()} | {*rows[0]}
    for width in (50, 60, 70):
        table = to_table(rows, ["Year", "Event", "Category", "Sources"], width=width)
        assert max(map(len, table.splitlines())) <= width, table
        for token in table.split():
            # whole words; below 70 columns the id (27 characters) no longer fits and splits after a hyphen
            hyphenated = width < 70 and any(token in word for word in words if "-" in word)
            assert token in words or set(token) == {"-"} or hyphenated, (width, token)


def test_a_word_too_long_for_a_narrow_terminal_splits_after_a_join() -> None:
    """Only when the terminal cannot give a word its width: after a slash, hyphen or dot, if it has one."""
    rows = [{"A": "x", "B": "y", "C": "Best Documentary/Non-Fiction Film", "D": "celebrity-star-picture.blogspot.com"}]
    table = to_table(rows, list("ABCD"), width=40)
    cells = [line.split() for line in table.splitlines()[2:]]
    pieces = [piece for line in cells for piece in line]
    assert "Documentary/" in pieces or "Documentary" in pieces, table
    for piece in pieces:  # each piece is a word, or ends at a join, or is the rest after one
        assert (
            piece in {"x", "y", "Best", "Film"}
            or piece[-1] in "/-."
            or any(whole.endswith(piece) for whole in ("Non-Fiction", "blogspot.com", "Documentary/Non-Fiction"))
        ), (piece, table)


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralize(value: str) -> None:
    assert neutralize(value) == "'" + value
    assert neutralize("Best Documentary") == "Best Documentary"


def test_atomic_write_keeps_the_old_file_on_error(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "kit.csv"
    target.write_bytes(b"good")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OutputError, match=r"kit\.csv: No space left on device \(nothing was replaced\)"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["kit.csv"]


@pytest.mark.parametrize("fmt", ["json", "ndjson", "tsv", "csv", "table", "markdown"])
@pytest.mark.parametrize("command", ["list", "export"])
def test_output_does_not_depend_on_where_the_chunks_fall(db_path: Path, command: str, fmt: str, monkeypatch) -> None:
    """Each format has one writer, which streams: its output is the same whatever the chunk size."""
    from lasttrain_awards.database.queries import Filters, iter_awards
    from lasttrain_awards.output import views as export
    from lasttrain_awards.output import writers as rendering

    engine = loaded_engine(db_path)
    chunks = export.list_chunks if command == "list" else export.export_chunks
    for filters in (Filters(), Filters(years=(1900,))):  # many rows, and none
        whole = "".join(chunks(iter_awards(engine, filters), fmt))
        monkeypatch.setattr(rendering, "CHUNK_ROWS", 5)  # chunk boundaries inside the records
        assert "".join(chunks(iter_awards(engine, filters), fmt)) == whole
        monkeypatch.undo()


def test_a_tab_or_line_break_in_a_tsv_value_becomes_a_space() -> None:
    from lasttrain_awards.output.writers import tsv_line

    assert tsv_line(["a\tb", "c\r\nd", "e"]) == "a b\tc d\te\n"
