"""Commands about the dataset and the database: validate, rules, load, ddl."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from lasttrain_awards.cli.messages import Progress, emit, library_errors, say
from lasttrain_awards.cli.options import AwardsCommand, output_options, rule_option
from lasttrain_awards.cli.settings import Settings, pass_settings
from lasttrain_awards.database.engine import ddl
from lasttrain_awards.defaults import DEFAULT_LINK_TIMEOUT, DEFAULT_MAX_SOURCE_AGE
from lasttrain_awards.output.views import load_output, rules_output
from lasttrain_awards.output.writers import write
from lasttrain_awards.safety import visible
from lasttrain_awards.validation.reports import MAX_SHOWN, REPORT_FORMATS, report_text


@click.command("validate", cls=AwardsCommand, short_help="Check the data against the schemas and rules.")
@output_options(REPORT_FORMATS, "text")
@click.option(
    "--severity",
    type=click.Choice(["warning", "error"]),
    default="warning",
    show_default=True,
    help="Show findings of this severity and above (the exit status is the same either way).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, and no summary line: nothing when valid.")
@rule_option("--select", "--rule", "select", help_text="Apply only this rule, opt-in ones too (repeatable).")
@rule_option("--ignore", help_text="Skip this rule (repeatable).")
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
    from lasttrain_awards.validation.rules import Context, select_rules
    from lasttrain_awards.validation.scanner import scan

    context = Context(
        today=today.date() if today else date.today(), max_source_age=max_source_age, link_timeout=link_timeout
    )
    chosen = select_rules(select, ignore, check_links=check_links)

    report = scan(settings.data_dir, context, chosen).report
    if strict:
        report = report.strict()
    if quiet or severity == "error":
        report = report.errors_only()
    emit([report_text(report, fmt, quiet, max_findings or None)])
    sys.exit(0 if report.ok else 1)


@click.command("rules", cls=AwardsCommand, short_help="List the validation rules and what each checks.")
@output_options()
def rules_(fmt: str) -> None:
    """List the validation rules: id, default severity, when they run, what they check.

    \b
    Examples:
      awards rules
      awards rules --format json
    """
    from lasttrain_awards.validation.rules import RULES

    emit(write(fmt, rules_output(RULES.values())))


@click.command("load", cls=AwardsCommand, short_help="Validate the data, then rebuild the database from it.")
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
    from lasttrain_awards.database.loader import load

    if not settings.build:
        raise click.UsageError(
            "`load` builds the database, which --no-build (AWARDS_NO_BUILD) forbids: drop it to load"
        )
    summary = load(settings.engine, settings.data_dir, progress=Progress())
    emit([visible(f"loaded {settings.data_dir} into {summary.database}") + "\n"])
    emit(write("table", load_output(summary.counts)))
    if summary.warnings:
        say(f"{summary.warnings} warning(s): see `awards validate`")


@click.command("ddl", cls=AwardsCommand, short_help="Print the database DDL generated from the models.")
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
