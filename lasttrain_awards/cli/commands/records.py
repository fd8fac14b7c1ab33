"""Commands that read the accolades: list, export, stats, conflicts, refuted, summary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lasttrain_awards.cli.messages import emit, library_errors, say, say_unjudged
from lasttrain_awards.cli.options import (
    AwardsCommand,
    film_filter,
    filter_options,
    include_unstated_option,
    include_weak_option,
    output_options,
    urls_option,
)
from lasttrain_awards.cli.settings import Settings, pass_settings
from lasttrain_awards.database.queries import (
    Filters,
    check_films,
    event_editions,
    event_labels,
    film_count,
    film_counts,
    film_labels,
    iter_awards,
    list_awards,
    list_refuted,
    one_film,
    source_records,
    stats,
)
from lasttrain_awards.output.citations import CITATION_FORMATS
from lasttrain_awards.output.views import (
    EXPORT_FORMATS,
    conflicts_output,
    encoded,
    events_output,
    export_chunks,
    films_output,
    list_chunks,
    refuted_output,
    stats_output,
)
from lasttrain_awards.output.writers import write
from lasttrain_awards.safety import visible

if TYPE_CHECKING:
    from lasttrain_awards.output.wikidata import Skipped


@click.command("list", cls=AwardsCommand, short_help="List accolades by year, date and event.")
@filter_options
@output_options()
@urls_option
@pass_settings
@library_errors
def list_(settings: Settings, filters: Filters, fmt: str, urls: bool) -> None:
    """List accolades, ordered by year, date and event.

    Results are the data's own values (won, nominated, selected, special-mention), as --result takes
    them, for scripts; `awards export` words them for a press kit (Won, Official selection).

    \b
    Examples:
      awards list --year 2010
      awards list --result won --since 2010 --format csv
      awards list --event sundance --format json | jq '.[].category'
      awards list --undated --format tsv
    """
    engine = settings.current_engine()
    check_films(engine, filters)
    emit(list_chunks(iter_awards(engine, filters), fmt, urls, films=film_count(engine, filters) > 1))
    say_unjudged(engine, filters)


@click.command(
    "export",
    cls=AwardsCommand,
    short_help="Export the table, Wikidata statements or the citations.",
)
@filter_options
@output_options((*EXPORT_FORMATS, "quickstatements", *CITATION_FORMATS), "csv")
@urls_option
@click.option("--excel", is_flag=True, help="Start with a UTF-8 byte-order mark so Excel reads accents and Chinese.")
@click.option("--raw", is_flag=True, help="Keep cells that start with =, +, -, @ as they are (unsafe in spreadsheets).")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="QuickStatements: write the export even when no accolade can be stated (else exit 1, saying why).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to FILE (replaced atomically), not stdout; - is stdout.",
)
@pass_settings
@library_errors
def export_(
    settings: Settings,
    filters: Filters,
    fmt: str,
    urls: bool,
    excel: bool,
    raw: bool,
    allow_empty: bool,
    output: Path | None,
) -> None:
    """The press-kit table: Year, Event, Category, Result, Recipients, City, Country, Sources.

    `--format quickstatements` gives Wikidata QuickStatements (v1) instead: one statement per win
    (P166) or nomination (P1411) whose film and prize have a Wikidata id in the data; the
    accolades skipped, and why, are listed on stderr.

    `--format csljson` or `bibtex` gives the sources the selected accolades cite, one reference
    each keyed by the source's id, for Zotero, Pandoc or LaTeX (biblatex).

    \b
    Examples:
      awards export --excel -o accolades.csv
      awards export --format markdown --result won
      awards export --format ndjson --urls
      awards export --format quickstatements -o statements.tsv
      awards export --format csljson --result won -o sources.json
    """
    if output is not None and not str(output).strip():
        raise click.BadParameter("empty file name", param_hint="-o/--output")
    if excel and fmt not in ("csv", "tsv"):
        raise click.BadParameter(
            f"only with --format csv or tsv: a byte-order mark would break {fmt}", param_hint="--excel"
        )
    if fmt in CITATION_FORMATS and (raw or urls):
        raise click.BadParameter(f"--raw and --urls shape the table formats, not {fmt}", param_hint="--format")
    engine = settings.current_engine()
    check_films(engine, filters)
    skipped: list[Skipped] = []
    if fmt in CITATION_FORMATS:
        from lasttrain_awards.output.citations import citations

        cited = {source for row in iter_awards(engine, filters) for source in row.sources}
        records = source_records(engine)  # by id: the references come out in id order
        chunks = encoded([citations(fmt, (records[s] for s in sorted(cited)))], excel=False)
    elif fmt == "quickstatements":  # statements about one film's item
        from lasttrain_awards.output.wikidata import statements

        filters = replace(filters, films=(one_film(engine, filters),))
        lines = list(statements(engine, iter_awards(engine, filters), skipped))  # one per accolade: few
        if not lines and not allow_empty:
            for skip in skipped:
                say(f"skipped {skip.award_id}: {skip.reason}")
            raise click.ClickException(
                f"no statement to write: all {len(skipped)} accolade(s) were skipped (above), so nothing was "
                "written; `awards validate --rule wikidata-ids` lists the ids to add (--allow-empty writes it anyway)"
            )
        chunks = encoded((line + "\n" for line in lines), excel=False)
    else:
        films = film_count(engine, filters) > 1
        chunks = encoded(export_chunks(iter_awards(engine, filters), fmt, raw, urls, films), excel)
    if output is not None and str(output) != "-":
        from lasttrain_awards.output.files import write_atomically

        write_atomically(output, chunks)
        say(f"wrote {output}")
    else:
        emit(chunks)  # bytes: written as they are, BOM and CRLF kept
    for skip in skipped:
        say(f"skipped {skip.award_id}: {skip.reason}")
    if fmt == "quickstatements":
        say(f"{len(skipped)} accolade(s) skipped: nothing is guessed (see the README)")
    say_unjudged(engine, filters)


@click.command("stats", cls=AwardsCommand, short_help="Count accolades: in all, by result, by year, by event.")
@filter_options
@output_options()
@pass_settings
@library_errors
def stats_(settings: Settings, filters: Filters, fmt: str) -> None:
    """Derived counts: total, by result, by year, by event (the filters of `list` apply).

    Tables name events; JSON keys them by id, as the data does; NDJSON gives one line per count
    ({"group": "by_event", "key": "idfa", "count": 1}).

    \b
    Examples:
      awards stats
      awards stats --since 2010 --format json
    """
    engine = settings.current_engine()
    check_films(engine, filters)
    emit(write(fmt, stats_output(stats(engine, filters), event_labels(engine), film_labels(engine))))
    say_unjudged(engine, filters)


@click.command("conflicts", cls=AwardsCommand, short_help="Show where sources disagree, computed from the claims.")
@film_filter
@output_options()
@urls_option
@pass_settings
@library_errors
def conflicts_(settings: Settings, filters: Filters, fmt: str, urls: bool) -> None:
    """Where sources disagree (category wording, year, result, film facts), computed from the claims.

    Refuted claims are shown by `awards refuted`.

    \b
    Examples:
      awards conflicts
      awards conflicts --urls --format csv
      awards conflicts --film last-train-home --format json
    """
    from lasttrain_awards.database.conflicts import conflicts

    engine = settings.current_engine()
    film_ids = check_films(engine, filters)
    addresses = {source_id: record["url"] for source_id, record in source_records(engine).items()}
    emit(write(fmt, conflicts_output(conflicts(engine, film_ids), addresses, urls)))


@click.command("refuted", cls=AwardsCommand, short_help="List false claims that circulate, with the evidence.")
@film_filter
@output_options()
@urls_option
@pass_settings
@library_errors
def refuted_(settings: Settings, filters: Filters, fmt: str, urls: bool) -> None:
    """Claims that circulate and are false, with who makes them and the evidence against them.

    They never count: no list, export, summary or laurel includes them. Check a claim here before
    copying it into a press kit.

    \b
    Examples:
      awards refuted
      awards refuted --urls --format markdown
    """
    engine = settings.current_engine()
    emit(write(fmt, refuted_output(list_refuted(engine, check_films(engine, filters)), urls)))


@click.command("summary", cls=AwardsCommand, short_help="Print the press-kit sentence derived from the data.")
@film_filter
@include_unstated_option
@include_weak_option
@pass_settings
@library_errors
def summary_(settings: Settings, filters: Filters, include_unstated: bool, include_weak: bool) -> None:
    """The press-kit sentence of one film, derived from the data (the README carries a copy a test
    keeps current). With several films in the data, --film names the one.

    It counts only wins that the awarding body, the press or the film's makers or funders state, unless
    --include-weak (also those that only an encyclopedia, a blog or the like states) or
    --include-unstated (those and the wins no source states).

    \b
    Examples:
      awards summary
      awards summary --include-unstated
      awards summary --film "Last Train Home"
    """
    from lasttrain_awards.output.summary import summary_sentence

    engine = settings.current_engine()
    rows = list_awards(engine, Filters(films=(one_film(engine, filters),)))
    emit([visible(summary_sentence(rows, include_unstated, include_weak)) + "\n"])


@click.command("films", cls=AwardsCommand, short_help="List the films, with their accolades by result.")
@filter_options
@output_options()
@pass_settings
@library_errors
def films_(settings: Settings, filters: Filters, fmt: str) -> None:
    """The films of the record, each with its accolades by result (the filters of `list` apply to the
    accolades counted; a film with none is listed with none).

    \b
    Examples:
      awards films
      awards films --year 2010 --format csv
    """
    engine = settings.current_engine()
    emit(write(fmt, films_output(film_counts(engine, filters))))
    say_unjudged(engine, filters)


@click.command("events", cls=AwardsCommand, short_help="List events and years, with their accolades and films.")
@filter_options
@output_options()
@pass_settings
@library_errors
def events_(settings: Settings, filters: Filters, fmt: str) -> None:
    """Each event and year of the selection: its edition where the records give one, how many
    accolades it holds and of how many films (the filters of `list` apply).

    \b
    Examples:
      awards events
      awards events --year 2010 --format json
      awards events --event idfa
    """
    engine = settings.current_engine()
    check_films(engine, filters)
    emit(write(fmt, events_output(event_editions(engine, filters))))
    say_unjudged(engine, filters)
