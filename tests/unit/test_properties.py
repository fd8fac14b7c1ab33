"""Property tests: any schema-valid set of records loads and comes back as equal JSON, and any
single mutation that breaks the schema is rejected with a finding at the mutated path.

(hypothesis-jsonschema 0.23 does not run with current Hypothesis, so the strategies are
written here; the text they produce is filtered through the schema's own patterns.)
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lasttrain_awards.database.engine import make_engine
from lasttrain_awards.database.loader import load
from lasttrain_awards.database.queries import RESULTS, Filters, list_awards
from lasttrain_awards.output.views import json_record
from lasttrain_awards.validation.jsonschemas import load_schemas
from lasttrain_awards.validation.scanner import validate
from tests.builders import DATA, copy_dataset

pytestmark = pytest.mark.slow  # Hypothesis: each example validates (and loads) a whole dataset


@functools.cache
def _text_pattern() -> re.Pattern[str]:
    """The schemas' pattern for a text field, read when a strategy first draws (not at import)."""
    return re.compile(load_schemas()["common"]["$defs"]["text"]["pattern"])


@functools.cache
def _sources() -> list[str]:
    """The ids of the bundled dataset's sources, which the records cite."""
    return sorted(p.stem for p in (DATA / "sources").glob("*.json"))


EVENT = {"id": "prop-event", "name": "Property Festival", "kind": "film-festival", "year_basis": "ceremony"}
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda s: bool(_text_pattern().fullmatch(s)))
)


@st.composite
def records(draw: st.DrawFn, n: int) -> dict[str, Any]:
    year = draw(st.none() | st.integers(2009, 2025))
    record: dict[str, Any] = {"id": f"prop-{n}", "film": "last-train-home", "event": "prop-event"}
    if year is not None:
        record["year"] = year
        if draw(st.booleans()):
            month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
            record["date"] = draw(st.sampled_from([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"]))
    record["category"] = f"{draw(texts)} #{n}"  # unique: the duplicates rule is not under test here
    record["result"] = draw(st.sampled_from(RESULTS))
    for optional in ("section", "notes"):
        if draw(st.booleans()):
            record[optional] = draw(texts)
    if draw(st.booleans()):
        record["recipients"] = [{"name": name} for name in draw(st.lists(texts, min_size=1, max_size=3))]
    cited = draw(st.lists(st.sampled_from(_sources()), min_size=1, max_size=3, unique=True))
    record["claims"] = [
        {"source": s, "wording": draw(texts), **({"year": year} if year is not None else {})} for s in cited
    ]
    return record


datasets = st.integers(1, 6).flatmap(lambda k: st.tuples(*(records(i) for i in range(k))))


def _dataset(records_: list[dict[str, Any]]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="awards-prop-"))
    copy_dataset(root / "data")
    (root / "data" / "events" / "prop-event.json").write_text(json.dumps(EVENT), encoding="utf-8")
    (root / "data" / "awards" / "prop-event.json").write_text(
        json.dumps(records_, ensure_ascii=False), encoding="utf-8"
    )
    return root / "data"


@SETTINGS
@given(datasets)
def test_any_valid_dataset_loads_and_exports_back_equal(records_: tuple[dict[str, Any], ...]) -> None:
    data = _dataset(list(records_))
    try:
        _, report = validate(data)
        assert report.ok, [str(f) for f in report.errors]
        engine = make_engine("sqlite://")
        load(engine, data)
        exported = {r["id"]: r for r in map(json_record, list_awards(engine, Filters(event="prop-event")))}
        for record in records_:
            out = exported[record["id"]]
            for key in ("year", "date", "edition", "section", "notes"):
                assert out[key] == record.get(key), key
            assert (out["category"], out["result"], out["event_id"]) == (
                record["category"],
                record["result"],
                "prop-event",
            )
            assert out["recipients"] == [r["name"] for r in record.get("recipients", [])]
            assert out["sources"] == [c["source"] for c in record["claims"]]
    finally:
        shutil.rmtree(data.parent)


# Each mutation breaks one schema constraint and says where the finding must point.
MUTATIONS: dict[str, Callable[[dict[str, Any]], str]] = {
    "year as text": lambda r: (r.__setitem__("year", "2010"), ".year")[1],
    "year out of range": lambda r: (r.__setitem__("year", 3000), ".year")[1],
    "impossible date": lambda r: (r.__setitem__("date", "2010-02-30"), ".date")[1],
    "unknown result": lambda r: (r.__setitem__("result", "winner"), ".result")[1],
    "empty category": lambda r: (r.__setitem__("category", ""), ".category")[1],
    "category with a control character": lambda r: (r.__setitem__("category", "a\u0007b"), ".category")[1],
    "id not a slug": lambda r: (r.__setitem__("id", "Not A Slug"), ".id")[1],
    "no claims": lambda r: (r.__setitem__("claims", []), ".claims")[1],
    "claim without wording": lambda r: (r["claims"][0].pop("wording"), ".claims[0]")[1],
    "misspelt field": lambda r: (r.__setitem__("catgory", "x"), "")[1],
    "missing result": lambda r: (r.pop("result"), "")[1],
    "recipient without name": lambda r: (r.__setitem__("recipients", [{"nme": "x"}]), ".recipients[0]")[1],
}


@SETTINGS
@given(datasets, st.sampled_from(sorted(MUTATIONS)), st.data())
def test_any_schema_breaking_mutation_is_reported_at_its_path(records_, mutation: str, data: st.DataObject) -> None:
    records_ = [json.loads(json.dumps(r)) for r in records_]
    index = data.draw(st.integers(0, len(records_) - 1))
    path = f"$[{index}]" + MUTATIONS[mutation](records_[index])
    root = _dataset(records_)
    try:
        _, report = validate(root)
        assert not report.ok
        schema = [(f.file, f.path) for f in report.errors if f.rule == "schema"]
        assert ("awards/prop-event.json", path) in schema, (mutation, path, schema)
    finally:
        shutil.rmtree(root.parent)


# --- numbers in every numeric field, in every spelling ------------------------------------------


def _spelled(value: int) -> st.SearchStrategy[str]:
    """An integer as JSON may write it: 2010, 2010.0, 2.01e3, 2010E0."""
    return st.sampled_from([str(value), f"{value}.0", f"{value / 1000}e3", f"{value}E0"])


@st.composite
def numbers(draw: st.DrawFn) -> dict[str, str]:
    """The numeric fields of a record and its event: consistent values (so most examples validate and
    load) in random spellings, or now and then an arbitrary number (a fraction, out of range)."""
    year, edition = draw(st.integers(2009, 2025)), draw(st.integers(1, 40))
    anchor_year = year - edition + 1
    values = {
        "year": year,
        "edition": edition,
        "claim year": year,
        "claim edition": edition,
        "anchor edition": 1,
        "anchor year": anchor_year,
        "skipped": 2100,
    }
    spelled = {}
    for field, value in values.items():
        if draw(st.integers(0, 9)) == 0:
            spelled[field] = draw(st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr))
        else:
            spelled[field] = draw(_spelled(value))
    return spelled


def _numbered_dataset(root: Path, numbers: dict[str, str]) -> Path:
    """A copy of the dataset with one event and one record whose numeric fields are spelled as given."""
    data = root / "data"
    copy_dataset(data)
    record = {
        "id": "numbers-record",
        "film": "last-train-home",
        "event": "prop-event",
        "year": "@year",
        "edition": "@edition",
        "category": "A numbered prize",
        "result": "won",
        "claims": [{"source": _sources()[0], "wording": "w", "year": "@claim year", "edition": "@claim edition"}],
    }
    event = EVENT | {
        "editions": [{"edition": "@anchor edition", "year": "@anchor year", "source": _sources()[0]}],
        "years_without_edition": ["@skipped"],
    }
    for path, content in (
        (data / "awards" / "prop-event.json", [record]),
        (data / "events" / "prop-event.json", event),
    ):
        text = json.dumps(content)
        for field, spelling in numbers.items():
            text = text.replace(f'"@{field}"', spelling)
        path.write_text(text, encoding="utf-8")
    return data


@SETTINGS
@given(numbers())
def test_validate_then_load_never_raises_whatever_the_numbers(numbers: dict[str, str]) -> None:
    """Every numeric field, written as an integer, an integral float, an exponent or a fraction: the
    data validates and loads, or it is refused with findings; nothing ever raises past that."""
    root = Path(tempfile.mkdtemp(prefix="awards-numbers-"))
    try:
        data = _numbered_dataset(root, numbers)
        _, report = validate(data)
        event(f"valid: {report.ok}")  # most examples validate and so reach the load (see --hypothesis-show-statistics)
        if report.ok:
            engine = make_engine("sqlite://")
            load(engine, data)
            assert [type(r.year) for r in list_awards(engine, Filters(event="prop-event"))] == [int]
    finally:
        shutil.rmtree(root)


def test_integral_floats_in_every_numeric_field_validate_and_load(tmp_path: Path) -> None:
    spelled = {
        "year": "2010.0",
        "edition": "5.0",
        "claim year": "2.01e3",
        "claim edition": "5E0",
        "anchor edition": "4.0",
        "anchor year": "2009.0",
        "skipped": "2020.0",
    }
    data = _numbered_dataset(tmp_path, spelled)
    _, report = validate(data)
    assert report.ok, [str(f) for f in report.errors]
    engine = make_engine("sqlite://")
    load(engine, data)
    rows = list_awards(engine, Filters(event="prop-event"))
    assert [(r.year, r.edition) for r in rows] == [(2010, 5)]
