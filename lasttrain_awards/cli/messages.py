"""What the command line prints besides output: notices, progress, and each failure as one line.

Library exceptions (the AwardsError family, database and OS errors) become one line here and nowhere
else: exit 1, or 2 (a usage error) for a request that cannot be. Every text for a terminal goes
through `visible`, so no file name or value can drive it.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar, runtime_checkable

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from lasttrain_awards.database.engine import shown, sqlite_file
from lasttrain_awards.database.queries import Filters, unjudged
from lasttrain_awards.errors import AwardsError, InvalidData
from lasttrain_awards.safety import visible
from lasttrain_awards.validation.reports import text_report

F = TypeVar("F", bound=Callable[..., Any])


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


def usage_error(exc: AwardsError) -> click.UsageError:
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
                raise usage_error(exc) from None
            raise click.ClickException(visible(str(exc))) from None
        except SQLAlchemyError as exc:
            raise click.ClickException(
                visible(database_message(exc, next((a for a in args if isinstance(a, Connecting)), None)))
            ) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(visible(f"{where}{exc.strerror or exc}")) from None

    return wrapper  # type: ignore[return-value]


def visible_report(text: str) -> str:
    """A report's lines, each with its controls made visible (the line breaks between them kept)."""
    return "".join(visible(line) + "\n" for line in text.splitlines())


@runtime_checkable
class Connecting(Protocol):
    """What a database error's message names: the database, and how long a connection may take."""

    db_url: str
    connect_timeout: int


def database_message(exc: SQLAlchemyError, settings: Connecting | None) -> str:
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


class Unencodable:
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
