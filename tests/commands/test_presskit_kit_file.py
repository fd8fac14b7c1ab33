"""The press-kit command with the owner's kit file and the film's sourced facts: what it writes, what it
refuses, and what it keeps (tests/unit/test_presskit_content.py tests the content itself). Kit files are
driven by tests/cases/presskit/{valid,invalid}/*.toml."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import CASES, REPO, sqlite_engine

PRESSKIT_CASES = CASES / "presskit"


@pytest.mark.slow
def test_the_example_kit_file_is_valid_and_used_by_the_bundled_kit(awards, tmp_path: Path) -> None:
    example = REPO / "examples" / "presskit.toml"
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(example))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "kit" / "presskit.html").read_text(encoding="utf-8")
    assert "press@example.org" in page and "From the kit&#39;s owner (presskit.toml)" in page


def test_a_bad_kit_file_writes_nothing_and_says_why(awards, tmp_path: Path) -> None:
    bad = PRESSKIT_CASES / "invalid" / "bad-email.toml"
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(bad))
    assert result.exit_code == 1
    assert "$.contact[0].email" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "kit").exists()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Pauline Kael", "no press quote 'Pauline Kael' is recorded"),
        # a critic's name that names two quotes (one off-message) asks to choose by id
        ("Roger Ebert", "'Roger Ebert' names 2 press quotes: choose by id (ebert-extraordinary-films, ebert-rulers"),
    ],
)
def test_a_quote_the_kit_file_cannot_name_is_an_error(awards, tmp_path: Path, name: str, said: str) -> None:
    kit_file = tmp_path / "presskit.toml"
    kit_file.write_text(f'quotes = ["{name}"]\n', encoding="utf-8")
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(kit_file))
    assert result.exit_code == 1
    assert f"quotes: {said}" in result.stderr


@pytest.mark.slow
def test_a_file_the_user_put_in_the_kit_folder_survives(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit)).exit_code == 0
    (kit / "our-poster.png").write_bytes(b"\x89PNG user file")
    (kit / "laurels" / "festival-official.svg").write_text("<svg>the festival's own</svg>", encoding="utf-8")
    # fewer laurels: the stale ones go
    assert awards("presskit", "--no-png", "-o", str(kit), "--since", "2011").exit_code == 0
    assert (kit / "our-poster.png").read_bytes() == b"\x89PNG user file"
    assert (kit / "laurels" / "festival-official.svg").read_text(encoding="utf-8") == "<svg>the festival's own</svg>"
    assert not (kit / "laurels" / "idfa-2009-best-feature-length-documentary.svg").exists()


def test_the_listing_never_imports_jinja2(tmp_path: Path) -> None:
    """Jinja2 (and the press kit) load only for the press-kit command: a listing stays quick."""
    code = (
        "import sys; from lasttrain_awards.cli import cli\n"
        "cli.main(['--db', sys.argv[1], 'list', '--year', '2010'], standalone_mode=False)\n"
        "assert 'jinja2' not in sys.modules and 'lasttrain_awards.presskit' not in sys.modules, 'imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "awards.sqlite")], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr


def _kit_pages(awards, tmp_path: Path, kit_file: Path, *args: str) -> dict[str, str]:
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--kit", str(kit_file), *args)
    assert result.exit_code == 0, result.output
    return {
        name: (kit / name).read_text(encoding="utf-8") for name in ("presskit.html", "presskit.md", "factsheet.html")
    }


@pytest.mark.slow
def test_the_owners_texts_are_marked_as_theirs_in_every_output(awards, tmp_path: Path) -> None:
    pages = _kit_pages(awards, tmp_path, PRESSKIT_CASES / "valid" / "owner-texts.toml")
    mine = "A family&#39;s journey home, in the world&#39;s largest migration."
    assert (
        f'<p class="logline">{mine} <span class="owner">(from the kit&#39;s owner)</span></p>' in pages["presskit.html"]
    )
    assert mine in pages["factsheet.html"] and "(from the kit&#39;s owner)" in pages["factsheet.html"]
    assert 'Second paragraph. <span class="owner">(from the kit&#39;s owner)</span>' in pages["presskit.html"]
    assert (
        "*A family's journey home, in the world's largest migration.* *(from the kit's owner)*" in pages["presskit.md"]
    )
    assert "Second paragraph. *(from the kit's owner)*" in pages["presskit.md"]


@pytest.mark.slow
def test_disagreements_are_shown_beside_the_chosen_value(awards, tmp_path: Path) -> None:
    pages = _kit_pages(awards, tmp_path, PRESSKIT_CASES / "valid" / "owner-texts.toml")  # runtime_source = the DVD's
    html, markdown = pages["presskit.html"], pages["presskit.md"]
    assert re.search(r"<dt>Running time</dt>\s*<dd>87 minutes <span class=\"note-inline\">\(length of the DVD", html)
    assert re.search(r'<span class="others">Other sources: 85 minutes<sup', html)
    assert "90 minutes (length of the POV broadcast)" in html
    producers = next(line for line in markdown.splitlines() if line.startswith("- **Producers:**"))
    assert "Mila Aung-Thwin, Daniel Cross" in producers and "(other sources: Mila Aung-Thwin, Qi Zhao[^" in producers
    country = next(line for line in markdown.splitlines() if line.startswith("- **Country:**"))
    assert country.startswith("- **Country:** China, Canada[^") and "(other sources: Canada[^" in country


@pytest.mark.slow
def test_contacts_are_the_kit_files_in_every_output(awards, tmp_path: Path) -> None:
    pages = _kit_pages(awards, tmp_path, PRESSKIT_CASES / "valid" / "contacts.toml")
    for name, page in pages.items():
        assert "A. Publicist" in page and "B. Agent" in page, name
        assert "Sales &amp; Co &lt;World&gt;" in page, name  # HTML and Markdown escape alike
        assert "no source states them" in page, name
    assert 'href="https://example.org/film?a=1&amp;b=2"' in pages["presskit.html"]
    assert "<h3>Press</h3>" in pages["factsheet.html"] and "<h3>Sales</h3>" in pages["factsheet.html"]


@pytest.mark.slow
def test_without_a_kit_file_there_is_no_contact_section(awards, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit)).exit_code == 0
    for name in ("presskit.html", "presskit.md", "factsheet.html"):
        page = (kit / name).read_text(encoding="utf-8")
        assert "Contact" not in page and "example.org" not in page, name


def test_a_filtered_kit_says_it_is_a_selection(awards, tmp_path: Path) -> None:
    empty = tmp_path / "presskit.toml"
    empty.write_text("", encoding="utf-8")
    pages = _kit_pages(awards, tmp_path, empty, "--since", "2011")
    for name, page in pages.items():
        assert "A selection of the record: from 2011." in page, name
    (tmp_path / "none").mkdir()
    none = _kit_pages(awards, tmp_path / "none", empty, "--year", "1990")
    for name, page in none.items():
        body = page.split("</head>", 1)[-1]  # the page's head describes it in the same words
        assert body.count("No accolades match this selection.") == 1, name
        assert "No accolades recorded" not in page, name


@pytest.mark.slow
def test_the_fact_sheet_cites_each_highlight_by_its_strongest_source(awards, db_path: Path, tmp_path: Path) -> None:
    from lasttrain_awards.database.queries import SOURCE_KINDS, list_awards, source_refs

    empty = tmp_path / "presskit.toml"
    empty.write_text('highlights = ["zagrebdox-2010-special-mention"]\n', encoding="utf-8")
    sheet = _kit_pages(awards, tmp_path, empty)["factsheet.html"]
    items = re.findall(r'<li class="accolade[^"]*" id="a-([a-z0-9-]+)" title="Sources: ([^"]*)"', sheet)
    assert [record_id for record_id, _ in items] == ["zagrebdox-2010-special-mention"]  # the kit file's choice
    engine = sqlite_engine(db_path)
    (row,) = [r for r in list_awards(engine) if r.id == "zagrebdox-2010-special-mention"]
    refs = source_refs(engine)
    best = min(row.sources, key=lambda s: (SOURCE_KINDS.index(refs[s].kind or ""), row.sources.index(s)))
    assert items[0][1] == f"{refs[best].publisher}: {refs[best].title}".replace("'", "&#39;")


def test_kit_file_content_errors_name_the_file_and_the_key(awards, tmp_path: Path) -> None:
    kit_file = tmp_path / "presskit.toml"
    for text, key in [
        ('synopsis_source = "nope"\n', "synopsis_source"),
        ('runtime_source = "nope"\n', "runtime_source"),
        ('highlights = ["no-such-record"]\n', "highlights"),
    ]:
        kit_file.write_text(text, encoding="utf-8")
        result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(kit_file))
        assert result.exit_code == 1 and f"{kit_file}: {key}: " in result.stderr, (key, result.stderr)


@pytest.mark.slow
def test_a_highlight_the_filters_leave_out_is_skipped_not_an_error(awards, tmp_path: Path) -> None:
    kit_file = tmp_path / "presskit.toml"
    kit_file.write_text('highlights = ["idfa-2009-best-feature-length-documentary"]\n', encoding="utf-8")
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(kit_file), "--since", "2010")
    assert result.exit_code == 0, result.output
