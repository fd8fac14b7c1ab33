"""The options commands share: filters, formats, addresses, and where a global option goes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from lasttrain_awards.cli.messages import usage_error
from lasttrain_awards.database.queries import RESULTS, STATUSES, YEAR_MAX, YEAR_MIN, Filters
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.output.writers import FORMATS

F = TypeVar("F", bound=Callable[..., Any])
YEAR = click.IntRange(YEAR_MIN, YEAR_MAX)


film_option = click.option(
    "--film",
    "films",
    multiple=True,
    metavar="TEXT",
    help="Only this film: its id, title or another title (case and accents ignored; repeatable).",
)


def film_filter(command: F) -> F:
    """--film alone, for the commands that select by film only (conflicts, refuted)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            kwargs["filters"] = Filters(films=kwargs.pop("films"))
        except AwardsError as exc:
            raise usage_error(exc) from None
        return command(*args, **kwargs)

    return film_option(wrapper)  # type: ignore[return-value]


def filter_options(command: F) -> F:
    """The filters shared by list, export, stats, events, films and presskit; they arrive as one
    `filters` argument."""
    options = [
        film_option,
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
                films=kwargs.pop("films"),
            )
        except AwardsError as exc:
            raise usage_error(exc) from None
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
    help="Count and draw wins that no source states (read from lists of laurels), labelled as such; "
    "implies --include-weak.",
)
include_weak_option = click.option(
    "--include-weak",
    is_flag=True,
    help="Count and draw wins that only an encyclopedia, a catalogue, a blog, a mirror or an aggregator "
    "states (not the awarding body, the press or the film's makers or funders), labelled as such.",
)


GLOBAL_OPTIONS = ("--db", "--data", "--no-build", "--connect-timeout")


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


def _rule_ids(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Rule ids, checked against the registry only when one is given: other commands load no rules."""
    if not values:
        return values
    from lasttrain_awards.validation.rules import RULES

    for value in values:
        if value not in RULES:
            raise click.BadParameter(f"{value!r} is not a rule: choose from {', '.join(sorted(RULES))}", ctx, param)
    return values


def _complete_rule(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from lasttrain_awards.validation.rules import RULES

    return [r for r in sorted(RULES) if r.startswith(incomplete)]


def rule_option(*names: str, help_text: str) -> Callable[[F], F]:
    """--select / --ignore RULE (repeatable)."""
    return click.option(
        *names, multiple=True, metavar="RULE", callback=_rule_ids, shell_complete=_complete_rule, help=help_text
    )
