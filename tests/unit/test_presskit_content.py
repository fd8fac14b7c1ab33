"""The kit's content beyond the accolades: sourced film facts and the owner's kit file, from fictional
records (tests/commands/test_presskit_kit_file.py: how the press-kit command uses them). Kit files are
driven by tests/cases/presskit/{valid,invalid}/*.toml."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lasttrain_awards.database.queries import FilmRecord
from lasttrain_awards.presskit.content import ContentError, fact_line, kit_content
from lasttrain_awards.presskit.kitfile import KitFile, KitFileError, read_kit_file
from tests.builders import CASES
from tests.builders import film_statement as statement

PRESSKIT_CASES = CASES / "presskit"
VALID = sorted((PRESSKIT_CASES / "valid").glob("*.toml"))
INVALID = sorted((PRESSKIT_CASES / "invalid").glob("*.toml"))


FILM = FilmRecord(
    "film",
    "A Film",
    2009,
    ["Director"],
    [
        statement("runtime_minutes", 90, "broadcaster", "length of the broadcast"),
        statement("runtime_minutes", 85, "encyclopedia"),
        statement("runtime_minutes", 87, "dvd-shop", "length of the DVD"),
        statement("runtime_minutes", 85, "aggregator"),
        statement("producers", ["A", "B"], "encyclopedia"),
        statement("producers", ["A", "C"], "funder"),
        statement("titles", "A Film", "encyclopedia"),
        statement("titles", "Un film", "newspaper", "French title"),
        statement("synopsis", "One.\n\nTwo.", "catalogue"),
        statement("synopsis", "Other.", "encyclopedia"),
        statement("press_quotes", {"text": "Fine.", "critic": "C. Critic", "outlet": "Daily"}, "encyclopedia"),
        statement("press_quotes", {"text": "Good.", "outlet": "Weekly"}, "catalogue"),
    ],
)


def test_the_value_most_sources_state_comes_first_and_the_others_are_shown() -> None:
    line = fact_line("Running time", FILM.of("runtime_minutes"), lambda v: f"{v} minutes")
    assert line is not None
    assert (line.value, line.source_ids, line.note) == ("85 minutes", ("encyclopedia", "aggregator"), None)
    # a qualified value never passes for the film's own: it keeps its qualifier
    assert [(o.text, o.source_id, o.note) for o in line.others] == [
        ("90 minutes", "broadcaster", "length of the broadcast"),
        ("87 minutes", "dvd-shop", "length of the DVD"),
    ]


def test_a_chosen_source_puts_its_value_first() -> None:
    line = fact_line("Running time", FILM.of("runtime_minutes"), str, prefer="dvd-shop")
    assert line is not None and (line.value, line.source_ids, line.note) == ("87", ("dvd-shop",), "length of the DVD")
    assert {o.source_id for o in line.others} == {"broadcaster", "encyclopedia", "aggregator"}
    with pytest.raises(ContentError, match="no running time is recorded from source 'nowhere'"):
        fact_line("Running time", FILM.of("runtime_minutes"), str, prefer="nowhere")


def test_a_disagreement_on_producers_is_shown_not_resolved() -> None:
    content = kit_content([FILM])
    (producers,) = [line for line in content.facts if line.label == "Producers"]
    assert (producers.value, producers.source_ids) == ("A, B", ("encyclopedia",))
    assert [(o.text, o.source_id) for o in producers.others] == [("A, C", "funder")]


def test_without_a_kit_file_the_first_recorded_texts_are_quoted_and_nothing_is_invented() -> None:
    content = kit_content([FILM])
    assert content.synopsis is not None and content.synopsis.source_id == "catalogue"
    assert content.synopsis.paragraphs == ["One.", "Two."]
    assert [t.text for t in content.other_titles] == ["Un film"]  # the main title is not repeated
    assert [q.attribution for q in content.quotes] == ["C. Critic, Daily", "Weekly"]
    assert content.logline is None  # no source gives one: left out, not filled
    assert content.contact == () and content.sales == ()


def test_the_owners_texts_are_theirs_and_their_choices_are_checked() -> None:
    content = kit_content([FILM], KitFile(logline="Mine.", synopsis_source="encyclopedia", quotes=("Weekly",)))
    assert content.logline is not None and content.logline.source_id is None  # marked as the owner's
    assert content.synopsis is not None and content.synopsis.text == "Other."
    assert [q.outlet for q in content.quotes] == ["Weekly"]
    for kit, message in [
        (KitFile(synopsis_source="nowhere"), "no synopsis is recorded from source 'nowhere'"),
        (KitFile(quotes=("Nobody",)), "no press quote 'Nobody' is recorded"),
        (KitFile(film="other-film"), "names film 'other-film'"),
    ]:
        with pytest.raises(ContentError, match=message):
            kit_content([FILM], kit)
    with pytest.raises(ContentError, match="several films"):
        kit_content([FILM, dataclasses.replace(FILM, id="second")])


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_kit_files_read(path: Path) -> None:
    kit = read_kit_file(path)
    assert kit.path == str(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_kit_files_say_where_and_what(path: Path) -> None:
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(KitFileError) as caught:
        read_kit_file(path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_a_tie_goes_to_the_first_recorded_and_a_qualified_source_never_backs_the_films_value() -> None:
    statements = [
        statement("runtime_minutes", 85, "a"),
        statement("runtime_minutes", 90, "b"),
        statement("runtime_minutes", 85, "c"),
        statement("runtime_minutes", 90, "d"),
        statement("runtime_minutes", 90, "e", "festival cut"),
    ]
    line = fact_line("Running time", statements, str)
    assert line is not None and (line.value, line.source_ids, line.note) == ("85", ("a", "c"), None)
    assert ("90", "e", "festival cut") in [(o.text, o.source_id, o.note) for o in line.others]
    names = fact_line(
        "Producers", [statement("producers", ["A", "B"], "x"), statement("producers", ["B", "A"], "y")], str
    )
    assert names is not None and names.source_ids == ("x", "y") and names.others == ()  # the same names, any order
