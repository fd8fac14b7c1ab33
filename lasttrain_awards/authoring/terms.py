"""The words the authoring commands take, importable without loading the authoring modules (the command
line builds its options from them)."""

SOURCE_KINDS = (
    "awarding-body",
    "press",
    "makers-or-funders",
    "reference",
    "organisation",
    "blog-mirror-aggregator",
)  # source.schema.json's kind, from the strongest to the weakest
SHEET_FIELDS = (
    "film",
    "year",
    "date",
    "edition",
    "event",
    "category",
    "result",
    "section",
    "recipients",
    "city",
    "country",
)  # what `awards import` reads from a sheet's columns (--column FIELD=HEADER)
