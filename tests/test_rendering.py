"""The shared renderer: tables fit the terminal, markdown and CSV keep cell boundaries."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lasttrain_awards.rendering import render, to_table

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
