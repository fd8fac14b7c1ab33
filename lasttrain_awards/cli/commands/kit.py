"""The press kit command."""

from __future__ import annotations

from pathlib import Path

import click

from lasttrain_awards.cli.messages import library_errors, say, say_unjudged, visible_report
from lasttrain_awards.cli.options import (
    AwardsCommand,
    filter_options,
    include_unstated_option,
    include_weak_option,
)
from lasttrain_awards.cli.settings import Settings, pass_settings
from lasttrain_awards.database.queries import Filters
from lasttrain_awards.defaults import KIT_FILE_NAME, KIT_LANGUAGES
from lasttrain_awards.safety import visible


@click.command("presskit", cls=AwardsCommand, short_help="Write the electronic press kit (page, fact sheet, laurels).")
@filter_options
@include_unstated_option
@include_weak_option
@click.option(
    "--lang",
    type=click.Choice(KIT_LANGUAGES),
    default=KIT_LANGUAGES[0],
    show_default=True,
    help="The kit's language: the tool's own words, dates, countries and laurels (the sources' words stay "
    "in their own).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the kit into (created if needed; its files are replaced atomically).",
)
@click.option(
    "--kit",
    "kit_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The kit file (TOML): contact, sales, your own logline or synopsis, which quotes and laurels to show. "
    f"Default: ./{KIT_FILE_NAME} when there is one.",
)
@click.option(
    "--png-width",
    type=click.IntRange(16, 8000),
    default=1200,
    show_default=True,
    metavar="PIXELS",
    help="Width of the laurels' PNG files (the SVGs scale to any size).",
)
@click.option("--no-png", is_flag=True, help="Write the laurels as SVG only (quicker: no PNG is rendered).")
@pass_settings
@library_errors
def presskit_(
    settings: Settings,
    filters: Filters,
    include_unstated: bool,
    include_weak: bool,
    lang: str,
    output: Path,
    kit_path: Path | None,
    png_width: int,
    no_png: bool,
) -> None:
    """The electronic press kit: presskit.html, presskit.md, factsheet.html, accolades.csv, laurels.

    Every line comes from a source (footnoted) or from the kit file (marked as yours). Wins that no
    source states, or that only an encyclopedia, a catalogue, a blog or the like states, are listed
    apart, with no laurel and not counted, unless --include-unstated or --include-weak (then they are
    counted and drawn, still labelled). Files you add to the folder are kept.

    \b
    Examples:
      awards presskit -o kit
      awards presskit -o kit --kit examples/presskit.toml --since 2010
      awards presskit -o kit --png-width 2400
      awards presskit -o kit-fr --lang fr
    """
    from lasttrain_awards.presskit import ContentError, KitFileError, build_kit, write_kit

    if kit_path is None and Path(KIT_FILE_NAME).is_file():
        kit_path = Path(KIT_FILE_NAME)
        say(f"awards: using the kit file {kit_path}")
    try:
        kit = build_kit(
            settings.current_engine(),
            filters,
            kit_path,
            include_unstated,
            None if no_png else png_width,
            include_weak,
            lang,
        )
    except KitFileError as exc:
        click.echo(visible_report(str(exc)), err=True, nl=False)
        raise click.ClickException(visible(f"the kit file {kit_path} is not valid; nothing was written")) from None
    except ContentError as exc:
        where = f"{kit_path}: {exc.key}: " if kit_path is not None and exc.key else ""
        raise click.ClickException(visible(f"{where}{exc}; nothing was written")) from None
    written = write_kit(output, kit, settings.data_dir)
    say(f"wrote {len(written)} files to {output}: {kit.accolades} accolades, {kit.laurels} laurels")
    say_unjudged(settings.engine, filters)
