"""Defaults the rules use and the command line shows, importable without loading the rules."""

from __future__ import annotations

DEFAULT_MAX_SOURCE_AGE = 365  # days: stale-source, how long a source's check stays fresh
DEFAULT_LINK_TIMEOUT = 10.0  # seconds: links, how long to wait for each address
KIT_FILE_NAME = "presskit.toml"  # the press-kit file `awards presskit` reads from the working directory
KIT_LANGUAGES = ("en", "fr")  # the press kit's languages (output/language.py), English first: the default
