"""The `awards` group: its global options, the settings they make, and the commands it holds."""

from __future__ import annotations

import os
from pathlib import Path

import click

from lasttrain_awards import __version__
from lasttrain_awards.cli.commands import authoring, browse, dataset, kit, records
from lasttrain_awards.cli.messages import Unencodable, say, usage_error
from lasttrain_awards.cli.options import AwardsGroup
from lasttrain_awards.cli.settings import Settings
from lasttrain_awards.database.engine import DEFAULT_CONNECT_TIMEOUT, check_url
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.paths import as_db_url, default_db_url, find_data_dir
from lasttrain_awards.safety import visible


@click.group(
    cls=AwardsGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run `awards COMMAND -h` for a command's options and examples. Shell completion: see the README.",
)
@click.version_option(__version__, "--version", prog_name="awards")
@click.option(
    "--db",
    "db",
    envvar="AWARDS_DB",
    metavar="URL",
    help="Database: any SQLAlchemy URL, or a SQLite file path. [env: AWARDS_DB; default: db/awards.sqlite "
    "in a checkout, else a per-user data directory]",
)
@click.option(
    "--data",
    "data",
    envvar="AWARDS_DATA",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Dataset directory. [env: AWARDS_DATA; default: the checkout's data/, else the bundled dataset]",
)
@click.option(
    "--no-build",
    is_flag=True,
    envvar="AWARDS_NO_BUILD",
    help="Never build or rebuild the database: read it as it is (shared or read-only databases).",
)
@click.option(
    "--connect-timeout",
    type=click.IntRange(1, 3600),
    default=DEFAULT_CONNECT_TIMEOUT,
    show_default=True,
    envvar="AWARDS_CONNECT_TIMEOUT",
    metavar="SECONDS",
    help="How long a database server may take to answer a connection. [env: AWARDS_CONNECT_TIMEOUT]",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, data: Path | None, no_build: bool, connect_timeout: int) -> None:
    """A sourced, validated record of a film's accolades, or of a catalogue of films.

    The bundled record is that of Last Train Home (2009, dir. Lixin Fan); `awards init` starts the
    record of another film.

    \b
    Examples:
      awards list --year 2010
      awards --db postgresql+psycopg://user@host/awards list --result won
      awards validate -q
    """
    if ctx.invoked_subcommand == "init":
        return  # it makes a dataset, or finds the one it adds a film to from its DIR: no data or database here
    if db is None and os.environ.get("AWARDS_DB") == "":
        db = ""  # an empty AWARDS_DB is as much a mistake as an empty --db, not a request for the default
    if db is not None and not db.strip():
        raise click.BadParameter("empty: give a SQLAlchemy URL or a SQLite file path", param_hint="--db / AWARDS_DB")
    try:
        db_url = as_db_url(db) if db else default_db_url()
        check_url(db_url)  # a malformed URL is a usage error now, not a traceback when first connected
        if data is None:
            data, how = find_data_dir()
            if data != Path.cwd().resolve() / "data":  # say which data, unless it is the obvious ./data
                say(f"awards: using the data in {data} ({how})")
    except AwardsError as exc:
        if exc.usage:
            raise usage_error(exc) from None
        raise click.ClickException(visible(str(exc))) from None
    ctx.obj = Settings(
        db_url=db_url,
        data_dir=data,
        default_db=db is None,
        build=not no_build,
        connect_timeout=connect_timeout,
    )


for command in (
    dataset.validate_,
    dataset.rules_,
    records.summary_,
    dataset.load_,
    records.list_,
    records.export_,
    kit.presskit_,
    records.stats_,
    records.conflicts_,
    records.refuted_,
    records.films_,
    records.events_,
    browse.browse_,
    dataset.ddl_,
    authoring.init_,
    authoring.import_,
):
    cli.add_command(command)


def main() -> None:
    unencodable = Unencodable()
    unencodable.install()
    try:
        cli(prog_name="awards")
    finally:
        unencodable.report()
