"""The `awards` command line: a thin layer over the library.

Library exceptions become `click.ClickException` here and nowhere else, so every
failure prints one clear message and exits 1; Click's usage errors exit 2.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from lasttrain_awards import __version__
from lasttrain_awards.database import DEFAULT_CONNECT_TIMEOUT, check_url, ddl, make_engine, shown, sqlite_file
from lasttrain_awards.defaults import DEFAULT_LINK_TIMEOUT, DEFAULT_MAX_SOURCE_AGE, KIT_FILE_NAME
from lasttrain_awards.errors import AwardsError, DatabaseUnavailable, InvalidData
from lasttrain_awards.export import EXPORT_FORMATS, encoded, export_chunks, list_chunks
from lasttrain_awards.freshness import ensure_current
from lasttrain_awards.paths import as_db_url, default_db_url, find_data_dir
from lasttrain_awards.queries import (
    RESULTS,
    STATUSES,
    YEAR_MAX,
    YEAR_MIN,
    Filters,
    event_labels,
    iter_awards,
    list_awards,
    list_refuted,
    source_records,
    source_refs,
    stats,
    unjudged,
    wikidata_ids,
)
from lasttrain_awards.rendering import FORMATS, Output, write
from lasttrain_awards.reporting import MAX_SHOWN, REPORT_FORMATS, REPORTERS, quiet_text_report, text_report
from lasttrain_awards.textsafety import visible

if TYPE_CHECKING:
    from lasttrain_awards.wikidata import Skipped

F = TypeVar("F", bound=Callable[..., Any])
YEAR = click.IntRange(YEAR_MIN, YEAR_MAX)


@dataclass
class Settings:
    db_url: str
    data_dir: Path
    default_db: bool = False
    build: bool = True
    connect_timeout: int = DEFAULT_CONNECT_TIMEOUT

    @functools.cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.db_url, self.connect_timeout)
        path = sqlite_file(engine.url)
        if self.default_db and path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)  # only our own default folder is created
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"cannot create {path.parent} for the default database ({exc.strerror}): set HOME (or "
                    "XDG_DATA_HOME) to a folder you may write, or give --db (AWARDS_DB) a file path"
                ) from None
        return engine

    def current_engine(self) -> Engine:
        """The engine, after building or rebuilding the database if the data changed."""
        ensure_current(self.engine, self.data_dir, notify=say, build=self.build, progress=Progress())
        return self.engine


def say(message: str) -> None:
    """A notice on stderr, its control characters made visible (a file name can hold any)."""
    click.echo(visible(message), err=True)


def say_unjudged(engine: Engine, filters: Filters) -> None:
    """Say how many records a filter could not judge (no year, no country): unknown is not no."""
    for note in unjudged(engine, filters):
        say(f"awards: {note}")


class Progress:
    """A progress bar on stderr for loads that take more than a couple of seconds, in a terminal only."""

    DELAY = 2.0

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < self.DELAY:
                return
            self.bar = click.progressbar(length=total, label="loading", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done == total:
            self.bar.__exit__(None, None, None)


def emit(chunks: Iterable[str | bytes]) -> None:
    """Write a command's output to stdout, the one way every command does.

    A reader that stops early (`| head`) ends the command quietly, exit 0; an output that cannot be
    written (a full device) is one line naming it, exit 1.
    """
    try:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # or Python reports it again at exit
        sys.exit(0)
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the failed flush is not retried at exit
        raise click.ClickException(f"cannot write the output to standard output: {exc.strerror or exc}") from None


def _usage_error(exc: AwardsError) -> click.UsageError:
    ctx = click.get_current_context(silent=True)
    if exc.hint:
        return click.BadParameter(visible(str(exc)), ctx=ctx, param_hint=exc.hint)
    return click.UsageError(visible(str(exc)), ctx=ctx)


def library_errors(command: F) -> F:
    """Turn the library's exceptions into one clear line: exit 1, or 2 for a request that cannot be."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidData as exc:
            click.echo(visible_report(text_report(exc.report)), err=True, nl=False)
            raise click.ClickException("the data does not validate; the database was left as it was") from None
        except AwardsError as exc:
            if exc.usage:
                raise _usage_error(exc) from None
            raise click.ClickException(visible(str(exc))) from None
        except SQLAlchemyError as exc:
            raise click.ClickException(
                visible(database_message(exc, next((a for a in args if isinstance(a, Settings)), None)))
            ) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(visible(f"{where}{exc.strerror or exc}")) from None

    return wrapper  # type: ignore[return-value]


def visible_report(text: str) -> str:
    """A report's lines, each with its controls made visible (the line breaks between them kept)."""
    return "".join(visible(line) + "\n" for line in text.splitlines())


def database_message(exc: SQLAlchemyError, settings: Settings | None) -> str:
    """A database error as one line naming the database, and what to try for a connection that failed."""
    from sqlalchemy.exc import OperationalError

    detail = " ".join(str(getattr(exc, "orig", None) or exc).split())
    where = shown(settings.db_url) if settings is not None else "the database"
    if isinstance(exc, OperationalError) and settings is not None and sqlite_file(settings.db_url) is None:
        return (
            f"cannot use {where}: {detail} (is the server up and reachable? "
            f"--connect-timeout is {settings.connect_timeout} s)"
        )
    return f"database error at {where}: {detail}"


def filter_options(command: F) -> F:
    """The filters shared by list, export and stats; they arrive as one `filters` argument."""
    options = [
        click.option("--year", "years", type=YEAR, multiple=True, help="Only this year (repeatable)."),
        click.option("--since", type=YEAR, help="Only this year and later."),
        click.option("--until", type=YEAR, help="Only this year and earlier."),
        click.option("--event", help="Events whose id, name or alias contains TEXT (case and accents ignored)."),
        click.option("--result", type=click.Choice(RESULTS), help="Only this result."),
        click.option("--country", help="Events in this country (ISO 3166-1 alpha-2 code)."),
        click.option("--undated", is_flag=True, help="Only records no source dates."),
        click.option(
            "--status",
            type=click.Choice((*STATUSES, "any")),
            default="active",
            show_default=True,
            help="Record status to include.",
        ),
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        status = kwargs.pop("status")
        try:  # the filters check themselves; what they refuse is a usage error here
            kwargs["filters"] = Filters(
                years=kwargs.pop("years"),
                since=kwargs.pop("since"),
                until=kwargs.pop("until"),
                event=kwargs.pop("event"),
                result=kwargs.pop("result"),
                country=kwargs.pop("country"),
                undated=kwargs.pop("undated"),
                status=None if status == "any" else status,
            )
        except AwardsError as exc:
            raise _usage_error(exc) from None
        return command(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def output_options(formats: tuple[str, ...] = FORMATS, default: str = "table") -> Callable[[F], F]:
    """The shared `--format` option."""
    return click.option(
        "--format", "fmt", type=click.Choice(formats), default=default, show_default=True, help="Output format."
    )


urls_option = click.option(
    "--urls",
    is_flag=True,
    help="Also show each cited source's address (JSON always carries it).",
)
include_unstated_option = click.option(
    "--include-unstated",
    is_flag=True,
    help="Count and draw wins that no source states (read from lists of laurels), labelled as such.",
)


GLOBAL_OPTIONS = ("--db", "--data", "--no-build")


class AwardsCommand(click.Command):
    """A subcommand that, given an option of `awards` itself, says where that option goes."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if exc.option_name in GLOBAL_OPTIONS:
                name = exc.option_name
                raise click.UsageError(
                    f"{name} is an option of `awards` itself: put it before the command, "
                    f"as in `awards {name}{'' if name == '--no-build' else ' …'} {ctx.info_name} …`",
                    ctx,
                ) from None
            raise


class AwardsGroup(click.Group):
    command_class = AwardsCommand


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
    """A sourced, validated record of the accolades of Last Train Home (2009, dir. Lixin Fan).

    \b
    Examples:
      awards list --year 2010
      awards --db postgresql+psycopg://user@host/awards list --result won
      awards validate -q
    """
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
            raise _usage_error(exc) from None
        raise click.ClickException(visible(str(exc))) from None
    ctx.obj = Settings(
        db_url=db_url,
        data_dir=data,
        default_db=db is None,
        build=not no_build,
        connect_timeout=connect_timeout,
    )


pass_settings = click.make_pass_decorator(Settings)


class RuleId(click.ParamType):
    """A rule id, checked against the registry only when one is given: other commands load no rules."""

    name = "rule"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from lasttrain_awards.rules import RULES

        if value not in RULES:
            self.fail(f"{value!r} is not a rule: choose from {', '.join(sorted(RULES))}", param, ctx)
        return str(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from lasttrain_awards.rules import RULES

        return [CompletionItem(r) for r in sorted(RULES) if r.startswith(incomplete)]


RULE = RuleId()


@cli.command("validate", short_help="Check the data against the schemas and rules.")
@output_options(REPORT_FORMATS, "text")
@click.option(
    "--severity",
    type=click.Choice(["warning", "error"]),
    default="warning",
    show_default=True,
    help="Show findings of this severity and above (the exit status is the same either way).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, and no summary line: nothing when valid.")
@click.option("--select", multiple=True, type=RULE, metavar="RULE", help="Apply only this rule (repeatable).")
@click.option("--ignore", multiple=True, type=RULE, metavar="RULE", help="Skip this rule (repeatable).")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Pin today's date for the time-aware rules (reproducible runs, tests).",
)
@click.option(
    "--max-source-age",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_SOURCE_AGE,
    show_default=True,
    metavar="DAYS",
    help="stale-source: how long a source's check stays fresh.",
)
@click.option(
    "--max-findings",
    type=click.IntRange(min=0),
    default=MAX_SHOWN,
    show_default=True,
    metavar="N",
    help="Print at most N findings in text and GitHub reports, then how many more (0: all; JSON has all).",
)
@click.option("--check-links", is_flag=True, help="Also check that every source url answers (rule links).")
@click.option(
    "--link-timeout",
    type=click.FloatRange(min=0.1, max=120),
    default=DEFAULT_LINK_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="links: how long to wait for each address.",
)
@pass_settings
@library_errors
def validate_(
    settings: Settings,
    fmt: str,
    severity: str,
    quiet: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    today: datetime | None,
    max_source_age: int,
    max_findings: int,
    check_links: bool,
    link_timeout: float,
) -> None:
    """Check every data file against the schemas and rules; exit 1 on any error (see `awards rules`).

    \b
    Examples:
      awards validate
      awards validate -q                      # errors only: quiet when the data is valid
      awards validate --format github --strict --ignore undated --ignore result-unstated
      awards validate --check-links --today 2027-01-01
    """
    from lasttrain_awards.rules import Context, select_rules
    from lasttrain_awards.validation import scan

    context = Context(
        today=today.date() if today else date.today(), max_source_age=max_source_age, link_timeout=link_timeout
    )
    chosen = select_rules(select, ignore, check_links=check_links)

    report = scan(settings.data_dir, context, chosen).report
    if strict:
        report = report.strict()
    if quiet or severity == "error":
        report = report.errors_only()
    limit = max_findings or None
    if quiet and fmt == "github":  # the annotations only: a summary line would be one more annotation
        text = "".join(line + "\n" for line in REPORTERS[fmt](report, limit).splitlines() if line.startswith("::"))
    else:
        text = (quiet_text_report if quiet and fmt == "text" else REPORTERS[fmt])(report, limit)
    emit([text])
    sys.exit(0 if report.ok else 1)


@cli.command("rules", short_help="List the validation rules and what each checks.")
@output_options()
def rules_(fmt: str) -> None:
    """List the validation rules: id, default severity, when they run, what they check.

    \b
    Examples:
      awards rules
      awards rules --format json
    """
    from lasttrain_awards.rules import RULES

    rows = [
        {
            "Rule": r.id,
            "Severity": str(r.severity),
            "Runs": "opt-in" if r.opt_in else "time-aware" if r.time_aware else "always",
            "Gates build": "no" if r.opt_in or r.currency else "yes",
            "Checks": r.description,
        }
        for r in RULES.values()
    ]
    emit(write(fmt, Output(["Rule", "Severity", "Runs", "Gates build", "Checks"], rows)))


@cli.command("summary", short_help="Print the press-kit sentence derived from the data.")
@include_unstated_option
@pass_settings
@library_errors
def summary_(settings: Settings, include_unstated: bool) -> None:
    """The press-kit sentence, derived from the data (the README carries a copy a test keeps current).

    It counts only wins that a source states, unless --include-unstated.

    \b
    Examples:
      awards summary
      awards summary --include-unstated
    """
    from lasttrain_awards.summary import summary_sentence

    emit([visible(summary_sentence(list_awards(settings.current_engine()), include_unstated)) + "\n"])


@cli.command("load", short_help="Validate the data, then rebuild the database from it.")
@pass_settings
@library_errors
def load_(settings: Settings) -> None:
    """Validate the data, then rebuild the database from it in one transaction.

    The other commands build the database when they need to; `load` does it now, and says what it
    loaded.

    \b
    Examples:
      awards load
      awards --db postgresql+psycopg://user@host/awards load
    """
    from lasttrain_awards.loading import load

    if not settings.build:
        raise click.UsageError(
            "`load` builds the database, which --no-build (AWARDS_NO_BUILD) forbids: drop it to load"
        )
    summary = load(settings.engine, settings.data_dir, progress=Progress())
    rows = [{"Table": table, "Rows": count} for table, count in summary.counts.items()]
    emit([visible(f"loaded {settings.data_dir} into {summary.database}") + "\n"])
    emit(write("table", Output(["Table", "Rows"], rows)))
    if summary.warnings:
        say(f"{summary.warnings} warning(s): see `awards validate`")


@cli.command("list", short_help="List accolades by year, date and event.")
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
    emit(list_chunks(iter_awards(engine, filters), fmt, urls))
    say_unjudged(engine, filters)


@cli.command("export", short_help="Export the press-kit table (CSV, TSV, JSON, Markdown, Wikidata).")
@filter_options
@output_options((*EXPORT_FORMATS, "quickstatements"), "csv")
@urls_option
@click.option("--excel", is_flag=True, help="Start with a UTF-8 byte-order mark so Excel reads accents and Chinese.")
@click.option("--raw", is_flag=True, help="Keep cells that start with =, +, -, @ as they are (unsafe in spreadsheets).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to FILE (replaced atomically), not stdout; - is stdout.",
)
@pass_settings
@library_errors
def export_(
    settings: Settings, filters: Filters, fmt: str, urls: bool, excel: bool, raw: bool, output: Path | None
) -> None:
    """The press-kit table: Year, Event, Category, Result, Recipients, City, Country, Sources.

    `--format quickstatements` gives Wikidata QuickStatements (v1) instead: one statement per win
    (P166) or nomination (P1411) whose film and prize have a Wikidata id in the data; the
    accolades skipped, and why, are listed on stderr.

    \b
    Examples:
      awards export --excel -o accolades.csv
      awards export --format markdown --result won
      awards export --format ndjson --urls
      awards export --format quickstatements -o statements.tsv
    """
    if output is not None and not str(output).strip():
        raise click.BadParameter("empty file name", param_hint="-o/--output")
    if excel and fmt not in ("csv", "tsv"):
        raise click.BadParameter(
            f"only with --format csv or tsv: a byte-order mark would break {fmt}", param_hint="--excel"
        )
    engine = settings.current_engine()
    rows = iter_awards(engine, filters)
    skipped: list[Skipped] = []
    if fmt == "quickstatements":
        from lasttrain_awards.wikidata import Items, quickstatements

        films, events, prizes = wikidata_ids(engine)
        lines = quickstatements(rows, Items(films, events, prizes), source_refs(engine), skipped)
        chunks = encoded((line + "\n" for line in lines), excel=False)
    else:
        chunks = encoded(export_chunks(rows, fmt, raw, urls), excel)
    if output is not None and str(output) != "-":
        from lasttrain_awards.files import write_atomically  # only a command that writes a file loads it

        write_atomically(output, chunks)
        say(f"wrote {output}")
    else:
        emit(chunks)  # bytes: written as they are, BOM and CRLF kept
    for skip in skipped:
        say(f"skipped {skip.award_id}: {skip.reason}")
    if fmt == "quickstatements":
        say(f"{len(skipped)} accolade(s) skipped: nothing is guessed (see the README)")
    say_unjudged(engine, filters)


@cli.command("presskit", short_help="Write the electronic press kit (page, fact sheet, laurels).")
@filter_options
@include_unstated_option
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
    output: Path,
    kit_path: Path | None,
    png_width: int,
    no_png: bool,
) -> None:
    """The electronic press kit: presskit.html, presskit.md, factsheet.html, accolades.csv, laurels.

    Every line comes from a source (footnoted) or from the kit file (marked as yours). Wins that no
    source states are listed apart, with no laurel and not counted, unless --include-unstated (then
    they are counted and drawn, still labelled). Files you add to the folder are kept.

    \b
    Examples:
      awards presskit -o kit
      awards presskit -o kit --kit examples/presskit.toml --since 2010
      awards presskit -o kit --png-width 2400
    """
    from lasttrain_awards.presskit import ContentError, KitFileError, build_kit, write_kit

    if kit_path is None and Path(KIT_FILE_NAME).is_file():
        kit_path = Path(KIT_FILE_NAME)
        say(f"awards: using the kit file {kit_path}")
    try:
        kit = build_kit(settings.current_engine(), filters, kit_path, include_unstated, None if no_png else png_width)
    except KitFileError as exc:
        click.echo(visible_report(str(exc)), err=True, nl=False)
        raise click.ClickException(visible(f"the kit file {kit_path} is not valid; nothing was written")) from None
    except ContentError as exc:
        where = f"{kit_path}: {exc.key}: " if kit_path is not None and exc.key else ""
        raise click.ClickException(visible(f"{where}{exc}; nothing was written")) from None
    written = write_kit(output, kit, settings.data_dir)
    say(f"wrote {len(written)} files to {output}: {kit.accolades} accolades, {kit.laurels} laurels")
    say_unjudged(settings.engine, filters)


STATS_GROUPS = {"by_result": "Result", "by_year": "Year", "by_event": "Event"}


@cli.command("stats", short_help="Count accolades: in all, by result, by year, by event.")
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
    counts = stats(engine, filters)
    names = event_labels(engine)
    rows = [{"Counted by": "All", "Value": "", "Accolades": counts["total"]}]
    for group, label in STATS_GROUPS.items():
        rows += [
            {"Counted by": label, "Value": names.get(key, key) if group == "by_event" else key, "Accolades": n}
            for key, n in counts[group].items()
        ]
    # NDJSON: one line per count, keyed as JSON keys them (ids); the other formats read as the table
    records = [{"group": "total", "key": None, "count": counts["total"]}] + [
        {"group": group, "key": key, "count": n} for group in STATS_GROUPS for key, n in counts[group].items()
    ]
    emit(write(fmt, Output(["Counted by", "Value", "Accolades"], rows, records=records, document=counts)))
    say_unjudged(engine, filters)


@cli.command("conflicts", short_help="Show where sources disagree, computed from the claims.")
@output_options()
@urls_option
@pass_settings
@library_errors
def conflicts_(settings: Settings, fmt: str, urls: bool) -> None:
    """Where sources disagree (category wording, year, result, film facts), computed from the claims.

    Refuted claims are shown by `awards refuted`.

    \b
    Examples:
      awards conflicts
      awards conflicts --urls --format csv
    """
    from lasttrain_awards.conflicts import conflicts  # the one command that uses the ORM

    engine = settings.current_engine()
    found = conflicts(engine)
    addresses = {source_id: record["url"] for source_id, record in source_records(engine).items()}
    headers = ["Subject", "Field", "Recorded", "Source", "Source says"] + (["Address"] if urls else [])
    rows = [
        {
            "Subject": c.subject,
            "Field": c.field,
            "Recorded": c.recorded,
            "Source": v["source"],
            "Source says": v["value"],
            "Address": addresses.get(v["source"]),
        }
        for c in found
        for v in c.values
    ]
    records = [c.as_dict() for c in found]
    for record in records:
        record["values"] = [value | {"url": addresses.get(value["source"])} for value in record["values"]]
    emit(write(fmt, Output(headers, rows, records=records)))


def _citations(citations: list[dict[str, Any]], urls: bool) -> list[str]:
    return [f"{c['publisher']}: {c['title']}" + (f" <{c['url']}>" if urls and c["url"] else "") for c in citations]


@cli.command("refuted", short_help="List false claims that circulate, with the evidence.")
@output_options()
@urls_option
@pass_settings
@library_errors
def refuted_(settings: Settings, fmt: str, urls: bool) -> None:
    """Claims that circulate and are false, with who makes them and the evidence against them.

    They never count: no list, export, summary or laurel includes them. Check a claim here before
    copying it into a press kit.

    \b
    Examples:
      awards refuted
      awards refuted --urls --format markdown
    """
    found = list_refuted(settings.current_engine())
    headers = ["Claim", "Result", "Why it is false", "Claimed by", "Refuted by"]
    rows = [
        {
            "Claim": r["claim"],
            "Result": f"not {r['result']}",
            "Why it is false": r["reason"],
            "Claimed by": _citations(r["claimed_by"], urls),
            "Refuted by": _citations(r["refuted_by"], urls),
        }
        for r in found
    ]
    emit(write(fmt, Output(headers, rows, records=found)))


@cli.command("browse", short_help="Browse and search the database in Datasette.")
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
    from lasttrain_awards.browse import BrowseError, browse, require_datasette, sqlite_database

    try:
        path = sqlite_database(settings.db_url)  # before any build: a PostgreSQL URL is refused as it is
        require_datasette()  # and a missing Datasette is said before a build, not after
        settings.current_engine()  # builds or rebuilds the file when the data changed
        status = browse(path, host=host, port=port, open_browser=open_browser)
    except BrowseError as exc:
        raise click.ClickException(str(exc)) from None
    if status:
        sys.exit(status)  # Datasette's own failure (a port in use…), which it has already printed


@cli.command("ddl", short_help="Print the database DDL generated from the models.")
@click.option(
    "--dialect",
    type=click.Choice(("sqlite", "postgresql")),
    default="sqlite",
    show_default=True,
    help="The SQL dialect to write the CREATE statements in.",
)
def ddl_(dialect: str) -> None:
    """Print the database DDL generated from the models (db/schema.sql is the SQLite one).

    \b
    Examples:
      awards ddl > db/schema.sql
      awards ddl --dialect postgresql
    """
    emit([ddl(dialect)])


class _Unencodable:
    """Characters the output's encoding cannot hold: written as escapes, and counted for one notice.

    A terminal set to latin-1 (PYTHONIOENCODING, an old locale) cannot show 归途列车: rather than a
    traceback, or text silently lost, the characters are written as \\uXXXX and the user told why.
    """

    NAME = "awards-escape"

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeEncodeError)
        bad = error.object[error.start : error.end]
        self.count += len(bad)
        return bad.encode("ascii", "backslashreplace").decode("ascii"), error.end

    def install(self) -> None:
        import codecs

        codecs.register_error(self.NAME, self)
        for stream in (sys.stdout, sys.stderr):
            encoding = getattr(stream, "encoding", None) or "utf-8"
            if codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32") and hasattr(stream, "reconfigure"):
                stream.reconfigure(errors=self.NAME)

    def report(self) -> None:
        if self.count:
            encoding = getattr(sys.stdout, "encoding", "?")
            click.echo(
                f"awards: {self.count} character(s) that the output encoding ({encoding}) cannot hold were written "
                "as \\u escapes: set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) to see them",
                err=True,
            )


def main() -> None:
    unencodable = _Unencodable()
    unencodable.install()
    try:
        cli(prog_name="awards")
    finally:
        unencodable.report()
