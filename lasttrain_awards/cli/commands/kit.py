"""The press kit command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

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
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="The fact sheet's paper: factsheet.pdf is one page of it, and factsheet.html prints on it.",
)
@click.option(
    "--zip",
    "zip_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Also write the whole kit as one ZIP archive: FILE, or without it KIT.zip beside the kit folder "
    "(replaced only when an earlier --zip wrote it).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a kit the tool warns about (the example file's placeholder contacts, say): exit 1, nothing written.",
)
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
    paper: str,
    zip_path: str | None,
    strict: bool,
) -> None:
    """The electronic press kit: presskit.html, presskit.md, factsheet.html and factsheet.pdf,
    accolades.csv, laurels, and the kit file's images.

    Every line comes from a source (footnoted) or from the kit file (marked as yours). Wins that no
    source states, or that only an encyclopedia, a catalogue, a blog or the like states, are listed
    apart, with no laurel and not counted, unless --include-unstated or --include-weak (then they are
    counted and drawn, still labelled). Files you add to the folder are kept. On a terminal, a
    progress bar shows on stderr while the kit is made.

    \b
    Examples:
      awards presskit -o kit
      awards presskit -o kit --kit examples/presskit.toml --since 2010
      awards presskit -o kit --png-width 2400 --paper letter --zip
      awards presskit -o kit-fr --lang fr
    """
    from lasttrain_awards.presskit import ContentError, KitFileError, build_kit, write_kit
    from lasttrain_awards.presskit.archive import check_archive_target, kit_archive, write_archive
    from lasttrain_awards.presskit.kit import KitWarnings

    if kit_path is None and Path(KIT_FILE_NAME).is_file():
        kit_path = Path(KIT_FILE_NAME)
        say(f"awards: using the kit file {kit_path}")
    archive = None if zip_path is None else Path(zip_path) if zip_path else output.parent / f"{output.name}.zip"
    keep_out = [settings.data_dir] if settings.data_dir is not None else []
    replace_archive = check_archive_target(archive, output, keep_out) if archive is not None else False
    bar = _Progress(sys.stderr)
    try:
        kit = build_kit(
            settings.current_engine(),
            filters,
            kit_path,
            include_unstated,
            None if no_png else png_width,
            include_weak,
            lang,
            paper=paper.lower(),
            strict=strict,
            progress=bar if bar.shown else None,
        )
    except KitFileError as exc:
        click.echo(visible_report(str(exc)), err=True, nl=False)
        raise click.ClickException(visible(f"the kit file {kit_path} is not valid; nothing was written")) from None
    except ContentError as exc:
        where = f"{kit_path}: {exc.key}: " if kit_path is not None and exc.key else ""
        raise click.ClickException(visible(f"{where}{exc}; nothing was written")) from None
    except KitWarnings as exc:
        for warning in exc.warnings:
            say(f"awards: error: {_of(kit_path, warning)}")
        raise click.ClickException(
            f"--strict: {len(exc.warnings)} warning(s) about the kit; nothing was written"
        ) from None
    finally:
        bar.close()
    for warning in kit.warnings:
        say(f"awards: warning: {_of(kit_path, warning)}")
    written = write_kit(output, kit, settings.data_dir)
    if archive is not None:
        write_archive(archive, kit_archive(kit.files, output.name), replace_archive)
    pages = f"{kit.pdf_pages} pages" if kit.pdf_pages > 1 else "1 page"
    say(
        f"wrote {len(written)} files to {output}: {kit.accolades} accolades, {kit.laurels} laurels, "
        f"{kit.images} images, factsheet.pdf ({kit.paper}, {pages})"
        + (f"; the whole kit in {archive}" if archive is not None else "")
    )
    say_unjudged(settings.engine, filters)


def _of(kit_path: Path | None, warning: str) -> str:
    """A warning about the kit file's keys names the file first."""
    return f"{kit_path}: {warning}" if kit_path is not None and not warning.startswith("factsheet.pdf") else warning


class _Progress:
    """A progress bar on stderr while the kit is made, only on a terminal: a pipe or a log gets
    nothing more than the summary line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = bool(getattr(stream, "isatty", lambda: False)())
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="awards: making the press kit", file=self.stream)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
