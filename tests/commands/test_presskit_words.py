"""`awards presskit` and `awards summary` on the bundled data: press style, what a kit counts as
stated (the Golden Tomato "Best foreign film", Wikipedia's alone), quotes by id, and the French kit
(tests/unit/test_presskit_words.py tests the same from fictional rows)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.builders import REPO

GOLDEN_TOMATO_FOREIGN = "golden-tomato-best-foreign-film"


def test_the_sentence_names_events_as_a_publicist_would(awards) -> None:
    sentence = awards("summary").stdout
    for said in ("at Full Frame (2010)", "at ZagrebDox (2010)", "Hot Docs (2010, year inferred)", "True/False (2010)"):
        assert said in sentence
    for wrong in ("the Full Frame", "the Hot Docs", "the ZagrebDox", "the True/False", "the Canada's Top Ten"):
        assert wrong not in sentence
    assert "at the International Documentary Film Festival Amsterdam (2009)" in sentence
    # the Genie win rests on Wikipedia and a blog alone: not advertised by default, counted when asked
    assert "Genie" not in sentence and sentence.startswith("Winner of 17 awards,")
    weak = awards("summary", "--include-weak").stdout
    assert weak.startswith(
        "Winner of 20 awards (3 of them stated only by encyclopedias, catalogues, blogs or the like)"
    )
    assert "Best Feature Length Documentary at the Genie Awards (2011)" in weak


@pytest.mark.slow
def test_a_win_only_an_encyclopedia_states_gets_no_winner_laurel(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit)).exit_code == 0
    assert not (kit / "laurels" / f"{GOLDEN_TOMATO_FOREIGN}.svg").exists()
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    apart = page.split('id="h-laurel-only"', 1)[1]
    line = re.search(rf'<li class="accolade laurel-only" id="a-{GOLDEN_TOMATO_FOREIGN}".*?</li>', apart)
    assert line, "listed apart"
    assert '<span class="result">REPORTED WIN</span>' in line[0]
    assert "its only source is an encyclopedia or catalogue" in line[0]
    markdown = (kit / "presskit.md").read_text(encoding="utf-8")
    assert "**REPORTED WIN** · Best foreign film · Golden Tomato Awards" in markdown.split("### Wins this kit")[1]

    included = tmp_path / "included"
    assert awards("presskit", "--no-png", "-o", str(included), "--include-weak").exit_code == 0
    laurel = (included / "laurels" / f"{GOLDEN_TOMATO_FOREIGN}.svg").read_text(encoding="utf-8")
    assert "its only source is an encyclopedia or catalogue" in laurel  # still labelled, on the wreath too
    page = (included / "presskit.html").read_text(encoding="utf-8")
    assert f'id="a-{GOLDEN_TOMATO_FOREIGN}"' in page.split('id="h-accolades"', 1)[1].split("h-laurel-only")[0]


@pytest.mark.slow
def test_the_kit_speaks_in_words_and_quotes_by_id(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    example = REPO / "examples" / "presskit.toml"
    assert awards("presskit", "--no-png", "-o", str(kit), "--kit", str(example)).exit_code == 0
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    assert "Amsterdam, Netherlands · 22nd edition" in page and "Whistler, Canada · 6 December 2009" in page
    assert "<dt>Theatrical release, United States</dt>\n<dd>3 September 2010" in page
    quotes = re.findall(r"<blockquote>.*?</blockquote>", page)
    assert len(quotes) == 4  # the example's ids, in its order: one Ebert quote, not both
    assert "extraordinary films" in quotes[0] and "rulers of China" not in page
    assert "Manohla Dargis, New York Times (via Wikipedia)" in quotes[1]
    head = page.split("</head>", 1)[0]
    assert '<meta property="og:title" content="Last Train Home">' in head
    short = re.search(r'<p class="summary">(.*?)</p>', page)
    assert short and short[1].count(";") == 0 and short[1] in head  # the top honours, also the description
    assert '<p class="summary summary-full">' in page


@pytest.mark.slow
def test_the_french_kit(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "-o", str(kit), "--lang", "fr", "--png-width", "64")
    assert result.exit_code == 0, result.output
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "<title>Le dernier train\xa0: dossier de presse</title>" in page
    header = page.split("</header>", 1)[0]
    assert header.index("Le dernier train") < header.index("Last Train Home")  # the French title first
    assert '<span lang="en">Last Train Home</span>' in header and '<span lang="ko">집으로 가는 기차</span>' in header
    assert "Amsterdam, Pays-Bas · 22e édition" in page and "Whistler, Canada · 6 décembre 2009" in page
    assert "<dt>Sortie en salles, États-Unis</dt>" in page
    assert "LAURÉAT" in page and "SÉLECTION OFFICIELLE" in page and "MENTION SPÉCIALE" in page
    assert "Lauréat de 17 prix, dont « Best Feature Length Documentary »" in page
    laurel = (kit / "laurels" / "idfa-2009-best-feature-length-documentary.svg").read_text(encoding="utf-8")
    assert "LAURÉAT · Best Feature Length Documentary" in laurel and "<text" not in laurel
    assert '<html lang="fr">' in (kit / "factsheet.html").read_text(encoding="utf-8")
    assert "## Distinctions" in (kit / "presskit.md").read_text(encoding="utf-8")


def test_an_unknown_language_is_a_usage_error(awards, tmp_path: Path) -> None:
    result = awards("presskit", "-o", str(tmp_path / "kit"), "--lang", "de")
    assert result.exit_code == 2 and "'de' is not one of 'en', 'fr'" in result.output
