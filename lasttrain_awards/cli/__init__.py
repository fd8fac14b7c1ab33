"""The `awards` command line: options, commands and messages only, over the library.

Each command parses its options, calls the library and prints a view (output.views) through the
writers; library exceptions become one clear line here (messages) and nowhere else.

May import every other part of the package; nothing imports it.
"""

from lasttrain_awards.cli.app import cli, main

__all__ = ["cli", "main"]
