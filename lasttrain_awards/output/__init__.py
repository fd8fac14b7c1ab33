"""Output: turning rows into text and files.

Holds one writer per format in one registry (writers), terminal tables (texttable), the view of each
command (views: headers, rows, JSON), the press-kit sentence (summary), Wikidata QuickStatements
(wikidata) and the atomic file writer (files).

May import: the foundation, `validation` and `database` (the rows it writes come from queries).
"""

from lasttrain_awards.lazy import lazy_exports

__all__ = ["FORMATS", "Output", "summary_sentence", "write", "write_atomically"]
__getattr__ = lazy_exports(
    __name__,
    {
        "FORMATS": "writers",
        "Output": "writers",
        "write": "writers",
        "summary_sentence": "summary",
        "write_atomically": "files",
    },
)
