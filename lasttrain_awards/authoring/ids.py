"""Ids made from names: lower-case ASCII letters, digits and single hyphens, as common.schema.json's slug."""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_LENGTH = 120  # common.schema.json's slug


def is_slug(text: str) -> bool:
    return len(text) <= MAX_LENGTH and SLUG.fullmatch(text) is not None


def slug(text: str, fallback: str = "") -> str:
    """An id from a name: accents and apostrophes dropped, every other run of punctuation a hyphen
    ("Canada's Top Ten" is canadas-top-ten, "Montréal" montreal).

    A name with no Latin letter or digit gives `fallback` and a short hash of the name (or "" without a
    fallback); one too long is cut at a hyphen and ends with a short hash, so two long names stay apart.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "")).strip("-")
    if not words:
        return f"{fallback}-{_digest(text)}" if fallback else ""
    return cut(words)


def cut(words: str) -> str:
    """A slug of at most MAX_LENGTH characters: a longer one is cut at a hyphen, with a short hash."""
    if len(words) <= MAX_LENGTH:
        return words
    head = words[: MAX_LENGTH - 9].rstrip("-")
    head = head.rsplit("-", 1)[0] if "-" in head else head
    return f"{head}-{_digest(words)}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
