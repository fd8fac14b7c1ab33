"""The floor: the least work that builds the same database as `awards load`, for comparison.

    python -m benchmarks.floor --data DIR --db FILE
    python -m benchmarks.floor --data DIR --validate-only

Reads every data file with orjson and validates it with a fastjsonschema validator compiled
from the project's own schemas (cross-file `$ref`s resolved locally, never fetched). Unless
--validate-only, it creates the tables and indexes of db/schema.sql and inserts every row the
project inserts (sources, films, film_facts, events, event_names, edition_anchors, awards,
claims, recipients, metadata) with plain sqlite3 `executemany`, all in one transaction, with
foreign keys enforced as the project's engine does. Like `awards load`, it streams: films,
events and sources are read whole and inserted first, then each awards file is read, checked
and inserted before the next; an invalid file rolls everything back and removes the file.

It does not apply the project's cross-file rules, keep text for placing findings, or swap
the file into place: it is a floor, not a second implementation. It imports nothing from
lasttrain_awards; it does import SQLAlchemy and Click, which the project must use, so that their
start-up is not charged to one side only. It builds with the fastest correct settings for a file
built aside and discarded on failure: no rollback journal, no syncs, secondary indexes after the
rows. With --postgresql it loads a PostgreSQL database with COPY instead. Prints one JSON
line to stdout: what it read, what it inserted and how long the phases took.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click  # noqa: F401 - not used: imported, as the project must, so start-up is charged to both sides
import fastjsonschema
import orjson
import sqlalchemy  # noqa: F401 - the same

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
DDL_FILE = ROOT / "db" / "schema.sql"
SCHEMA_SUFFIX = ".schema.json"
# Folder under data/ -> the schema its files follow.
KINDS: dict[str, str] = {"awards": "awards-file", "events": "event", "films": "film", "sources": "source"}

Validator = Callable[[Any], Any]
Document = tuple[str, str, Any]  # (name relative to the data dir, kind, parsed content)
Row = tuple[Any, ...]
SMALL = ("sources", "films", "events")  # read whole first: in this order they satisfy the foreign keys


class InvalidFile(Exception):
    """A data file that does not parse or does not match its schema."""


@dataclass
class Reader:
    """Reads and validates data files, remembering each file's digest and the time spent."""

    data_dir: Path
    validators: dict[str, Validator]
    digests: dict[str, bytes] = field(default_factory=dict)
    seconds: float = 0.0

    def documents(self, folders: Iterable[str]) -> Iterator[Document]:
        """Each file of these folders, parsed and validated, one at a time."""
        for folder in folders:
            kind = KINDS[folder]
            validate = self.validators[kind]
            for path in sorted((self.data_dir / folder).glob("*.json")):
                start = time.perf_counter()
                name = f"{folder}/{path.name}"
                data = path.read_bytes()
                self.digests[name] = hashlib.sha256(data).digest()
                try:
                    content = orjson.loads(data)
                    validate(content)
                except (orjson.JSONDecodeError, fastjsonschema.JsonSchemaException) as exc:
                    raise InvalidFile(f"{name}: {exc}") from None
                self.seconds += time.perf_counter() - start
                yield name, kind, content

    def fingerprint(self) -> str:
        """One sha256 over every file's digest (by name) and the schemas.

        The same kind of work as the project's `data_fingerprint` metadata row, on the bytes
        already read; not meant to equal the project's value (its scheme may change).
        """
        digest = hashlib.sha256()
        for name in sorted(self.digests):
            digest.update(f"data/{name}\0".encode())
            digest.update(self.digests[name])
        for path in sorted(SCHEMA_DIR.glob("*.json")):
            digest.update(f"schema/{path.name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()


def compile_validators(schema_dir: Path = SCHEMA_DIR) -> dict[str, Validator]:
    """One compiled validator per kind of data file; `$id`s resolve to the local schemas."""
    schemas = {
        path.name.removesuffix(SCHEMA_SUFFIX): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}"))
    }
    by_id = {schema["$id"]: schema for schema in schemas.values()}
    handlers = {"https": by_id.__getitem__}
    return {kind: fastjsonschema.compile(schemas[kind], handlers=handlers) for kind in KINDS.values()}


def search_key(text: str) -> str:
    """Case folded, accents stripped (the project's matching.search_key)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def small_rows(documents: Iterable[Document]) -> dict[str, list[Row]]:
    """The rows of sources, films and events, with the values the project inserts."""
    rows: dict[str, list[Row]] = {t: [] for t in ("sources", "films", "film_facts", "events", "event_names")}
    rows["edition_anchors"] = []
    for file, kind, d in documents:
        get = d.get
        if kind == "source":
            rows["sources"].append(
                (
                    d["id"],
                    d["title"],
                    d["publisher"],
                    d["kind"],
                    get("url"),
                    get("file"),
                    _json(get("quoted_in")) if "quoted_in" in d else None,
                    get("published"),
                    get("language"),
                    get("retrieved"),
                    get("notes"),
                    file,
                )
            )
        elif kind == "film":
            film_id = d["id"]
            rows["films"].append((film_id, d["title"], d["year"], _json(d["directors"]), file))
            for fact, statements in d["facts"].items():
                rows["film_facts"].extend(
                    (film_id, fact, j, _json(s["value"]), s["source"], s["wording"], s.get("qualifier"))
                    for j, s in enumerate(statements)
                )
        else:
            event_id = d["id"]
            rows["events"].append(
                (
                    event_id,
                    d["name"],
                    d["kind"],
                    get("city"),
                    get("country"),
                    d["year_basis"],
                    _json(get("years_without_edition", [])),
                    get("notes"),
                    file,
                )
            )
            # As the project: the id, the name, then each alias; a repeated text keeps its first place.
            roles = {event_id: "id", d["name"]: "name"} | dict.fromkeys(get("aliases", ()), "alias")
            rows["event_names"].extend((event_id, name, role, search_key(name)) for name, role in roles.items())
            rows["edition_anchors"].extend(
                (event_id, e["edition"], e["year"], e["source"]) for e in get("editions", ())
            )
    return rows


def list_key(year: int | None, date: str | None, event_name: str, category: str, award_id: str) -> str:
    """The project's awards.list_key (tables.list_key): the order of every listing, as one text."""
    head = f"{'1' if year is None else '0'}{year or 0:04d}{'1' if date is None else '0'}{date or ''}"
    return "\x01".join((head, event_name, category, award_id))


def award_rows(file: str, records: list[dict[str, Any]], event_names: dict[str, str]) -> dict[str, list[Row]]:
    """The rows of one awards file: its records, their claims and recipients."""
    awards: list[Row] = []
    claims: list[Row] = []
    recipients: list[Row] = []
    for i, a in enumerate(records):
        award_id, get = a["id"], a.get
        awards.append(
            (
                award_id,
                a["film"],
                a["event"],
                get("year"),
                get("edition"),
                get("date"),
                a["category"],
                a["result"],
                get("section"),
                get("status", "active"),
                get("pending", False),
                get("highlight", False),
                get("notes"),
                get("resolution"),
                file,
                f"$[{i}]",
                list_key(get("year"), get("date"), event_names[a["event"]], a["category"], award_id),
                _json([c["source"] for c in a["claims"]]),
                _json([r["name"] for r in get("recipients", ())]),
                any(c.get("result") == a["result"] for c in a["claims"]),
                _json([s["title"] for s in get("shared_with", ())]),
                _json(get("category_aliases", [])),
                _json({m["field"]: m["reasoning"] for m in get("inferred", ())}),
            )
        )
        for j, c in enumerate(a["claims"]):
            cget = c.get
            claims.append(
                (
                    award_id,
                    c["source"],
                    j,
                    c["wording"],
                    cget("year"),
                    cget("edition"),
                    cget("date"),
                    cget("category"),
                    cget("result"),
                    cget("translation"),
                )
            )
        for j, r in enumerate(get("recipients", ())):
            recipients.append((award_id, j, r["name"], r.get("role")))
    return {"awards": awards, "claims": claims, "recipients": recipients}


INSERTS: dict[str, str] = {
    "sources": "INSERT INTO sources (id, title, publisher, kind, url, file, quoted_in, published, language, retrieved, "
    "notes, data_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "films": "INSERT INTO films (id, title, year, directors, data_file) VALUES (?, ?, ?, ?, ?)",
    "film_facts": "INSERT INTO film_facts (film_id, fact, position, value, source_id, wording, qualifier) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events (id, name, kind, city, country, year_basis, years_without_edition, notes, "
    "data_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "event_names": "INSERT INTO event_names (event_id, name, role, search_key) VALUES (?, ?, ?, ?)",
    "edition_anchors": "INSERT INTO edition_anchors (event_id, edition, year, source_id) VALUES (?, ?, ?, ?)",
    "awards": "INSERT INTO awards (id, film_id, event_id, year, edition, date, category, result, section, status, "
    "pending, highlight, notes, resolution, data_file, data_path, list_key, cited_sources, recipient_names, "
    "result_stated, shared_with, category_aliases, inferred) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "claims": "INSERT INTO claims (award_id, source_id, position, wording, year, edition, date, category, result, "
    "translation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "recipients": "INSERT INTO recipients (award_id, position, name, role) VALUES (?, ?, ?, ?)",
    "metadata": 'INSERT INTO metadata ("key", value) VALUES (?, ?)',
}


# The full-text index of db/schema.sql (awards_fts), filled as the project's file is: one INSERT …
# SELECT over the rows, after them, inside the transaction. The same output needs the same work.
SEARCH_FILL = """
INSERT INTO awards_fts (rowid, category, category_aliases, event_names, recipients, shared_with, wordings)
SELECT awards.rowid, awards.category, awards.category_aliases,
  (SELECT group_concat(name, ' ') FROM event_names WHERE event_names.event_id = awards.event_id),
  awards.recipient_names, awards.shared_with,
  (SELECT group_concat(wording || coalesce(' ' || translation, ''), ' ') FROM claims WHERE claims.award_id = awards.id)
FROM awards
"""


def _split_ddl(ddl: str) -> tuple[str, list[str]]:
    """db/schema.sql as a script of its CREATE TABLE statements, and its CREATE INDEX statements."""
    statements = [s.strip() for s in ddl.split(";") if s.strip()]
    tables = [s for s in statements if s.startswith("CREATE TABLE")]
    return ";\n".join(tables) + ";", [s for s in statements if s not in tables]


def _remove(db: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def build(db: Path, reader: Reader) -> Counter[str]:
    """Create the tables and insert every row in one transaction, then commit; rows per table."""
    _remove(db)
    ddl = DDL_FILE.read_text(encoding="utf-8")
    counts: Counter[str] = Counter()
    connection = sqlite3.connect(db, isolation_level=None)  # explicit BEGIN/COMMIT, as the project's engine
    # The fastest correct settings for a file built aside and discarded on failure: no rollback
    # journal, no syncs, and the secondary indexes created after the rows.
    tables, indexes = _split_ddl(ddl)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript("BEGIN;\n" + tables)  # the DDL inside the transaction, as the project's build

        def insert(rows: dict[str, list[Row]]) -> None:
            for table, batch in rows.items():
                if batch:
                    connection.executemany(INSERTS[table], batch)
                    counts[table] += len(batch)

        small = small_rows(reader.documents(SMALL))
        insert(small)
        event_names = {row[0]: row[1] for row in small["events"]}  # (id, name, ...)
        for file, _, records in reader.documents(["awards"]):
            insert(award_rows(file, records, event_names))
        metadata = {
            "data_fingerprint": reader.fingerprint(),
            "layout": hashlib.sha256(ddl.encode()).hexdigest()[:16],  # the project's LAYOUT: a hash of this DDL
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "built_by": "benchmarks.floor",
        }
        for statement in indexes:  # one by one: executescript would commit first
            connection.execute(statement)
        connection.execute(SEARCH_FILL)
        insert({"metadata": list(metadata.items())})
        connection.execute("COMMIT")
    except BaseException:
        connection.close()  # rolls back
        _remove(db)
        raise
    connection.close()
    return counts


COPY_TABLES = ("awards", "claims", "recipients")
COPY_COLUMNS = {
    table: INSERTS[table].split("(", 1)[1].split(")", 1)[0]
    for table in ("sources", "films", "film_facts", "events", "event_names", "edition_anchors", *COPY_TABLES)
}


def build_postgresql(url: str, ddl_file: Path, reader: Reader, data_dir: Path) -> Counter[str]:
    """The same rows into PostgreSQL, in one transaction, through psycopg's COPY.

    Validation first, as `awards load` guarantees on PostgreSQL (invalid data never touches the
    tables): one pass reads and validates every file, a second reads them again and copies.
    """
    import psycopg  # only this mode needs it

    for _ in reader.documents(KINDS):  # the first pass: everything valid, or nothing written
        pass
    reader.digests.clear()
    tables, indexes = _split_ddl(ddl_file.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    with (
        psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection,
        connection.cursor() as cursor,
    ):
        for name in (
            "recipients",
            "claims",
            "awards",
            "refuted_citations",
            "refuted_claims",
            "edition_anchors",
            "event_names",
            "events",
            "film_facts",
            "films",
            "sources",
            "metadata",
        ):
            cursor.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        cursor.execute(tables)

        def copy(rows: dict[str, list[Row]]) -> None:
            for table, batch in rows.items():
                if batch:
                    with cursor.copy(f"COPY {table} ({COPY_COLUMNS[table]}) FROM STDIN") as target:
                        for row in batch:
                            target.write_row(row)
                    counts[table] += len(batch)

        small = small_rows(reader.documents(SMALL))
        copy(small)
        event_names = {row[0]: row[1] for row in small["events"]}
        for file, _, records in reader.documents(["awards"]):
            copy(award_rows(file, records, event_names))
        for statement in indexes:
            cursor.execute(statement)
        cursor.executemany(
            'INSERT INTO metadata ("key", value) VALUES (%s, %s)',
            [("data_fingerprint", reader.fingerprint()), ("built_by", "benchmarks.floor")],
        )
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.floor", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="dataset directory")
    parser.add_argument("--db", type=Path, help="SQLite file to create (replaced if it exists)")
    parser.add_argument("--validate-only", action="store_true", help="parse and validate only")
    parser.add_argument("--postgresql", metavar="URL", help="load into this PostgreSQL database with COPY")
    parser.add_argument(
        "--ddl", type=Path, help="with --postgresql: the PostgreSQL DDL (awards ddl --dialect postgresql)"
    )
    args = parser.parse_args(argv)
    if not args.validate_only and args.db is None and args.postgresql is None:
        parser.error("--db or --postgresql is required unless --validate-only")

    start = time.perf_counter()
    reader = Reader(args.data, compile_validators())
    result: dict[str, Any] = {"compile_s": time.perf_counter() - start}
    start = time.perf_counter()
    try:
        if args.validate_only:
            records = sum(len(d) for _, kind, d in reader.documents(KINDS) if kind == "awards-file")
            result |= {"files": len(reader.digests), "records": records}
        elif args.postgresql:
            counts = build_postgresql(args.postgresql, args.ddl, reader, args.data)
            result |= {"files": len(reader.digests), "records": counts["awards"], "rows": dict(counts)}
        else:
            counts = build(args.db, reader)
            result |= {"files": len(reader.digests), "records": counts["awards"], "rows": dict(counts)}
    except InvalidFile as exc:
        raise SystemExit(f"floor: invalid data: {exc}") from None
    result |= {"read_validate_s": reader.seconds, "total_s": time.perf_counter() - start}
    sys.stdout.write(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}) + "\n")


if __name__ == "__main__":
    main()
