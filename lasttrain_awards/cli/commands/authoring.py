"""Commands that write a film's record: init (a new data repository, or a film added to one) and import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lasttrain_awards.authoring.terms import SHEET_FIELDS, SOURCE_KINDS
from lasttrain_awards.cli.messages import emit, library_errors, say
from lasttrain_awards.cli.options import AwardsCommand
from lasttrain_awards.cli.settings import Settings, pass_settings
from lasttrain_awards.errors import Refused
from lasttrain_awards.safety import visible

YEAR = click.IntRange(1888, 2100)


def _refused(exc: Refused) -> click.ClickException:
    """Each problem on a line of its own (stderr), then the refusal: exit 1."""
    for problem in exc.problems:
        say(f"  {problem}")
    return click.ClickException(visible(str(exc)))


def interactive() -> bool:
    """Whether someone can be asked: prompts only when standard input is a terminal."""
    return sys.stdin.isatty()


def _global_data(ctx: click.Context) -> tuple[Path | None, bool]:
    """The global --data (or AWARDS_DATA), and whether it was given on the command line itself."""
    root = ctx.find_root()
    data = root.params.get("data")
    source = root.get_parameter_source("data")
    return data, source is click.core.ParameterSource.COMMANDLINE


def _ask(title: str | None, year: int | None, directors: tuple[str, ...]) -> tuple[str, int, tuple[str, ...]]:
    missing = [name for name, value in (("--title", title), ("--year", year), ("--director", directors)) if not value]
    if missing and not interactive():
        raise click.UsageError(
            f"{', '.join(missing)} missing, and no terminal to ask on: "
            "awards init DIR --title TITLE --year YEAR --director NAME"
        )
    if not title:
        title = click.prompt("The film's title", type=str)
    if year is None:
        year = click.prompt("Its year", type=YEAR)
    if not directors:
        answer = click.prompt("Its director (several: separate them with ;)", type=str)
        directors = tuple(name for name in answer.split(";") if name.strip())
    assert title is not None and year is not None
    return title, year, directors


@click.command("init", cls=AwardsCommand, short_help="Start a film's record: a data repository that validates.")
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(path_type=Path))
@click.option("--title", help="The film's title (asked for when run in a terminal).")
@click.option("--year", type=YEAR, help="The film's year (asked for when run in a terminal).")
@click.option(
    "--director", "directors", multiple=True, help="The film's director (repeatable; asked for in a terminal)."
)
@click.option("--id", "film_id", metavar="ID", help="The film's id in the data [default: from the title].")
@click.option(
    "--repository",
    metavar="OWNER/NAME",
    help="The GitHub repository the record will live in, for the README's validation badge.",
)
@click.option(
    "--add-film",
    "add",
    is_flag=True,
    help="Add the film to an existing dataset (DIR's, default the working directory's; or --data) instead.",
)
@library_errors
def init_(
    directory: Path | None,
    title: str | None,
    year: int | None,
    directors: tuple[str, ...],
    film_id: str | None,
    repository: str | None,
    add: bool,
) -> None:
    """Start the record of a film's accolades: a new data repository in DIR, an empty or new folder.

    It writes data/ (films/ with the film's file, events/, sources/, awards/, refuted/), a README that
    says how to add an accolade with its source, a pyproject.toml naming the data (so every command run
    inside finds it), a GitHub workflow that runs `awards validate --format github` on each change and
    weekly, a Dependabot configuration for its actions and a pre-commit configuration. It validates
    as it is: 0 errors. Nothing is written if DIR holds anything (but .git) or cannot be written.

    With --add-film, it adds the film's file to an existing dataset instead, refusing an id that is
    there already.

    \b
    Examples:
      awards init paper-lanterns-awards --title "The Paper Lanterns" --year 2021 --director "Ada Example"
      awards init . --title "The Paper Lanterns" --year 2021 --director "Ada Example" --repository ada/lanterns
      awards init --add-film --title "A Second Example" --year 2023 --director "Ada Example"
    """
    from lasttrain_awards.authoring.scaffold import Film, add_film, dataset_of, new_repository

    ctx = click.get_current_context()
    data, named = _global_data(ctx)
    if directory is None and not add:
        raise click.UsageError("give DIR, the folder to start the record in (or --add-film, for an existing dataset)")
    if named and not add:
        raise click.UsageError(
            "--data names the dataset --add-film adds a film to; a new record's data is DIR/data", ctx
        )
    title, year, directors = _ask(title, year, directors)
    try:
        film = Film.of(title, year, directors, film_id)
        if add:
            target = data if data is not None else dataset_of(directory or Path("."))
            path = add_film(target, film)
            emit(
                [
                    visible(f"added {path}: {film.title} ({film.year}), id {film.id}") + "\n",
                    "Cite each source's statement of its title, year and directors under its facts.\n",
                ]
            )
            return
        assert directory is not None
        written = new_repository(directory, film, repository)
    except Refused as exc:
        raise _refused(exc) from None
    lines = [f"wrote the record of {film.title} ({film.year}) in {directory}:"]
    lines += [f"  {path.relative_to(directory)}" for path in written if path.name != ".gitkeep"]
    lines += [
        "It validates as it is (`awards validate` inside it). Next: add an accolade with its source (README.md),",
        "then put it on GitHub and set the repository variable AWARDS_PACKAGE (README.md, Continuous validation).",
    ]
    emit(visible(line) + "\n" for line in lines)


def _columns(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value in values:
        name, equals, header = value.partition("=")
        name = name.strip().lower()
        if not equals or not header.strip():
            raise click.BadParameter(f"{value!r}: give FIELD=HEADER, such as event=Festival", ctx, param)
        if name not in SHEET_FIELDS:
            raise click.BadParameter(f"{name!r} is not a field: one of {', '.join(SHEET_FIELDS)}", ctx, param)
        mapping[name] = header.strip()
    return mapping


@click.command(
    "import", cls=AwardsCommand, short_help="Take in a spreadsheet of accolades, each citing it as its source."
)
@click.argument("sheet", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--film",
    "film_id",
    required=True,
    metavar="ID",
    help="The film the rows are of, by its id (a Film column: its rows only).",
)
@click.option(
    "--source",
    "source_id",
    required=True,
    metavar="ID",
    help="The source the rows cite: a source of the data, or a new one (give its title, publisher and kind).",
)
@click.option("--source-title", metavar="TEXT", help="A new source's title (the spreadsheet's name).")
@click.option("--source-publisher", metavar="TEXT", help="A new source's publisher: who made the spreadsheet.")
@click.option(
    "--source-kind", type=click.Choice(SOURCE_KINDS), help="A new source's kind: who publishes it, how strong it is."
)
@click.option("--source-url", metavar="URL", help="A new source's address, where it has one.")
@click.option("--source-published", metavar="DATE", help="A new source's date, as YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    callback=_columns,
    help=f"Read FIELD from the column headed HEADER (repeatable; fields: {', '.join(SHEET_FIELDS)}).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be written, and write nothing.")
@pass_settings
@library_errors
def import_(
    settings: Settings,
    sheet: Path,
    film_id: str,
    source_id: str,
    source_title: str | None,
    source_publisher: str | None,
    source_kind: str | None,
    source_url: str | None,
    source_published: str | None,
    columns: dict[str, str],
    dry_run: bool,
) -> None:
    """Take in FILE, a spreadsheet of accolades (CSV, UTF-8), each row an award record whose one claim
    cites the spreadsheet: its wording is the row as written, its values what the row states.

    The columns are those `awards export` writes (Year, Event, Category, Result, Recipients, City,
    Country, Sources; Film and Source addresses when present), with Date, Edition and Section; map
    others with --column. A new source keeps a copy of FILE in the data repository's documents/.
    Records go to awards/<event>.json: new ones are added, a claim already there is skipped, and one
    that says otherwise than the data is a conflict (exit 1). Nothing is written unless all of it
    validates.

    \b
    Examples:
      awards import a.csv --film lanterns --source ours --source-title List --source-publisher Ada --source-kind press
      awards import list.csv --film lanterns --source ours --dry-run
      awards import sheet.csv --film lanterns --source ours --column event=Festival --column result=Outcome
    """
    from lasttrain_awards.authoring.importer import NewSource, apply_plan, plan_import
    from lasttrain_awards.paths import discover_data_dir

    ctx = click.get_current_context()
    data, _ = _global_data(ctx)
    if data is None and discover_data_dir() is None:
        raise click.UsageError(
            "no data repository in the working directory or above: run it inside yours, or give --data", ctx
        )
    details = {"--source-title": source_title, "--source-publisher": source_publisher, "--source-kind": source_kind}
    new_source = None
    if any(details.values()) or source_url or source_published:
        missing = [name for name, value in details.items() if not value]
        if missing:
            raise click.UsageError(f"a new source needs {', '.join(missing)} too", ctx)
        assert source_title and source_publisher and source_kind
        new_source = NewSource(source_title, source_publisher, source_kind, source_url, source_published)
    try:
        plan = plan_import(settings.data_dir, sheet, film_id, source_id, new_source, columns)
        if not dry_run:
            apply_plan(plan)
    except Refused as exc:
        raise _refused(exc) from None
    emit(visible(line) + "\n" for line in plan.lines(done=not dry_run))
