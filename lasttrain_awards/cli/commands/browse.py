"""Browsing the database in Datasette."""

from __future__ import annotations

import sys

import click

from lasttrain_awards.cli.messages import library_errors
from lasttrain_awards.cli.options import (
    AwardsCommand,
)
from lasttrain_awards.cli.settings import Settings, pass_settings


@click.command("browse", cls=AwardsCommand, short_help="Browse and search the database in Datasette.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port to serve on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser once it is served.")
@pass_settings
@library_errors
def browse_(settings: Settings, host: str, port: int, open_browser: bool) -> None:
    """Browse and search the database in Datasette (the browse extra).

    Serves the SQLite database with db/metadata.json: the accolades view (a search box over the
    categories, event names, recipients and the sources' own words; facets; undated accolades
    last) beside the tables of claims and sources. Builds the database first if the data changed
    (not with --no-build). Ctrl-C stops it. Needs `pip install '.[browse]'` in the checkout. A
    PostgreSQL database cannot be browsed: Datasette reads SQLite files.

    \b
    Examples:
      awards browse --open
      awards browse --port 8080
      awards --db awards.sqlite browse --host 0.0.0.0
      # then, for example: http://127.0.0.1:8001/awards/accolades?_search=Cinematography
    """
    from lasttrain_awards.database.browse import BrowseError, browse, require_datasette, sqlite_database

    try:
        path = sqlite_database(settings.db_url)  # before any build: a PostgreSQL URL is refused as it is
        require_datasette()  # and a missing Datasette is said before a build, not after
        settings.current_engine()  # builds or rebuilds the file when the data changed
        status = browse(path, host=host, port=port, open_browser=open_browser)
    except BrowseError as exc:
        raise click.ClickException(str(exc)) from None
    if status:
        sys.exit(status)  # Datasette's own failure (a port in use…), which it has already printed
