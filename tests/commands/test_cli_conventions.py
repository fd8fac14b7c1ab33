"""The command line follows its neighbours' conventions: examples and help everywhere, one line per
command in `awards --help`, a hint for a global option put after the command, -q and --severity,
NDJSON and TSV wherever CSV is offered, shell completion, and listings that fit the terminal (how a table
wraps between words: tests/unit/test_rendering.py)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from lasttrain_awards.cli import cli
from lasttrain_awards.cli.options import GLOBAL_OPTIONS

COMMANDS = sorted(cli.commands)


def _examples(command: click.Command) -> list[list[str]]:
    """The example command lines of a help text, without pipes, redirections and comments."""
    lines = (command.help or "").split("Examples:", 1)[1].splitlines() if "Examples:" in (command.help or "") else []
    found = []
    for line in lines:
        line = line.split("#", 1)[0].split(" | ", 1)[0].split(" > ", 1)[0].strip()
        if line.startswith("awards "):
            found.append(shlex.split(line)[1:])
    return found


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples_that_parse(name: str) -> None:
    examples = _examples(cli.commands[name])
    assert examples, f"`awards {name} -h` shows no example"
    for args in examples:
        # --help after the arguments: Click parses every option before it answers, so a renamed or
        # misspelt option in an example fails here (a usage error, exit 2)
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, (args, result.output)


def test_the_group_help_has_examples_that_parse() -> None:
    for args in _examples(cli):
        assert CliRunner().invoke(cli, [*args, "--help"]).exit_code == 0, args


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    for param in cli.commands[name].params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"awards {name} {param.opts[0]} has no help"


def test_the_command_list_fits_one_line_per_command() -> None:
    output = CliRunner().invoke(cli, ["--help"], terminal_width=80, env={"COLUMNS": "80"}).output
    listing = output.split("Commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[0] for line in listing] == COMMANDS  # one line each: no continuation lines
    assert all(len(line) <= 80 and not line.rstrip().endswith("...") for line in listing), listing


@pytest.mark.parametrize("option", GLOBAL_OPTIONS)
def test_a_global_option_after_the_command_says_where_it_goes(option: str) -> None:
    args = ["list", option] + ([] if option == "--no-build" else ["x"])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"{option} is an option of `awards` itself: put it before the command" in result.output


def test_an_unknown_option_is_still_a_plain_usage_error() -> None:
    result = CliRunner().invoke(cli, ["list", "--colour"])
    assert result.exit_code == 2 and "No such option '--colour'" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_ndjson_and_tsv_wherever_csv_is_offered(name: str) -> None:
    for param in cli.commands[name].params:
        if param.name == "fmt" and isinstance(param.type, click.Choice) and "csv" in param.type.choices:
            assert {"tsv", "ndjson"} <= set(param.type.choices), name


def test_quiet_validate_prints_errors_only(awards, data_dir) -> None:
    full = awards("validate")
    assert full.exit_code == 0 and "warning [" in full.stdout  # the bundled data carries warnings
    quiet = awards("validate", "-q")
    assert quiet.exit_code == 0 and quiet.stdout == ""  # valid: nothing at all
    (data_dir / "awards" / "broken.json").write_text("[{", encoding="utf-8")
    broken = awards("validate", "-q")
    assert broken.exit_code == 1
    assert broken.stdout.splitlines() and all("error [" in line for line in broken.stdout.splitlines())


def test_severity_error_counts_the_warnings_it_hides(awards) -> None:
    full = json.loads(awards("validate", "--format", "json").stdout)
    shown = awards("validate", "--severity", "error")
    assert "warning [" not in shown.stdout
    assert f"{len(full['warnings'])} warning(s) ({len(full['warnings'])} not shown)" in shown.stdout
    hidden = json.loads(awards("validate", "--format", "json", "--severity", "error").stdout)
    assert hidden["warnings"] == [] and hidden["hidden_warnings"] == len(full["warnings"])


def test_stats_tables_read_as_words_and_name_events(awards) -> None:
    table = awards("stats", "--format", "csv").stdout.splitlines()
    assert table[0] == "Counted by,Value,Accolades"
    assert any(line.startswith("Event,International Documentary Film Festival Amsterdam,") for line in table)
    counts = json.loads(awards("stats", "--format", "json").stdout)
    assert "idfa" in counts["by_event"]  # JSON keeps the data's ids


def test_list_and_export_join_sources_alike(awards) -> None:
    listed = awards("list", "--year", "2009", "--format", "csv").stdout
    exported = awards("export", "--year", "2009", "--format", "csv").stdout
    assert "Wikipedia; ITVS" in listed and "Wikipedia; ITVS" in exported


def test_shell_completion_script_is_available() -> None:
    env = {**os.environ, "_AWARDS_COMPLETE": "bash_source"}
    result = subprocess.run(
        [sys.executable, "-c", "from lasttrain_awards.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "complete " in result.stdout and "_AWARDS_COMPLETE" in result.stdout


@pytest.mark.parametrize("columns", [70, 80])
def test_the_listing_fits_the_terminal(awards, columns: int) -> None:
    result = awards("list", "--year", "2010", env={"COLUMNS": str(columns)})
    assert max(len(line) for line in result.stdout.splitlines()) <= columns


FORMAT_RUNS = [
    (name, fmt)
    for name in COMMANDS
    for param in cli.commands[name].params
    if param.name == "fmt" and isinstance(param.type, click.Choice)
    for fmt in param.type.choices
]


@pytest.mark.parametrize(("name", "fmt"), FORMAT_RUNS, ids=[f"{n}-{f}" for n, f in FORMAT_RUNS])
def test_every_command_runs_in_every_format_it_offers(awards, name: str, fmt: str) -> None:
    # The bundled record holds no Wikidata id yet: its QuickStatements state nothing, which says so (exit
    # 1) unless --allow-empty (tests/commands/test_wikidata.py).
    allow_empty = ["--allow-empty"] if (name, fmt) == ("export", "quickstatements") else []
    result = awards(name, "--format", fmt, *allow_empty)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.strip() or allow_empty
    if fmt == "ndjson":
        assert all(isinstance(json.loads(line), dict) for line in result.stdout.splitlines())
