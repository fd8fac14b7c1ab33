"""Strings that bite: accents, Chinese, right-to-left text, emoji and combining characters
travel from JSON through the database into every output format unchanged."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest

from tests.builders import write_samples

SAMPLES = {
    "category": "Prix spécial du jury — 归途列车",
    "recipients": ["لي شين فان", "Zoë Ŝtraße 🎬"],
    "notes": "Combining: Cafe\u0301 (not normalised), e\u0308, 👩🏽‍🎤",
}


@pytest.fixture
def unicode_data(data_dir: Path) -> Path:
    write_samples(data_dir, SAMPLES)
    return data_dir


def test_samples_are_not_already_normalised() -> None:
    assert unicodedata.normalize("NFC", SAMPLES["notes"]) != SAMPLES["notes"]


def test_json_outputs_keep_every_character(awards, unicode_data) -> None:
    for command in (["list"], ["export"]):
        rows = json.loads(awards(*command, "--event", "apsa", "--format", "json").stdout)
        assert rows[0]["category"] == SAMPLES["category"]
        assert rows[0]["recipients"] == SAMPLES["recipients"]
    listed = json.loads(awards("list", "--event", "apsa", "--format", "json").stdout)
    assert listed[0]["notes"] == SAMPLES["notes"]


@pytest.mark.parametrize("args", [["export"], ["export", "--excel"], ["list", "--format", "csv"]])
def test_csv_keeps_every_character(awards, unicode_data, args) -> None:
    data = awards(*args, "--event", "apsa").stdout_bytes
    text = data.decode("utf-8-sig" if "--excel" in args else "utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert SAMPLES["category"] in rows[1]
    if args[0] == "export":
        assert rows[1][4] == "; ".join(SAMPLES["recipients"])


@pytest.mark.parametrize("command", ["list", "export"])
def test_markdown_keeps_every_character(awards, unicode_data, command) -> None:
    out = awards(command, "--event", "apsa", "--format", "markdown").stdout
    assert SAMPLES["category"] in out


def test_table_keeps_every_character(awards, unicode_data) -> None:
    out = awards("list", "--event", "apsa").stdout
    assert "归途列车" in out and "spécial" in out
