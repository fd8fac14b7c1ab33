"""Tables align by display width: a Chinese or Korean title takes two columns a character, as a
terminal shows it, so its row lines up with the ASCII ones (and fits the terminal)."""

from __future__ import annotations

import pytest
from wcwidth import wcswidth

from lasttrain_awards.output.texttable import LARGE_TABLE, display_width, stream_table, to_table

HEADERS = ["Film", "Event", "Result"]
ROWS = [
    {"Film": "Last Train Home", "Event": "IDFA", "Result": "won"},
    {"Film": "归途列车", "Event": "EBS 국제다큐영화제", "Result": "won"},
    {"Film": "집으로 가는 기차", "Event": "Montréal (combining e\u0301)", "Result": "selected"},
]


def _columns_start(headers: list[str], header_line: str) -> list[int]:
    """The display column where each column starts, read off the header line."""
    return [display_width(header_line[: header_line.index(h)]) for h in headers]


def _cell_starts(line: str) -> list[int]:
    """Display columns where a run of non-space text starts after two or more spaces (a column gap)."""
    starts, column, gap = [0], 0, 0
    for ch in line:
        if ch == " ":
            gap += 1
        else:
            if gap >= 2:
                starts.append(column)
            gap = 0
        column += max(display_width(ch), 0)
    return starts


@pytest.mark.parametrize("rows", [ROWS, ROWS * (LARGE_TABLE // len(ROWS) + 1)], ids=["small", "streamed"])
def test_a_cjk_row_aligns_with_the_others(rows: list[dict[str, str]]) -> None:
    text = "".join(stream_table(rows, HEADERS, width=100))
    lines = text.splitlines()
    header, rule = lines[0], lines[1]
    starts = _columns_start(HEADERS, header)
    for line in lines[2:8]:
        assert _cell_starts(line) == starts, line
        assert wcswidth(line) <= 100
    assert _cell_starts(rule) == starts


def test_a_narrow_terminal_wraps_cjk_by_its_width() -> None:
    rows = [{"Film": "归途列车" * 6, "Event": "IDFA", "Result": "won"}]
    text = to_table(rows, HEADERS, width=30)
    assert all(wcswidth(line) <= 30 for line in text.splitlines())
    film_column = "".join(line.split()[0] for line in text.splitlines()[2:])
    assert film_column == "归途列车" * 6  # every character kept, none cut, split by width


def test_display_width() -> None:
    assert display_width("abc") == 3
    assert display_width("归途列车") == 8
    assert display_width("e\u0301") == 1
