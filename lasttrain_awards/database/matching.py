"""Case- and accent-insensitive matching of names (event filters)."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Fold case and strip accents, so `montreal` finds Montréal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def like_pattern(text: str, escape: str = "\\") -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally."""
    key = search_key(text)
    for special in (escape, "%", "_"):
        key = key.replace(special, escape + special)
    return f"%{key}%"
