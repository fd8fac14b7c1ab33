"""Authoring: starting a film's record and taking in the accolades a spreadsheet lists.

Holds the scaffold of a new data repository and of a film added to one (scaffold, with its files in
templates/: `awards init`), the reading of a spreadsheet of accolades as text (sheet), the rows turned
into records, events and a source, merged with a dataset and checked before anything is written
(importer: `awards import`), ids (ids) and a set of files written as one change, all or nothing
(changes).

May import: the foundation, `validation` (to check what it would write), `output` (the export's
columns, the atomic writers) and `database` (the names' matching). Nothing imports it but the command
line.
"""

from lasttrain_awards.lazy import lazy_exports

__all__ = ["Film", "NewSource", "add_film", "apply_plan", "new_repository", "plan_import"]
__getattr__ = lazy_exports(
    __name__,
    {
        "Film": "scaffold",
        "add_film": "scaffold",
        "new_repository": "scaffold",
        "NewSource": "importer",
        "apply_plan": "importer",
        "plan_import": "importer",
    },
)
