"""An MkDocs hook: the "Examples:" block of each command's help, which a terminal shows one per line,
becomes a code block in the generated CLI reference (mkdocs-click renders it as one paragraph)."""

from __future__ import annotations

import re
from typing import Any

_EXAMPLES = re.compile(r"<p>Examples:\n((?:  [^\n]*(?:\n|(?=</p>)))+)</p>")


def _as_code(match: re.Match[str]) -> str:
    lines = [line[2:] for line in match[1].splitlines()]
    return "<p>Examples:</p>\n<pre><code>" + "\n".join(lines) + "</code></pre>"


def on_page_content(html: str, **_: Any) -> str:
    return _EXAMPLES.sub(_as_code, html)
