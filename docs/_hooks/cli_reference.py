"""The CLI reference (docs/cli.md), written from the Click commands themselves by cog.

    cog -r docs/cli.md        # rewrite it after a change to the commands
    cog --check docs/cli.md   # .ci/run and the checks job: fail when it has drifted

Each section is exactly what `awards -h` and `awards COMMAND -h` print, at a fixed width, so the page
reads the same on GitHub as on the built site, and cannot say what the commands do not.
"""

from __future__ import annotations

import click

from lasttrain_awards.cli import cli

WIDTH = 100  # the help's own max_content_width (cli/app.py)


def _help(command: click.Command, name: str, parent: click.Context | None) -> tuple[click.Context, str]:
    settings = command.context_settings | {"terminal_width": WIDTH, "max_content_width": WIDTH}
    context = click.Context(command, info_name=name, parent=parent, **settings)
    return context, command.get_help(context)


def markdown() -> str:
    """The reference: the group's help, then each command's, in the order `awards -h` lists them."""
    root, text = _help(cli, "awards", None)
    sections = [f"## awards\n\n```text\n{text}\n```\n"]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        assert command is not None
        _, text = _help(command, name, root)
        sections.append(f"## awards {name}\n\n```text\n{text}\n```\n")
    return "\n".join(sections)
