"""The shared renderer: tables fit the terminal, markdown and CSV keep cell boundaries."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lasttrain_awards.output.texttable import to_table
from lasttrain_awards.output.writers import render

ROWS = [
    {"Event": "Rencontres internationales du documentaire de Montréal", "Category": "A | B", "N": 1},
    {"Event": "IDFA", "Category": "line\nbreak", "N": None},
]
HEADERS = ["Event", "Category", "N"]


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
