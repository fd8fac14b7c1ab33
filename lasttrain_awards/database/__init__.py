"""The database: building it from a validated dataset and reading it back.

Holds the SQL tables (tables) and their ORM mapping (models), engines and what a database file is
(engine), the load (loader), the rebuild policy (freshness), the queries every command reads
(queries), the conflicts between sources (conflicts), name matching (matching) and Datasette (browse).

May import: the foundation and `validation` (a load validates first). Nothing here writes an output.
"""

from lasttrain_awards.lazy import lazy_exports

__all__ = ["AwardRow", "Filters", "ensure_current", "iter_awards", "list_awards", "load", "make_engine"]
__getattr__ = lazy_exports(
    __name__,
    {
        "load": "loader",
        "ensure_current": "freshness",
        "make_engine": "engine",
        "Filters": "queries",
        "AwardRow": "queries",
        "iter_awards": "queries",
        "list_awards": "queries",
    },
)
