"""Validation: reading and checking a data directory, and reporting what is wrong.

Holds the directory walk (walk), strict JSON (jsonfile, positions), the data's fingerprints
(fingerprint), the JSON Schemas (jsonschemas), validated entries (entries), the rules (rules,
linkcheck), the streaming check itself (scanner) and the reporters of its findings (reports).

May import: the foundation (errors, findings, paths, safety, defaults, processes) only. Nothing here
knows the database or any output.
"""

from lasttrain_awards.lazy import lazy_exports

__all__ = ["RULES", "Context", "Sink", "iter_data_files", "scan", "select_rules", "validate"]
__getattr__ = lazy_exports(
    __name__,
    {
        "scan": "scanner",
        "validate": "scanner",
        "Sink": "scanner",
        "RULES": "rules",
        "Context": "rules",
        "select_rules": "rules",
        "iter_data_files": "walk",
    },
)
